// `interdict network ownership|paths` end to end through the built binary.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "testutil.h"

namespace interdict {
namespace {

using nlohmann::json;

struct RunResult {
  int code;
  std::string out;
};

RunResult RunCli(const std::string& args) {
  std::string cmd = std::string(INTERDICT_BIN) + " " + args + " 2>/dev/null";
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

std::map<std::string, json> ById(const std::string& out) {
  std::map<std::string, json> m;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    json j = json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << line;
    if (!j.is_discarded()) m[j.value("id", j.value("target", ""))] = j;
  }
  return m;
}

// OFAC FAQ 401 example 1 as FtM lines, plus a directorship and a payment for paths.
const char* kFixture =
    R"({"id":"x","schema":"Person","properties":{"name":["Blocked X"],"topics":["sanction"]}}
{"id":"a","schema":"Company","properties":{"name":["Entity A"]}}
{"id":"b","schema":"Company","properties":{"name":["Entity B"]}}
{"id":"c","schema":"Company","properties":{"name":["Entity C"]}}
{"id":"o1","schema":"Ownership","properties":{"owner":["x"],"asset":["a"],"percentage":["50"]}}
{"id":"o2","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"percentage":["50"],"startDate":["2020-01-01"]}}
{"id":"p1","schema":"Payment","properties":{"payer":["c"],"beneficiary":["b"]}}
)";

TEST(NetworkCli, OwnershipJsonLines) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/f.ftm.json", kFixture);
  auto r = RunCli("network ownership " + dir + "/f.ftm.json --date 2024-01-01 --json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto m = ById(r.out);
  ASSERT_EQ(m.size(), 2u) << r.out;
  EXPECT_EQ(m["b"]["regime"], "ofac");
  EXPECT_EQ(m["b"]["blocked"], true);
  EXPECT_EQ(m["b"]["listed"], false);
  EXPECT_EQ(m["b"]["aggregate_pct"], 50.0);
  ASSERT_EQ(m["b"]["owners"].size(), 1u);
  EXPECT_EQ(m["b"]["owners"][0]["id"], "a");
  EXPECT_EQ(m["b"]["owners"][0]["pct"], 50.0);
  EXPECT_EQ(m["b"]["owners"][0]["blocked"], true);
  EXPECT_EQ(m["b"]["owners"][0]["record_id"], "o2");
  // Before A's stake in B started, only A is blocked.
  EXPECT_EQ(
      ById(RunCli("network ownership " + dir + "/f.ftm.json --date 2019-06-01 --json").out).size(),
      1u);
  // The UK needs more than 50 %.
  auto uk = RunCli("network ownership " + dir + "/f.ftm.json --date 2024-01-01 --regime uk --json");
  EXPECT_EQ(uk.code, 0);
  EXPECT_TRUE(uk.out.empty()) << uk.out;
  EXPECT_EQ(RunCli("network ownership " + dir + "/f.ftm.json --regime xx").code, 2);
}

TEST(NetworkCli, Paths) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/f.ftm.json", kFixture);
  auto r = RunCli("network paths --from c --hops 4 " + dir + "/f.ftm.json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto m = ById(r.out);
  ASSERT_TRUE(m.count("x")) << r.out;
  EXPECT_EQ(m["x"]["hops"], 3);  // c -pays- b <-owns- a <-owns- x
  ASSERT_EQ(m["x"]["path"].size(), 3u);
  EXPECT_EQ(m["x"]["path"][0]["record_id"], "p1");
  EXPECT_TRUE(ById(RunCli("network paths --from c --hops 2 " + dir + "/f.ftm.json").out).empty());
}

// The real Zala cluster on the trap date (see src/network/zala_slow_test.cc for the hand
// derivation): OFAC blocks listed CST (101 % by blocked owners) and SPS (75 %).
TEST(NetworkCli, ZalaCluster) {
  std::string root = testing::SharedDataDir();
  std::string f = root + "/sanctions/ftm/zala_entities.ftm.json";
  if (root.empty() || !std::filesystem::exists(f)) GTEST_SKIP() << "needs ../shared/data (zala)";
  auto r = RunCli("network ownership " + f + " --date 2022-01-17 --regime ofac --json");
  ASSERT_EQ(r.code, 0);
  auto m = ById(r.out);
  std::set<std::string> ids;
  for (auto& [id, j] : m) ids.insert(id);
  EXPECT_EQ(ids, (std::set<std::string>{"NK-abdzbEBkqyT29GyREbiURZ", "NK-9Xa4Kg7Y7nfccE7VcZt6Q6"}));
  EXPECT_EQ(m["NK-abdzbEBkqyT29GyREbiURZ"]["shares_over_100"], true);
}

// BODS input is sniffed: the joint-ownership example runs without error.
TEST(NetworkCli, BodsInput) {
  std::string root = testing::SharedDataDir();
  std::string f = root + "/networks/bods/joint-ownership.json";
  if (root.empty() || !std::filesystem::exists(f)) GTEST_SKIP() << "needs ../shared/data (bods)";
  auto r = RunCli("network ownership " + f + " --date 2019-01-01 --json");
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(r.out.empty()) << r.out;  // nobody is listed in the example
}

}  // namespace
}  // namespace interdict
