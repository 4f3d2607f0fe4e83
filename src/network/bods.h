// Reader for Beneficial Ownership Data Standard 0.4 JSON (an array of statements, or JSON
// lines of statements) into the plain ownership graph (network/ownership.h).
//
// What we take from BODS (https://standard.openownership.org, v0.4):
//  * statements are grouped by recordId; for a record the statement used is the latest
//    by statementDate on or before `as_of` (an "updated" statement replaces the earlier
//    one); a record whose chosen statement has recordStatus "closed" is dropped.
//  * entity records -> parties (entityType "arrangement" -> Party::joint: owners of a
//    joint arrangement hold together); person records -> natural persons.
//  * relationship records: each interest is one fact interestedParty -> subject.
//    - shareholding interests become stakes; the share is exact, or a range from
//      minimum/maximum/exclusiveMinimum/exclusiveMaximum, or unknown when absent.
//    - boardMember, boardChair and appointmentOfBoard interests become control edges (EU
//      control test).
//    - an interest with directOrIndirect "indirect" on a primary relationship
//      (isComponent false) with componentRecords is the declared result of the chain the
//      component records describe: it is kept as a DeclaredInterest and NOT added as a
//      stake (the components carry the chain; adding both would count it twice). Without
//      componentRecords, the indirect interest is the only link we have and becomes a
//      stake.
//  * interest startDate/endDate become the stake's validity.
// Thread-safety: pure function.
#ifndef INTERDICT_NETWORK_BODS_H_
#define INTERDICT_NETWORK_BODS_H_

#include <string>
#include <vector>

#include "interdict/status.h"
#include "network/ownership.h"

namespace interdict::network {

struct DeclaredInterest {
  uint32_t subject = 0, interested_party = 0;
  std::string type;                // shareholding, votingRights, ...
  std::string direct_or_indirect;  // direct | indirect | unknown
  bool beneficial = false;         // beneficialOwnershipOrControl
  float pct_min = 0, pct_max = 100;
  bool pct_known = false;
  Day start = kOpenStart, end = kOpenEnd;
  std::vector<std::string> component_records;
  std::string record_id;
};

struct BodsData {
  std::vector<DeclaredInterest> declared;  // every interest of every primary relationship
  size_t statements = 0, records = 0;
};

// Appends the file's parties, stakes and controls to *g. `as_of` selects each record's
// statement (kOpenEnd - 1 = the latest).
Status ReadBods(const std::string& path, Day as_of, OwnershipGraph* g, BodsData* data);

// True if the file looks like BODS (a JSON array or line whose first object has
// statementId and recordType, or publicationDetails.bodsVersion).
bool LooksLikeBods(const std::string& path);

}  // namespace interdict::network

#endif  // INTERDICT_NETWORK_BODS_H_
