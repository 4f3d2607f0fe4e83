// One property graph over the resolved World: parties and vessels as nodes; ownership
// (percentage, validity dates), directorships and other registry links, shared addresses,
// phones, emails and identifiers, exact name links to list entries, trade (exporter ->
// importer, consignee, notify party, end user, declarant, any other party role, vessel)
// and payments (payer -> payee) as edges, every edge with the source records behind it.
// Exported as FollowTheMoney JSON lines and GraphML (docs/formats/graphml.md); projected
// to an undirected weighted graph for community detection (community.h).
//
// Thread-safety: a built PropertyGraph is immutable; concurrent reads are safe.
#ifndef INTERDICT_NETWORK_GRAPH_H_
#define INTERDICT_NETWORK_GRAPH_H_

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "interdict/detect.h"  // EvidenceRef (a plain struct; no link dependency)
#include "interdict/status.h"
#include "interdict/world.h"
#include "network/community.h"

namespace interdict::network {

enum class EdgeKind : uint8_t {
  kOwnership,         // owner -> asset (FtM Ownership)
  kDirectorship,      // director -> organization (FtM Directorship)
  kOtherLink,         // other FtM link schemas (Membership, Representation, UnknownLink, ...)
  kSharedAddress,     // two parties registered at the same (normalised) address
  kSharedPhone,       // ... the same phone number
  kSharedEmail,       // ... the same e-mail address
  kSharedIdentifier,  // ... the same registration/tax/LEI/IMO/passport number
  kNameMatch,         // a party whose normalised name equals a list entry's name or alias
  kTrade,             // declaration party -> party/vessel (role says which)
  kPayment,           // payer -> payee
};
constexpr int kEdgeKindCount = 10;
const char* EdgeKindName(EdgeKind k);  // "ownership", "directorship", ...
bool IsSharedKind(EdgeKind k);         // the shared-attribute kinds and kNameMatch

struct Node {
  std::string id;  // the entity's or vessel's id (placeholders: the referenced id)
  std::string schema;
  std::string name;
  std::string country;
  bool listed = false;  // a sanctions-list entry (IsListed)
  bool vessel = false;
  bool placeholder = false;   // named by a link but absent from the World
  int64_t entity_index = -1;  // into World::entities (or World::vessels when vessel)
};

struct Edge {
  uint32_t from = 0, to = 0;  // directed as the kind says; shared kinds: from < to
  EdgeKind kind = EdgeKind::kOtherLink;
  std::string role;  // trade role, link role ("Director", "shareholder"), link schema
  std::optional<double> percentage;  // ownership; nullopt = unknown share (never 0)
  std::string start, end;  // validity dates (links) or first/last record date (trade, payments)
  uint32_t count = 1;      // records aggregated into this edge (trade, payments)
  double amount = 0;       // summed invoice value / payment amount
  std::string currency;    // of `amount`; "mixed" when the records disagree
  std::string value;       // the shared address/phone/email/identifier, or the matched name
  std::vector<EvidenceRef> evidence;  // source records (at most GraphOptions::max_evidence)
};

struct GraphOptions {
  bool links = true, shared = true, name_matches = true, trade = true, payments = true;
  // A shared value held by more parties than this is linked as a star (each holder to
  // the first) rather than a clique, so a mass-registration address with n companies
  // costs n - 1 edges, not n^2 / 2.
  size_t max_clique = 30;
  size_t max_evidence = 20;
};

class PropertyGraph {
 public:
  static PropertyGraph Build(const World& w, const GraphOptions& opts = {});

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Edge>& edges() const { return edges_; }
  // Node index of an entity/vessel id (also an id merged into it or a referent record id).
  std::optional<uint32_t> Find(const std::string& id) const;
  // Edge indexes touching node v (either direction).
  const std::vector<uint32_t>& Incident(uint32_t v) const { return incident_[v]; }

  // Undirected weighted projection over the edges whose kind has a positive weight in
  // `kind_weight` (indexed by EdgeKind). Aggregated edges weigh kind_weight x (1 + log
  // count), so a hundred shipments count more than one but do not drown the registry.
  WeightedGraph Undirected(const std::vector<double>& kind_weight) const;
  static std::vector<double> DefaultKindWeights();

  // FtM JSON lines: every node as its entity (id, schema, properties as in the World;
  // placeholders as LegalEntity), then every edge as an FtM link (Ownership,
  // Directorship, the original link schema, Payment, or UnknownLink with role
  // "trade:<role>" / "shared:<kind>").
  Status WriteFtm(const World& w, std::ostream& out) const;
  // GraphML (docs/formats/graphml.md). `community`, when not empty, adds each node's
  // community number (index = node index).
  Status WriteGraphml(std::ostream& out, const std::vector<uint32_t>& community = {}) const;

 private:
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::vector<uint32_t>> incident_;
  std::unordered_map<std::string, uint32_t> index_;
};

// Normalised keys for shared attributes ("" when too weak to link on: a city-only
// address, a phone with fewer than 7 digits, a string without '@').
std::string AddressKey(std::string_view address);
std::string PhoneKey(std::string_view phone);
std::string EmailKey(std::string_view email);

}  // namespace interdict::network

#endif  // INTERDICT_NETWORK_GRAPH_H_
