// End-to-end: the `interdict` binary's case, court-export and PPRL commands.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

#include "core/csv.h"
#include "testutil.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int code;
  std::string out;
};

std::string Bin() { return std::string(INTERDICT_BINARY_DIR) + "/src/cli/interdict"; }

RunResult RunCli(const std::string& args) {
  std::string cmd = Bin() + " " + args + " 2>&1";
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

class ActCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(Bin())) GTEST_SKIP() << "interdict binary not built";
    dir_ = testing::MakeTempDir();
    db_ = " --db " + dir_ + "/cases.db";
  }
  std::string dir_, db_;
};

TEST_F(ActCliTest, CourtExportVerifiesAndTamperingIsNamed) {
  ASSERT_EQ(RunCli("agency add ZOLL --country DE" + db_).code, 0);
  ASSERT_EQ(RunCli("user add --name alice --agency ZOLL --role analyst" + db_).code, 0);
  auto c = RunCli("case create --title 'Drone parts' --user alice --reason tip" + db_);
  ASSERT_EQ(c.code, 0) << c.out;
  std::string id = c.out.substr(0, c.out.find('\n'));
  testing::WriteFile(dir_ + "/invoice.txt", "invoice 4711\n");
  auto e = RunCli("evidence add --case " + id + " --file " + dir_ +
               "/invoice.txt --user alice "
               "--reason seized" +
               db_);
  ASSERT_EQ(e.code, 0) << e.out;
  std::string bag = dir_ + "/bag";
  auto x = RunCli("evidence export --case " + id + " --user alice --reason 'court order 7' --out " +
               bag + db_);
  ASSERT_EQ(x.code, 0) << x.out;
  auto v = RunCli("evidence verify-bag " + bag);
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("bag ok"), std::string::npos) << v.out;
  // The export is in the log, and the log is intact.
  EXPECT_EQ(RunCli("audit verify" + db_).code, 0);
  // Flip one evidence byte: non-zero exit naming the file.
  std::string f = bag + "/data/evidence/E-1/invoice.txt";
  fs::permissions(f, fs::perms::owner_write, fs::perm_options::add);
  testing::WriteFile(f, "invoice 4712\n");
  v = RunCli("evidence verify-bag " + bag);
  EXPECT_EQ(v.code, 1);
  EXPECT_NE(v.out.find("data/evidence/E-1/invoice.txt"), std::string::npos) << v.out;
}

TEST_F(ActCliTest, PprlEncodeAndMatchHandMadeLists) {
  std::string data = testing::TestDataDir() + "/act/";
  testing::WriteFile(dir_ + "/key", "a-shared-secret-of-32-bytes-long\n");
  testing::WriteFile(dir_ + "/other", "another-secret-of-32-bytes-long!\n");
  ASSERT_EQ(RunCli("pprl encode --secret-file " + dir_ + "/key " + data + "pprl_a.csv --out " + dir_ +
                "/a.jsonl")
                .code,
            0);
  ASSERT_EQ(RunCli("pprl encode --secret-file " + dir_ + "/key " + data + "pprl_b.csv --out " + dir_ +
                "/b.jsonl")
                .code,
            0);
  auto m = RunCli("pprl match " + dir_ + "/a.jsonl " + dir_ + "/b.jsonl --threshold 0.75 --out " +
               dir_ + "/pairs.csv");
  ASSERT_EQ(m.code, 0) << m.out;
  std::string csv = testing::ReadFile(dir_ + "/pairs.csv");
  CsvReader r(csv);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(&rec));
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"a_id", "b_id", "score"}));
  std::set<std::pair<std::string, std::string>> got;
  while (r.Next(&rec)) got.insert({rec.fields[0], rec.fields[1]});
  // Expected pairs by construction (tests/data/act/README.md).
  EXPECT_EQ(got, (std::set<std::pair<std::string, std::string>>{
                     {"A1", "B1"}, {"A2", "B3"}, {"A4", "B4"}}));
  // Encodings under another secret are refused.
  ASSERT_EQ(RunCli("pprl encode --secret-file " + dir_ + "/other " + data + "pprl_b.csv --out " +
                dir_ + "/c.jsonl")
                .code,
            0);
  m = RunCli("pprl match " + dir_ + "/a.jsonl " + dir_ + "/c.jsonl --out " + dir_ + "/p2.csv");
  EXPECT_EQ(m.code, 1);
  EXPECT_NE(m.out.find("different secrets"), std::string::npos) << m.out;
}

}  // namespace
}  // namespace interdict
