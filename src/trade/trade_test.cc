#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "trade/gbdt.h"
#include "trade/kcs.h"
#include "trade/risk_model.h"
#include "trade/unit_value.h"

namespace interdict::trade {
namespace {

const char kHeader[] =
    "Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,"
    "Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,Country of "
    "Departure,Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,Net Mass,Item "
    "Price,Fraud,Critical Fraud\n";

TEST(Kcs, ParsesHeaderByNameAndKeepsQuirks) {
  std::string csv = std::string(kHeader) +
                    "1,2021-04-01,40,B,11,21,11,40,D1,I1,S1,,90121,IT,RO,8.0,A,G,1.0,1248.7,0,0\n"
                    "2,2021-04-01,20,B,11,21,11,10,D2,I2,S2,C9,711311,TH,TH,8,A,Y,-4,0,1,2\n";
  auto rows = ParseKcs(csv, "t.csv");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].hs6, "090121");  // leading zero restored
  EXPECT_TRUE((*rows)[0].courier.empty());
  EXPECT_EQ((*rows)[0].departure, "IT");
  EXPECT_EQ((*rows)[0].origin, "RO");
  EXPECT_DOUBLE_EQ((*rows)[0].item_price, 1248.7);
  EXPECT_DOUBLE_EQ((*rows)[1].net_mass, -4);
  EXPECT_EQ((*rows)[1].fraud, 1);
  EXPECT_EQ((*rows)[1].critical, 2);
  EXPECT_EQ((*rows)[1].line, 3);
}

TEST(Kcs, ErrorsNameFileLineAndField) {
  std::string csv = std::string(kHeader) +
                    "1,2021-04-01,40,B,11,21,11,40,D1,I1,S1,,090121,IT,RO,8.0,A,G,x1,5,0,0\n";
  auto rows = ParseKcs(csv, "t.csv");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("t.csv:2"), std::string::npos);
  EXPECT_NE(rows.status().message().find("Net Mass"), std::string::npos);
  EXPECT_FALSE(ParseKcs("a,b\n1,2\n", "o.csv").ok());
  EXPECT_FALSE(IsKcsHeader({"declaration_id", "hs_code"}));
  EXPECT_TRUE(IsKcsHeader({"Declaration ID", "HS6 Code"}));
}

// y = (x0 > 0) xor (x1 > 0), with a noise feature and missing values in x0.
void XorData(size_t n, uint64_t seed, Matrix* x, std::vector<float>* y) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(-1, 1);
  x->rows = n;
  x->cols = 3;
  x->data.resize(n * 3);
  y->resize(n);
  for (size_t i = 0; i < n; ++i) {
    float a = u(rng), b = u(rng);
    x->row(i)[0] = i % 17 == 0 ? NAN : a;
    x->row(i)[1] = b;
    x->row(i)[2] = u(rng);
    (*y)[i] = ((a > 0) != (b > 0)) ? 1.f : 0.f;
  }
}

TEST(Gbdt, LearnsInteractionsAndExplainsEveryScore) {
  Matrix x, vx;
  std::vector<float> y, vy;
  XorData(4000, 1, &x, &y);
  XorData(1000, 2, &vx, &vy);
  GbdtParams p;
  p.num_rounds = 200;
  p.learning_rate = 0.2;
  p.early_stopping_rounds = 30;
  auto m = Gbdt::Train(x, y, p, &vx, &vy);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  std::vector<double> s(vx.rows);
  std::vector<int> lab(vx.rows);
  for (size_t i = 0; i < vx.rows; ++i) {
    s[i] = m->Predict(vx.row(i));
    lab[i] = vy[i] > 0.5;
  }
  EXPECT_GT(Auc(lab, s), 0.95);
  // Saabas attribution is exact: bias + contributions = raw score, for every row.
  std::vector<double> c;
  for (size_t i = 0; i < 50; ++i) {
    m->Explain(vx.row(i), &c);
    double sum = m->bias();
    for (double v : c) sum += v;
    EXPECT_NEAR(sum, m->PredictRaw(vx.row(i)), 1e-9);
  }
  // The noise feature carries (almost) no gain.
  EXPECT_LT(m->gain_importance()[2], 0.1 * m->gain_importance()[1]);
  // Round trip.
  auto back = Gbdt::Deserialize(m->Serialize());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  for (size_t i = 0; i < 100; ++i)
    EXPECT_NEAR(back->PredictRaw(vx.row(i)), m->PredictRaw(vx.row(i)), 1e-6);
}

TEST(Gbdt, RejectsBadInputAndCorruptModels) {
  Matrix x;
  std::vector<float> y;
  EXPECT_FALSE(Gbdt::Train(x, y, GbdtParams{}).ok());
  x.rows = 2;
  x.cols = 1;
  x.data = {1, 2};
  y = {1};
  EXPECT_FALSE(Gbdt::Train(x, y, GbdtParams{}).ok());
  EXPECT_FALSE(Gbdt::Deserialize("nonsense").ok());
  EXPECT_FALSE(Gbdt::Deserialize("gbdt 1 2 1 0\ntree 3\n0 abc 1 2 0\n").ok());
  EXPECT_FALSE(Gbdt::Deserialize("gbdt 1 2 1 0\ntree 1\n5 0.5 0 0 0\n").ok());
}

TEST(Metrics, AucAndPrecisionAtK) {
  EXPECT_DOUBLE_EQ(Auc({1, 0, 1, 0}, {0.9, 0.1, 0.8, 0.2}), 1.0);
  EXPECT_DOUBLE_EQ(Auc({1, 0}, {0.5, 0.5}), 0.5);  // ties count half
  std::vector<KcsRow> rows(200);
  std::vector<double> scores(200);
  for (int i = 0; i < 200; ++i) {
    rows[i].fraud = i < 30;  // 30 frauds, ranked first except one
    rows[i].critical = i < 3 ? 2 : rows[i].fraud;
    rows[i].item_price = 100;
    rows[i].tax_rate = 10;
    scores[i] = 1000 - i;
  }
  std::swap(scores[0], scores[150]);  // a non-fraud row now ranks first, fraud 0 last-ish
  EvalReport r = Evaluate(rows, scores);
  ASSERT_EQ(r.at.size(), 4u);
  EXPECT_EQ(r.at[0].inspected, 2);
  EXPECT_DOUBLE_EQ(r.at[0].precision, 0.5);
  EXPECT_EQ(r.at[3].inspected, 20);
  EXPECT_DOUBLE_EQ(r.at[3].precision, 19.0 / 20);
  EXPECT_DOUBLE_EQ(r.at[3].recall, 19.0 / 30);
  EXPECT_DOUBLE_EQ(r.at[3].revenue, 19.0 / 30);
  EXPECT_EQ(r.critical, 3);
  EXPECT_DOUBLE_EQ(r.at[3].critical_recall, 2.0 / 3);
}

KcsRow Row(std::string id, std::string hs, std::string origin, double mass, double price, int fraud,
           std::string importer = "I") {
  KcsRow r;
  r.id = std::move(id);
  r.date = "2021-04-05";
  r.hs6 = std::move(hs);
  r.origin = std::move(origin);
  r.departure = r.origin;
  r.net_mass = mass;
  r.item_price = price;
  r.fraud = fraud;
  r.importer = std::move(importer);
  r.tax_type = "A";
  r.tax_rate = 8;
  return r;
}

int Col(const KcsFeaturizer& f, const std::string& name) {
  const auto& n = f.feature_names();
  return static_cast<int>(std::find(n.begin(), n.end(), name) - n.begin());
}

TEST(Featurizer, OutOfFoldEncodingsNeverSeeTheirOwnLabel) {
  std::vector<KcsRow> train;
  for (int i = 0; i < 40; ++i)
    train.push_back(Row("t" + std::to_string(i), "850110", "CN", 10, 100, i % 4 == 0));
  train.push_back(Row("lonely", "850110", "CN", 10, 100, 1, "ONLY-ME"));
  KcsFeaturizer f;
  Matrix x = f.FitTransform(train);
  int te = Col(f, "te_importer"), n = Col(f, "n_importer");
  ASSERT_LT(te, static_cast<int>(f.feature_names().size()));
  double prior = 11.0 / 41;
  // The only row of importer ONLY-ME sees no statistics of itself: prior rate, count 0.
  EXPECT_NEAR(x.row(40)[te], prior, 1e-6);
  EXPECT_FLOAT_EQ(x.row(40)[n], 0);
  // A new row of that importer sees the training row (fraud): rate above the prior.
  Matrix t = f.Transform({Row("new", "850110", "CN", 10, 100, 0, "ONLY-ME")});
  EXPECT_GT(t.row(0)[te], prior);
  EXPECT_FLOAT_EQ(t.row(0)[n], std::log1p(1.f));
}

TEST(Featurizer, UnitValueBacksOffFromHs6ToHs4) {
  std::vector<KcsRow> train;
  for (int i = 0; i < 10; ++i)
    train.push_back(Row("a" + std::to_string(i), "850110", "CN", 10, 100, 0));  // 10/kg
  train.push_back(Row("b", "850120", "CN", 10, 1000, 0));  // one HS6 850120 row only
  KcsFeaturizer f;
  f.FitTransform(train);
  Matrix t = f.Transform({Row("q", "850120", "CN", 10, 10, 0)});  // 1/kg
  int rel = Col(f, "uv_rel_hs"), lvl = Col(f, "uv_backoff");
  EXPECT_FLOAT_EQ(t.row(0)[lvl], 1);  // HS4 level: HS6 850120 has too few peers
  EXPECT_NEAR(t.row(0)[rel], std::log(1.0 / 10), 1e-5);
  EXPECT_TRUE(std::isnan(f.Transform({Row("z", "850110", "CN", 0, 10, 0)}).row(0)[rel]));
}

TEST(RiskModel, LearnsAndExplainsWithRedFlagCodes) {
  // Fraud = undervalued (1/kg instead of 10/kg) or an origin/departure mismatch.
  std::vector<KcsRow> train, test;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    bool under = rng() % 5 == 0;
    KcsRow r = Row("r" + std::to_string(i), i % 2 ? "850110" : "620342", "CN", 10 + rng() % 50, 0,
                   under, "I" + std::to_string(rng() % 300));
    r.item_price = r.net_mass * (under ? 1.0 : 10.0) * (0.8 + 0.4 * (rng() % 100) / 100.0);
    (i < 1600 ? train : test).push_back(r);
  }
  GbdtParams p;
  p.num_rounds = 60;
  p.learning_rate = 0.2;
  auto m = KcsRiskModel::Train(train, nullptr, p);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EvalReport r = Evaluate(test, m->Score(test));
  EXPECT_GT(r.auc, 0.99);
  const KcsRow* fraud = nullptr;
  for (const auto& row : test)
    if (row.fraud) fraud = &row;
  ASSERT_NE(fraud, nullptr);
  auto ex = m->Explain(*fraud, 3);
  ASSERT_EQ(ex.size(), 3u);
  EXPECT_STREQ(ex[0].flag.c_str(), "TRD-UNIT-VALUE") << ex[0].feature;
  EXPECT_GT(ex[0].contribution, 0);
}

TEST(RobustStats, MedianAndMad) {
  RobustStats s = ComputeRobustStats({1, 2, 3, 4, 100});
  EXPECT_DOUBLE_EQ(s.median, 3);
  EXPECT_DOUBLE_EQ(s.scale, 1.4826 * 1);
  EXPECT_EQ(s.count, 5);
}

}  // namespace
}  // namespace interdict::trade
