// Exposure paths on a hand-made graph; scores worked by hand from the default weights
// (ownership 1.0, directorship 0.9, payment 0.7, trade 0.6, decay 0.7 per extra hop).
#include "network/paths.h"

#include <gtest/gtest.h>

namespace interdict::network {
namespace {

void Link(ExposureGraph* g, const std::string& a, const std::string& b, LinkType t) {
  ExposureGraph::Edge e;
  e.a = g->Node(a);
  e.b = g->Node(b);
  e.type = t;
  e.source = {"test", a + "-" + b};
  g->edges.push_back(e);
}

TEST(Paths, BestAndShortestWithinHops) {
  ExposureGraph g;
  g.Node("X", "Listed X", true);
  g.Node("Y", "Listed Y", true);
  // decl -trade- importer -ownership- holding -ownership- X      : 3 hops
  // decl -trade- importer -payment- X                             : 2 hops
  Link(&g, "decl", "importer", LinkType::kTrade);
  Link(&g, "holding", "importer", LinkType::kOwnership);
  Link(&g, "X", "holding", LinkType::kOwnership);
  Link(&g, "importer", "X", LinkType::kPayment);
  // Y behind X: never reached through X (paths stop at the first listed party).
  Link(&g, "Y", "X", LinkType::kOwnership);
  auto ps = ExposurePaths(g, *g.Find("decl"));
  ASSERT_EQ(ps.size(), 1u);
  const auto& p = ps[0];
  EXPECT_EQ(g.ids[p.target], "X");
  EXPECT_EQ(p.shortest_hops, 2);
  // 2 hops: 0.6 x 0.7 x 0.7 = 0.294; 3 hops: 0.6 x (1.0 x 0.7) x (1.0 x 0.7) = 0.294.
  // Equal: the fewer-hop path is kept.
  EXPECT_EQ(p.hops, 2);
  EXPECT_NEAR(p.score, 0.294, 1e-9);
  ASSERT_EQ(p.nodes.size(), 3u);
  EXPECT_EQ(g.ids[p.nodes[1]], "importer");
  EXPECT_NE(DescribePath(g, p).find("Listed X"), std::string::npos);
}

TEST(Paths, HopLimitAndHigherWeightLongerPath) {
  ExposureGraph g;
  g.Node("X", "X", true);
  Link(&g, "a", "b", LinkType::kOwnership);
  Link(&g, "b", "c", LinkType::kOwnership);
  Link(&g, "c", "X", LinkType::kOwnership);
  EXPECT_TRUE(ExposurePaths(g, *g.Find("a"), {.max_hops = 2}).empty());
  auto ps = ExposurePaths(g, *g.Find("a"), {.max_hops = 3});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_NEAR(ps[0].score, 1.0 * 0.7 * 0.7, 1e-9);
  // A weak direct link (shared address 0.4) loses to the ownership chain (0.49).
  Link(&g, "a", "X", LinkType::kSharedAddress);
  ps = ExposurePaths(g, *g.Find("a"), {.max_hops = 3});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].hops, 3);
  EXPECT_EQ(ps[0].shortest_hops, 1);
}

TEST(Paths, CyclesDoNotRevisit) {
  ExposureGraph g;
  g.Node("X", "X", true);
  Link(&g, "a", "b", LinkType::kOwnership);
  Link(&g, "b", "a", LinkType::kOwnership);
  Link(&g, "b", "c", LinkType::kDirectorship);
  Link(&g, "c", "X", LinkType::kDirectorship);
  auto ps = ExposurePaths(g, *g.Find("a"), {.max_hops = 4});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].hops, 3);
  EXPECT_EQ(ps[0].nodes.size(), 4u);
}

}  // namespace
}  // namespace interdict::network
