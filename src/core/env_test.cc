#include "interdict/env.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "core/progress.h"

namespace interdict {
namespace {

TEST(Rng, SameSeedSameSequenceDifferentSeedDiffers) {
  Rng a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    (void)c;
  }
  Rng d(42), e(43);
  int same = 0;
  for (int i = 0; i < 100; ++i) same += d.Next() == e.Next();
  EXPECT_LT(same, 2);
}

TEST(Rng, RangesHold) {
  Rng r(7);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    double u = r.Uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    int64_t v = r.Between(3, 5);
    ASSERT_GE(v, 3);
    ASSERT_LE(v, 5);
    sum += r.Normal();
  }
  EXPECT_NEAR(sum / 10000, 0.0, 0.05);
}

TEST(Time, IsoFormatting) {
  EXPECT_EQ(FormatIsoUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIsoUtc(1714737600), "2024-05-03T12:00:00Z");
}

TEST(Progress, PlainLinesAreThrottledByTheClock) {
  FakeClock clock(0);
  char* buf = nullptr;
  size_t len = 0;
  FILE* out = open_memstream(&buf, &len);
  {
    Progress p("ingest", 100, Progress::Mode::kLines, clock, out);
    p.Update(10);  // too soon: nothing
    clock.Advance(6000000);
    p.Update(50);  // a line
    clock.Advance(1000000);
    p.Update(60);  // throttled
    p.Finish();    // final line
  }
  fclose(out);
  std::string s(buf, len);
  free(buf);
  EXPECT_EQ(s, "ingest: 50/100 (50%) 6.0s\ningest: 60/100 (60%) 7.0s\n");
}

TEST(Progress, QuietPrintsNothing) {
  FakeClock clock(0);
  char* buf = nullptr;
  size_t len = 0;
  FILE* out = open_memstream(&buf, &len);
  {
    Progress p("x", 10, Progress::Mode::kQuiet, clock, out);
    clock.Advance(100000000);
    p.Update(5);
  }
  fclose(out);
  EXPECT_EQ(len, 0u);
  free(buf);
}

}  // namespace
}  // namespace interdict
