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

}  // namespace interdict::screen

#endif  // INTERDICT_SCREEN_EVAL_H_
