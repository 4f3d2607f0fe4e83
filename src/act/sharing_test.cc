// Markings/release matrix and CLK PPRL.
#include "interdict/sharing.h"

#include <gtest/gtest.h>

namespace interdict::sharing {
namespace {

using C = Classification;

TEST(SharingTest, AccessMatrixThreeAgenciesAndDerivedRecords) {
  Recipient zoll{"ZOLL", "DE", C::kSecret, {"LE-ONLY"}};
  Recipient fiod{"FIOD", "NL", C::kConfidential, {"LE-ONLY"}};
  Recipient ocrs{"OCRS", "FR", C::kRestricted, {}};
  Marking open{"ZOLL", C::kRestricted, {"FIOD", "FR"}, {}};
  Marking le{"ZOLL", C::kRestricted, {"FIOD", "OCRS"}, {"LE-ONLY"}};
  Marking secret{"ZOLL", C::kSecret, {"FIOD", "OCRS"}, {}};
  Marking fiod_rec{"FIOD", C::kConfidential, {"ZOLL"}, {}};
  struct Row {
    const Marking* m;
    bool zoll, fiod, ocrs;
  };
  for (const Row& r : std::vector<Row>{{&open, true, true, true},    // FR by country
                                       {&le, true, true, false},     // handling not accepted
                                       {&secret, true, false, false},  // clearance
                                       {&fiod_rec, true, true, false}}) {
    EXPECT_EQ(CheckRelease(*r.m, zoll).ok(), r.zoll) << r.m->originator;
    EXPECT_EQ(CheckRelease(*r.m, fiod).ok(), r.fiod) << r.m->originator;
    EXPECT_EQ(CheckRelease(*r.m, ocrs).ok(), r.ocrs) << r.m->originator;
  }
  // Derived from open + fiod_rec: Confidential, releasable only where both allow (ZOLL and
  // FIOD themselves), handling union.
  Marking d = Derive({open, fiod_rec, le}, "ZOLL");
  EXPECT_EQ(d.classification, C::kConfidential);
  EXPECT_EQ(d.releasable_to, (std::set<std::string>{"FIOD", "ZOLL"}));
  EXPECT_EQ(d.handling, (std::set<std::string>{"LE-ONLY"}));
  EXPECT_TRUE(CheckRelease(d, zoll).ok());
  EXPECT_TRUE(CheckRelease(d, fiod).ok());
  EXPECT_FALSE(CheckRelease(d, ocrs).ok());
}

TEST(SharingTest, FeaturesAreTokenBigramsAndDateTokens) {
  ClkParams p;
  // Hand-worked: "Al-Rashid, Omar" -> tokens "al", "rashid", "omar" (order irrelevant);
  // padded bigrams _a al l_ | _r ra as sh hi id d_ | _o om ma ar r_ = 15 distinct.
  auto f = PprlFeatures({"x", "Al-Rashid, Omar", "1970-05"}, p);
  std::set<std::string> got;
  for (const auto& x : f) got.insert(x.text);
  EXPECT_EQ(got.size(), 17u);
  for (const char* g : {"n:_a", "n:al", "n:l_", "n:sh", "n:r_", "y:1970", "ym:1970-05"})
    EXPECT_TRUE(got.count(g)) << g;
  auto g = PprlFeatures({"y", "OMAR AL RASHID", "1970"}, p);
  // Same 15 bigrams; the date tokens differ in precision: weighted Dice by hand
  // = 2 * (15*20 + 10) / ((15*20 + 20) + (15*20 + 10)) = 620 / 630.
  EXPECT_NEAR(ClearDice(f, g), 620.0 / 630.0, 1e-12);
  // Transliteration via the screening normaliser: Cyrillic and Latin spellings meet.
  auto c = PprlFeatures({"z", "Виктор Бут", ""}, p);
  auto l = PprlFeatures({"w", "Viktor But", ""}, p);
  EXPECT_DOUBLE_EQ(ClearDice(c, l), 1.0);
}

TEST(SharingTest, ClkMatchesVariantsAndNotStrangers) {
  std::string secret = "0123456789abcdef-shared-secret";
  ClkParams p;
  auto enc = [&](const char* id, const char* v, const char* dob) {
    return *EncodeRecord(secret, {id, v, dob}, p);
  };
  std::vector<BloomEncoding> a = {enc("a1", "Viktor Anatolyevich BOUT", "1967-01-13"),
                                  enc("a2", "Mohammed Al-Rashid", "1970"),
                                  enc("a3", "Jane Smith", "1980-02-02")};
  std::vector<BloomEncoding> b = {enc("b1", "Mohamed al Rashid", "1970"),
                                  enc("b2", "Peter Jones", "1980-02-02"),
                                  enc("b3", "BOUT, viktor anatolievich", "1967-01-13")};
  EXPECT_EQ(a[0].words.size() * 64, 512u);  // xor-folded 1024 -> 512
  EXPECT_DOUBLE_EQ(Dice(a[0], a[0]), 1.0);
  for (bool blocking : {false, true}) {
    MatchOptions o;
    o.threshold = 0.75;
    o.blocking = blocking;
    MatchStats st;
    auto pairs = MatchClk(a, b, o, &st);
    ASSERT_EQ(pairs.size(), 2u) << blocking;
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& x : pairs) got.insert({x.a_id, x.b_id});
    EXPECT_TRUE(got.count({"a1", "b3"}));
    EXPECT_TRUE(got.count({"a2", "b1"}));
    if (!blocking) {
      EXPECT_EQ(st.comparisons, 9u);
    }
    EXPECT_LE(st.comparisons, 9u);
  }
  // Another secret gives unrelated encodings; a short secret is refused.
  auto other = *EncodeRecord("another-secret-of-16+", {"x", "Jane Smith", "1980-02-02"}, p);
  EXPECT_LT(Dice(a[2], other), 0.7);
  EXPECT_FALSE(EncodeRecord("short", {"x", "y", ""}, p).ok());
  EXPECT_NE(SecretCheck(secret), SecretCheck("another-secret-of-16+"));
  EXPECT_EQ(SecretCheck(secret).size(), 16u);
}

}  // namespace
}  // namespace interdict::sharing
