// nomenklatura name_bench at the one fixed threshold of the logic scorer.
#include <gtest/gtest.h>

#include <iostream>

#include "screen/eval.h"
#include "testutil.h"

namespace interdict::screen {
namespace {

TEST(NameBench, F1AboveLogicV2) {
  std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "needs ../shared/data/sanctions (absent)";
  auto rep = RunNameBench(shared + "/sanctions/eval/nomenklatura/name_bench_cases.csv", 0.70);
  ASSERT_TRUE(rep.ok()) << rep.status().ToString();
  std::cout << rep->ToString();
  if (getenv("NAME_BENCH_ERRORS"))
    for (const auto& e : rep->errors) std::cout << e << "\n";
  EXPECT_GT(rep->all.f1(), 0.79);
}

}  // namespace
}  // namespace interdict::screen
