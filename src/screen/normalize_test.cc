#include <gtest/gtest.h>

#include "interdict/screen.h"
#include "screen/screen_internal.h"

namespace interdict::screen {
namespace {

std::string Latin(std::string_view s) { return ToLatinAscii(s); }

TEST(ToLatinAscii, FoldsCaseAndPunctuation) {
  EXPECT_EQ(Latin("ACME Trading, L.L.C."), "acme trading llc");
  EXPECT_EQ(Latin("J. C. Juncker"), "j c juncker");
  EXPECT_EQ(Latin("Volkswagen Bank G.m.b.H."), "volkswagen bank gmbh");
  EXPECT_EQ(Latin("O'Brien  -  Smith"), "obrien smith");
  EXPECT_EQ(Latin(""), "");
}

TEST(ToLatinAscii, Transliterates) {
  EXPECT_EQ(Latin("Владимир Путин"), "vladimir putin");
  EXPECT_EQ(Latin("Дмитрий Медведев"), "dmitriy medvedev");
  EXPECT_EQ(Latin("Müller Straße"), "muller strasse");
  EXPECT_EQ(Latin("习近平"), "xi jin ping");
  EXPECT_EQ(Latin("ウラジーミル・プーチン"), "urajimiru puchin");
  EXPECT_EQ(Latin("김정은"), "gim jeong eun");
  EXPECT_EQ(Latin("محمد علي"), "mhmd ly");
}

TEST(PhoneticKey, FoldsSpellings) {
  EXPECT_EQ(PhoneticKey("aleksandr"), PhoneticKey("alexander"));
  EXPECT_EQ(PhoneticKey("mohammed"), PhoneticKey("muhammad"));
  EXPECT_EQ(PhoneticKey("yevgeny"), PhoneticKey("evgeni"));
  EXPECT_NE(PhoneticKey("putin"), PhoneticKey("patel"));
}

TEST(ConsonantSkeleton, Basics) {
  EXPECT_EQ(ConsonantSkeleton("mohamed"), "mhmd");
  EXPECT_EQ(ConsonantSkeleton("hussein"), "hsn");
  EXPECT_EQ(ConsonantSkeleton("david"), "dvd");
  EXPECT_EQ(ConsonantSkeleton("dwd"), "dvd");
}

TEST(AnalyzeName, LegalForms) {
  AnalyzedName a = AnalyzeName("ООО «Ромашка»", NameType::kOrganization);
  EXPECT_EQ(a.latin, "llc romashka");
  EXPECT_TRUE(a.transliterated);
  EXPECT_EQ(AnalyzeName("Romashka Limited Liability Company", NameType::kOrganization).latin,
            "romashka llc");
  EXPECT_EQ(AnalyzeName("Siemens Aktiengesellschaft", NameType::kOrganization).latin, "siemens ag");
  EXPECT_EQ(AnalyzeName("LUKOIL OIL COMP", NameType::kOrganization).latin, "lukoil oil co");
  AnalyzedName p = AnalyzeName("Shaikh Isa Bin Tarif Al Bin Ali", NameType::kPerson);
  ASSERT_EQ(p.tokens.size(), 7u);
  EXPECT_EQ(p.tokens[0].kind, TokenKind::kStop);
  EXPECT_EQ(p.tokens[1].kind, TokenKind::kWord);
  EXPECT_EQ(p.tokens[2].kind, TokenKind::kStop);
}

TEST(EditDistance, Bounded) {
  EXPECT_EQ(EditDistance("scholz", "scholze", 2), 1);
  EXPECT_EQ(EditDistance("ab", "ba", 2), 1);
  EXPECT_EQ(EditDistance("abcdef", "uvwxyz", 2), 3);
  EXPECT_EQ(EditDistance("", "abc", 5), 3);
}

double S(std::string_view a, std::string_view b, std::string_view schema = "Person") {
  return CompareNameStrings(a, b, schema).score;
}

TEST(CompareNames, PersonBasics) {
  EXPECT_DOUBLE_EQ(S("Vladimir Putin", "PUTIN, Vladimir"), 1.0);
  EXPECT_GT(S("Olaf Scholze", "Olaf Scholz"), 0.7);
  EXPECT_LT(S("Octavian Scholz", "Olaf Scholz"), 0.7);
  EXPECT_GT(S("Vladimir Putin", "Vladimir Vladimirovich Putin"), 0.9);
  EXPECT_LT(S("Vladimir Vladimirovich Putin", "Vladimir Putin"), 0.85);
  EXPECT_GT(S("Jon Smith", "John Smith"), 0.7);
  EXPECT_GT(S("Владимир Путин", "Vladimir Putin"), 0.95);
  EXPECT_GT(S("محمد علي", "Mohamed Ali"), 0.7);
  EXPECT_LT(S("Usama bin Laden", "Shaikh Isa Bin Tarif Al Bin Ali"), 0.5);
}

TEST(CompareNames, Organisations) {
  EXPECT_GT(S("SiemensAG", "Siemens AG", "Company"), 0.8);
  EXPECT_GT(S("Siemens Aktiengesellschaft", "Siemens AG", "Company"), 0.99);
  EXPECT_LT(S("Volkswagen Aktiengesellschaft", "Siemens Aktiengesellschaft", "Company"), 0.6);
  EXPECT_GT(S("OOO Romashka", "Romashka LLC", "Company"), 0.99);
  NameComparison c = CompareNameStrings("ACME Shipping 2", "ACME Shipping 3", "Vessel");
  EXPECT_LT(c.score, 0.6);
}

TEST(CompareNames, ExplainsParts) {
  NameComparison c = CompareNameStrings("Osama bin Laden", "Usama Bin Ladin", "Person");
  ASSERT_FALSE(c.parts.empty());
  bool fuzzy = false;
  for (const auto& p : c.parts) fuzzy |= p.how != "exact";
  EXPECT_TRUE(fuzzy);
}

}  // namespace
}  // namespace interdict::screen
