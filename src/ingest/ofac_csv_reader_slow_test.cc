// The OFAC reader against the real lists in ../shared/data/sanctions/ofac (never copied into
// the repository). The expected counts were established independently of this reader (a
// plain RFC 4180 parse of the same files) and are documented next to each assertion.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "core/strings.h"
#include "core/validate.h"
#include "ingest/readers.h"
#include "testutil.h"

namespace interdict {
namespace {

class CountingSink : public RecordSink {
 public:
  Status Record(Entity record, int64_t rows) override {
    stored_rows += rows;
    ++per_schema[record.schema().name()];
    if (record.schema().name() == "Vessel" && !record.First("imoNumber").empty()) {
      ++vessels_with_imo;
      for (const auto& imo : record.Values("imoNumber"))
        if (!ValidateImo(imo).empty()) ++invalid_imo;
    }
    records.push_back(std::move(record));
    return Status::Ok();
  }
  Status Quarantine(QuarantineEntry q) override {
    quarantine.push_back(std::move(q));
    return Status::Ok();
  }
  std::vector<Entity> records;
  std::vector<QuarantineEntry> quarantine;
  std::map<std::string, int64_t> per_schema;
  int64_t stored_rows = 0;
  int64_t vessels_with_imo = 0;
  int64_t invalid_imo = 0;
};

struct Outcome {
  Result<int64_t> rows = Status::Internal("not run");
  CountingSink sink;
  double seconds = 0;
  std::map<std::string, int64_t> quarantined_per_file;
};

std::string OfacDir() {
  std::string shared = testing::SharedDataDir();
  return shared.empty() ? "" : shared + "/sanctions/ofac";
}

Outcome ReadReal(const std::string& sdn_dir, const std::string& companion_dir) {
  Outcome o;
  std::string base = OfacDir();
  InputUnit unit;
  unit.format = "ofac-csv";
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  unit.paths.push_back(base + "/" + sdn_dir + "/sdn.csv");
  ctx.display_names.push_back(sdn_dir + "/sdn.csv");
  for (const char* f : {"alt.csv", "add.csv", "sdn_comments.csv"}) {
    unit.paths.push_back(base + "/" + companion_dir + "/" + f);
    ctx.display_names.push_back(companion_dir + "/" + f);
  }
  unit.display = ctx.display_names[0];
  auto start = std::chrono::steady_clock::now();
  o.rows = NewOfacCsvReader()->Read(unit, ctx, &o.sink);
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& q : o.sink.quarantine) ++o.quarantined_per_file[q.file];
  return o;
}

#define SKIP_WITHOUT_SHARED_DATA()                                                         \
  do {                                                                                     \
    if (OfacDir().empty()) GTEST_SKIP() << "needs ../shared/data/sanctions/ofac (absent)"; \
  } while (0)

TEST(OfacCsvReaderReal, Sdn20240503WithSls202501Companions) {
  SKIP_WITHOUT_SHARED_DATA();
  Outcome o = ReadReal("sdn_2024-05-03", "sls_2025-01");
  ASSERT_TRUE(o.rows.ok()) << o.rows.status().ToString();
  std::cout << "[ perf ] sdn_2024-05-03 + sls_2025-01: " << *o.rows << " rows in " << o.seconds
            << " s\n";
  const CountingSink& s = o.sink;
  // Rows: sdn.csv 14,965 + alt.csv 19,486 + add.csv 22,641 + sdn_comments.csv 21.
  EXPECT_EQ(*o.rows, 14965 + 19486 + 22641 + 21);
  EXPECT_EQ(*o.rows, s.stored_rows + static_cast<int64_t>(s.quarantine.size()));
  // Every primary entry is stored; none is quarantined.
  EXPECT_EQ(s.records.size(), 14965u);
  EXPECT_EQ(o.quarantined_per_file["sdn_2024-05-03/sdn.csv"], 0);
  EXPECT_EQ(s.per_schema.at("Person"), 6854);
  EXPECT_EQ(s.per_schema.at("Vessel"), 851);
  EXPECT_EQ(s.per_schema.at("Airplane"), 376);
  EXPECT_EQ(s.per_schema.at("LegalEntity"), 6884);
  // 844 vessels carry "IMO nnnnnnn" in their remarks (842 + 2 written "IMO  nnnnnnn");
  // all have a valid check digit.
  EXPECT_EQ(s.vessels_with_imo, 844);
  EXPECT_EQ(s.invalid_imo, 0);
  // The January 2025 companions also describe entries listed after 3 May 2024: their rows
  // cannot be joined and are quarantined (counted, never dropped).
  EXPECT_EQ(o.quarantined_per_file["sls_2025-01/alt.csv"], 1468);
  EXPECT_EQ(o.quarantined_per_file["sls_2025-01/add.csv"], 2474);
  EXPECT_EQ(o.quarantined_per_file["sls_2025-01/sdn_comments.csv"], 2);
  EXPECT_EQ(s.quarantine.size(), 1468u + 2474u + 2u);
  for (const auto& q : s.quarantine) {
    ASSERT_EQ(q.field, "ent_num") << q.ToString();
    ASSERT_TRUE(StartsWith(q.reason, "no primary entry ")) << q.ToString();
    ASSERT_TRUE(EndsWith(q.reason, " in sdn.csv")) << q.ToString();
  }
  // Spot checks.
  const Entity* bnc = nullptr;
  for (const auto& e : s.records)
    if (e.id() == "ofac-306") bnc = &e;
  ASSERT_NE(bnc, nullptr);
  EXPECT_EQ(bnc->First("name"), "BANCO NACIONAL DE CUBA");
  EXPECT_EQ(bnc->Values("weakAlias"), std::vector<std::string>{"BNC"});
  EXPECT_EQ(bnc->Values("program"), std::vector<std::string>{"CUBA"});
  EXPECT_FALSE(bnc->Values("alias").empty());    // from alt.csv
  EXPECT_FALSE(bnc->Values("address").empty());  // from add.csv
}

TEST(OfacCsvReaderReal, Static202107) {
  SKIP_WITHOUT_SHARED_DATA();
  Outcome o = ReadReal("static_2021-07", "static_2021-07");
  ASSERT_TRUE(o.rows.ok()) << o.rows.status().ToString();
  std::cout << "[ perf ] static_2021-07: " << *o.rows << " rows in " << o.seconds << " s\n";
  const CountingSink& s = o.sink;
  // Rows: sdn.csv 8,976 + alt.csv 11,910 + add.csv 13,837 + sdn_comments.csv 5.
  EXPECT_EQ(*o.rows, 8976 + 11910 + 13837 + 5);
  EXPECT_EQ(*o.rows, s.stored_rows + static_cast<int64_t>(s.quarantine.size()));
  // The four files are consistent (every companion row joins) except for one entry:
  // ent_num 23424, the vessel BONU 5, whose remarks say "Vessel Registration Identification
  // IMO 15411": five digits, not an IMO number (OFAC's 2024 file corrects it to a Maltese
  // registration number, "Vessel Registration Identification 15411 (Malta)"). A vessel with
  // an invalid IMO number is quarantined, together with the one add.csv row it absorbed.
  ASSERT_EQ(s.quarantine.size(), 2u);
  const QuarantineEntry& bonu = s.quarantine[0];
  EXPECT_EQ(bonu.file, "static_2021-07/sdn.csv");
  EXPECT_EQ(bonu.record_id, "23424");
  EXPECT_EQ(bonu.field, "Remarks");
  EXPECT_TRUE(StartsWith(bonu.reason, "IMO number must be 7 digits")) << bonu.ToString();
  EXPECT_EQ(s.quarantine[1].file, "static_2021-07/add.csv");
  EXPECT_EQ(s.quarantine[1].record_id, "23424");
  EXPECT_TRUE(StartsWith(s.quarantine[1].reason, "primary entry 23424 (sdn.csv line "))
      << s.quarantine[1].ToString();
  // 8,976 entries, 406 of them vessels, 400 of those with an "IMO" remark: 399 valid and
  // stored, 1 (BONU 5) quarantined.
  EXPECT_EQ(s.records.size(), 8976u - 1u);
  EXPECT_EQ(s.per_schema.at("Vessel"), 406 - 1);
  EXPECT_EQ(s.vessels_with_imo, 399);
  EXPECT_EQ(s.invalid_imo, 0);
  EXPECT_EQ(s.per_schema.at("Person"), 4620);
  EXPECT_EQ(s.per_schema.at("Airplane"), 277);
  EXPECT_EQ(s.per_schema.at("LegalEntity"), 3673);
}

}  // namespace
}  // namespace interdict
