#include <gtest/gtest.h>

#include <algorithm>

#include "interdict/screen.h"
#include "screen/readers.h"
#include "reader_testutil.h"
#include "testutil.h"

namespace interdict::screen {
namespace {

using testing::VecSink;

Result<int64_t> ReadFile(const std::string& path, VecSink* sink) {
  auto reader = NewUnXmlReader();
  InputUnit unit{"un-xml", {path}, "un_small.xml"};
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  ctx.display_names = {"un_small.xml"};
  return reader->Read(unit, ctx, sink);
}

bool Has(const Entity& e, const char* prop, const std::string& v) {
  auto vals = e.Values(prop);
  return std::find(vals.begin(), vals.end(), v) != vals.end();
}

TEST(UnXmlReader, ReadsFixture) {
  VecSink sink;
  auto rows = ReadFile(testing::TestDataDir() + "/lists/un_small.xml", &sink);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, 5);
  ASSERT_EQ(sink.records.size(), 3u);
  ASSERT_EQ(sink.quarantine.size(), 2u);
  EXPECT_EQ(*rows, sink.stored_rows + static_cast<int64_t>(sink.quarantine.size()));
  EXPECT_EQ(sink.quarantine[0].field, "DATAID");
  EXPECT_EQ(sink.quarantine[1].record_id, "un-900004");
  EXPECT_EQ(sink.quarantine[1].field, "DATE");

  const Entity& k = sink.records[0];
  EXPECT_EQ(k.id(), "un-900001");
  EXPECT_EQ(k.schema().name(), "Person");
  EXPECT_EQ(k.First("name"), "KARIM ABDUL RAHMAN");
  EXPECT_TRUE(Has(k, "alias", "كريم عبد الرحمن"));
  EXPECT_TRUE(Has(k, "alias", "Kareem Abdelrahman"));
  EXPECT_TRUE(Has(k, "weakAlias", "Abu Zaid"));
  EXPECT_TRUE(Has(k, "birthDate", "1961-07-14"));
  EXPECT_TRUE(Has(k, "birthDate", "1962"));  // APPROXIMATELY 1963 -> 1962..1964
  EXPECT_TRUE(Has(k, "birthDate", "1964"));
  EXPECT_TRUE(Has(k, "nationality", "ir"));
  EXPECT_TRUE(Has(k, "passportNumber", "K1234567"));
  EXPECT_TRUE(Has(k, "idNumber", "0012345678"));
  EXPECT_TRUE(Has(k, "topics", "sanction"));
  EXPECT_EQ(k.First("program"), "Al-Qaida");
  EXPECT_EQ(k.First("gender"), "male");
  ASSERT_EQ(k.referents().size(), 1u);
  EXPECT_EQ(k.referents()[0].record_id, "900001");
  EXPECT_EQ(k.referents()[0].line, 5);
  EXPECT_EQ(k.referents()[0].content_hash.size(), 64u);

  const Entity& p = sink.records[1];
  EXPECT_TRUE(Has(p, "birthDate", "1970"));
  EXPECT_TRUE(Has(p, "birthDate", "1972"));
  EXPECT_TRUE(Has(p, "nationality", "kp"));

  const Entity& o = sink.records[2];
  EXPECT_EQ(o.schema().name(), "Organization");
  EXPECT_TRUE(Has(o, "alias", "OCEAN STAR SHIPPING CO LTD"));
  EXPECT_TRUE(Has(o, "country", "kp"));
}

TEST(UnXmlReader, ScreensFixture) {
  VecSink sink;
  ASSERT_TRUE(ReadFile(testing::TestDataDir() + "/lists/un_small.xml", &sink).ok());
  auto s = Screener::Build(std::move(sink.records));
  ASSERT_TRUE(s.ok());
  Query q;
  q.name = "Kerim Abdulrahman";
  q.birth_date = "1961-07-14";
  auto m = (*s)->Screen(q, ScreenOptions{});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity_id, "un-900001");
  EXPECT_EQ(m[0].list, "un");
  q = Query{};
  q.name = "Ocean Star Shipping Co., Ltd.";
  m = (*s)->Screen(q, ScreenOptions{});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity_id, "un-900101");
  q = Query{};
  q.name = "x";
  q.identifiers = {{"passportNumber", "K 1234567"}};
  m = (*s)->Screen(q, ScreenOptions{});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity_id, "un-900001");
}

TEST(UnXmlReader, MalformedGivesClearErrors) {
  std::string dir = testing::MakeTempDir();
  VecSink sink;
  testing::WriteFile(dir + "/bad.xml", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n");
  auto r = ReadFile(dir + "/bad.xml", &sink);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not well-formed XML"), std::string::npos);
  testing::WriteFile(dir + "/other.xml", "<sdnList></sdnList>");
  r = ReadFile(dir + "/other.xml", &sink);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("CONSOLIDATED_LIST"), std::string::npos);
  r = ReadFile(dir + "/missing.xml", &sink);
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace interdict::screen
