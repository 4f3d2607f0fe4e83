// Built-in reference tables (see reference.h). Every table is built once, on first use, into
// a heap object that is never freed (no static destruction order issues) and is read-only
// afterwards, so lookups are safe from any thread.
#include "model/reference.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/strings.h"
#include "core/validate.h"

namespace interdict {
namespace {

// Common High Priority List, version 2024-02-23 (BIS, with the EU, Japan and the UK):
// https://www.bis.gov/articles/common-high-priority-list — HS 2022 six-digit codes, in the
// list's own tier order. Descriptions are short paraphrases of the HS 2022 headings.
const std::vector<ChplEntry>& ChplData() {
  static const auto* table = new std::vector<ChplEntry>{
      // Tier 1: integrated circuits.
      {"854231", "1", "Electronic integrated circuits: processors and controllers"},
      {"854232", "1", "Electronic integrated circuits: memories"},
      {"854233", "1", "Electronic integrated circuits: amplifiers"},
      {"854239", "1", "Electronic integrated circuits: other"},
      // Tier 2: radio, navigation and passive electronic components.
      {"851762", "2",
       "Machines for the reception, conversion and transmission of voice, images or data"},
      {"852691", "2", "Radio navigational aid apparatus (e.g. GNSS receivers)"},
      {"853221", "2", "Fixed capacitors: tantalum"},
      {"853224", "2", "Fixed capacitors: ceramic dielectric, multilayer"},
      {"854800", "2", "Electrical parts of machinery or apparatus, not specified elsewhere"},
      // Tier 3.A: other electronics.
      {"847150", "3.A", "Processing units for automatic data-processing machines"},
      {"850440", "3.A", "Static converters (rectifiers, inverters, power supplies)"},
      {"851769", "3.A", "Other apparatus for the transmission or reception of voice or data"},
      {"852589", "3.A", "Other television, digital and video cameras"},
      {"852910", "3.A", "Aerials and aerial reflectors, and parts thereof"},
      {"852990", "3.A", "Parts for radio, radar, television and camera apparatus"},
      {"853669", "3.A", "Plugs and sockets, for a voltage not exceeding 1,000 V"},
      {"853690", "3.A", "Other apparatus for switching or connecting circuits, up to 1,000 V"},
      {"854110", "3.A", "Diodes, other than photosensitive or light-emitting diodes"},
      {"854121", "3.A", "Transistors (not photosensitive), dissipation below 1 W"},
      {"854129", "3.A", "Other transistors (not photosensitive)"},
      {"854130", "3.A", "Thyristors, diacs and triacs (not photosensitive)"},
      {"854149", "3.A", "Photosensitive semiconductor devices, other than photovoltaic"},
      {"854151", "3.A", "Semiconductor-based transducers"},
      {"854159", "3.A", "Other semiconductor devices"},
      {"854160", "3.A", "Mounted piezo-electric crystals"},
      // Tier 3.B: bearings, aircraft parts and optics/navigation.
      {"848210", "3.B", "Ball bearings"},
      {"848220", "3.B", "Tapered roller bearings"},
      {"848230", "3.B", "Spherical roller bearings"},
      {"848250", "3.B", "Other cylindrical roller bearings"},
      {"880730", "3.B", "Other parts of aeroplanes, helicopters or unmanned aircraft"},
      {"901310", "3.B", "Telescopic sights for arms; periscopes; telescopes for machines"},
      {"901380", "3.B", "Other optical devices, appliances and instruments"},
      {"901420", "3.B", "Instruments and appliances for aeronautical or space navigation"},
      {"901480", "3.B", "Other navigational instruments and appliances"},
      // Tier 4.A: manufacturing, production and quality testing equipment for electronics.
      {"847180", "4.A", "Other units of automatic data-processing machines"},
      {"848610", "4.A", "Machines for the manufacture of boules or wafers"},
      {"848620", "4.A", "Machines for the manufacture of semiconductor devices or ICs"},
      {"848640", "4.A", "Machines of Note 11(C) to Chapter 84 (masks, reticles, IC assembly)"},
      {"853400", "4.A", "Printed circuits"},
      {"854320", "4.A", "Signal generators"},
      {"902750", "4.A", "Other instruments using optical radiation (UV, visible, IR)"},
      {"903020", "4.A", "Oscilloscopes and oscillographs"},
      {"903032", "4.A", "Multimeters with a recording device"},
      {"903039", "4.A", "Instruments measuring voltage, current, resistance or power, recording"},
      {"903082", "4.A", "Instruments for measuring or checking semiconductor wafers or devices"},
      // Tier 4.B: machine tools.
      {"845710", "4.B", "Machining centres for working metal"},
      {"845811", "4.B", "Horizontal lathes for removing metal, numerically controlled"},
      {"845891", "4.B", "Other lathes for removing metal, numerically controlled"},
      {"845961", "4.B", "Milling machines for metal, numerically controlled"},
      {"846693", "4.B", "Parts and accessories for machine tools of headings 8456 to 8461"},
  };
  return *table;
}

// ISO 3166-1 alpha-2 codes with their English short names (ISO 3166 Maintenance Agency,
// shortened where the ISO form is a long descriptive one: "Bolivia", "Iran", "Russia"),
// plus XK (Kosovo), which is user-assigned but in universal use. Must cover every code
// that core/validate.cc accepts; reference_test checks that.
const std::vector<std::pair<const char*, const char*>>& CountryNames() {
  static const auto* table = new std::vector<std::pair<const char*, const char*>>{
      {"AD", "Andorra"},
      {"AE", "United Arab Emirates"},
      {"AF", "Afghanistan"},
      {"AG", "Antigua and Barbuda"},
      {"AI", "Anguilla"},
      {"AL", "Albania"},
      {"AM", "Armenia"},
      {"AO", "Angola"},
      {"AQ", "Antarctica"},
      {"AR", "Argentina"},
      {"AS", "American Samoa"},
      {"AT", "Austria"},
      {"AU", "Australia"},
      {"AW", "Aruba"},
      {"AX", "\xC3\x85land Islands"},
      {"AZ", "Azerbaijan"},
      {"BA", "Bosnia and Herzegovina"},
      {"BB", "Barbados"},
      {"BD", "Bangladesh"},
      {"BE", "Belgium"},
      {"BF", "Burkina Faso"},
      {"BG", "Bulgaria"},
      {"BH", "Bahrain"},
      {"BI", "Burundi"},
      {"BJ", "Benin"},
      {"BL", "Saint Barth\xC3\xA9lemy"},
      {"BM", "Bermuda"},
      {"BN", "Brunei Darussalam"},
      {"BO", "Bolivia"},
      {"BQ", "Bonaire, Sint Eustatius and Saba"},
      {"BR", "Brazil"},
      {"BS", "Bahamas"},
      {"BT", "Bhutan"},
      {"BV", "Bouvet Island"},
      {"BW", "Botswana"},
      {"BY", "Belarus"},
      {"BZ", "Belize"},
      {"CA", "Canada"},
      {"CC", "Cocos (Keeling) Islands"},
      {"CD", "Congo, Democratic Republic of the"},
      {"CF", "Central African Republic"},
      {"CG", "Congo, Republic of the"},
      {"CH", "Switzerland"},
      {"CI", "C\xC3\xB4te d'Ivoire"},
      {"CK", "Cook Islands"},
      {"CL", "Chile"},
      {"CM", "Cameroon"},
      {"CN", "China"},
      {"CO", "Colombia"},
      {"CR", "Costa Rica"},
      {"CU", "Cuba"},
      {"CV", "Cabo Verde"},
      {"CW", "Cura\xC3\xA7\x61o"},  // \x61 = a
      {"CX", "Christmas Island"},
      {"CY", "Cyprus"},
      {"CZ", "Czechia"},
      {"DE", "Germany"},
      {"DJ", "Djibouti"},
      {"DK", "Denmark"},
      {"DM", "Dominica"},
      {"DO", "Dominican Republic"},
      {"DZ", "Algeria"},
      {"EC", "Ecuador"},
      {"EE", "Estonia"},
      {"EG", "Egypt"},
      {"EH", "Western Sahara"},
      {"ER", "Eritrea"},
      {"ES", "Spain"},
      {"ET", "Ethiopia"},
      {"FI", "Finland"},
      {"FJ", "Fiji"},
      {"FK", "Falkland Islands (Malvinas)"},
      {"FM", "Micronesia, Federated States of"},
      {"FO", "Faroe Islands"},
      {"FR", "France"},
      {"GA", "Gabon"},
      {"GB", "United Kingdom"},
      {"GD", "Grenada"},
      {"GE", "Georgia"},
      {"GF", "French Guiana"},
      {"GG", "Guernsey"},
      {"GH", "Ghana"},
      {"GI", "Gibraltar"},
      {"GL", "Greenland"},
      {"GM", "Gambia"},
      {"GN", "Guinea"},
      {"GP", "Guadeloupe"},
      {"GQ", "Equatorial Guinea"},
      {"GR", "Greece"},
      {"GS", "South Georgia and the South Sandwich Islands"},
      {"GT", "Guatemala"},
      {"GU", "Guam"},
      {"GW", "Guinea-Bissau"},
      {"GY", "Guyana"},
      {"HK", "Hong Kong"},
      {"HM", "Heard Island and McDonald Islands"},
      {"HN", "Honduras"},
      {"HR", "Croatia"},
      {"HT", "Haiti"},
      {"HU", "Hungary"},
      {"ID", "Indonesia"},
      {"IE", "Ireland"},
      {"IL", "Israel"},
      {"IM", "Isle of Man"},
      {"IN", "India"},
      {"IO", "British Indian Ocean Territory"},
      {"IQ", "Iraq"},
      {"IR", "Iran"},
      {"IS", "Iceland"},
      {"IT", "Italy"},
      {"JE", "Jersey"},
      {"JM", "Jamaica"},
      {"JO", "Jordan"},
      {"JP", "Japan"},
      {"KE", "Kenya"},
      {"KG", "Kyrgyzstan"},
      {"KH", "Cambodia"},
      {"KI", "Kiribati"},
      {"KM", "Comoros"},
      {"KN", "Saint Kitts and Nevis"},
      {"KP", "North Korea"},
      {"KR", "South Korea"},
      {"KW", "Kuwait"},
      {"KY", "Cayman Islands"},
      {"KZ", "Kazakhstan"},
      {"LA", "Laos"},
      {"LB", "Lebanon"},
      {"LC", "Saint Lucia"},
      {"LI", "Liechtenstein"},
      {"LK", "Sri Lanka"},
      {"LR", "Liberia"},
      {"LS", "Lesotho"},
      {"LT", "Lithuania"},
      {"LU", "Luxembourg"},
      {"LV", "Latvia"},
      {"LY", "Libya"},
      {"MA", "Morocco"},
      {"MC", "Monaco"},
      {"MD", "Moldova"},
      {"ME", "Montenegro"},
      {"MF", "Saint Martin (French part)"},
      {"MG", "Madagascar"},
      {"MH", "Marshall Islands"},
      {"MK", "North Macedonia"},
      {"ML", "Mali"},
      {"MM", "Myanmar"},
      {"MN", "Mongolia"},
      {"MO", "Macao"},
      {"MP", "Northern Mariana Islands"},
      {"MQ", "Martinique"},
      {"MR", "Mauritania"},
      {"MS", "Montserrat"},
      {"MT", "Malta"},
      {"MU", "Mauritius"},
      {"MV", "Maldives"},
      {"MW", "Malawi"},
      {"MX", "Mexico"},
      {"MY", "Malaysia"},
      {"MZ", "Mozambique"},
      {"NA", "Namibia"},
      {"NC", "New Caledonia"},
      {"NE", "Niger"},
      {"NF", "Norfolk Island"},
      {"NG", "Nigeria"},
      {"NI", "Nicaragua"},
      {"NL", "Netherlands"},
      {"NO", "Norway"},
      {"NP", "Nepal"},
      {"NR", "Nauru"},
      {"NU", "Niue"},
      {"NZ", "New Zealand"},
      {"OM", "Oman"},
      {"PA", "Panama"},
      {"PE", "Peru"},
      {"PF", "French Polynesia"},
      {"PG", "Papua New Guinea"},
      {"PH", "Philippines"},
      {"PK", "Pakistan"},
      {"PL", "Poland"},
      {"PM", "Saint Pierre and Miquelon"},
      {"PN", "Pitcairn"},
      {"PR", "Puerto Rico"},
      {"PS", "Palestine, State of"},
      {"PT", "Portugal"},
      {"PW", "Palau"},
      {"PY", "Paraguay"},
      {"QA", "Qatar"},
      {"RE", "R\xC3\xA9union"},
      {"RO", "Romania"},
      {"RS", "Serbia"},
      {"RU", "Russia"},
      {"RW", "Rwanda"},
      {"SA", "Saudi Arabia"},
      {"SB", "Solomon Islands"},
      {"SC", "Seychelles"},
      {"SD", "Sudan"},
      {"SE", "Sweden"},
      {"SG", "Singapore"},
      {"SH", "Saint Helena, Ascension and Tristan da Cunha"},
      {"SI", "Slovenia"},
      {"SJ", "Svalbard and Jan Mayen"},
      {"SK", "Slovakia"},
      {"SL", "Sierra Leone"},
      {"SM", "San Marino"},
      {"SN", "Senegal"},
      {"SO", "Somalia"},
      {"SR", "Suriname"},
      {"SS", "South Sudan"},
      {"ST", "Sao Tome and Principe"},
      {"SV", "El Salvador"},
      {"SX", "Sint Maarten (Dutch part)"},
      {"SY", "Syria"},
      {"SZ", "Eswatini"},
      {"TC", "Turks and Caicos Islands"},
      {"TD", "Chad"},
      {"TF", "French Southern Territories"},
      {"TG", "Togo"},
      {"TH", "Thailand"},
      {"TJ", "Tajikistan"},
      {"TK", "Tokelau"},
      {"TL", "Timor-Leste"},
      {"TM", "Turkmenistan"},
      {"TN", "Tunisia"},
      {"TO", "Tonga"},
      {"TR", "T\xC3\xBCrkiye"},
      {"TT", "Trinidad and Tobago"},
      {"TV", "Tuvalu"},
      {"TW", "Taiwan"},
      {"TZ", "Tanzania"},
      {"UA", "Ukraine"},
      {"UG", "Uganda"},
      {"UM", "United States Minor Outlying Islands"},
      {"US", "United States"},
      {"UY", "Uruguay"},
      {"UZ", "Uzbekistan"},
      {"VA", "Holy See"},
      {"VC", "Saint Vincent and the Grenadines"},
      {"VE", "Venezuela"},
      {"VG", "Virgin Islands, British"},
      {"VI", "Virgin Islands, U.S."},
      {"VN", "Vietnam"},
      {"VU", "Vanuatu"},
      {"WF", "Wallis and Futuna"},
      {"WS", "Samoa"},
      {"YE", "Yemen"},
      {"YT", "Mayotte"},
      {"ZA", "South Africa"},
      {"ZM", "Zambia"},
      {"ZW", "Zimbabwe"},
      {"XK", "Kosovo"},
  };
  return *table;
}

// Other spellings used by OFAC (sdn.csv remarks, Vess_flag and add.csv), the UN
// consolidated list, the EU FSF and ISO's formal names. Keys go through NameKey(), so case,
// punctuation, "&"/"and", "St."/"Saint" and a leading or trailing "The" need no variants.
// Deliberately absent: dissolved states without a current code ("Netherlands Antilles",
// "Serbia and Montenegro", "Yugoslavia", "USSR") and OFAC's regions that span several
// countries ("Region: Commonwealth of Independent States", "Region: Kafia Kingi").
const std::vector<std::pair<const char*, const char*>>& CountryAliases() {
  static const auto* table = new std::vector<std::pair<const char*, const char*>>{
      {"Korea, North", "KP"},
      {"Democratic People's Republic of Korea", "KP"},
      {"Korea, Democratic People's Republic of", "KP"},
      {"Korea (Democratic People's Republic of)", "KP"},
      {"DPRK", "KP"},
      {"Korea, South", "KR"},
      {"Republic of Korea", "KR"},
      {"Korea, Republic of", "KR"},
      {"Korea (Republic of)", "KR"},
      {"Iran, Islamic Republic of", "IR"},
      {"Iran (Islamic Republic of)", "IR"},
      {"Islamic Republic of Iran", "IR"},
      {"Russian Federation", "RU"},
      {"Burma", "MM"},
      {"Syrian Arab Republic", "SY"},
      {"Venezuela, Bolivarian Republic of", "VE"},
      {"Venezuela (Bolivarian Republic of)", "VE"},
      {"Bolivarian Republic of Venezuela", "VE"},
      {"Republic of Moldova", "MD"},
      {"Moldova, Republic of", "MD"},
      {"United Republic of Tanzania", "TZ"},
      {"Tanzania, United Republic of", "TZ"},
      {"Viet Nam", "VN"},
      {"Bolivia (Plurinational State of)", "BO"},
      {"Plurinational State of Bolivia", "BO"},
      {"Bolivia, Plurinational State of", "BO"},
      {"Lao People's Democratic Republic", "LA"},
      {"Lao PDR", "LA"},
      {"Democratic Republic of the Congo", "CD"},
      {"Congo, The Democratic Republic of the", "CD"},
      {"Congo (Kinshasa)", "CD"},
      {"DR Congo", "CD"},
      {"Republic of the Congo", "CG"},
      {"Congo", "CG"},
      {"Congo (Brazzaville)", "CG"},
      {"Cote d'Ivoire", "CI"},
      {"Cote d Ivoire", "CI"},
      {"Ivory Coast", "CI"},
      {"UK", "GB"},
      {"Great Britain", "GB"},
      {"United Kingdom of Great Britain and Northern Ireland", "GB"},
      {"United States of America", "US"},
      {"USA", "US"},
      {"Taiwan, Province of China", "TW"},
      {"Chinese Taipei", "TW"},
      {"Hong Kong SAR", "HK"},
      {"China, Hong Kong Special Administrative Region", "HK"},
      {"Macau", "MO"},
      {"Macao SAR", "MO"},
      {"China, Macao Special Administrative Region", "MO"},
      {"West Bank", "PS"},
      {"Gaza", "PS"},
      {"Gaza Strip", "PS"},
      {"Palestinian", "PS"},
      {"Palestine", "PS"},
      {"State of Palestine", "PS"},
      {"Palestinian Territories", "PS"},
      {"Palestinian Territory, Occupied", "PS"},
      {"Occupied Palestinian Territory", "PS"},
      {"Turkey", "TR"},
      {"Turkiye", "TR"},
      {"Czech Republic", "CZ"},
      {"Kyrgyz Republic", "KG"},
      {"Slovak Republic", "SK"},
      {"Brunei", "BN"},
      {"Cape Verde", "CV"},
      {"Swaziland", "SZ"},
      {"East Timor", "TL"},
      {"Vatican City", "VA"},
      {"Vatican", "VA"},
      {"Micronesia", "FM"},
      {"Macedonia", "MK"},
      {"Macedonia, The Former Yugoslav Republic of", "MK"},
      {"The former Yugoslav Republic of Macedonia", "MK"},
      {"North Macedonia, The Republic of", "MK"},
      {"Republic of North Macedonia", "MK"},
      {"British Virgin Islands", "VG"},
      {"U.S. Virgin Islands", "VI"},
      {"United States Virgin Islands", "VI"},
      {"Man, Isle of", "IM"},
      {"Bosnia-Herzegovina", "BA"},
      {"Bosnia", "BA"},
      {"Aland Islands", "AX"},
      {"Saint Barthelemy", "BL"},
      {"Curacao", "CW"},
      {"Reunion", "RE"},
      {"Saint Martin", "MF"},
      {"Sint Maarten", "SX"},
      {"Saint Helena", "SH"},
      {"Falkland Islands", "FK"},
      {"Falkland Islands (Islas Malvinas)", "FK"},
      {"Cocos Islands", "CC"},
      {"Svalbard", "SJ"},
      {"Pitcairn Islands", "PN"},
      {"Netherlands, Kingdom of the", "NL"},
      {"Holland", "NL"},
      {"Libyan Arab Jamahiriya", "LY"},
      {"UAE", "AE"},
      {"Republic of Ireland", "IE"},
      {"Sao Tome & Principe", "ST"},
      {"S\xC3\xA3o Tom\xC3\xA9 and Pr\xC3\xADncipe", "ST"},
      {"Timor Leste", "TL"},
      {"Crimea", "UA"},  // OFAC "Region: Crimea" (the Crimea region of Ukraine program)
      {"Northern Mali", "ML"},
      {"Kosovo, Republic of", "XK"},
  };
  return *table;
}

// The lookup key of a country name: ASCII letters and digits lower-cased, apostrophes
// dropped, "&" read as "and", every other ASCII byte a word break; a leading "the", a
// trailing "the" ("Bahamas, The", "Congo, Democratic Republic of the") and "saint"/"st"
// are normalised; then the words are concatenated. Non-ASCII bytes are kept as they are.
std::string NameKey(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  for (char ch : name) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || std::isalnum(c)) {
      cur.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : ch);
    } else if (c == '\'') {
      continue;  // "Cote d'Ivoire" == "Cote dIvoire"
    } else if (c == '&') {
      flush();
      words.emplace_back("and");
    } else {
      flush();
    }
  }
  flush();
  if (!words.empty() && words.front() == "the") words.erase(words.begin());
  if (!words.empty() && words.back() == "the") words.pop_back();
  std::string key;
  for (auto& w : words) key += (w == "saint" ? std::string("st") : w);
  return key;
}

struct CountryIndex {
  std::unordered_map<std::string, std::string> name_by_code;
  std::unordered_map<std::string, std::string> code_by_key;
};

const CountryIndex& Countries() {
  static const auto* index = [] {
    auto* ix = new CountryIndex();
    for (const auto& [code, name] : CountryNames()) {
      ix->name_by_code.emplace(code, name);
      ix->code_by_key.emplace(NameKey(name), code);
    }
    for (const auto& [alias, code] : CountryAliases())
      ix->code_by_key.emplace(NameKey(alias), code);
    return ix;
  }();
  return *index;
}

}  // namespace

const std::vector<ChplEntry>& ChplTable() { return ChplData(); }

const ChplEntry* FindChpl(std::string_view hs_code) {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string, const ChplEntry*>();
    for (const auto& e : ChplData()) m->emplace(e.hs6, &e);
    return m;
  }();
  std::string digits = NormalizeHsCode(hs_code);
  if (digits.size() < 6) return nullptr;
  auto it = index->find(digits.substr(0, 6));
  return it == index->end() ? nullptr : it->second;
}

// FinCEN & BIS joint alert FIN-2022-Alert003 (28 Jun 2022), "Common transshipment points".
const std::vector<std::string>& TransshipmentHubs() {
  static const auto* hubs =
      new std::vector<std::string>{"AM", "BR", "CN", "GE", "IN", "IL", "KZ", "KG", "MX",
                                   "NI", "RS", "SG", "ZA", "TW", "TJ", "TR", "AE", "UZ"};
  return *hubs;
}

bool IsTransshipmentHub(std::string_view country) {
  if (country.size() != 2) return false;
  std::string cc = AsciiUpper(country);
  const auto& hubs = TransshipmentHubs();
  return std::find(hubs.begin(), hubs.end(), cc) != hubs.end();
}

std::string CountryName(std::string_view cc) {
  const auto& m = Countries().name_by_code;
  auto it = m.find(AsciiUpper(cc));
  return it == m.end() ? std::string(cc) : it->second;
}

std::string CountryCodeFromName(std::string_view name) {
  name = Trim(name);
  if (name.empty()) return "";
  // A code given where a name was expected ("PA", "pa") is taken as the code.
  if (name.size() == 2) {
    std::string cc = AsciiUpper(name);
    if (IsCountryCode(cc)) return cc;
  }
  const auto& m = Countries().code_by_key;
  auto it = m.find(NameKey(name));
  return it == m.end() ? std::string() : it->second;
}

}  // namespace interdict
