// Evaluation of the screening engine against the public benchmarks described in
// ../shared/data/sanctions/SOURCES.md: nomenklatura name_bench, yente UN positives and
// negatives, watchman cross-script pairs, Putin spellings; and a throughput benchmark.
// Used by the slow tests and by `interdict screen-eval`.
#ifndef INTERDICT_SCREEN_EVAL_H_
#define INTERDICT_SCREEN_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "interdict/screen.h"
#include "interdict/status.h"

namespace interdict::screen {

struct Confusion {
  int tp = 0, fp = 0, tn = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  void Add(bool truth, bool predicted);
  std::string ToString() const;  // "P 0.812 R 0.800 F1 0.806 (TP .. FP .. TN .. FN ..)"
};

struct NameBenchReport {
  double threshold = 0;
  Confusion all;
  std::map<std::string, Confusion> by_group;   // case_group
  std::map<std::string, Confusion> by_schema;  // schema
  std::vector<std::string> errors;             // "FP 0.83 Person: a | b" lines
  std::string ToString() const;
};

// Scores every pair of name_bench_cases.csv (name1 = query, name2 = result) with the
// logic scorer at one fixed threshold.
Result<NameBenchReport> RunNameBench(const std::string& cases_csv, double threshold);

// Reads a yente fixture CSV (full_name, gender, date_of_birth, nationality, ...).
Result<std::vector<Query>> ReadYenteQueries(const std::string& path);

// Reads every list entity of a UN consolidated XML file (quarantined records dropped).
Result<std::vector<Entity>> ReadUnList(const std::string& path);
// Benchmark-only SDN loader: sdn.csv names (+ alt.csv strong aliases joined on ent_num),
// ids "ofac-<ent_num>". The full OFAC reader lives in ingest/ (NewOfacCsvReader).
Result<std::vector<Entity>> ReadSdnNamesForBench(const std::string& sdn_csv,
                                                 const std::string& alt_csv);

struct YenteReport {
  double threshold = 0;
  int untreated = 0, untreated_rank1 = 0;  // rows with a known UN entry; found at rank 1
  int treated = 0, treated_rank1 = 0;
  int no_truth = 0;                      // rows whose UN entry could not be identified
  int negatives = 0, negatives_hit = 0;  // negatives with any hit >= threshold
  std::vector<std::string> misses;       // "treated: query -> expected (got ...)"
  std::vector<std::string> false_hits;   // first few negatives that hit
  std::string ToString() const;
};

// yente candidate-generation fixtures against the UN list. The expected entry of row i
// is the UN entity whose name or alias equals the untreated full_name token-sorted;
// row i of the treated file is the same person.
YenteReport RunYente(const Screener& screener, const std::vector<Query>& untreated,
                     const std::vector<Query>& treated, const std::vector<Query>& negatives,
                     double threshold, int threads);

struct SpeedReport {
  size_t queries = 0;
  int threads = 1;
  double seconds = 0;  // wall time
  double qps_per_core = 0;
  double p50_us = 0, p99_us = 0;
  size_t hits = 0;  // queries with a match >= threshold
  std::string ToString() const;
};
SpeedReport RunSpeed(const Screener& screener, const std::vector<Query>& queries, double threshold,
                     int threads);

// Brute force baseline: Jaro-Winkler of the query against every indexed name (as a user
// would write it without an index). Returns queries/s over `queries` (single thread).
double BruteForceJaroWinklerQps(const std::vector<std::string>& list_names,
                                const std::vector<Query>& queries);

// The `ofac` scorer against the scores observed on OFAC's Sanctions List Search
// (eval/nomenklatura/ofac_search_scores.csv: query_name,result_name,ofac_score; -1 = not
// returned by OFAC, counted apart).
struct OfacParityReport {
  int scored = 0, not_returned = 0, within_005 = 0;
  double mae = 0, max_error = 0, not_returned_mean = 0;
  std::vector<std::string> worst;  // the five largest errors
  std::string ToString() const;
};
Result<OfacParityReport> RunOfacParity(const std::string& scores_csv);

}  // namespace interdict::screen

#endif  // INTERDICT_SCREEN_EVAL_H_
