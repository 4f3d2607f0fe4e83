#include "network/community.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "interdict/env.h"

namespace interdict::network {

WeightedGraph WeightedGraph::Build(
    uint32_t n, const std::vector<std::tuple<uint32_t, uint32_t, double>>& edges) {
  WeightedGraph g;
  g.n = n;
  g.strength.assign(n, 0.0);
  std::vector<uint64_t> deg(n + 1, 0);
  for (const auto& [u, v, w] : edges) {
    if (u == v || u >= n || v >= n || !(w > 0)) continue;  // self-loops dropped (documented)
    ++deg[u];
    ++deg[v];
  }
  std::vector<uint64_t> pos(n + 1, 0);
  for (uint32_t i = 0; i < n; ++i) pos[i + 1] = pos[i] + deg[i];
  std::vector<uint32_t> tgt(pos[n]);
  std::vector<double> wt(pos[n]);
  std::vector<uint64_t> fill(pos.begin(), pos.end() - 1);
  for (const auto& [u, v, w] : edges) {
    if (u == v || u >= n || v >= n || !(w > 0)) continue;
    tgt[fill[u]] = v;
    wt[fill[u]++] = w;
    tgt[fill[v]] = u;
    wt[fill[v]++] = w;
  }
  // Sort each row by target and sum parallel edges, compacting in place.
  g.offsets.assign(n + 1, 0);
  std::vector<std::pair<uint32_t, double>> row;
  uint64_t out = 0;
  for (uint32_t i = 0; i < n; ++i) {
    row.clear();
    for (uint64_t e = pos[i]; e < pos[i + 1]; ++e) row.emplace_back(tgt[e], wt[e]);
    std::sort(row.begin(), row.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    g.offsets[i] = out;
    for (size_t k = 0; k < row.size(); ++k) {
      if (k > 0 && row[k].first == row[k - 1].first) {
        wt[out - 1] += row[k].second;
      } else {
        tgt[out] = row[k].first;
        wt[out++] = row[k].second;
      }
      g.strength[i] += row[k].second;
    }
  }
  g.offsets[n] = out;
  tgt.resize(out);
  wt.resize(out);
  g.targets = std::move(tgt);
  g.weights = std::move(wt);
  for (double s : g.strength) g.total_weight += s;
  g.total_weight /= 2;
  return g;
}

namespace {

// One level of the Leiden hierarchy: the graph (original or aggregated) and the weight of
// each node in the quality function (strength for modularity, size for CPM).
struct Level {
  uint32_t n = 0;
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> targets;
  std::vector<double> weights;
  std::vector<double> node_weight;
};

// Renumbers community ids to 0..k-1 in order of first appearance; returns k.
uint32_t Renumber(std::vector<uint32_t>* member) {
  std::unordered_map<uint32_t, uint32_t> ids;
  ids.reserve(member->size());
  for (auto& c : *member) {
    auto [it, inserted] = ids.try_emplace(c, static_cast<uint32_t>(ids.size()));
    c = it->second;
  }
  return static_cast<uint32_t>(ids.size());
}

void Shuffle(std::vector<uint32_t>* v, Rng* rng) {
  for (size_t i = v->size(); i > 1; --i) {
    size_t j = static_cast<size_t>(rng->Between(0, static_cast<int64_t>(i) - 1));
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

// Moves below this gain are treated as no improvement (floating-point noise would
// otherwise make nodes oscillate between equally good communities).
constexpr double kMinGain = 1e-10;

// The quality change of moving a node of weight wv with k_vc edge weight into a
// community of total weight wc (v itself excluded) is k_vc - scale * wv * wc.
//
// FastMoveNodes (Traag et al., Algorithm A.2): visit nodes from a queue in random order;
// move each to the community with the largest positive gain (an empty community counts,
// with gain 0); when a node moves, queue its neighbours outside its new community.
// `member` ids must be < level.n. Returns whether any node moved.
bool FastMoveNodes(const Level& L, double scale, std::vector<uint32_t>* member, Rng* rng) {
  const uint32_t n = L.n;
  std::vector<double> comm_weight(n, 0.0);
  std::vector<uint32_t> comm_size(n, 0);
  for (uint32_t v = 0; v < n; ++v) {
    comm_weight[(*member)[v]] += L.node_weight[v];
    ++comm_size[(*member)[v]];
  }
  std::vector<uint32_t> empty;
  for (uint32_t c = n; c-- > 0;)
    if (comm_size[c] == 0) empty.push_back(c);
  std::vector<uint32_t> queue(n);
  std::iota(queue.begin(), queue.end(), 0u);
  Shuffle(&queue, rng);
  std::vector<char> in_queue(n, 1);
  size_t head = 0, count = n;  // ring buffer of capacity n
  std::vector<double> neigh(n, 0.0);
  std::vector<char> mark(n, 0);
  std::vector<uint32_t> touched;
  bool moved = false;
  while (count > 0) {
    uint32_t v = queue[head];
    head = head + 1 == n ? 0 : head + 1;
    --count;
    in_queue[v] = 0;
    const uint32_t old = (*member)[v];
    const double wv = L.node_weight[v];
    touched.clear();
    for (uint64_t e = L.offsets[v]; e < L.offsets[v + 1]; ++e) {
      uint32_t c = (*member)[L.targets[e]];
      if (!mark[c]) {
        mark[c] = 1;
        touched.push_back(c);
      }
      neigh[c] += L.weights[e];
    }
    comm_weight[old] -= wv;
    uint32_t best = old;
    double best_gain = neigh[old] - scale * wv * comm_weight[old];
    for (uint32_t c : touched) {
      if (c == old) continue;
      double gain = neigh[c] - scale * wv * comm_weight[c];
      if (gain > best_gain + kMinGain) {
        best_gain = gain;
        best = c;
      }
    }
    if (best_gain < -kMinGain && comm_size[old] > 1 && !empty.empty()) best = empty.back();
    for (uint32_t c : touched) {
      neigh[c] = 0;
      mark[c] = 0;
    }
    comm_weight[best] += wv;
    if (best != old) {
      if (!empty.empty() && empty.back() == best) empty.pop_back();
      if (--comm_size[old] == 0) empty.push_back(old);
      ++comm_size[best];
      (*member)[v] = best;
      moved = true;
      for (uint64_t e = L.offsets[v]; e < L.offsets[v + 1]; ++e) {
        uint32_t u = L.targets[e];
        if (!in_queue[u] && (*member)[u] != best) {
          in_queue[u] = 1;
          size_t tail = head + count;
          if (tail >= n) tail -= n;
          queue[tail] = u;
          ++count;
        }
      }
    }
  }
  return moved;
}

// RefinePartition + MergeNodesSubset (Algorithm A.2): inside each community S of
// `member`, start from singletons and merge each well-connected singleton node into a
// well-connected sub-community of S, chosen at random with probability proportional to
// exp(gain / theta) among the non-negative gains (staying alone has gain 0). Returns the
// refined membership (ids < level.n).
std::vector<uint32_t> Refine(const Level& L, double scale, double theta,
                             const std::vector<uint32_t>& member, Rng* rng) {
  const uint32_t n = L.n;
  std::vector<uint32_t> refined(n);
  std::iota(refined.begin(), refined.end(), 0u);
  std::vector<double> rc_weight(L.node_weight), ext(n, 0.0), s_weight(n, 0.0);
  std::vector<uint32_t> rc_size(n, 1);
  for (uint32_t v = 0; v < n; ++v) {
    s_weight[member[v]] += L.node_weight[v];
    for (uint64_t e = L.offsets[v]; e < L.offsets[v + 1]; ++e)
      if (member[L.targets[e]] == member[v]) ext[v] += L.weights[e];
  }
  // Nodes grouped by community (counting sort), each group visited in random order.
  std::vector<uint32_t> start(n + 1, 0), order(n);
  for (uint32_t v = 0; v < n; ++v) ++start[member[v] + 1];
  for (uint32_t c = 0; c < n; ++c) start[c + 1] += start[c];
  {
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (uint32_t v = 0; v < n; ++v) order[fill[member[v]]++] = v;
  }
  std::vector<double> neigh(n, 0.0);
  std::vector<char> mark(n, 0);
  std::vector<uint32_t> touched, group;
  std::vector<std::pair<uint32_t, double>> cand;
  for (uint32_t s = 0; s < n; ++s) {
    if (start[s + 1] - start[s] < 2) continue;
    group.assign(order.begin() + start[s], order.begin() + start[s + 1]);
    Shuffle(&group, rng);
    const double ws = s_weight[s];
    for (uint32_t v : group) {
      const uint32_t own = refined[v];
      if (rc_size[own] != 1) continue;  // only singletons move
      const double wv = L.node_weight[v];
      if (ext[own] < scale * wv * (ws - wv)) continue;  // v not well connected to S
      touched.clear();
      for (uint64_t e = L.offsets[v]; e < L.offsets[v + 1]; ++e) {
        uint32_t u = L.targets[e];
        if (member[u] != s) continue;
        uint32_t c = refined[u];
        if (!mark[c]) {
          mark[c] = 1;
          touched.push_back(c);
        }
        neigh[c] += L.weights[e];
      }
      cand.clear();
      cand.emplace_back(own, 0.0);
      double max_gain = 0;
      for (uint32_t c : touched) {
        if (c == own) continue;
        if (ext[c] < scale * rc_weight[c] * (ws - rc_weight[c])) continue;  // C not well connected
        double gain = neigh[c] - scale * wv * rc_weight[c];
        if (gain < 0) continue;
        cand.emplace_back(c, gain);
        max_gain = std::max(max_gain, gain);
      }
      uint32_t chosen = own;
      if (cand.size() > 1) {
        double total = 0;
        for (auto& [c, gain] : cand) total += (gain = std::exp((gain - max_gain) / theta));
        double r = rng->Uniform() * total;
        chosen = cand.back().first;
        for (const auto& [c, p] : cand) {
          if (r < p) {
            chosen = c;
            break;
          }
          r -= p;
        }
      }
      if (chosen != own) {
        double k_vc = neigh[chosen];
        rc_size[own] = 0;
        ++rc_size[chosen];
        rc_weight[chosen] += wv;
        ext[chosen] = ext[chosen] + ext[own] - 2 * k_vc;
        refined[v] = chosen;
      }
      for (uint32_t c : touched) {
        neigh[c] = 0;
        mark[c] = 0;
      }
    }
  }
  return refined;
}

// Collapses each community of `groups` (ids 0..k-1) into one node; internal edges vanish
// (the quality function only needs node weights, which are summed).
Level Aggregate(const Level& L, const std::vector<uint32_t>& groups, uint32_t k) {
  Level A;
  A.n = k;
  A.node_weight.assign(k, 0.0);
  std::vector<uint32_t> start(k + 1, 0), order(L.n);
  for (uint32_t v = 0; v < L.n; ++v) {
    ++start[groups[v] + 1];
    A.node_weight[groups[v]] += L.node_weight[v];
  }
  for (uint32_t c = 0; c < k; ++c) start[c + 1] += start[c];
  {
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (uint32_t v = 0; v < L.n; ++v) order[fill[groups[v]]++] = v;
  }
  A.offsets.assign(k + 1, 0);
  A.targets.reserve(L.targets.size() / 2);
  A.weights.reserve(L.targets.size() / 2);
  std::vector<double> acc(k, 0.0);
  std::vector<char> mark(k, 0);
  std::vector<uint32_t> touched;
  for (uint32_t c = 0; c < k; ++c) {
    A.offsets[c] = A.targets.size();
    touched.clear();
    for (uint32_t i = start[c]; i < start[c + 1]; ++i) {
      uint32_t v = order[i];
      for (uint64_t e = L.offsets[v]; e < L.offsets[v + 1]; ++e) {
        uint32_t d = groups[L.targets[e]];
        if (d == c) continue;
        if (!mark[d]) {
          mark[d] = 1;
          touched.push_back(d);
        }
        acc[d] += L.weights[e];
      }
    }
    std::sort(touched.begin(), touched.end());
    for (uint32_t d : touched) {
      A.targets.push_back(d);
      A.weights.push_back(acc[d]);
      acc[d] = 0;
      mark[d] = 0;
    }
  }
  A.offsets[k] = A.targets.size();
  return A;
}

}  // namespace

Partition Leiden(const WeightedGraph& g, const LeidenOptions& opts) {
  Partition result;
  const uint32_t n = g.n;
  result.membership.resize(n);
  std::iota(result.membership.begin(), result.membership.end(), 0u);
  if (n == 0) return result;
  Rng rng(opts.seed);
  const bool modularity = opts.quality == Quality::kModularity;
  const double scale = modularity
                           ? (g.total_weight > 0 ? opts.resolution / (2 * g.total_weight) : 0)
                           : opts.resolution;
  const double theta = opts.theta > 0 ? opts.theta : 0.01;
  const int max_passes = opts.iterations > 0 ? opts.iterations : 100;
  std::vector<uint32_t> membership = result.membership;
  for (int pass = 0; pass < max_passes; ++pass) {
    Level L;
    L.n = n;
    L.offsets = g.offsets;
    L.targets = g.targets;
    L.weights = g.weights;
    L.node_weight = modularity ? g.strength : std::vector<double>(n, 1.0);
    std::vector<uint32_t> P = membership;  // partition of the current level's nodes
    Renumber(&P);
    std::vector<uint32_t> to_level(n);  // original node -> node of the current level
    std::iota(to_level.begin(), to_level.end(), 0u);
    while (true) {
      FastMoveNodes(L, scale, &P, &rng);
      uint32_t k = Renumber(&P);
      if (k == L.n) break;  // every community is a single node: done
      std::vector<uint32_t> refined = Refine(L, scale, theta, P, &rng);
      uint32_t kr = Renumber(&refined);
      // A refinement that merged nothing would aggregate to the same graph forever;
      // aggregate the moved partition instead (as Louvain does), which always shrinks it.
      if (kr == L.n) {
        refined = P;
        kr = k;
      }
      std::vector<uint32_t> next_p(kr);
      for (uint32_t v = 0; v < L.n; ++v) next_p[refined[v]] = P[v];
      Level A = Aggregate(L, refined, kr);
      for (auto& x : to_level) x = refined[x];
      L = std::move(A);
      P = std::move(next_p);
    }
    std::vector<uint32_t> next(n);
    for (uint32_t v = 0; v < n; ++v) next[v] = P[to_level[v]];
    result.count = Renumber(&next);
    ++result.passes;
    bool same = next == membership;
    membership = std::move(next);
    if (same) break;
  }
  Renumber(&membership);
  result.membership = std::move(membership);
  result.quality = modularity ? Modularity(g, result.membership, opts.resolution)
                              : Cpm(g, result.membership, opts.resolution);
  return result;
}

double Modularity(const WeightedGraph& g, const std::vector<uint32_t>& m, double resolution) {
  if (g.total_weight <= 0) return 0;
  uint32_t k = 0;
  for (uint32_t c : m) k = std::max(k, c + 1);
  std::vector<double> internal(k, 0.0), strength(k, 0.0);
  for (uint32_t v = 0; v < g.n; ++v) {
    strength[m[v]] += g.strength[v];
    for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e)
      if (m[g.targets[e]] == m[v]) internal[m[v]] += g.weights[e];
  }
  const double two_m = 2 * g.total_weight;
  double q = 0;
  for (uint32_t c = 0; c < k; ++c)
    q += internal[c] / two_m - resolution * (strength[c] / two_m) * (strength[c] / two_m);
  return q;
}

double Cpm(const WeightedGraph& g, const std::vector<uint32_t>& m, double resolution) {
  uint32_t k = 0;
  for (uint32_t c : m) k = std::max(k, c + 1);
  std::vector<double> internal(k, 0.0), size(k, 0.0);
  for (uint32_t v = 0; v < g.n; ++v) {
    size[m[v]] += 1;
    for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e)
      if (m[g.targets[e]] == m[v]) internal[m[v]] += g.weights[e] / 2;
  }
  double h = 0;
  for (uint32_t c = 0; c < k; ++c) h += internal[c] - resolution * size[c] * (size[c] - 1) / 2;
  return h;
}

double NormalizedMutualInformation(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  const size_t n = std::min(a.size(), b.size());
  if (n == 0) return 1;
  std::unordered_map<uint32_t, double> ca, cb;
  std::unordered_map<uint64_t, double> cab;
  for (size_t i = 0; i < n; ++i) {
    ca[a[i]] += 1;
    cb[b[i]] += 1;
    cab[(static_cast<uint64_t>(a[i]) << 32) | b[i]] += 1;
  }
  const double N = static_cast<double>(n);
  auto entropy = [&](const std::unordered_map<uint32_t, double>& c) {
    double h = 0;
    for (const auto& [k, x] : c) h -= x / N * std::log(x / N);
    return h;
  };
  double ha = entropy(ca), hb = entropy(cb);
  if (ha + hb <= 0) return 1;
  double mi = 0;
  for (const auto& [key, x] : cab) {
    double pa = ca[static_cast<uint32_t>(key >> 32)] / N, pb = cb[static_cast<uint32_t>(key)] / N;
    mi += x / N * std::log((x / N) / (pa * pb));
  }
  return 2 * mi / (ha + hb);
}

std::vector<double> Betweenness(const WeightedGraph& g, const std::vector<uint32_t>& nodes,
                                bool normalize) {
  using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  const size_t k = nodes.size();
  std::unordered_map<uint32_t, size_t> local;
  local.reserve(k);
  for (size_t i = 0; i < k; ++i) local.emplace(nodes[i], i);
  BoostGraph bg(k);
  for (size_t i = 0; i < k; ++i) {
    uint32_t v = nodes[i];
    for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      auto it = local.find(g.targets[e]);
      if (it != local.end() && it->second > i) boost::add_edge(i, it->second, bg);
    }
  }
  std::vector<double> c(k, 0.0);
  if (k < 3) return c;
  boost::brandes_betweenness_centrality(bg, boost::centrality_map(boost::make_iterator_property_map(
                                                c.begin(), boost::get(boost::vertex_index, bg))));
  if (normalize) {
    double pairs = static_cast<double>(k - 1) * static_cast<double>(k - 2) / 2;
    for (double& x : c) x /= pairs;
  }
  return c;
}

std::vector<Broker> FindBrokers(const WeightedGraph& g, const std::vector<uint32_t>& membership,
                                const std::vector<uint32_t>& nodes,
                                const std::vector<double>& betweenness) {
  std::vector<Broker> out;
  for (size_t i = 0; i < nodes.size(); ++i) {
    uint32_t v = nodes[i];
    Broker b;
    b.node = v;
    b.betweenness = i < betweenness.size() ? betweenness[i] : 0;
    b.communities.push_back(membership[v]);
    for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      uint32_t c = membership[g.targets[e]];
      if (c != membership[v]) b.cross_weight += g.weights[e];
      if (std::find(b.communities.begin(), b.communities.end(), c) == b.communities.end())
        b.communities.push_back(c);
    }
    if (b.communities.size() < 2) continue;
    std::sort(b.communities.begin(), b.communities.end());
    out.push_back(std::move(b));
  }
  std::sort(out.begin(), out.end(), [](const Broker& a, const Broker& b) {
    if (a.betweenness != b.betweenness) return a.betweenness > b.betweenness;
    if (a.cross_weight != b.cross_weight) return a.cross_weight > b.cross_weight;
    return a.node < b.node;
  });
  return out;
}

}  // namespace interdict::network
