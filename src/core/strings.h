// Small string helpers used across modules. Check here before writing another.
#ifndef INTERDICT_CORE_STRINGS_H_
#define INTERDICT_CORE_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace interdict {

std::string_view Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep, bool trim = true,
                               bool skip_empty = true);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
std::string AsciiUpper(std::string_view s);
std::string AsciiLower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// Upper-cases ASCII letters, turns punctuation into blanks, collapses blanks. Non-ASCII
// bytes are kept. The key for exact-name matching; fuzzy matching lives in screen/.
std::string NormalizeName(std::string_view name);

}  // namespace interdict

#endif  // INTERDICT_CORE_STRINGS_H_
