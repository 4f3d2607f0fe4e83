// Readers for Senzing's generic entity-specification layouts (the truth-set files), so
// entity resolution can be measured on them:
//   - CSV: one record per row; columns are Senzing attributes, optionally prefixed
//     (PRIMARY_NAME_FULL, HOME_ADDR_LINE1, ...).
//   - JSON lines: {"DATA_SOURCE", "RECORD_ID", "FEATURES": [{attribute: value, ...}, ...],
//     other payload keys}; each FEATURES element is one feature (a name, an address).
// Attributes read (with any prefix): RECORD_TYPE (PERSON/ORGANIZATION), NAME_FULL,
// NAME_ORG, NAME_LAST/FIRST/MIDDLE, NAME_TYPE (AKA -> alias), NATIVE_NAME_FULL,
// SECONDARY_NAME_ORG, GENDER, DATE_OF_BIRTH, PASSPORT_NUMBER/_COUNTRY,
// DRIVERS_LICENSE_NUMBER/_STATE, SSN_NUMBER, NATIONAL_ID_NUMBER/_TYPE/_COUNTRY,
// TAX_ID_NUMBER/_TYPE/_COUNTRY, LEI_NUMBER, EMAIL_ADDRESS, PHONE_NUMBER, ADDR_FULL,
// ADDR_LINE1..3, ADDR_CITY, ADDR_STATE, ADDR_POSTAL_CODE, ADDR_COUNTRY, EMPLOYER.
// Relationship attributes (REL_*) and payload (AMOUNT, STATUS, ...) are not read.
// Format: https://senzing.com/docs (Generic Entity Specification).
#ifndef INTERDICT_NETWORK_SENZING_H_
#define INTERDICT_NETWORK_SENZING_H_

#include <string>
#include <string_view>
#include <vector>

#include "interdict/status.h"
#include "network/er.h"

namespace interdict::network {

// True when the file looks like a Senzing CSV (a header with RECORD_ID and DATA_SOURCE
// or RECORD_TYPE) or JSON lines (first object has RECORD_ID and FEATURES or DATA_SOURCE).
bool LooksLikeSenzing(const std::string& path);

// Reads a Senzing CSV or JSONL file (decided by content). `default_source` names
// records without DATA_SOURCE. Fails with the file and line of a malformed row/line.
Result<std::vector<ErRecord>> ReadSenzingFile(const std::string& path,
                                              const std::string& default_source);
// The same from memory (`name` is used in messages and provenance).
Result<std::vector<ErRecord>> ParseSenzingCsv(std::string_view data, const std::string& name,
                                              const std::string& default_source);
Result<std::vector<ErRecord>> ParseSenzingJsonl(std::string_view data, const std::string& name,
                                                const std::string& default_source);

}  // namespace interdict::network

#endif  // INTERDICT_NETWORK_SENZING_H_
