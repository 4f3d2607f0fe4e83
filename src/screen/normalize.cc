// Name normalisation for screening: transliteration, folding, tokenising, legal forms.
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/strings.h"
#include "interdict/screen.h"
#include "screen/screen_internal.h"

namespace interdict::screen {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Folds an ASCII string: lower case, apostrophes dropped, other punctuation -> blank,
// blanks collapsed; non-ASCII bytes dropped (ICU residue such as modifier letters).
void FoldAsciiInto(std::string_view s, std::string* out) {
  bool pending_space = !out->empty();
  bool dotted_run = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c != '.' && !IsAsciiAlnum(c)) dotted_run = false;
    if (c >= 0x80) {
      // U+30FB KATAKANA MIDDLE DOT (E3 83 BB) separates words; other residue is dropped.
      if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x83 &&
          static_cast<unsigned char>(s[i + 2]) == 0xBB) {
        pending_space = true;
        i += 2;
      }
      continue;
    }
    if (IsAsciiAlnum(c)) {
      if (pending_space && !out->empty() && out->back() != ' ') out->push_back(' ');
      pending_space = false;
      out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if (c == '\'' || c == '`') {
      continue;  // O'Brien -> obrien
    } else if (c == '.' && i + 1 < s.size() && IsAsciiAlnum(s[i + 1]) && !out->empty() &&
               out->back() != ' ' &&
               (out->size() == 1 || (*out)[out->size() - 2] == ' ' || dotted_run)) {
      dotted_run = true;  // "G.m.b.H." -> "gmbh", "L.L.C." -> "llc"
      continue;
    } else {
      pending_space = true;
    }
  }
}

struct IcuTranslit {
  std::unique_ptr<icu::Transliterator> trans;
  const icu::Normalizer2* nfkc = nullptr;
  bool ok = false;
  IcuTranslit() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) return;
    status = U_ZERO_ERROR;
    trans.reset(icu::Transliterator::createInstance("Russian-Latin/BGN; Any-Latin; Latin-ASCII",
                                                    UTRANS_FORWARD, status));
    ok = U_SUCCESS(status) && trans != nullptr;
  }
};

// Hangul syllables (U+AC00..U+D7A3) get a blank between them, so a Korean name written
// without blanks ("김정은") transliterates syllable by syllable ("gim jeong eun").
std::string SpaceHangul(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  bool prev_hangul = false;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + len > s.size()) len = s.size() - i;
    bool hangul = false;
    if (len == 3) {
      uint32_t cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      hangul = cp >= 0xAC00 && cp <= 0xD7A3;
    }
    if (hangul && prev_hangul) out.push_back(' ');
    out.append(s.substr(i, len));
    prev_hangul = hangul;
    i += len;
  }
  return out;
}

std::string IcuToAscii(std::string_view chunk) {
  thread_local IcuTranslit icu_state;
  std::string out;
  if (!icu_state.ok) {
    FoldAsciiInto(chunk, &out);
    return out;
  }
  std::string spaced = SpaceHangul(chunk);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(spaced.data(), spaced.size()));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString n = icu_state.nfkc->normalize(u, status);
  if (U_FAILURE(status)) n = u;
  icu_state.trans->transliterate(n);
  std::string utf8;
  n.toUTF8String(utf8);
  FoldAsciiInto(utf8, &out);
  return out;
}

// Per-thread cache of transliterated non-ASCII chunks (names repeat across queries).
const std::string& CachedIcuToAscii(std::string_view chunk) {
  thread_local std::unordered_map<std::string, std::string> cache;
  auto it = cache.find(std::string(chunk));
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  return cache.emplace(std::string(chunk), IcuToAscii(chunk)).first->second;
}

// True for Arabic, Hebrew and Syriac letters (scripts that omit short vowels).
bool HasAbjad(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == 0xD7 || (c >= 0xD8 && c <= 0xDC) ||
        (c == 0xD6 && static_cast<unsigned char>(s[i + 1]) >= 0x90))
      return true;
    if (c == 0xEF) {  // Arabic presentation forms U+FB50..U+FDFF, U+FE70..U+FEFF
      unsigned char c1 = s[i + 1];
      if ((c1 >= 0xAD && c1 <= 0xB7) || (c1 >= 0xB9 && c1 <= 0xBB)) return true;
    }
  }
  return false;
}

// Multi-word and single-word legal forms -> canonical token.
struct LegalTable {
  std::unordered_map<std::string, std::string> single;
  std::vector<std::pair<std::vector<std::string>, std::string>> phrases;  // longest first
  LegalTable() {
    const std::vector<std::pair<const char*, std::vector<const char*>>> forms = {
        {"llc",
         {"llc", "ooo", "too", "tov", "mchj", "limited liability company", "limited liability co",
          "l l c", "obshchestvo s ogranichennoy otvetstvennostyu",
          "obshchestvo s ogranichennoi otvetstvennostiu",
          "obshchestvo s ogranichennoj otvetstvennostju",
          "tovarystvo z obmezhenoyu vidpovidalnistyu",
          "tovarishchestvo s ogranichennoy otvetstvennostyu"}},
        {"ltd", {"ltd", "limited", "ltda"}},
        {"jsc",
         {"jsc",
          "ao",
          "oao",
          "zao",
          "pao",
          "pjsc",
          "ojsc",
          "cjsc",
          "pat",
          "prat",
          "jsco",
          "joint stock company",
          "open joint stock company",
          "closed joint stock company",
          "public joint stock company",
          "joint stock co",
          "aktsionernoye obshchestvo",
          "aktsionernoe obshchestvo",
          "aktsionernoe obshestvo",
          "publichnoye aktsionernoye obshchestvo",
          "publichnoe aktsionernoe obshchestvo",
          "otkrytoye aktsionernoye obshchestvo",
          "otkrytoe aktsionernoe obshchestvo",
          "zakrytoye aktsionernoye obshchestvo",
          "zakrytoe aktsionernoe obshchestvo",
          "aktsionerno obshchestvo"}},
        {"co", {"co", "comp", "company", "compania", "cia", "companhia", "compagnie", "cie"}},
        {"corp", {"corp", "corporation", "korporatsiya"}},
        {"inc", {"inc", "incorporated"}},
        {"gmbh", {"gmbh", "gesellschaft mit beschrankter haftung"}},
        {"ag", {"ag", "aktiengesellschaft"}},
        {"plc", {"plc", "public limited company"}},
        {"sa", {"sa", "sociedad anonima", "societe anonyme", "s a"}},
        {"srl", {"srl", "sarl", "s r l", "s a r l", "sociedad de responsabilidad limitada"}},
        {"bv", {"bv", "b v"}},
        {"nv", {"nv", "n v"}},
        {"llp", {"llp"}},
        {"lp", {"lp"}},
        {"spa", {"spa", "s p a"}},
        {"kg", {"kg"}},
        {"oy", {"oy", "oyj"}},
        {"ab", {"ab"}},
        {"pte", {"pte"}},
        {"pvt", {"pvt", "private"}},
        {"fze", {"fze", "fzco", "fzc", "fzllc", "fz llc", "fz"}},
        {"sal", {"sal"}},
        {"doo", {"doo", "d o o"}},
        {"sro", {"sro", "s r o"}},
        {"kft", {"kft"}},
        {"jv", {"jv", "joint venture"}},
        {"cooperative", {"cooperative", "coop"}},
        {"gup",
         {"gup", "fgup", "mup", "federal state unitary enterprise", "state unitary enterprise",
          "unitary enterprise"}},
    };
    for (const auto& [canon, variants] : forms) {
      for (const char* v : variants) {
        std::vector<std::string> words = Split(v, ' ');
        if (words.size() == 1) {
          single[words[0]] = canon;
        } else {
          phrases.emplace_back(std::move(words), canon);
        }
      }
    }
    std::stable_sort(phrases.begin(), phrases.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }
};

const LegalTable& Legal() {
  static const LegalTable t;
  return t;
}

const std::unordered_set<std::string>& GenericWords() {
  static const std::unordered_set<std::string> s = {
      "trading",      "trade",         "international", "intl",        "group",
      "holding",      "holdings",      "industries",    "industry",    "industrial",
      "enterprise",   "enterprises",   "services",      "service",     "shipping",
      "general",      "global",        "investment",    "investments", "import",
      "export",       "logistics",     "development",   "management",  "technology",
      "technologies", "engineering",   "commercial",    "partners",    "associates",
      "solutions",    "systems",       "bank",          "foundation",  "organization",
      "organisation", "establishment", "firm",          "factory",     "plant",
      "center",       "centre",        "institute",     "agency",      "society",
      "association",  "national",      "state",         "limited",     "products",
      "resources",    "energy",        "marine",        "maritime",    "petroleum",
      "oil",          "gas",           "chemical",      "chemicals",   "electronics",
      "construction", "manufacturing", "production",    "overseas",    "worldwide",
      "universal",    "united",        "union",         "joint",       "stock",
      "network",      "networks",      "front",         "brigade",     "brigades",
      "movement",     "battalion",     "army",          "force",       "forces"};
  return s;
}

// Particles and connectors: weak on their own.
const std::unordered_map<std::string, std::string>& StopWords() {
  static const std::unordered_map<std::string, std::string> s = {
      {"al", "al"},      {"el", "al"},    {"ul", "al"},   {"ud", "al"},   {"ad", "al"},
      {"as", "al"},      {"ash", "al"},   {"az", "al"},   {"an", "al"},   {"ar", "al"},
      {"at", "al"},      {"bin", "bin"},  {"ben", "bin"}, {"ibn", "bin"}, {"bint", "bint"},
      {"binti", "bint"}, {"bte", "bint"}, {"de", "de"},   {"da", "de"},   {"di", "de"},
      {"do", "de"},      {"dos", "de"},   {"das", "de"},  {"del", "de"},  {"della", "de"},
      {"du", "de"},      {"des", "de"},   {"van", "van"}, {"von", "van"}, {"der", "der"},
      {"den", "der"},    {"la", "la"},    {"le", "la"},   {"los", "la"},  {"las", "la"},
      {"y", "y"},        {"the", "the"},  {"of", "of"},   {"and", "and"}, {"for", "for"},
      {"in", "in"},      {"on", "on"},    {"a", "a"},     {"und", "and"}, {"et", "and"},
      {"i", "i"},        {"za", "za"},    {"po", "po"},   {"na", "na"}};
  return s;
}

// Titles and honorifics: dropped to a very low weight.
const std::unordered_set<std::string>& Titles() {
  static const std::unordered_set<std::string> s = {
      "mr",           "mrs",          "ms",        "miss",       "dr",        "prof",
      "sheikh",       "shaikh",       "sheik",     "shaykh",     "haji",      "hajji",
      "hadji",        "alhaj",        "alhaji",    "mullah",     "mulla",     "maulavi",
      "mawlawi",      "maulvi",       "molvi",     "qari",       "general",   "gen",
      "col",          "colonel",      "president", "presidente", "prasident", "predsjednik",
      "presedintele", "presiden",     "elnok",     "sir",        "lord",      "imam",
      "ayatollah",    "hojatoleslam", "sayyid",    "sayed",      "syed",      "engineer",
      "eng",          "doctor",       "captain",   "capt",       "admiral",   "brigadier",
      "major",        "lieutenant",   "lt",        "senator",    "minister",  "prezident",
      "prezydent",    "president",    "mister",    "madam",      "jr",        "sr"};
  return s;
}

bool IsRomanNumeral(const std::string& w) {
  static const std::unordered_set<std::string> r = {"ii",  "iii",  "iv",    "vi",   "vii", "viii",
                                                    "ix",  "xi",   "xii",   "xiii", "xiv", "xv",
                                                    "xvi", "xvii", "xviii", "xix",  "xx"};
  return r.count(w) > 0;
}

// A misspelt long legal form ("aktiengeselschaft") -> its canonical token, or "".
std::string FuzzyLegal(const std::string& w) {
  if (w.size() < 9) return "";
  for (const auto& [variant, canon] : Legal().single) {
    if (variant.size() < 9) continue;
    if (EditDistance(w, variant, 2) <= 2) return canon;
  }
  return "";
}

}  // namespace

NameType NameTypeForSchema(std::string_view schema) {
  if (schema.empty()) return NameType::kAny;
  if (schema == "Person") return NameType::kPerson;
  if (schema == "Company" || schema == "Organization" || schema == "PublicBody" ||
      schema == "Organisation")
    return NameType::kOrganization;
  if (schema == "Vessel" || schema == "Airplane" || schema == "Asset" || schema == "Vehicle")
    return NameType::kObject;
  return NameType::kAny;  // LegalEntity, Thing, unknown
}

std::string ToLatinAscii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // Chunks split at ASCII blanks; pure-ASCII chunks take the fast path.
    size_t j = i;
    bool ascii = true;
    while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' &&
           text[j] != '\r') {
      if (static_cast<unsigned char>(text[j]) >= 0x80) ascii = false;
      ++j;
    }
    std::string_view chunk = text.substr(i, j - i);
    if (!chunk.empty()) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      if (ascii) {
        FoldAsciiInto(chunk, &out);
      } else {
        const std::string& t = CachedIcuToAscii(chunk);
        if (!t.empty()) {
          if (!out.empty() && out.back() != ' ') out.push_back(' ');
          out += t;
        }
      }
    }
    i = j + 1;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string PhoneticKey(std::string_view token) {
  // 1) fold letter groups
  std::string s;
  s.reserve(token.size() + 4);
  for (size_t i = 0; i < token.size(); ++i) {
    char c = token[i];
    char n = i + 1 < token.size() ? token[i + 1] : '\0';
    switch (c) {
      case 'p':
        if (n == 'h') {
          s.push_back('f');
          ++i;
        } else {
          s.push_back('p');
        }
        break;
      case 'x':
        s += "ks";
        break;
      case 'q':
        s.push_back('k');
        break;
      case 'c':
        if (n == 'h') {
          s.push_back('x');  // ch ~ sh
          ++i;
        } else if (n == 'k') {
          s.push_back('k');
          ++i;
        } else {
          s.push_back('k');
        }
        break;
      case 's':
        if (n == 'h') {
          s.push_back('x');
          ++i;
        } else if (n == 'c' && i + 2 < token.size() && token[i + 2] == 'h') {
          s.push_back('x');
          i += 2;
        } else {
          s.push_back('s');
        }
        break;
      case 'z':
        s.push_back('s');
        break;
      case 'w':
        s.push_back('v');
        break;
      case 'y':
      case 'j':
        s.push_back('i');
        break;
      case 'd':
      case 't':
      case 'k':
      case 'g':
        s.push_back(c == 'd' ? 't' : c == 'g' ? 'g' : c);
        if (n == 'h') ++i;  // dh th kh gh
        break;
      default:
        s.push_back(c);
    }
  }
  // 2) first letter kept (vowels as 'a'), later vowels and 'h' dropped, runs collapsed.
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  std::string key;
  key.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 0) {
      key.push_back(vowel(c) ? 'a' : c);
      continue;
    }
    if (vowel(c) || c == 'h') continue;
    if (key.back() == c) continue;
    key.push_back(c);
  }
  return key;
}

std::string ConsonantSkeleton(std::string_view token) {
  std::string k;
  k.reserve(token.size());
  for (char c : token) {
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == '\'') continue;
    if (c == 'w') c = 'v';
    if (!k.empty() && k.back() == c) continue;
    k.push_back(c);
  }
  return k;
}

AnalyzedName AnalyzeName(std::string_view name, NameType type) {
  AnalyzedName out;
  out.original = std::string(name);
  bool ascii = true;
  for (unsigned char c : name)
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  std::string latin = ToLatinAscii(name);
  if (!ascii) {
    // Latin script with diacritics is not "transliterated"; other scripts are.
    std::string folded;
    FoldAsciiInto(name, &folded);
    out.transliterated = folded.size() * 2 < latin.size() || folded.empty();
  }
  bool abjad = !ascii && HasAbjad(name);
  std::vector<std::string> words = Split(latin, ' ');
  const LegalTable& legal = Legal();
  const auto& stops = StopWords();
  const auto& titles = Titles();
  const auto& generic = GenericWords();
  bool org = type == NameType::kOrganization || type == NameType::kAny || type == NameType::kObject;
  for (size_t i = 0; i < words.size();) {
    NameToken t;
    t.abjad = abjad;
    size_t consumed = 1;
    bool done = false;
    if (org) {
      for (const auto& [phrase, canon] : legal.phrases) {
        if (i + phrase.size() > words.size()) continue;
        bool eq = true;
        for (size_t k = 0; k < phrase.size() && eq; ++k) eq = words[i + k] == phrase[k];
        if (eq) {
          t.text = canon;
          t.kind = TokenKind::kLegal;
          t.weight = 0.7f;
          consumed = phrase.size();
          done = true;
          break;
        }
      }
      if (!done) {
        auto it = legal.single.find(words[i]);
        // A lone legal form word is a name ("Limited" alone is kept as a word below).
        if (it != legal.single.end() && words.size() > 1) {
          t.text = it->second;
          t.kind = TokenKind::kLegal;
          t.weight = 0.7f;
          done = true;
        } else if (words.size() > 1) {
          std::string canon = FuzzyLegal(words[i]);
          if (!canon.empty()) {
            t.text = canon;
            t.kind = TokenKind::kLegal;
            t.weight = 0.7f;
            done = true;
          }
        }
      }
    }
    if (!done) {
      const std::string& w = words[i];
      t.text = w;
      bool digit = false;
      for (char c : w) digit |= (c >= '0' && c <= '9');
      if (digit || IsRomanNumeral(w)) {
        t.kind = TokenKind::kNumeric;
        t.weight = 1.3f;
      } else if (w.size() == 1) {
        t.kind = TokenKind::kInitial;
        t.weight = 0.5f;
      } else if (auto st = stops.find(w); st != stops.end()) {
        t.text = st->second;
        t.kind = TokenKind::kStop;
        t.weight = 0.5f;
      } else if (titles.count(w) && type != NameType::kOrganization && type != NameType::kObject) {
        t.kind = TokenKind::kStop;
        t.weight = 0.25f;
      } else if (type != NameType::kPerson && generic.count(w)) {
        t.kind = TokenKind::kGeneric;
        t.weight = 0.5f;
      }
    }
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kGeneric) {
      t.phonetic = PhoneticKey(t.text);
      t.skeleton = ConsonantSkeleton(t.text);
    }
    out.tokens.push_back(std::move(t));
    i += consumed;
  }
  // A name made only of weak tokens keeps them at full weight ("AL", "THE BASE").
  bool any_strong = false;
  for (const auto& t : out.tokens)
    any_strong |= t.kind == TokenKind::kWord || t.kind == TokenKind::kNumeric ||
                  t.kind == TokenKind::kInitial;
  if (!any_strong)
    for (auto& t : out.tokens) {
      t.weight = 1.0f;
      if (t.phonetic.empty()) t.phonetic = PhoneticKey(t.text);
      if (t.skeleton.empty()) t.skeleton = ConsonantSkeleton(t.text);
    }
  if (out.tokens.size() > kMaxTokens) out.tokens.resize(kMaxTokens);
  for (const auto& t : out.tokens) {
    if (!out.latin.empty()) out.latin.push_back(' ');
    out.latin += t.text;
  }
  return out;
}

}  // namespace interdict::screen
