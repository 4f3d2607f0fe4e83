// Sanctions screening: fuzzy, cross-script, explained matching of names (and identifiers)
// against list entities from any reader (OFAC CSV, UN XML, FtM, watchlist CSV).
//
// Pipeline per query: AnalyzeName() normalises the name (NFKC, ICU transliteration to
// Latin/ASCII with the original kept, case and punctuation folding, legal-form
// canonicalisation, stop/generic tokens down-weighted); the Screener's inverted index
// (tokens, one-edit deletion neighbourhoods, phonetic keys, consonant skeletons for
// abjad scripts, joined adjacent tokens, exact identifier maps) proposes candidates with
// an upper bound on their score; the `logic` scorer (in the spirit of nomenklatura's
// logic-v2) aligns name parts, weighs them, penalises unmatched parts asymmetrically and
// applies qualifiers (country, birth date, gender). Every result carries an Explanation.
//
// Thread-safety: a built Screener is immutable; Screen() may be called from many threads
// at once. AnalyzeName()/CompareNames() are thread-safe.
#ifndef INTERDICT_SCREEN_H_
#define INTERDICT_SCREEN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/model.h"
#include "interdict/status.h"

namespace interdict::screen {

// What kind of name a name is; decides part weights and which list entries compete.
enum class NameType : uint8_t { kAny = 0, kPerson, kOrganization, kObject };
// Person -> kPerson; Company/Organization/LegalEntity/PublicBody -> kOrganization;
// Vessel/Airplane/Asset -> kObject; "" or unknown -> kAny.
NameType NameTypeForSchema(std::string_view schema);

enum class TokenKind : uint8_t {
  kWord,     // an ordinary name part
  kStop,     // particles and titles ("al", "bin", "de", "mr"): weight 0.5
  kLegal,    // legal form, canonicalised ("ooo", "limited liability company" -> "llc")
  kGeneric,  // generic organisation words ("trading", "international", "group")
  kNumeric,  // contains a digit: must match exactly
  kInitial,  // a single letter
};

struct NameToken {
  std::string text;      // ASCII lower case (canonical form for legal forms)
  std::string phonetic;  // phonetic key (see PhoneticKey)
  std::string skeleton;  // consonant skeleton (for names from abjad scripts)
  TokenKind kind = TokenKind::kWord;
  bool abjad = false;  // transliterated from a script that omits short vowels
  float weight = 1.0f;
};

struct AnalyzedName {
  std::string original;         // as given
  std::string latin;            // the tokens joined by blanks (what is compared)
  bool transliterated = false;  // original held non-Latin script
  std::vector<NameToken> tokens;
};

// NFKC, then (when the text is not plain ASCII) ICU "Russian-Latin/BGN; Any-Latin;
// Latin-ASCII"; lower case; punctuation to blanks (apostrophes dropped). Thread-safe.
std::string ToLatinAscii(std::string_view text);
// Phonetic key of an ASCII lower-case token: letter groups that sound alike folded
// (ph->f, x->ks, c/q->k, z->s, w->v, y->i, dh/th/kh/gh drop h), vowels after the first
// letter dropped, runs collapsed. "aleksandr" and "alexander" share "alksndr".
std::string PhoneticKey(std::string_view token);
// Consonant skeleton: vowels (a e i o u y) and apostrophes dropped, w->v, runs collapsed.
std::string ConsonantSkeleton(std::string_view token);

AnalyzedName AnalyzeName(std::string_view name, NameType type);

// One aligned (or unaligned) group of name parts in a comparison.
struct PartMatch {
  std::string query;   // query part(s), blank-joined; "" for an extra result part
  std::string result;  // result part(s); "" for an extra query part
  double score = 0;    // 0..1
  double weight = 0;
  std::string how;  // exact|fuzzy|phonetic|skeleton|initial|joined|legal|extra-query|extra-result
};

struct NameComparison {
  double score = 0;
  std::vector<PartMatch> parts;
};

// The `logic` name score of query name `q` against result name `r` (0..1).
NameComparison CompareNames(const AnalyzedName& q, const AnalyzedName& r, NameType type);
// Convenience: analyses both names first (schema as in NameTypeForSchema).
NameComparison CompareNameStrings(std::string_view query, std::string_view result,
                                  std::string_view schema);

// Jaro-Winkler similarity of two byte strings (prefix scale 0.1, at most 4 characters,
// applied when Jaro > 0.7; as Python's jellyfish computes it).
double JaroWinkler(std::string_view a, std::string_view b);
// The `ofac` scorer: an emulation of OFAC's Sanctions List Search score (0..1) of list name
// `result` for query `query` (see src/screen/ofac_scorer.cc).
double OfacNameScore(std::string_view query, std::string_view result);

// Scoring algorithm, chosen per request.
enum class Algorithm : uint8_t { kLogic = 0, kOfac };
// "logic" | "ofac" -> the algorithm; false when unknown.
bool ParseAlgorithm(std::string_view name, Algorithm* out);

// A screening query: a name plus optional qualifiers and identifiers.
struct Query {
  std::string id;
  std::string name;
  std::string schema;      // "" = any
  std::string birth_date;  // YYYY, YYYY-MM or YYYY-MM-DD; for organisations the incorporation date
  std::string country;     // ISO 3166 alpha-2 or an English country name; ';'-separated ok
  std::string gender;      // male|female|m|f
  // Identifiers, e.g. {"imoNumber", "9187629"}, {"mmsi", "..."}, {"passportNumber", ...};
  // the property name is informative: any identifier matches any of the entity's.
  std::vector<std::pair<std::string, std::string>> identifiers;
};

struct Feature {
  std::string name;  // name_match, weak_alias_match, identifier_match, country_mismatch, ...
  double value = 0;  // contribution to the score (qualifiers are negative)
  std::string detail;
};

struct Explanation {
  std::string query_name;        // the query name as compared (transliterated)
  std::string matched_name;      // the list name or alias that matched (original script)
  std::string matched_property;  // name|alias|previousName|weakAlias|identifier
  double name_score = 0;
  std::vector<PartMatch> parts;     // the name alignment
  std::vector<Feature> features;    // main features; the score is their maximum ...
  std::vector<Feature> qualifiers;  // ... plus these
  // One line: "alias 'X' ~ 'Y' 0.91 [osama=usama fuzzy 0.80, ...]; dob_year_disjoint -0.15".
  std::string ToString() const;
};

struct ScreenMatch {
  size_t entity_index = 0;  // into Screener::entities()
  std::string entity_id;
  std::string list;     // list name ("ofac", "un", the source file, ...)
  std::string program;  // ';'-joined programs
  std::string caption;
  std::string schema;
  std::string matched_name;
  double score = 0;
  bool match = false;  // score >= threshold
  Explanation explanation;
};

struct ScreenOptions {
  double threshold = 0.70;  // the one fixed decision threshold of the logic scorer
  double min_score = -1;    // report candidates from this score on; < 0: = threshold
  int top = 5;
  std::string schema;  // overrides Query::schema when set
  // kOfac: names scored by OfacNameScore() instead of the logic scorer (candidates still
  // come from the index; qualifiers, weak-alias and identifier rules are the same).
  Algorithm algorithm = Algorithm::kLogic;
};

class Screener {
 public:
  // Indexes every entity that has a name (or identifier); Sanction/Ownership edges,
  // Addresses and other non-party schemas are skipped. Several lists may be mixed.
  static Result<std::unique_ptr<Screener>> Build(std::vector<Entity> entities);
  ~Screener();
  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  // Best matches first (at most opts.top, each with score >= min_score).
  std::vector<ScreenMatch> Screen(const Query& query, const ScreenOptions& opts) const;

  const std::vector<Entity>& entities() const;
  size_t name_count() const;   // indexed names and aliases
  size_t token_count() const;  // distinct index tokens

 private:
  struct Impl;
  explicit Screener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Country name or code -> ISO 3166-1 alpha-2 upper case, "" if unknown.
std::string CountryCode(std::string_view name_or_code);

}  // namespace interdict::screen

#endif  // INTERDICT_SCREEN_H_
