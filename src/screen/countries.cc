// Country names and codes -> ISO 3166-1 alpha-2, from ICU's English display names plus
// the official long forms that UN and OFAC lists use.
#include <unicode/locid.h>

#include <string>
#include <unordered_map>

#include "interdict/screen.h"

namespace interdict::screen {
namespace {

std::unordered_map<std::string, std::string> BuildTable() {
  std::unordered_map<std::string, std::string> t;
  for (const char* const* cc = icu::Locale::getISOCountries(); cc && *cc; ++cc) {
    std::string code(*cc);
    if (code.size() != 2) continue;
    icu::Locale loc("", code.c_str());
    icu::UnicodeString name;
    loc.getDisplayCountry(icu::Locale::getEnglish(), name);
    std::string utf8;
    name.toUTF8String(utf8);
    t[ToLatinAscii(utf8)] = code;
  }
  const std::pair<const char*, const char*> extra[] = {
      {"democratic republic of the congo", "CD"},
      {"congo kinshasa", "CD"},
      {"republic of the congo", "CG"},
      {"congo", "CG"},
      {"iran islamic republic of", "IR"},
      {"islamic republic of iran", "IR"},
      {"syrian arab republic", "SY"},
      {"democratic peoples republic of korea", "KP"},
      {"korea democratic peoples republic of", "KP"},
      {"korea north", "KP"},
      {"north korea", "KP"},
      {"republic of korea", "KR"},
      {"korea south", "KR"},
      {"south korea", "KR"},
      {"russian federation", "RU"},
      {"russia", "RU"},
      {"united republic of tanzania", "TZ"},
      {"viet nam", "VN"},
      {"lao peoples democratic republic", "LA"},
      {"libyan arab jamahiriya", "LY"},
      {"bolivia plurinational state of", "BO"},
      {"venezuela bolivarian republic of", "VE"},
      {"republic of moldova", "MD"},
      {"moldova republic of", "MD"},
      {"united kingdom of great britain and northern ireland", "GB"},
      {"united kingdom", "GB"},
      {"uk", "GB"},
      {"great britain", "GB"},
      {"united states of america", "US"},
      {"united states", "US"},
      {"usa", "US"},
      {"state of palestine", "PS"},
      {"palestinian territory", "PS"},
      {"palestine", "PS"},
      {"turkiye", "TR"},
      {"turkey", "TR"},
      {"burma", "MM"},
      {"myanmar", "MM"},
      {"cote divoire", "CI"},
      {"ivory coast", "CI"},
      {"czech republic", "CZ"},
      {"the former yugoslav republic of macedonia", "MK"},
      {"north macedonia", "MK"},
      {"kosovo", "XK"},
      {"sudan", "SD"},
      {"south sudan", "SS"},
      {"syria", "SY"},
      {"iran", "IR"},
      {"afghanistan", "AF"},
      {"iraq", "IQ"},
      {"yemen", "YE"},
      {"somalia", "SO"},
      {"eswatini", "SZ"},
      {"swaziland", "SZ"},
      {"cabo verde", "CV"},
      {"hong kong", "HK"},
      {"macau", "MO"},
      {"macao", "MO"},
      {"taiwan", "TW"},
      {"west bank", "PS"},
      {"gaza", "PS"},
      {"crimea", "UA"}};
  for (const auto& [n, c] : extra) t[n] = c;
  return t;
}

}  // namespace

std::string CountryCode(std::string_view name_or_code) {
  static const std::unordered_map<std::string, std::string> table = BuildTable();
  std::string s = ToLatinAscii(name_or_code);
  if (s.size() == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z') {
    std::string up = {char(s[0] - 32), char(s[1] - 32)};
    return up;
  }
  auto it = table.find(s);
  if (it != table.end()) return it->second;
  // "Iran (Islamic Republic of)" -> "iran islamic republic of" already; try the head.
  size_t sp = s.find(' ');
  while (sp != std::string::npos) {
    auto h = table.find(s.substr(0, sp));
    if (h != table.end() && sp >= 4) return h->second;
    sp = s.find(' ', sp + 1);
  }
  return "";
}

}  // namespace interdict::screen
