// Entity-resolution quality against a key (a reference clustering).
//
// Pairwise: precision = correct same-cluster pairs / predicted same-cluster pairs, recall
// = correct pairs / true pairs (pairs counted from the contingency table, so it is linear
// in records). B-cubed (Bagga & Baldwin 1998): per record, precision = |pred(r) ∩ true(r)|
// / |pred(r)| and recall = |pred(r) ∩ true(r)| / |true(r)|, averaged over records.
// F1 is the harmonic mean. Only records present in the key are scored; a keyed record
// missing from the prediction counts as a singleton.
#ifndef INTERDICT_NETWORK_ER_METRICS_H_
#define INTERDICT_NETWORK_ER_METRICS_H_

#include <string>
#include <unordered_map>

#include "interdict/status.h"

namespace interdict::network {

// Record key ("SOURCE:RECORD_ID", as ErRecord::Key()) -> cluster id.
using Clustering = std::unordered_map<std::string, std::string>;

struct PrfScores {
  double precision = 0, recall = 0, f1 = 0;
};

struct ErMetrics {
  size_t records = 0;  // keyed records scored
  size_t true_clusters = 0;
  size_t predicted_clusters = 0;  // over the keyed records
  PrfScores pairwise;
  PrfScores bcubed;
};

ErMetrics EvaluateClustering(const Clustering& predicted, const Clustering& truth);

// Reads a key CSV with columns CLUSTER_ID, RECORD_ID and optionally DATA_SOURCE (any
// order, other columns ignored; Senzing's actual_truthset_key.csv and
// alternate_truthset_key.csv). Keys are "DATA_SOURCE:RECORD_ID" (":RECORD_ID" when the
// file has no DATA_SOURCE column).
Result<Clustering> ReadClusterKey(const std::string& path);

// The metrics as a small text table ("label  pairwise P R F1  b-cubed P R F1").
std::string FormatMetricsRow(const std::string& label, const ErMetrics& m);
std::string MetricsHeader();

}  // namespace interdict::network

#endif  // INTERDICT_NETWORK_ER_METRICS_H_
