#include "trade/unit_value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "core/strings.h"
#include "core/validate.h"

namespace interdict {
namespace trade {

RobustStats ComputeRobustStats(std::vector<double> v) {
  RobustStats s;
  s.count = static_cast<int>(v.size());
  if (v.empty()) return s;
  auto median = [](std::vector<double>* x) {
    std::sort(x->begin(), x->end());
    size_t m = x->size() / 2;
    return x->size() % 2 ? (*x)[m] : ((*x)[m - 1] + (*x)[m]) / 2;
  };
  s.median = median(&v);
  for (double& x : v) x = std::abs(x - s.median);
  s.scale = 1.4826 * median(&v);
  return s;
}

}  // namespace trade

namespace {

using trade::RobustStats;

// detect's FlagWeight/EvidenceOf live in interdict_detect, which will depend on this
// library; these two lines are repeated here to keep the dependency one-way.
double Weight(const Config& c, const std::string& code) {
  return c.GetDouble("weights." + code, c.GetDouble("weights.default", 0.3));
}
EvidenceRef Evidence(const Entity& e) {
  if (e.referents().empty()) return {"derived", e.id()};
  return {e.referents()[0].source, e.referents()[0].record_id};
}

std::string Fmt(const char* f, double a) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, a);
  return buf;
}

// A declaration's measurable facts; NaN where not declared or not positive.
struct Facts {
  std::string hs6, origin, currency, unit;
  double value = NAN, net = NAN, gross = NAN, qty = NAN;
  double Weight() const { return !std::isnan(net) ? net : gross; }
};

double Num(const Entity& d, const char* prop) {
  auto n = ParseNumber(d.First(prop));
  return n ? *n : NAN;
}

// One peer group: log measures of its member declarations (index into declarations).
struct Group {
  std::vector<double> values;
  std::vector<size_t> members;
  RobustStats stats;
  bool computed = false;
  const RobustStats& Stats() {
    if (!computed) {
      stats = trade::ComputeRobustStats(values);
      computed = true;
    }
    return stats;
  }
};

class UnitValueDetector : public Detector {
 public:
  std::string name() const override { return "unit-value"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    const int min_peers = static_cast<int>(cfg.GetInt("trade.unit_value.min_peers", 8));
    const double z_thr = cfg.GetDouble("trade.unit_value.z_threshold", 3.5);
    const double min_ratio = cfg.GetDouble("trade.unit_value.min_ratio", 2.0);
    const double scale_floor = cfg.GetDouble("trade.unit_value.min_log_scale", 0.1);
    const size_t n = w.declarations.size();
    std::vector<Facts> facts(n);
    for (size_t i = 0; i < n; ++i) {
      const Entity& d = w.declarations[i];
      Facts& f = facts[i];
      std::string hs = NormalizeHsCode(d.First("hs_code"));
      f.hs6 = hs.size() >= 6 ? hs.substr(0, 6) : "";
      f.origin = d.First("origin_country");
      f.currency = AsciiUpper(d.First("currency"));
      f.unit = AsciiUpper(d.First("quantity_unit"));
      f.value = Num(d, "invoice_value");
      f.net = Num(d, "net_weight_kg");
      f.gross = Num(d, "gross_weight_kg");
      f.qty = Num(d, "quantity");
    }
    // Measures: value per kg ("kg"), value per quantity unit ("u:<unit>", only when no
    // weight is declared), and kg per quantity unit ("kpu:<unit>", for TRD-WEIGHT-QTY).
    auto uv_measure = [](const Facts& f, std::string* kind) -> double {
      if (!(f.value > 0)) return NAN;
      double wkg = f.Weight();
      if (wkg > 0) {
        *kind = "kg";
        return std::log(f.value / wkg);
      }
      if (f.qty > 0 && !f.unit.empty()) {
        *kind = "u:" + f.unit;
        return std::log(f.value / f.qty);
      }
      return NAN;
    };
    auto kpu_measure = [](const Facts& f, std::string* kind) -> double {
      double wkg = f.Weight();
      if (!(wkg > 0 && f.qty > 0) || f.unit.empty() || f.unit == "KGM" || f.unit == "KG")
        return NAN;
      *kind = "kpu:" + f.unit;
      return std::log(wkg / f.qty);
    };
    // Group keys by level: 0 HS6 x origin, 1 HS6, 2 HS4, 3 HS2.
    auto key = [](const Facts& f, const std::string& kind, int level) -> std::string {
      static const size_t digits[] = {6, 6, 4, 2};
      std::string k = kind + "|" + f.currency + "|" + f.hs6.substr(0, digits[level]);
      if (level == 0) k += "|" + f.origin;
      return std::to_string(level) + "|" + k;
    };
    std::unordered_map<std::string, Group> groups;
    std::vector<std::string> uv_kind(n), kpu_kind(n);
    std::vector<double> uv(n, NAN), kpu(n, NAN);
    for (size_t i = 0; i < n; ++i) {
      if (facts[i].hs6.empty()) continue;
      uv[i] = uv_measure(facts[i], &uv_kind[i]);
      kpu[i] = kpu_measure(facts[i], &kpu_kind[i]);
      for (int level = 0; level < 4; ++level) {
        if (!std::isnan(uv[i])) {
          Group& g = groups[key(facts[i], uv_kind[i], level)];
          g.values.push_back(uv[i]);
          g.members.push_back(i);
        }
        if (!std::isnan(kpu[i]) && level >= 1) {
          Group& g = groups[key(facts[i], kpu_kind[i], level)];
          g.values.push_back(kpu[i]);
          g.members.push_back(i);
        }
      }
    }
    // The first group with enough peers (the declaration itself excluded from the count).
    auto peer_group = [&](size_t i, const std::string& kind, int first_level, int* level) {
      for (int l = first_level; l < 4; ++l) {
        auto it = groups.find(key(facts[i], kind, l));
        if (it != groups.end() && static_cast<int>(it->second.values.size()) - 1 >= min_peers) {
          *level = l;
          return &it->second;
        }
      }
      return static_cast<Group*>(nullptr);
    };
    auto level_name = [&](size_t i, int l) {
      const Facts& f = facts[i];
      switch (l) {
        case 0:
          return "HS " + f.hs6 + " from " + (f.origin.empty() ? "?" : f.origin);
        case 1:
          return "HS " + f.hs6;
        case 2:
          return "HS " + f.hs6.substr(0, 4);
        default:
          return "HS chapter " + f.hs6.substr(0, 2);
      }
    };
    // Evidence: the declaration and the peers closest to the group median (the "normal"
    // declarations an officer would compare against).
    auto peers_evidence = [&](size_t i, Group& g, Finding* f) {
      std::vector<std::pair<double, size_t>> near;
      for (size_t k = 0; k < g.members.size(); ++k)
        if (g.members[k] != i)
          near.push_back({std::abs(g.values[k] - g.Stats().median), g.members[k]});
      std::partial_sort(near.begin(), near.begin() + std::min<size_t>(3, near.size()), near.end());
      for (size_t k = 0; k < std::min<size_t>(3, near.size()); ++k) {
        const Entity& p = w.declarations[near[k].second];
        f->evidence.push_back(Evidence(p));
        f->related_declarations.push_back(p.id());
      }
    };

    for (size_t i = 0; i < n; ++i) {
      const Entity& d = w.declarations[i];
      const Facts& fa = facts[i];
      // --- TRD-UNIT-VALUE
      int level = 0;
      Group* g = std::isnan(uv[i]) ? nullptr : peer_group(i, uv_kind[i], 0, &level);
      if (g) {
        const RobustStats& s = g->Stats();
        double dev = uv[i] - s.median;
        double z = dev / std::max(s.scale, scale_floor);
        if (std::abs(z) >= z_thr && std::abs(dev) >= std::log(min_ratio)) {
          Finding f;
          f.code = "TRD-UNIT-VALUE";
          f.subject_id = d.id();
          // Strength grows with the robust z: 0.5 at the threshold, 1 at twice it.
          double strength = std::clamp(0.5 + (std::abs(z) - z_thr) / (2 * z_thr), 0.5, 1.0);
          f.score = Weight(cfg, f.code) * strength;
          std::string per = uv_kind[i] == "kg" ? "/kg" : "/" + uv_kind[i].substr(2);
          std::string cur = fa.currency.empty() ? "" : " " + fa.currency;
          f.explanation = "unit value " + Fmt("%.4g", std::exp(uv[i])) + cur + per + " is " +
                          Fmt("%.1fx", std::exp(std::abs(dev))) + (dev < 0 ? " below" : " above") +
                          " the median " + Fmt("%.4g", std::exp(s.median)) + " of " +
                          std::to_string(g->values.size() - 1) + " peers (" + level_name(i, level) +
                          "); robust z " + Fmt("%+.1f", z) +
                          (dev < 0 ? " (possible under-valuation)" : " (possible over-valuation)");
          f.evidence = {Evidence(d)};
          f.related_declarations = {d.id()};
          peers_evidence(i, *g, &f);
          out->push_back(std::move(f));
        }
      }
      // --- TRD-WEIGHT-QTY
      std::vector<std::string> why;
      double strength = 1.0;
      if (fa.net > 0 && fa.gross > 0 && fa.net > fa.gross * 1.001)
        why.push_back("net weight " + Fmt("%.6g", fa.net) + " kg exceeds gross weight " +
                      Fmt("%.6g", fa.gross) + " kg");
      bool goods = fa.qty > 0 || fa.Weight() > 0;
      if (goods && !std::isnan(fa.value) && fa.value <= 0)
        why.push_back("goods declared with invoice value " + Fmt("%.6g", fa.value));
      if ((!std::isnan(fa.net) && fa.net <= 0) || (!std::isnan(fa.gross) && fa.gross <= 0))
        why.push_back("declared weight is zero or negative");
      if ((fa.unit == "KGM" || fa.unit == "KG") && fa.qty > 0 && fa.net > 0 &&
          std::abs(fa.qty - fa.net) > 0.1 * std::max(fa.qty, fa.net))
        why.push_back("quantity " + Fmt("%.6g", fa.qty) + " kg differs from net weight " +
                      Fmt("%.6g", fa.net) + " kg");
      Group* kg = nullptr;
      int klevel = 0;
      if (why.empty() && !std::isnan(kpu[i]) &&
          (kg = peer_group(i, kpu_kind[i], 1, &klevel)) != nullptr) {
        const RobustStats& s = kg->Stats();
        double dev = kpu[i] - s.median;
        double z = dev / std::max(s.scale, scale_floor);
        if (std::abs(z) >= z_thr && std::abs(dev) >= std::log(min_ratio)) {
          why.push_back(Fmt("%.4g", std::exp(kpu[i])) + " kg per " + fa.unit + " is " +
                        Fmt("%.1fx", std::exp(std::abs(dev))) + (dev < 0 ? " below" : " above") +
                        " the median " + Fmt("%.4g", std::exp(s.median)) + " of " +
                        std::to_string(kg->values.size() - 1) + " peers (" + level_name(i, klevel) +
                        "); robust z " + Fmt("%+.1f", z));
          strength = std::clamp(0.5 + (std::abs(z) - z_thr) / (2 * z_thr), 0.5, 1.0);
        } else {
          kg = nullptr;
        }
      }
      if (!why.empty()) {
        Finding f;
        f.code = "TRD-WEIGHT-QTY";
        f.subject_id = d.id();
        f.score = Weight(cfg, f.code) * strength;
        f.explanation = Join(why, "; ");
        f.evidence = {Evidence(d)};
        f.related_declarations = {d.id()};
        if (kg) peers_evidence(i, *kg, &f);
        out->push_back(std::move(f));
      }
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Detector> NewUnitValueDetector() { return std::make_unique<UnitValueDetector>(); }

}  // namespace interdict
