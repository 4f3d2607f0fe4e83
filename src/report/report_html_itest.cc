// report.html in a real browser: runs `interdict investigate` on the fixture world
// (tests/data/world plus the overlay tests/data/report: an AIS track with a gap and an
// encounter, two declarations that must be quarantined), then loads the report in headless
// Chromium and checks the DOM it built and the console messages it logged.
// Skips when no chromium/chromium-browser/google-chrome is installed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <regex>

#include "testutil.h"

namespace interdict {
namespace {
namespace fs = std::filesystem;

struct RunResult {
  int code = -1;
  std::string out;
};

RunResult Shell(const std::string& cmd) {
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string Browser() {
  for (const char* b : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
    RunResult r = Shell(std::string("command -v ") + b + " 2>/dev/null");
    if (r.code == 0 && !r.out.empty()) return b;
  }
  return "";
}

size_t Count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t i = 0; (i = s.find(needle, i)) != std::string::npos; i += needle.size()) ++n;
  return n;
}

// Console messages Chromium logs at --enable-logging=stderr --v=0, e.g.
//   [..:INFO:CONSOLE(12)] "Uncaught ReferenceError: x is not defined", source: file:///...
//   [..:INFO:CONSOLE:0] "Error: <path> attribute d: Expected number, "M x".", source: ...
std::vector<std::string> ConsoleErrors(const std::string& log) {
  std::vector<std::string> out;
  std::istringstream in(log);
  std::string line;
  while (std::getline(in, line))
    if (line.find("CONSOLE") != std::string::npos &&
        (line.find("rror") != std::string::npos || line.find("Uncaught") != std::string::npos))
      out.push_back(line);
  return out;
}

struct Page {
  int code = -1;
  std::string dom, log;
};

// Loads `html` in headless Chromium: the serialised DOM on stdout, the log on stderr.
Page Load(const std::string& browser, const std::string& html, const std::string& tmp) {
  std::string profile = tmp + "/profile";
  std::string cmd = "timeout 120 " + browser +
                    " --headless=new --disable-gpu --no-sandbox --no-first-run"
                    " --disable-extensions --user-data-dir=" +
                    profile +
                    " --enable-logging=stderr --v=0 --virtual-time-budget=5000"
                    " --dump-dom 'file://" +
                    html + "' 2>" + tmp + "/chromium.log";
  RunResult r = Shell(cmd);
  Page p;
  p.code = r.code;
  p.dom = r.out;
  p.log = testing::ReadFile(tmp + "/chromium.log");
  return p;
}

class ReportHtml : public ::testing::Test {
 protected:
  void SetUp() override {
    browser_ = Browser();
    if (browser_.empty())
      GTEST_SKIP() << "needs headless Chromium (apt-get install chromium; scripts/setup.sh "
                      "installs it) to render report.html";
    tmp_ = testing::MakeTempDir();
  }
  std::string browser_, tmp_;
};

// The console check itself works: a page with a script error and a malformed SVG path
// must be caught, otherwise a clean report proves nothing.
TEST_F(ReportHtml, ConsoleErrorsAreDetected) {
  std::string html = tmp_ + "/broken.html";
  testing::WriteFile(html,
                     "<!DOCTYPE html><html><body><svg><path d=\"M x y\"/></svg>"
                     "<script>console.error('probe-error'); undefinedFunction();</script>"
                     "<p id=\"ok\">rendered</p></body></html>");
  Page p = Load(browser_, html, tmp_);
  ASSERT_EQ(p.code, 0) << p.log;
  EXPECT_NE(p.dom.find("id=\"ok\""), std::string::npos) << p.dom;
  std::string errors;
  for (const auto& e : ConsoleErrors(p.log)) errors += e + "\n";
  EXPECT_NE(errors.find("probe-error"), std::string::npos) << p.log;
  EXPECT_NE(errors.find("undefinedFunction"), std::string::npos) << p.log;
}

TEST_F(ReportHtml, RendersMapNetworksAndQuarantineWithoutConsoleErrors) {
  // The input: the fixture world with the report overlay copied over it.
  std::string in = tmp_ + "/in", out = tmp_ + "/out";
  fs::copy(testing::TestDataDir() + "/world", in, fs::copy_options::recursive);
  fs::copy(testing::TestDataDir() + "/report", in,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  fs::remove(in + "/README.md");
  std::string bin = std::string(INTERDICT_BINARY_DIR) + "/src/cli/interdict";
  ASSERT_TRUE(fs::exists(bin)) << bin;
  RunResult inv = Shell(bin + " investigate " + in + " --out " + out + " 2>&1");
  ASSERT_EQ(inv.code, 0) << inv.out;
  std::string html = out + "/report.html";
  ASSERT_TRUE(fs::exists(html));
  std::string file = testing::ReadFile(html);
  EXPECT_EQ(file.find("http://"), std::string::npos);
  EXPECT_EQ(file.find("https://"), std::string::npos);

  Page p = Load(browser_, html, tmp_);
  ASSERT_EQ(p.code, 0) << p.log;
  const std::string& dom = p.dom;
  // It rendered: the sections are in the DOM Chromium built.
  for (const char* id : {"summary", "leads", "map", "ingest"})
    EXPECT_NE(dom.find(std::string("<section id=\"") + id + "\""), std::string::npos) << id;
  std::vector<std::string> errors = ConsoleErrors(p.log);
  EXPECT_TRUE(errors.empty()) << errors.size() << " console errors, first: " << errors[0];

  // The map: Natural Earth land when this build embedded it, the AIS track of SEA PHOENIX
  // (MMSI 613000111) with its 19 h gap drawn dashed, the gap and encounter events, ports.
  size_t map_at = dom.find("id=\"map-svg\"");
  ASSERT_NE(map_at, std::string::npos);
  std::string map = dom.substr(map_at, dom.find("</svg>", map_at) - map_at);
  if (map.find("data-land=\"natural-earth\"") != std::string::npos) {
    // The view is fitted to Hamburg..Mersin: Europe, North Africa and the Middle East.
    EXPECT_GE(Count(map, "class=\"land\""), 3u) << "land paths";
  } else {
    EXPECT_NE(map.find("Coastlines not embedded"), std::string::npos);
    std::cerr << "note: this build has no web/node_modules/world-atlas; map is graticule only\n";
  }
  EXPECT_NE(map.find("data-mmsi=\"613000111\""), std::string::npos);
  EXPECT_GE(Count(map, "class=\"track\""), 2u) << "track runs before and after the gap";
  EXPECT_GE(Count(map, "class=\"track-gap\""), 1u);
  EXPECT_NE(map.find("data-type=\"gap\""), std::string::npos);
  EXPECT_NE(map.find("data-type=\"encounter\""), std::string::npos);
  for (const char* port : {"DEHAM", "TRMER", "AEJEA"}) EXPECT_NE(map.find(port), std::string::npos);

  // Every top lead has its network: an SVG with as many node groups as it says, and edges.
  size_t leads = Count(dom, "<div class=\"lead");
  ASSERT_GE(leads, 3u);
  std::regex net_re(
      "<svg class=\"lead-network\" data-lead=\"(\\d+)\" data-nodes=\"(\\d+)\" "
      "data-edges=\"(\\d+)\"");
  size_t nets = 0;
  for (std::sregex_iterator it(dom.begin(), dom.end(), net_re), end; it != end; ++it) {
    ++nets;
    size_t at = static_cast<size_t>(it->position());
    std::string svg = dom.substr(at, dom.find("</svg>", at) - at);
    int nodes = std::stoi((*it)[2]), edges = std::stoi((*it)[3]);
    EXPECT_GE(nodes, 2) << "lead " << (*it)[1];
    EXPECT_GE(edges, 1) << "lead " << (*it)[1];
    EXPECT_EQ(Count(svg, "<g class=\"node\""), static_cast<size_t>(nodes)) << "lead " << (*it)[1];
    EXPECT_EQ(Count(svg, "<line class=\"edge\""), static_cast<size_t>(edges))
        << "lead " << (*it)[1];
  }
  EXPECT_EQ(nets, leads);
  // The shipment of SEA PHOENIX links the declaration to the vessel and its parties.
  EXPECT_NE(dom.find("Declaration D-2024-0107"), std::string::npos);

  // Ingest: per-file counts and the two quarantined declarations with file, line, field.
  size_t q_at = dom.find("<table class=\"quarantine\"");
  ASSERT_NE(q_at, std::string::npos) << "no quarantine table";
  std::string q = dom.substr(q_at, dom.find("</table>", q_at) - q_at);
  EXPECT_EQ(Count(q, "<tr>") - 1, 2u) << q;
  EXPECT_NE(q.find("trade/declarations_late.csv"), std::string::npos) << q;
  EXPECT_NE(q.find("declaration_date"), std::string::npos) << q;
  EXPECT_NE(q.find("vessel_imo"), std::string::npos) << q;
  EXPECT_NE(q.find("D-2024-0901"), std::string::npos) << q;
  EXPECT_NE(q.find("D-2024-0902"), std::string::npos) << q;
  EXPECT_NE(dom.find("AIS: 2 tracks"), std::string::npos);
}

}  // namespace
}  // namespace interdict
