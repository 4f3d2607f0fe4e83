#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/hash.h"
#include "core/strings.h"
#include "ingest/readers.h"
#include "testutil.h"

namespace interdict {
namespace {

using Strings = std::vector<std::string>;

class VecSink : public RecordSink {
 public:
  Status Record(Entity record, int64_t rows) override {
    stored_rows += rows;
    rows_of[record.id()] = rows;
    records.push_back(std::move(record));
    return Status::Ok();
  }
  Status Quarantine(QuarantineEntry q) override {
    quarantine.push_back(std::move(q));
    return Status::Ok();
  }
  const Entity* Find(const std::string& id) const {
    for (const auto& e : records)
      if (e.id() == id) return &e;
    return nullptr;
  }
  std::vector<Entity> records;
  std::vector<QuarantineEntry> quarantine;
  std::map<std::string, int64_t> rows_of;
  int64_t stored_rows = 0;
};

struct Outcome {
  Result<int64_t> rows = Status::Internal("not run");
  VecSink sink;
};

// Reads the files `names` (the first is the primary) from `dir`; display names are
// "<prefix><name>".
Outcome ReadSet(const std::string& dir, const Strings& names,
                const std::string& prefix = "lists/ofac/") {
  Outcome o;
  InputUnit unit;
  unit.format = "ofac-csv";
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  for (const auto& n : names) {
    unit.paths.push_back(dir + "/" + n);
    ctx.display_names.push_back(prefix + n);
  }
  unit.display = ctx.display_names.at(0);
  o.rows = NewOfacCsvReader()->Read(unit, ctx, &o.sink);
  return o;
}

void ExpectBalanced(const Outcome& o) {
  ASSERT_TRUE(o.rows.ok()) << o.rows.status().ToString();
  EXPECT_EQ(*o.rows, o.sink.stored_rows + static_cast<int64_t>(o.sink.quarantine.size()));
}

std::string FixtureDir() { return testing::TestDataDir() + "/lists/ofac"; }

const Strings kAllFiles = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};

TEST(OfacCsvReader, Name) { EXPECT_EQ(NewOfacCsvReader()->name(), "ofac-csv"); }

TEST(OfacCsvReader, FixtureCountsAndOrphans) {
  Outcome o = ReadSet(FixtureDir(), kAllFiles);
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 7 + 5 + 6 + 1);
  ASSERT_EQ(o.sink.records.size(), 7u);
  EXPECT_EQ(o.sink.rows_of["ofac-91001"], 3);  // + alt + add
  EXPECT_EQ(o.sink.rows_of["ofac-91002"], 2);
  EXPECT_EQ(o.sink.rows_of["ofac-91003"], 4);  // + alt + 2 add
  EXPECT_EQ(o.sink.rows_of["ofac-91004"], 2);
  EXPECT_EQ(o.sink.rows_of["ofac-91005"], 2);  // + sdn_comments
  EXPECT_EQ(o.sink.rows_of["ofac-91006"], 1);
  EXPECT_EQ(o.sink.rows_of["ofac-91007"], 3);
  // Companion rows for entries that are not in sdn.csv are quarantined, not dropped.
  ASSERT_EQ(o.sink.quarantine.size(), 2u);
  const QuarantineEntry& a = o.sink.quarantine[0];
  EXPECT_EQ(a.file, "lists/ofac/alt.csv");
  EXPECT_EQ(a.line, 4);
  EXPECT_EQ(a.record_id, "99999");
  EXPECT_EQ(a.field, "ent_num");
  EXPECT_EQ(a.reason, "no primary entry 99999 in sdn.csv");
  EXPECT_EQ(a.raw, "99999,70004,\"aka\",\"ORPHAN ALIAS\",-0- ");
  const QuarantineEntry& b = o.sink.quarantine[1];
  EXPECT_EQ(b.file, "lists/ofac/add.csv");
  EXPECT_EQ(b.line, 6);
  EXPECT_EQ(b.field, "ent_num");
  EXPECT_EQ(b.reason, "no primary entry 99998 in sdn.csv");
}

TEST(OfacCsvReader, CompanionOrderDoesNotMatter) {
  Outcome a = ReadSet(FixtureDir(), kAllFiles);
  Outcome b = ReadSet(FixtureDir(), {"sdn.csv", "sdn_comments.csv", "add.csv", "alt.csv"});
  ExpectBalanced(b);
  ASSERT_EQ(a.sink.records.size(), b.sink.records.size());
  for (size_t i = 0; i < a.sink.records.size(); ++i) {
    const Entity& x = a.sink.records[i];
    const Entity* y = b.sink.Find(x.id());
    ASSERT_NE(y, nullptr) << x.id();
    for (const char* p : {"name", "alias", "previousName", "address", "notes", "linkedTo"})
      EXPECT_EQ(x.Values(p), y->Values(p)) << x.id() << " " << p;
  }
}

TEST(OfacCsvReader, PrimaryAlone) {
  Outcome o = ReadSet(FixtureDir(), {"sdn.csv"});
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 7);
  EXPECT_EQ(o.sink.records.size(), 7u);
  EXPECT_TRUE(o.sink.quarantine.empty());
  // Without sdn_comments.csv the cut remarks end mid-word and nothing is invented.
  const Entity* e = o.sink.Find("ofac-91005");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->Values("linkedTo"), (Strings{"VOLNA TRADING HOUSE OOO", "NORDLINE SHIPPING LLC"}));
}

TEST(OfacCsvReader, Person) {
  Outcome o = ReadSet(FixtureDir(), kAllFiles);
  ExpectBalanced(o);
  const Entity* e = o.sink.Find("ofac-91001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema().name(), "Person");
  EXPECT_EQ(e->First("name"), "KARIMOV, Rustam Aliyevich");
  EXPECT_EQ(e->Values("program"), (Strings{"RUSSIA-EO14024", "CYBER2"}));
  EXPECT_EQ(e->Values("topics"), (Strings{"sanction"}));
  EXPECT_EQ(e->Values("authority"), (Strings{"OFAC"}));
  EXPECT_EQ(e->Values("birthDate"), (Strings{"1963-07-28", "1965"}));
  EXPECT_EQ(e->First("birthPlace"), "Tashkent, Uzbekistan");
  EXPECT_EQ(e->Values("nationality"), (Strings{"RU"}));
  EXPECT_EQ(e->Values("citizenship"), (Strings{"UZ"}));
  EXPECT_EQ(e->First("gender"), "male");
  EXPECT_EQ(e->Values("passportNumber"), (Strings{"7512346"}));
  EXPECT_EQ(e->Values("taxNumber"), (Strings{"772345678901"}));
  EXPECT_EQ(e->Values("weakAlias"), (Strings{"RUSTY K"}));
  EXPECT_EQ(e->Values("alias"), (Strings{"KARIMOV, Rustam"}));  // alt.csv aka
  EXPECT_EQ(e->First("email"), "rk@example.org");
  EXPECT_EQ(e->Values("linkedTo"), (Strings{"NORDLINE SHIPPING LLC"}));
  EXPECT_EQ(e->Values("address"), (Strings{"Moscow, Russia"}));
  EXPECT_EQ(e->Values("country"), (Strings{"RU"}));
  EXPECT_TRUE(StartsWith(e->First("notes"), "DOB 28 Jul 1963; alt. DOB 1965;"));
  EXPECT_TRUE(EndsWith(e->First("notes"), "Linked To: NORDLINE SHIPPING LLC."));

  // Provenance: one referent, the sdn.csv row, and every value points at it.
  ASSERT_EQ(e->referents().size(), 1u);
  const Provenance& p = e->referents()[0];
  EXPECT_EQ(p.source, "lists/ofac/sdn.csv");
  EXPECT_EQ(p.record_id, "91001");
  EXPECT_EQ(p.line, 1);
  EXPECT_EQ(p.ingest_time, 1700000000);
  std::string file = testing::ReadFile(FixtureDir() + "/sdn.csv");
  EXPECT_EQ(p.content_hash, Sha256Hex(file.substr(0, file.find("\r\n"))));
  for (const auto& st : e->statements()) EXPECT_EQ(st.ref, 0u);
}

TEST(OfacCsvReader, Vessel) {
  Outcome o = ReadSet(FixtureDir(), kAllFiles);
  ExpectBalanced(o);
  const Entity* v = o.sink.Find("ofac-91002");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->schema().name(), "Vessel");
  EXPECT_EQ(v->Values("imoNumber"), (Strings{"9305609"}));
  EXPECT_EQ(v->Values("mmsi"), (Strings{"352001234"}));
  EXPECT_EQ(v->Values("flag"), (Strings{"PA"}));
  EXPECT_EQ(v->Values("pastFlags"), (Strings{"LR", "KM"}));
  EXPECT_EQ(v->First("callSign"), "9HA4123");
  EXPECT_EQ(v->First("type"), "Crude Oil Tanker");
  EXPECT_EQ(v->First("tonnage"), "99144");
  EXPECT_EQ(v->First("grossRegisteredTonnage"), "58120");
  EXPECT_EQ(v->First("owner"), "NORDLINE SHIPPING LLC");
  // Former names from the remarks (f.k.a.) and from alt.csv (fka).
  EXPECT_EQ(v->Values("previousName"), (Strings{"OCEAN PEARL", "SEA PEARL"}));
  EXPECT_EQ(v->Values("program"), (Strings{"IRAN", "RUSSIA-EO14024"}));
  EXPECT_FALSE(v->Has("address"));
  EXPECT_EQ(v->referents().at(0).line, 2);
}

TEST(OfacCsvReader, EntityWithLinksAndAddresses) {
  Outcome o = ReadSet(FixtureDir(), kAllFiles);
  ExpectBalanced(o);
  const Entity* e = o.sink.Find("ofac-91003");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema().name(), "LegalEntity");
  EXPECT_EQ(e->First("incorporationDate"), "2011-03-14");
  EXPECT_EQ(e->First("registrationNumber"), "1117746123456");
  EXPECT_EQ(e->First("leiCode"), "2534001ABCDEFGHIJ12");
  EXPECT_EQ(e->First("website"), "www.nordline.example");
  // An IMO company number has no ship check digit and is kept as it is.
  EXPECT_EQ(e->Values("imoNumber"), (Strings{"5912345"}));
  EXPECT_EQ(e->Values("linkedTo"), (Strings{"KARIMOV, Rustam Aliyevich"}));
  EXPECT_EQ(e->Values("alias"), (Strings{"NORDLINE MARINE LLC"}));  // alt.csv nka
  EXPECT_EQ(e->Values("address"), (Strings{"Nab. Tarasa Shevchenko 23A, Moscow 121151, Russia",
                                           "Port Road 4, Sharjah, United Arab Emirates"}));
  EXPECT_EQ(e->Values("country"), (Strings{"RU", "AE"}));

  const Entity* link = o.sink.Find("ofac-91007");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ(link->First("notes"), "");  // Remarks "-0-"
  EXPECT_EQ(link->Values("alias"), (Strings{"SKY PATH AIRLINES"}));
  EXPECT_EQ(link->Values("country"), (Strings{"IR"}));
}

TEST(OfacCsvReader, Aircraft) {
  Outcome o = ReadSet(FixtureDir(), kAllFiles);
  ExpectBalanced(o);
  const Entity* a = o.sink.Find("ofac-91004");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->schema().name(), "Airplane");
  EXPECT_EQ(a->First("type"), "Airbus A310");
  EXPECT_EQ(a->First("serialNumber"), "25123");
  EXPECT_EQ(a->First("model"), "A310-304");
  EXPECT_EQ(a->First("buildDate"), "1990-01-01");
  EXPECT_EQ(a->First("registrationNumber"), "EP-FIC");
  EXPECT_FALSE(a->Has("address"));  // its add.csv row is all -0-
}

TEST(OfacCsvReader, CommentsContinueRemarks) {
  Outcome o = ReadSet(FixtureDir(), kAllFiles);
  ExpectBalanced(o);
  const Entity* e = o.sink.Find("ofac-91005");
  ASSERT_NE(e, nullptr);
  // sdn.csv stops at "...; Link", sdn_comments.csv goes on with "ed To: SKYPATH AIR."
  EXPECT_TRUE(EndsWith(e->First("notes"), "; Linked To: SKYPATH AIR.")) << e->First("notes");
  EXPECT_EQ(e->Values("linkedTo"),
            (Strings{"VOLNA TRADING HOUSE OOO", "NORDLINE SHIPPING LLC", "SKYPATH AIR"}));
  // A quoted weak a.k.a. may hold a ';'.
  EXPECT_EQ(e->Values("weakAlias"), (Strings{"ALPHA; OMEGA", "LENA V"}));
  EXPECT_EQ(e->Values("passportNumber"), (Strings{"MP4411223"}));
  EXPECT_EQ(e->Values("idNumber"), (Strings{"3031171A001PB5"}));
  EXPECT_EQ(e->First("gender"), "female");
  EXPECT_EQ(e->Values("nationality"), (Strings{"BY"}));
}

TEST(OfacCsvReader, DateForms) {
  Outcome o = ReadSet(FixtureDir(), kAllFiles);
  ExpectBalanced(o);
  const Entity* e = o.sink.Find("ofac-91006");
  ASSERT_NE(e, nullptr);
  // "1960 to 1962" keeps both ends; "circa 1970"; "Jul 1963".
  EXPECT_EQ(e->Values("birthDate"), (Strings{"1960", "1962", "1970", "1963-07"}));
  EXPECT_EQ(e->Values("nationality"), (Strings{"SY", "KP"}));
  EXPECT_EQ(e->First("title"), "Financier");
}

// ---------------------------------------------------------------------------------------
// Corrupted inputs: each case writes an OFAC set into a temp folder and expects exactly one
// quarantine entry that names the file, line and field.

const char kGoodPerson[] =
    "92001,\"GOOD, Person\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
    "\"DOB 1970.\"\r\n";
const char kGoodVessel[] =
    "92002,\"GOOD SHIP\",\"vessel\",\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,\"Panama\",-0- ,"
    "\"Vessel Registration Identification IMO 9305609; MMSI 352001234.\"\r\n";

struct CorruptCase {
  const char* what;
  std::string sdn;
  std::string alt;  // "" = no alt.csv
  const char* file;
  int64_t line;
  const char* record_id;
  const char* field;
  const char* reason_prefix;
  size_t stored;
  size_t quarantined;
};

std::vector<CorruptCase> CorruptCases() {
  std::string good = std::string(kGoodPerson) + kGoodVessel;
  return {
      {"truncated last line (cut between fields)",
       good + "92003,\"CUT SHORT CO\",-0- ,\"SDGT\",-0- \x1a", "", "sdn.csv", 3, "92003", "",
       "expected 12 fields, found 5", 2, 1},
      {"truncated last line (cut inside a quoted field)",
       good +
           "92003,\"CUT SHORT CO\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 19\x1a",
       "", "sdn.csv", 3, "92003", "Remarks", "unterminated quoted field 12", 2, 1},
      {"bad IMO check digit",
       good + "92003,\"BAD SHIP\",\"vessel\",\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
              "\"Vessel Registration Identification IMO 9305608.\"\r\n\x1a",
       "", "sdn.csv", 3, "92003", "Remarks", "bad IMO check digit: 'Vessel Registration", 2, 1},
      {"IMO number that is not 7 digits",
       good + "92003,\"BAD SHIP\",\"vessel\",\"LIBYA3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
              "\"Vessel Registration Identification IMO 15411; Linked To: X.\"\r\n\x1a",
       "", "sdn.csv", 3, "92003", "Remarks", "IMO number must be 7 digits", 2, 1},
      {"bad MMSI",
       good + "92003,\"BAD SHIP\",\"vessel\",\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
              "\"MMSI 35200123.\"\r\n\x1a",
       "", "sdn.csv", 3, "92003", "Remarks", "MMSI must be 9 digits", 2, 1},
      {"wrong column count (one too many)",
       std::string(kGoodPerson) +
           "92003,\"EXTRA CO\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n" +
           kGoodVessel + "\x1a",
       "", "sdn.csv", 2, "92003", "", "expected 12 fields, found 13", 2, 1},
      {"invalid UTF-8",
       good + "92003,\"BAD \xC3\x28 NAME\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
              "\r\n\x1a",
       "", "sdn.csv", 3, "92003", "SDN_Name", "invalid UTF-8", 2, 1},
      // A quote that is never closed runs on into the next record until another quote
      // closes it; the text after that quote is what the parser trips over.
      {"stray quote mid-file",
       std::string(kGoodPerson) +
           "92003,\"OPEN CO\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'X'.\r\n" +
           kGoodVessel + "\x1a",
       "", "sdn.csv", 2, "92003", "Remarks", "unexpected character after closing quote in field 12",
       1, 1},
      {"non-numeric ent_num",
       good + "92O03,\"LETTER O CO\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", "",
       "sdn.csv", 3, "", "ent_num", "not a number: '92O03'", 2, 1},
      {"empty ent_num",
       good + "-0- ,\"NO NUMBER CO\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", "",
       "sdn.csv", 3, "", "ent_num", "required value is empty", 2, 1},
      {"duplicate ent_num",
       good + "92001,\"AGAIN\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", "",
       "sdn.csv", 3, "92001", "ent_num", "duplicate ent_num 92001 (first on line 1)", 2, 1},
      {"unknown SDN_Type",
       good +
           "92003,\"SPACE CO\",\"spaceship\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
       "", "sdn.csv", 3, "92003", "SDN_Type", "unknown SDN_Type 'spaceship'", 2, 1},
      {"unknown vessel flag",
       good + "92003,\"FLAG SHIP\",\"vessel\",\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,\"Atlantis\",-0- ,"
              "-0- \r\n",
       "", "sdn.csv", 3, "92003", "Vess_flag", "unknown country 'Atlantis'", 2, 1},
      {"tonnage that is not a number",
       good + "92003,\"HEAVY SHIP\",\"vessel\",\"IRAN\",-0- ,-0- ,-0- ,\"lots\",-0- ,-0- ,-0- ,"
              "-0- \r\n",
       "", "sdn.csv", 3, "92003", "Tonnage", "not a number: 'lots'", 2, 1},
      {"alt.csv row with a wrong column count", good,
       "92001,1,\"aka\",\"GOOD P\",-0- \r\n92001,2,\"aka\"\r\n\x1a", "alt.csv", 2, "92001", "",
       "expected 5 fields, found 3", 2, 1},
      {"alt.csv row with an unknown alt_type", good,
       "92001,1,\"aka\",\"GOOD P\",-0- \r\n92002,2,\"xka\",\"SHIP\",-0- \r\n\x1a", "alt.csv", 2,
       "92002", "alt_type", "unknown alt_type 'xka'", 2, 1},
      {"alt.csv row with invalid UTF-8", good, "92001,1,\"aka\",\"GOOD \xFF P\",-0- \r\n\x1a",
       "alt.csv", 1, "92001", "alt_name", "invalid UTF-8", 2, 1},
  };
}

TEST(OfacCsvReader, CorruptInputs) {
  for (const CorruptCase& c : CorruptCases()) {
    SCOPED_TRACE(c.what);
    std::string dir = testing::MakeTempDir();
    testing::WriteFile(dir + "/sdn.csv", c.sdn);
    Strings files = {"sdn.csv"};
    if (!c.alt.empty()) {
      testing::WriteFile(dir + "/alt.csv", c.alt);
      files.push_back("alt.csv");
    }
    Outcome o = ReadSet(dir, files, "sanctions/");
    ExpectBalanced(o);
    EXPECT_EQ(o.sink.records.size(), c.stored);
    ASSERT_EQ(o.sink.quarantine.size(), c.quarantined);
    const QuarantineEntry& q = o.sink.quarantine.front();
    SCOPED_TRACE(q.ToString());
    EXPECT_EQ(q.file, std::string("sanctions/") + c.file);
    EXPECT_EQ(q.line, c.line);
    EXPECT_EQ(q.record_id, c.record_id);
    EXPECT_EQ(q.field, c.field);
    EXPECT_TRUE(StartsWith(q.reason, c.reason_prefix)) << q.reason;
    EXPECT_FALSE(q.raw.empty());
  }
}

TEST(OfacCsvReader, QuarantinedPrimaryTakesItsCompanionRows) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(
      dir + "/sdn.csv",
      std::string(kGoodPerson) +
          "92003,\"BAD SHIP\",\"vessel\",\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
          "\"Vessel Registration Identification IMO 9305608.\"\r\n"
          "92004,\"BAD \xC3\x28 CO\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
          "\r\n\x1a");
  testing::WriteFile(dir + "/alt.csv",
                     "92003,1,\"fka\",\"OLD SHIP\",-0- \r\n"
                     "92004,2,\"aka\",\"BAD CO\",-0- \r\n"
                     "92001,3,\"aka\",\"GOOD P\",-0- \r\n\x1a");
  Outcome o = ReadSet(dir, {"sdn.csv", "alt.csv"}, "");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 6);
  ASSERT_EQ(o.sink.records.size(), 1u);
  EXPECT_EQ(o.sink.rows_of["ofac-92001"], 2);
  ASSERT_EQ(o.sink.quarantine.size(), 4u);
  std::map<std::string, const QuarantineEntry*> by_place;
  for (const auto& q : o.sink.quarantine) by_place[q.file + ":" + std::to_string(q.line)] = &q;
  ASSERT_EQ(by_place.size(), 4u);
  EXPECT_EQ(by_place["sdn.csv:2"]->field, "Remarks");
  EXPECT_EQ(by_place["sdn.csv:3"]->field, "SDN_Name");
  EXPECT_EQ(by_place["alt.csv:1"]->reason, "primary entry 92003 (sdn.csv line 2) is quarantined");
  EXPECT_EQ(by_place["alt.csv:2"]->reason, "primary entry 92004 (sdn.csv line 3) is quarantined");
  EXPECT_EQ(by_place["alt.csv:2"]->field, "ent_num");
}

TEST(OfacCsvReader, UnitErrors) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/sdn.csv", "");
  Outcome empty = ReadSet(dir, {"sdn.csv"}, "");
  ASSERT_FALSE(empty.rows.ok());
  EXPECT_NE(empty.rows.status().message().find("sdn.csv: empty file"), std::string::npos);

  Outcome missing = ReadSet(dir, {"nothere.csv"}, "");
  ASSERT_FALSE(missing.rows.ok());
  EXPECT_NE(missing.rows.status().message().find("nothere.csv"), std::string::npos);

  testing::WriteFile(dir + "/sdn.csv", kGoodPerson);
  testing::WriteFile(dir + "/other.csv", "1,2\r\n");
  Outcome odd = ReadSet(dir, {"sdn.csv", "other.csv"}, "");
  ASSERT_FALSE(odd.rows.ok());
  EXPECT_NE(odd.rows.status().message().find("not an OFAC companion"), std::string::npos);
}

TEST(OfacCsvReader, ConsolidatedNonSdnNames) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/cons_prim.csv", std::string(kGoodPerson) + "\x1a");
  testing::WriteFile(dir + "/cons_alt.csv",
                     "92001,1,\"aka\",\"GOOD P\",-0- \r\n"
                     "92009,2,\"aka\",\"NOBODY\",-0- \r\n\x1a");
  Outcome o = ReadSet(dir, {"cons_prim.csv", "cons_alt.csv"}, "");
  ExpectBalanced(o);
  ASSERT_EQ(o.sink.records.size(), 1u);
  EXPECT_EQ(o.sink.records[0].Values("alias"), (Strings{"GOOD P"}));
  ASSERT_EQ(o.sink.quarantine.size(), 1u);
  EXPECT_EQ(o.sink.quarantine[0].reason, "no primary entry 92009 in cons_prim.csv");
}

TEST(OfacCsvReader, RemarkDetails) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(
      dir + "/sdn.csv",
      "92001,\"DETAIL, Person\",\"individual\",\"UKRAINE-EO13660\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
      "-0- ,\"DOB 01 Jan 1961 to 31 Dec 1962; alt. DOB circa 1979-1982; DOB 31 Feb 1960; "
      "nationality Region: Crimea; alt. nationality possibly Palestinian;arrested 2002; "
      "citizen Cote d Ivoire; Gender Male.; National ID No.: 12345 (Ukraine) issued 2001; "
      "a.k.a. 'O'NEIL'; f.k.a. 'OLD; NAME'; Website:  www.example.org; "
      "Phone Number 380441234567; Cedula No. 7654321 (Colombia) expires 2030.\"\r\n\x1a");
  Outcome o = ReadSet(dir, {"sdn.csv"}, "");
  ExpectBalanced(o);
  ASSERT_EQ(o.sink.records.size(), 1u);
  const Entity& e = o.sink.records[0];
  // An impossible date (31 Feb) is left in the notes rather than guessed at.
  EXPECT_EQ(e.Values("birthDate"), (Strings{"1961-01-01", "1962-12-31", "1979", "1982"}));
  EXPECT_EQ(e.Values("nationality"), (Strings{"UA"}));
  EXPECT_EQ(e.Values("citizenship"), (Strings{"CI"}));
  EXPECT_EQ(e.First("gender"), "male");
  EXPECT_EQ(e.Values("idNumber"), (Strings{"12345", "7654321"}));
  EXPECT_EQ(e.Values("weakAlias"), (Strings{"O'NEIL"}));
  EXPECT_EQ(e.Values("previousName"), (Strings{"OLD; NAME"}));
  EXPECT_EQ(e.First("website"), "www.example.org");
  EXPECT_EQ(e.First("phone"), "380441234567");
}

}  // namespace
}  // namespace interdict
