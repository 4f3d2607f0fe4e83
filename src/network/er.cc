// Entity resolution (see er.h and docs/entity-resolution.md for the rules and why).
#include "network/er.h"

#include <unicode/locid.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/strings.h"
#include "interdict/screen.h"
#include "screen/screen_internal.h"

namespace interdict::network {

using screen::AnalyzedName;
using screen::NameType;

// ---------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------

std::string ErRecord::Key() const { return source + ":" + record_id; }

namespace {

struct PropMap {
  const char* prop;
  const char* type;
};

// FtM identifier properties and the identifier kind they carry.
constexpr PropMap kIdProps[] = {{"passportNumber", "passport"},
                                {"idNumber", "national_id"},
                                {"taxNumber", "tax"},
                                {"vatCode", "tax"},
                                {"innCode", "tax"},
                                {"leiCode", "lei"},
                                {"registrationNumber", "registration"},
                                {"ogrnCode", "registration"},
                                {"imoNumber", "imo"},
                                {"mmsi", "mmsi"},
                                {"swiftBic", "bic"},
                                {"socialSecurityNumber", "ssn"}};

}  // namespace

ErRecord ErRecordFromEntity(const Entity& e, std::string source) {
  ErRecord r;
  r.source = std::move(source);
  r.record_id = e.id();
  r.schema = e.schema().name();
  for (const auto& v : e.Values("name")) r.names.push_back(v);
  for (const char* p : {"alias", "weakAlias", "previousName"})
    for (const auto& v : e.Values(p)) r.aliases.push_back(v);
  if (r.names.empty()) {
    std::string full = Join(e.Values("firstName"), " ");
    for (const auto& v : e.Values("middleName")) full += " " + v;
    for (const auto& v : e.Values("lastName")) full += " " + v;
    if (!Trim(full).empty()) r.names.push_back(std::string(Trim(full)));
  }
  r.given_names = e.Values("firstName");
  r.birth_dates = e.Values("birthDate");
  if (r.birth_dates.empty()) r.birth_dates = e.Values("incorporationDate");
  r.gender = e.First("gender");
  for (const auto& [prop, type] : kIdProps)
    for (const auto& v : e.Values(prop)) r.identifiers.push_back({type, v, "", prop});
  r.addresses = e.Values("address");
  r.phones = e.Values("phone");
  r.emails = e.Values("email");
  for (const char* p : {"country", "nationality", "jurisdiction"})
    for (const auto& v : e.Values(p)) r.countries.push_back(v);
  if (!e.referents().empty()) {
    r.line = e.referents()[0].line;
    r.file = e.referents()[0].source;
  }
  return r;
}

Entity EntityFromErRecord(const ErRecord& r) {
  const Schema* s = Schema::Get(r.schema.empty() ? "LegalEntity" : r.schema);
  Entity e(r.Key(), s ? s : Schema::Get("LegalEntity"));
  Provenance p;
  p.source = r.file.empty() ? r.source : r.file;
  p.record_id = r.record_id;
  p.line = r.line;
  uint32_t ref = e.AddReferent(std::move(p));
  for (const auto& v : r.names) e.Add("name", v, ref);
  for (const auto& v : r.aliases) e.Add("alias", v, ref);
  for (const auto& v : r.birth_dates) {
    LooseDate d;
    if (ParseLooseDate(v, &d) && d.y) {
      char buf[16];
      if (d.m && d.d) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
      } else if (d.m) {
        std::snprintf(buf, sizeof buf, "%04d-%02d", d.y, d.m);
      } else {
        std::snprintf(buf, sizeof buf, "%04d", d.y);
      }
      e.Add("birthDate", buf, ref);
    }
  }
  if (!r.gender.empty()) e.Add("gender", AsciiLower(r.gender), ref);
  for (const auto& id : r.identifiers) {
    const char* prop = "idNumber";
    if (id.type == "passport") prop = "passportNumber";
    if (id.type == "tax") prop = "taxNumber";
    if (id.type == "lei") prop = "leiCode";
    if (id.type == "registration") prop = "registrationNumber";
    if (id.type == "imo") prop = "imoNumber";
    if (id.type == "mmsi") prop = "mmsi";
    if (id.type == "bic") prop = "swiftBic";
    e.Add(prop, id.value, ref);
  }
  for (const auto& v : r.addresses) e.Add("address", v, ref);
  for (const auto& v : r.phones) e.Add("phone", v, ref);
  for (const auto& v : r.emails) e.Add("email", v, ref);
  for (const auto& v : r.countries) {
    std::string cc = screen::CountryCode(v);
    e.Add("country", cc.empty() ? v : AsciiLower(cc), ref);
  }
  return e;
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

namespace {

int MonthFromName(std::string_view w) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  std::string l = AsciiLower(w.substr(0, 3));
  for (int i = 0; i < 12; ++i)
    if (l == kMonths[i]) return i + 1;
  return 0;
}

int FullYear(int y, size_t digits) {
  if (digits > 2) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

}  // namespace

bool ParseLooseDate(std::string_view s, LooseDate* out) {
  // Tokens: runs of digits (with their width) and runs of letters.
  struct Tok {
    bool num;
    int v;
    size_t width;
    std::string text;
  };
  std::vector<Tok> toks;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c >= '0' && c <= '9') {
      size_t j = i;
      int v = 0;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9' && j - i < 9) v = v * 10 + (s[j++] - '0');
      toks.push_back({true, v, j - i, ""});
      i = j;
    } else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
      size_t j = i;
      while (j < s.size() && ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z')) ++j;
      toks.push_back({false, 0, j - i, std::string(s.substr(i, j - i))});
      i = j;
    } else {
      ++i;
    }
  }
  LooseDate d;
  std::vector<const Tok*> nums;
  int month_name = 0;
  for (const auto& t : toks) {
    if (t.num) {
      nums.push_back(&t);
    } else if (int m = MonthFromName(t.text)) {
      month_name = m;
    }
  }
  if (month_name) {
    // "Mar 1 1970", "15-Mar-92", "1 March 1970": the number with 4 digits (or the last
    // one) is the year, the other the day.
    if (nums.empty()) return false;
    d.m = month_name;
    if (nums.size() == 1) {
      d.y = FullYear(nums[0]->v, nums[0]->width);
    } else {
      const Tok* year = nums.back();
      const Tok* day = nums.front();
      if (nums.front()->width == 4) std::swap(year, day);
      d.y = FullYear(year->v, year->width);
      d.d = day->v;
    }
  } else if (nums.size() == 1 && nums[0]->width == 4) {
    d.y = nums[0]->v;
  } else if (nums.size() >= 2 && nums[0]->width == 4) {  // ISO YYYY-MM[-DD]
    d.y = nums[0]->v;
    d.m = nums[1]->v;
    if (nums.size() >= 3) d.d = nums[2]->v;
  } else if (nums.size() == 3) {  // M/D/Y, or D/M/Y when the first cannot be a month
    int a = nums[0]->v, b = nums[1]->v;
    d.y = FullYear(nums[2]->v, nums[2]->width);
    if (a > 12 && b <= 12) std::swap(a, b);
    d.m = a;
    d.d = b;
  } else {
    return false;
  }
  if (d.y < 1000 || d.y > 2999 || d.m > 12 || d.d > 31) return false;
  *out = d;
  return true;
}

// ---------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------

ErOptions ErOptions::FromConfig(const Config& c) {
  ErOptions o;
  o.match_threshold = c.GetDouble("er.match_threshold", o.match_threshold);
  o.identifier_threshold = c.GetDouble("er.identifier_threshold", o.identifier_threshold);
  o.strong_threshold = c.GetDouble("er.strong_threshold", o.strong_threshold);
  o.average_threshold = c.GetDouble("er.average_threshold", o.average_threshold);
  o.ambiguity_margin = c.GetDouble("er.ambiguity_margin", o.ambiguity_margin);
  o.generic_contact_limit =
      static_cast<int>(c.GetInt("er.generic_contact_limit", o.generic_contact_limit));
  o.generic_address_limit =
      static_cast<int>(c.GetInt("er.generic_address_limit", o.generic_address_limit));
  o.max_block = static_cast<size_t>(c.GetInt("er.max_block", static_cast<int64_t>(o.max_block)));
  o.nicknames = c.GetBool("er.nicknames", o.nicknames);
  return o;
}

std::string PairScore::ToString() const {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  std::string s = buf;
  if (hard_conflict) s += " conflict";
  if (link) s += strong ? " strong-link" : " link";
  s += ":";
  bool first = true;
  for (const auto& f : features) {
    std::snprintf(buf, sizeof buf, " %+.1f", f.value);
    s += first ? " " : ", ";
    first = false;
    s += f.name + buf;
    if (!f.detail.empty()) s += " (" + f.detail + ")";
  }
  return s;
}

// ---------------------------------------------------------------------------------------
// Feature preparation
// ---------------------------------------------------------------------------------------

namespace {

// Given-name nickname groups (formal name first). Hand-written: Debian packages no
// nickname list, and the common English (plus a few Arabic/Russian/Spanish) short forms
// are a small, stable table. A token is related to another when they share a group, so
// "pat" ~ "patrick" and "pat" ~ "patricia" but not "patrick" ~ "patricia".
const std::vector<std::vector<const char*>>& NicknameGroups() {
  static const std::vector<std::vector<const char*>> g = {
      {"robert", "bob", "bobby", "rob", "robbie", "robby", "bert"},
      {"william", "bill", "billy", "will", "willie", "willy", "liam"},
      {"edward", "ed", "eddie", "eddy", "ted", "teddy", "ned"},
      {"edwin", "ed", "eddie"},
      {"richard", "rick", "ricky", "dick", "rich", "richie"},
      {"james", "jim", "jimmy", "jamie"},
      {"john", "jack", "johnny", "jon"},
      {"jonathan", "jon", "jonny"},
      {"joseph", "joe", "joey"},
      {"michael", "mike", "mikey", "mick", "mickey"},
      {"thomas", "tom", "tommy"},
      {"charles", "charlie", "chuck", "chas"},
      {"christopher", "chris", "kit"},
      {"christine", "chris", "tina", "christina", "kristina", "kristine"},
      {"daniel", "dan", "danny"},
      {"david", "dave", "davey"},
      {"anthony", "tony"},
      {"antonio", "tony"},
      {"andrew", "andy", "drew"},
      {"stephen", "steve", "steven", "stevie"},
      {"patrick", "pat", "paddy"},
      {"patricia", "pat", "patty", "trish", "tricia"},
      {"margaret", "maggie", "meg", "peggy", "peggie", "margie", "marge", "greta"},
      {"elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "bess", "betsy"},
      {"katherine", "catherine", "kathryn", "kate", "katie", "kathy", "cathy", "kat"},
      {"susan", "sue", "susie", "suzy", "suzanne", "susanne"},
      {"jennifer", "jen", "jenny"},
      {"deborah", "deb", "debbie"},
      {"rebecca", "becky"},
      {"alexander", "alex", "sasha", "sandy", "aleksandr", "alexandr"},
      {"alexandra", "alex", "sasha", "sandra"},
      {"howard", "howie"},
      {"henry", "hank", "harry"},
      {"harold", "harry", "hal"},
      {"lawrence", "larry"},
      {"leonard", "leo", "len", "lenny"},
      {"samuel", "sam", "sammy"},
      {"samantha", "sam", "sammie"},
      {"benjamin", "ben", "benny"},
      {"nicholas", "nick", "nicky"},
      {"matthew", "matt"},
      {"gregory", "greg"},
      {"timothy", "tim", "timmy"},
      {"kenneth", "ken", "kenny"},
      {"ronald", "ron", "ronnie"},
      {"donald", "don", "donnie"},
      {"douglas", "doug"},
      {"raymond", "ray"},
      {"gerald", "gerry", "jerry"},
      {"jeffrey", "geoffrey", "jeff", "geoff"},
      {"frederick", "fred", "freddie"},
      {"albert", "al", "bert"},
      {"walter", "walt"},
      {"eugene", "gene"},
      {"francis", "frank"},
      {"franklin", "frank"},
      {"peter", "pete"},
      {"philip", "phillip", "phil"},
      {"morris", "morrie", "maurice"},
      {"muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "mhd", "mohd", "md"},
      {"josephine", "jo", "josie"},
      {"dorothy", "dot", "dottie"},
      {"barbara", "barb", "babs"},
      {"pamela", "pam"},
      {"victoria", "vicky", "tori"},
      {"kimberly", "kim"},
      {"theresa", "teresa", "terry", "tess"},
      {"jacqueline", "jackie"},
      {"judith", "judy"},
      {"abigail", "abby"},
      {"eleanor", "ellie", "nora"},
      {"ellen", "ellie"},
      {"isabel", "isabella", "bella", "izzy"},
      {"jose", "pepe"},
      {"francisco", "paco", "pancho"},
      {"mikhail", "misha"},
      {"dmitry", "dmitri", "dima"},
      {"vladimir", "vova", "volodya"},
      {"ekaterina", "yekaterina", "katya"},
      {"yevgeny", "evgeny", "zhenya"},
      {"lee", "leigh"},
      {"mary", "marie", "maria", "molly", "polly"},
  };
  return g;
}

const std::unordered_map<std::string, std::vector<int>>& NicknameIndex() {
  static const auto* idx = [] {
    auto* m = new std::unordered_map<std::string, std::vector<int>>;
    const auto& g = NicknameGroups();
    for (size_t i = 0; i < g.size(); ++i)
      for (const char* n : g[i]) (*m)[n].push_back(static_cast<int>(i));
    return m;
  }();
  return *idx;
}

// An initial that may abbreviate a short form of `name` ("B" for Bob = Robert).
bool InitialOfNickname(const std::string& initial, const std::string& name) {
  if (initial.size() != 1) return false;
  const auto& idx = NicknameIndex();
  auto it = idx.find(name);
  if (it == idx.end()) return false;
  for (int g : it->second)
    for (const char* n : NicknameGroups()[g])
      if (n[0] == initial[0]) return true;
  return false;
}

bool NicknameRelated(const std::string& a, const std::string& b) {
  if (a == b) return false;
  const auto& idx = NicknameIndex();
  auto ia = idx.find(a);
  auto ib = idx.find(b);
  if (ia == idx.end() || ib == idx.end()) return false;
  for (int x : ia->second)
    for (int y : ib->second)
      if (x == y) return true;
  return false;
}

// ISO 3166 alpha-3 -> alpha-2 from ICU (CountryCode() knows names and alpha-2 only).
std::string CountryIso2(std::string_view v) {
  static const auto* alpha3 = [] {
    auto* m = new std::unordered_map<std::string, std::string>;
    for (const char* const* cc = icu::Locale::getISOCountries(); cc && *cc; ++cc) {
      icu::Locale loc("", *cc);
      const char* a3 = loc.getISO3Country();
      if (a3 && *a3) (*m)[a3] = *cc;
    }
    return m;
  }();
  std::string up = AsciiUpper(Trim(v));
  if (up.size() == 3) {
    auto it = alpha3->find(up);
    if (it != alpha3->end()) return it->second;
  }
  return screen::CountryCode(v);
}

std::string AlnumUpper(std::string_view v) {
  std::string s;
  for (unsigned char c : v) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) s.push_back(static_cast<char>(c));
    if (c >= 'a' && c <= 'z') s.push_back(static_cast<char>(c - 32));
  }
  return s;
}

std::string Digits(std::string_view v) {
  std::string s;
  for (char c : v)
    if (c >= '0' && c <= '9') s.push_back(c);
  return s;
}

enum Kind : uint8_t { kUnknown = 0, kPersonKind, kOrgKind, kObjectKind };

Kind KindOf(std::string_view schema) {
  if (schema.empty()) return kUnknown;
  const Schema* s = Schema::Get(schema);
  if (!s) return kUnknown;
  if (s->IsA("Person")) return kPersonKind;
  if (s->IsA("Organization")) return kOrgKind;  // Company, PublicBody descend from it
  if (s->IsA("Vessel") || s->IsA("Airplane") || s->IsA("Asset")) return kObjectKind;
  return kUnknown;
}

struct PreId {
  std::string type, value, country, subtype;
};

struct PreAddr {
  std::vector<std::string> words;    // sorted, unique
  std::vector<std::string> numbers;  // sorted, unique
  std::string key;                   // for frequency counting
};

struct Prepared {
  Kind kind = kUnknown;
  NameType type = NameType::kAny;
  std::vector<AnalyzedName> names;
  std::vector<screen::NameToken> given;       // word tokens of the given names
  std::vector<screen::NameToken> all_tokens;  // every word/initial token of every name
  std::string generation;                     // jr|sr|ii|iii|iv ("" none)
  bool has_i = false;                         // a lone "I" after the first name (Morris I)
  std::vector<LooseDate> dobs;
  char gender = 0;
  std::vector<PreId> ids;
  std::vector<PreAddr> addrs;
  std::vector<std::string> phones;  // digits, at most the last 10
  std::vector<std::string> emails;
  std::vector<AnalyzedName> employers;
};

std::string GenerationOf(const std::string& w) {
  if (w == "jr" || w == "junior") return "jr";
  if (w == "sr" || w == "senior") return "sr";
  if (w == "ii" || w == "iii" || w == "iv") return w;
  return "";
}

const std::unordered_map<std::string, std::string>& AddressAbbrev() {
  static const std::unordered_map<std::string, std::string> m = {
      {"street", "st"},      {"str", "st"},         {"strasse", "st"},    {"lane", "ln"},
      {"avenue", "ave"},     {"av", "ave"},         {"road", "rd"},       {"drive", "dr"},
      {"place", "pl"},       {"boulevard", "blvd"}, {"suite", "ste"},     {"apartment", "apt"},
      {"apartments", "apt"}, {"aparments", "apt"},  {"appt", "apt"},      {"court", "ct"},
      {"highway", "hwy"},    {"square", "sq"},      {"north", "n"},       {"south", "s"},
      {"east", "e"},         {"west", "w"},         {"building", "bldg"}, {"bld", "bldg"},
      {"floor", "fl"},       {"ulitsa", "ul"},      {"way", "way"},       {"parkway", "pkwy"},
      {"terrace", "ter"},    {"circle", "cir"}};
  return m;
}

PreAddr PrepareAddress(std::string_view raw) {
  PreAddr a;
  std::string latin = screen::ToLatinAscii(raw);
  std::vector<std::string> toks = Split(latin, ' ');
  // German compounds: "hardenbergstrasse" -> "hardenberg" + "st".
  std::vector<std::string> words, numbers;
  for (size_t i = 0; i < toks.size(); ++i) {
    std::string t = toks[i];
    if ((t == "p" || t == "po") && i + 1 < toks.size() &&
        (toks[i + 1] == "box" || (toks[i + 1] == "o" && i + 2 < toks.size()))) {
      if (toks[i + 1] == "o") ++i;
      ++i;
      words.push_back("pobox");
      continue;
    }
    bool digit = false;
    for (char c : t) digit |= (c >= '0' && c <= '9');
    if (digit) {
      std::string d = Digits(t);
      if (d.size() == 9) d = d.substr(0, 5);  // ZIP+4
      // Leading zeros are formatting ("059413" and "59413" are one postal code).
      size_t nz = d.find_first_not_of('0');
      d = nz == std::string::npos ? "0" : d.substr(nz);
      if (!d.empty()) numbers.push_back(d);
      continue;
    }
    if (t.size() > 7 && EndsWith(t, "strasse")) {
      words.push_back(t.substr(0, t.size() - 7));
      t = "st";
    }
    auto ab = AddressAbbrev().find(t);
    if (ab != AddressAbbrev().end()) t = ab->second;
    if (t.size() < 2 || t == "no" || t == "the" || t == "of" || t == "and") continue;
    words.push_back(t);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  a.words = std::move(words);
  a.numbers = std::move(numbers);
  a.key = Join(a.numbers, " ") + "|" + Join(a.words, " ");
  return a;
}

std::string NormalizePhone(std::string_view raw) {
  std::string d = Digits(raw);
  if (d.size() < 7) return "";
  if (d.size() > 10) d = d.substr(d.size() - 10);
  return d;
}

std::string NormalizeEmail(std::string_view raw) {
  std::string_view s = raw;
  size_t lt = s.find('<'), gt = s.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt)
    s = s.substr(lt + 1, gt - lt - 1);
  std::string e = AsciiLower(Trim(s));
  if (e.find('@') == std::string::npos) return "";
  // A display name before the address without brackets: keep the token with '@'.
  size_t sp = e.rfind(' ');
  if (sp != std::string::npos) e = e.substr(sp + 1);
  while (!e.empty() && (e.back() == '"' || e.back() == '\'')) e.pop_back();
  while (!e.empty() && (e.front() == '"' || e.front() == '\'')) e.erase(e.begin());
  return e;
}

Prepared Prepare(const ErRecord& r) {
  Prepared p;
  p.kind = KindOf(r.schema);
  p.type = p.kind == kPersonKind   ? NameType::kPerson
           : p.kind == kOrgKind    ? NameType::kOrganization
           : p.kind == kObjectKind ? NameType::kObject
                                   : NameType::kAny;
  auto add_name = [&](const std::string& raw) {
    std::string latin = screen::ToLatinAscii(raw);
    std::vector<std::string> words = Split(latin, ' ');
    std::vector<std::string> kept;
    bool gen_found = false;
    for (size_t i = 0; i < words.size(); ++i) {
      std::string g = p.kind != kOrgKind ? GenerationOf(words[i]) : "";
      if (!g.empty() && words.size() > 1) {
        if (p.generation.empty()) p.generation = g;
        gen_found = true;
        continue;
      }
      if (words[i] == "i" && i > 0 && p.kind == kPersonKind) p.has_i = true;
      kept.push_back(words[i]);
    }
    AnalyzedName an = screen::AnalyzeName(gen_found ? Join(kept, " ") : raw, p.type);
    if (an.tokens.empty()) return;  // a script ICU cannot romanise (Khmer): no name
    for (const auto& have : p.names)
      if (have.latin == an.latin) return;
    p.names.push_back(std::move(an));
  };
  for (const auto& n : r.names) add_name(n);
  for (const auto& n : r.aliases) add_name(n);
  for (const auto& an : p.names)
    for (const auto& t : an.tokens)
      if (t.kind == screen::TokenKind::kWord || t.kind == screen::TokenKind::kInitial)
        p.all_tokens.push_back(t);
  for (const auto& g : r.given_names) {
    AnalyzedName an = screen::AnalyzeName(g, NameType::kPerson);
    for (const auto& t : an.tokens)
      if (t.kind == screen::TokenKind::kWord || t.kind == screen::TokenKind::kInitial)
        p.given.push_back(t);
  }
  for (const auto& d : r.birth_dates) {
    LooseDate ld;
    if (ParseLooseDate(d, &ld)) p.dobs.push_back(ld);
  }
  std::string g = AsciiLower(Trim(r.gender));
  if (g == "m" || g == "male") p.gender = 'm';
  if (g == "f" || g == "female") p.gender = 'f';
  for (const auto& id : r.identifiers) {
    PreId x;
    x.type = id.type;
    x.value = AlnumUpper(id.value);
    if (x.value.empty()) continue;
    if (x.type == "drivers_license") {
      x.country = AsciiUpper(Trim(id.country));  // a state: compared as given
    } else if (!id.country.empty()) {
      x.country = CountryIso2(id.country);
    }
    x.subtype = AsciiUpper(Trim(id.subtype));
    if (x.type == "imo") {
      std::string d = Digits(x.value);
      if (!d.empty()) x.value = d;
    }
    p.ids.push_back(std::move(x));
  }
  for (const auto& a : r.addresses) {
    PreAddr pa = PrepareAddress(a);
    if (!pa.words.empty() || !pa.numbers.empty()) p.addrs.push_back(std::move(pa));
  }
  for (const auto& ph : r.phones) {
    std::string n = NormalizePhone(ph);
    if (!n.empty() && std::find(p.phones.begin(), p.phones.end(), n) == p.phones.end())
      p.phones.push_back(n);
  }
  for (const auto& em : r.emails) {
    std::string n = NormalizeEmail(em);
    if (!n.empty() && std::find(p.emails.begin(), p.emails.end(), n) == p.emails.end())
      p.emails.push_back(n);
  }
  for (const auto& emp : r.employers) {
    AnalyzedName an = screen::AnalyzeName(emp, NameType::kOrganization);
    if (!an.tokens.empty()) p.employers.push_back(std::move(an));
  }
  return p;
}

std::string Last7(const std::string& phone) {
  return phone.size() > 7 ? phone.substr(phone.size() - 7) : phone;
}

// Blocking keys of one record (see er.h).
std::vector<std::string> BlockKeys(const Prepared& p, bool nicknames) {
  std::vector<std::string> keys;
  for (const auto& n : p.names) {
    for (const auto& t : n.tokens) {
      if (t.kind != screen::TokenKind::kWord && t.kind != screen::TokenKind::kGeneric) continue;
      if (t.phonetic.size() >= 2) keys.push_back("n:" + t.phonetic);
      if (t.abjad && t.skeleton.size() >= 2) keys.push_back("s:" + t.skeleton);
      if (nicknames) {
        auto it = NicknameIndex().find(t.text);
        if (it != NicknameIndex().end())
          for (int g : it->second) keys.push_back("g:" + std::to_string(g));
      }
    }
  }
  for (const auto& id : p.ids) {
    keys.push_back("i:" + id.type + ":" + id.value);
    if (id.type == "ssn" && id.value.size() >= 4)
      keys.push_back("i:ssn4:" + id.value.substr(id.value.size() - 4));
  }
  for (const auto& e : p.emails) keys.push_back("e:" + e);
  for (const auto& ph : p.phones) keys.push_back("p:" + Last7(ph));
  for (const auto& a : p.addrs) {
    for (const auto& num : a.numbers)
      for (const auto& w : a.words) keys.push_back("a:" + num + ":" + w);
  }
  for (const auto& d : p.dobs) {
    if (!d.m || !d.d) continue;
    char buf[32];
    int lo = std::min(d.m, d.d), hi = std::max(d.m, d.d);
    std::snprintf(buf, sizeof buf, "d:%04d-%02d-%02d", d.y, lo, hi);  // swap-tolerant
    keys.push_back(buf);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

// ---------------------------------------------------------------------------------------
// Pair scoring
// ---------------------------------------------------------------------------------------

std::string PartsDetail(const std::vector<screen::PartMatch>& parts) {
  std::string s;
  for (const auto& pm : parts) {
    if (pm.query.empty() || pm.result.empty()) continue;
    if (!s.empty()) s += " ";
    s += pm.query == pm.result ? pm.query : pm.query + "~" + pm.result;
  }
  return s;
}

// The better of both directions of the logic scorer (it is asymmetric by design: a list
// name with extra parts still matches a shorter query; for two records neither side is
// the query, so a name that is a subset of the other counts).
double SymNameScore(const AnalyzedName& a, const AnalyzedName& b, NameType type,
                    std::vector<screen::PartMatch>* parts) {
  screen::NameComparison ab = screen::CompareNames(a, b, type);
  screen::NameComparison ba = screen::CompareNames(b, a, type);
  if (ba.score > ab.score) {
    if (parts) *parts = std::move(ba.parts);
    return ba.score;
  }
  if (parts) *parts = std::move(ab.parts);
  return ab.score;
}

struct NameResult {
  double score = -1;
  std::string detail;
  bool nickname = false;
};

NameResult BestName(const Prepared& a, const Prepared& b, NameType type, bool nicknames,
                    bool explain) {
  NameResult best;
  std::vector<screen::PartMatch> parts;
  for (const auto& na : a.names) {
    for (const auto& nb : b.names) {
      double s = SymNameScore(na, nb, type, explain ? &parts : nullptr);
      if (s > best.score) {
        best.score = s;
        best.nickname = false;
        if (explain) best.detail = PartsDetail(parts);
      }
      if (!nicknames || type == NameType::kOrganization || type == NameType::kObject) continue;
      // Rewrite b's given names that are nicknames of a's (Bob -> Robert) and rescore;
      // the rewritten score is discounted a little (a nickname is not the name).
      std::vector<std::string> words;
      std::string rel;
      bool any = false;
      for (const auto& tb : nb.tokens) {
        std::string w = tb.text;
        for (const auto& ta : na.tokens) {
          if (NicknameRelated(ta.text, tb.text)) {
            if (explain) rel += (rel.empty() ? "" : " ") + tb.text + "=" + ta.text;
            w = ta.text;
            any = true;
            break;
          }
        }
        words.push_back(std::move(w));
      }
      if (!any) continue;
      AnalyzedName nb2 = screen::AnalyzeName(Join(words, " "), type);
      double s2 = 0.95 * SymNameScore(na, nb2, type, nullptr);
      if (s2 > best.score) {
        best.score = s2;
        best.nickname = true;
        if (explain) best.detail = rel + " nickname";
      }
    }
  }
  return best;
}

// True when some given-name part of `a` is the same name part as some name part of `b`
// (exact, fuzzy, phonetic, initial or nickname): compared against all of b's parts,
// because sources swap first and last names.
bool GivenNameFound(const Prepared& a, const Prepared& b, bool nicknames) {
  screen::How how;
  for (const auto& g : a.given)
    for (const auto& t : b.all_tokens) {
      if (screen::TokenSim(g, t, &how) >= 0.5f) return true;
      if (nicknames && (NicknameRelated(g.text, t.text) || InitialOfNickname(g.text, t.text) ||
                        InitialOfNickname(t.text, g.text)))
        return true;
    }
  return false;
}

struct DobResult {
  double points = 0;
  const char* name = nullptr;
  bool conflict = false;
};

DobResult CompareDob(const LooseDate& a, const LooseDate& b) {
  int dy = std::abs(a.y - b.y);
  bool full = a.m && a.d && b.m && b.d;
  if (!full) {
    if (dy == 0) {
      if (a.m && b.m && a.m != b.m && !(a.d == 0 && b.d == 0)) return {0, "dob_same_year", false};
      return {0.5, "dob_year", false};
    }
    if (dy == 1) return {-1, "dob_differs", false};
    return {-3, "dob_conflict", true};
  }
  bool same_md = a.m == b.m && a.d == b.d;
  bool swapped = a.m == b.d && a.d == b.m;
  if (dy == 0 && same_md) return {2, "dob_exact", false};
  if (dy == 0 && swapped) return {1.5, "dob_swapped", false};
  if (dy == 0 && (a.m == b.m || a.d == b.d)) return {1, "dob_close", false};
  if (dy == 1 && (same_md || swapped)) return {1, "dob_close", false};
  if (dy == 0) return {0, "dob_same_year", false};
  if (dy == 1) return {-1, "dob_differs", false};
  return {-3, "dob_conflict", true};
}

// Identifier kinds whose different values mean different entities (one passport per
// country, one LEI, one IMO), and the points of a match.
bool HardIdType(const std::string& t) {
  return t == "passport" || t == "ssn" || t == "national_id" || t == "lei" || t == "tax" ||
         t == "imo" || t == "mmsi";
}

bool CountriesCompatible(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || a == b;
}

struct AddrResult {
  double points = 0;
  const char* name = nullptr;
};

AddrResult CompareAddress(const PreAddr& a, const PreAddr& b) {
  size_t common_nums = 0;
  for (const auto& n : a.numbers)
    if (std::binary_search(b.numbers.begin(), b.numbers.end(), n)) ++common_nums;
  if (!a.numbers.empty() && !b.numbers.empty() && common_nums == 0) return {};
  const auto& small = a.words.size() <= b.words.size() ? a.words : b.words;
  const auto& large = a.words.size() <= b.words.size() ? b.words : a.words;
  size_t common = 0;
  for (const auto& w : small) {
    if (std::binary_search(large.begin(), large.end(), w)) {
      ++common;
      continue;
    }
    if (w.size() < 5) continue;
    for (const auto& v : large)
      if (v.size() >= 5 && screen::EditDistance(w, v, 1) <= 1) {
        ++common;
        break;
      }
  }
  double containment = small.empty() ? 0 : double(common) / double(small.size());
  if (common_nums >= 1 && common >= 2 && containment >= 0.5) return {2, "address"};
  if (common_nums >= 1 && common >= 1) return {1, "address_partial"};
  if ((a.numbers.empty() || b.numbers.empty()) && common >= 3 && containment >= 0.8)
    return {1, "address_partial"};
  return {};
}

struct Frequencies {
  std::unordered_map<std::string, int> count;  // "e:..", "p:..", "a:.." -> records
  int Get(const std::string& k) const {
    auto it = count.find(k);
    return it == count.end() ? 0 : it->second;
  }
};

PairScore ScorePair(const Prepared& a, const Prepared& b, const Frequencies& freq,
                    const ErOptions& o, bool explain) {
  PairScore ps;
  auto add = [&](const char* name, double v, std::string detail) {
    ps.score += v;
    if (explain) ps.features.push_back({name, v, std::move(detail)});
  };
  if (a.kind != kUnknown && b.kind != kUnknown && a.kind != b.kind) {
    ps.hard_conflict = true;
    add("schema_conflict", -10, "");
    return ps;
  }
  Kind kind = a.kind != kUnknown ? a.kind : b.kind;
  NameType type = kind == kPersonKind   ? NameType::kPerson
                  : kind == kOrgKind    ? NameType::kOrganization
                  : kind == kObjectKind ? NameType::kObject
                                        : NameType::kAny;
  // Names.
  if (!a.names.empty() && !b.names.empty()) {
    NameResult nr = BestName(a, b, type, o.nicknames, explain);
    ps.name_score = nr.score;
    double pts;
    if (nr.score >= 0.92) {
      pts = 2;
    } else if (nr.score >= 0.8) {
      pts = 1.5;
    } else if (nr.score >= 0.7) {
      pts = 1;
    } else if (nr.score >= 0.55) {
      pts = 0.5;
    } else {
      // Persons: different names contradict (household members share address, phone and
      // email). Organisations rename and abbreviate: a weak name is no evidence either way,
      // but it cannot carry a link without an identifier either.
      ps.name_compatible = false;
      pts = kind == kPersonKind || kind == kUnknown ? -3 : 0;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f ", nr.score);
    add(!ps.name_compatible ? "name_mismatch"
        : nr.nickname       ? "name_nickname"
                            : "name",
        pts, explain ? buf + nr.detail : "");
  }
  // Given names: "Mark Kusha" and "Marsha Kusha" at one address with one email are two
  // people (a hard conflict unless an identifier matches, checked below).
  bool given_conflict = kind != kOrgKind && kind != kObjectKind && !a.given.empty() &&
                        !b.given.empty() && !a.all_tokens.empty() && !b.all_tokens.empty() &&
                        !GivenNameFound(a, b, o.nicknames) && !GivenNameFound(b, a, o.nicknames);
  // Generation suffixes: Jr vs Sr, I vs II are father and son.
  {
    bool conflict = false;
    if (!a.generation.empty() && !b.generation.empty() && a.generation != b.generation)
      conflict = true;
    auto roman = [](const std::string& g) { return g == "ii" || g == "iii" || g == "iv"; };
    if ((roman(a.generation) && b.generation.empty() && b.has_i) ||
        (roman(b.generation) && a.generation.empty() && a.has_i))
      conflict = true;
    if (conflict) {
      ps.hard_conflict = true;
      add("generation_conflict", -4,
          (a.generation.empty() ? "i" : a.generation) + " vs " +
              (b.generation.empty() ? "i" : b.generation));
    }
  }
  // Identifiers, per kind.
  {
    std::map<std::string, std::pair<std::vector<const PreId*>, std::vector<const PreId*>>> by;
    for (const auto& x : a.ids) by[x.type].first.push_back(&x);
    for (const auto& x : b.ids) by[x.type].second.push_back(&x);
    for (const auto& [type, sides] : by) {
      if (sides.first.empty() || sides.second.empty()) continue;
      const PreId* hit = nullptr;
      bool comparable = false;  // same issuer (or unknown) on some pair of values
      bool partial = false;
      for (const PreId* x : sides.first) {
        for (const PreId* y : sides.second) {
          bool same_issuer = CountriesCompatible(x->country, y->country) &&
                             (x->subtype.empty() || y->subtype.empty() || x->subtype == y->subtype);
          if (type == "drivers_license")
            same_issuer =
                x->country.size() != 2 || y->country.size() != 2 || x->country == y->country;
          if (!same_issuer) continue;
          comparable = true;
          if (x->value == y->value) {
            hit = x;
          } else if (type == "ssn" && (x->value.size() == 4 || y->value.size() == 4) &&
                     x->value.size() != y->value.size()) {
            const std::string& lng = x->value.size() > y->value.size() ? x->value : y->value;
            const std::string& sht = x->value.size() > y->value.size() ? y->value : x->value;
            if (EndsWith(lng, sht)) partial = true;
          }
        }
      }
      if (hit) {
        bool full = hit->value.size() >= 5;
        if (full && type != "other") ps.identifier_match = true;
        add(type.c_str(), full ? 4 : 2, hit->value);
      } else if (partial) {
        add("ssn_last4", 2, "");
      } else if (comparable) {
        bool hard = HardIdType(type);
        // A 4-digit SSN fragment that differs says little about a full one.
        if (type == "ssn") {
          bool both_full = false;
          for (const PreId* x : sides.first)
            for (const PreId* y : sides.second)
              both_full |= x->value.size() >= 9 && y->value.size() >= 9;
          hard = both_full;
        }
        if (hard) {
          ps.hard_conflict = true;
          add((type + "_conflict").c_str(), -4, "");
        } else if (type == "drivers_license" || type == "registration") {
          add((type + "_differs").c_str(), -1, "");
        }
      }
    }
  }
  // Birth dates: the best pair; a conflict only when every pair conflicts.
  if (!a.dobs.empty() && !b.dobs.empty()) {
    DobResult best{-100, nullptr, true};
    for (const auto& x : a.dobs)
      for (const auto& y : b.dobs) {
        DobResult r = CompareDob(x, y);
        if (r.points > best.points) best = r;
      }
    if (best.conflict) ps.hard_conflict = true;
    if (best.points != 0 || best.name) add(best.name, best.points, "");
  }
  // Gender.
  if (a.gender && b.gender && a.gender != b.gender) add("gender_mismatch", -0.5, "");
  // Emails and phones: exact values, unless generic.
  {
    double best = 0;
    std::string detail;
    for (const auto& x : a.emails)
      for (const auto& y : b.emails)
        if (x == y) {
          if (freq.Get("e:" + x) > o.generic_contact_limit) {
            if (explain && detail.empty()) detail = x + " generic";
            continue;
          }
          best = 2;
          detail = x;
        }
    if (best > 0 || !detail.empty()) add(best > 0 ? "email" : "email_generic", best, detail);
  }
  {
    double best = 0;
    std::string detail;
    for (const auto& x : a.phones)
      for (const auto& y : b.phones) {
        double v = 0;
        if (x.size() >= 10 && y.size() >= 10) {
          v = x == y ? 2 : 0;
        } else if (Last7(x) == Last7(y)) {
          v = 1.5;
        }
        if (v > 0 && freq.Get("p:" + Last7(x)) > o.generic_contact_limit) {
          if (explain && detail.empty()) detail = x + " generic";
          continue;
        }
        if (v > best) {
          best = v;
          detail = x;
        }
      }
    if (best > 0 || !detail.empty()) add(best > 0 ? "phone" : "phone_generic", best, detail);
  }
  // Addresses.
  {
    AddrResult best;
    std::string detail;
    for (const auto& x : a.addrs)
      for (const auto& y : b.addrs) {
        AddrResult r = CompareAddress(x, y);
        if (r.points <= 0) continue;
        if (freq.Get("a:" + x.key) > o.generic_address_limit &&
            freq.Get("a:" + y.key) > o.generic_address_limit)
          continue;
        if (r.points > best.points) {
          best = r;
          if (explain) detail = x.key;
        }
      }
    if (best.points > 0) add(best.name, best.points, detail);
  }
  // Employers (weak: many people work for one company).
  if (!a.employers.empty() && !b.employers.empty()) {
    double best = 0;
    for (const auto& x : a.employers)
      for (const auto& y : b.employers)
        best = std::max(best, SymNameScore(x, y, NameType::kOrganization, nullptr));
    if (best >= 0.8) add("employer", 1, "");
  }
  if (given_conflict) {
    ps.given_conflict = true;
    if (!ps.identifier_match) {
      ps.hard_conflict = true;
      add("given_name_conflict", 0, "");
    }
  }
  if (!ps.hard_conflict &&
      ((ps.score >= o.match_threshold && (ps.name_compatible || ps.identifier_match)) ||
       (ps.identifier_match && ps.score >= o.identifier_threshold))) {
    ps.link = true;
    ps.strong = ps.identifier_match || ps.score >= o.strong_threshold;
  }
  return ps;
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Resolver
// ---------------------------------------------------------------------------------------

struct Resolver::Impl {
  ErOptions opts;
  std::vector<ErRecord> records;
  std::vector<std::string> keys;
  std::vector<Prepared> prepared;
  Frequencies freq;
  std::unordered_map<std::string, std::vector<uint32_t>> index;

  struct Cl {
    std::string id;
    std::vector<uint32_t> members;
    std::vector<MergeReason> reasons;
    bool alive = true;
    bool existing = false;  // formed before the current Add()
  };
  std::vector<Cl> clusters;
  std::vector<uint32_t> cluster_of;
  ErStats stats;

  struct Cached {
    float score;
    bool hard;
  };
  std::unordered_map<uint64_t, Cached> cache;

  Cached Quick(uint32_t a, uint32_t b) {
    uint64_t k = PairKey(a, b);
    auto it = cache.find(k);
    if (it != cache.end()) return it->second;
    PairScore ps = ScorePair(prepared[a], prepared[b], freq, opts, false);
    Cached c{static_cast<float>(ps.score), ps.hard_conflict};
    cache.emplace(k, c);
    return c;
  }

  // Adds to frequency counts once per distinct value per record.
  void Count(const Prepared& p) {
    std::unordered_set<std::string> seen;
    for (const auto& e : p.emails) seen.insert("e:" + e);
    for (const auto& ph : p.phones) seen.insert("p:" + Last7(ph));
    for (const auto& a : p.addrs) seen.insert("a:" + a.key);
    for (const auto& k : seen) ++freq.count[k];
  }

  Status Add(std::vector<ErRecord> batch);
  bool Union(uint32_t a, uint32_t b, const PairScore& ps, bool strong);
};

Resolver::Resolver(ErOptions opts) : impl_(std::make_unique<Impl>()) { impl_->opts = opts; }
Resolver::~Resolver() = default;

Status Resolver::Add(std::vector<ErRecord> records) { return impl_->Add(std::move(records)); }

Status Resolver::Impl::Add(std::vector<ErRecord> batch) {
  for (const auto& r : batch)
    if (r.record_id.empty())
      return Status::InvalidArgument("entity resolution: a record from '" + r.source + "' (line " +
                                     std::to_string(r.line) + ") has no record id");
  // Key order makes the result independent of input order.
  std::vector<std::pair<std::string, size_t>> order;
  order.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) order.emplace_back(batch[i].Key(), i);
  std::sort(order.begin(), order.end());
  for (auto& c : clusters) c.existing = true;
  const uint32_t first_new = static_cast<uint32_t>(records.size());
  for (const auto& [key, i] : order) {
    uint32_t idx = static_cast<uint32_t>(records.size());
    records.push_back(std::move(batch[i]));
    keys.push_back(key);
    prepared.push_back(Prepare(records.back()));
    Count(prepared.back());
    cluster_of.push_back(static_cast<uint32_t>(clusters.size()));
    clusters.push_back({key, {idx}, {}, true, false});
  }
  const uint32_t n = static_cast<uint32_t>(records.size());
  stats.records = n;
  cache.clear();  // frequencies changed

  // Blocking.
  std::vector<std::vector<std::string>> new_keys(n - first_new);
  for (uint32_t i = first_new; i < n; ++i) {
    new_keys[i - first_new] = BlockKeys(prepared[i], opts.nicknames);
    for (const auto& k : new_keys[i - first_new]) index[k].push_back(i);
  }
  std::unordered_set<uint64_t> pairs;
  std::unordered_set<std::string> skipped;
  for (uint32_t i = first_new; i < n; ++i) {
    for (const auto& k : new_keys[i - first_new]) {
      const auto& list = index[k];
      if (list.size() > opts.max_block) {
        skipped.insert(k);
        continue;
      }
      for (uint32_t j : list)
        if (j != i) pairs.insert(PairKey(i, j));
    }
  }
  stats.skipped_blocks += skipped.size();
  stats.candidate_pairs += pairs.size();

  // Scoring.
  struct Link {
    uint32_t a, b;
    PairScore ps;
  };
  std::vector<Link> links;
  std::vector<uint64_t> sorted_pairs(pairs.begin(), pairs.end());
  std::sort(sorted_pairs.begin(), sorted_pairs.end());
  for (uint64_t pk : sorted_pairs) {
    uint32_t a = static_cast<uint32_t>(pk >> 32), b = static_cast<uint32_t>(pk);
    PairScore ps = ScorePair(prepared[a], prepared[b], freq, opts, false);
    cache.emplace(pk, Cached{static_cast<float>(ps.score), ps.hard_conflict});
    if (!ps.link) continue;
    links.push_back({a, b, std::move(ps)});
  }

  // Ambiguity: a record whose weak links reach records that conflict with each other
  // (at comparable scores) could be either; it joins neither through those links.
  {
    std::unordered_map<uint32_t, std::vector<size_t>> weak_of;
    for (size_t li = 0; li < links.size(); ++li) {
      if (links[li].ps.strong) continue;
      weak_of[links[li].a].push_back(li);
      weak_of[links[li].b].push_back(li);
    }
    std::vector<bool> drop(links.size(), false);
    std::vector<uint32_t> rs;
    for (const auto& [r, _] : weak_of) rs.push_back(r);
    std::sort(rs.begin(), rs.end());
    for (uint32_t r : rs) {
      const auto& ls = weak_of[r];
      if (ls.size() < 2 || ls.size() > 64) continue;
      for (size_t x = 0; x < ls.size(); ++x)
        for (size_t y = x + 1; y < ls.size(); ++y) {
          const Link& lx = links[ls[x]];
          const Link& ly = links[ls[y]];
          if (std::abs(lx.ps.score - ly.ps.score) > opts.ambiguity_margin) continue;
          uint32_t ox = lx.a == r ? lx.b : lx.a;
          uint32_t oy = ly.a == r ? ly.b : ly.a;
          if (Quick(ox, oy).hard) {
            drop[ls[x]] = true;
            drop[ls[y]] = true;
          }
        }
    }
    std::vector<Link> kept;
    for (size_t li = 0; li < links.size(); ++li) {
      if (drop[li]) {
        ++stats.ambiguous_dropped;
      } else {
        kept.push_back(std::move(links[li]));
      }
    }
    links = std::move(kept);
  }

  // Strong links first, then by score; ties by record key (indices follow key order
  // within a batch).
  std::sort(links.begin(), links.end(), [&](const Link& x, const Link& y) {
    if (x.ps.strong != y.ps.strong) return x.ps.strong;
    if (x.ps.score != y.ps.score) return x.ps.score > y.ps.score;
    if (keys[x.a] != keys[y.a]) return keys[x.a] < keys[y.a];
    return keys[x.b] < keys[y.b];
  });
  stats.links += links.size();
  for (const auto& l : links) {
    if (l.ps.strong) ++stats.strong_links;
    Union(l.a, l.b, l.ps, l.ps.strong);
  }
  return Status::Ok();
}

bool Resolver::Impl::Union(uint32_t a, uint32_t b, const PairScore& ps, bool strong) {
  uint32_t ca = cluster_of[a], cb = cluster_of[b];
  if (ca == cb) return true;
  const auto& ma = clusters[ca].members;
  const auto& mb = clusters[cb].members;
  double sum = 0;
  for (uint32_t x : ma)
    for (uint32_t y : mb) {
      Cached c = Quick(x, y);
      if (c.hard) {
        ++stats.rejected_conflict;
        return false;
      }
      sum += c.score;
    }
  if (!strong) {
    double avg = sum / double(ma.size() * mb.size());
    if (avg < opts.average_threshold) {
      ++stats.rejected_average;
      return false;
    }
  }
  // The surviving id: an existing cluster's over a new one's, else the smaller.
  Cl& A = clusters[ca];
  Cl& B = clusters[cb];
  bool keep_a;
  if (A.existing != B.existing) {
    keep_a = A.existing;
  } else {
    keep_a = A.id < B.id;
  }
  Cl& win = keep_a ? A : B;
  Cl& lose = keep_a ? B : A;
  uint32_t win_idx = keep_a ? ca : cb;
  for (uint32_t m : lose.members) cluster_of[m] = win_idx;
  win.members.insert(win.members.end(), lose.members.begin(), lose.members.end());
  std::sort(win.members.begin(), win.members.end(),
            [&](uint32_t x, uint32_t y) { return keys[x] < keys[y]; });
  win.reasons.insert(win.reasons.end(), lose.reasons.begin(), lose.reasons.end());
  PairScore full = ScorePair(prepared[a], prepared[b], freq, opts, true);
  win.reasons.push_back({keys[a], keys[b], ps.score, strong, full.ToString()});
  win.existing = win.existing || lose.existing;
  lose.alive = false;
  lose.members.clear();
  lose.reasons.clear();
  return true;
}

const std::vector<ErRecord>& Resolver::records() const { return impl_->records; }

const std::string& Resolver::ClusterId(size_t i) const {
  return impl_->clusters[impl_->cluster_of.at(i)].id;
}

std::vector<ErCluster> Resolver::Clusters() const {
  std::vector<ErCluster> out;
  for (const auto& c : impl_->clusters) {
    if (!c.alive) continue;
    ErCluster e;
    e.id = c.id;
    e.members.assign(c.members.begin(), c.members.end());
    e.reasons = c.reasons;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const ErCluster& a, const ErCluster& b) { return a.id < b.id; });
  return out;
}

Entity Resolver::CanonicalEntity(const ErCluster& c) const {
  Entity out;
  out.set_id(c.id);
  const Schema* schema = nullptr;
  for (size_t m : c.members) {
    const ErRecord& r = impl_->records.at(m);
    Entity e = EntityFromErRecord(r);
    // The most specific schema among members (Person over LegalEntity).
    if (!schema || (e.schema().IsA(*schema) && &e.schema() != schema)) schema = &e.schema();
    out.MergeFrom(e);
  }
  out.set_schema(schema);
  return out;
}

PairScore Resolver::Compare(size_t a, size_t b) const {
  return ScorePair(impl_->prepared.at(a), impl_->prepared.at(b), impl_->freq, impl_->opts, true);
}

const ErStats& Resolver::stats() const { return impl_->stats; }

Result<std::vector<std::string>> ResolveBatch(const std::vector<ErRecord>& records,
                                              const ErOptions& opts, ErStats* stats) {
  Resolver r(opts);
  RETURN_IF_ERROR(r.Add(records));
  std::unordered_map<std::string, std::string> by_key;
  for (size_t i = 0; i < r.records().size(); ++i) by_key[r.records()[i].Key()] = r.ClusterId(i);
  std::vector<std::string> out;
  out.reserve(records.size());
  for (const auto& rec : records) out.push_back(by_key[rec.Key()]);
  if (stats) *stats = r.stats();
  return out;
}

}  // namespace interdict::network
