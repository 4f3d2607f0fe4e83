#include "resolve/resolve.h"

#include <gtest/gtest.h>

namespace interdict {
namespace {

Entity Rec(const std::string& id, const char* schema, const std::string& src,
           std::vector<std::pair<std::string, std::string>> props) {
  Entity e(id, Schema::Get(schema));
  e.AddReferent({src, id, 3, 0, "h-" + id});
  for (auto& [k, v] : props) e.Add(k, v);
  return e;
}

TEST(Resolve, PartiesJoinRegistryEntitiesAndKeepReferents) {
  std::vector<Entity> recs = {
      Rec("reg-1", "Company", "registry.ftm.jsonl", {{"name", "Falcon Star FZE"}, {"country", "AE"}}),
      Rec("ofac-1", "LegalEntity", "sdn.csv",
          {{"name", "Falcon Star FZE"}, {"country", "AE"}, {"topics", "sanction"}}),
      Rec("D-1", "Declaration", "declarations.csv",
          {{"declaration_id", "D-1"}, {"importer", "FALCON STAR, FZE"}, {"importer_country", "AE"},
           {"exporter", "Nordlicht GmbH"}, {"exporter_country", "DE"}, {"invoice_number", "INV-9"},
           {"vessel_imo", "9312456"}, {"vessel_name", "SEA PHOENIX"}}),
      Rec("D-2", "Declaration", "declarations.csv",
          {{"declaration_id", "D-2"}, {"exporter", "Nordlicht GmbH"}, {"exporter_country", "DE"}}),
      Rec("v-1", "Vessel", "registry.ftm.jsonl", {{"name", "SEA PHOENIX"}, {"imoNumber", "9312456"}}),
      Rec("P-1", "Payment", "payments.csv",
          {{"payment_id", "P-1"}, {"payer", "Falcon Star FZE"}, {"payer_country", "AE"},
           {"reference", "Invoice INV-9."}}),
  };
  auto w = BuildWorld(std::move(recs));
  ASSERT_TRUE(w.ok());
  // The importer mention joined the registry company, never the list entry.
  const Entity* reg = w->FindEntity("reg-1");
  ASSERT_TRUE(reg);
  std::vector<std::string> refs;
  for (const auto& r : reg->referents()) refs.push_back(r.record_id);
  EXPECT_EQ(refs, (std::vector<std::string>{"reg-1", "D-1", "P-1"}));
  const Entity* listed = w->FindEntity("ofac-1");
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->referents().size(), 1u);
  // Both declarations name the same exporter entity.
  std::string exp1, exp2;
  for (const auto& p : w->parties) {
    if (p.record_id == "D-1" && p.role == "exporter") exp1 = p.entity_id;
    if (p.record_id == "D-2" && p.role == "exporter") exp2 = p.entity_id;
  }
  EXPECT_FALSE(exp1.empty());
  EXPECT_EQ(exp1, exp2);
  // One vessel, merged on IMO, with both sources as referents.
  ASSERT_EQ(w->vessels.size(), 1u);
  EXPECT_EQ(w->vessels[0].id(), "imo-9312456");
  EXPECT_EQ(w->vessels[0].referents().size(), 2u);
  // The payment's reference ties it to D-1.
  ASSERT_TRUE(w->declaration_payments.count("D-1"));
  EXPECT_EQ(w->declaration_payments.at("D-1"), std::vector<std::string>{"P-1"});
}

}  // namespace
}  // namespace interdict
