// Screening throughput: the 100,000 yente negatives plus the UN positives (untreated and
// treated) screened against the full SDN (sdn.csv 2024-05-03 + alt.csv strong aliases), one
// thread, logic scorer at threshold 0.70. Prints one JSON object; also writes the list
// names and the queries (ASCII-folded, one a line) under OUT_DIR for the brute-force
// Jaro-Winkler peer (jw_baseline.py), and times the same brute force in C++ on a sample.
//   screen_bench DATA_DIR OUT_DIR      (DATA_DIR = ../shared/data/sanctions)
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "interdict/screen.h"
#include "screen/eval.h"

using namespace interdict;
using namespace interdict::screen;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: screen_bench DATA_DIR OUT_DIR\n";
    return 2;
  }
  std::string d = argv[1], out = argv[2];
  auto sdn =
      ReadSdnNamesForBench(d + "/ofac/sdn_2024-05-03/sdn.csv", d + "/ofac/sls_2025-01/alt.csv");
  if (!sdn.ok()) {
    std::cerr << "screen_bench: " << sdn.status().ToString() << "\n";
    return 1;
  }
  std::vector<std::string> list_names;
  for (const auto& e : *sdn)
    for (const char* p : {"name", "alias"})
      for (const auto& v : e.Values(p)) list_names.push_back(ToLatinAscii(v));
  auto t0 = std::chrono::steady_clock::now();
  auto index = Screener::Build(std::move(sdn).value());
  double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!index.ok()) return 1;
  std::vector<Query> all;
  for (const char* f : {"negatives_global.csv", "negatives_us.csv", "positives_un_untreated.csv",
                        "positives_un_treated.csv"}) {
    auto q = ReadYenteQueries(d + "/eval/yente/" + f);
    if (!q.ok()) {
      std::cerr << "screen_bench: " << q.status().ToString() << "\n";
      return 1;
    }
    all.insert(all.end(), q->begin(), q->end());
  }
  {
    std::ofstream n(out + "/names.txt"), q(out + "/queries.txt");
    for (const auto& s : list_names) n << s << "\n";
    for (const auto& x : all) q << ToLatinAscii(x.name) << "\n";
  }
  RunSpeed(**index, all, 0.70, 1);  // warm-up
  SpeedReport r = RunSpeed(**index, all, 0.70, 1);
  // The C++ brute force on the first 200 queries (it takes ~names x queries JW calls).
  std::vector<Query> sample(all.begin(), all.begin() + std::min<size_t>(200, all.size()));
  double brute_cpp = BruteForceJaroWinklerQps(list_names, sample);
  std::printf(
      "{\"entities\": %zu, \"names\": %zu, \"index_build_s\": %.3f, \"queries\": %zu, "
      "\"qps_per_core\": %.0f, \"p50_us\": %.1f, \"p99_us\": %.1f, \"hits\": %zu, "
      "\"brute_jw_cpp_qps\": %.2f}\n",
      (*index)->entities().size(), list_names.size(), build_s, r.queries, r.qps_per_core, r.p50_us,
      r.p99_us, r.hits, brute_cpp);
  return 0;
}
