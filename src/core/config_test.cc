#include "interdict/config.h"

#include <gtest/gtest.h>

namespace interdict {
namespace {

TEST(Config, DefaultsParseAndHaveWeights) {
  Config c = Config::Defaults();
  EXPECT_GT(c.GetDouble("weights.SCR-NAME-EXACT", -1), 0.5);
  EXPECT_NE(c.GetString("trade.high_risk_destinations").find("RU"), std::string::npos);
}

TEST(Config, YamlThenOverridesWin) {
  Config c = Config::Defaults();
  ASSERT_TRUE(c.MergeYaml("weights:\n  TRD-CHPL: 0.5\nleads:\n  min_score: 0.2\n", "t").ok());
  EXPECT_DOUBLE_EQ(c.GetDouble("weights.TRD-CHPL", 0), 0.5);
  EXPECT_GT(c.GetDouble("weights.SCR-IMO", 0), 0);  // untouched keys keep defaults
  ASSERT_TRUE(c.ApplyOverride("weights.TRD-CHPL=0.7").ok());
  EXPECT_DOUBLE_EQ(c.GetDouble("weights.TRD-CHPL", 0), 0.7);
  EXPECT_EQ(c.Section("leads.").at("min_score"), "0.2");
}

TEST(Config, ErrorsNameTheOriginAndLine) {
  Config c;
  Status st = c.MergeYaml("a: 1\nb: [unclosed\n", "my.yaml");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("my.yaml"), std::string::npos);
  EXPECT_NE(st.message().find("line"), std::string::npos);
  EXPECT_FALSE(c.ApplyOverride("novalue").ok());
  EXPECT_FALSE(c.MergeYaml("- a\n- b\n", "list.yaml").ok());
}

}  // namespace
}  // namespace interdict
