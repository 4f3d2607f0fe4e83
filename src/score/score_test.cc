#include "interdict/score.h"

#include <gtest/gtest.h>

#include "resolve/resolve.h"

namespace interdict {
namespace {

Entity Decl(const std::string& id) {
  Entity e(id, Schema::Get("Declaration"));
  e.AddReferent({"declarations.csv", id, 1, 0, "h"});
  e.Add("declaration_id", id);
  e.Add("hs_code", "854231");
  return e;
}

World Build(std::vector<Entity> recs) {
  auto w = BuildWorld(std::move(recs));
  EXPECT_TRUE(w.ok());
  return std::move(w).value();
}

TEST(Scoring, NoisyOrOverDistinctCodesAndRanking) {
  std::vector<Entity> recs = {Decl("a"), Decl("b")};
  World w = Build(std::move(recs));
  auto mk = [](const std::string& code, const std::string& subj, double s) {
    Finding f;
    f.code = code;
    f.subject_id = subj;
    f.score = s;
    f.evidence = {{"declarations.csv", subj}};
    return f;
  };
  std::vector<Finding> fs = {mk("X", "a", 0.5), mk("X", "a", 0.4), mk("Y", "a", 0.5),
                             mk("X", "b", 0.9)};
  Scores s = ScoreFindings(w, fs, Config::Defaults());
  EXPECT_NEAR(s.declarations.at("a").score, 0.75, 1e-12);  // 1 - 0.5 * 0.5; repeats don't add
  EXPECT_NEAR(s.declarations.at("b").score, 0.9, 1e-12);
  ASSERT_EQ(s.leads.size(), 2u);
  EXPECT_EQ(s.leads[0].subject[0].second, "b");
  EXPECT_EQ(s.leads[0].rank, 1);
  EXPECT_EQ(s.leads[1].flags.size(), 2u);
  EXPECT_NE(s.leads[0].lead_id, s.leads[1].lead_id);
}

TEST(Scoring, ShipmentLeadCarriesVesselAndPartyFlags) {
  Entity d = Decl("d");
  d.Add("importer", "Shell Co");
  d.Add("vessel_imo", "9312456");
  World w = Build({d});
  ASSERT_EQ(w.parties.size(), 1u);
  Finding vf;
  vf.code = "MAR-GAP";
  vf.subject_kind = SubjectKind::kVessel;
  vf.subject_id = "9312456";
  vf.score = 0.4;
  Finding ef;
  ef.code = "NET-OFAC-50";
  ef.subject_kind = SubjectKind::kEntity;
  ef.subject_id = w.parties[0].entity_id;
  ef.score = 0.7;
  Scores s = ScoreFindings(w, {vf, ef}, Config::Defaults());
  ASSERT_TRUE(s.declarations.count("d"));
  EXPECT_NEAR(s.declarations.at("d").score, 1 - (1 - 0.4 * 0.7) * (1 - 0.7 * 0.9), 1e-12);
  const Lead* ship = nullptr;
  for (const Lead& l : s.leads)
    if (l.kind == "shipment") ship = &l;
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->related_vessels, std::vector<std::string>{"9312456"});
  // The importer inherits the shipment's score without its own flag: 0.4 x 0.7 (vessel) x 0.6.
  const SubjectScore& imp = s.entities.at(w.parties[0].entity_id);
  EXPECT_NEAR(imp.score, 1 - 0.3 * (1 - 0.6 * 0.28), 1e-12);
  ASSERT_EQ(imp.flags.size(), 2u);
  EXPECT_EQ(imp.flags[1].code, "RISK-FROM-SHIPMENT");
}

Finding Mk(const std::string& code, SubjectKind kind, const std::string& subj, double s) {
  Finding f;
  f.code = code;
  f.subject_kind = kind;
  f.subject_id = subj;
  f.score = s;
  return f;
}

TEST(Scoring, OneFamilyCountsOnceWithDiminishingRestatements) {
  World w = Build({Decl("a"), Decl("b")});
  // A name hit and the payment-side restatement of the same list match (one family) vs.
  // the same two scores from independent families.
  std::vector<Finding> fs = {Mk("SCR-NAME-FUZZY", SubjectKind::kDeclaration, "a", 0.8),
                             Mk("FIN-LISTED-PARTY", SubjectKind::kDeclaration, "a", 0.6),
                             Mk("SCR-NAME-FUZZY", SubjectKind::kDeclaration, "b", 0.8),
                             Mk("TRD-CHPL", SubjectKind::kDeclaration, "b", 0.6)};
  Scores s = ScoreFindings(w, fs, Config::Defaults());
  EXPECT_NEAR(s.declarations.at("a").score, 1 - 0.2 * (1 - 0.25 * 0.6), 1e-12);
  EXPECT_NEAR(s.declarations.at("b").score, 1 - 0.2 * 0.4, 1e-12);
  EXPECT_EQ(s.declarations.at("a").flags.size(), 2u);  // both still shown as evidence
}

TEST(Scoring, CommonFlagsAreDiscountedAndFactsAreNot) {
  // 400 declarations; X on half of them, Y on 1 %, SCR-IMO (exempt) on half.
  std::vector<Entity> recs;
  for (int i = 0; i < 400; ++i) recs.push_back(Decl("d" + std::to_string(i)));
  World w = Build(std::move(recs));
  std::vector<Finding> fs;
  for (int i = 0; i < 200; ++i) {
    fs.push_back(Mk("X", SubjectKind::kDeclaration, "d" + std::to_string(i), 0.5));
    fs.push_back(Mk("SCR-IMO", SubjectKind::kDeclaration, "d" + std::to_string(200 + i), 0.5));
  }
  for (int i = 0; i < 4; ++i)
    fs.push_back(Mk("Y", SubjectKind::kDeclaration, "d" + std::to_string(300 + i), 0.5));
  Scores s = ScoreFindings(w, fs, Config::Defaults());
  // share 0.5 -> ln 2 / ln 50 = 0.177, floored at 0.25.
  EXPECT_NEAR(s.declarations.at("d0").score, 0.5 * 0.25, 1e-9);
  EXPECT_NE(s.declarations.at("d0").flags[0].explanation.find("common"), std::string::npos);
  EXPECT_NEAR(s.declarations.at("d250").score, 0.5, 1e-9);
  EXPECT_NEAR(s.declarations.at("d300").score, 1 - 0.5 * 0.5, 1e-9);  // Y rare, SCR-IMO exempt
  // Below min_subjects nothing is discounted (the two-declaration worlds above).
  Config c = Config::Defaults();
  ASSERT_TRUE(c.ApplyOverride("scoring.prevalence.min_subjects=1000").ok());
  EXPECT_NEAR(ScoreFindings(w, fs, c).declarations.at("d0").score, 0.5, 1e-9);
}

TEST(Scoring, TimedVesselFlagsGoToTheVoyageTheyHappenedOn) {
  Entity on = Decl("on"), off = Decl("off");
  on.Add("vessel_imo", "9312456");
  on.Add("departure_date", "2024-03-01");
  on.Add("arrival_date", "2024-03-20");
  off.Add("vessel_imo", "9312456");
  off.Add("departure_date", "2024-06-01");
  off.Add("arrival_date", "2024-06-15");
  World w = Build({on, off});
  Finding gap = Mk("MAR-GAP", SubjectKind::kVessel, "9312456", 0.5);
  gap.start = 1710288000;  // 2024-03-13
  gap.end = gap.start + 20 * 3600;
  Scores s = ScoreFindings(w, {gap}, Config::Defaults());
  EXPECT_NEAR(s.declarations.at("on").score, 0.5, 1e-12);
  EXPECT_NEAR(s.declarations.at("off").score, 0.5 * 0.3, 1e-12);
  gap.start = gap.end = 0;  // untimed: the plain vessel factor for both
  s = ScoreFindings(w, {gap}, Config::Defaults());
  EXPECT_NEAR(s.declarations.at("off").score, 0.5 * 0.7, 1e-12);
}

}  // namespace
}  // namespace interdict
