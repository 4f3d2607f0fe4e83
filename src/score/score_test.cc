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
  EXPECT_NEAR(s.declarations.at("d").score, 1 - 0.6 * 0.3, 1e-12);
  ASSERT_FALSE(s.leads.empty());
  EXPECT_EQ(s.leads[0].kind, "shipment");
  EXPECT_EQ(s.leads[0].related_vessels, std::vector<std::string>{"9312456"});
}

}  // namespace
}  // namespace interdict
