#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/readers.h"
#include "reader_testutil.h"
#include "testutil.h"

namespace interdict {
namespace {

using testing::VecSink;

struct Outcome {
  Result<int64_t> rows = Status::Internal("not run");
  VecSink sink;
};

Outcome Read(const std::string& path, const std::string& display) {
  Outcome o;
  auto reader = NewFtmReader();
  InputUnit unit{"ftm-jsonl", {path}, display};
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  ctx.display_names = {display};
  o.rows = reader->Read(unit, ctx, &o.sink);
  return o;
}

Outcome ReadText(const std::string& content) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/e.ftm.jsonl", content);
  return Read(dir + "/e.ftm.jsonl", "e.ftm.jsonl");
}

void ExpectBalanced(const Outcome& o) {
  ASSERT_TRUE(o.rows.ok()) << o.rows.status().ToString();
  EXPECT_EQ(*o.rows, o.sink.stored_rows + static_cast<int64_t>(o.sink.quarantine.size()));
}

TEST(FtmReader, Name) { EXPECT_EQ(NewFtmReader()->name(), "ftm-jsonl"); }

TEST(FtmReader, CorruptFixture) {
  Outcome o = Read(testing::TestDataDir() + "/corrupt/entities_corrupt.ftm.jsonl",
                   "corrupt/entities_corrupt.ftm.jsonl");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 9);  // ten lines, one blank
  ASSERT_EQ(o.sink.records.size(), 3u);
  ASSERT_EQ(o.sink.quarantine.size(), 6u);
  struct Want {
    int64_t line;
    const char* record_id;
    const char* field;
    const char* reason_part;
  } want[] = {
      {2, "", "", "invalid JSON: [json.exception.parse_error"},
      {3, "", "id", "missing or empty 'id'"},
      {4, "x-1", "schema", "unknown schema 'Spaceship'"},
      {6, "co-3", "incorporationDate", "values must be strings, found number"},
      {7, "v-1", "imoNumber", "bad IMO check digit"},
      {9, "", "name", "invalid UTF-8"},
  };
  for (size_t i = 0; i < 6; ++i) {
    const QuarantineEntry& q = o.sink.quarantine[i];
    SCOPED_TRACE(q.ToString());
    EXPECT_EQ(q.file, "corrupt/entities_corrupt.ftm.jsonl");
    EXPECT_EQ(q.line, want[i].line);
    EXPECT_EQ(q.record_id, want[i].record_id);
    EXPECT_EQ(q.field, want[i].field);
    EXPECT_NE(q.reason.find(want[i].reason_part), std::string::npos);
    EXPECT_FALSE(q.raw.empty());
  }

  const Entity& co = o.sink.records[0];
  EXPECT_EQ(co.id(), "co-1");
  EXPECT_EQ(co.schema().name(), "Company");
  EXPECT_EQ(co.Values("name"), (std::vector<std::string>{"Acme Trading GmbH", "Acme"}));
  EXPECT_EQ(co.First("country"), "de");  // verbatim
  EXPECT_FALSE(co.Has("caption"));
  ASSERT_EQ(co.referents().size(), 1u);
  EXPECT_EQ(co.referents()[0].source, "corrupt/entities_corrupt.ftm.jsonl");
  EXPECT_EQ(co.referents()[0].record_id, "co-1");
  EXPECT_EQ(co.referents()[0].line, 1);
  EXPECT_EQ(co.referents()[0].ingest_time, 1700000000);

  const Entity& v = o.sink.records[1];
  EXPECT_EQ(v.id(), "v-2");
  EXPECT_TRUE(v.schema().IsA("Vessel"));
  EXPECT_EQ(v.First("imoNumber"), "IMO9074729");  // verbatim, validated
  EXPECT_EQ(v.First("mmsi"), "636012345");
  EXPECT_EQ(v.referents()[0].line, 8);

  const Entity& p = o.sink.records[2];
  EXPECT_EQ(p.id(), "p-2");
  EXPECT_EQ(p.First("name"), "Ivan Petrov");  // a bare string is tolerated
  EXPECT_EQ(p.First("alias"),
            "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD \xD0\x9F\xD0\xB5\xD1\x82\xD1\x80\xD0\xBE\xD0\xB2");
  EXPECT_EQ(p.referents()[0].line, 10);
}

TEST(FtmReader, OtherShapes) {
  Outcome o = ReadText(
      "\xEF\xBB\xBF{\"id\":\"a\",\"schema\":\"Address\",\"properties\":{\"full\":[\"1 Main "
      "St\"]}}\r\n"
      "[1,2,3]\r\n"
      "{\"id\":\"b\",\"schema\":\"Person\"}\r\n"
      "{\"id\":\"c\",\"schema\":\"Person\",\"properties\":[]}\r\n"
      "{\"id\":7,\"schema\":\"Person\"}\r\n"
      "{\"id\":\"d\",\"schema\":\"Person\",\"properties\":{\"name\":[[\"nested\"]]}}\r\n"
      "{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":{\"x\":\"y\"}}}\r\n"
      "{\"id\":\"f\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"b\"],\"asset\":[\"a\"],"
      "\"percentage\":[\"51\"]}} {}\r\n"
      "{\"id\":\"g\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"b\"],\"asset\":[\"a\"],"
      "\"percentage\":[\"51\"]}}\r\n"
      "\x1a");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 9);
  ASSERT_EQ(o.sink.records.size(), 3u);
  EXPECT_EQ(o.sink.records[0].id(), "a");
  EXPECT_EQ(o.sink.records[0].First("full"), "1 Main St");
  EXPECT_EQ(o.sink.records[1].id(), "b");
  EXPECT_TRUE(o.sink.records[1].statements().empty());
  EXPECT_EQ(o.sink.records[2].id(), "g");
  EXPECT_EQ(o.sink.records[2].referents()[0].line, 9);
  ASSERT_EQ(o.sink.quarantine.size(), 6u);
  EXPECT_EQ(o.sink.quarantine[0].line, 2);
  EXPECT_NE(o.sink.quarantine[0].reason.find("expected a JSON object"), std::string::npos);
  EXPECT_EQ(o.sink.quarantine[1].field, "properties");
  EXPECT_EQ(o.sink.quarantine[2].field, "id");
  EXPECT_EQ(o.sink.quarantine[3].field, "name");
  EXPECT_EQ(o.sink.quarantine[3].record_id, "d");
  EXPECT_EQ(o.sink.quarantine[4].field, "name");
  EXPECT_EQ(o.sink.quarantine[5].line, 8);  // two values on one line
  EXPECT_NE(o.sink.quarantine[5].reason.find("invalid JSON"), std::string::npos);
}

TEST(FtmReader, EmptyFileAndMissingFile) {
  Outcome o = ReadText("\n\n");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 0);
  Outcome missing = Read("/nonexistent/x.ftm.jsonl", "x.ftm.jsonl");
  EXPECT_FALSE(missing.rows.ok());
}

TEST(FtmReader, LongRawIsTruncated) {
  std::string big(10000, 'x');
  Outcome o = ReadText("{\"id\":\"q\",\"schema\":\"Person\",\"properties\":{\"name\":[\"" + big +
                       "\"]},\"broken\n");
  ExpectBalanced(o);
  ASSERT_EQ(o.sink.quarantine.size(), 1u);
  EXPECT_EQ(o.sink.quarantine[0].raw.size(), 4096u);
}

}  // namespace
}  // namespace interdict
