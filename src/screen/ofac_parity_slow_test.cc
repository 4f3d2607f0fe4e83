// The `ofac` scorer against the 164 scores observed on OFAC's Sanctions List Search
// (../shared/data/sanctions/eval/nomenklatura/ofac_search_scores.csv; SOURCES.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "screen/eval.h"
#include "testutil.h"

namespace interdict::screen {
namespace {

TEST(OfacParity, MeanAbsoluteErrorAtMost005) {
  std::string path =
      testing::SharedDataDir() + "/sanctions/eval/nomenklatura/ofac_search_scores.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  auto rep = RunOfacParity(path);
  ASSERT_TRUE(rep.ok()) << rep.status().ToString();
  std::cout << rep->ToString();
  EXPECT_EQ(rep->scored + rep->not_returned, 170);
  EXPECT_LE(rep->mae, 0.05);
}

}  // namespace
}  // namespace interdict::screen
