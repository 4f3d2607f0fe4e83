// Jaro-Winkler against the textbook values (Winkler 1990; the pairs every implementation
// quotes) and the `ofac` scorer on hand-worked pairs.
#include <gtest/gtest.h>

#include "interdict/screen.h"

namespace interdict::screen {
namespace {

TEST(JaroWinkler, TextbookValues) {
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA"), 0.9611, 1e-4);
  EXPECT_NEAR(JaroWinkler("DWAYNE", "DUANE"), 0.84, 1e-4);
  EXPECT_NEAR(JaroWinkler("DIXON", "DICKSONX"), 0.8133, 1e-4);
  EXPECT_EQ(JaroWinkler("", "ABC"), 0.0);
  EXPECT_EQ(JaroWinkler("ABC", "ABC"), 1.0);
  EXPECT_EQ(JaroWinkler("ABC", "XYZ"), 0.0);
}

TEST(OfacScorer, HandWorked) {
  // Token order does not matter and the comma form is understood.
  EXPECT_DOUBLE_EQ(OfacNameScore("VLADIMIR PUTIN", "PUTIN, Vladimir"), 1.0);
  // "putin" vs "pti": 3 common, no transpositions: jaro (3/5+3/3+1)/3 = 0.8667, one-letter
  // prefix: 0.8667 + 0.1 * 0.1333 = 0.88 (OFAC shows 88).
  EXPECT_NEAR(OfacNameScore("PUTIN", "PTI"), 0.88, 1e-3);
  // "KIM IL SUNG" vs "KIM, Sang Man": "il" (< 3 letters) is not scored; kim 1.0, sung ~ sang
  // 0.85 -> 0.925 (OFAC shows 93).
  EXPECT_NEAR(OfacNameScore("KIM IL SUNG", "KIM, Sang Man"), 0.925, 1e-3);
  Algorithm a;
  EXPECT_TRUE(ParseAlgorithm("ofac", &a));
  EXPECT_EQ(a, Algorithm::kOfac);
  EXPECT_FALSE(ParseAlgorithm("soundex", &a));
}

}  // namespace
}  // namespace interdict::screen
