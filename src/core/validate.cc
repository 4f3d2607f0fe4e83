#include "core/validate.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_set>

namespace interdict {
namespace {
// ISO 3166-1 alpha-2 officially assigned codes (2024), plus XK.
const char* kCountries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS YE YT ZA ZM ZW XK";

const std::unordered_set<std::string>& CountrySet() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string>();
    std::string all = kCountries;
    for (size_t i = 0; i + 1 < all.size(); i += 3) s->insert(all.substr(i, 2));
    return s;
  }();
  return *set;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days from civil (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}
}  // namespace

std::string NormalizeImo(std::string_view imo) {
  std::string d;
  size_t i = 0;
  while (i < imo.size() && (imo[i] == ' ')) ++i;
  if (imo.size() - i >= 3 && (imo.substr(i, 3) == "IMO" || imo.substr(i, 3) == "imo")) i += 3;
  for (; i < imo.size(); ++i) {
    char c = imo[i];
    if (c == ' ' || c == ':') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return "";
    d.push_back(c);
  }
  return d.size() == 7 ? d : "";
}

std::string ValidateImo(std::string_view imo) {
  std::string d = NormalizeImo(imo);
  if (d.empty()) return "IMO number must be 7 digits";
  int sum = 0;
  for (int i = 0; i < 6; ++i) sum += (d[i] - '0') * (7 - i);
  if (sum % 10 != d[6] - '0') return "bad IMO check digit";
  return "";
}

std::string ValidateMmsi(std::string_view mmsi) {
  if (mmsi.size() != 9) return "MMSI must be 9 digits";
  for (char c : mmsi)
    if (!std::isdigit(static_cast<unsigned char>(c))) return "MMSI must be 9 digits";
  return "";
}

bool IsCountryCode(std::string_view cc) {
  return cc.size() == 2 && CountrySet().count(std::string(cc)) > 0;
}

std::string ValidateCountry(std::string_view cc) {
  if (!IsCountryCode(cc)) return "not an ISO 3166-1 alpha-2 country code";
  return "";
}

std::string NormalizeHsCode(std::string_view hs) {
  std::string d;
  for (char c : hs) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      d.push_back(c);
    } else if (c != '.' && c != ' ' && c != '-') {
      return "";
    }
  }
  return d;
}

std::string ValidateHsCode(std::string_view hs) {
  std::string d = NormalizeHsCode(hs);
  if (d.size() < 6 || d.size() > 10) return "HS code must have 6 to 10 digits";
  int chapter = (d[0] - '0') * 10 + (d[1] - '0');
  if (chapter < 1 || chapter > 99) return "HS chapter must be 01..99";
  return "";
}

std::string NormalizeLocode(std::string_view code) {
  std::string s;
  for (char c : code) {
    if (c == ' ') continue;
    s.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return s;
}

std::string ValidateLocode(std::string_view code) {
  std::string s = NormalizeLocode(code);
  if (s.size() != 5) return "UN/LOCODE must be 5 characters (country + 3)";
  if (!IsCountryCode(s.substr(0, 2))) return "UN/LOCODE country part is not ISO 3166-1";
  for (size_t i = 2; i < 5; ++i) {
    char c = s[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '9')))
      return "UN/LOCODE location part must be A-Z or 2-9";
  }
  return "";
}

std::optional<int64_t> ParseDateDays(std::string_view s) {
  int y, m, d;
  if (s.size() < 10 || !Digits(s, 0, 4, &y) || s[4] != '-' || !Digits(s, 5, 2, &m) ||
      s[7] != '-' || !Digits(s, 8, 2, &d))
    return std::nullopt;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  int max = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  if (d > max) return std::nullopt;
  if (s.size() > 10) {
    if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  }
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<int64_t> ParseIsoSeconds(std::string_view s) {
  auto days = ParseDateDays(s);
  if (!days) return std::nullopt;
  int64_t secs = *days * 86400;
  if (s.size() == 10) return secs;
  int hh, mm, ss = 0;
  if (!Digits(s, 11, 2, &hh) || s.size() < 16 || s[13] != ':' || !Digits(s, 14, 2, &mm))
    return std::nullopt;
  size_t p = 16;
  if (p < s.size() && s[p] == ':') {
    if (!Digits(s, 17, 2, &ss)) return std::nullopt;
    p = 19;
    if (p < s.size() && s[p] == '.') {
      ++p;
      while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  if (p < s.size()) {
    if (s.substr(p) != "Z" && s.substr(p) != "+00:00") return std::nullopt;
  }
  return secs + hh * 3600 + mm * 60 + ss;
}

std::string ValidateDate(std::string_view date) {
  if (!ParseIsoSeconds(date) && !ParseDateDays(date)) return "not a valid date (YYYY-MM-DD)";
  return "";
}

std::optional<double> ParseNumber(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string ValidateNumber(std::string_view s, bool allow_negative) {
  auto v = ParseNumber(s);
  if (!v) return "not a number";
  if (!allow_negative && *v < 0) return "must not be negative";
  return "";
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0, n = s.size();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += len;
  }
  return true;
}

}  // namespace interdict
