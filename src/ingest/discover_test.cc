// Input discovery: by name, extension and header, or as sources.yaml says.
#include <gtest/gtest.h>

#include "interdict/ingest.h"
#include "testutil.h"

namespace interdict {
namespace {

TEST(Discover, SniffsFormatsAndOrdersListsFirst) {
  std::string d = testing::MakeTempDir();
  testing::WriteFile(d + "/trade/decl.csv", "\xEF\xBB\xBF" "Declaration_ID,declaration_date,hs_code\n");
  testing::WriteFile(d + "/pay.csv", "payment_id,value_date,amount\n");
  testing::WriteFile(d + "/lists/sdn.csv", "1,\"X\",-0- \r\n");
  testing::WriteFile(d + "/lists/alt.csv", "1,2,\"aka\",\"Y\",-0- \r\n");
  testing::WriteFile(d + "/reg/companies.ftm.jsonl", "{}\n");
  testing::WriteFile(d + "/ports.csv", "locode,name,country,lat,lon\n");
  testing::WriteFile(d + "/notes.txt", "hello\n");
  testing::WriteFile(d + "/.hidden/sdn.csv", "x\n");
  std::vector<std::string> skipped;
  auto units = DiscoverInputs(d, &skipped);
  ASSERT_TRUE(units.ok()) << units.status().ToString();
  std::vector<std::string> got;
  for (const auto& u : *units) got.push_back(u.format + ":" + u.display);
  EXPECT_EQ(got, (std::vector<std::string>{"ofac-csv:lists/sdn.csv", "ftm-jsonl:reg/companies.ftm.jsonl",
                                           "ports-csv:ports.csv", "declarations-csv:trade/decl.csv",
                                           "payments-csv:pay.csv"}));
  EXPECT_EQ((*units)[0].paths.size(), 2u);  // sdn.csv + alt.csv
  EXPECT_EQ(skipped, std::vector<std::string>{"notes.txt"});
}

TEST(Discover, SourcesYamlNamesFilesAndFormats) {
  std::string d = testing::MakeTempDir();
  testing::WriteFile(d + "/a.txt", "declaration_id,declaration_date,hs_code\n");
  testing::WriteFile(d + "/ignored.csv", "payment_id,value_date,amount\n");
  testing::WriteFile(d + "/sources.yaml", "sources:\n  - path: a.txt\n    format: declarations-csv\n");
  auto units = DiscoverInputs(d, nullptr);
  ASSERT_TRUE(units.ok()) << units.status().ToString();
  ASSERT_EQ(units->size(), 1u);
  EXPECT_EQ((*units)[0].display, "a.txt");
}

TEST(Discover, BadSourcesYamlIsAClearError) {
  std::string d = testing::MakeTempDir();
  testing::WriteFile(d + "/sources.yaml", "sources:\n  - path: missing.csv\n");
  auto units = DiscoverInputs(d, nullptr);
  ASSERT_FALSE(units.ok());
  EXPECT_NE(units.status().message().find("missing.csv"), std::string::npos);
  testing::WriteFile(d + "/x.csv", "a,b\n");
  testing::WriteFile(d + "/sources.yaml", "sources:\n  - path: x.csv\n    format: nope\n");
  units = DiscoverInputs(d, nullptr);
  ASSERT_FALSE(units.ok());
  EXPECT_NE(units.status().message().find("nope"), std::string::npos);
  testing::WriteFile(d + "/sources.yaml", "sources: [\n");
  units = DiscoverInputs(d, nullptr);
  ASSERT_FALSE(units.ok());
  EXPECT_NE(units.status().message().find("sources.yaml"), std::string::npos);
}

}  // namespace
}  // namespace interdict
