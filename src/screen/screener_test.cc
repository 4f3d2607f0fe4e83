#include <gtest/gtest.h>

#include "interdict/screen.h"

namespace interdict::screen {
namespace {

Entity Make(const std::string& id, const std::string& schema,
            std::vector<std::pair<std::string, std::string>> props) {
  Entity e(id, Schema::Get(schema));
  for (const auto& [k, v] : props) e.Add(k, v);
  return e;
}

std::unique_ptr<Screener> Small() {
  std::vector<Entity> es;
  es.push_back(Make("ofac-1", "Person",
                    {{"name", "Usama BIN LADIN"},
                     {"alias", "Osama bin Laden"},
                     {"weakAlias", "Abu Abdallah"},
                     {"birthDate", "1957-03-10"},
                     {"nationality", "Saudi Arabia"},
                     {"program", "SDGT"}}));
  es.push_back(Make("ofac-2", "Company",
                    {{"name", "ROMASHKA LLC"},
                     {"alias", "OOO ROMASHKA"},
                     {"country", "RU"},
                     {"program", "RUSSIA-EO14024"}}));
  es.push_back(Make("ofac-3", "Vessel", {{"name", "SEA DRAGON"}, {"imoNumber", "9187629"}}));
  es.push_back(Make("un-4", "Person",
                    {{"name", "Владимир Путин"}, {"birthDate", "1952"}, {"gender", "male"}}));
  es.push_back(Make("x-5", "Sanction", {{"entity", "ofac-1"}}));  // not indexed
  auto s = Screener::Build(std::move(es));
  EXPECT_TRUE(s.ok());
  return std::move(s).value();
}

TEST(Screener, FindsFuzzyAndExplains) {
  auto s = Small();
  EXPECT_EQ(s->entities().size(), 4u);
  Query q;
  q.name = "Osama bin Ladin";
  q.schema = "Person";
  auto m = s->Screen(q, ScreenOptions{});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity_id, "ofac-1");
  EXPECT_EQ(m[0].list, "ofac");
  EXPECT_EQ(m[0].program, "SDGT");
  EXPECT_TRUE(m[0].match);
  EXPECT_FALSE(m[0].explanation.parts.empty());
  EXPECT_NE(m[0].explanation.ToString().find("bin"), std::string::npos);
}

TEST(Screener, CrossScriptAndQualifiers) {
  auto s = Small();
  Query q;
  q.name = "Vladimir Putin";
  auto m = s->Screen(q, ScreenOptions{});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity_id, "un-4");
  EXPECT_DOUBLE_EQ(m[0].score, 1.0);
  q.birth_date = "1960-01-01";
  q.gender = "female";
  m = s->Screen(q, ScreenOptions{});
  EXPECT_TRUE(m.empty());  // 1.0 - 0.15 - 0.2 < 0.7
  ScreenOptions all;
  all.min_score = 0;
  m = s->Screen(q, all);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].explanation.qualifiers.size(), 2u);
}

TEST(Screener, LegalFormsAndSchemaFilter) {
  auto s = Small();
  Query q;
  q.name = "Romashka Limited Liability Company";
  q.schema = "Company";
  auto m = s->Screen(q, ScreenOptions{});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity_id, "ofac-2");
  q.schema = "Person";
  EXPECT_TRUE(s->Screen(q, ScreenOptions{}).empty());
}

TEST(Screener, WeakAliasOnlyCorroborates) {
  auto s = Small();
  Query q;
  q.name = "Abu Abdallah";
  EXPECT_TRUE(s->Screen(q, ScreenOptions{}).empty());
  q.birth_date = "1957";
  auto m = s->Screen(q, ScreenOptions{});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].explanation.matched_property, "weakAlias");
}

TEST(Screener, Identifiers) {
  auto s = Small();
  Query q;
  q.name = "Completely Different";
  q.identifiers = {{"imoNumber", "IMO 9187629"}};
  auto m = s->Screen(q, ScreenOptions{});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].entity_id, "ofac-3");
  EXPECT_GE(m[0].score, 0.95);
}

TEST(CountryCode, NamesAndCodes) {
  EXPECT_EQ(CountryCode("af"), "AF");
  EXPECT_EQ(CountryCode("Democratic Republic of the Congo"), "CD");
  EXPECT_EQ(CountryCode("Iran (Islamic Republic of)"), "IR");
  EXPECT_EQ(CountryCode("Germany"), "DE");
  EXPECT_EQ(CountryCode("Atlantis"), "");
}

}  // namespace
}  // namespace interdict::screen
