#include <gtest/gtest.h>

#include "interdict/simulate.h"
#include "testutil.h"

namespace interdict {
namespace {

// A tiny key: two schemes (3 planted declarations), one decoy, planted events.
const char* kKey = R"({
 "format": "interdict-truth/1",
 "schemes": [
  {"id": "S-001", "type": "chpl_diversion", "declarations": ["D1", "D2"], "entities": ["co-1", "co-2"],
   "vessels": [{"imo": "9312456", "mmsi": ["111111111"]}], "events": []},
  {"id": "S-002", "type": "dark_sts", "declarations": ["D7"], "entities": [],
   "vessels": [{"imo": "9187629", "mmsi": ["222222222"]}, {"imo": "9074729", "mmsi": ["333333333"]}],
   "events": [
     {"type": "gap", "mmsi": "222222222", "start": "2024-10-02T00:00:00Z", "end": "2024-10-02T20:00:00Z"},
     {"type": "encounter", "mmsi": "222222222", "other_mmsi": "333333333",
      "start": "2024-10-03T00:00:00Z", "end": "2024-10-03T08:00:00Z"}]}
 ],
 "decoys": [
  {"id": "X-001", "type": "high_value_outlier", "declarations": ["D3"], "entities": [], "vessels": []},
  {"id": "X-002", "type": "lookalike_name", "declarations": [], "entities": ["co-9"], "vessels": []}
 ]
})";

TEST(Eval, ComputesRankingMetricsOnAHandMadeOutput) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/truth.json", kKey);
  // 20 declarations; planted D1 rank 1, D7 rank 3, D2 rank 12; decoy D3 rank 2.
  std::string csv = "declaration_id,rank,score,flags\n";
  std::vector<std::string> order = {"D1", "D3", "D7", "D4", "D5", "D6", "D8", "D9", "D10", "D11",
                                    "D12", "D2", "D13", "D14", "D15", "D16", "D17", "D18", "D19", "D20"};
  for (size_t i = 0; i < order.size(); ++i)
    csv += order[i] + "," + std::to_string(i + 1) + "," + std::to_string(1.0 - 0.05 * static_cast<double>(i)) + ",X\n";
  testing::WriteFile(dir + "/out/declarations.csv", csv);
  testing::WriteFile(dir + "/out/entities.jsonl",
                     "{\"id\":\"ofac-1\",\"score\":0.9,\"referents\":[\"80001\"]}\n"
                     "{\"id\":\"e-7\",\"score\":0.8,\"referents\":[\"co-2\",\"D1\"]}\n"
                     "{\"id\":\"co-9\",\"score\":0.7,\"referents\":[]}\n"
                     "{\"id\":\"co-1\",\"score\":0.1,\"referents\":[]}\n"
                     "{\"id\":\"co-5\",\"score\":0.05}\n");
  testing::WriteFile(dir + "/out/vessels.jsonl",
                     "{\"imo\":\"9187629\",\"mmsi\":[\"222222222\"],\"score\":0.9}\n"
                     "{\"imo\":\"1000007\",\"mmsi\":[],\"score\":0.5}\n"
                     "{\"imo\":\"9312456\",\"mmsi\":[],\"score\":0.4}\n"
                     "{\"imo\":\"9074729\",\"mmsi\":[\"333333333\"],\"score\":0.3}\n"
                     "{\"imo\":\"9999995\",\"mmsi\":[],\"score\":0.1}\n"
                     "{\"imo\":\"9999996\",\"mmsi\":[],\"score\":0.05}\n"
                     "{\"imo\":\"9999997\",\"mmsi\":[],\"score\":0.01}\n");
  testing::WriteFile(dir + "/out/events.jsonl",
                     "{\"type\":\"gap\",\"mmsi\":\"222222222\",\"start\":\"2024-10-02T01:00:00Z\",\"end\":\"2024-10-02T19:00:00Z\"}\n"
                     "{\"type\":\"encounter\",\"mmsi\":\"333333333\",\"other_mmsi\":\"999\",\"start\":\"2024-10-03T00:00:00Z\",\"end\":\"2024-10-03T08:00:00Z\"}\n");
  auto m = Evaluate(dir + "/truth.json", dir + "/out");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->declarations, 20);
  EXPECT_EQ(m->planted_declarations, 3);
  // Top 3 = D1, D3, D7: two planted.
  EXPECT_NEAR(m->precision_at_k, 2.0 / 3.0, 1e-9);
  // 1 % of 20 -> 1 row (D1); 5 % -> 1 row.
  EXPECT_NEAR(m->precision_at_1pct, 1.0, 1e-9);
  EXPECT_NEAR(m->precision_at_5pct, 1.0, 1e-9);
  // AUC: positives at positions 1, 3, 12 among 20 (17 negatives).
  // Negatives below D1: 17, below D7: 16, below D2: 8 -> 41 / 51.
  EXPECT_NEAR(m->roc_auc, 41.0 / 51.0, 1e-9);
  EXPECT_NEAR(m->scheme_recall_top5.at("chpl_diversion"), 0.5, 1e-9);
  EXPECT_NEAR(m->scheme_recall_top5.at("dark_sts"), 0.0, 1e-9);
  // Entities: 2 planted, top 4 by score holds e-7 (referent co-2) and co-1 at rank 4.
  EXPECT_EQ(m->planted_entities, 2);
  EXPECT_NEAR(m->entity_recall, 1.0, 1e-9);
  // Vessels: 3 planted, top 6 holds all three.
  EXPECT_EQ(m->planted_vessels, 3);
  EXPECT_NEAR(m->vessel_recall, 1.0, 1e-9);
  EXPECT_NEAR(m->gap_recall, 1.0, 1e-9);
  EXPECT_NEAR(m->encounter_recall, 0.0, 1e-9);  // wrong partner
  // Decoys: D3 at rank 2 (top 10 % = 2 rows) and co-9 in the top 10 % of 5 entities (1 row: no).
  EXPECT_EQ(m->decoys, 2);
  EXPECT_NEAR(m->decoy_top10_share, 0.5, 1e-9);
  std::string report = FormatEvalReport(*m);
  EXPECT_NE(report.find("precision@k"), std::string::npos);
  EXPECT_NE(EvalMetricsJson(*m).find("\"roc_auc\""), std::string::npos);
}

TEST(Eval, MissingOutputsWarnAndBadKeyFails) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/truth.json", kKey);
  auto m = Evaluate(dir + "/truth.json", dir + "/nothing");
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->warnings.empty());
  EXPECT_EQ(m->declarations, 0);
  testing::WriteFile(dir + "/bad.json", "{\"x\": 1}");
  EXPECT_EQ(Evaluate(dir + "/bad.json", dir).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(Evaluate(dir + "/absent.json", dir).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace interdict
