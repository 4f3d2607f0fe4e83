// In-process tests of `interdict screen` and `interdict compare` (src/cli/screen_cmd.cc).
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "ingest/readers.h"
#include "testutil.h"

namespace interdict::cli {
void RegisterScreenCommands(CLI::App& app, int* exit_code);
}

namespace interdict {
namespace {

int RunCli(std::vector<std::string> args) {
  CLI::App app{"test"};
  app.require_subcommand(1);
  int exit_code = 0;
  cli::RegisterScreenCommands(app, &exit_code);
  std::vector<const char*> argv = {"interdict"};
  for (auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return exit_code;
}

TEST(ScreenCmd, ScreensCsvAndPlainQueries) {
  std::string dir = testing::MakeTempDir();
  std::string list = testing::TestDataDir() + "/lists/un_small.xml";
  testing::WriteFile(dir + "/q.csv",
                     "id,name,birth_date,nationality\nq1,Kareem Abdul-Rahman,1961,Iran\n"
                     "q2,Nobody Specific,,\n");
  ASSERT_EQ(RunCli({"screen", "--list", list, "--threads", "2", "--out", dir + "/out.jsonl",
                    dir + "/q.csv"}),
            0);
  std::string out = testing::ReadFile(dir + "/out.jsonl");
  auto lines = nlohmann::json::parse("[" + [&] {
    std::string s = out;
    for (size_t p; (p = s.find("}\n{")) != std::string::npos;) s.replace(p, 3, "},{");
    return s;
  }() + "]");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["query_id"], "q1");
  ASSERT_FALSE(lines[0]["matches"].empty());
  const auto& m = lines[0]["matches"][0];
  EXPECT_EQ(m["id"], "un-900001");
  EXPECT_EQ(m["list"], "un");
  EXPECT_EQ(m["match"], true);
  EXPECT_FALSE(m["explanation"]["text"].get<std::string>().empty());
  EXPECT_TRUE(lines[1]["matches"].empty());

  testing::WriteFile(dir + "/names.txt", "OCEAN STAR SHIPPING CO., LTD\n\n");
  std::string lists = dir + "/lists";
  std::filesystem::create_directories(lists + "/nested");
  testing::WriteFile(lists + "/nested/un.xml", testing::ReadFile(list));
  testing::WriteFile(lists + "/README.txt", "not a list\n");
  ASSERT_EQ(RunCli({"screen", "--list", lists, "--schema", "Organization", "--out",
                    dir + "/o2.jsonl", dir + "/names.txt"}),
            0);
  EXPECT_NE(testing::ReadFile(dir + "/o2.jsonl").find("un-900101"), std::string::npos);
}

TEST(ScreenCmd, Errors) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/q.txt", "x\n");
  EXPECT_EQ(RunCli({"screen", "--list", dir + "/missing.xml", dir + "/q.txt"}), 1);
  testing::WriteFile(dir + "/other.xml", "<sdnList/>");
  EXPECT_EQ(RunCli({"screen", "--list", dir + "/other.xml", dir + "/q.txt"}), 1);
  EXPECT_EQ(RunCli({"screen", "--list", testing::TestDataDir() + "/lists/un_small.xml"}), 1);
  EXPECT_EQ(RunCli({"compare", "--pairs", dir + "/none.csv"}), 1);
}

TEST(ScreenCmd, Compare) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/p.csv",
                     "name1,name2,schema\nOlaf Scholze,Olaf Scholz,Person\n"
                     "\"SIEMENS, AG\",Volkswagen AG,Company\n");
  ASSERT_EQ(RunCli({"compare", "--pairs", dir + "/p.csv", "--out", dir + "/s.csv"}), 0);
  std::string s = testing::ReadFile(dir + "/s.csv");
  EXPECT_NE(s.find("name1,name2,schema,score,match"), std::string::npos);
  EXPECT_NE(s.find("Olaf Scholze,Olaf Scholz,Person,0."), std::string::npos);
  EXPECT_NE(s.find(",true\n"), std::string::npos);
  EXPECT_NE(s.find("\"SIEMENS, AG\",Volkswagen AG,Company,"), std::string::npos);
  EXPECT_NE(s.find(",false\n"), std::string::npos);
}

}  // namespace
}  // namespace interdict

namespace interdict {
namespace {
// Development hook: SCREEN_EVAL_DATA=../shared/data/sanctions runs `screen-eval`.
TEST(ScreenCmd, EvalWhenAsked) {
  const char* d = getenv("SCREEN_EVAL_DATA");
  if (!d) GTEST_SKIP() << "set SCREEN_EVAL_DATA to run screen-eval";
  std::vector<std::string> args = {"screen-eval", "--data", d};
  if (getenv("SCREEN_EVAL_DETAILS")) args.push_back("--details");
  EXPECT_EQ(RunCli(args), 0);
}
}  // namespace
}  // namespace interdict
