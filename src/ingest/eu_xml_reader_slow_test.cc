// The EU FSF XML reader on the real export, when ../shared/data/sanctions/eu/ holds one
// (SOURCES.md: not in the snapshot, the file exceeds its size limit; drop the FSF 1.1
// export at eu/eu_fsf.xml to run this). Skips with a message otherwise.
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/readers.h"
#include "reader_testutil.h"
#include "testutil.h"

namespace interdict {
namespace {

TEST(EuXmlReaderSlow, RealList) {
  std::string path = testing::SharedDataDir() + "/sanctions/eu/eu_fsf.xml";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no real EU FSF XML at " << path;
  testing::VecSink sink;
  InputUnit unit{"eu-xml", {path}, "eu_fsf.xml"};
  ReadContext ctx;
  ctx.display_names = {"eu_fsf.xml"};
  auto rows = NewEuXmlReader()->Read(unit, ctx, &sink);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_GT(*rows, 2000);  // > 2,000 designations since 2022
  EXPECT_EQ(*rows, sink.stored_rows + static_cast<int64_t>(sink.quarantine.size()));
  EXPECT_LT(sink.quarantine.size() * 100, sink.records.size());
  bool putin = false;
  for (const auto& r : sink.records)
    for (const auto& n : r.Values("name"))
      putin |= n == "Vladimir Vladimirovich PUTIN" || n == "Vladimir Vladimirovich Putin";
  EXPECT_TRUE(putin) << "EU lists Vladimir Putin since 2022-02-25 (Regulation 2022/336)";
}

}  // namespace
}  // namespace interdict
