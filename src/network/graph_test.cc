#include "network/graph.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "resolve/resolve.h"

namespace interdict::network {
namespace {

Entity Rec(const std::string& id, const std::string& schema,
           std::vector<std::pair<std::string, std::string>> props,
           const std::string& source = "registry/companies.ftm.jsonl") {
  Entity e(id, Schema::Get(schema));
  uint32_t ref = e.AddReferent({source, id, 1, 0, ""});
  for (const auto& [k, v] : props) e.Add(k, v, ref);
  return e;
}

// A hand-made world (every expectation below is worked out from these records):
//   co-1 Alpha (address via Address entity addr-1), co-2 Beta (same address as text,
//   phone +971 4 123 4567), co-3 Gamma (phone 04 123 4567: the same number nationally),
//   co-4 a registry record named like the listed sdn-1; pe-1 directs co-1 and co-3 and
//   owns 60 % of co-1; co-1 owns co-2 with no percentage on record.
//   D1, D2: Alpha exports to Gamma (importer) for Delta (end user) on IMO 9321483;
//   P1: Gamma pays Alpha 100 USD.
World HandWorld() {
  std::vector<Entity> r;
  r.push_back(Rec("addr-1", "Address", {{"full", "Office 1204, Business Bay, Dubai"}}));
  r.push_back(Rec("co-1", "Company",
                  {{"name", "Alpha Trading LLC"},
                   {"addressEntity", "addr-1"},
                   {"incorporationDate", "2023-01-10"}}));
  r.push_back(Rec("co-2", "Company",
                  {{"name", "Beta General Trading"},
                   {"address", "Office 1204 Business Bay, DUBAI"},
                   {"phone", "+971 4 123 4567"}}));
  r.push_back(
      Rec("co-3", "Company",
          {{"name", "Gamma Ltd"}, {"phone", "04 123 4567"}, {"address", "Moscow, Russia"}}));
  r.push_back(Rec("co-4", "Company", {{"name", "Delta Industries JSC"}}));
  r.push_back(Rec("pe-1", "Person", {{"name", "Ivan Petrov"}, {"address", "Moscow, Russia"}}));
  r.push_back(Rec("sdn-1", "Company", {{"name", "DELTA INDUSTRIES JSC"}, {"topics", "sanction"}},
                  "sanctions/sdn.csv"));
  r.push_back(Rec(
      "own-1", "Ownership",
      {{"owner", "pe-1"}, {"asset", "co-1"}, {"percentage", "60"}, {"startDate", "2023-01-10"}}));
  r.push_back(Rec("own-2", "Ownership", {{"owner", "co-1"}, {"asset", "co-2"}}));
  r.push_back(Rec("dir-1", "Directorship",
                  {{"director", "pe-1"}, {"organization", "co-1"}, {"role", "Director"}}));
  r.push_back(Rec("dir-2", "Directorship", {{"director", "pe-1"}, {"organization", "co-3"}}));
  for (const char* id : {"D1", "D2"})
    r.push_back(Rec(id, "Declaration",
                    {{"declaration_id", id},
                     {"declaration_date", id[1] == '1' ? "2024-03-01" : "2024-05-01"},
                     {"hs_code", "854231"},
                     {"exporter", "Alpha Trading LLC"},
                     {"importer", "Gamma Ltd"},
                     {"end_user", "Delta Industries JSC"},
                     {"vessel_imo", "9321483"},
                     {"invoice_value", "1000"},
                     {"currency", "USD"}},
                    "declarations.csv"));
  r.push_back(Rec("P1", "Payment",
                  {{"payment_id", "P1"},
                   {"value_date", "2024-06-01"},
                   {"payer", "Gamma Ltd"},
                   {"payee", "Alpha Trading LLC"},
                   {"amount", "100"},
                   {"currency", "USD"}},
                  "payments.csv"));
  auto w = BuildWorld(std::move(r));
  EXPECT_TRUE(w.ok());
  return std::move(w).value();
}

const Edge* FindEdge(const PropertyGraph& g, const std::string& a, const std::string& b,
                     EdgeKind kind, const std::string& role = "*") {
  auto x = g.Find(a), y = g.Find(b);
  if (!x || !y) return nullptr;
  for (const Edge& e : g.edges())
    if (e.kind == kind &&
        ((e.from == *x && e.to == *y) || (IsSharedKind(kind) && e.from == *y && e.to == *x)) &&
        (role == "*" || e.role == role))
      return &e;
  return nullptr;
}

TEST(PropertyGraph, NodesAndRegistryLinks) {
  World w = HandWorld();
  PropertyGraph g = PropertyGraph::Build(w);
  // 5 registry parties (co-1..4, pe-1) + 1 list entry + 1 vessel; the Address entity is
  // not a node, and every declaration/payment mention joined a registry record.
  EXPECT_EQ(g.nodes().size(), 5u + 1u + 1u);
  EXPECT_FALSE(g.Find("addr-1").has_value());
  ASSERT_TRUE(g.Find("sdn-1"));
  EXPECT_TRUE(g.nodes()[*g.Find("sdn-1")].listed);

  const Edge* own1 = FindEdge(g, "pe-1", "co-1", EdgeKind::kOwnership);
  ASSERT_NE(own1, nullptr);
  ASSERT_TRUE(own1->percentage.has_value());
  EXPECT_DOUBLE_EQ(*own1->percentage, 60.0);
  EXPECT_EQ(own1->start, "2023-01-10");
  EXPECT_EQ(own1->evidence.at(0).record_id, "own-1");
  const Edge* own2 = FindEdge(g, "co-1", "co-2", EdgeKind::kOwnership);
  ASSERT_NE(own2, nullptr);
  EXPECT_FALSE(own2->percentage.has_value());  // unknown share, never 0
  EXPECT_NE(FindEdge(g, "pe-1", "co-1", EdgeKind::kDirectorship, "Director"), nullptr);
  EXPECT_NE(FindEdge(g, "pe-1", "co-3", EdgeKind::kDirectorship), nullptr);
}

TEST(PropertyGraph, SharedAttributesAndNameMatches) {
  World w = HandWorld();
  PropertyGraph g = PropertyGraph::Build(w);
  // Address via the Address entity on one side and as text on the other.
  const Edge* addr = FindEdge(g, "co-1", "co-2", EdgeKind::kSharedAddress);
  ASSERT_NE(addr, nullptr);
  EXPECT_EQ(addr->value, "OFFICE 1204 BUSINESS BAY DUBAI");
  EXPECT_NE(FindEdge(g, "co-2", "co-3", EdgeKind::kSharedPhone), nullptr);
  // "Moscow, Russia" is a city, not a premises: no shared-address edge.
  EXPECT_EQ(FindEdge(g, "co-3", "pe-1", EdgeKind::kSharedAddress), nullptr);
  const Edge* nm = FindEdge(g, "co-4", "sdn-1", EdgeKind::kNameMatch);
  ASSERT_NE(nm, nullptr);
  EXPECT_EQ(nm->evidence.size(), 2u);
}

TEST(PropertyGraph, TradeAndPaymentsAggregate) {
  World w = HandWorld();
  PropertyGraph g = PropertyGraph::Build(w);
  const Edge* imp = FindEdge(g, "co-1", "co-3", EdgeKind::kTrade, "importer");
  ASSERT_NE(imp, nullptr);
  EXPECT_EQ(imp->count, 2u);
  EXPECT_DOUBLE_EQ(imp->amount, 2000.0);
  EXPECT_EQ(imp->start, "2024-03-01");
  EXPECT_EQ(imp->end, "2024-05-01");
  ASSERT_EQ(imp->evidence.size(), 2u);
  EXPECT_EQ(imp->evidence[0].record_id, "D1");
  // The end user mention resolves to the registry record (never into the list entry).
  EXPECT_NE(FindEdge(g, "co-1", "co-4", EdgeKind::kTrade, "end_user"), nullptr);
  const Edge* ves = FindEdge(g, "co-1", "imo-9321483", EdgeKind::kTrade, "vessel");
  ASSERT_NE(ves, nullptr);
  EXPECT_EQ(ves->count, 2u);
  const Edge* pay = FindEdge(g, "co-3", "co-1", EdgeKind::kPayment);
  ASSERT_NE(pay, nullptr);
  EXPECT_DOUBLE_EQ(pay->amount, 100.0);
  EXPECT_EQ(pay->currency, "USD");

  WeightedGraph u = g.Undirected(PropertyGraph::DefaultKindWeights());
  EXPECT_EQ(u.n, g.nodes().size());
  EXPECT_GT(u.total_weight, 0);
}

TEST(PropertyGraph, ExportsFtmAndGraphml) {
  World w = HandWorld();
  PropertyGraph g = PropertyGraph::Build(w);
  std::ostringstream ftm;
  ASSERT_TRUE(g.WriteFtm(w, ftm).ok());
  std::istringstream in(ftm.str());
  size_t lines = 0, ownerships = 0;
  bool saw_pct = false, saw_unknown = false;
  for (std::string line; std::getline(in, line); ++lines) {
    auto j = nlohmann::json::parse(line);
    ASSERT_TRUE(j.contains("id") && j.contains("schema") && j.contains("properties")) << line;
    if (j["schema"] == "Ownership") {
      ++ownerships;
      if (j["properties"].contains("percentage"))
        saw_pct = j["properties"]["percentage"][0] == "60";
      else
        saw_unknown = true;
    }
  }
  EXPECT_EQ(lines, g.nodes().size() + g.edges().size());
  EXPECT_EQ(ownerships, 2u);
  EXPECT_TRUE(saw_pct);
  EXPECT_TRUE(saw_unknown);

  std::ostringstream gml;
  ASSERT_TRUE(g.WriteGraphml(gml, std::vector<uint32_t>(g.nodes().size(), 7)).ok());
  std::string s = gml.str();
  auto count = [&](const std::string& what) {
    size_t n = 0;
    for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<node "), g.nodes().size());
  EXPECT_EQ(count("<edge "), g.edges().size());
  EXPECT_EQ(count("<data key=\"n_community\">7</data>"), g.nodes().size());
  EXPECT_NE(s.find("<data key=\"e_percentage\">60</data>"), std::string::npos);
  EXPECT_NE(s.find("</graphml>"), std::string::npos);
}

TEST(SharedKeys, Normalisation) {
  EXPECT_EQ(AddressKey("Moscow, Russia"), "");
  EXPECT_EQ(AddressKey("12 Main St, Springfield"), "12 MAIN ST SPRINGFIELD");
  EXPECT_EQ(PhoneKey("+971 4 123 4567"), PhoneKey("04-123-4567"));
  EXPECT_EQ(PhoneKey("123"), "");
  EXPECT_EQ(EmailKey(" Info@Example.COM "), "info@example.com");
  EXPECT_EQ(EmailKey("n/a"), "");
}

}  // namespace
}  // namespace interdict::network
