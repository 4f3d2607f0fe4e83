// The learned customs risk model: DATE-style features computed from training data only,
// a histogram GBDT (gbdt.h), ranking metrics of the DATE protocol (KDD 2020), and
// per-declaration explanations mapped to red-flag codes.
//
// Features (KcsFeaturizer):
// - numbers: log mass, log price, log price per kg, tax rate, log duty (price x tax),
//   mass <= 0, price <= 0, departure != origin, no courier, day of week;
// - unit value: log price/kg minus the training median of the same HS6 (back-off to HS4,
//   HS2, all when fewer than kMinPeers), and the same against HS6 x origin;
// - for each categorical key (declarant, importer, seller, courier, office, HS6/4/2,
//   countries, HS6 x origin, and a few pairs): a smoothed fraud rate and a log frequency
//   from the training set. On the training set itself the rates are out-of-fold (K folds)
//   so a row never sees its own label — otherwise the model learns to trust encodings that
//   will be much weaker on new data.
//
// Thread-safety: a fitted featurizer and a trained model are immutable and const-safe.
#ifndef INTERDICT_TRADE_RISK_MODEL_H_
#define INTERDICT_TRADE_RISK_MODEL_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "interdict/status.h"
#include "trade/gbdt.h"
#include "trade/kcs.h"

namespace interdict::trade {

struct FeaturizerOptions {
  int folds = 5;
  double smoothing = 10;  // pseudo-count of the prior in target encodings
  int min_peers = 5;      // unit-value medians need this many peers, else back off
  uint64_t seed = 7;
};

class KcsFeaturizer {
 public:
  explicit KcsFeaturizer(FeaturizerOptions opts = {}) : opts_(opts) {}
  // Learns statistics on `train` and returns its (out-of-fold) feature matrix.
  Matrix FitTransform(const std::vector<KcsRow>& train);
  // Features of unseen rows from the statistics of the whole training set.
  Matrix Transform(const std::vector<KcsRow>& rows) const;
  const std::vector<std::string>& feature_names() const { return names_; }

 private:
  struct Stat {
    double n = 0, pos = 0;
  };
  using StatMap = std::unordered_map<std::string, Stat>;
  // `enc` gives the fraud rates (out-of-fold on the training set); frequencies always come
  // from the whole training set, minus the row itself when `self` (so a training row and
  // a new row with the same key history see the same count).
  void Row(const KcsRow& r, const std::vector<StatMap>& enc, bool self, float* out) const;
  std::vector<StatMap> Count(const std::vector<KcsRow>& rows, const std::vector<int>& fold,
                             int skip_fold) const;

  FeaturizerOptions opts_;
  std::vector<std::string> names_;
  std::vector<StatMap> full_;
  double prior_ = 0;
  // Medians of log price per kg (no labels involved, so from the whole training set).
  std::unordered_map<std::string, std::pair<double, int>> med_;  // key -> (median, count)
  double global_med_ = 0;
};

// Red-flag code a feature's contribution is reported under.
const char* FeatureFlag(const std::string& feature_name);

struct RankMetrics {
  double rate = 0;  // inspection rate (fraction)
  int inspected = 0;
  double precision = 0, recall = 0, revenue = 0;
  double critical_precision = 0, critical_recall = 0;  // Critical Fraud = 2
};

struct EvalReport {
  std::vector<RankMetrics> at;  // 1, 2, 5, 10 %
  double auc = 0;
  int rows = 0, frauds = 0, critical = 0;
};

// DATE metrics of `scores` against labels (rows in the same order). Revenue is the share of
// the duty at stake (Item Price x Tax Rate) of all fraudulent rows caught in the top k
// (the KCS release has no raised-tax column, so this is the proxy; documented in trade.md).
EvalReport Evaluate(const std::vector<KcsRow>& rows, const std::vector<double>& scores);
double Auc(const std::vector<int>& labels, const std::vector<double>& scores);

struct Contribution {
  std::string feature;
  std::string flag;
  float value = 0;
  double contribution = 0;  // log-odds
};

// A featurizer + GBDT pair.
class KcsRiskModel {
 public:
  // Trains on `train`; `valid` (optional) drives early stopping.
  static Result<KcsRiskModel> Train(const std::vector<KcsRow>& train,
                                    const std::vector<KcsRow>* valid, const GbdtParams& params,
                                    const FeaturizerOptions& fopts = {});
  std::vector<double> Score(const std::vector<KcsRow>& rows) const;
  // The top `k` contributions (by absolute value) of one row's score.
  std::vector<Contribution> Explain(const KcsRow& row, int k) const;
  const Gbdt& gbdt() const { return gbdt_; }
  const KcsFeaturizer& featurizer() const { return feat_; }

 private:
  KcsFeaturizer feat_;
  Gbdt gbdt_;
};

// The benchmark protocol: train on train with early stopping on valid, then refit on
// train+valid with the chosen number of rounds and score test once.
struct BenchmarkResult {
  EvalReport valid;  // stage 1 model on valid
  EvalReport test;   // final model on test
  int rounds = 0;
  double train_seconds = 0, score_seconds = 0;
  int features = 0;
  std::vector<std::pair<std::string, double>> importance;  // by gain, descending
  std::vector<std::string> examples;                       // explained top-ranked test declarations
};
Result<BenchmarkResult> RunKcsBenchmark(const KcsSplits& splits, const GbdtParams& params);

// Fixed-width table of a report ("k  n  precision  recall  revenue ...").
std::string FormatReport(const std::string& title, const EvalReport& r);

}  // namespace interdict::trade

#endif  // INTERDICT_TRADE_RISK_MODEL_H_
