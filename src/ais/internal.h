// Helpers shared inside src/ais (not part of the public API).
#ifndef INTERDICT_AIS_INTERNAL_H_
#define INTERDICT_AIS_INTERNAL_H_

#include <cstdint>
#include <string_view>

namespace interdict::ais::internal {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
// "YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z]" (UTC) -> unix milliseconds, or -1.
int64_t ParseIsoMillis(std::string_view s);
// Appends armoured characters at bit *bitpos of `bits` (zeroed beyond *bitpos).
bool AppendArmour(std::string_view armoured, uint8_t* bits, unsigned* bitpos);

}  // namespace interdict::ais::internal

#endif  // INTERDICT_AIS_INTERNAL_H_
