// EU FSF XML reader on the hand-made fixture tests/data/lists/eu_small.xml.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/readers.h"
#include "reader_testutil.h"
#include "testutil.h"

namespace interdict {
namespace {

using Strings = std::vector<std::string>;
using testing::VecSink;

Result<int64_t> ReadXml(const std::string& path, VecSink* sink) {
  InputUnit unit{"eu-xml", {path}, "lists/eu_small.xml"};
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  ctx.display_names = {"lists/eu_small.xml"};
  return NewEuXmlReader()->Read(unit, ctx, sink);
}

std::string Fixture() { return testing::TestDataDir() + "/lists/eu_small.xml"; }

TEST(EuXmlReader, CountsAndQuarantine) {
  VecSink sink;
  auto rows = ReadXml(Fixture(), &sink);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, 6);
  EXPECT_EQ(sink.records.size(), 3u);
  ASSERT_EQ(sink.quarantine.size(), 3u);
  EXPECT_EQ(*rows, sink.stored_rows + static_cast<int64_t>(sink.quarantine.size()));
  EXPECT_EQ(sink.quarantine[0].record_id, "eu-9004");
  EXPECT_EQ(sink.quarantine[0].field, "birthdate");
  EXPECT_NE(sink.quarantine[0].reason.find("1971-02-30"), std::string::npos);
  EXPECT_EQ(sink.quarantine[1].record_id, "eu-9005");
  EXPECT_EQ(sink.quarantine[1].field, "nameAlias");
  EXPECT_EQ(sink.quarantine[2].field, "logicalId");
  EXPECT_EQ(sink.quarantine[2].file, "lists/eu_small.xml");
  EXPECT_GT(sink.quarantine[2].line, 40);
}

TEST(EuXmlReader, PersonWithManyLanguages) {
  VecSink sink;
  ASSERT_TRUE(ReadXml(Fixture(), &sink).ok());
  const Entity* e = sink.Find("eu-9001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema().name(), "Person");
  EXPECT_EQ(e->First("name"), "Ivan Sergeyevich Petrov");
  EXPECT_EQ(e->Values("alias"), (Strings{"Иван Сергеевич Петров", "Ivan Sergejevič Petrov"}));
  EXPECT_EQ(e->Values("weakAlias"), (Strings{"Vanya"}));
  EXPECT_EQ(e->Values("program"), (Strings{"UKR"}));  // two regulations, one programme
  EXPECT_EQ(e->Values("authority"), (Strings{"EU"}));
  EXPECT_EQ(e->Values("topics"), (Strings{"sanction"}));
  EXPECT_EQ(e->Values("nationality"), (Strings{"RU"}));
  EXPECT_EQ(e->First("gender"), "male");
  EXPECT_EQ(e->First("position"), "Deputy Director General");
  // 1971-03-14 exactly, and "circa 1973" as 1972..1974.
  EXPECT_EQ(e->Values("birthDate"), (Strings{"1971-03-14", "1973", "1972", "1974"}));
  EXPECT_EQ(e->Values("birthPlace"), (Strings{"Leningrad, RUSSIAN FEDERATION"}));
  EXPECT_EQ(e->Values("passportNumber"), (Strings{"753123456"}));
  EXPECT_EQ(e->Values("taxNumber"), (Strings{"771234567890"}));
  EXPECT_EQ(e->referents().at(0).record_id, "9001");
  EXPECT_EQ(e->referents().at(0).line, 6);
}

TEST(EuXmlReader, EnterpriseAndNonEnglishPrimary) {
  VecSink sink;
  ASSERT_TRUE(ReadXml(Fixture(), &sink).ok());
  const Entity* o = sink.Find("eu-9002");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->schema().name(), "Organization");
  EXPECT_EQ(o->First("name"), "Joint Stock Company Volna Shipbuilding");
  EXPECT_EQ(o->Values("alias"), (Strings{"АО «Волна Судостроение»", "JSC Volna"}));
  EXPECT_EQ(o->Values("registrationNumber"), (Strings{"1027800000123"}));
  EXPECT_EQ(o->Values("address"),
            (Strings{"Nab. Reki Moyki 58, 190000, Saint Petersburg, RUSSIAN FEDERATION"}));
  EXPECT_EQ(o->Values("country"), (Strings{"RU"}));

  const Entity* p = sink.Find("eu-9003");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->First("name"), "عبد الله كريم");
  EXPECT_EQ(p->Values("weakAlias"), (Strings{"Abdullah Karim"}));  // first + last joined
  EXPECT_EQ(p->Values("birthDate"), (Strings{"1980-06"}));
  EXPECT_EQ(p->Values("unscId"), (Strings{"QDi.999"}));
}

TEST(EuXmlReader, MalformedGivesFileAndLine) {
  std::string dir = testing::MakeTempDir();
  std::string path = dir + "/eu.xml";
  testing::WriteFile(path,
                     "<export>\n<sanctionEntity logicalId=\"1\">\n<nameAlias wholeName=\"x\n");
  VecSink sink;
  auto rows = ReadXml(path, &sink);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("lists/eu_small.xml:"), std::string::npos)
      << rows.status().ToString();
  testing::WriteFile(path, "<sdnList/>");
  rows = ReadXml(path, &sink);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("expected <export>"), std::string::npos);
}

}  // namespace
}  // namespace interdict
