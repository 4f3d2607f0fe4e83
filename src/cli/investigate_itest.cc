// End-to-end tests of `interdict investigate` on the hand-made fixture world
// (tests/data/world) and on corrupted and interrupted inputs.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "core/csv.h"
#include "interdict/store.h"
#include "testutil.h"

namespace interdict {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

struct RunResult {
  int code;
  std::string out;
};

RunResult RunCli(const std::string& args) {
  std::string cmd = std::string(INTERDICT_BIN) + " " + args + " 2>&1";
  RunResult r{-1, ""};
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::vector<json> ReadJsonl(const std::string& path) {
  std::vector<json> out;
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    auto j = json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ":" << n << " does not parse: " << line;
    out.push_back(j);
  }
  return out;
}

std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::string data = testing::ReadFile(path);
  CsvReader r(data);
  CsvRecord rec;
  std::vector<std::vector<std::string>> rows;
  while (r.Next(&rec)) rows.push_back(rec.fields);
  return rows;
}

const char* kOutputs[] = {"leads.jsonl",        "declarations.csv", "entities.jsonl",
                          "vessels.jsonl",      "events.jsonl",     "entities.ftm.jsonl",
                          "network.graphml",    "report.html"};

class FixtureWorld : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_ = new std::string(testing::MakeTempDir() + "/out");
    auto r = RunCli("investigate " + testing::TestDataDir() + "/world --out " + *out_);
    ASSERT_EQ(r.code, 0) << r.out;
    log_ = new std::string(r.out);
  }
  static std::string* out_;
  static std::string* log_;
};
std::string* FixtureWorld::out_ = nullptr;
std::string* FixtureWorld::log_ = nullptr;

TEST_F(FixtureWorld, WritesEveryOutputAndJsonlParses) {
  for (const char* f : kOutputs) EXPECT_TRUE(fs::exists(*out_ + "/" + f)) << f;
  for (const char* f : {"leads.jsonl", "entities.jsonl", "vessels.jsonl", "events.jsonl",
                        "entities.ftm.jsonl"})
    ReadJsonl(*out_ + "/" + f);
  // 21 data rows in the fixture's declarations.csv, one output row each.
  auto rows = ReadCsv(*out_ + "/declarations.csv");
  ASSERT_EQ(rows.size(), 22u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"declaration_id", "rank", "score", "flags"}));
  std::set<std::string> ids;
  for (size_t i = 1; i < rows.size(); ++i) ids.insert(rows[i][0]);
  EXPECT_EQ(ids.size(), 21u);
}

TEST_F(FixtureWorld, PlantedDiversionRanksFirstWithItsFlags) {
  auto rows = ReadCsv(*out_ + "/declarations.csv");
  std::map<std::string, std::vector<std::string>> by_id;
  for (size_t i = 1; i < rows.size(); ++i) by_id[rows[i][0]] = rows[i];
  std::set<std::string> planted = {"D-2024-0107", "D-2024-0113", "D-2024-0121"};
  for (const auto& id : planted) {
    ASSERT_TRUE(by_id.count(id)) << id;
    int rank = std::stoi(by_id[id][1]);
    EXPECT_LE(rank, 3) << id << " ranked " << rank;
    const std::string& flags = by_id[id][3];
    for (const char* code : {"SCR-IMO", "TRD-CHPL", "TRD-HUB-ROUTE", "NET-OFAC-50",
                             "TRD-LIC-EXPIRED", "TRD-LIC-END-USER"})
      EXPECT_NE(flags.find(code), std::string::npos) << id << " lacks " << code << ": " << flags;
  }
  // Legitimate licensed CHPL trade to an allied destination is not flagged for licences.
  EXPECT_EQ(by_id["D-2024-0102"][3].find("TRD-LIC"), std::string::npos) << by_id["D-2024-0102"][3];
}

TEST_F(FixtureWorld, LeadsCarryEvidenceBackToSourceRecords) {
  auto leads = ReadJsonl(*out_ + "/leads.jsonl");
  ASSERT_GE(leads.size(), 3u);
  const json& top = leads[0];
  EXPECT_EQ(top["rank"], 1);
  EXPECT_EQ(top["kind"], "shipment");
  double prev = 2;
  for (const auto& l : leads) {
    double s = l["score"].get<double>();
    EXPECT_LE(s, prev);
    EXPECT_GE(s, 0.0);
    EXPECT_LE(s, 1.0);
    prev = s;
  }
  // The 50 % rule finding cites the two ownership records and the end user's registry record.
  bool saw_ofac50 = false, saw_list_record = false;
  for (const auto& f : top["flags"]) {
    std::set<std::string> ev;
    for (const auto& e : f["evidence"]) ev.insert(e["record_id"].get<std::string>());
    if (f["code"] == "NET-OFAC-50") {
      saw_ofac50 = true;
      EXPECT_TRUE(ev.count("own-1") && ev.count("own-2")) << f.dump();
    }
    if (f["code"] == "SCR-IMO") {
      for (const auto& e : f["evidence"])
        if (e["source"] == "sanctions/sdn.csv" && e["record_id"] == "90004") saw_list_record = true;
    }
  }
  EXPECT_TRUE(saw_ofac50);
  EXPECT_TRUE(saw_list_record) << top.dump(2);
  // The vessel and the end user are in `related`.
  auto vessels = top["related"]["vessels"];
  EXPECT_NE(std::find(vessels.begin(), vessels.end(), "9312456"), vessels.end());
}

// Every evidence reference of every lead names an input file and a record in it: a CSV row
// whose first field (the record id column of every canonical and list format) is the
// record id, or a JSON line whose "id" is. "derived" evidence (computed) is exempt.
TEST_F(FixtureWorld, EveryLeadEvidenceWalksBackToAnInputRecord) {
  const std::string in = testing::TestDataDir() + "/world/";
  std::map<std::string, std::set<std::string>> ids;  // source -> record ids in it
  auto ids_of = [&](const std::string& source) -> const std::set<std::string>& {
    auto it = ids.find(source);
    if (it != ids.end()) return it->second;
    std::set<std::string>& s = ids[source];
    if (source.size() > 4 && source.substr(source.size() - 4) == ".csv") {
      auto rows = ReadCsv(in + source);
      // From row 0: OFAC's legacy CSV has no header (a header's first field is a column
      // name, never a record id).
      for (const auto& row : rows)
        if (!row.empty()) s.insert(row[0]);
    } else {
      for (const auto& j : ReadJsonl(in + source))
        if (j.contains("id") && j["id"].is_string()) s.insert(j["id"].get<std::string>());
    }
    return s;
  };
  auto leads = ReadJsonl(*out_ + "/leads.jsonl");
  ASSERT_FALSE(leads.empty());
  size_t checked = 0;
  for (const auto& l : leads)
    for (const auto& f : l["flags"]) {
      EXPECT_FALSE(f["evidence"].empty()) << l["lead_id"] << " " << f["code"];
      for (const auto& e : f["evidence"]) {
        std::string src = e["source"], id = e["record_id"];
        if (src == "derived") continue;
        ASSERT_TRUE(std::filesystem::exists(in + src)) << src << " cited by " << l["lead_id"];
        EXPECT_TRUE(ids_of(src).count(id))
            << "lead " << l["lead_id"] << " flag " << f["code"] << " cites " << src << " record "
            << id << ", which that file does not have";
        ++checked;
      }
    }
  EXPECT_GT(checked, 50u);
}

TEST_F(FixtureWorld, EntitiesShowSanctionsAndOwnership) {
  auto ents = ReadJsonl(*out_ + "/entities.jsonl");
  bool tk = false, listed = false;
  for (const auto& e : ents) {
    if (e["id"] == "reg-tk") {
      tk = true;
      EXPECT_NEAR(e["sanctioned_ownership_pct"].get<double>(), 55.0, 1e-9);
      std::set<std::string> refs;
      for (const auto& r : e["referents"]) refs.insert(r.get<std::string>());
      // Registry record and the declarations that name it as end user.
      EXPECT_TRUE(refs.count("reg-tk")) << e.dump();
      EXPECT_TRUE(refs.count("D-2024-0107")) << e.dump();
    }
    if (e["id"] == "ofac-90001") {
      listed = true;
      EXPECT_TRUE(e["sanctioned"].get<bool>());
    }
  }
  EXPECT_TRUE(tk);
  EXPECT_TRUE(listed);
}

TEST_F(FixtureWorld, ReportsIngestCountsAndRerunIsIdempotent) {
  EXPECT_NE(log_->find("quarantined"), std::string::npos) << *log_;
  auto again = RunCli("investigate " + testing::TestDataDir() + "/world --out " + *out_);
  ASSERT_EQ(again.code, 0) << again.out;
  EXPECT_NE(again.out.find("unchanged"), std::string::npos) << again.out;
  auto store = OpenSqliteStore(*out_ + "/interdict.db");
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->Verify().ok());
  auto log = (*store)->IngestLog();
  ASSERT_TRUE(log.ok());
  std::vector<IngestLogEntry> entries = *log;
  ASSERT_FALSE(entries.empty());
  for (const auto& l : entries) EXPECT_EQ(l.records_in, l.stored + l.quarantined) << l.path;
}

std::string DeclHeader() {
  return "declaration_id,declaration_date,hs_code,goods_description,vessel_imo,exporter_country,"
         "quantity\n";
}

TEST(Corruption, BadRecordsAreQuarantinedWithFileLineAndField) {
  std::string dir = testing::MakeTempDir();
  std::string in = dir + "/in";
  testing::WriteFile(in + "/declarations.csv",
                     DeclHeader() +
                         "D-1,2024-01-05,854231,chips,9312456,DE,10\n"   // line 2 ok
                         "D-2,2024-13-05,854231,chips,,DE,10\n"          // line 3 bad date
                         "D-3,2024-01-05,854231,chips,9312457,DE,10\n"   // line 4 bad IMO check
                         "D-4,2024-01-05,854231,chips\n"                 // line 5 wrong columns
                         "D-5,2024-01-05,854231,chips \xff\xfe,,DE,10\n"  // line 6 bad UTF-8
                         "D-6,2024-01-0");                               // line 7 truncated
  auto r = RunCli("investigate " + in + " --out " + dir + "/out");
  ASSERT_EQ(r.code, 0) << r.out;
  auto store = OpenSqliteStore(dir + "/out/interdict.db");
  ASSERT_TRUE(store.ok());
  auto qr = (*store)->Quarantine();
  ASSERT_TRUE(qr.ok());
  std::vector<QuarantineEntry> q = *qr;
  std::map<int64_t, QuarantineEntry> by_line;
  for (const auto& e : q) by_line[e.line] = e;
  ASSERT_TRUE(by_line.count(3) && by_line.count(4) && by_line.count(5) && by_line.count(6) &&
              by_line.count(7))
      << r.out;
  EXPECT_EQ(by_line[3].field, "declaration_date");
  EXPECT_EQ(by_line[4].field, "vessel_imo");
  EXPECT_EQ(by_line[3].file, "declarations.csv");
  auto logr = (*store)->IngestLog();
  ASSERT_TRUE(logr.ok());
  std::vector<IngestLogEntry> log = *logr;
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].records_in, 6);
  EXPECT_EQ(log[0].records_in, log[0].stored + log[0].quarantined);
  EXPECT_EQ(log[0].quarantined, 5);
  EXPECT_EQ(log[0].stored, 1);
  // The console names file, line and field.
  EXPECT_NE(r.out.find("declarations.csv:3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("declaration_date"), std::string::npos) << r.out;
}

TEST(Crash, KilledMidIngestLeavesConsistentStore) {
  std::string dir = testing::MakeTempDir();
  std::string in = dir + "/in";
  {
    std::ostringstream os;
    os << DeclHeader();
    for (int i = 0; i < 400000; ++i)
      os << "D-" << i << ",2024-01-05,854231,integrated circuits lot " << i << ",,DE," << i % 97
         << "\n";
    testing::WriteFile(in + "/declarations.csv", os.str());
  }
  std::string db = dir + "/store.db";
  std::string out = dir + "/out";
  // Kill at a few different moments; each time the store must verify.
  for (int delay_ms : {150, 600}) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      execl(INTERDICT_BIN, INTERDICT_BIN, "investigate", in.c_str(), "--out", out.c_str(), "--db",
            db.c_str(), "-q", static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int st = 0;
    waitpid(pid, &st, 0);
    if (fs::exists(db)) {
      auto store = OpenSqliteStore(db);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      EXPECT_TRUE((*store)->Verify().ok()) << (*store)->Verify().ToString();
      int64_t n = *(*store)->CountRecords();
      EXPECT_TRUE(n == 0 || n == 400000) << "partial ingest visible: " << n;
    }
  }
  auto r = RunCli("investigate " + in + " --out " + out + " --db " + db + " -q");
  ASSERT_EQ(r.code, 0) << r.out;
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->Verify().ok());
  EXPECT_EQ(*(*store)->CountRecords(), 400000);
  EXPECT_EQ((*store)->IngestLog()->size(), 1u);
}

void CheckAllOutputs(const std::string& out) {
  for (const char* f : kOutputs) EXPECT_TRUE(fs::exists(out + "/" + f)) << f;
  for (const char* f : {"leads.jsonl", "entities.jsonl", "vessels.jsonl", "events.jsonl",
                        "entities.ftm.jsonl"})
    ReadJsonl(out + "/" + f);
}

// The whole tests/data tree: fixtures of every format, including the corrupt ones, which are
// quarantined (or reported as unreadable) without stopping the job.
TEST(WholeTestData, EveryFixtureIngestsOrIsReported) {
  std::string out = testing::MakeTempDir() + "/out";
  auto r = RunCli("investigate " + testing::TestDataDir() + " --out " + out);
  ASSERT_EQ(r.code, 0) << r.out;
  CheckAllOutputs(out);
  auto store = OpenSqliteStore(out + "/interdict.db");
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->Verify().ok());
  auto qr = (*store)->Quarantine();
  ASSERT_TRUE(qr.ok());
  EXPECT_GT(qr->size(), 5u);
  for (const auto& q : *qr) {
    EXPECT_FALSE(q.file.empty());
    EXPECT_FALSE(q.reason.empty()) << q.ToString();
  }
}

// The real OFAC SDN (2024-05-03) with the 2025-01 companion files, beside the fixture
// world's trade data. Symlinked into a temp folder: nothing from ../shared is copied.
TEST(RealLists, SdnIngestsAndEveryOutputIsWritten) {
  std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "needs ../shared/data/sanctions/ofac (absent)";
  std::string dir = testing::MakeTempDir();
  std::string in = dir + "/in";
  fs::create_directories(in + "/sanctions");
  fs::create_symlink(shared + "/sanctions/ofac/sdn_2024-05-03/sdn.csv", in + "/sanctions/sdn.csv");
  for (const char* f : {"add.csv", "alt.csv", "sdn_comments.csv"})
    fs::create_symlink(shared + "/sanctions/ofac/sls_2025-01/" + f, in + "/sanctions/" + f);
  fs::create_symlink(testing::TestDataDir() + "/world/trade", in + "/trade");
  auto r = RunCli("investigate " + in + " --out " + dir + "/out");
  ASSERT_EQ(r.code, 0) << r.out;
  CheckAllOutputs(dir + "/out");
  auto store = OpenSqliteStore(dir + "/out/interdict.db");
  ASSERT_TRUE(store.ok());
  auto logr = (*store)->IngestLog();
  ASSERT_TRUE(logr.ok());
  std::vector<IngestLogEntry> log = *logr;
  bool saw = false;
  for (const auto& l : log) {
    EXPECT_EQ(l.records_in, l.stored + l.quarantined) << l.path;
    if (l.path == "sanctions/sdn.csv") {
      saw = true;
      EXPECT_EQ(l.entities, 14965);  // every primary entry of the 2024-05-03 SDN
    }
  }
  EXPECT_TRUE(saw);
  // Every listed entry is an output entity; the 844 vessels with an IMO are vessels.
  auto ents = ReadJsonl(dir + "/out/entities.jsonl");
  int64_t listed = 0;
  for (const auto& e : ents) listed += e["sanctioned"].get<bool>() ? 1 : 0;
  auto vessels = ReadJsonl(dir + "/out/vessels.jsonl");
  int64_t listed_vessels = 0, listed_with_imo = 0;
  for (const auto& v : vessels) {
    if (!v.value("sanctioned", false)) continue;
    ++listed_vessels;
    if (v["imo"].is_string()) ++listed_with_imo;
  }
  EXPECT_EQ(listed_with_imo, 844);
  EXPECT_EQ(listed + listed_vessels, 14965);
  auto rows = ReadCsv(dir + "/out/declarations.csv");
  EXPECT_EQ(rows.size(), 22u);
}

TEST(Cli, MissingDirectoryIsAUsageError) {
  auto r = RunCli("investigate /nonexistent/dir --out /tmp/x");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("nonexistent"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace interdict
