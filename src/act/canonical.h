// Canonical JSON (docs/formats/audit.md §1): what interdict hashes and signs.
#ifndef INTERDICT_ACT_CANONICAL_H_
#define INTERDICT_ACT_CANONICAL_H_

#include <nlohmann/json.hpp>
#include <string>

namespace interdict::act {

// nlohmann's objects are std::maps (keys sorted bytewise), dump(-1) adds no whitespace and
// escapes exactly as RFC 8785 does for strings and integers. Invalid UTF-8 is replaced
// (U+FFFD) rather than thrown, so hashing never throws; callers validate inputs first.
inline std::string CanonicalDump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// True iff `s` is valid UTF-8 (so CanonicalDump keeps it byte for byte).
bool IsValidUtf8(const std::string& s);

}  // namespace interdict::act

#endif  // INTERDICT_ACT_CANONICAL_H_
