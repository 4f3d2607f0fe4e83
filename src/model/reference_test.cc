#include "model/reference.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "core/validate.h"

namespace interdict {
namespace {

TEST(Chpl, FiftyCodesInSixTiers) {
  const auto& t = ChplTable();
  ASSERT_EQ(t.size(), 50u);
  std::set<std::string> codes;
  std::map<std::string, int> per_tier;
  for (const auto& e : t) {
    EXPECT_EQ(e.hs6.size(), 6u) << e.hs6;
    EXPECT_TRUE(ValidateHsCode(e.hs6).empty()) << e.hs6;
    EXPECT_FALSE(e.description.empty()) << e.hs6;
    codes.insert(e.hs6);
    ++per_tier[e.tier];
  }
  EXPECT_EQ(codes.size(), 50u) << "duplicate HS code";
  EXPECT_EQ(per_tier["1"], 4);
  EXPECT_EQ(per_tier["2"], 5);
  EXPECT_EQ(per_tier["3.A"], 16);
  EXPECT_EQ(per_tier["3.B"], 9);
  EXPECT_EQ(per_tier["4.A"], 11);
  EXPECT_EQ(per_tier["4.B"], 5);
  EXPECT_EQ(per_tier.size(), 6u);
}

TEST(Chpl, FindByPrefix) {
  const ChplEntry* e = FindChpl("8542.31");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->hs6, "854231");
  EXPECT_EQ(e->tier, "1");
  ASSERT_NE(FindChpl("85423100"), nullptr);  // national 8-digit code
  ASSERT_NE(FindChpl("8542 39 90 00"), nullptr);
  EXPECT_EQ(FindChpl("848250")->tier, "3.B");
  EXPECT_EQ(FindChpl("846693")->tier, "4.B");
  EXPECT_EQ(FindChpl("854800")->tier, "2");
  EXPECT_EQ(FindChpl("090111"), nullptr);  // coffee
  EXPECT_EQ(FindChpl("85423"), nullptr);   // too short
  EXPECT_EQ(FindChpl(""), nullptr);
  EXPECT_EQ(FindChpl("abc"), nullptr);
}

TEST(Hubs, Fin2022Alert003) {
  EXPECT_EQ(TransshipmentHubs().size(), 18u);
  for (const char* cc : {"AM", "BR", "CN", "GE", "IN", "IL", "KZ", "KG", "MX", "NI", "RS", "SG",
                         "ZA", "TW", "TJ", "TR", "AE", "UZ"}) {
    EXPECT_TRUE(IsTransshipmentHub(cc)) << cc;
  }
  EXPECT_TRUE(IsTransshipmentHub("ae"));
  EXPECT_FALSE(IsTransshipmentHub("RU"));
  EXPECT_FALSE(IsTransshipmentHub("DE"));
  EXPECT_FALSE(IsTransshipmentHub(""));
  EXPECT_FALSE(IsTransshipmentHub("AEX"));
  for (const auto& cc : TransshipmentHubs()) EXPECT_TRUE(IsCountryCode(cc)) << cc;
}

TEST(Countries, EveryValidCodeHasANameThatMapsBack) {
  int n = 0;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      std::string cc{a, b};
      if (!IsCountryCode(cc)) {
        EXPECT_EQ(CountryName(cc), cc);
        continue;
      }
      ++n;
      std::string name = CountryName(cc);
      EXPECT_NE(name, cc) << cc << " has no name";
      EXPECT_EQ(CountryCodeFromName(name), cc) << name;
    }
  }
  EXPECT_EQ(n, 250);  // 249 ISO 3166-1 codes + XK
}

TEST(Countries, Names) {
  EXPECT_EQ(CountryName("PA"), "Panama");
  EXPECT_EQ(CountryName("pa"), "Panama");
  EXPECT_EQ(CountryName("KP"), "North Korea");
  EXPECT_EQ(CountryName("XK"), "Kosovo");
  EXPECT_EQ(CountryName("ZZ"), "ZZ");
  EXPECT_EQ(CountryName(""), "");
}

TEST(Countries, OfacAndUnSpellings) {
  struct Case {
    const char* name;
    const char* code;
  } cases[] = {
      {"Korea, North", "KP"},
      {"North Korea", "KP"},
      {"Democratic People's Republic of Korea", "KP"},
      {"Korea, South", "KR"},
      {"Iran", "IR"},
      {"Iran (Islamic Republic of)", "IR"},
      {"Russia", "RU"},
      {"Russian Federation", "RU"},
      {"Burma", "MM"},
      {"Myanmar", "MM"},
      {"Syria", "SY"},
      {"Venezuela", "VE"},
      {"Moldova", "MD"},
      {"Tanzania", "TZ"},
      {"Vietnam", "VN"},
      {"Viet Nam", "VN"},
      {"Bolivia", "BO"},
      {"Laos", "LA"},
      {"Congo, Democratic Republic of the", "CD"},
      {"Democratic Republic of the Congo", "CD"},
      {"Congo, Republic of the", "CG"},
      {"Cote d'Ivoire", "CI"},
      {"Cote d Ivoire", "CI"},
      {"C\xC3\xB4te d'Ivoire", "CI"},
      {"United Kingdom", "GB"},
      {"United States", "US"},
      {"Taiwan", "TW"},
      {"Hong Kong", "HK"},
      {"Macau", "MO"},
      {"Macao", "MO"},
      {"West Bank", "PS"},
      {"Palestinian", "PS"},
      {"Gaza", "PS"},
      {"Turkey", "TR"},
      {"Turkiye", "TR"},
      {"T\xC3\xBCrkiye", "TR"},
      {"Czech Republic", "CZ"},
      {"Czechia", "CZ"},
      {"Kyrgyzstan", "KG"},
      {"Panama", "PA"},
      {"St. Kitts and Nevis", "KN"},
      {"St. Kitts & Nevis", "KN"},
      {"Saint Kitts and Nevis", "KN"},
      {"Saint Vincent and the Grenadines", "VC"},
      {"St. Vincent and the Grenadines", "VC"},
      {"Sierra Leone", "SL"},
      {"Comoros", "KM"},
      {"Cook Islands", "CK"},
      {"Tuvalu", "TV"},
      {"Togo", "TG"},
      {"Cameroon", "CM"},
      {"Marshall Islands", "MH"},
      {"Liberia", "LR"},
      {"Belize", "BZ"},
      {"Bahamas, The", "BS"},
      {"The Gambia", "GM"},
      {"British Virgin Islands", "VG"},
      {"Virgin Islands, British", "VG"},
      {"Man, Isle of", "IM"},
      {"Macedonia, The Former Yugoslav Republic of", "MK"},
      {"North Macedonia, The Republic of", "MK"},
      {"Kosovo", "XK"},
      {"Cabo Verde", "CV"},
      {"Brunei", "BN"},
      {"Guinea-Bissau", "GW"},
      {"Guinea", "GN"},
      {"Equatorial Guinea", "GQ"},
      {"Niger", "NE"},
      {"Nigeria", "NG"},
      {"Dominica", "DM"},
      {"Dominican Republic", "DO"},
      {"United Arab Emirates", "AE"},
  };
  for (const auto& c : cases) EXPECT_EQ(CountryCodeFromName(c.name), c.code) << c.name;
}

TEST(Countries, CaseAndBlanksDoNotMatter) {
  EXPECT_EQ(CountryCodeFromName("KOREA, NORTH"), "KP");
  EXPECT_EQ(CountryCodeFromName("  korea,   north "), "KP");
  EXPECT_EQ(CountryCodeFromName("iran"), "IR");
  EXPECT_EQ(CountryCodeFromName("PA"), "PA");  // a code is accepted as itself
  EXPECT_EQ(CountryCodeFromName("pa"), "PA");
}

TEST(Countries, UnknownNamesGiveEmpty) {
  EXPECT_EQ(CountryCodeFromName(""), "");
  EXPECT_EQ(CountryCodeFromName("Atlantis"), "");
  EXPECT_EQ(CountryCodeFromName("Netherlands Antilles"), "");  // dissolved, no code
  EXPECT_EQ(CountryCodeFromName("None Identified"), "");
  EXPECT_EQ(CountryCodeFromName("ZZ"), "");
  EXPECT_EQ(CountryCodeFromName("Korea"), "");  // ambiguous on purpose
}

}  // namespace
}  // namespace interdict
