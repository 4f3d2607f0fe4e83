#include "trade/risk_model.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>

#include "core/validate.h"

namespace interdict::trade {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::string Hs(const KcsRow& r, size_t digits) {
  return r.hs6.substr(0, std::min(digits, r.hs6.size()));
}

std::string Route(const KcsRow& r) { return r.origin + ">" + r.departure; }
std::string Tax(const KcsRow& r) { return r.tax_type + ":" + std::to_string(r.tax_rate); }

// The categorical keys that get a target encoding and a frequency. Pairs catch repeat
// behaviour that single keys blur. On the KCS benchmark the fraud rate is mostly a property
// of the goods x route x tariff line (HS6 x origin x departure x tax type/rate: AUC 0.87 on
// its own), while declarant/importer/seller rates carry almost nothing (AUC ~0.51) — those
// stay because on real data party history matters.
struct CatKey {
  const char* name;
  std::string (*key)(const KcsRow&);
};
const std::vector<CatKey>& CatKeys() {
  static const std::vector<CatKey> k = {
      {"declarant", [](const KcsRow& r) { return r.declarant; }},
      {"importer", [](const KcsRow& r) { return r.importer; }},
      {"seller", [](const KcsRow& r) { return r.seller; }},
      {"courier", [](const KcsRow& r) { return r.courier.empty() ? "-" : r.courier; }},
      {"office", [](const KcsRow& r) { return r.office; }},
      {"hs6", [](const KcsRow& r) { return Hs(r, 6); }},
      {"hs4", [](const KcsRow& r) { return Hs(r, 4); }},
      {"hs2", [](const KcsRow& r) { return Hs(r, 2); }},
      {"departure", [](const KcsRow& r) { return r.departure; }},
      {"origin", [](const KcsRow& r) { return r.origin; }},
      {"hs6_origin", [](const KcsRow& r) { return Hs(r, 6) + "|" + r.origin; }},
      {"departure_origin", [](const KcsRow& r) { return r.departure + "|" + r.origin; }},
      {"hs6_departure", [](const KcsRow& r) { return Hs(r, 6) + "|" + r.departure; }},
      {"hs6_tax", [](const KcsRow& r) { return Hs(r, 6) + "|" + Tax(r); }},
      {"hs6_route", [](const KcsRow& r) { return Hs(r, 6) + "|" + Route(r); }},
      {"hs6_route_tax", [](const KcsRow& r) { return Hs(r, 6) + "|" + Route(r) + "|" + Tax(r); }},
      {"hs4_route_tax", [](const KcsRow& r) { return Hs(r, 4) + "|" + Route(r) + "|" + Tax(r); }},
      {"tax_type", [](const KcsRow& r) { return r.tax_type; }},
      {"origin_indicator", [](const KcsRow& r) { return r.origin_indicator; }},
      {"procedure",
       [](const KcsRow& r) {
         return r.process_type + "|" + r.import_type + "|" + r.import_use + "|" + r.payment_type +
                "|" + r.transport_mode;
       }},
  };
  return k;
}

const char* kNumNames[] = {
    "log_mass",         "log_price",        "log_price_per_kg",    "tax_rate",      "log_duty",
    "mass_nonpos",      "price_nonpos",     "departure_ne_origin", "no_courier",    "weekday",
    "uv_rel_hs",        "uv_rel_hs_origin", "uv_rel_hs_route_tax", "uv_backoff",    "office_code",
    "import_type_code", "import_use_code",  "payment_code",        "transport_code"};
constexpr int kNumCount = sizeof(kNumNames) / sizeof(kNumNames[0]);

float Code(const std::string& s) {
  auto n = ParseNumber(s);
  return n ? static_cast<float>(*n) : kNaN;
}

double LogPricePerKg(const KcsRow& r) {
  if (r.net_mass > 0 && r.item_price > 0) return std::log(r.item_price / r.net_mass);
  return std::numeric_limits<double>::quiet_NaN();
}

double Median(std::vector<double>* v) {
  size_t m = v->size() / 2;
  std::nth_element(v->begin(), v->begin() + m, v->end());
  double hi = (*v)[m];
  if (v->size() % 2) return hi;
  double lo = *std::max_element(v->begin(), v->begin() + m);
  return (lo + hi) / 2;
}

}  // namespace

const char* FeatureFlag(const std::string& f) {
  if (f.rfind("uv_", 0) == 0 || f == "log_price_per_kg") return "TRD-UNIT-VALUE";
  if (f == "mass_nonpos" || f == "price_nonpos" || f == "log_mass" || f == "log_price")
    return "TRD-WEIGHT-QTY";
  if (f == "departure_ne_origin" || f.find("departure_origin") != std::string::npos)
    return "TRD-ORIGIN-DEPARTURE";
  for (const char* p : {"declarant", "importer", "seller", "courier", "no_courier"})
    if (f.find(p) != std::string::npos) return "TRD-PARTY-HISTORY";
  if (f.find("hs") != std::string::npos || f.find("tax") != std::string::npos ||
      f.find("duty") != std::string::npos)
    return "TRD-GOODS-RISK";
  if (f.find("origin") != std::string::npos || f.find("departure") != std::string::npos)
    return "TRD-COUNTRY-RISK";
  return "TRD-PROCEDURE-RISK";
}

std::vector<KcsFeaturizer::StatMap> KcsFeaturizer::Count(const std::vector<KcsRow>& rows,
                                                         const std::vector<int>& fold,
                                                         int only_fold) const {
  const auto& keys = CatKeys();
  std::vector<StatMap> m(keys.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (only_fold >= 0 && fold[i] != only_fold) continue;
    for (size_t k = 0; k < keys.size(); ++k) {
      Stat& s = m[k][keys[k].key(rows[i])];
      s.n += 1;
      s.pos += rows[i].fraud > 0;
    }
  }
  return m;
}

Matrix KcsFeaturizer::FitTransform(const std::vector<KcsRow>& train) {
  const auto& keys = CatKeys();
  names_.assign(kNumNames, kNumNames + kNumCount);
  for (const auto& k : keys) {
    names_.push_back(std::string("te_") + k.name);
    names_.push_back(std::string("n_") + k.name);
    names_.push_back(std::string("pos_") + k.name);
  }
  double pos = 0;
  for (const auto& r : train) pos += r.fraud > 0;
  prior_ = train.empty() ? 0 : pos / train.size();

  // Unit-value medians per HS6 / HS4 / HS2 / HS6 x origin.
  std::unordered_map<std::string, std::vector<double>> vals;
  std::vector<double> all;
  for (const auto& r : train) {
    double v = LogPricePerKg(r);
    if (std::isnan(v)) continue;
    all.push_back(v);
    vals["6:" + Hs(r, 6)].push_back(v);
    vals["4:" + Hs(r, 4)].push_back(v);
    vals["2:" + Hs(r, 2)].push_back(v);
    vals["o:" + Hs(r, 6) + "|" + r.origin].push_back(v);
    vals["r:" + Hs(r, 6) + "|" + Route(r) + "|" + Tax(r)].push_back(v);
  }
  med_.clear();
  for (auto& [k, v] : vals) med_[k] = {Median(&v), static_cast<int>(v.size())};
  global_med_ = all.empty() ? 0 : Median(&all);

  full_ = Count(train, {}, -1);
  // Out-of-fold encodings: statistics of the other folds = full - this fold.
  std::vector<int> fold(train.size());
  std::mt19937_64 rng(opts_.seed);
  for (auto& f : fold) f = static_cast<int>(rng() % std::max(1, opts_.folds));
  Matrix x;
  x.rows = train.size();
  x.cols = names_.size();
  x.data.assign(x.rows * x.cols, 0);
  for (int k = 0; k < std::max(1, opts_.folds); ++k) {
    std::vector<StatMap> in_fold = Count(train, fold, k);
    std::vector<StatMap> rest = full_;
    for (size_t c = 0; c < rest.size(); ++c)
      for (const auto& [key, s] : in_fold[c]) {
        Stat& r = rest[c][key];
        r.n -= s.n;
        r.pos -= s.pos;
      }
    for (size_t i = 0; i < train.size(); ++i)
      if (fold[i] == k) Row(train[i], rest, true, x.row(i));
  }
  return x;
}

Matrix KcsFeaturizer::Transform(const std::vector<KcsRow>& rows) const {
  Matrix x;
  x.rows = rows.size();
  x.cols = names_.size();
  x.data.assign(x.rows * x.cols, 0);
  for (size_t i = 0; i < rows.size(); ++i) Row(rows[i], full_, false, x.row(i));
  return x;
}

void KcsFeaturizer::Row(const KcsRow& r, const std::vector<StatMap>& enc, bool self,
                        float* out) const {
  const double mass = std::max(r.net_mass, 0.0), price = std::max(r.item_price, 0.0);
  const double lppk = LogPricePerKg(r);
  int i = 0;
  out[i++] = static_cast<float>(std::log1p(mass));
  out[i++] = static_cast<float>(std::log1p(price));
  out[i++] = static_cast<float>(lppk);
  out[i++] = static_cast<float>(r.tax_rate);
  out[i++] = static_cast<float>(std::log1p(price * std::max(r.tax_rate, 0.0) / 100));
  out[i++] = r.net_mass <= 0;
  out[i++] = r.item_price <= 0;
  out[i++] = !r.departure.empty() && !r.origin.empty() && r.departure != r.origin;
  out[i++] = r.courier.empty();
  auto days = ParseDateDays(r.date);
  out[i++] = days ? static_cast<float>(((*days % 7) + 3) % 7) : kNaN;  // 0 = Monday
  // Unit value against peers, backing off from HS6 to HS4, HS2 and everything.
  float rel = kNaN, rel_o = kNaN, rel_r = kNaN, level = kNaN;
  if (!std::isnan(lppk)) {
    const std::string keys[] = {"6:" + Hs(r, 6), "4:" + Hs(r, 4), "2:" + Hs(r, 2)};
    double m = global_med_;
    level = 3;
    for (int l = 0; l < 3; ++l) {
      auto it = med_.find(keys[l]);
      if (it != med_.end() && it->second.second >= opts_.min_peers) {
        m = it->second.first;
        level = static_cast<float>(l);
        break;
      }
    }
    rel = static_cast<float>(lppk - m);
    auto it = med_.find("o:" + Hs(r, 6) + "|" + r.origin);
    rel_o = it != med_.end() && it->second.second >= opts_.min_peers
                ? static_cast<float>(lppk - it->second.first)
                : rel;
    it = med_.find("r:" + Hs(r, 6) + "|" + Route(r) + "|" + Tax(r));
    rel_r = it != med_.end() && it->second.second >= opts_.min_peers
                ? static_cast<float>(lppk - it->second.first)
                : rel_o;
  }
  out[i++] = rel;
  out[i++] = rel_o;
  out[i++] = rel_r;
  out[i++] = level;
  out[i++] = Code(r.office);
  out[i++] = Code(r.import_type);
  out[i++] = Code(r.import_use);
  out[i++] = Code(r.payment_type);
  out[i++] = Code(r.transport_mode);
  const auto& keys = CatKeys();
  const double a = opts_.smoothing;
  for (size_t k = 0; k < keys.size(); ++k) {
    const std::string key = keys[k].key(r);
    auto it = enc[k].find(key);
    double n = 0, pos = 0;
    if (it != enc[k].end()) {
      n = it->second.n;
      pos = it->second.pos;
    }
    out[i++] = static_cast<float>((pos + a * prior_) / (n + a));
    auto ft = full_[k].find(key);
    double freq = ft == full_[k].end() ? 0 : ft->second.n - (self ? 1 : 0);
    out[i++] = static_cast<float>(std::log1p(std::max(freq, 0.0)));
    out[i++] = static_cast<float>(std::log1p(pos));
  }
  assert(i == static_cast<int>(names_.size()) && "feature names out of step with Row()");
}

double Auc(const std::vector<int>& labels, const std::vector<double>& scores) {
  std::vector<size_t> idx(scores.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double rank_sum = 0, npos = 0;
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    while (j < idx.size() && scores[idx[j]] == scores[idx[i]]) ++j;
    double avg = (i + j + 1) / 2.0;  // mean 1-based rank of the tie group
    for (size_t t = i; t < j; ++t)
      if (labels[idx[t]] > 0) {
        rank_sum += avg;
        ++npos;
      }
    i = j;
  }
  double nneg = static_cast<double>(scores.size()) - npos;
  if (npos == 0 || nneg == 0) return 0.5;
  return (rank_sum - npos * (npos + 1) / 2) / (npos * nneg);
}

EvalReport Evaluate(const std::vector<KcsRow>& rows, const std::vector<double>& scores) {
  EvalReport rep;
  rep.rows = static_cast<int>(rows.size());
  std::vector<int> labels(rows.size());
  double total_rev = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    labels[i] = rows[i].fraud > 0;
    rep.frauds += labels[i];
    rep.critical += rows[i].critical == 2;
    if (labels[i]) total_rev += std::max(rows[i].item_price, 0.0) * rows[i].tax_rate / 100;
  }
  rep.auc = Auc(labels, scores);
  std::vector<size_t> idx(rows.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  for (double rate : {0.01, 0.02, 0.05, 0.10}) {
    RankMetrics m;
    m.rate = rate;
    m.inspected = std::max(1, static_cast<int>(rows.size() * rate));
    m.inspected = std::min<int>(m.inspected, static_cast<int>(rows.size()));
    double hit = 0, rev = 0, crit = 0;
    for (int k = 0; k < m.inspected; ++k) {
      const KcsRow& r = rows[idx[k]];
      if (r.fraud > 0) {
        ++hit;
        rev += std::max(r.item_price, 0.0) * r.tax_rate / 100;
      }
      crit += r.critical == 2;
    }
    if (m.inspected > 0) {
      m.precision = hit / m.inspected;
      m.critical_precision = crit / m.inspected;
    }
    m.recall = rep.frauds ? hit / rep.frauds : 0;
    m.revenue = total_rev > 0 ? rev / total_rev : 0;
    m.critical_recall = rep.critical ? crit / rep.critical : 0;
    rep.at.push_back(m);
  }
  return rep;
}

Result<KcsRiskModel> KcsRiskModel::Train(const std::vector<KcsRow>& train,
                                         const std::vector<KcsRow>* valid, const GbdtParams& params,
                                         const FeaturizerOptions& fopts) {
  if (train.empty()) return Status::InvalidArgument("trade model: no training rows");
  KcsRiskModel m;
  m.feat_ = KcsFeaturizer(fopts);
  Matrix x = m.feat_.FitTransform(train);
  std::vector<float> y(train.size());
  for (size_t i = 0; i < train.size(); ++i) {
    if (train[i].fraud < 0)
      return Status::InvalidArgument("trade model: training row " + train[i].id + " has no label");
    y[i] = static_cast<float>(train[i].fraud);
  }
  Matrix vx;
  std::vector<float> vy;
  if (valid) {
    vx = m.feat_.Transform(*valid);
    for (const auto& r : *valid) vy.push_back(r.fraud > 0 ? 1.f : 0.f);
  }
  ASSIGN_OR_RETURN(m.gbdt_,
                   Gbdt::Train(x, y, params, valid ? &vx : nullptr, valid ? &vy : nullptr));
  return m;
}

std::vector<double> KcsRiskModel::Score(const std::vector<KcsRow>& rows) const {
  Matrix x = feat_.Transform(rows);
  std::vector<double> s(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) s[i] = gbdt_.Predict(x.row(i));
  return s;
}

std::vector<Contribution> KcsRiskModel::Explain(const KcsRow& row, int k) const {
  Matrix x = feat_.Transform({row});
  std::vector<double> c;
  gbdt_.Explain(x.row(0), &c);
  std::vector<Contribution> out;
  for (size_t f = 0; f < c.size(); ++f)
    out.push_back(
        {feat_.feature_names()[f], FeatureFlag(feat_.feature_names()[f]), x.row(0)[f], c[f]});
  std::sort(out.begin(), out.end(), [](const Contribution& a, const Contribution& b) {
    return std::abs(a.contribution) > std::abs(b.contribution);
  });
  if (static_cast<int>(out.size()) > k) out.resize(std::max(k, 0));
  return out;
}

Result<BenchmarkResult> RunKcsBenchmark(const KcsSplits& s, const GbdtParams& params) {
  using Clock = std::chrono::steady_clock;
  BenchmarkResult res;
  auto t0 = Clock::now();
  // Stage 1: how many rounds generalise to later data (valid is the next quarter).
  ASSIGN_OR_RETURN(KcsRiskModel stage1, KcsRiskModel::Train(s.train, &s.valid, params));
  res.valid = Evaluate(s.valid, stage1.Score(s.valid));
  res.rounds = stage1.gbdt().best_round();
  // Stage 2: refit on train+valid (more history for the entity encodings, which matter
  // most for declarations close in time to the test quarter) with that many rounds.
  std::vector<KcsRow> all = s.train;
  all.insert(all.end(), s.valid.begin(), s.valid.end());
  GbdtParams p2 = params;
  p2.num_rounds = std::max(1, res.rounds);
  p2.early_stopping_rounds = 0;
  ASSIGN_OR_RETURN(KcsRiskModel final_model, KcsRiskModel::Train(all, nullptr, p2));
  auto t1 = Clock::now();
  std::vector<double> scores = final_model.Score(s.test);
  auto t2 = Clock::now();
  res.test = Evaluate(s.test, scores);
  res.train_seconds = std::chrono::duration<double>(t1 - t0).count();
  res.score_seconds = std::chrono::duration<double>(t2 - t1).count();
  const auto& names = final_model.featurizer().feature_names();
  res.features = static_cast<int>(names.size());
  const auto& gain = final_model.gbdt().gain_importance();
  for (size_t f = 0; f < names.size(); ++f) res.importance.push_back({names[f], gain[f]});
  std::sort(res.importance.begin(), res.importance.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<size_t> idx(scores.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  for (size_t e = 0; e < std::min<size_t>(3, idx.size()); ++e) {
    const KcsRow& r = s.test[idx[e]];
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "declaration %s (HS %s, %s->%s): score %.3f, fraud=%d:", r.id.c_str(),
                  r.hs6.c_str(), r.origin.c_str(), r.departure.c_str(), scores[idx[e]], r.fraud);
    std::string line = buf;
    for (const auto& c : final_model.Explain(r, 4)) {
      std::snprintf(buf, sizeof buf, " %s=%.3g %+.2f [%s];", c.feature.c_str(), c.value,
                    c.contribution, c.flag.c_str());
      line += buf;
    }
    res.examples.push_back(line);
  }
  return res;
}

std::string FormatReport(const std::string& title, const EvalReport& r) {
  std::string out = title + " (" + std::to_string(r.rows) + " rows, " + std::to_string(r.frauds) +
                    " fraud, " + std::to_string(r.critical) + " critical)\n";
  out += "  inspect     n  precision  recall  revenue  crit.prec  crit.recall\n";
  char buf[160];
  for (const auto& m : r.at) {
    std::snprintf(buf, sizeof buf, "  %5.0f%%  %5d  %9.4f  %6.4f  %7.4f  %9.4f  %11.4f\n",
                  m.rate * 100, m.inspected, m.precision, m.recall, m.revenue, m.critical_precision,
                  m.critical_recall);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "  AUC %.4f\n", r.auc);
  out += buf;
  return out;
}

}  // namespace interdict::trade
