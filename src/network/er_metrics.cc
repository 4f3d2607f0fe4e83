// Pairwise and B-cubed clustering metrics (see er_metrics.h).
#include "network/er_metrics.h"

#include <cstdio>
#include <map>
#include <vector>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"

namespace interdict::network {
namespace {

PrfScores Prf(double p, double r) {
  PrfScores s;
  s.precision = p;
  s.recall = r;
  s.f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
  return s;
}

double Pairs(double n) { return n * (n - 1) / 2; }

}  // namespace

ErMetrics EvaluateClustering(const Clustering& predicted, const Clustering& truth) {
  ErMetrics m;
  // Predicted cluster of each keyed record; a record the prediction lacks is alone.
  std::map<std::pair<std::string, std::string>, size_t> cell;  // (true, pred) -> n
  std::map<std::string, size_t> true_size, pred_size;
  for (const auto& [key, t] : truth) {
    auto it = predicted.find(key);
    std::string p = it == predicted.end() ? "\x01missing:" + key : it->second;
    ++cell[{t, p}];
    ++true_size[t];
    ++pred_size[p];
  }
  m.records = truth.size();
  m.true_clusters = true_size.size();
  m.predicted_clusters = pred_size.size();
  double tp = 0, pred_pairs = 0, true_pairs = 0;
  double bp = 0, br = 0;
  for (const auto& [k, n] : cell) {
    tp += Pairs(double(n));
    // Each of the n records in this cell has n correct co-members (itself included).
    bp += double(n) * double(n) / double(pred_size[k.second]);
    br += double(n) * double(n) / double(true_size[k.first]);
  }
  for (const auto& [_, n] : pred_size) pred_pairs += Pairs(double(n));
  for (const auto& [_, n] : true_size) true_pairs += Pairs(double(n));
  m.pairwise = Prf(pred_pairs > 0 ? tp / pred_pairs : 1.0, true_pairs > 0 ? tp / true_pairs : 1.0);
  double n = double(m.records);
  m.bcubed = Prf(n > 0 ? bp / n : 0, n > 0 ? br / n : 0);
  return m;
}

Result<Clustering> ReadClusterKey(const std::string& path) {
  ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  std::string_view d = file->data();
  if (d.size() >= 3 && d.substr(0, 3) == "\xEF\xBB\xBF") d.remove_prefix(3);
  CsvReader reader(d);
  CsvRecord rec;
  if (!reader.Next(&rec)) return Status::Corruption(path + ": empty key file");
  int ci = -1, ri = -1, si = -1;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    std::string h = AsciiUpper(Trim(rec.fields[i]));
    if (h == "CLUSTER_ID" || h == "ENTITY_ID") ci = static_cast<int>(i);
    if (h == "RECORD_ID") ri = static_cast<int>(i);
    if (h == "DATA_SOURCE" || h == "SOURCE") si = static_cast<int>(i);
  }
  if (ci < 0 || ri < 0)
    return Status::Corruption(path + ":1: key file needs CLUSTER_ID and RECORD_ID columns");
  Clustering out;
  while (reader.Next(&rec)) {
    std::string where = path + ":" + std::to_string(rec.line);
    if (!rec.error.empty()) return Status::Corruption(where + ": " + rec.error);
    auto field = [&](int i) -> std::string {
      return i >= 0 && static_cast<size_t>(i) < rec.fields.size() ? std::string(Trim(rec.fields[i]))
                                                                  : std::string();
    };
    std::string rid = field(ri);
    if (rid.empty()) return Status::Corruption(where + ": empty RECORD_ID");
    std::string key = field(si) + ":" + rid;
    if (!out.emplace(key, field(ci)).second)
      return Status::Corruption(where + ": record " + key + " appears twice");
  }
  return out;
}

std::string MetricsHeader() {
  return "                          records clusters | pairwise P     R      F1   | b-cubed P      "
         "R      F1\n";
}

std::string FormatMetricsRow(const std::string& label, const ErMetrics& m) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-25s %7zu %8zu | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f\n",
                label.c_str(), m.records, m.predicted_clusters, m.pairwise.precision,
                m.pairwise.recall, m.pairwise.f1, m.bcubed.precision, m.bcubed.recall, m.bcubed.f1);
  return buf;
}

}  // namespace interdict::network
