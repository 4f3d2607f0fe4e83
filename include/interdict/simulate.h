// The world simulator and the evaluator.
//
// Simulate() writes a complete synthetic world in the input formats of DESIGN.md §3
// (sanctions lists, registry, declarations, payments, licences, ports, AIS) plus an answer
// key (docs/formats/truth.md) naming every planted scheme instance and every decoy.
// The same options give a byte-identical world: all randomness comes from one seeded Rng
// and no clock, locale or hash-order dependence reaches the output.
//
// Evaluate() reads the outputs of `interdict investigate` (DESIGN.md §4) and scores them
// against the key (docs/eval.md).
// Thread-safety: both functions are reentrant; they share no state.
#ifndef INTERDICT_SIMULATE_H_
#define INTERDICT_SIMULATE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "interdict/status.h"

namespace interdict {

struct SimulateOptions {
  uint64_t seed = 1;
  std::string size = "small";  // small | medium | large
  std::string out_dir;         // created if missing; existing simulator files are replaced
  std::string truth_path;      // answer key; "" = <out_dir>/../truth.json beside the world
  // Append real OFAC SDN entries from <shared_data_dir>/sanctions/ofac when present.
  bool real_lists = false;
  std::string shared_data_dir;  // "" = $INTERDICT_SHARED_DATA, else ../shared/data
};

// Counts of what was written (also recorded in the key).
struct SimulateStats {
  int64_t declarations = 0, payments = 0, licenses = 0, vessels = 0, companies = 0,
          persons = 0, listed = 0, ais_sentences = 0, ais_corrupt = 0, schemes = 0, decoys = 0;
  int64_t bytes_written = 0;
  int64_t real_sdn_entries = 0;
  std::vector<std::string> notes;  // e.g. "--real-lists: no shared data found"
};

Status Simulate(const SimulateOptions& options, SimulateStats* stats = nullptr);

// Sizes: "small", "medium", "large".
bool IsSimulateSize(const std::string& size);

struct EvalMetrics {
  int64_t declarations = 0;          // rows in OUT/declarations.csv
  int64_t planted_declarations = 0;  // distinct planted ids present in the output
  int64_t missing_declarations = 0;  // planted ids absent from the output
  double precision_at_k = 0;         // k = planted_declarations
  double precision_at_1pct = 0, precision_at_5pct = 0;
  double roc_auc = 0.5;
  // Per scheme type: recall of its declarations within the top 5 %.
  std::map<std::string, double> scheme_recall_top5;
  std::map<std::string, int64_t> scheme_declarations;
  int64_t planted_entities = 0, planted_vessels = 0;
  double entity_recall = 0, vessel_recall = 0;  // among the top 2x planted count
  int64_t planted_encounters = 0, planted_gaps = 0;
  double encounter_recall = 0, gap_recall = 0;
  int64_t decoys = 0;
  double decoy_top10_share = 0;  // share of decoys with a subject in the top 10 %
  std::map<std::string, std::pair<int64_t, int64_t>> decoys_by_type;  // type -> (in top, all)
  std::vector<std::string> warnings;                                  // missing files etc.
};

// Reads `truth_path` and the §4 files under `out_dir`. Missing output files count as empty
// (with a warning); a missing or malformed key is an error.
Result<EvalMetrics> Evaluate(const std::string& truth_path, const std::string& out_dir);
// Human-readable report of the metrics (what `interdict eval` prints).
std::string FormatEvalReport(const EvalMetrics& m);
// The same metrics as one JSON object.
std::string EvalMetricsJson(const EvalMetrics& m);

}  // namespace interdict

#endif  // INTERDICT_SIMULATE_H_
