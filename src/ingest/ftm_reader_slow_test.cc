// Reads the real OpenSanctions FtM samples in ../shared/data (not shipped with the repo).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ingest/readers.h"
#include "testutil.h"

namespace interdict {
namespace {

class CountingSink : public RecordSink {
 public:
  Status Record(Entity record, int64_t rows) override {
    stored_rows += rows;
    ++by_schema[record.schema().name()];
    records.push_back(std::move(record));
    return Status::Ok();
  }
  Status Quarantine(QuarantineEntry q) override {
    quarantine.push_back(std::move(q));
    return Status::Ok();
  }
  std::vector<Entity> records;
  std::vector<QuarantineEntry> quarantine;
  std::map<std::string, int> by_schema;
  int64_t stored_rows = 0;
};

void CheckZala(const std::string& rel) {
  std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "needs ../shared/data (absent)";
  std::string path = shared + "/" + rel;
  auto reader = NewFtmReader();
  InputUnit unit{"ftm-jsonl", {path}, rel};
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  ctx.display_names = {rel};
  CountingSink sink;
  auto rows = reader->Read(unit, ctx, &sink);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  for (const auto& q : sink.quarantine) ADD_FAILURE() << q.ToString();
  EXPECT_EQ(*rows, 91);
  EXPECT_EQ(*rows, sink.stored_rows + static_cast<int64_t>(sink.quarantine.size()));
  std::map<std::string, int> want = {{"Sanction", 41},    {"Ownership", 14}, {"Company", 11},
                                     {"Address", 11},     {"Person", 6},     {"Family", 4},
                                     {"Directorship", 3}, {"Passport", 1}};
  EXPECT_EQ(sink.by_schema, want);
  // Spot checks: every record has its line and id; ownership edges keep owner/asset.
  int64_t line = 0;
  for (const auto& e : sink.records) {
    ASSERT_EQ(e.referents().size(), 1u);
    EXPECT_EQ(e.referents()[0].record_id, e.id());
    EXPECT_GT(e.referents()[0].line, line);
    line = e.referents()[0].line;
    if (e.schema().name() == "Ownership") {
      EXPECT_TRUE(e.Has("owner")) << e.id();
      EXPECT_TRUE(e.Has("asset")) << e.id();
    }
  }
  EXPECT_EQ(line, 91);
}

TEST(FtmReaderSlow, ZalaEntities) { CheckZala("sanctions/ftm/zala_entities.ftm.json"); }

TEST(FtmReaderSlow, ZalaSanctionsCluster) {
  CheckZala("networks/ftm/zala_sanctions_cluster.ftm.jsonl");
}

TEST(FtmReaderSlow, EuFsfSample) {
  std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "needs ../shared/data (absent)";
  std::string rel = "sanctions/ftm/t1_eu_fsf_entities.ftm.json";
  auto reader = NewFtmReader();
  InputUnit unit{"ftm-jsonl", {shared + "/" + rel}, rel};
  ReadContext ctx;
  ctx.display_names = {rel};
  CountingSink sink;
  auto rows = reader->Read(unit, ctx, &sink);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, 7);
  EXPECT_TRUE(sink.quarantine.empty());
  std::map<std::string, int> want = {{"Person", 4}, {"Organization", 2}, {"Address", 1}};
  EXPECT_EQ(sink.by_schema, want);
}

}  // namespace
}  // namespace interdict
