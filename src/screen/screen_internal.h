// Internals of the screening engine shared by its .cc files and tests.
#ifndef INTERDICT_SCREEN_SCREEN_INTERNAL_H_
#define INTERDICT_SCREEN_SCREEN_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "interdict/screen.h"

namespace interdict::screen {

inline constexpr size_t kMaxTokens = 24;

// Optimal-string-alignment distance (adjacent transpositions cost 1), or `max + 1` as
// soon as it must exceed `max`.
int EditDistance(std::string_view a, std::string_view b, int max);

// Edits a token of length `len` (the longer side) may differ by and still count as the
// same name part.
int EditBudget(size_t len);

enum class How : uint8_t { kExact, kFuzzy, kPhonetic, kSkeleton, kInitial, kJoined, kLegal };
const char* HowName(How h);

// Similarity of two name parts, 0 when they are not the same part. Sets *how.
float TokenSim(const NameToken& a, const NameToken& b, How* how);
// Similarity of two plain strings (used for joined tokens).
float StringSim(std::string_view a, std::string_view b);

struct ScorerParams {
  float extra_query = 0.8f;   // weight of a query part with no partner
  float extra_result = 0.1f;  // weight of a result part with no partner
  float min_part = 0.5f;      // a pair below this is not aligned
  // Weight of an unmatched result part when the query also has unmatched parts.
  float conflict_result = 0.8f;
  float swap_penalty = 0.3f;  // "X bin Y" vs "Y bin X"
  // Factor off the score when each side keeps an unmatched word or generic word ("Kaya
  // Systems Ltd" vs "Kaya Holding Ltd", "Ivan Petrov" vs "Sergei Petrov"): a substituted
  // word names another firm or person, however generic the word, while a merely missing
  // one ("Kaya Ltd", a list entry's extra middle name) does not. On name_bench 0.25-0.5
  // all give F1 0.842 (0.815 without): 0.3 is in the middle of that plateau.
  float substitution_penalty = 0.0f;
};
const ScorerParams& DefaultParams(NameType type);

// The scorer behind CompareNames(); `parts` (may be null) receives the alignment.
float ScoreNames(const AnalyzedName& q, const AnalyzedName& r, const ScorerParams& p,
                 std::vector<PartMatch>* parts);

// The fraction of the query's (index-covered) part weight needed for a candidate to be
// able to reach `score`: used to prune candidates before scoring them.
float CoverageUpperBound(float covered, float total, NameType type);

// The `ofac` scorer (ofac_scorer.cc) on names already folded by ToLatinAscii;
// `result_comma_tokens` = how many of the result's tokens came before its comma
// ("PUTIN, Vladimir" -> 1; 0 for none), so "LAST, First" is also tried as "First Last".
double OfacScoreLatin(std::string_view query_latin, std::string_view result_latin,
                      size_t result_comma_tokens);
size_t TokensBeforeComma(std::string_view original);

}  // namespace interdict::screen

#endif  // INTERDICT_SCREEN_SCREEN_INTERNAL_H_
