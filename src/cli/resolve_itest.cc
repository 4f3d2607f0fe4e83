// End-to-end tests of `interdict resolve` on hand-made Senzing CSV/JSONL and FtM files,
// and (when ../shared is present) on the Senzing truth set.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <string>

#include "core/csv.h"
#include "testutil.h"

namespace interdict {
namespace {

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

// source:record_id -> cluster_id, and the rows in file order.
std::map<std::string, std::string> ReadClusters(const std::string& path,
                                                std::vector<std::string>* order) {
  std::string data = testing::ReadFile(path);
  CsvReader reader(data);
  CsvRecord rec;
  std::map<std::string, std::string> out;
  EXPECT_TRUE(reader.Next(&rec));
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"source", "record_id", "cluster_id"}));
  while (reader.Next(&rec)) {
    EXPECT_EQ(rec.fields.size(), 3u);
    std::string k = rec.fields[0] + ":" + rec.fields[1];
    out[k] = rec.fields[2];
    if (order) order->push_back(k);
  }
  return out;
}

TEST(ResolveCliTest, SenzingAndFtmInputs) {
  std::string dir = testing::MakeTempDir();
  // Senzing CSV: 2 and 1 are one person (nickname, same phone, same birth date); 3 shares
  // only the surname. DATA_SOURCE names the source.
  testing::WriteFile(dir + "/cust.csv",
                     "DATA_SOURCE,RECORD_ID,NAME_LAST,NAME_FIRST,DATE_OF_BIRTH,PHONE_NUMBER,"
                     "RECORD_TYPE\n"
                     "CUSTOMERS,2,Smith,Bob,11/12/1978,702-919-1300,PERSON\n"
                     "CUSTOMERS,1,Smith,Robert,12/11/1978,(702) 919-1300,PERSON\n"
                     "CUSTOMERS,3,Smith,Patricia,,,PERSON\n");
  // Senzing JSONL without DATA_SOURCE: the file name is the source. Same passport as the
  // FtM person below.
  testing::WriteFile(dir + "/watch.jsonl",
                     "{\"RECORD_ID\": \"W1\", \"FEATURES\": [{\"RECORD_TYPE\": \"PERSON\"}, "
                     "{\"NAME_FULL\": \"Lee Toulouse\"}, {\"PASSPORT_NUMBER\": \"483290175\", "
                     "\"PASSPORT_COUNTRY\": \"USA\"}]}\n");
  // FtM: a person (resolved) and an Ownership edge (not a party: not resolved).
  testing::WriteFile(dir + "/list.ftm.json",
                     "{\"id\": \"p1\", \"schema\": \"Person\", \"properties\": {\"name\": "
                     "[\"Leigh Toulouse\"], \"passportNumber\": [\"483290175\"]}}\n"
                     "{\"id\": \"o1\", \"schema\": \"Ownership\", \"properties\": {\"owner\": "
                     "[\"p1\"], \"asset\": [\"c1\"]}}\n");
  // Key: the truth for these records (worked out by hand above).
  testing::WriteFile(dir + "/key.csv",
                     "CLUSTER_ID,RECORD_ID,DATA_SOURCE\n1,1,CUSTOMERS\n1,2,CUSTOMERS\n"
                     "2,3,CUSTOMERS\n3,W1,watch.jsonl\n3,p1,list.ftm.json\n");
  RunResult r = RunCli("resolve " + dir + "/cust.csv " + dir + "/watch.jsonl " + dir +
                       "/list.ftm.json --out " + dir + "/clusters.csv --key " + dir +
                       "/key.csv --explain " + dir + "/clusters.jsonl");
  ASSERT_EQ(r.code, 0) << r.out;
  std::vector<std::string> order;
  auto c = ReadClusters(dir + "/clusters.csv", &order);
  ASSERT_EQ(c.size(), 5u) << r.out;
  // One row per input record, in input order.
  EXPECT_EQ(order, (std::vector<std::string>{"CUSTOMERS:2", "CUSTOMERS:1", "CUSTOMERS:3",
                                             "watch.jsonl:W1", "list.ftm.json:p1"}));
  EXPECT_EQ(c["CUSTOMERS:1"], "CUSTOMERS:1");  // smallest key names the cluster
  EXPECT_EQ(c["CUSTOMERS:2"], "CUSTOMERS:1");
  EXPECT_EQ(c["CUSTOMERS:3"], "CUSTOMERS:3");
  EXPECT_EQ(c["watch.jsonl:W1"], c["list.ftm.json:p1"]);
  // All pairs right: F1 1.000 on both measures.
  EXPECT_NE(r.out.find("1.000  1.000  1.000 |  1.000  1.000  1.000"), std::string::npos) << r.out;
  std::string explain = testing::ReadFile(dir + "/clusters.jsonl");
  EXPECT_NE(explain.find("passport"), std::string::npos);
  EXPECT_NE(explain.find("name_nickname"), std::string::npos);
}

TEST(ResolveCliTest, UnknownInputIsAnError) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/x.csv", "a,b\n1,2\n");
  RunResult r = RunCli("resolve " + dir + "/x.csv --out " + dir + "/o.csv");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("x.csv"), std::string::npos) << r.out;
}

TEST(ResolveCliTest, SenzingTruthSet) {
  std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "needs ../shared/data/networks/senzing_truthset";
  std::string d = shared + "/networks/senzing_truthset/";
  std::string dir = testing::MakeTempDir();
  RunResult r = RunCli("resolve " + d + "customers.csv " + d + "reference.csv " + d +
                       "watchlist.csv --out " + dir + "/c.csv --key " + d +
                       "actual_truthset_key.csv --compare " + d + "alternate_truthset_key.csv");
  ASSERT_EQ(r.code, 0) << r.out;
  auto c = ReadClusters(dir + "/c.csv", nullptr);
  EXPECT_EQ(c.size(), 159u);
  EXPECT_NE(r.out.find("alternate_truthset_key.csv"), std::string::npos) << r.out;
  std::printf("%s", r.out.c_str());
}

}  // namespace
}  // namespace interdict
