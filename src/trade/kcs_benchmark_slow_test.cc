// The Korean customs benchmark (DATE protocol): trained on train (+valid for early
// stopping), refit on train+valid, evaluated once on test. Thresholds sit slightly below
// what was measured (docs/trade.md) so the test catches regressions, not noise.
#include <gtest/gtest.h>

#include <iostream>

#include "testutil.h"
#include "trade/risk_model.h"

namespace interdict::trade {
namespace {

TEST(KcsBenchmark, BeatsPublishedAndMeasuredPeers) {
  std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "needs ../shared/data (trade/customs-kcs)";
  auto splits = ReadKcsDir(shared + "/trade/customs-kcs");
  ASSERT_TRUE(splits.ok()) << splits.status().ToString();
  ASSERT_EQ(splits->train.size(), 37385u);
  ASSERT_EQ(splits->valid.size(), 8134u);
  ASSERT_EQ(splits->test.size(), 8481u);
  GbdtParams gp;  // the defaults, chosen on the validation split
  auto res = RunKcsBenchmark(*splits, gp);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  std::cout << FormatReport("valid (stage-1 model)", res->valid) << FormatReport("test", res->test)
            << "rounds " << res->rounds << ", features " << res->features << ", train "
            << res->train_seconds << " s, score " << res->score_seconds << " s\n";
  for (size_t i = 0; i < std::min<size_t>(15, res->importance.size()); ++i)
    std::cout << "  gain " << res->importance[i].first << " " << res->importance[i].second << "\n";
  for (const auto& e : res->examples) std::cout << e << "\n";
  // Measured (docs/trade.md): test P@1% 1.000, P@2% 0.994, P@5% 0.993, P@10% 0.9505,
  // AUC 0.9288; valid AUC 0.9185. Issue 7 targets: P@5% >= 0.98, P@10% >= 0.93,
  // AUC >= 0.92 (peers: HistGradientBoosting 0.967 / 0.920 / 0.910).
  const EvalReport& t = res->test;
  ASSERT_EQ(t.at.size(), 4u);
  EXPECT_GE(t.at[0].precision, 0.97);
  EXPECT_GE(t.at[1].precision, 0.97);
  EXPECT_GE(t.at[2].precision, 0.985);
  EXPECT_GE(t.at[3].precision, 0.94);
  EXPECT_GE(t.at[3].recall, 0.43);
  EXPECT_GE(t.auc, 0.925);
  EXPECT_GE(res->valid.auc, 0.91);
  // Training both stages stays well under a minute on one core.
  EXPECT_LT(res->train_seconds, 120);
  ASSERT_EQ(res->examples.size(), 3u);
}

}  // namespace
}  // namespace interdict::trade
