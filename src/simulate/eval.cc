// `interdict eval`: scores the outputs of investigate against a simulator answer key.
// Metric definitions: docs/eval.md.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"
#include "interdict/simulate.h"

namespace interdict {
namespace {

using json = nlohmann::json;

std::vector<std::string> Strings(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.is_object() || !j.contains(key)) return out;
  const json& a = j[key];
  if (!a.is_array()) return out;
  for (const auto& v : a) {
    if (v.is_string()) out.push_back(v.get<std::string>());
    else if (v.is_number_integer()) out.push_back(std::to_string(v.get<int64_t>()));
    else if (v.is_object()) {
      for (const char* k : {"id", "record_id", "imo"})
        if (v.contains(k) && v[k].is_string()) {
          out.push_back(v[k].get<std::string>());
          break;
        }
    }
  }
  return out;
}

std::string Str(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const json& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  return "";
}

double Num(const json& j, const char* key, double def) {
  if (!j.is_object() || !j.contains(key)) return def;
  const json& v = j[key];
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    auto n = ParseNumber(v.get<std::string>());
    return n ? *n : def;
  }
  return def;
}

// JSON lines; a missing file is empty (the caller warns).
std::vector<json> ReadJsonl(const std::string& path, bool* found, int64_t* bad) {
  std::vector<json> out;
  auto text = ReadFileToString(path);
  *found = text.ok();
  if (!text.ok()) return out;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) {
    if (Trim(line).empty()) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      ++*bad;
      continue;
    }
    out.push_back(std::move(j));
  }
  return out;
}

struct Ranked {
  std::string id;
  double rank = 0, score = 0;
};

// Rank order: by rank ascending when given, else by score descending; ties by id.
void SortRanked(std::vector<Ranked>* v) {
  std::stable_sort(v->begin(), v->end(), [](const Ranked& a, const Ranked& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.score != b.score) return a.score > b.score;
    return a.id < b.id;
  });
}

size_t TopCount(size_t n, double share) {
  if (n == 0) return 0;
  return std::max<size_t>(1, static_cast<size_t>(std::ceil(static_cast<double>(n) * share)));
}

// Mann-Whitney AUC with average ranks for ties.
double Auc(const std::vector<std::pair<double, bool>>& scored) {
  std::vector<std::pair<double, bool>> v = scored;
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  double pos = 0, neg = 0, rank_sum = 0;
  size_t i = 0;
  while (i < v.size()) {
    size_t j = i;
    while (j < v.size() && v[j].first == v[i].first) ++j;
    double avg = (static_cast<double>(i) + 1 + static_cast<double>(j)) / 2.0;
    for (size_t k = i; k < j; ++k) {
      if (v[k].second) {
        pos += 1;
        rank_sum += avg;
      } else {
        neg += 1;
      }
    }
    i = j;
  }
  if (pos == 0 || neg == 0) return 0.5;
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

struct OutEntity {
  std::string id;
  double score = 0;
  std::set<std::string> keys;  // id and referents
};

}  // namespace

Result<EvalMetrics> Evaluate(const std::string& truth_path, const std::string& out_dir) {
  EvalMetrics m;
  auto key_text = ReadFileToString(truth_path);
  if (!key_text.ok()) return Status::NotFound(truth_path + ": cannot read the answer key");
  json key = json::parse(*key_text, nullptr, false);
  if (key.is_discarded() || !key.is_object() || !key.contains("schemes") || !key["schemes"].is_array())
    return Status::Corruption(truth_path + ": not an interdict answer key (no 'schemes' list)");
  const json& schemes = key["schemes"];
  json decoys = key.contains("decoys") && key["decoys"].is_array() ? key["decoys"] : json::array();

  // ---- declarations
  std::vector<Ranked> decl;
  {
    auto text = ReadFileToString(out_dir + "/declarations.csv");
    if (!text.ok()) {
      m.warnings.push_back(out_dir + "/declarations.csv: missing; declaration metrics are zero");
    } else {
      CsvReader r(*text);
      CsvRecord rec;
      int id_col = -1, rank_col = -1, score_col = -1;
      bool header = true;
      while (r.Next(&rec)) {
        if (header) {
          for (size_t i = 0; i < rec.fields.size(); ++i) {
            std::string c = AsciiLower(Trim(rec.fields[i]));
            if (c == "declaration_id") id_col = static_cast<int>(i);
            if (c == "rank") rank_col = static_cast<int>(i);
            if (c == "score") score_col = static_cast<int>(i);
          }
          header = false;
          if (id_col < 0)
            return Status::Corruption(out_dir + "/declarations.csv: no declaration_id column");
          continue;
        }
        if (static_cast<int>(rec.fields.size()) <= id_col) continue;
        Ranked x;
        x.id = std::string(Trim(rec.fields[static_cast<size_t>(id_col)]));
        auto num = [&](int col) -> std::optional<double> {
          if (col < 0 || static_cast<int>(rec.fields.size()) <= col) return std::nullopt;
          return ParseNumber(Trim(rec.fields[static_cast<size_t>(col)]));
        };
        auto sc = num(score_col);
        auto rk = num(rank_col);
        x.score = sc ? *sc : 0;
        x.rank = rk ? *rk : 1e18;
        decl.push_back(x);
      }
      // Without ranks, order by score.
      SortRanked(&decl);
      if (score_col < 0) {
        for (size_t i = 0; i < decl.size(); ++i) decl[i].score = -static_cast<double>(i);
      }
    }
  }
  m.declarations = static_cast<int64_t>(decl.size());
  std::map<std::string, size_t> pos;  // id -> 0-based position
  for (size_t i = 0; i < decl.size(); ++i) pos.emplace(decl[i].id, i);
  std::set<std::string> planted;
  std::map<std::string, std::set<std::string>> by_type;
  for (const auto& s : schemes) {
    std::string type = Str(s, "type");
    for (const auto& d : Strings(s, "declarations")) {
      by_type[type].insert(d);
      planted.insert(d);
    }
  }
  std::set<std::string> present;
  for (const auto& d : planted) {
    if (pos.count(d)) present.insert(d);
    else m.missing_declarations++;
  }
  m.planted_declarations = static_cast<int64_t>(present.size());
  auto precision_top = [&](size_t k) {
    if (k == 0) return 0.0;
    size_t hit = 0;
    for (size_t i = 0; i < k && i < decl.size(); ++i) hit += present.count(decl[i].id);
    return static_cast<double>(hit) / static_cast<double>(k);
  };
  size_t n = decl.size();
  m.precision_at_k = precision_top(present.size());
  m.precision_at_1pct = precision_top(TopCount(n, 0.01));
  m.precision_at_5pct = precision_top(TopCount(n, 0.05));
  {
    std::vector<std::pair<double, bool>> scored;
    scored.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      // Scores decide; equal scores are ordered by rank so ties in score still rank.
      double s = decl[i].score - static_cast<double>(i) * 1e-12;
      scored.push_back({s, present.count(decl[i].id) > 0});
    }
    m.roc_auc = Auc(scored);
  }
  size_t top5 = TopCount(n, 0.05), top10 = TopCount(n, 0.10);
  for (const auto& [type, ids] : by_type) {
    size_t have = 0, hit = 0;
    for (const auto& d : ids) {
      auto it = pos.find(d);
      if (it == pos.end()) continue;
      ++have;
      hit += it->second < top5;
    }
    m.scheme_declarations[type] = static_cast<int64_t>(ids.size());
    m.scheme_recall_top5[type] = have ? static_cast<double>(hit) / static_cast<double>(ids.size()) : 0;
  }

  // ---- entities
  bool found = false;
  int64_t bad = 0;
  std::vector<OutEntity> ents;
  for (const json& e : ReadJsonl(out_dir + "/entities.jsonl", &found, &bad)) {
    OutEntity o;
    o.id = Str(e, "id");
    o.score = Num(e, "score", 0);
    o.keys.insert(o.id);
    for (const auto& r : Strings(e, "referents")) o.keys.insert(r);
    ents.push_back(std::move(o));
  }
  if (!found) m.warnings.push_back(out_dir + "/entities.jsonl: missing");
  std::stable_sort(ents.begin(), ents.end(), [](const OutEntity& a, const OutEntity& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  std::set<std::string> planted_ents;
  for (const auto& s : schemes)
    for (const auto& e : Strings(s, "entities")) planted_ents.insert(e);
  m.planted_entities = static_cast<int64_t>(planted_ents.size());
  auto entity_hits = [&](const std::set<std::string>& want, size_t top) {
    std::set<std::string> hit;
    for (size_t i = 0; i < top && i < ents.size(); ++i)
      for (const auto& k : ents[i].keys)
        if (want.count(k)) hit.insert(k);
    return hit;
  };
  if (!planted_ents.empty())
    m.entity_recall = static_cast<double>(entity_hits(planted_ents, 2 * planted_ents.size()).size()) /
                      static_cast<double>(planted_ents.size());

  // ---- vessels
  struct OutVessel {
    std::set<std::string> keys;
    double score = 0;
    std::string imo;
  };
  std::vector<OutVessel> vessels;
  for (const json& v : ReadJsonl(out_dir + "/vessels.jsonl", &found, &bad)) {
    OutVessel o;
    o.imo = Str(v, "imo");
    o.score = Num(v, "score", 0);
    if (!o.imo.empty()) o.keys.insert("imo:" + o.imo);
    for (const auto& mm : Strings(v, "mmsi")) o.keys.insert("mmsi:" + mm);
    std::string single = Str(v, "mmsi");
    if (!single.empty()) o.keys.insert("mmsi:" + single);
    vessels.push_back(std::move(o));
  }
  if (!found) m.warnings.push_back(out_dir + "/vessels.jsonl: missing");
  std::stable_sort(vessels.begin(), vessels.end(), [](const OutVessel& a, const OutVessel& b) {
    return a.score != b.score ? a.score > b.score : a.imo < b.imo;
  });
  auto vessel_keys = [](const json& item) {
    std::vector<std::set<std::string>> out;
    if (!item.contains("vessels") || !item["vessels"].is_array()) return out;
    for (const auto& v : item["vessels"]) {
      std::set<std::string> k;
      std::string imo = Str(v, "imo");
      if (!imo.empty()) k.insert("imo:" + imo);
      else
        for (const auto& mm : Strings(v, "mmsi")) k.insert("mmsi:" + mm);
      out.push_back(k);
    }
    return out;
  };
  std::set<std::set<std::string>> planted_vessels;
  for (const auto& s : schemes)
    for (const auto& k : vessel_keys(s))
      if (!k.empty()) planted_vessels.insert(k);
  m.planted_vessels = static_cast<int64_t>(planted_vessels.size());
  auto vessel_in_top = [&](const std::set<std::string>& want, size_t top) {
    for (size_t i = 0; i < top && i < vessels.size(); ++i)
      for (const auto& k : vessels[i].keys)
        if (want.count(k)) return true;
    return false;
  };
  if (!planted_vessels.empty()) {
    size_t hit = 0;
    for (const auto& k : planted_vessels) hit += vessel_in_top(k, 2 * planted_vessels.size());
    m.vessel_recall = static_cast<double>(hit) / static_cast<double>(planted_vessels.size());
  }

  // ---- events
  struct OutEvent {
    std::string type, mmsi, other;
    int64_t start = 0, end = 0;
  };
  std::vector<OutEvent> events;
  for (const json& e : ReadJsonl(out_dir + "/events.jsonl", &found, &bad)) {
    OutEvent o;
    o.type = Str(e, "type");
    o.mmsi = Str(e, "mmsi");
    o.other = Str(e, "other_mmsi");
    auto s = ParseIsoSeconds(Str(e, "start"));
    auto t = ParseIsoSeconds(Str(e, "end"));
    if (!s || !t) continue;
    o.start = *s;
    o.end = *t;
    events.push_back(o);
  }
  if (!found) m.warnings.push_back(out_dir + "/events.jsonl: missing");
  constexpr int64_t kSlack = 2 * 3600;
  auto event_found = [&](const json& ev) {
    std::string type = Str(ev, "type"), mmsi = Str(ev, "mmsi"), other = Str(ev, "other_mmsi");
    auto s = ParseIsoSeconds(Str(ev, "start"));
    auto t = ParseIsoSeconds(Str(ev, "end"));
    if (!s || !t) return false;
    for (const auto& o : events) {
      if (o.type != type) continue;
      bool who = type == "encounter"
                     ? ((o.mmsi == mmsi && o.other == other) || (o.mmsi == other && o.other == mmsi))
                     : o.mmsi == mmsi;
      if (!who) continue;
      if (o.start <= *t + kSlack && o.end >= *s - kSlack) return true;
    }
    return false;
  };
  int64_t enc_hit = 0, gap_hit = 0;
  for (const auto& s : schemes) {
    if (!s.contains("events") || !s["events"].is_array()) continue;
    for (const auto& ev : s["events"]) {
      std::string type = Str(ev, "type");
      if (type == "encounter") {
        m.planted_encounters++;
        enc_hit += event_found(ev);
      } else if (type == "gap") {
        m.planted_gaps++;
        gap_hit += event_found(ev);
      }
    }
  }
  if (m.planted_encounters) m.encounter_recall = static_cast<double>(enc_hit) / static_cast<double>(m.planted_encounters);
  if (m.planted_gaps) m.gap_recall = static_cast<double>(gap_hit) / static_cast<double>(m.planted_gaps);

  // ---- decoys
  size_t ent_top10 = TopCount(ents.size(), 0.10), ves_top10 = TopCount(vessels.size(), 0.10);
  int64_t decoy_hits = 0;
  for (const auto& d : decoys) {
    std::string type = Str(d, "type");
    bool hit = false;
    for (const auto& id : Strings(d, "declarations")) {
      auto it = pos.find(id);
      if (it != pos.end() && it->second < top10) hit = true;
    }
    std::vector<std::string> de = Strings(d, "entities");
    if (!hit && !de.empty())
      hit = !entity_hits(std::set<std::string>(de.begin(), de.end()), ent_top10).empty();
    if (!hit) {
      // Vessel decoys count by their first vessel (the one the decoy is about).
      auto vk = vessel_keys(d);
      if (!vk.empty() && !vk[0].empty()) hit = vessel_in_top(vk[0], ves_top10);
    }
    m.decoys++;
    decoy_hits += hit;
    auto& bt = m.decoys_by_type[type];
    bt.first += hit;
    bt.second += 1;
  }
  if (m.decoys) m.decoy_top10_share = static_cast<double>(decoy_hits) / static_cast<double>(m.decoys);
  if (bad) m.warnings.push_back(std::to_string(bad) + " malformed JSON lines skipped");
  if (m.missing_declarations)
    m.warnings.push_back(std::to_string(m.missing_declarations) +
                         " planted declarations are absent from declarations.csv");
  return m;
}

std::string FormatEvalReport(const EvalMetrics& m) {
  std::string out;
  char buf[256];
  auto line = [&](const char* fmt, auto... args) {
    std::snprintf(buf, sizeof buf, fmt, args...);
    out += buf;
  };
  line("declarations scored          %lld (planted %lld)\n", static_cast<long long>(m.declarations),
       static_cast<long long>(m.planted_declarations));
  line("precision@k (k = planted)    %.3f\n", m.precision_at_k);
  line("precision@1%%                 %.3f\n", m.precision_at_1pct);
  line("precision@5%%                 %.3f\n", m.precision_at_5pct);
  line("ROC-AUC                      %.3f\n", m.roc_auc);
  out += "recall in the top 5 % by scheme:\n";
  for (const auto& [type, r] : m.scheme_recall_top5)
    line("  %-26s %.3f  (%lld declarations)\n", type.c_str(), r,
         static_cast<long long>(m.scheme_declarations.at(type)));
  line("entity recall (top 2x)       %.3f  (%lld planted)\n", m.entity_recall,
       static_cast<long long>(m.planted_entities));
  line("vessel recall (top 2x)       %.3f  (%lld planted)\n", m.vessel_recall,
       static_cast<long long>(m.planted_vessels));
  line("encounter recall             %.3f  (%lld planted)\n", m.encounter_recall,
       static_cast<long long>(m.planted_encounters));
  line("dark-gap recall              %.3f  (%lld planted)\n", m.gap_recall,
       static_cast<long long>(m.planted_gaps));
  line("decoys in the top 10 %%       %.3f  (%lld decoys)\n", m.decoy_top10_share,
       static_cast<long long>(m.decoys));
  for (const auto& [type, c] : m.decoys_by_type)
    line("  %-26s %lld / %lld\n", type.c_str(), static_cast<long long>(c.first),
         static_cast<long long>(c.second));
  for (const auto& w : m.warnings) out += "warning: " + w + "\n";
  return out;
}

std::string EvalMetricsJson(const EvalMetrics& m) {
  nlohmann::ordered_json j;
  j["declarations"] = m.declarations;
  j["planted_declarations"] = m.planted_declarations;
  j["missing_declarations"] = m.missing_declarations;
  j["precision_at_k"] = m.precision_at_k;
  j["precision_at_1pct"] = m.precision_at_1pct;
  j["precision_at_5pct"] = m.precision_at_5pct;
  j["roc_auc"] = m.roc_auc;
  j["scheme_recall_top5"] = m.scheme_recall_top5;
  j["entity_recall_top2x"] = m.entity_recall;
  j["planted_entities"] = m.planted_entities;
  j["vessel_recall_top2x"] = m.vessel_recall;
  j["planted_vessels"] = m.planted_vessels;
  j["encounter_recall"] = m.encounter_recall;
  j["planted_encounters"] = m.planted_encounters;
  j["gap_recall"] = m.gap_recall;
  j["planted_gaps"] = m.planted_gaps;
  j["decoy_top10_share"] = m.decoy_top10_share;
  j["decoys"] = m.decoys;
  nlohmann::ordered_json bt;
  for (const auto& [t, c] : m.decoys_by_type) bt[t] = {{"in_top10", c.first}, {"total", c.second}};
  j["decoys_by_type"] = bt;
  j["warnings"] = m.warnings;
  return j.dump();
}

}  // namespace interdict
