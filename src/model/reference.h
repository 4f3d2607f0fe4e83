// Built-in reference tables: small, public, factual lists the detectors and simulator need
// when no fuller reference file is given. Sources are named next to each table.
// Thread-safety: immutable; safe from any thread.
#ifndef INTERDICT_MODEL_REFERENCE_H_
#define INTERDICT_MODEL_REFERENCE_H_

#include <string>
#include <string_view>
#include <vector>

namespace interdict {

struct ChplEntry {
  std::string hs6;
  std::string tier;  // "1", "2", "3.A", "3.B", "4.A", "4.B"
  std::string description;
};

// The Common High Priority List (BIS with EU/JP/UK, version 2024-02-23), HS 2022 codes.
const std::vector<ChplEntry>& ChplTable();
// The CHPL entry whose HS-6 prefix matches `hs_code` (6+ digits), or nullptr.
const ChplEntry* FindChpl(std::string_view hs_code);

// Transshipment points named by FinCEN/BIS joint alert FIN-2022-Alert003 (2022-06-28).
const std::vector<std::string>& TransshipmentHubs();
bool IsTransshipmentHub(std::string_view country);

// English short name of an ISO 3166-1 alpha-2 code, or the code itself if unknown.
std::string CountryName(std::string_view cc);
// ISO 3166-1 alpha-2 for an English country name as used by OFAC/UN ("Panama",
// "Korea, North", "Iran", "Russia"); "" if unknown. Case-insensitive.
std::string CountryCodeFromName(std::string_view name);

}  // namespace interdict

#endif  // INTERDICT_MODEL_REFERENCE_H_
