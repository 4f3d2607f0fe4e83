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

TEST(SharingTest, ClkMatchesVariantsAndNotStrangers) {
  std::string secret = "0123456789abcdef-shared-secret";
  auto enc = [&](const char* id, const char* v) { return *EncodeClk(secret, id, v); };
  std::vector<BloomEncoding> a = {enc("a1", "Viktor Anatolyevich BOUT"),
                                  enc("a2", "Mohammed Al-Rashid"), enc("a3", "Jane Smith")};
  std::vector<BloomEncoding> b = {enc("b1", "Mohamed al Rashid"), enc("b2", "Peter Jones"),
                                  enc("b3", "viktor anatolievich bout")};
  EXPECT_DOUBLE_EQ(Dice(a[0], a[0]), 1.0);
  auto pairs = MatchClk(a, b, 0.8);
  ASSERT_EQ(pairs.size(), 2u);
  std::set<std::pair<std::string, std::string>> got;
  for (const auto& p : pairs) got.insert({p.a_id, p.b_id});
  EXPECT_TRUE(got.count({"a1", "b3"}));
  EXPECT_TRUE(got.count({"a2", "b1"}));
  // Another secret gives unrelated encodings.
  auto other = *EncodeClk("another-secret-of-16+", "x", "Jane Smith");
  EXPECT_LT(Dice(a[2], other), 0.7);
  EXPECT_FALSE(EncodeClk("short", "x", "y").ok());
}

}  // namespace
}  // namespace interdict::sharing
