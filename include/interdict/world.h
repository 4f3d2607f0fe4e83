// The resolved world that detectors read: canonical entities with their referents.
//
// resolve/ builds it from the stored records: declarations, payments, licences and ports
// pass through; sanctions-list entries and registry entities become entities; parties
// named in declarations and payments are resolved to entities (exact normalised name +
// country at this stage; see resolve/README), and vessels are merged by IMO number.
// Thread-safety: immutable once built; detectors read it concurrently.
#ifndef INTERDICT_WORLD_H_
#define INTERDICT_WORLD_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "interdict/model.h"

namespace interdict {

namespace ais {
class TrackStore;  // include/interdict/tracks.h
}

// An AIS-derived event (events.jsonl). Filled by maritime detectors in later stages.
struct AisEvent {
  std::string type;  // gap|encounter|loitering|port_call|spoofing|identity_change
  std::string mmsi, other_mmsi, imo;
  int64_t start = 0, end = 0;  // unix seconds
  double lat = 0, lon = 0;
  std::vector<std::pair<std::string, std::string>> details;
};

// A party role in a declaration or payment, resolved to an entity.
struct PartyLink {
  std::string record_id;  // declaration_id or payment_id
  std::string role;       // exporter, importer, consignee, notify_party, end_user, declarant,
                          // payer, payee
  std::string entity_id;
};

struct World {
  std::vector<Entity> declarations;  // schema Declaration, id = declaration_id
  std::vector<Entity> payments;      // schema Payment, id = payment_id
  std::vector<Entity> licenses;      // schema License, id = license_number
  std::vector<Entity> ports;         // schema Port, id = locode
  std::vector<Entity> entities;      // LegalEntity/Person/Company/Organization (all sources)
  std::vector<Entity> vessels;       // schema Vessel, merged by IMO
  std::vector<Entity> links;         // Ownership, Directorship and other edges (registry)
  std::vector<Entity> sanctions;     // Sanction edges from lists/FtM
  std::vector<AisEvent> events;
  // AIS tracks from every AIS file in the investigated folder (null when there are none).
  std::shared_ptr<const ais::TrackStore> tracks;
  std::vector<PartyLink> parties;
  // Payments whose reference names a declaration (its id or invoice number).
  std::unordered_map<std::string, std::vector<std::string>> declaration_payments;

  // Indexes (built by BuildIndexes()).
  std::unordered_map<std::string, size_t> entity_index, vessel_index, declaration_index,
      payment_index, license_index;
  // entity ids by declaration/payment id
  std::unordered_map<std::string, std::vector<size_t>> parties_by_record;

  void BuildIndexes();
  const Entity* FindEntity(const std::string& id) const;
  const Entity* FindVessel(const std::string& imo_or_id) const;
  const Entity* FindDeclaration(const std::string& id) const;
};

// Whether an entity comes from a sanctions list (its "topics" include "sanction").
bool IsListed(const Entity& e);

}  // namespace interdict

#endif  // INTERDICT_WORLD_H_
