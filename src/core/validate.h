// Field validators shared by every reader. Each returns an empty string when the value
// is valid, otherwise a short reason ("bad IMO check digit") for the quarantine table.
#ifndef INTERDICT_CORE_VALIDATE_H_
#define INTERDICT_CORE_VALIDATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace interdict {

// IMO ship number: 7 digits (optionally "IMO " prefix); the last is the check digit,
// sum of the first six digits weighted 7..2, mod 10.
std::string ValidateImo(std::string_view imo);
// Strips an "IMO" prefix and blanks; returns the 7 digits or "" if not 7 digits.
std::string NormalizeImo(std::string_view imo);
// MMSI: exactly 9 digits.
std::string ValidateMmsi(std::string_view mmsi);
// ISO 3166-1 alpha-2 (upper case), including XK (Kosovo, user-assigned but universal).
std::string ValidateCountry(std::string_view cc);
bool IsCountryCode(std::string_view cc);
// HS code: 6 to 10 digits, dots/spaces allowed as separators ("8542.31", "854231 00").
std::string ValidateHsCode(std::string_view hs);
// Digits only, leading zeros kept ("0901.11" -> "090111").
std::string NormalizeHsCode(std::string_view hs);
// UN/LOCODE: 2-letter country + 3 chars [A-Z2-9], optional blank between ("NL RTM").
std::string ValidateLocode(std::string_view code);
std::string NormalizeLocode(std::string_view code);
// Calendar date YYYY-MM-DD (a trailing time "THH:MM:SS[Z]" is accepted).
std::string ValidateDate(std::string_view date);
// Days since 1970-01-01 for a valid date; nullopt otherwise.
std::optional<int64_t> ParseDateDays(std::string_view date);
// Unix seconds for YYYY-MM-DD[THH:MM[:SS][Z]] (UTC); nullopt otherwise.
std::optional<int64_t> ParseIsoSeconds(std::string_view ts);
// Finite decimal number (optionally signed, exponent allowed).
std::optional<double> ParseNumber(std::string_view s);
std::string ValidateNumber(std::string_view s, bool allow_negative = false);
// Well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

}  // namespace interdict

#endif  // INTERDICT_CORE_VALIDATE_H_
