// yente UN positives/negatives and throughput against the full SDN + aliases.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "screen/eval.h"
#include "testutil.h"

namespace interdict::screen {
namespace {

std::string Dir() {
  std::string shared = testing::SharedDataDir();
  return shared.empty() ? "" : shared + "/sanctions";
}

TEST(Yente, UnPositivesAndNegatives) {
  std::string d = Dir();
  if (d.empty()) GTEST_SKIP() << "needs ../shared/data/sanctions (absent)";
  auto list = ReadUnList(d + "/un/UN_consolidated_2026-02-27.xml");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  auto s = Screener::Build(std::move(list).value());
  ASSERT_TRUE(s.ok());
  auto un = ReadYenteQueries(d + "/eval/yente/positives_un_untreated.csv");
  auto tr = ReadYenteQueries(d + "/eval/yente/positives_un_treated.csv");
  auto ng = ReadYenteQueries(d + "/eval/yente/negatives_global.csv");
  auto nu = ReadYenteQueries(d + "/eval/yente/negatives_us.csv");
  ASSERT_TRUE(un.ok() && tr.ok() && ng.ok() && nu.ok());
  std::vector<Query> neg = std::move(ng).value();
  neg.insert(neg.end(), nu->begin(), nu->end());
  int threads = std::max(1u, std::thread::hardware_concurrency());
  YenteReport rep = RunYente(**s, *un, *tr, neg, 0.70, threads);
  std::cout << rep.ToString();
  if (getenv("YENTE_DETAILS")) {
    for (const auto& m : rep.misses) std::cout << "MISS " << m << "\n";
    for (const auto& f : rep.false_hits) std::cout << "FALSE " << f << "\n";
  }
  EXPECT_GE(rep.untreated_rank1, 0.99 * rep.untreated);
  EXPECT_GE(rep.treated_rank1, 0.95 * rep.treated);
  EXPECT_LE(rep.negatives_hit, 0.01 * rep.negatives);
}

TEST(Yente, SpeedAgainstSdn) {
  std::string d = Dir();
  if (d.empty()) GTEST_SKIP() << "needs ../shared/data/sanctions (absent)";
  auto t0 = std::chrono::steady_clock::now();
  auto list =
      ReadSdnNamesForBench(d + "/ofac/sdn_2024-05-03/sdn.csv", d + "/ofac/sls_2025-01/alt.csv");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  auto t1 = std::chrono::steady_clock::now();
  auto s = Screener::Build(std::move(list).value());
  ASSERT_TRUE(s.ok());
  auto t2 = std::chrono::steady_clock::now();
  std::cout << "SDN: " << (*s)->entities().size() << " entities, " << (*s)->name_count()
            << " names, " << (*s)->token_count() << " tokens; read "
            << std::chrono::duration<double>(t1 - t0).count() << " s, index build "
            << std::chrono::duration<double>(t2 - t1).count() << " s\n";
  std::vector<Query> qs;
  for (const char* f : {"negatives_global.csv", "negatives_us.csv", "positives_un_untreated.csv",
                        "positives_un_treated.csv"}) {
    auto q = ReadYenteQueries(d + "/eval/yente/" + f);
    ASSERT_TRUE(q.ok());
    qs.insert(qs.end(), q->begin(), q->end());
  }
  // Warm the per-thread transliteration caches as a long-running service would be.
  SpeedReport warm = RunSpeed(**s, qs, 0.70, 1);
  std::cout << "cold single thread: " << warm.ToString() << "\n";
  SpeedReport one = RunSpeed(**s, qs, 0.70, 1);
  std::cout << "single thread: " << one.ToString() << "\n";
  std::vector<std::string> names;
  for (const auto& e : (*s)->entities())
    for (const char* p : {"name", "alias"})
      for (const auto& n : e.Values(p)) names.push_back(ToLatinAscii(n));
  std::vector<Query> sample(qs.begin(), qs.begin() + std::min<size_t>(qs.size(), 200));
  double bf = BruteForceJaroWinklerQps(names, sample);
  std::cout << "brute-force Jaro-Winkler (C++, " << names.size() << " names): " << bf
            << " queries/s; ratio " << one.qps_per_core / bf << "x\n";
}

}  // namespace
}  // namespace interdict::screen
