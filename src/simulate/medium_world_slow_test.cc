// The medium world: its size and how long it takes to generate (reported, not a benchmark;
// the budget is generous so a loaded machine does not fail it).
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "interdict/simulate.h"
#include "testutil.h"

namespace interdict {
namespace {

TEST(MediumWorld, HasTheAdvertisedSize) {
  std::string tmp = testing::MakeTempDir();
  SimulateOptions o;
  o.seed = 3;
  o.size = "medium";
  o.out_dir = tmp + "/world";
  o.truth_path = tmp + "/truth.json";
  SimulateStats st;
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(Simulate(o, &st).ok());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "medium world: " << secs << " s, " << st.declarations << " declarations, "
            << st.ais_sentences << " AIS sentences, " << st.bytes_written / 1e6 << " MB\n";
  EXPECT_LT(secs, 120.0);
  EXPECT_GT(st.declarations, 18000);
  EXPECT_LT(st.declarations, 22000);
  EXPECT_GT(st.ais_sentences, 800000);
  EXPECT_LT(st.ais_sentences, 1300000);
  EXPECT_GE(st.vessels, 280);
}

}  // namespace
}  // namespace interdict
