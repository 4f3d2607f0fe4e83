// Ownership tests on hand-made graphs. Golden answers come from OFAC FAQ 401/398's worked
// examples and from the rules in ownership.h, worked by hand in the comments.
#include "network/ownership.h"

#include <gtest/gtest.h>

#include <map>

namespace interdict::network {
namespace {

struct G {
  OwnershipGraph g;
  uint32_t P(const std::string& id, uint8_t listed = 0, bool joint = false) {
    Party p;
    p.id = id;
    p.name = "Name " + id;
    p.listed = listed;
    p.listed_any = listed != 0;
    p.joint = joint;
    return g.AddParty(std::move(p));
  }
  // pct < 0: no share recorded.
  size_t Own(const std::string& o, const std::string& a, double pct, const char* start = "",
             const char* end = "", int rank = 0, const std::string& rec = "") {
    Stake s;
    s.owner = g.Ensure(o);
    s.asset = g.Ensure(a);
    if (pct >= 0) {
      s.pct_min = s.pct_max = static_cast<float>(pct);
      s.pct_known = true;
    }
    if (*start) s.start = *ParseStartDay(start);
    if (*end) s.end = *ParseEndDay(end);
    s.source_rank = rank;
    s.source = {"test", rec.empty() ? o + ">" + a : rec};
    g.stakes.push_back(s);
    return g.stakes.size() - 1;
  }
  void Dir(const std::string& d, const std::string& o) {
    Control c;
    c.director = g.Ensure(d);
    c.organization = g.Ensure(o);
    c.source = {"test", d + "/" + o};
    g.controls.push_back(c);
  }
  std::map<std::string, RegimeResult> Run(Regime r, const char* date = "2024-01-01") {
    std::map<std::string, RegimeResult> m;
    for (auto& res : Evaluate(g, r, *ParseStartDay(date))) m[g.parties[res.party].id] = res;
    return m;
  }
};

constexpr uint8_t kAll = kAllRegimes;

TEST(Dates, ParseAndFormat) {
  EXPECT_EQ(FormatDay(*ParseStartDay("2022-01-17")), "2022-01-17");
  EXPECT_EQ(FormatDay(*ParseStartDay("2022")), "2022-01-01");
  EXPECT_EQ(FormatDay(*ParseEndDay("2022")), "2023-01-01");
  EXPECT_EQ(FormatDay(*ParseEndDay("2022-02")), "2022-03-01");
  EXPECT_EQ(FormatDay(*ParseStartDay("2019-09-11T11:17:23Z")), "2019-09-11");
  EXPECT_EQ(FormatDay(*ParseStartDay("1969-12-31")), "1969-12-31");
  EXPECT_FALSE(ParseStartDay("17/01/2022"));
  EXPECT_FALSE(ParseStartDay("2022-13-01"));
}

// FAQ 401 example 1: X 50 % of A, A 50 % of B -> A and B blocked.
TEST(Ofac, Faq401Example1) {
  G t;
  t.P("X", kAll);
  t.Own("X", "A", 50);
  t.Own("A", "B", 50);
  auto r = t.Run(Regime::kOfac);
  ASSERT_TRUE(r.count("A") && r.count("B"));
  EXPECT_TRUE(r["A"].blocked && r["A"].by_ownership && !r["A"].listed);
  EXPECT_TRUE(r["B"].blocked);
  EXPECT_DOUBLE_EQ(r["B"].aggregate_pct, 50);
  EXPECT_FALSE(r.count("X"));  // listed, but owned by nobody: not a rule result
}

// Example 2: X 50 % of A and of B; A and B 25 % each of C -> C blocked (the blocked
// companies' stakes count in full, 25 + 25 = 50; no 0.5 x 25 multiplication).
TEST(Ofac, Faq401Example2) {
  G t;
  t.P("X", kAll);
  t.Own("X", "A", 50);
  t.Own("X", "B", 50);
  t.Own("A", "C", 25);
  t.Own("B", "C", 25);
  auto r = t.Run(Regime::kOfac);
  ASSERT_TRUE(r.count("C"));
  EXPECT_TRUE(r["C"].blocked);
  EXPECT_DOUBLE_EQ(r["C"].aggregate_pct, 50);
  EXPECT_EQ(r["C"].owners.size(), 2u);
  // UK: > 50 % by one designated person: A and B are not blocked (50 is not > 50).
  auto uk = t.Run(Regime::kUk);
  EXPECT_FALSE(uk.count("A"));
  EXPECT_FALSE(uk.count("C"));
}

// Example 3: X 50 % of A and 10 % of B; A 40 % of B -> B blocked (10 + 40 = 50).
TEST(Ofac, Faq401Example3) {
  G t;
  t.P("X", kAll);
  t.Own("X", "A", 50);
  t.Own("X", "B", 10);
  t.Own("A", "B", 40);
  auto r = t.Run(Regime::kOfac);
  ASSERT_TRUE(r.count("B"));
  EXPECT_TRUE(r["B"].blocked);
  EXPECT_DOUBLE_EQ(r["B"].aggregate_pct, 50);
}

// FAQ 398: X 25 % of A and of B; A and B 50 % each of C. A and B are not blocked, so
// their stakes in C do not count: nothing is blocked.
TEST(Ofac, Faq398NotBlockedIntermediaries) {
  G t;
  t.P("X", kAll);
  t.Own("X", "A", 25);
  t.Own("X", "B", 25);
  t.Own("A", "C", 50);
  t.Own("B", "C", 50);
  EXPECT_TRUE(t.Run(Regime::kOfac).empty());
}

// Aggregation across designated persons: 30 % + 25 % = 55 % blocks under OFAC and EU;
// the UK does not add different persons' holdings.
TEST(Regimes, AggregationDiffers) {
  G t;
  t.P("X", kAll);
  t.P("Y", kAll);
  t.Own("X", "T", 30);
  t.Own("Y", "T", 25);
  EXPECT_TRUE(t.Run(Regime::kOfac)["T"].blocked);
  EXPECT_TRUE(t.Run(Regime::kEu)["T"].blocked);
  EXPECT_FALSE(t.Run(Regime::kUk).count("T"));
}

// UK: a person's holdings through entities blocked because of that same person add up
// (X 60 % of H; X 30 % + H 30 % of T = 60 % > 50 % by X).
TEST(Regimes, UkSamePersonIndirect) {
  G t;
  t.P("X", kAll);
  t.Own("X", "H", 60);
  t.Own("X", "T", 30);
  t.Own("H", "T", 30);
  auto uk = t.Run(Regime::kUk);
  EXPECT_TRUE(uk["H"].blocked);
  EXPECT_TRUE(uk["T"].blocked);
  // ...but exactly 50 % is not more than 50 %.
  G u;
  u.P("X", kAll);
  u.Own("X", "T", 50);
  EXPECT_FALSE(u.Run(Regime::kUk).count("T"));
  EXPECT_TRUE(u.Run(Regime::kOfac)["T"].blocked);
}

// UK joint arrangement: two designated persons hold 50 % each of a joint shareholding
// that owns 100 % of T. Within the arrangement their holdings aggregate (100 % > 50 %).
TEST(Regimes, UkJointArrangementAggregates) {
  G t;
  t.P("X", kAll);
  t.P("Y", kAll);
  t.P("J", 0, /*joint=*/true);
  t.Own("X", "J", 50);
  t.Own("Y", "J", 50);
  t.Own("J", "T", 100);
  auto uk = t.Run(Regime::kUk);
  EXPECT_TRUE(uk["J"].blocked);
  EXPECT_TRUE(uk["T"].blocked);
}

// Listed only by the EU: OFAC does not see it.
TEST(Regimes, ListingsPerRegime) {
  G t;
  t.P("X", RegimeBit(Regime::kEu));
  t.Own("X", "T", 100);
  EXPECT_TRUE(t.Run(Regime::kEu)["T"].blocked);
  EXPECT_TRUE(t.Run(Regime::kOfac).empty());
  EXPECT_EQ(ListedMaskFrom(true, {"us_ofac_sdn", "eu_fsf"}, {}),
            RegimeBit(Regime::kOfac) | RegimeBit(Regime::kEu));
  EXPECT_EQ(ListedMaskFrom(true, {"ua_nsdc_sanctions", "ext_ru_egrul"}, {}), 0);
  EXPECT_EQ(ListedMaskFrom(true, {}, {}), kAllRegimes);  // own list: every regime
  EXPECT_EQ(ListedMaskFrom(false, {"us_ofac_sdn"}, {}), 0);
}

// EU control: a blocked sole director, or a majority of directors blocked.
TEST(Regimes, EuControlThroughDirectors) {
  G t;
  t.P("X", kAll);
  t.P("Y", kAll);
  t.P("Z");
  t.Dir("X", "Sole");  // 1 of 1
  t.Dir("X", "Two");   // 1 of 2: not a majority
  t.Dir("Z", "Two");
  t.Dir("X", "Three");  // 2 of 3
  t.Dir("Y", "Three");
  t.Dir("Z", "Three");
  t.Dir("Sole", "Sub");  // a company blocked by control controls its own sole-directed sub
  auto eu = t.Run(Regime::kEu);
  EXPECT_TRUE(eu["Sole"].blocked && eu["Sole"].by_control);
  EXPECT_FALSE(eu.count("Two"));
  EXPECT_TRUE(eu["Three"].by_control);
  EXPECT_EQ(eu["Three"].blocked_directors, 2);
  EXPECT_EQ(eu["Three"].directors, 3);
  EXPECT_TRUE(eu["Sub"].blocked);
  // OFAC's rule is about ownership only.
  EXPECT_TRUE(t.Run(Regime::kOfac).empty());
}

// Cycles: A and B own each other; X's 50 % of A blocks A, then A's 60 % of B blocks B;
// B's 40 % back into A changes nothing and the worklist terminates.
TEST(Fixpoint, CyclesTerminate) {
  G t;
  t.P("X", kAll);
  t.Own("X", "A", 50);
  t.Own("A", "B", 60);
  t.Own("B", "A", 40);
  t.Own("B", "C", 10);
  t.Own("C", "B", 10);
  auto r = t.Run(Regime::kOfac);
  EXPECT_TRUE(r["A"].blocked);
  EXPECT_TRUE(r["B"].blocked);
  EXPECT_DOUBLE_EQ(r["A"].aggregate_pct, 90);  // X 50 + blocked B 40
  EXPECT_FALSE(r.count("C"));
  // A cycle with no blocked entry point blocks nothing.
  G u;
  u.P("X", kAll);
  u.Own("A", "B", 100);
  u.Own("B", "A", 100);
  EXPECT_TRUE(u.Run(Regime::kOfac).empty());
}

// Time slicing: a stake counts only on [start, end).
TEST(Fixpoint, TimeSlicing) {
  G t;
  t.P("X", kAll);
  t.Own("X", "T", 60, "2020-01-01", "2022-06-30");
  EXPECT_FALSE(t.Run(Regime::kOfac, "2019-12-31").count("T"));
  EXPECT_TRUE(t.Run(Regime::kOfac, "2020-01-01")["T"].blocked);
  EXPECT_TRUE(t.Run(Regime::kOfac, "2022-06-29")["T"].blocked);
  EXPECT_FALSE(t.Run(Regime::kOfac, "2022-06-30").count("T"));  // end is exclusive
}

// Conflicting records for one pair: source rank first, then a stated share over none,
// then the latest start, then the latest end (open = still current).
TEST(Fixpoint, ConflictingRecordsRanked) {
  G t;
  t.P("X", kAll);
  t.Own("X", "T", 40, "2015-01-01", "", 0, "old");
  t.Own("X", "T", 55, "2018-01-01", "", 0, "new");  // later start wins -> 55 %, blocked
  auto r = t.Run(Regime::kOfac, "2020-01-01");
  ASSERT_TRUE(r.count("T"));
  ASSERT_EQ(r["T"].owners.size(), 1u);
  EXPECT_EQ(t.g.stakes[r["T"].owners[0].stake].source.record_id, "new");
  ASSERT_EQ(r["T"].owners[0].superseded.size(), 1u);
  // The same start: the open-ended record (still current at its source) wins.
  G u;
  u.P("X", kAll);
  u.Own("X", "T", 48, "2015-11-25", "2023-12-21", 0, "48");
  u.Own("X", "T", 51, "2015-11-25", "", 0, "51");
  u.Own("X", "T", 50, "2015-11-25", "2023-03-02", 0, "50");
  auto ru = u.Run(Regime::kUk, "2022-01-17");
  ASSERT_TRUE(ru.count("T"));
  EXPECT_EQ(u.g.stakes[ru["T"].owners[0].stake].source.record_id, "51");
  EXPECT_EQ(ru["T"].owners[0].superseded.size(), 2u);
  // A better-ranked source wins over a later record.
  G w;
  w.P("X", kAll);
  w.Own("X", "T", 30, "2018-01-01", "", 1, "list");
  w.Own("X", "T", 60, "2010-01-01", "", 0, "registry");
  EXPECT_TRUE(w.Run(Regime::kOfac, "2020-01-01")["T"].blocked);
}

// Unknown shares: never counted as 0 (silently clear) nor as 100 (silently block).
TEST(Fixpoint, UnknownShareIsReview) {
  G t;
  t.P("X", kAll);
  t.Own("X", "T", -1);   // no percentage
  t.Own("T", "S", 100);  // S hangs on T: possibly blocked too
  auto r = t.Run(Regime::kOfac);
  ASSERT_TRUE(r.count("T"));
  EXPECT_FALSE(r["T"].blocked);
  EXPECT_TRUE(r["T"].review);
  EXPECT_DOUBLE_EQ(r["T"].aggregate_pct, 0);
  EXPECT_DOUBLE_EQ(r["T"].aggregate_pct_max, 100);
  EXPECT_NE(r["T"].explanation.find("unknown share"), std::string::npos) << r["T"].explanation;
  EXPECT_TRUE(r["S"].review);
  EXPECT_FALSE(r["S"].blocked);
  // Known shares decide alone when they suffice: 60 % known + unknown -> blocked.
  G u;
  u.P("X", kAll);
  u.P("Y", kAll);
  u.Own("X", "T", 60);
  u.Own("Y", "T", -1);
  auto ru = u.Run(Regime::kOfac);
  EXPECT_TRUE(ru["T"].blocked);
  EXPECT_FALSE(ru["T"].review);
  // An unknown stake held by an unblocked owner is not a review for anyone.
  G w;
  w.P("X", kAll);
  w.Own("X", "T", 10);
  w.Own("Q", "T", -1);
  EXPECT_TRUE(w.Run(Regime::kOfac).empty());
}

// Shares adding up to more than 100 % are flagged.
TEST(Fixpoint, SharesOver100Flagged) {
  G t;
  t.P("X", kAll);
  t.Own("X", "T", 60);
  t.Own("Q", "T", 50);
  auto r = t.Run(Regime::kOfac);
  EXPECT_TRUE(r["T"].shares_over_100);
  EXPECT_DOUBLE_EQ(r["T"].total_known_pct, 110);
}

// Compact core directly: the benchmark's entry point, without strings.
TEST(Fixpoint, CompactArrays) {
  StakeArrays sa;
  sa.n = 5;
  // 0 listed; 0 -> 1 (50), 1 -> 2 (25), 0 -> 2 (25), 2 -> 3 (49), 4 -> 3 (51)
  sa.owner = {0, 1, 0, 2, 4};
  sa.asset = {1, 2, 2, 3, 3};
  sa.pct_min = {50, 25, 25, 49, 51};
  std::vector<uint8_t> seeds = {1, 0, 0, 0, 0};
  auto fr = RunFixpoint(sa, nullptr, seeds, {}, DefaultParams(Regime::kOfac, 0));
  EXPECT_TRUE(fr.Blocked(1));
  EXPECT_TRUE(fr.Blocked(2));
  EXPECT_FALSE(fr.Blocked(3));
  EXPECT_FALSE(fr.Blocked(4));
  EXPECT_FLOAT_EQ(fr.agg_min[3], 49);
  EXPECT_EQ(fr.order, (std::vector<uint32_t>{1, 2}));
}

// Beneficial ownership multiplies down chains (unlike the sanctions tests): P 60 % of H,
// H 50 % of T, P 10 % direct -> 0.6 x 50 + 10 = 40 %; Q 40 % of H -> 20 % (< 25 %).
TEST(Kyc, BeneficialOwnersMultiply) {
  G t;
  t.P("P");
  t.P("Q");
  t.Own("P", "H", 60);
  t.Own("Q", "H", 40);
  t.Own("H", "T", 50);
  t.Own("P", "T", 10);
  t.Own("R", "T", 40);
  auto bo = BeneficialOwners(t.g, *t.g.Find("T"), *ParseStartDay("2024-01-01"));
  std::map<std::string, BeneficialOwner> m;
  for (auto& b : bo) m[t.g.parties[b.owner].id] = b;
  ASSERT_TRUE(m.count("P"));
  EXPECT_NEAR(m["P"].pct_min, 40, 1e-9);
  EXPECT_EQ(m["P"].paths.size(), 2u);
  EXPECT_FALSE(m.count("Q"));  // 20 %
  EXPECT_NEAR(m["R"].pct_min, 40, 1e-9);
  // Unknown share in the chain: a range, flagged for review when it straddles 25 %.
  G u;
  u.Own("P", "H", -1);
  u.Own("H", "T", 60);
  auto bu = BeneficialOwners(u.g, *u.g.Find("T"), *ParseStartDay("2024-01-01"));
  ASSERT_EQ(bu.size(), 1u);
  EXPECT_DOUBLE_EQ(bu[0].pct_min, 0);
  EXPECT_NEAR(bu[0].pct_max, 60, 1e-6);
  EXPECT_TRUE(bu[0].review);
}

TEST(Input, ParsePercent) {
  EXPECT_EQ(*ParsePercent("51"), 51);
  EXPECT_EQ(*ParsePercent(" 49.5% "), 49.5);
  EXPECT_FALSE(ParsePercent(""));
  EXPECT_FALSE(ParsePercent("abc"));
  EXPECT_FALSE(ParsePercent("150"));
}

}  // namespace
}  // namespace interdict::network
