// PPRL on the yente fixtures (issue 11 Done-when; ../shared/data/sanctions/eval/yente, see
// its SOURCES.md): positives_un_treated row i is positives_un_untreated row i with typos and
// token reshuffles applied; negatives_global are synthetic people matching nobody.
//  - encoded treated vs encoded untreated pairs >= 90 % of the rows correctly;
//  - it finds >= 95 % of the pairs clear-text matching (weighted Dice of the same features,
//    same greedy one-to-one assignment) finds at the same threshold;
//  - <= 1 % of 5,000 negatives are matched to any positive;
//  - comparisons per second are printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>

#include "interdict/sharing.h"
#include "testutil.h"

namespace interdict::sharing {
namespace {

constexpr double kThreshold = 0.75;
const std::string kSecret = "yente-eval-shared-secret-0001";

std::vector<BloomEncoding> EncodeAll(const std::vector<PprlRecord>& recs, const ClkParams& p,
                                     const std::string& prefix) {
  std::vector<BloomEncoding> out;
  for (PprlRecord r : recs) {
    r.id = prefix + r.id;
    out.push_back(*EncodeRecord(kSecret, r, p));
  }
  return out;
}

// The clear-text baseline: all pairs, weighted Dice on the same features, greedy 1:1.
std::set<std::pair<std::string, std::string>> ClearMatch(const std::vector<PprlRecord>& a,
                                                         const std::vector<PprlRecord>& b,
                                                         const ClkParams& p) {
  std::vector<std::vector<PprlFeature>> fa, fb;
  for (const auto& r : a) fa.push_back(PprlFeatures(r, p));
  for (const auto& r : b) fb.push_back(PprlFeatures(r, p));
  struct C {
    double s;
    size_t i, j;
  };
  std::vector<C> c;
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = 0; j < b.size(); ++j) {
      double d = ClearDice(fa[i], fb[j]);
      if (d >= kThreshold) c.push_back({d, i, j});
    }
  std::sort(c.begin(), c.end(), [](const C& x, const C& y) {
    if (x.s != y.s) return x.s > y.s;
    return x.i != y.i ? x.i < y.i : x.j < y.j;
  });
  std::vector<bool> ua(a.size()), ub(b.size());
  std::set<std::pair<std::string, std::string>> out;
  for (const C& x : c) {
    if (ua[x.i] || ub[x.j]) continue;
    ua[x.i] = ub[x.j] = true;
    out.insert({a[x.i].id, b[x.j].id});
  }
  return out;
}

TEST(PprlSlowTest, YenteTreatedVsUntreatedAndNegatives) {
  std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "needs ../shared/data (sanctions/eval/yente)";
  std::string dir = shared + "/sanctions/eval/yente/";
  auto treated = ReadPprlCsv(dir + "positives_un_treated.csv");
  auto untreated = ReadPprlCsv(dir + "positives_un_untreated.csv");
  auto neg_all = ReadPprlCsv(dir + "negatives_global.csv");
  ASSERT_TRUE(treated.ok() && untreated.ok() && neg_all.ok());
  ASSERT_EQ(treated->size(), 683u);
  ASSERT_EQ(untreated->size(), 683u);
  std::vector<PprlRecord> neg(neg_all->begin(), neg_all->begin() + 5000);

  ClkParams p;  // the defaults are what we ship
  auto t0 = std::chrono::steady_clock::now();
  auto ea = EncodeAll(*treated, p, "");
  auto eb = EncodeAll(*untreated, p, "");
  auto en = EncodeAll(neg, p, "neg-");
  double enc_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  for (bool blocking : {false, true}) {
    MatchOptions o;
    o.threshold = kThreshold;
    o.blocking = blocking;
    MatchStats st;
    auto pairs = MatchClk(ea, eb, o, &st);
    int correct = 0;
    std::set<std::pair<std::string, std::string>> enc;
    for (const auto& x : pairs) {
      correct += x.a_id == x.b_id;
      enc.insert({x.a_id, x.b_id});
    }
    auto clear = ClearMatch(*treated, *untreated, p);
    int clear_found = 0, clear_correct = 0;
    for (const auto& x : clear) {
      clear_found += enc.count(x) > 0;
      clear_correct += x.first == x.second;
    }
    // Negatives: 5,000 people who are none of the positives, matched against them.
    MatchStats nst;
    auto false_pairs = MatchClk(en, eb, o, &nst);
    double correct_rate = correct / 683.0;
    double vs_clear = clear.empty() ? 1.0 : static_cast<double>(clear_found) / clear.size();
    double false_rate = false_pairs.size() / 5000.0;
    std::printf(
        "pprl yente (blocking=%s, threshold %.2f, %d bits %s): correct %d/683 = %.3f "
        "(clear-text %d/683); found %d of %zu clear-text pairs = %.3f; wrong pairs %zu; "
        "negatives matched %zu/5000 = %.4f; comparisons %llu of %llu in %.4f s = %.3g/s; "
        "negatives run %llu comparisons in %.4f s = %.3g/s; encoding %.0f records/s\n",
        blocking ? "lsh" : "none", kThreshold, p.out_bits(), HardeningName(p.hardening), correct,
        correct_rate, clear_correct, clear_found, clear.size(), vs_clear, pairs.size() - correct,
        false_pairs.size(), false_rate, static_cast<unsigned long long>(st.comparisons),
        static_cast<unsigned long long>(st.all_pairs), st.seconds,
        st.comparisons / std::max(st.seconds, 1e-9),
        static_cast<unsigned long long>(nst.comparisons), nst.seconds,
        nst.comparisons / std::max(nst.seconds, 1e-9), (ea.size() + eb.size() + en.size()) / enc_s);
    EXPECT_GE(correct_rate, 0.90);
    EXPECT_GE(vs_clear, 0.95);
    EXPECT_LE(false_rate, 0.01);
    if (blocking) {
      EXPECT_LT(st.comparisons, st.all_pairs / 4);
    }
  }
}

}  // namespace
}  // namespace interdict::sharing
