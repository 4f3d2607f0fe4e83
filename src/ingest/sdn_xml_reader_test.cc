// OFAC sdn.xml reader on the hand-made fixture tests/data/lists/sdn_small.xml, whose entries
// 91001-91003 restate tests/data/lists/ofac/sdn.csv (+ alt/add): both readers must agree.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/strings.h"
#include "ingest/readers.h"
#include "interdict/ingest.h"
#include "reader_testutil.h"
#include "testutil.h"

namespace interdict {
namespace {

using Strings = std::vector<std::string>;
using testing::VecSink;

Result<int64_t> ReadXml(const std::string& path, VecSink* sink) {
  InputUnit unit{"ofac-xml", {path}, "lists/sdn_small.xml"};
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  ctx.display_names = {"lists/sdn_small.xml"};
  return NewSdnXmlReader()->Read(unit, ctx, sink);
}

std::string Fixture() { return testing::TestDataDir() + "/lists/sdn_small.xml"; }

TEST(SdnXmlReader, CountsAndQuarantine) {
  VecSink sink;
  auto rows = ReadXml(Fixture(), &sink);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, 6);
  EXPECT_EQ(sink.records.size(), 3u);
  ASSERT_EQ(sink.quarantine.size(), 3u);
  EXPECT_EQ(*rows, sink.stored_rows + static_cast<int64_t>(sink.quarantine.size()));
  // 9305608: the check digit of 930560 is 9 (see the fixture comment).
  EXPECT_EQ(sink.quarantine[0].record_id, "ofac-91010");
  EXPECT_EQ(sink.quarantine[0].field, "idNumber");
  EXPECT_EQ(sink.quarantine[0].file, "lists/sdn_small.xml");
  EXPECT_GT(sink.quarantine[0].line, 200);
  EXPECT_NE(sink.quarantine[0].raw.find("BAD CHECK DIGIT"), std::string::npos);
  EXPECT_EQ(sink.quarantine[1].field, "uid");
  EXPECT_EQ(sink.quarantine[2].field, "sdnType");
  EXPECT_NE(sink.quarantine[2].reason.find("Spacecraft"), std::string::npos);
}

TEST(SdnXmlReader, Person) {
  VecSink sink;
  ASSERT_TRUE(ReadXml(Fixture(), &sink).ok());
  const Entity* e = sink.Find("ofac-91001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema().name(), "Person");
  EXPECT_EQ(e->First("name"), "KARIMOV, Rustam Aliyevich");
  EXPECT_EQ(e->Values("alias"), (Strings{"KARIMOV, Rustam"}));
  EXPECT_EQ(e->Values("weakAlias"), (Strings{"RUSTY K"}));
  EXPECT_EQ(e->Values("program"), (Strings{"RUSSIA-EO14024", "CYBER2"}));
  EXPECT_EQ(e->Values("birthDate"), (Strings{"1963-07-28", "1965"}));
  EXPECT_EQ(e->Values("nationality"), (Strings{"RU"}));
  EXPECT_EQ(e->Values("citizenship"), (Strings{"UZ"}));
  EXPECT_EQ(e->First("gender"), "male");
  EXPECT_EQ(e->Values("passportNumber"), (Strings{"7512346"}));
  EXPECT_EQ(e->Values("linkedTo"), (Strings{"NORDLINE SHIPPING LLC"}));
  ASSERT_EQ(e->referents().size(), 1u);
  EXPECT_EQ(e->referents()[0].record_id, "91001");
  EXPECT_EQ(e->referents()[0].line, 9);  // the <sdnEntry> line
  EXPECT_EQ(e->referents()[0].content_hash.size(), 64u);
}

TEST(SdnXmlReader, Vessel) {
  VecSink sink;
  ASSERT_TRUE(ReadXml(Fixture(), &sink).ok());
  const Entity* v = sink.Find("ofac-91002");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->schema().name(), "Vessel");
  EXPECT_EQ(v->Values("imoNumber"), (Strings{"9305609"}));
  EXPECT_EQ(v->Values("mmsi"), (Strings{"352001234"}));
  EXPECT_EQ(v->Values("flag"), (Strings{"PA"}));
  EXPECT_EQ(v->Values("pastFlags"), (Strings{"LR", "KM"}));
  EXPECT_EQ(v->First("tonnage"), "99144");
  EXPECT_EQ(v->Values("previousName"), (Strings{"OCEAN PEARL", "SEA PEARL"}));
}

// The same facts through sdn.csv and sdn.xml give the same properties (notes aside: the
// CSV keeps the whole Remarks text there).
TEST(SdnXmlReader, AgreesWithCsvReader) {
  VecSink xml;
  ASSERT_TRUE(ReadXml(Fixture(), &xml).ok());
  VecSink csv;
  std::string dir = testing::TestDataDir() + "/lists/ofac";
  InputUnit unit{"ofac-csv", {dir + "/sdn.csv", dir + "/alt.csv", dir + "/add.csv"}, "sdn.csv"};
  ReadContext ctx;
  ctx.display_names = {"sdn.csv", "alt.csv", "add.csv"};
  ASSERT_TRUE(NewOfacCsvReader()->Read(unit, ctx, &csv).ok());
  const Strings props = {"name",
                         "alias",
                         "weakAlias",
                         "previousName",
                         "program",
                         "topics",
                         "authority",
                         "birthDate",
                         "birthPlace",
                         "nationality",
                         "citizenship",
                         "gender",
                         "passportNumber",
                         "taxNumber",
                         "email",
                         "linkedTo",
                         "address",
                         "country",
                         "imoNumber",
                         "mmsi",
                         "flag",
                         "pastFlags",
                         "callSign",
                         "type",
                         "tonnage",
                         "grossRegisteredTonnage",
                         "owner",
                         "incorporationDate",
                         "registrationNumber",
                         "leiCode",
                         "website"};
  for (const char* id : {"ofac-91001", "ofac-91002", "ofac-91003"}) {
    const Entity* a = xml.Find(id);
    const Entity* b = csv.Find(id);
    ASSERT_NE(a, nullptr) << id;
    ASSERT_NE(b, nullptr) << id;
    EXPECT_EQ(a->schema().name(), b->schema().name()) << id;
    for (const auto& p : props) EXPECT_EQ(a->Values(p), b->Values(p)) << id << " " << p;
  }
}

TEST(SdnXmlReader, MalformedGivesFileAndLine) {
  std::string dir = testing::MakeTempDir();
  std::string path = dir + "/sdn.xml";
  testing::WriteFile(path,
                     "<?xml version=\"1.0\"?>\n<sdnList>\n<sdnEntry><uid>1</uid>\n</sdnList>\n");
  VecSink sink;
  auto rows = ReadXml(path, &sink);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("lists/sdn_small.xml:"), std::string::npos)
      << rows.status().ToString();
  EXPECT_NE(rows.status().message().find("not well-formed XML"), std::string::npos);

  testing::WriteFile(path, "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST/>\n");
  rows = ReadXml(path, &sink);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("expected <sdnList>"), std::string::npos);
}

// Discovery tells the XML lists apart by root element, whatever the file is called.
TEST(SdnXmlReader, DiscoveredByRootElement) {
  std::string dir = testing::MakeTempDir();
  std::string lists = testing::TestDataDir() + "/lists/";
  testing::WriteFile(dir + "/ofac_2024.xml", testing::ReadFile(lists + "sdn_small.xml"));
  testing::WriteFile(dir + "/eu_fsf.xml", testing::ReadFile(lists + "eu_small.xml"));
  testing::WriteFile(dir + "/other.xml", "<?xml version=\"1.0\"?>\n<svg/>\n");
  std::vector<std::string> skipped;
  auto units = DiscoverInputs(dir, &skipped);
  ASSERT_TRUE(units.ok()) << units.status().ToString();
  ASSERT_EQ(units->size(), 2u);
  EXPECT_EQ((*units)[0].format, "ofac-xml");
  EXPECT_EQ((*units)[0].display, "ofac_2024.xml");
  EXPECT_EQ((*units)[1].format, "eu-xml");
  EXPECT_EQ(skipped, (Strings{"other.xml"}));
}

}  // namespace
}  // namespace interdict
