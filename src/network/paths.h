// Exposure paths: from any entity, declaration, vessel or payment to listed parties over
// ownership, directorship, trade, payment and other links, with the path as evidence.
//
// A path's score is the product of its links' type weights times hop_decay^(hops - 1)
// (defaults in PathOptions; docs/network.md). For every listed party reachable within
// max_hops we return the highest-scoring path (ties: fewer hops), and its fewest-hop
// count. Paths stop at the first listed party (a listed party behind another listed
// party adds nothing). Links are walked in both directions.
// Thread-safety: pure functions over an immutable graph.
#ifndef INTERDICT_NETWORK_PATHS_H_
#define INTERDICT_NETWORK_PATHS_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "interdict/status.h"
#include "interdict/world.h"
#include "network/ownership.h"

namespace interdict::network {

enum class LinkType : uint8_t {
  kOwnership,
  kDirectorship,
  kFamily,
  kPayment,
  kTrade,
  kAssociate,
  kSharedAddress,
  kOther,
};
inline constexpr int kLinkTypes = 8;
const char* LinkTypeName(LinkType t);

struct ExposureGraph {
  struct Edge {
    uint32_t a = 0, b = 0;
    LinkType type = LinkType::kOther;
    std::string label;  // "owns 51%", "exporter", ...
    SourceRef source;
  };
  std::vector<std::string> ids, names;
  std::vector<uint8_t> listed;
  std::vector<Edge> edges;

  // Index of id, added when new; a non-empty name/listed flag fills in later.
  uint32_t Node(const std::string& id, const std::string& name = "", bool is_listed = false);
  const uint32_t* Find(const std::string& id) const;

 private:
  std::unordered_map<std::string, uint32_t> index_;
};

struct PathOptions {
  int max_hops = 3;
  double hop_decay = 0.7;
  double weight[kLinkTypes] = {1.0, 0.9, 0.8, 0.7, 0.6, 0.6, 0.4, 0.5};
};

struct ExposurePath {
  uint32_t target = 0;
  int hops = 0;           // hops of the returned (best-scoring) path
  int shortest_hops = 0;  // fewest hops to the target
  double score = 0;
  std::vector<uint32_t> nodes;  // from ... target
  std::vector<uint32_t> edges;  // indices into ExposureGraph::edges, one per hop
};

// Best path to every listed party within max_hops, by score descending. O(K x edges in
// the K-hop neighbourhood).
std::vector<ExposurePath> ExposurePaths(const ExposureGraph& g, uint32_t from,
                                        const PathOptions& opt = {});

// From a resolved World: entities, vessels, declarations and payments are nodes; links,
// party roles (trade/payment) and vessel ownership are edges.
ExposureGraph ExposureFromWorld(const World& w);
// FtM JSON lines: Ownership, Directorship, Payment (payer/beneficiary), Family, Associate,
// Representation, Employment, Membership, UnknownLink; listed = topics has "sanction".
Status ReadFtmExposure(const std::string& path, ExposureGraph* g);

// "A -[owns 51%]-> B -[director]-> C" for explanations.
std::string DescribePath(const ExposureGraph& g, const ExposurePath& p);

}  // namespace interdict::network

#endif  // INTERDICT_NETWORK_PATHS_H_
