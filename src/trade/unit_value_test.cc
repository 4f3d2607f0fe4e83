#include "trade/unit_value.h"

#include <gtest/gtest.h>

#include <string>

namespace interdict {
namespace {

Entity Decl(const std::string& id, std::vector<std::pair<std::string, std::string>> props) {
  Entity e(id, Schema::Get("Declaration"));
  e.AddReferent({"declarations.csv", id, 1, 0, "h"});
  e.Add("declaration_id", id);
  for (auto& [k, v] : props) e.Add(k, v);
  return e;
}

// `n` ordinary declarations of HS 851712 from CN at about 100 USD/kg.
std::vector<Entity> Peers(int n, const std::string& hs = "851712", const std::string& cc = "CN") {
  std::vector<Entity> v;
  for (int i = 0; i < n; ++i)
    v.push_back(Decl("P" + hs + cc + std::to_string(i),
                     {{"hs_code", hs},
                      {"origin_country", cc},
                      {"currency", "USD"},
                      {"net_weight_kg", "100"},
                      {"invoice_value", std::to_string(9000 + 200 * (i % 10))}}));
  return v;
}

std::vector<Finding> Detect(std::vector<Entity> decls, Config cfg = Config::Defaults()) {
  World w;
  w.declarations = std::move(decls);
  std::vector<Finding> out;
  auto d = NewUnitValueDetector();
  EXPECT_TRUE(d->Run(w, cfg, &out).ok());
  return out;
}

const Finding* Find(const std::vector<Finding>& fs, const std::string& code,
                    const std::string& id) {
  for (const auto& f : fs)
    if (f.code == code && f.subject_id == id) return &f;
  return nullptr;
}

TEST(UnitValue, UndervaluedAgainstHs6OriginPeersWithPeerEvidence) {
  auto decls = Peers(12);
  decls.push_back(Decl("LOW", {{"hs_code", "8517.12.00"},
                               {"origin_country", "CN"},
                               {"currency", "USD"},
                               {"net_weight_kg", "100"},
                               {"invoice_value", "500"}}));  // 5/kg vs ~100/kg
  auto fs = Detect(decls);
  const Finding* f = Find(fs, "TRD-UNIT-VALUE", "LOW");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->explanation.find("below"), std::string::npos) << f->explanation;
  EXPECT_NE(f->explanation.find("HS 851712 from CN"), std::string::npos) << f->explanation;
  EXPECT_NE(f->explanation.find("12 peers"), std::string::npos) << f->explanation;
  ASSERT_EQ(f->evidence.size(), 4u);  // the declaration and three peers
  EXPECT_EQ(f->evidence[0].record_id, "LOW");
  EXPECT_GT(f->score, 0);
  // Ordinary peers are not flagged.
  for (const auto& x : fs) EXPECT_NE(x.subject_id.substr(0, 1), "P") << x.explanation;
}

TEST(UnitValue, BacksOffToHs4AndNeedsMinimumPeers) {
  // Only 3 peers share HS6 x origin, but HS4 8517 has 12 (other HS6) -> HS4 group used.
  auto decls = Peers(3);
  for (auto& e : Peers(12, "851713", "VN")) decls.push_back(e);
  decls.push_back(Decl("HIGH", {{"hs_code", "851712"},
                                {"origin_country", "CN"},
                                {"currency", "USD"},
                                {"net_weight_kg", "10"},
                                {"invoice_value", "90000"}}));  // 9000/kg
  auto fs = Detect(decls);
  const Finding* f = Find(fs, "TRD-UNIT-VALUE", "HIGH");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->explanation.find("(HS 8517)"), std::string::npos) << f->explanation;
  EXPECT_NE(f->explanation.find("over-valuation"), std::string::npos);
  // Too few peers anywhere -> no finding.
  auto few = Peers(4);
  few.push_back(Decl("X", {{"hs_code", "851712"},
                           {"origin_country", "CN"},
                           {"currency", "USD"},
                           {"net_weight_kg", "1"},
                           {"invoice_value", "1"}}));
  EXPECT_EQ(Find(Detect(few), "TRD-UNIT-VALUE", "X"), nullptr);
  // Other currency -> not a peer.
  auto cur = Peers(12);
  cur.push_back(Decl("EUR", {{"hs_code", "851712"},
                             {"origin_country", "CN"},
                             {"currency", "EUR"},
                             {"net_weight_kg", "100"},
                             {"invoice_value", "500"}}));
  EXPECT_EQ(Find(Detect(cur), "TRD-UNIT-VALUE", "EUR"), nullptr);
}

TEST(UnitValue, ThresholdIsConfiguration) {
  auto decls = Peers(12);
  decls.push_back(Decl("MID", {{"hs_code", "851712"},
                               {"origin_country", "CN"},
                               {"currency", "USD"},
                               {"net_weight_kg", "100"},
                               {"invoice_value", "3000"}}));  // ~3x below
  EXPECT_NE(Find(Detect(decls), "TRD-UNIT-VALUE", "MID"), nullptr);
  Config strict = Config::Defaults();
  ASSERT_TRUE(strict.ApplyOverride("trade.unit_value.min_ratio=5").ok());
  EXPECT_EQ(Find(Detect(decls, strict), "TRD-UNIT-VALUE", "MID"), nullptr);
}

TEST(WeightQty, InconsistentWeightQuantityValue) {
  std::vector<Entity> decls = {
      Decl("NG", {{"hs_code", "720810"},
                  {"net_weight_kg", "1200"},
                  {"gross_weight_kg", "1000"},
                  {"invoice_value", "500"}}),
      Decl("ZV", {{"hs_code", "720810"},
                  {"quantity", "10"},
                  {"quantity_unit", "PCE"},
                  {"invoice_value", "0"}}),
      Decl("KG", {{"hs_code", "720810"},
                  {"quantity", "5000"},
                  {"quantity_unit", "KGM"},
                  {"net_weight_kg", "1000"},
                  {"invoice_value", "500"}}),
      Decl("OK", {{"hs_code", "720810"},
                  {"quantity", "1000"},
                  {"quantity_unit", "KGM"},
                  {"net_weight_kg", "1000"},
                  {"gross_weight_kg", "1050"},
                  {"invoice_value", "500"}}),
  };
  auto fs = Detect(decls);
  ASSERT_NE(Find(fs, "TRD-WEIGHT-QTY", "NG"), nullptr);
  EXPECT_NE(Find(fs, "TRD-WEIGHT-QTY", "NG")->explanation.find("exceeds gross"), std::string::npos);
  EXPECT_NE(Find(fs, "TRD-WEIGHT-QTY", "ZV"), nullptr);
  EXPECT_NE(Find(fs, "TRD-WEIGHT-QTY", "KG"), nullptr);
  EXPECT_EQ(Find(fs, "TRD-WEIGHT-QTY", "OK"), nullptr);
}

TEST(WeightQty, KilogramsPerUnitFarFromPeers) {
  std::vector<Entity> decls;
  for (int i = 0; i < 10; ++i)  // laptops: ~2 kg per piece
    decls.push_back(Decl("L" + std::to_string(i), {{"hs_code", "847130"},
                                                   {"quantity", "100"},
                                                   {"quantity_unit", "PCE"},
                                                   {"net_weight_kg", std::to_string(200 + 5 * i)},
                                                   {"invoice_value", "50000"}}));
  decls.push_back(Decl("HEAVY", {{"hs_code", "847130"},
                                 {"quantity", "100"},
                                 {"quantity_unit", "PCE"},
                                 {"net_weight_kg", "5000"},
                                 {"invoice_value", "50000"}}));  // 50 kg per "laptop"
  auto fs = Detect(decls);
  const Finding* f = Find(fs, "TRD-WEIGHT-QTY", "HEAVY");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->explanation.find("kg per PCE"), std::string::npos) << f->explanation;
  EXPECT_EQ(f->evidence.size(), 4u);
}

}  // namespace
}  // namespace interdict
