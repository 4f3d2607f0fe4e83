#include "core/validate.h"

#include <gtest/gtest.h>

namespace interdict {
namespace {

TEST(Validate, ImoCheckDigit) {
  // Published examples: IMO 9074729 (check digit 9), 7406784 (OFAC SDN 'EBANO').
  EXPECT_EQ(ValidateImo("9074729"), "");
  EXPECT_EQ(ValidateImo("IMO 7406784"), "");
  EXPECT_EQ(ValidateImo("9074728"), "bad IMO check digit");
  EXPECT_NE(ValidateImo("907472"), "");
  EXPECT_NE(ValidateImo("90747290"), "");
  EXPECT_EQ(NormalizeImo("IMO 9074729"), "9074729");
}

TEST(Validate, CountriesHsLocode) {
  EXPECT_TRUE(IsCountryCode("DE"));
  EXPECT_TRUE(IsCountryCode("XK"));
  EXPECT_FALSE(IsCountryCode("UK"));  // the ISO code is GB
  EXPECT_FALSE(IsCountryCode("de"));
  EXPECT_EQ(ValidateHsCode("090111"), "");
  EXPECT_EQ(NormalizeHsCode("0901.11"), "090111");
  EXPECT_EQ(ValidateHsCode("8542.31.0000"), "");
  EXPECT_NE(ValidateHsCode("8542"), "");
  EXPECT_NE(ValidateHsCode("00123456"), "");
  EXPECT_NE(ValidateHsCode("85A231"), "");
  EXPECT_EQ(ValidateLocode("DEHAM"), "");
  EXPECT_EQ(ValidateLocode("NL RTM"), "");
  EXPECT_NE(ValidateLocode("ZZHAM"), "");
  EXPECT_NE(ValidateLocode("DEH1M"), "");  // digits 0 and 1 are not used
}

TEST(Validate, Dates) {
  EXPECT_EQ(ValidateDate("2024-02-29"), "");
  EXPECT_NE(ValidateDate("2023-02-29"), "");
  EXPECT_NE(ValidateDate("2024-13-01"), "");
  EXPECT_NE(ValidateDate("24-01-01"), "");
  EXPECT_EQ(*ParseDateDays("1970-01-02"), 1);
  EXPECT_EQ(*ParseIsoSeconds("2024-05-03T12:00:00Z"), 1714737600);
  EXPECT_EQ(*ParseIsoSeconds("2024-05-03 12:00"), 1714737600);
  EXPECT_FALSE(ParseIsoSeconds("2024-05-03T25:00:00Z"));
}

TEST(Validate, Numbers) {
  EXPECT_EQ(*ParseNumber(" 12.5 "), 12.5);
  EXPECT_EQ(*ParseNumber("1e3"), 1000);
  EXPECT_FALSE(ParseNumber("12,5"));
  EXPECT_FALSE(ParseNumber("inf"));
  EXPECT_FALSE(ParseNumber(""));
  EXPECT_NE(ValidateNumber("-1"), "");
  EXPECT_EQ(ValidateNumber("-1", true), "");
}

TEST(Validate, Utf8) {
  EXPECT_TRUE(IsValidUtf8("Москва 東京"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));       // truncated
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x9A\xA2"));   // ship emoji
}

}  // namespace
}  // namespace interdict
