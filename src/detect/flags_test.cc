// The red-flag registry (config/flags.yaml, compiled in) against the default weights, the
// codes the detectors emit and the documentation.
#include "detect/flags.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "testutil.h"

namespace interdict {
namespace {

TEST(FlagRegistry, BuiltInParsesAndFinds) {
  const FlagRegistry& r = FlagRegistry::BuiltIn();
  ASSERT_GE(r.flags().size(), 30u);
  const FlagInfo* f = r.Find("NET-OFAC-50");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->family, "NET");
  EXPECT_EQ(f->source, "OFAC FAQ 401");
  EXPECT_TRUE(f->scored);
  EXPECT_NE(std::find(f->subjects.begin(), f->subjects.end(), "entity"), f->subjects.end());
  EXPECT_EQ(r.Find("NET-OFAC-51"), nullptr);
  EXPECT_EQ(r.Find(""), nullptr);
  std::set<std::string> families;
  for (const FlagInfo& x : r.flags()) {
    families.insert(x.family);
    EXPECT_FALSE(x.title.empty()) << x.code;
    EXPECT_FALSE(x.description.empty()) << x.code;
    EXPECT_TRUE(r.sources().count(x.source)) << x.code << " cites unknown source " << x.source;
  }
  EXPECT_EQ(families, (std::set<std::string>{"SCR", "TRD", "MAR", "NET", "FIN"}));
}

// The checked-in file and the compiled-in copy agree (CMake re-reads flags.yaml on change).
TEST(FlagRegistry, CompiledInMatchesCheckedInFile) {
  auto r = FlagRegistry::Parse(testing::ReadFile(testing::SourceDir() + "/config/flags.yaml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->flags().size(), FlagRegistry::BuiltIn().flags().size());
}

TEST(FlagRegistry, EveryScoredCodeHasADefaultWeightAndEveryWeightIsRegistered) {
  Config c = Config::Defaults();
  std::set<std::string> weights;
  for (const auto& w : WeightCodes(c)) weights.insert(w);
  ASSERT_FALSE(weights.empty());
  EXPECT_TRUE(c.Has("weights.default"));
  const FlagRegistry& r = FlagRegistry::BuiltIn();
  for (const FlagInfo& f : r.flags())
    if (f.scored) {
      EXPECT_TRUE(weights.count(f.code)) << f.code << " is in config/flags.yaml but has no weights."
                                         << f.code << " in config/default.yaml";
    }
  for (const auto& w : weights) {
    const FlagInfo* f = r.Find(w);
    EXPECT_NE(f, nullptr) << "weights." << w << " has no entry in config/flags.yaml";
    if (f) {
      EXPECT_TRUE(f->scored) << w << " has a weight but is marked scored: false";
    }
  }
}

// Every code string literal in the sources (tests excluded: they make up codes on purpose)
// is registered, so a detector cannot emit an undocumented flag.
TEST(FlagRegistry, EveryCodeInTheSourceTreeIsRegistered) {
  namespace fs = std::filesystem;
  static const std::regex kLiteral("\"((SCR|TRD|MAR|NET|FIN)-[A-Z0-9]+(-[A-Z0-9]+)*)\"");
  const FlagRegistry& r = FlagRegistry::BuiltIn();
  std::map<std::string, std::string> seen;  // code -> first file
  size_t files = 0;
  for (const char* dir : {"src", "include"}) {
    for (const auto& e : fs::recursive_directory_iterator(testing::SourceDir() + "/" + dir)) {
      if (!e.is_regular_file()) continue;
      std::string name = e.path().filename().string();
      std::string ext = e.path().extension().string();
      if (ext != ".cc" && ext != ".h" && ext != ".in") continue;
      if (std::regex_search(name, std::regex("_(test|slow_test|itest)\\.cc$"))) continue;
      ++files;
      std::string text = testing::ReadFile(e.path().string());
      for (std::sregex_iterator it(text.begin(), text.end(), kLiteral), end; it != end; ++it)
        seen.try_emplace((*it)[1].str(), e.path().string());
    }
  }
  EXPECT_GT(files, 50u);
  EXPECT_GE(seen.size(), 20u) << "the scan found too few codes to be looking at the sources";
  for (const auto& [code, file] : seen)
    EXPECT_NE(r.Find(code), nullptr)
        << code << " (in " << file << ") is not registered in config/flags.yaml";
}

// docs/red-flags.md explains codes in prose; it must not describe codes that do not exist
// (renamed or removed), and it points readers at the registry for the full list.
TEST(FlagRegistry, DocsDescribeOnlyRegisteredCodes) {
  static const std::regex kCode("`((SCR|TRD|MAR|NET|FIN)-[A-Z0-9]+(-[A-Z0-9]+)*)`");
  std::string doc = testing::ReadFile(testing::SourceDir() + "/docs/red-flags.md");
  EXPECT_NE(doc.find("interdict flags"), std::string::npos);
  EXPECT_NE(doc.find("config/flags.yaml"), std::string::npos);
  size_t n = 0;
  for (std::sregex_iterator it(doc.begin(), doc.end(), kCode), end; it != end; ++it, ++n)
    EXPECT_NE(FlagRegistry::BuiltIn().Find((*it)[1].str()), nullptr)
        << (*it)[1] << " is described in docs/red-flags.md but not registered";
  EXPECT_GE(n, 20u);
}

TEST(FlagRegistry, ParseRejectsMalformedEntries) {
  const std::string head =
      "sources:\n  S: a source\nflags:\n"
      "  - code: SCR-A\n    title: t\n    subjects: [entity]\n    source: S\n"
      "    description: d\n";
  ASSERT_TRUE(FlagRegistry::Parse(head).ok());
  auto dup = FlagRegistry::Parse(head +
                                 "  - code: SCR-A\n    title: t\n    subjects: [entity]\n"
                                 "    source: S\n    description: d\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().ToString().find("duplicate"), std::string::npos);
  auto bad_code = FlagRegistry::Parse(head +
                                      "  - code: XYZ-A\n    title: t\n    subjects: "
                                      "[entity]\n    source: S\n    description: d\n");
  EXPECT_FALSE(bad_code.ok());
  auto bad_subject = FlagRegistry::Parse(head +
                                         "  - code: SCR-B\n    title: t\n    subjects: "
                                         "[ship]\n    source: S\n    description: d\n");
  ASSERT_FALSE(bad_subject.ok());
  EXPECT_NE(bad_subject.status().ToString().find("ship"), std::string::npos);
  auto no_title = FlagRegistry::Parse(head +
                                      "  - code: SCR-C\n    subjects: [entity]\n"
                                      "    source: S\n    description: d\n");
  EXPECT_FALSE(no_title.ok());
  auto bad_source = FlagRegistry::Parse(head +
                                        "  - code: SCR-D\n    title: t\n    subjects: "
                                        "[entity]\n    source: T\n    description: d\n");
  EXPECT_FALSE(bad_source.ok());
  auto unscored = FlagRegistry::Parse(head +
                                      "  - code: SCR-E\n    title: t\n    subjects: "
                                      "[entity]\n    source: S\n    scored: false\n"
                                      "    description: d\n");
  ASSERT_TRUE(unscored.ok());
  EXPECT_FALSE(unscored->Find("SCR-E")->scored);
  EXPECT_FALSE(FlagRegistry::Parse("flags: [").ok());
}

}  // namespace
}  // namespace interdict
