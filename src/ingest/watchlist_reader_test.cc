#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/hash.h"
#include "core/strings.h"
#include "ingest/readers.h"
#include "reader_testutil.h"
#include "testutil.h"

namespace interdict {
namespace {

using Strings = std::vector<std::string>;

using testing::VecSink;

struct Outcome {
  Result<int64_t> rows = Status::Internal("not run");
  VecSink sink;
};

Outcome Read(const std::string& path, const std::string& display) {
  Outcome o;
  InputUnit unit{"watchlist-csv", {path}, display};
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  ctx.display_names = {display};
  o.rows = NewWatchlistReader()->Read(unit, ctx, &o.sink);
  return o;
}

Outcome ReadText(const std::string& content) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/watchlist.csv", content);
  return Read(dir + "/watchlist.csv", "watchlist.csv");
}

void ExpectBalanced(const Outcome& o) {
  ASSERT_TRUE(o.rows.ok()) << o.rows.status().ToString();
  EXPECT_EQ(*o.rows, o.sink.stored_rows + static_cast<int64_t>(o.sink.quarantine.size()));
}

const char kHeader[] =
    "id,name,aliases,schema,country,birth_date,imo,mmsi,program,authority,listed_on\n";

TEST(WatchlistReader, Name) { EXPECT_EQ(NewWatchlistReader()->name(), "watchlist-csv"); }

TEST(WatchlistReader, Fixture) {
  Outcome o = Read(testing::TestDataDir() + "/lists/watchlist.csv", "lists/watchlist.csv");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 5);
  ASSERT_EQ(o.sink.records.size(), 5u);
  EXPECT_TRUE(o.sink.quarantine.empty());

  const Entity* c = o.sink.Find("wl-001");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->schema().name(), "Company");
  EXPECT_EQ(c->First("name"), "Gulfstream Petro Logistics FZE");
  EXPECT_EQ(c->Values("alias"), (Strings{"Gulf Stream Petro", "GSP Logistics"}));
  EXPECT_EQ(c->Values("country"), (Strings{"AE"}));
  EXPECT_EQ(c->Values("program"), (Strings{"IRAN-EO13846"}));
  EXPECT_EQ(c->First("authority"), "National list");
  EXPECT_EQ(c->First("startDate"), "2023-11-02");
  EXPECT_EQ(c->Values("topics"), (Strings{"sanction"}));
  ASSERT_EQ(c->referents().size(), 1u);
  const Provenance& p = c->referents()[0];
  EXPECT_EQ(p.source, "lists/watchlist.csv");
  EXPECT_EQ(p.record_id, "wl-001");
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.ingest_time, 1700000000);
  std::string file = testing::ReadFile(testing::TestDataDir() + "/lists/watchlist.csv");
  size_t l2 = file.find('\n') + 1;
  EXPECT_EQ(p.content_hash, Sha256Hex(file.substr(l2, file.find('\n', l2) - l2)));

  const Entity* person = o.sink.Find("wl-002");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->schema().name(), "Person");
  EXPECT_EQ(person->First("name"), "PETROV, Ivan Sergeyevich");
  EXPECT_EQ(person->Values("alias"), (Strings{"Ivan Petrov", "I. S. Petrov"}));
  EXPECT_EQ(person->First("birthDate"), "1971-03-14");

  const Entity* v = o.sink.Find("wl-003");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->schema().name(), "Vessel");
  EXPECT_EQ(v->First("imoNumber"), "9305609");  // "IMO " prefix dropped
  EXPECT_EQ(v->First("mmsi"), "616999123");
  EXPECT_FALSE(v->Has("alias"));

  const Entity* d = o.sink.Find("wl-004");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->schema().name(), "LegalEntity");  // schema left empty
  EXPECT_EQ(d->Values("program"), (Strings{"RUSSIA-EO14024", "CYBER2"}));

  const Entity* h = o.sink.Find("wl-005");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->Values("country"), (Strings{"SY", "LB"}));
  EXPECT_EQ(h->First("birthDate"), "1965");  // partial dates are allowed
  EXPECT_FALSE(h->Has("startDate"));
}

TEST(WatchlistReader, ColumnsInAnyOrderAndExtras) {
  Outcome o = ReadText(
      "Name,ID,Country,Source_Note\r\n"
      "Acme Ltd,x-1,gb,from a bank's internal list\r\n");
  ExpectBalanced(o);
  ASSERT_EQ(o.sink.records.size(), 1u);
  const Entity& e = o.sink.records[0];
  EXPECT_EQ(e.id(), "x-1");
  EXPECT_EQ(e.schema().name(), "LegalEntity");
  EXPECT_EQ(e.First("country"), "GB");
  EXPECT_EQ(e.First("Source_Note"), "from a bank's internal list");
}

TEST(WatchlistReader, HeaderErrors) {
  Outcome empty = ReadText("");
  ASSERT_FALSE(empty.rows.ok());
  EXPECT_NE(empty.rows.status().message().find("watchlist.csv: empty file"), std::string::npos);

  Outcome no_name = ReadText("id,aliases\nx,y\n");
  ASSERT_FALSE(no_name.rows.ok());
  EXPECT_NE(no_name.rows.status().message().find("watchlist.csv:1: header: missing required "
                                                 "column 'name'"),
            std::string::npos)
      << no_name.rows.status().ToString();

  Outcome twice = ReadText("id,name,name\nx,y,z\n");
  ASSERT_FALSE(twice.rows.ok());
  EXPECT_NE(twice.rows.status().message().find("'name' appears twice"), std::string::npos);
}

struct BadRow {
  const char* what;
  std::string row;
  const char* field;
  const char* reason_prefix;
};

TEST(WatchlistReader, CorruptRows) {
  const BadRow cases[] = {
      {"bad IMO check digit", "wl-9,SHIP,,Vessel,PA,,9305608,,,,", "imo", "bad IMO check digit"},
      {"IMO not 7 digits", "wl-9,SHIP,,Vessel,PA,,93056,,,,", "imo", "IMO number must be 7 digits"},
      {"bad MMSI", "wl-9,SHIP,,Vessel,PA,,,12345,,,", "mmsi", "MMSI must be 9 digits"},
      {"bad country", "wl-9,CO,,,Panama,,,,,,", "country",
       "not an ISO 3166-1 alpha-2 country code: 'Panama'"},
      {"bad birth date", "wl-9,P,,Person,,1971-02-30,,,,,", "birth_date", "not a valid date"},
      {"bad listed_on", "wl-9,P,,Person,,,,,,,2024-13-01", "listed_on", "not a valid date"},
      {"partial listed_on", "wl-9,P,,Person,,,,,,,2024", "listed_on", "not a valid date"},
      {"unknown schema", "wl-9,P,,Spaceship,,,,,,,", "schema", "unknown schema 'Spaceship'"},
      {"edge schema", "wl-9,P,,Ownership,,,,,,,", "schema", "schema 'Ownership' is a link"},
      {"empty id", ",P,,Person,,,,,,,", "id", "required value is empty"},
      {"empty name", "wl-9,,,Person,,,,,,,", "name", "required value is empty"},
      {"wrong column count", "wl-9,P,,Person,,,,,,", "",
       "expected 11 fields (as in the header), found 10"},
      {"truncated line", "wl-9,P,,Per", "", "expected 11 fields (as in the header), found 4"},
      {"invalid UTF-8", "wl-9,Bad \xC3\x28 Name,,Person,,,,,,,", "name", "invalid UTF-8"},
      {"unterminated quote", "wl-9,\"Open name,,Person,,,,,,,", "name",
       "unterminated quoted field 2"},
      {"duplicate id", "wl-1,Again,,Person,,,,,,,", "id", "duplicate id 'wl-1' (first on line 2)"},
  };
  for (const BadRow& c : cases) {
    SCOPED_TRACE(c.what);
    Outcome o = ReadText(std::string(kHeader) + "wl-1,Good Co,,Company,DE,,,,,,\n" + c.row + "\n" +
                         "wl-2,Other Co,,Company,FR,,,,,,\n");
    ExpectBalanced(o);
    ASSERT_EQ(o.sink.quarantine.size(), 1u);
    const QuarantineEntry& q = o.sink.quarantine[0];
    SCOPED_TRACE(q.ToString());
    EXPECT_EQ(q.file, "watchlist.csv");
    EXPECT_EQ(q.line, 3);
    EXPECT_EQ(q.field, c.field);
    EXPECT_TRUE(StartsWith(q.reason, c.reason_prefix)) << q.reason;
    EXPECT_FALSE(q.raw.empty());
    // The unterminated quote swallows the last row; every other case keeps both good rows.
    EXPECT_EQ(o.sink.records.size(), std::string(c.what) == "unterminated quote" ? 1u : 2u);
  }
}

}  // namespace
}  // namespace interdict
