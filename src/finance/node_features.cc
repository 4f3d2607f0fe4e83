// Per-account topology features for a learned laundering scorer (issue 9: "XGBoost on
// topology-only node features reaches 0.70-0.76 on AMLSim").
//
// Deliberately amount-free: on AMLSim every transaction under 50 touches a fraud account
// (a simulator artefact), so any amount cue learns the simulator. For the same reason the
// features count *contacts* - distinct (counterparty, day) pairs - rather than raw
// transactions: AMLSim's fraud bursts repeat the same small payment several times on one
// step, and a transaction count would key on that burst (the amount artefact in another
// form). Everything here is computed on the collapsed graph: who paid whom, on which day.
//
// Cost: O(E log E) for the base features plus the bounded cycle search of
// FindStructures (finance.feature_cycle_* keys).
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "finance/finance.h"

namespace interdict {
namespace {

constexpr int64_t kDay = 86400;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Base features, then the neighbour aggregates of kAggregated (mean and max over payers,
// mean and max over payees).
const std::vector<std::string> kBase = {
    "in_cp",          // distinct payers
    "out_cp",         // distinct payees
    "in_contacts",    // distinct (payer, day)
    "out_contacts",   // distinct (payee, day)
    "reciprocal_cp",  // counterparties in both directions
    "in_share",       // in_cp / (in_cp + out_cp)
    "active_days",    // days with any payment
    "span_days",      // first to last payment
    "in_fan_window",  // most distinct payers within finance.fan_window_days
    "out_fan_window",
    "in_fan_concentration",  // in_fan_window / in_cp
    "in_burstiness",         // Goh-Barabasi (sigma - mu) / (sigma + mu) of days between contacts
    "out_burstiness",
    "clustering",   // undirected local clustering coefficient (simple graph)
    "two_hop_in",   // sum of in_cp over payers
    "two_hop_out",  // sum of out_cp over payees
    "cycles",       // time-respecting cycles through the account (feature window)
    "min_cycle_len",
    "cycles_long",   // cycles within the long window (order kept)
    "first_in_day",  // relative to the first day of the data
    "first_out_day",
    "triangles",      // undirected triangles through the account
    "core",           // k-core number of the undirected simple graph
    "pagerank",       // x node count (1 = average)
    "two_hop_reach",  // distinct accounts within two undirected hops
};
const std::vector<std::string> kAggregated = {
    "in_cp",      "out_cp",        "in_fan_window", "out_fan_window", "cycles",  "cycles_long",
    "clustering", "reciprocal_cp", "triangles",     "core",           "pagerank"};

const char* const kSecondRound[] = {"mean_payers_clustering", "mean_payees_clustering",
                                    "max_payers_triangles",   "max_payees_triangles",
                                    "mean_payers_in_cp",      "mean_payees_out_cp"};

double Burstiness(std::vector<int64_t>& days) {
  if (days.size() < 3) return NAN;
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  if (days.size() < 3) return NAN;
  double s = 0, s2 = 0;
  size_t n = days.size() - 1;
  for (size_t i = 1; i < days.size(); ++i) {
    double d = static_cast<double>(days[i] - days[i - 1]);
    s += d;
    s2 += d * d;
  }
  double mu = s / n, sd = std::sqrt(std::max(0.0, s2 / n - mu * mu));
  return mu + sd > 0 ? (sd - mu) / (sd + mu) : NAN;
}

// Most distinct counterparties within `window` seconds, over a time-ordered edge list.
size_t MaxWindowDistinct(const TxGraph& g, std::span<const uint32_t> edges, bool in, int64_t window,
                         std::vector<uint32_t>* count) {
  size_t lo = 0, distinct = 0, best = 0;
  auto other = [&](uint32_t t) { return in ? g.txns()[t].src : g.txns()[t].dst; };
  for (size_t hi = 0; hi < edges.size(); ++hi) {
    if ((*count)[other(edges[hi])]++ == 0) ++distinct;
    while (g.txns()[edges[hi]].time - g.txns()[edges[lo]].time > window)
      if (--(*count)[other(edges[lo++])] == 0) --distinct;
    best = std::max(best, distinct);
  }
  for (size_t k = lo; k < edges.size(); ++k) (*count)[other(edges[k])] = 0;
  return best;
}

// k-core numbers by the Batagelj-Zaversnik bucket algorithm, O(V + E).
std::vector<float> CoreNumbers(const std::vector<std::vector<uint32_t>>& adj) {
  size_t n = adj.size(), maxd = 0;
  std::vector<size_t> deg(n), pos(n), vert(n);
  for (size_t v = 0; v < n; ++v) maxd = std::max(maxd, deg[v] = adj[v].size());
  std::vector<size_t> bin(maxd + 2, 0);
  for (size_t v = 0; v < n; ++v) ++bin[deg[v]];
  size_t start = 0;
  for (size_t d = 0; d <= maxd; ++d) {
    size_t c = bin[d];
    bin[d] = start;
    start += c;
  }
  for (size_t v = 0; v < n; ++v) {
    pos[v] = bin[deg[v]]++;
    vert[pos[v]] = v;
  }
  for (size_t d = maxd + 1; d > 0; --d) bin[d] = bin[d - 1];
  bin[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    size_t v = vert[i];
    for (uint32_t u : adj[v]) {
      if (deg[u] > deg[v]) {
        size_t du = deg[u], pu = pos[u], pw = bin[du], w = vert[pw];
        if (u != w) {
          pos[u] = pw, vert[pu] = w;
          pos[w] = pu, vert[pw] = u;
        }
        ++bin[du];
        --deg[u];
      }
    }
  }
  return std::vector<float>(deg.begin(), deg.end());
}

// PageRank on the simple directed graph (damping 0.85, 30 power iterations; dangling
// mass spread uniformly), scaled by the node count so 1 is the average.
std::vector<float> PageRank(const std::vector<std::vector<uint32_t>>& out, size_t n) {
  std::vector<double> pr(n, 1.0 / static_cast<double>(n)), next(n);
  for (int it = 0; it < 30; ++it) {
    double dangling = 0;
    std::fill(next.begin(), next.end(), 0.0);
    for (size_t v = 0; v < n; ++v) {
      if (out[v].empty()) {
        dangling += pr[v];
        continue;
      }
      double share = pr[v] / static_cast<double>(out[v].size());
      for (uint32_t u : out[v]) next[u] += share;
    }
    double base = (0.15 + 0.85 * dangling) / static_cast<double>(n);
    for (size_t v = 0; v < n; ++v) pr[v] = base + 0.85 * next[v];
  }
  std::vector<float> r(n);
  for (size_t v = 0; v < n; ++v) r[v] = static_cast<float>(pr[v] * static_cast<double>(n));
  return r;
}

}  // namespace

std::vector<std::string> NodeFeatureNames() {
  std::vector<std::string> names = kBase;
  for (const char* side : {"payers", "payees"})
    for (const char* agg : {"mean", "max"})
      for (const auto& f : kAggregated) names.push_back(std::string(agg) + "_" + side + "_" + f);
  // Second round over all (undirected) neighbours: the two-hop view of the community.
  for (const char* f : kSecondRound) names.push_back(std::string("mean_nbrs_") + f);
  names.push_back("share_nbrs_in_triangle");
  return names;
}

trade::Matrix NodeFeatures(const TxGraph& g, const Config& cfg) {
  const size_t n = g.node_count(), nb = kBase.size();
  std::vector<std::string> names = NodeFeatureNames();
  trade::Matrix m;
  m.rows = n;
  m.cols = names.size();
  m.data.assign(n * m.cols, kNaN);
  const int64_t fan_window =
      static_cast<int64_t>(cfg.GetDouble("finance.fan_window_days", 10) * kDay);
  int64_t t_min = g.txns().empty() ? 0 : g.txns().front().time;

  // Simple undirected and directed neighbour sets.
  std::vector<std::vector<uint32_t>> payers(n), payees(n), und(n);
  for (uint32_t v = 0; v < n; ++v) {
    for (uint32_t t : g.in(v)) payers[v].push_back(g.txns()[t].src);
    for (uint32_t t : g.out(v)) payees[v].push_back(g.txns()[t].dst);
    for (auto* l : {&payers[v], &payees[v]}) {
      std::sort(l->begin(), l->end());
      l->erase(std::unique(l->begin(), l->end()), l->end());
      l->erase(std::remove(l->begin(), l->end(), v), l->end());
    }
    std::set_union(payers[v].begin(), payers[v].end(), payees[v].begin(), payees[v].end(),
                   std::back_inserter(und[v]));
  }

  // Cycles (the structure search, cycles only): per-node counts in a short and a long window.
  auto cycle_counts = [&](double window_days, std::vector<float>* count,
                          std::vector<float>* min_len) {
    Config c = cfg;
    for (const char* k :
         {"fan_in", "fan_out", "scatter_gather", "gather_scatter", "bipartite", "stack", "chains"})
      (void)c.ApplyOverride(std::string("finance.") + k + "=false");
    (void)c.ApplyOverride("finance.cycle_window_days=" + std::to_string(window_days));
    count->assign(n, 0);
    if (min_len) min_len->assign(n, kNaN);
    for (const Structure& s : FindStructures(g, c)) {
      if (s.code != "FIN-CYCLE") continue;
      auto add = [&](uint32_t v) {
        (*count)[v] += 1;
        if (min_len) {
          float len = static_cast<float>(s.txns.size());
          if (std::isnan((*min_len)[v]) || len < (*min_len)[v]) (*min_len)[v] = len;
        }
      };
      for (uint32_t v : s.hubs) add(v);
      for (uint32_t v : s.members) add(v);
    }
  };
  std::vector<float> cyc, cyc_min, cyc_long;
  cycle_counts(cfg.GetDouble("finance.feature_cycle_window_days", 30), &cyc, &cyc_min);
  cycle_counts(cfg.GetDouble("finance.feature_cycle_long_window_days", 365), &cyc_long, nullptr);

  std::vector<float> core = CoreNumbers(und), pagerank = PageRank(payees, n);
  std::vector<uint32_t> count(n, 0);
  std::vector<uint8_t> mark(n, 0);
  std::vector<uint32_t> reach_mark(n, UINT32_MAX);
  for (uint32_t v = 0; v < n; ++v) {
    float* r = m.row(v);
    auto contacts = [&](bool in, std::vector<int64_t>* days) {
      std::unordered_set<uint64_t> seen;
      for (uint32_t t : in ? g.in(v) : g.out(v)) {
        const Txn& x = g.txns()[t];
        int64_t day = (x.time - t_min) / kDay;
        days->push_back(day);
        seen.insert((static_cast<uint64_t>(in ? x.src : x.dst) << 24) ^ static_cast<uint64_t>(day));
      }
      return seen.size();
    };
    std::vector<int64_t> in_days, out_days;
    size_t in_c = contacts(true, &in_days), out_c = contacts(false, &out_days);
    size_t recip = 0;
    {
      size_t i = 0, j = 0;
      while (i < payers[v].size() && j < payees[v].size()) {
        if (payers[v][i] < payees[v][j])
          ++i;
        else if (payers[v][i] > payees[v][j])
          ++j;
        else
          ++recip, ++i, ++j;
      }
    }
    double in_cp = static_cast<double>(payers[v].size()),
           out_cp = static_cast<double>(payees[v].size());
    std::vector<int64_t> all_days = in_days;
    all_days.insert(all_days.end(), out_days.begin(), out_days.end());
    std::sort(all_days.begin(), all_days.end());
    size_t active = std::unique(all_days.begin(), all_days.end()) - all_days.begin();
    size_t fin = MaxWindowDistinct(g, g.in(v), true, fan_window, &count);
    size_t fout = MaxWindowDistinct(g, g.out(v), false, fan_window, &count);
    // Clustering: links among undirected neighbours (degree capped: a hub's coefficient
    // is ~0 anyway and the exact value costs O(d^2)).
    double clustering = NAN, triangles = NAN;
    const auto& nv = und[v];
    if (nv.size() <= 200) {
      for (uint32_t u : nv) mark[u] = 1;
      size_t links = 0, tri = 0;
      for (uint32_t u : nv) {
        for (uint32_t w : payees[u]) links += mark[w];  // directed u->w, both in N(v)
        for (uint32_t w : und[u]) tri += mark[w];       // each triangle twice
      }
      for (uint32_t u : nv) mark[u] = 0;
      triangles = static_cast<double>(tri / 2);
      if (nv.size() >= 2)
        clustering =
            static_cast<double>(links) / (static_cast<double>(nv.size()) * (nv.size() - 1));
    }
    size_t reach = 0;
    for (uint32_t u : nv) {
      if (reach_mark[u] != v) reach_mark[u] = v, ++reach;
      if (reach > 5000) break;
      for (uint32_t w : und[u])
        if (w != v && reach_mark[w] != v) reach_mark[w] = v, ++reach;
    }
    double two_in = 0, two_out = 0;
    for (uint32_t u : payers[v]) two_in += static_cast<double>(payers[u].size());
    for (uint32_t u : payees[v]) two_out += static_cast<double>(payees[u].size());
    int64_t first = INT64_MAX, last = INT64_MIN;
    for (auto span : {g.in(v), g.out(v)})
      if (!span.empty()) {
        first = std::min(first, g.txns()[span.front()].time);
        last = std::max(last, g.txns()[span.back()].time);
      }
    float vals[] = {
        static_cast<float>(in_cp),
        static_cast<float>(out_cp),
        static_cast<float>(in_c),
        static_cast<float>(out_c),
        static_cast<float>(recip),
        in_cp + out_cp > 0 ? static_cast<float>(in_cp / (in_cp + out_cp)) : kNaN,
        static_cast<float>(active),
        first <= last ? static_cast<float>(static_cast<double>(last - first) / kDay) : kNaN,
        static_cast<float>(fin),
        static_cast<float>(fout),
        in_cp > 0 ? static_cast<float>(fin / in_cp) : kNaN,
        static_cast<float>(Burstiness(in_days)),
        static_cast<float>(Burstiness(out_days)),
        static_cast<float>(clustering),
        static_cast<float>(two_in),
        static_cast<float>(two_out),
        cyc[v],
        cyc_min[v],
        cyc_long[v],
        g.in(v).empty() ? kNaN
                        : static_cast<float>((g.txns()[g.in(v).front()].time - t_min) / kDay),
        g.out(v).empty() ? kNaN
                         : static_cast<float>((g.txns()[g.out(v).front()].time - t_min) / kDay),
        static_cast<float>(triangles),
        core[v],
        pagerank[v],
        static_cast<float>(reach),
    };
    static_assert(sizeof(vals) / sizeof(vals[0]) > 0);
    std::copy(std::begin(vals), std::end(vals), r);
  }

  // Neighbour aggregates (one round of message passing, as a GNN's first layer would).
  std::vector<size_t> agg_idx;
  for (const auto& f : kAggregated)
    agg_idx.push_back(std::find(kBase.begin(), kBase.end(), f) - kBase.begin());
  for (uint32_t v = 0; v < n; ++v) {
    float* r = m.row(v);
    size_t col = nb;
    for (const auto* side : {&payers[v], &payees[v]}) {
      std::vector<double> sum(agg_idx.size(), 0), mx(agg_idx.size(), NAN);
      std::vector<size_t> cnt(agg_idx.size(), 0);
      for (uint32_t u : *side) {
        const float* ru = m.row(u);
        for (size_t k = 0; k < agg_idx.size(); ++k) {
          float x = ru[agg_idx[k]];
          if (std::isnan(x)) continue;
          sum[k] += x;
          ++cnt[k];
          if (std::isnan(mx[k]) || x > mx[k]) mx[k] = x;
        }
      }
      for (size_t k = 0; k < agg_idx.size(); ++k)
        r[col + k] = cnt[k] ? static_cast<float>(sum[k] / static_cast<double>(cnt[k])) : kNaN;
      col += agg_idx.size();
      for (size_t k = 0; k < agg_idx.size(); ++k) r[col + k] = static_cast<float>(mx[k]);
      col += agg_idx.size();
    }
  }
  // Second round.
  std::vector<size_t> second;
  for (const char* f : kSecondRound)
    second.push_back(std::find(names.begin(), names.end(), f) - names.begin());
  size_t tri_col = std::find(names.begin(), names.end(), "triangles") - names.begin();
  size_t col0 = nb + 4 * kAggregated.size();
  for (uint32_t v = 0; v < n; ++v) {
    float* r = m.row(v);
    std::vector<double> sum(second.size(), 0);
    std::vector<size_t> cnt(second.size(), 0);
    size_t in_tri = 0;
    for (uint32_t u : und[v]) {
      const float* ru = m.row(u);
      for (size_t k = 0; k < second.size(); ++k)
        if (!std::isnan(ru[second[k]])) sum[k] += ru[second[k]], ++cnt[k];
      in_tri += ru[tri_col] > 0;
    }
    for (size_t k = 0; k < second.size(); ++k)
      r[col0 + k] = cnt[k] ? static_cast<float>(sum[k] / static_cast<double>(cnt[k])) : kNaN;
    r[col0 + second.size()] =
        und[v].empty() ? kNaN : static_cast<float>(in_tri) / static_cast<float>(und[v].size());
  }
  return m;
}

}  // namespace interdict
