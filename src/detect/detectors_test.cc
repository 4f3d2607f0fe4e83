#include <gtest/gtest.h>

#include <algorithm>

#include "detect/detectors.h"
#include "resolve/resolve.h"

namespace interdict {
namespace {

Entity Rec(const std::string& id, const char* schema,
           std::vector<std::pair<std::string, std::string>> props, const std::string& src = "t") {
  Entity e(id, Schema::Get(schema));
  e.AddReferent({src, id, 1, 0, "h"});
  for (auto& [k, v] : props) e.Add(k, v);
  return e;
}

Entity Listed(const std::string& id, const char* schema, const std::string& name) {
  return Rec(id, schema, {{"name", name}, {"topics", "sanction"}, {"program", "TEST"}}, "sdn.csv");
}

Entity Own(const std::string& id, const std::string& owner, const std::string& asset,
           const std::string& pct) {
  return Rec(id, "Ownership", {{"owner", owner}, {"asset", asset}, {"percentage", pct}});
}

std::vector<Finding> RunDetector(Detector* d, const World& w) {
  std::vector<Finding> out;
  EXPECT_TRUE(d->Run(w, Config::Defaults(), &out).ok());
  return out;
}

const Finding* FindFor(const std::vector<Finding>& fs, const std::string& code,
                       const std::string& subject) {
  for (const auto& f : fs)
    if (f.code == code && f.subject_id == subject) return &f;
  return nullptr;
}

World Build(std::vector<Entity> recs) {
  auto w = BuildWorld(std::move(recs));
  EXPECT_TRUE(w.ok());
  return std::move(w).value();
}

// OFAC FAQ 401, example 2: two blocked companies with 25 % each block their target, and a
// stake held by an entity blocked by the rule counts in full further down.
TEST(Ownership, AggregatesBlockedStakesAndChains) {
  std::vector<Entity> recs = {
      Listed("x", "Person", "Blocked Person X"),
      Rec("a", "Company", {{"name", "A Corp"}}),  Rec("b", "Company", {{"name", "B Corp"}}),
      Rec("c", "Company", {{"name", "C Corp"}}),  Rec("d", "Company", {{"name", "D Corp"}}),
      Rec("e", "Company", {{"name", "E Corp"}}),
      Own("o1", "x", "a", "50"),   // A blocked (50 % exactly)
      Own("o2", "x", "b", "50%"),  // B blocked
      Own("o3", "a", "c", "25"),   // C: 25 + 25 from two blocked companies -> blocked
      Own("o4", "b", "c", "25"),
      Own("o5", "c", "d", "50"),  // D: 50 % by C, itself blocked only by the rule -> blocked
      Own("o6", "x", "e", "49.9"),  // E: below threshold -> only a link
  };
  World w = Build(std::move(recs));
  auto det = NewOwnershipDetector();
  auto fs = RunDetector(det.get(), w);
  for (const char* id : {"a", "b", "c", "d"}) EXPECT_TRUE(FindFor(fs, "NET-OFAC-50", id)) << id;
  EXPECT_FALSE(FindFor(fs, "NET-OFAC-50", "e"));
  EXPECT_TRUE(FindFor(fs, "NET-LISTED-LINK", "e"));
  const Finding* c = FindFor(fs, "NET-OFAC-50", "c");
  ASSERT_TRUE(c);
  EXPECT_NE(c->explanation.find("50%"), std::string::npos) << c->explanation;
  ASSERT_EQ(c->annotate.size(), 1u);
  EXPECT_EQ(c->annotate[0], (std::pair<std::string, std::string>{"sanctionedOwnershipPct", "50"}));
  // Evidence: the two ownership records behind C.
  std::vector<std::string> ev;
  for (const auto& e : c->evidence) ev.push_back(e.record_id);
  EXPECT_NE(std::find(ev.begin(), ev.end(), "o3"), ev.end());
  EXPECT_NE(std::find(ev.begin(), ev.end(), "o4"), ev.end());
}

TEST(Ownership, EndedStakesAndUnlistedOwnersDoNotCount) {
  std::vector<Entity> recs = {
      Listed("x", "Person", "Blocked Person X"),
      Rec("a", "Company", {{"name", "A Corp"}}),
      Rec("o1", "Ownership", {{"owner", "x"}, {"asset", "a"}, {"percentage", "60"},
                              {"endDate", "2020-01-01"}}),
      Rec("p", "Person", {{"name", "Someone Else"}}),
      Own("o2", "p", "a", "100"),
  };
  World w = Build(std::move(recs));
  auto det = NewOwnershipDetector();
  auto fs = RunDetector(det.get(), w);
  EXPECT_FALSE(FindFor(fs, "NET-OFAC-50", "a"));
}

Entity Decl(const std::string& id, std::vector<std::pair<std::string, std::string>> props) {
  props.push_back({"declaration_id", id});
  if (std::none_of(props.begin(), props.end(), [](auto& p) { return p.first == "declaration_date"; }))
    props.push_back({"declaration_date", "2024-03-01"});
  return Rec(id, "Declaration", props, "declarations.csv");
}

TEST(Licences, EachAbuseIsFlagged) {
  std::vector<Entity> recs = {
      Rec("L1", "License",
          {{"license_number", "L1"}, {"hs_codes", "8542"}, {"end_user", "Good End User Ltd"},
           {"destination_country", "AE"}, {"max_quantity", "100"}, {"valid_from", "2024-01-01"},
           {"valid_to", "2024-06-30"}, {"status", "active"}}),
      Rec("L2", "License", {{"license_number", "L2"}, {"status", "revoked"}}),
      Decl("ok", {{"license_number", "L1"}, {"hs_code", "854231"}, {"quantity", "60"},
                  {"end_user", "GOOD END-USER LTD."}, {"destination_country", "AE"}}),
      Decl("over", {{"license_number", "L1"}, {"hs_code", "854231"}, {"quantity", "50"},
                    {"end_user", "Good End User Ltd"}, {"destination_country", "AE"},
                    {"declaration_date", "2024-03-02"}}),
      Decl("late", {{"license_number", "L1"}, {"hs_code", "854231"},
                    {"declaration_date", "2024-07-01"}, {"destination_country", "AE"}}),
      Decl("other", {{"license_number", "L1"}, {"hs_code", "870829"}, {"end_user", "Someone Else"},
                     {"destination_country", "TR"}}),
      Decl("revoked", {{"license_number", "L2"}, {"hs_code", "854231"}}),
      Decl("unknown", {{"license_number", "L9"}, {"hs_code", "854231"}}),
      Decl("none", {{"hs_code", "854231"}, {"destination_country", "BY"}, {"direction", "export"}}),
      // To a hub no licence is required (that is TRD-HUB-ROUTE's pattern, not this one).
      Decl("none-hub", {{"hs_code", "854231"}, {"destination_country", "KZ"}, {"direction", "export"}}),
      Decl("none-ally", {{"hs_code", "854231"}, {"destination_country", "JP"}}),
  };
  World w = Build(std::move(recs));
  auto det = NewLicenseDetector();
  auto fs = RunDetector(det.get(), w);
  for (const auto& f : fs) EXPECT_NE(f.subject_id, "ok") << f.code << ": " << f.explanation;
  EXPECT_TRUE(FindFor(fs, "TRD-LIC-EXCEEDED", "over"));
  EXPECT_TRUE(FindFor(fs, "TRD-LIC-EXPIRED", "late"));
  EXPECT_TRUE(FindFor(fs, "TRD-LIC-HS", "other"));
  EXPECT_TRUE(FindFor(fs, "TRD-LIC-END-USER", "other"));
  EXPECT_TRUE(FindFor(fs, "TRD-LIC-DESTINATION", "other"));
  EXPECT_TRUE(FindFor(fs, "TRD-LIC-REVOKED", "revoked"));
  EXPECT_TRUE(FindFor(fs, "TRD-LIC-MISSING", "unknown"));
  EXPECT_TRUE(FindFor(fs, "TRD-LIC-MISSING", "none"));
  EXPECT_FALSE(FindFor(fs, "TRD-LIC-MISSING", "none-ally"));
  EXPECT_FALSE(FindFor(fs, "TRD-LIC-MISSING", "none-hub"));
}

TEST(TradeRouting, HubTowardsHighRiskAndChpl) {
  std::vector<Entity> recs = {
      Decl("div", {{"hs_code", "854231"}, {"destination_country", "AE"},
                   {"end_user_country", "RU"}}),
      Decl("hub-textiles", {{"hs_code", "620342"}, {"destination_country", "AE"}}),
      Decl("hub-chips", {{"hs_code", "854239"}, {"destination_country", "KZ"}}),
      Decl("direct", {{"hs_code", "620342"}, {"destination_country", "FR"},
                      {"origin_country", "CN"}, {"departure_country", "CN"}}),
  };
  World w = Build(std::move(recs));
  auto det = NewTradeRoutingDetector();
  auto fs = RunDetector(det.get(), w);
  const Finding* div = FindFor(fs, "TRD-HUB-ROUTE", "div");
  ASSERT_TRUE(div);
  const Finding* chips = FindFor(fs, "TRD-HUB-ROUTE", "hub-chips");
  ASSERT_TRUE(chips);
  EXPECT_GT(div->score, chips->score);  // a high-risk end user outweighs goods alone
  EXPECT_FALSE(FindFor(fs, "TRD-HUB-ROUTE", "hub-textiles"));  // normal hub trade
  EXPECT_TRUE(FindFor(fs, "TRD-CHPL", "div"));
  EXPECT_FALSE(FindFor(fs, "TRD-CHPL", "direct"));
  EXPECT_FALSE(FindFor(fs, "TRD-ORIGIN-DEPARTURE", "direct"));
}

TEST(Screening, PartiesAndVesselsMatchListsExactly) {
  Entity vessel = Rec("ofac-4", "Vessel",
                      {{"name", "SEA PHOENIX"}, {"previousName", "OCEAN GRACE"},
                       {"imoNumber", "9312456"}, {"topics", "sanction"}},
                      "sdn.csv");
  Entity person = Listed("ofac-1", "Person", "ORLOV, Viktor Petrovich");
  person.Add("weakAlias", "VIKTOR ORLOV TRADING");
  std::vector<Entity> recs = {
      person, vessel,
      Decl("d1", {{"hs_code", "854231"}, {"importer", "Orlov, Viktor  Petrovich"},
                  {"vessel_imo", "9312456"}}),
      Decl("d2", {{"hs_code", "854231"}, {"importer", "Viktor Orlov Trading"},
                  {"vessel_name", "Ocean Grace"}}),
      Decl("d3", {{"hs_code", "854231"}, {"importer", "Orlova Viktoria"}}),
  };
  World w = Build(std::move(recs));
  auto det = NewExactScreeningDetector();
  auto fs = RunDetector(det.get(), w);
  EXPECT_TRUE(FindFor(fs, "SCR-NAME-EXACT", "d1"));
  EXPECT_TRUE(FindFor(fs, "SCR-IMO", "d1"));
  EXPECT_TRUE(FindFor(fs, "SCR-WEAK-ALIAS", "d2"));
  EXPECT_FALSE(FindFor(fs, "SCR-NAME-EXACT", "d2"));
  EXPECT_TRUE(FindFor(fs, "SCR-FORMER-NAME", "d2"));
  for (const auto& f : fs) EXPECT_NE(f.subject_id, "d3") << f.code;
  // The IMO finding cites the list record.
  const Finding* imo = FindFor(fs, "SCR-IMO", "d1");
  ASSERT_TRUE(imo);
  ASSERT_EQ(imo->evidence.size(), 2u);
  EXPECT_EQ(imo->evidence[1].source, "sdn.csv");
  EXPECT_EQ(imo->evidence[1].record_id, "ofac-4");
}

}  // namespace
}  // namespace interdict
