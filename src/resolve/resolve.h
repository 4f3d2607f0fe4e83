// Resolution: stored records -> the World detectors read.
//
// At this stage resolution is exact and conservative (issue 8 deepens it):
// - parties named in declarations and payments are keyed by normalised name + country
//   and joined to a registry entity with the same key when one exists;
// - vessels from every source merge on IMO number (a vessel without IMO keys on its
//   normalised name);
// - list entries stay separate entities (screening links parties to them).
// Every canonical entity keeps the source records it was built from as referents.
#ifndef INTERDICT_RESOLVE_RESOLVE_H_
#define INTERDICT_RESOLVE_RESOLVE_H_

#include <vector>

#include "interdict/model.h"
#include "interdict/status.h"
#include "interdict/world.h"

namespace interdict {

Result<World> BuildWorld(std::vector<Entity> records);

// The declaration roles that name parties, with the column holding each party's country
// and address.
struct PartyRole {
  const char* role;
  const char* country_col;
  const char* address_col;
};
const std::vector<PartyRole>& DeclarationPartyRoles();

}  // namespace interdict

#endif  // INTERDICT_RESOLVE_RESOLVE_H_
