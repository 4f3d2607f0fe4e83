#include "core/csv.h"

#include <gtest/gtest.h>

namespace interdict {
namespace {

std::vector<CsvRecord> All(std::string_view data) {
  CsvReader r(data);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r.Next(&rec)) out.push_back(rec);
  return out;
}

TEST(Csv, QuotedFieldsWithNewlinesKeepLineNumbers) {
  auto recs = All("a,b\n1,\"x\ny\"\n2,\"he said \"\"hi\"\"\"\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].fields[1], "x\ny");
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[1].end_line, 3);
  EXPECT_EQ(recs[2].line, 4);
  EXPECT_EQ(recs[2].fields[1], "he said \"hi\"");
}

TEST(Csv, BomCrlfAndDosEof) {
  auto recs = All("\xEF\xBB\xBF" "id,name\r\n1,\"A\" \r\n2,-0- \r\n\x1a");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields[0], "id");
  EXPECT_EQ(recs[1].fields[1], "A");  // blanks after the closing quote are ignored
  EXPECT_EQ(recs[2].fields[1], "-0- ");
  EXPECT_TRUE(recs[2].error.empty());
}

TEST(Csv, UnterminatedQuoteIsReportedWithItsLine) {
  auto recs = All("a,b\n1,\"open\n2,3\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_NE(recs[1].error.find("unterminated"), std::string::npos);
  EXPECT_NE(recs[1].error.find("line 2"), std::string::npos);
  EXPECT_EQ(recs[1].error_field, 1u);
  EXPECT_EQ(recs[0].error_field, SIZE_MAX);
}

TEST(Csv, GarbageAfterClosingQuoteIsAnError) {
  auto recs = All("z,\"a\"x,b\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_FALSE(recs[0].error.empty());
  EXPECT_EQ(recs[0].error_field, 1u);
}

TEST(Csv, EmptyFieldsAndBlankLines) {
  auto recs = All("a,,c\n\n,,\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"a", "", "c"}));
  EXPECT_EQ(recs[1].fields.size(), 3u);
  EXPECT_EQ(recs[1].line, 3);
}

TEST(Csv, EscapeRoundTrips) {
  std::vector<std::string> f = {"plain", "a,b", "q\"uote", "multi\nline", " pad "};
  auto recs = All(CsvLine(f) + "\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields, f);
}

// Fuzz-style robustness: every prefix of a tricky document parses without crashing and
// without reading past the buffer (ASan job).
TEST(Csv, EveryPrefixParses) {
  std::string doc = "\xEF\xBB\xBFid,\"na\"\"me\"\r\n1,\"x\r\ny\"  ,z\n\"unterminated,\n\x1a";
  for (size_t n = 0; n <= doc.size(); ++n) {
    std::string prefix = doc.substr(0, n);
    auto recs = All(prefix);
    EXPECT_LE(recs.size(), 4u);
  }
}

}  // namespace
}  // namespace interdict
