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

Outcome ReadPath(std::unique_ptr<Reader> reader, const std::string& path,
                 const std::string& display) {
  Outcome o;
  InputUnit unit{reader->name(), {path}, display};
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  ctx.display_names = {display};
  o.rows = reader->Read(unit, ctx, &o.sink);
  return o;
}

Outcome ReadFixture(const std::string& name) {
  return ReadPath(NewDeclarationsReader(), testing::TestDataDir() + "/corrupt/" + name,
                  "corrupt/" + name);
}

Outcome ReadText(std::unique_ptr<Reader> reader, const std::string& name,
                 const std::string& content) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/" + name, content);
  return ReadPath(std::move(reader), dir + "/" + name, name);
}

// rows read = records stored + records quarantined (the ingest invariant).
void ExpectBalanced(const Outcome& o) {
  ASSERT_TRUE(o.rows.ok()) << o.rows.status().ToString();
  EXPECT_EQ(*o.rows, o.sink.stored_rows + static_cast<int64_t>(o.sink.quarantine.size()));
  EXPECT_EQ(o.sink.stored_rows, static_cast<int64_t>(o.sink.records.size()));
}

// Exactly one quarantined record, at `file`:`line`, about `field`.
void ExpectOneQuarantined(const Outcome& o, const std::string& file, int64_t line,
                          const std::string& field) {
  ASSERT_EQ(o.sink.quarantine.size(), 1u);
  const QuarantineEntry& q = o.sink.quarantine[0];
  EXPECT_EQ(q.file, file);
  EXPECT_EQ(q.line, line);
  EXPECT_EQ(q.field, field);
  EXPECT_FALSE(q.reason.empty());
  EXPECT_FALSE(q.raw.empty());
}

TEST(DeclarationsReader, Name) { EXPECT_EQ(NewDeclarationsReader()->name(), "declarations-csv"); }

TEST(DeclarationsReader, TruncatedFinalLine) {
  Outcome o = ReadFixture("declarations_truncated.csv");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 3);
  EXPECT_EQ(o.sink.records.size(), 2u);
  ExpectOneQuarantined(o, "corrupt/declarations_truncated.csv", 4, "");
  EXPECT_EQ(o.sink.quarantine[0].record_id, "D-3");
  EXPECT_NE(o.sink.quarantine[0].reason.find("expected 17 fields"), std::string::npos)
      << o.sink.quarantine[0].reason;
}

TEST(DeclarationsReader, BadDate) {
  Outcome o = ReadFixture("declarations_bad_date.csv");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 3);
  ExpectOneQuarantined(o, "corrupt/declarations_bad_date.csv", 3, "declaration_date");
  EXPECT_EQ(o.sink.quarantine[0].record_id, "D-2");
  EXPECT_NE(o.sink.quarantine[0].reason.find("2024-02-30"), std::string::npos);
  EXPECT_EQ(o.sink.quarantine[0].ToString(),
            "corrupt/declarations_bad_date.csv:3: record 'D-2': field 'declaration_date': "
            "'2024-02-30': not a valid date (YYYY-MM-DD)");
}

TEST(DeclarationsReader, BadImoCheckDigit) {
  Outcome o = ReadFixture("declarations_bad_imo.csv");
  ExpectBalanced(o);
  ExpectOneQuarantined(o, "corrupt/declarations_bad_imo.csv", 4, "vessel_imo");
  EXPECT_NE(o.sink.quarantine[0].reason.find("check digit"), std::string::npos);
  EXPECT_EQ(o.sink.records.size(), 2u);
}

TEST(DeclarationsReader, WrongColumnCount) {
  Outcome o = ReadFixture("declarations_wrong_columns.csv");
  ExpectBalanced(o);
  ExpectOneQuarantined(o, "corrupt/declarations_wrong_columns.csv", 2, "");
  EXPECT_NE(o.sink.quarantine[0].reason.find("found 18"), std::string::npos);
  ASSERT_EQ(o.sink.records.size(), 1u);
  EXPECT_EQ(o.sink.records[0].id(), "D-2");
}

TEST(DeclarationsReader, InvalidUtf8) {
  Outcome o = ReadFixture("declarations_bad_utf8.csv");
  ExpectBalanced(o);
  ExpectOneQuarantined(o, "corrupt/declarations_bad_utf8.csv", 3, "exporter");
  EXPECT_EQ(o.sink.quarantine[0].reason, "invalid UTF-8");
  const Entity* d1 = o.sink.Find("D-1");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(d1->First("exporter"), "M\xC3\xBCller Pr\xC3\xA4zision AG");
}

TEST(DeclarationsReader, UnterminatedQuote) {
  Outcome o = ReadFixture("declarations_unterminated_quote.csv");
  ExpectBalanced(o);
  // The open quote swallows the rest of the file: two rows, one stored, one quarantined.
  EXPECT_EQ(*o.rows, 2);
  ExpectOneQuarantined(o, "corrupt/declarations_unterminated_quote.csv", 3, "goods_description");
  EXPECT_NE(o.sink.quarantine[0].reason.find("unterminated"), std::string::npos);
  EXPECT_EQ(o.sink.records.size(), 1u);
}

TEST(DeclarationsReader, CrlfBomOddHeaderUnknownColumn) {
  Outcome o = ReadFixture("declarations_crlf_bom.csv");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 3);
  EXPECT_TRUE(o.sink.quarantine.empty()) << o.sink.quarantine[0].ToString();
  ASSERT_EQ(o.sink.records.size(), 3u);
  const Entity& d1 = o.sink.records[0];
  EXPECT_EQ(d1.id(), "D-1");
  EXPECT_EQ(d1.schema().name(), "Declaration");
  EXPECT_EQ(d1.First("declaration_id"), "D-1");
  EXPECT_EQ(d1.First("hs_code"), "854231");
  EXPECT_EQ(d1.First("exporter_country"), "DE");  // written "de"
  EXPECT_EQ(d1.First("container_ids"), "MSCU1234565");
  EXPECT_EQ(d1.Values("container_ids"), (std::vector<std::string>{"MSCU1234565", "MSCU7654321"}));
  EXPECT_EQ(d1.Values("transshipment_ports"), (std::vector<std::string>{"TRMER", "AEJEA"}));
  EXPECT_EQ(d1.First("Customs_Broker"), "Kargo Brokers Ltd");  // unknown column, own name
  EXPECT_EQ(d1.First("quantity"), "1200");
  EXPECT_EQ(d1.First("gross_weight_kg"), "450.5");
  ASSERT_EQ(d1.referents().size(), 1u);
  const Provenance& p = d1.referents()[0];
  EXPECT_EQ(p.source, "corrupt/declarations_crlf_bom.csv");
  EXPECT_EQ(p.record_id, "D-1");
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.ingest_time, 1700000000);
  EXPECT_EQ(p.content_hash.size(), 64u);
  for (const auto& s : d1.statements()) {
    EXPECT_EQ(s.value.find('\r'), std::string::npos) << PropName(s.prop);
    EXPECT_EQ(s.ref, 0u);
  }
  EXPECT_FALSE(o.sink.records[1].Has("Customs_Broker"));
  const Entity& d3 = o.sink.records[2];
  EXPECT_EQ(d3.First("direction"), "import");  // written "IMPORT"
  EXPECT_EQ(d3.First("exporter"), "Quoted, Exporter");
  EXPECT_EQ(d3.First("importer_country"), "TR");
  EXPECT_EQ(d3.First("hs_code"), "090111");         // "0901.11": leading zero kept
  EXPECT_EQ(d3.First("port_of_loading"), "NLRTM");  // "nl rtm"
  EXPECT_EQ(d3.First("vessel_imo"), "9321483");     // "IMO 9321483"
  EXPECT_FALSE(d3.Has("transshipment_ports"));
  EXPECT_EQ(d3.referents()[0].line, 4);
}

TEST(DeclarationsReader, EmbeddedNewlineKeepsLineNumbers) {
  Outcome o = ReadFixture("declarations_embedded_newline.csv");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 3);
  ExpectOneQuarantined(o, "corrupt/declarations_embedded_newline.csv", 6, "declaration_date");
  ASSERT_EQ(o.sink.records.size(), 2u);
  EXPECT_EQ(o.sink.records[0].referents()[0].line, 2);
  EXPECT_EQ(o.sink.records[0].First("goods_description"),
            "Line one\nline two, still goods\nline three");
  EXPECT_EQ(o.sink.records[1].id(), "D-2");
  EXPECT_EQ(o.sink.records[1].referents()[0].line, 5);
}

const char kDeclHeader[] =
    "declaration_id,declaration_date,direction,exporter_country,hs_code,quantity,"
    "gross_weight_kg,invoice_value,port_of_loading,transshipment_ports,vessel_imo\n";

TEST(DeclarationsReader, FieldValidation) {
  struct Case {
    const char* row;
    const char* field;
  } cases[] = {
      {"D-1,2024-01-01,export,DE,854231,-5,,,,,", "quantity"},
      {"D-1,2024-01-01,export,DE,854231,,12kg,,,,", "gross_weight_kg"},
      {"D-1,2024-01-01,export,DE,854231,,,\"1,000\",,,", "invoice_value"},
      {"D-1,2024-01-01,export,DE,854231,,,nan,,,", "invoice_value"},
      {"D-1,2024-01-01,outbound,DE,854231,,,,,,", "direction"},
      {"D-1,2024-01-01,export,XX,854231,,,,,,", "exporter_country"},
      {"D-1,2024-01-01,export,Germany,854231,,,,,,", "exporter_country"},
      {"D-1,2024-01-01,export,DE,8542,,,,,,", "hs_code"},
      {"D-1,2024-01-01,export,DE,ABC123,,,,,,", "hs_code"},
      {"D-1,2024-01-01,export,DE,,,,,,,", "hs_code"},
      {"D-1,,export,DE,854231,,,,,,", "declaration_date"},
      {",2024-01-01,export,DE,854231,,,,,,", "declaration_id"},
      {"D-1,2024-01-01,export,DE,854231,,,,HAMBURG,,", "port_of_loading"},
      {"D-1,2024-01-01,export,DE,854231,,,,,TRMER;XX1,", "transshipment_ports"},
      {"D-1,2024-01-01,export,DE,854231,,,,,,1234568", "vessel_imo"},
      {"D-1,2024-01-01,export,DE,854231,,,,,,93124", "vessel_imo"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.row);
    Outcome o = ReadText(NewDeclarationsReader(), "declarations.csv",
                         std::string(kDeclHeader) + c.row + "\n");
    ExpectBalanced(o);
    ExpectOneQuarantined(o, "declarations.csv", 2, c.field);
    EXPECT_TRUE(o.sink.records.empty());
  }
}

TEST(DeclarationsReader, NumbersKeptAsWritten) {
  Outcome o = ReadText(NewDeclarationsReader(), "d.csv",
                       std::string(kDeclHeader) +
                           "D-1,2024-01-01T10:00:00Z,Transit,gb,8542 31 00,0,1.5e3,+12.50,"
                           "DE HAM, trmer ; ;aejea ,9312456\n");
  ExpectBalanced(o);
  ASSERT_EQ(o.sink.records.size(), 1u) << o.sink.quarantine[0].ToString();
  const Entity& d = o.sink.records[0];
  EXPECT_EQ(d.First("declaration_date"), "2024-01-01T10:00:00Z");
  EXPECT_EQ(d.First("direction"), "transit");
  EXPECT_EQ(d.First("exporter_country"), "GB");
  EXPECT_EQ(d.First("hs_code"), "85423100");
  EXPECT_EQ(d.First("quantity"), "0");
  EXPECT_EQ(d.First("gross_weight_kg"), "1.5e3");
  EXPECT_EQ(d.First("invoice_value"), "+12.50");
  EXPECT_EQ(d.First("port_of_loading"), "DEHAM");
  EXPECT_EQ(d.Values("transshipment_ports"), (std::vector<std::string>{"TRMER", "AEJEA"}));
}

TEST(DeclarationsReader, DuplicateIdQuarantinedNamingFirstLine) {
  Outcome o = ReadText(NewDeclarationsReader(), "d.csv",
                       std::string(kDeclHeader) +
                           "D-1,2024-01-01,,,854231,,,,,,\n"
                           "D-2,2024-01-01,,,854231,,,,,,\n"
                           "\n"
                           " D-1 ,2024-01-02,,,854231,,,,,,\n"
                           "D-3,bad,,,854231,,,,,,\n"
                           "D-3,2024-01-03,,,854231,,,,,,\n");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 5);
  ASSERT_EQ(o.sink.quarantine.size(), 2u);
  EXPECT_EQ(o.sink.quarantine[0].line, 5);
  EXPECT_EQ(o.sink.quarantine[0].field, "declaration_id");
  EXPECT_EQ(o.sink.quarantine[0].record_id, "D-1");
  EXPECT_NE(o.sink.quarantine[0].reason.find("first on line 2"), std::string::npos)
      << o.sink.quarantine[0].reason;
  // A quarantined record does not claim its id: the corrected row after it is stored.
  EXPECT_EQ(o.sink.quarantine[1].field, "declaration_date");
  ASSERT_EQ(o.sink.records.size(), 3u);
  EXPECT_EQ(o.sink.records[2].id(), "D-3");
  EXPECT_EQ(o.sink.records[2].referents()[0].line, 7);
}

TEST(DeclarationsReader, ManyIdsNoFalseDuplicates) {
  std::string text = kDeclHeader;
  for (int i = 0; i < 20000; ++i) text += "D-" + std::to_string(i) + ",2024-01-01,,,854231,,,,,,\n";
  text += "D-17,2024-01-01,,,854231,,,,,,\n";
  Outcome o = ReadText(NewDeclarationsReader(), "d.csv", text);
  ExpectBalanced(o);
  EXPECT_EQ(o.sink.records.size(), 20000u);
  ASSERT_EQ(o.sink.quarantine.size(), 1u);
  EXPECT_EQ(o.sink.quarantine[0].line, 20002);
  EXPECT_NE(o.sink.quarantine[0].reason.find("first on line 19"), std::string::npos);
}

TEST(DeclarationsReader, MissingRequiredColumnFailsTheUnit) {
  Outcome o = ReadText(NewDeclarationsReader(), "decl.csv",
                       "declaration_id,declaration_date,goods_description\nD-1,2024-01-01,x\n");
  ASSERT_FALSE(o.rows.ok());
  EXPECT_EQ(o.rows.status().code(), StatusCode::kCorruption);
  EXPECT_NE(o.rows.status().message().find("decl.csv"), std::string::npos);
  EXPECT_NE(o.rows.status().message().find("'hs_code'"), std::string::npos)
      << o.rows.status().ToString();
  EXPECT_TRUE(o.sink.records.empty());
}

TEST(DeclarationsReader, EmptyFileAndDuplicateColumnFail) {
  Outcome empty = ReadText(NewDeclarationsReader(), "empty.csv", "");
  ASSERT_FALSE(empty.rows.ok());
  EXPECT_NE(empty.rows.status().message().find("empty.csv"), std::string::npos);
  Outcome dup = ReadText(NewDeclarationsReader(), "dup.csv",
                         "declaration_id,declaration_date,hs_code,HS_CODE\n");
  ASSERT_FALSE(dup.rows.ok());
  EXPECT_NE(dup.rows.status().message().find("hs_code"), std::string::npos);
  Outcome header_only =
      ReadText(NewDeclarationsReader(), "h.csv", "declaration_id,declaration_date,hs_code\n");
  ExpectBalanced(header_only);
  EXPECT_EQ(*header_only.rows, 0);
}

TEST(DeclarationsReader, MissingFileFails) {
  Outcome o = ReadPath(NewDeclarationsReader(), "/nonexistent/declarations.csv", "x.csv");
  EXPECT_FALSE(o.rows.ok());
}

TEST(PaymentsReader, ReadsAndValidates) {
  Outcome o =
      ReadText(NewPaymentsReader(), "payments.csv",
               "payment_id,value_date,payer,payer_country,payee,payee_country,amount,currency,"
               "reference,instrument\n"
               "P-1,2024-03-20,Kaskad,ru,Nordlicht,DE,368000,EUR,NE-INV-24-107,Wire\n"
               "P-2,2024-03-21,A,RU,B,DE,-5,EUR,,wire\n"
               "P-3,2024-03-22,A,RU,B,DE,10,EUR,,barter\n"
               "P-4,2024-13-01,A,RU,B,DE,10,EUR,,cash\n"
               "P-5,2024-03-22,A,RU,B,DE,,EUR,,cash\n"
               "P-6,2024-03-22,A,RU,B,DE,1e2,EUR,,letter_of_credit\n");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 6);
  ASSERT_EQ(o.sink.records.size(), 2u);
  const Entity& p = o.sink.records[0];
  EXPECT_EQ(p.id(), "P-1");
  EXPECT_EQ(p.schema().name(), "Payment");
  EXPECT_EQ(p.First("payment_id"), "P-1");
  EXPECT_EQ(p.First("payer_country"), "RU");
  EXPECT_EQ(p.First("amount"), "368000");
  EXPECT_EQ(p.First("instrument"), "wire");
  ASSERT_EQ(o.sink.quarantine.size(), 4u);
  EXPECT_EQ(o.sink.quarantine[0].field, "amount");
  EXPECT_EQ(o.sink.quarantine[0].line, 3);
  EXPECT_EQ(o.sink.quarantine[1].field, "instrument");
  EXPECT_EQ(o.sink.quarantine[2].field, "value_date");
  EXPECT_EQ(o.sink.quarantine[3].field, "amount");
  EXPECT_EQ(o.sink.quarantine[3].reason, "required value is empty");
}

TEST(PaymentsReader, RequiresAmountColumn) {
  Outcome o =
      ReadText(NewPaymentsReader(), "payments.csv", "payment_id,value_date\nP-1,2024-01-01\n");
  ASSERT_FALSE(o.rows.ok());
  EXPECT_NE(o.rows.status().message().find("'amount'"), std::string::npos);
}

TEST(LicensesReader, ReadsAndValidates) {
  Outcome o = ReadText(
      NewLicensesReader(), "licenses.csv",
      "license_number,holder,issuing_country,hs_codes,destination_country,max_quantity,"
      "max_value,valid_from,valid_to,status\n"
      "L-1,Nordlicht,DE,854231; 8542.32 ;0901.11,AE,10000,900000,2023-03-01,2024-02-29,Expired\n"
      "L-2,Nordlicht,DE,854231;12,AE,,,,,active\n"
      "L-3,Nordlicht,DE,,AE,,,2023-01-01,2023-02-30,active\n"
      "L-4,Nordlicht,DE,,AE,,,,,cancelled\n"
      ",Nobody,DE,,AE,,,,,active\n"
      "L-5,Nordlicht,DE,,AE,-1,,,,active\n");
  ExpectBalanced(o);
  ASSERT_EQ(o.sink.records.size(), 1u);
  const Entity& l = o.sink.records[0];
  EXPECT_EQ(l.id(), "L-1");
  EXPECT_EQ(l.schema().name(), "License");
  EXPECT_EQ(l.Values("hs_codes"), (std::vector<std::string>{"854231", "854232", "090111"}));
  EXPECT_EQ(l.First("status"), "expired");
  EXPECT_EQ(l.First("valid_to"), "2024-02-29");
  ASSERT_EQ(o.sink.quarantine.size(), 5u);
  EXPECT_EQ(o.sink.quarantine[0].field, "hs_codes");
  EXPECT_NE(o.sink.quarantine[0].reason.find("item '12'"), std::string::npos);
  EXPECT_EQ(o.sink.quarantine[1].field, "valid_to");
  EXPECT_EQ(o.sink.quarantine[2].field, "status");
  EXPECT_EQ(o.sink.quarantine[3].field, "license_number");
  EXPECT_EQ(o.sink.quarantine[3].line, 6);
  EXPECT_EQ(o.sink.quarantine[4].field, "max_quantity");
}

TEST(PortsReader, ReadsAndValidates) {
  Outcome o = ReadText(NewPortsReader(), "ports.csv",
                       "locode,name,country,lat,lon,radius_km\n"
                       "DE HAM,Hamburg,de,53.5461,9.9661,8\n"
                       "USLAX,Los Angeles,US,33.7395,-118.2610,\n"
                       "XXABC,Nowhere,DE,0,0,1\n"
                       "TRMER,Mersin,TR,96.1,34.6,5\n"
                       "TRIST,Istanbul,TR,41.0,-181,5\n"
                       "JPUKB,,JP,34.6,135.2,6\n"
                       "deham,Hamburg again,DE,53.5,9.9,8\n"
                       "JPOSA,Osaka,JP,north,135.4,6\n");
  ExpectBalanced(o);
  EXPECT_EQ(*o.rows, 8);
  ASSERT_EQ(o.sink.records.size(), 2u);
  const Entity& p = o.sink.records[0];
  EXPECT_EQ(p.id(), "DEHAM");
  EXPECT_EQ(p.schema().name(), "Port");
  EXPECT_EQ(p.First("locode"), "DEHAM");
  EXPECT_EQ(p.First("country"), "DE");
  EXPECT_EQ(p.First("lat"), "53.5461");
  EXPECT_EQ(p.referents()[0].record_id, "DEHAM");
  EXPECT_EQ(o.sink.records[1].First("lon"), "-118.2610");
  ASSERT_EQ(o.sink.quarantine.size(), 6u);
  EXPECT_EQ(o.sink.quarantine[0].field, "locode");
  EXPECT_EQ(o.sink.quarantine[1].field, "lat");
  EXPECT_EQ(o.sink.quarantine[2].field, "lon");
  EXPECT_EQ(o.sink.quarantine[3].field, "name");
  EXPECT_EQ(o.sink.quarantine[4].field, "locode");
  EXPECT_NE(o.sink.quarantine[4].reason.find("first on line 2"), std::string::npos);
  EXPECT_EQ(o.sink.quarantine[5].field, "lat");
}

TEST(PortsReader, RequiresLatLon) {
  Outcome o = ReadText(NewPortsReader(), "ports.csv", "locode,name,country\nDEHAM,Hamburg,DE\n");
  ASSERT_FALSE(o.rows.ok());
  EXPECT_NE(o.rows.status().message().find("'lat'"), std::string::npos);
}

TEST(CanonicalReaders, FixtureWorldReadsClean) {
  struct File {
    std::unique_ptr<Reader> reader;
    const char* path;
  } files[] = {{NewDeclarationsReader(), "world/trade/declarations.csv"},
               {NewPaymentsReader(), "world/trade/payments.csv"},
               {NewLicensesReader(), "world/trade/licenses.csv"},
               {NewPortsReader(), "world/ports.csv"}};
  for (auto& f : files) {
    std::string path = testing::TestDataDir() + "/" + f.path;
    if (testing::ReadFile(path).empty()) continue;  // the world may not have this file yet
    SCOPED_TRACE(f.path);
    Outcome o = ReadPath(std::move(f.reader), path, f.path);
    ExpectBalanced(o);
    EXPECT_GT(*o.rows, 0);
    for (const auto& q : o.sink.quarantine) ADD_FAILURE() << q.ToString();
  }
}

}  // namespace
}  // namespace interdict
