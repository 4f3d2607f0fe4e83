// The sdn.xml reader on a real OFAC sdn.xml, when ../shared/data/sanctions/ofac/ holds one
// (SOURCES.md: the snapshot has none today, the file is ~10 MB; drop one at
// ofac/sdn_xml/sdn.xml to run this). Skips with a message otherwise.
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/readers.h"
#include "reader_testutil.h"
#include "testutil.h"

namespace interdict {
namespace {

TEST(SdnXmlReaderSlow, RealList) {
  std::string path = testing::SharedDataDir() + "/sanctions/ofac/sdn_xml/sdn.xml";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no real sdn.xml at " << path;
  testing::VecSink sink;
  InputUnit unit{"ofac-xml", {path}, "sdn.xml"};
  ReadContext ctx;
  ctx.display_names = {"sdn.xml"};
  auto rows = NewSdnXmlReader()->Read(unit, ctx, &sink);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_GT(*rows, 10000);  // the SDN list has had > 10,000 entries since 2021
  EXPECT_EQ(*rows, sink.stored_rows + static_cast<int64_t>(sink.quarantine.size()));
  EXPECT_LT(sink.quarantine.size() * 100, sink.records.size());  // < 1 % quarantined
  // uid 36, AEROCARIBBEAN AIRLINES (CUBA), one of the oldest entries on the list.
  const Entity* e = sink.Find("ofac-36");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->First("name"), "AEROCARIBBEAN AIRLINES");
  EXPECT_EQ(e->First("program"), "CUBA");
  int vessels_with_imo = 0;
  for (const auto& r : sink.records)
    vessels_with_imo += r.schema().name() == "Vessel" && r.Has("imoNumber");
  EXPECT_GT(vessels_with_imo, 500);
}

}  // namespace
}  // namespace interdict
