#include "interdict/model.h"

#include <gtest/gtest.h>

namespace interdict {
namespace {

TEST(Schema, HierarchyFollowsFollowTheMoney) {
  const Schema* company = Schema::Get("Company");
  ASSERT_TRUE(company);
  EXPECT_TRUE(company->IsA("Organization"));
  EXPECT_TRUE(company->IsA("LegalEntity"));
  EXPECT_TRUE(company->IsA("Thing"));
  EXPECT_FALSE(company->IsA("Person"));
  EXPECT_TRUE(Schema::Get("Vessel")->IsA("Asset"));
  EXPECT_TRUE(Schema::Get("Ownership")->is_edge());
  EXPECT_FALSE(Schema::Get("Person")->is_edge());
  EXPECT_EQ(Schema::Get("NoSuchSchema"), nullptr);
  for (const char* s : {"Declaration", "License", "AisEvent", "Payment", "Sanction", "Address",
                        "Directorship"})
    EXPECT_TRUE(Schema::Get(s)) << s;
}

TEST(Entity, MultiValuedPropertiesWithProvenance) {
  Entity e("x", Schema::Get("Company"));
  uint32_t r0 = e.AddReferent({"a.csv", "1", 2, 10, "h1"});
  uint32_t r1 = e.AddReferent({"b.json", "k", 0, 11, "h2"});
  EXPECT_EQ(e.AddReferent({"a.csv", "1", 2, 10, "h1"}), r0);  // deduplicated
  e.Add("name", "Acme", r0);
  e.Add("name", "ACME Ltd", r1);
  e.Add("name", "Acme", r1);  // same value kept once, with its first source
  e.Add("country", "", r0);   // empty ignored
  EXPECT_EQ(e.Values("name"), (std::vector<std::string>{"Acme", "ACME Ltd"}));
  EXPECT_EQ(e.First("name"), "Acme");
  EXPECT_FALSE(e.Has("country"));
  EXPECT_EQ(e.statements()[1].ref, r1);
  EXPECT_EQ(e.Caption(), "Acme");
}

TEST(Entity, MergeRemapsReferents) {
  Entity a("a", Schema::Get("Vessel"));
  a.Add("name", "SEA", a.AddReferent({"x", "1", 1, 0, "h"}));
  Entity b("b", Schema::Get("Vessel"));
  b.AddReferent({"y", "2", 1, 0, "h"});
  b.Add("imoNumber", "9312456", b.AddReferent({"z", "3", 1, 0, "h"}));
  a.MergeFrom(b);
  ASSERT_EQ(a.referents().size(), 3u);
  const Statement& s = a.statements().back();
  EXPECT_EQ(PropName(s.prop), "imoNumber");
  EXPECT_EQ(a.referents()[s.ref].source, "z");
}

}  // namespace
}  // namespace interdict
