// Communities and key nodes: Leiden community detection, betweenness centrality on
// extracted subgraphs, and brokers between communities.
//
// Leiden is written here (Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing
// well-connected communities", Sci. Rep. 9, 5233, 2019) because igraph and leidenalg are
// GPL and interdict is Apache-2.0. It follows the paper's pseudo-code: fast local moving
// with a queue, refinement (merging only well-connected nodes into well-connected
// sub-communities, chosen at random with probability ~ exp(dH / theta)), aggregation of
// the refined partition with the non-refined partition as the starting point, repeated
// until every community is one node. Quality is modularity (with a resolution parameter)
// or the Constant Potts Model. All randomness comes from a seeded Rng (interdict/env.h):
// the same graph, options and seed give the same partition on every platform.
//
// Betweenness uses Boost Graph's brandes_betweenness_centrality (O(V E) per call), so it
// is meant for extracted subgraphs (a community, the neighbourhood of a listed party),
// not for a whole million-edge graph.
//
// Thread-safety: all functions are pure; a WeightedGraph is immutable after Build.
#ifndef INTERDICT_NETWORK_COMMUNITY_H_
#define INTERDICT_NETWORK_COMMUNITY_H_

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <vector>

namespace interdict::network {

// An undirected weighted graph in compressed sparse row form. Parallel edges are summed;
// a self-loop adds to its node's strength (2w, as in modularity's degree) but is not an
// adjacency entry.
struct WeightedGraph {
  uint32_t n = 0;
  std::vector<uint64_t> offsets;  // n + 1
  std::vector<uint32_t> targets;
  std::vector<double> weights;
  std::vector<double> strength;  // weighted degree per node (self-loops count twice)
  double total_weight = 0;       // m: sum of edge weights, each undirected edge once

  // Builds from an edge list (u, v, weight); node ids must be < n; weights must be > 0.
  static WeightedGraph Build(uint32_t n,
                             const std::vector<std::tuple<uint32_t, uint32_t, double>>& edges);
  size_t edge_entries() const { return targets.size(); }  // 2 x undirected edges
};

enum class Quality {
  kModularity,  // Newman-Girvan modularity with resolution gamma
  kCpm,         // Constant Potts Model: sum over communities of (e_c - gamma * n_c^2 / 2)
};

struct LeidenOptions {
  Quality quality = Quality::kModularity;
  double resolution = 1.0;  // gamma
  double theta = 0.01;      // randomness of the refinement (the paper's and leidenalg's default)
  // Full Leiden passes, each starting from the previous partition; a pass that changes
  // nothing stops early. <= 0: until a pass changes nothing (at most 100).
  int iterations = -1;
  uint64_t seed = 42;
};

struct Partition {
  std::vector<uint32_t> membership;  // community of each node, numbered 0..count-1
  uint32_t count = 0;
  double quality = 0;  // modularity (or CPM value) of `membership` on the input graph
  int passes = 0;      // Leiden passes run
};

Partition Leiden(const WeightedGraph& g, const LeidenOptions& opts);

// Modularity Q = sum_c [ L_c / m - gamma (K_c / 2m)^2 ] of a membership vector.
double Modularity(const WeightedGraph& g, const std::vector<uint32_t>& membership,
                  double resolution = 1.0);
// CPM H = sum_c [ L_c - gamma n_c (n_c - 1) / 2 ] (unit node sizes).
double Cpm(const WeightedGraph& g, const std::vector<uint32_t>& membership, double resolution);
// Normalised mutual information between two partitions of the same nodes (0..1).
double NormalizedMutualInformation(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// Unweighted (hop-count) betweenness centrality of the subgraph induced by `nodes`
// (ids into g), via Boost's Brandes algorithm. Result[i] belongs to nodes[i]; values are
// the standard undirected counts (each unordered pair once). With normalize, divided by
// (k-1)(k-2)/2 for a k-node subgraph.
std::vector<double> Betweenness(const WeightedGraph& g, const std::vector<uint32_t>& nodes,
                                bool normalize = true);

// A node with neighbours in more than one community.
struct Broker {
  uint32_t node = 0;
  double betweenness = 0;             // as passed in
  std::vector<uint32_t> communities;  // the distinct communities of itself and its neighbours
  double cross_weight = 0;            // weight of its edges into other communities
};

// Brokers among `nodes` (ids into g), highest betweenness first; `betweenness[i]` belongs
// to nodes[i]. Only nodes whose neighbourhood spans >= 2 communities are returned.
std::vector<Broker> FindBrokers(const WeightedGraph& g, const std::vector<uint32_t>& membership,
                                const std::vector<uint32_t>& nodes,
                                const std::vector<double>& betweenness);

}  // namespace interdict::network

#endif  // INTERDICT_NETWORK_COMMUNITY_H_
