#include <gtest/gtest.h>

#include "interdict/store.h"
#include "testutil.h"

namespace interdict {
namespace {

Entity MakeRecord(const std::string& id, const std::string& file, int64_t line) {
  Entity e(id, Schema::Get("Company"));
  Provenance p{file, id, line, 1700000000, "hash-" + id};
  e.AddReferent(p);
  e.Add("name", "Acme " + id);
  e.Add("country", "DE");
  return e;
}

IngestLogEntry Log(const std::string& path, const std::string& sha, int64_t n, int64_t q) {
  IngestLogEntry l;
  l.path = path;
  l.sha256 = sha;
  l.format = "test";
  l.started = 1;
  l.finished = 2;
  l.records_in = n + q;
  l.stored = n;
  l.quarantined = q;
  l.entities = n;
  return l;
}

TEST(SqliteStore, CommitStoresRecordsQuarantineAndLog) {
  std::string db = testing::MakeTempDir() + "/t.db";
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  {
    auto txn = (*store)->BeginIngest("a.csv");
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    ASSERT_TRUE((*txn)->AddRecord(MakeRecord("r1", "a.csv", 2)).ok());
    ASSERT_TRUE((*txn)->AddRecord(MakeRecord("r2", "a.csv", 3)).ok());
    ASSERT_TRUE((*txn)->AddQuarantine({"a.csv", 4, "r3", "date", "bad date", "raw"}).ok());
    ASSERT_TRUE((*txn)->Commit(Log("a.csv", "h1", 2, 1)).ok());
  }
  EXPECT_EQ(*(*store)->CountRecords(), 2);
  auto q = (*store)->Quarantine();
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].ToString(), "a.csv:4: record 'r3': field 'date': bad date");
  EXPECT_TRUE((*store)->Verify().ok());
  auto found = (*store)->FindIngest("a.csv", "h1");
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->has_value());
  EXPECT_FALSE((*(*store)->FindIngest("a.csv", "other")).has_value());

  std::vector<Entity> back;
  ASSERT_TRUE((*store)->ForEachRecord([&](Entity&& e) { back.push_back(std::move(e)); }).ok());
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].id(), "r1");
  EXPECT_EQ(back[0].schema().name(), "Company");
  EXPECT_EQ(back[0].First("name"), "Acme r1");
  EXPECT_EQ(back[0].referents()[0].line, 2);
  EXPECT_EQ(back[0].referents()[0].content_hash, "hash-r1");
}

TEST(SqliteStore, DroppedTransactionRollsBack) {
  std::string db = testing::MakeTempDir() + "/t.db";
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store.ok());
  {
    auto txn = (*store)->BeginIngest("a.csv");
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE((*txn)->AddRecord(MakeRecord("r1", "a.csv", 2)).ok());
    // no Commit
  }
  EXPECT_EQ(*(*store)->CountRecords(), 0);
  EXPECT_TRUE((*store)->IngestLog()->empty());
  EXPECT_TRUE((*store)->Verify().ok());
}

TEST(SqliteStore, ReingestReplacesEarlierVersionAndReopenKeepsData) {
  std::string db = testing::MakeTempDir() + "/t.db";
  {
    auto store = OpenSqliteStore(db);
    ASSERT_TRUE(store.ok());
    for (int round = 0; round < 2; ++round) {
      auto txn = (*store)->BeginIngest("a.csv");
      ASSERT_TRUE(txn.ok());
      for (int i = 0; i <= round; ++i)
        ASSERT_TRUE((*txn)->AddRecord(MakeRecord("r" + std::to_string(i), "a.csv", i + 2)).ok());
      ASSERT_TRUE((*txn)->Commit(Log("a.csv", "h" + std::to_string(round), round + 1, 0)).ok());
    }
    EXPECT_EQ(*(*store)->CountRecords(), 2);
    EXPECT_EQ((*store)->IngestLog()->size(), 1u);
  }
  auto again = OpenSqliteStore(db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->CountRecords(), 2);
  EXPECT_TRUE((*again)->Verify().ok());
}

TEST(SqliteStore, VerifyCatchesCountMismatch) {
  std::string db = testing::MakeTempDir() + "/t.db";
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store.ok());
  auto txn = (*store)->BeginIngest("a.csv");
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE((*txn)->AddRecord(MakeRecord("r1", "a.csv", 2)).ok());
  ASSERT_TRUE((*txn)->Commit(Log("a.csv", "h", 5, 0)).ok());  // claims 5 records
  Status st = (*store)->Verify();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("a.csv"), std::string::npos);
}

TEST(SqliteStore, NotADatabaseIsAClearError) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/junk.db", std::string(4096, 'x'));
  auto store = OpenSqliteStore(dir + "/junk.db");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("junk.db"), std::string::npos);
}

}  // namespace
}  // namespace interdict
