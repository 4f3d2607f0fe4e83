// Laundering structures on the temporal transaction graph (AMLworld typologies, Altman et
// al. 2023; FATF/Egmont TBML indicators): fan-in, fan-out, time-respecting cycles,
// round-tripping, scatter-gather and gather-scatter.
//
// Every search is bounded by a time window and a degree or length limit, because real
// payment graphs are scale-free: an unbounded search from a merchant or payroll hub
// touches the whole graph. The bounds are the finance.* configuration keys
// (docs/finance.md lists them with the numbers measured on AMLSim).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <span>

#include "finance/finance.h"

namespace interdict {
namespace {

constexpr int64_t kDay = 86400;

struct Params {
  int64_t fan_window, cycle_window, sg_window;
  size_t fan_in_min, fan_out_min, fan_max;  // fan_max 0 = no cap
  double fan_tol;
  size_t cycle_min_len, cycle_max_len, cycle_budget;
  double round_trip_min_return;
  size_t sg_min_paths, mule_max_degree;
  double pass_tol;
  size_t gs_min_in, gs_min_out, gs_max_degree;
  size_t max_evidence;
  // Layering: long chains, stacks (layers of relays) and bipartite layers.
  size_t chain_min_hops, chain_max_hops;
  int64_t chain_hold, layer_local, layer_gap;
  double chain_tol;
  size_t layer_max_local, stack_min_relays, bip_min_edges;

  explicit Params(const Config& c)
      : fan_window(static_cast<int64_t>(c.GetDouble("finance.fan_window_days", 10) * kDay)),
        cycle_window(static_cast<int64_t>(c.GetDouble("finance.cycle_window_days", 30) * kDay)),
        sg_window(static_cast<int64_t>(c.GetDouble("finance.sg_window_days", 10) * kDay)),
        fan_in_min(static_cast<size_t>(c.GetInt("finance.fan_in_min_degree", 5))),
        fan_out_min(static_cast<size_t>(c.GetInt("finance.fan_out_min_degree", 5))),
        fan_max(static_cast<size_t>(c.GetInt("finance.fan_max_degree", 0))),
        fan_tol(c.GetDouble("finance.fan_amount_tolerance", 0.25)),
        cycle_min_len(static_cast<size_t>(c.GetInt("finance.cycle_min_length", 3))),
        cycle_max_len(static_cast<size_t>(c.GetInt("finance.cycle_max_length", 6))),
        cycle_budget(static_cast<size_t>(c.GetInt("finance.cycle_max_expansions", 20000000))),
        round_trip_min_return(c.GetDouble("finance.round_trip_min_return", 0.7)),
        sg_min_paths(static_cast<size_t>(c.GetInt("finance.sg_min_paths", 3))),
        mule_max_degree(static_cast<size_t>(c.GetInt("finance.mule_max_degree", 20))),
        pass_tol(c.GetDouble("finance.pass_through_tolerance", 0.3)),
        gs_min_in(static_cast<size_t>(c.GetInt("finance.gs_min_in", 2))),
        gs_min_out(static_cast<size_t>(c.GetInt("finance.gs_min_out", 5))),
        gs_max_degree(static_cast<size_t>(c.GetInt("finance.gs_max_degree", 100))),
        max_evidence(static_cast<size_t>(c.GetInt("finance.max_evidence", 50))),
        chain_min_hops(static_cast<size_t>(c.GetInt("finance.chain_min_hops", 4))),
        chain_max_hops(static_cast<size_t>(c.GetInt("finance.chain_max_hops", 12))),
        chain_hold(static_cast<int64_t>(c.GetDouble("finance.chain_hold_days", 3) * kDay)),
        layer_local(static_cast<int64_t>(c.GetDouble("finance.layer_local_days", 3) * kDay)),
        layer_gap(static_cast<int64_t>(c.GetDouble("finance.layer_gap_hours", 12) * 3600)),
        chain_tol(c.GetDouble("finance.chain_amount_tolerance", 0.5)),
        layer_max_local(static_cast<size_t>(c.GetInt("finance.layer_max_local_payments", 1))),
        stack_min_relays(static_cast<size_t>(c.GetInt("finance.stack_min_relays", 3))),
        bip_min_edges(static_cast<size_t>(c.GetInt("finance.bipartite_min_edges", 4))) {}
};

std::string Money(double v) {
  if (std::isnan(v)) return "?";
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

// Share of amounts within `tol` (relative) of their median; NaN amounts count as unlike.
double SimilarShare(std::vector<double> a, double tol) {
  if (a.empty()) return 0;
  std::vector<double> known;
  for (double x : a)
    if (!std::isnan(x)) known.push_back(x);
  if (known.empty()) return 0;
  std::nth_element(known.begin(), known.begin() + known.size() / 2, known.end());
  double med = known[known.size() / 2];
  size_t n = 0;
  for (double x : known)
    if (med > 0 && std::fabs(x - med) <= tol * med) ++n;
  return static_cast<double>(n) / static_cast<double>(a.size());
}

// A pass-through: the forwarded amount is within `tol` of the received one (or unknown).
bool PassesThrough(double in, double out, double tol) {
  if (std::isnan(in) || std::isnan(out) || in <= 0) return true;
  return std::fabs(out / in - 1) <= tol;
}

class Finder {
 public:
  Finder(const TxGraph& g, const Params& p) : g_(g), p_(p), count_(g.node_count(), 0) {}

  // Fan-in (in = true) or fan-out: the window of `fan_window` with the most distinct
  // counterparties; flagged when they reach the minimum degree.
  void Fans(bool in, std::vector<Structure>* out) {
    size_t min_deg = in ? p_.fan_in_min : p_.fan_out_min;
    for (uint32_t v = 0; v < g_.node_count(); ++v) {
      auto edges = in ? g_.in(v) : g_.out(v);
      if (edges.size() < min_deg) continue;
      auto other = [&](uint32_t t) { return in ? g_.txns()[t].src : g_.txns()[t].dst; };
      size_t lo = 0, distinct = 0, best = 0, best_lo = 0, best_hi = 0;
      for (size_t hi = 0; hi < edges.size(); ++hi) {
        if (count_[other(edges[hi])]++ == 0) ++distinct;
        while (g_.txns()[edges[hi]].time - g_.txns()[edges[lo]].time > p_.fan_window)
          if (--count_[other(edges[lo++])] == 0) --distinct;
        if (distinct > best) {
          best = distinct;
          best_lo = lo;
          best_hi = hi;
        }
      }
      for (size_t k = lo; k < edges.size(); ++k) count_[other(edges[k])] = 0;
      if (best < min_deg || (p_.fan_max && best > p_.fan_max)) continue;
      Structure s;
      s.code = in ? "FIN-FAN-IN" : "FIN-FAN-OUT";
      s.hubs = {v};
      std::vector<double> amounts;
      double total = 0;
      for (size_t k = best_lo; k <= best_hi; ++k) {
        const Txn& t = g_.txns()[edges[k]];
        uint32_t o = other(edges[k]);
        if (o != v && std::find(s.members.begin(), s.members.end(), o) == s.members.end())
          s.members.push_back(o);
        amounts.push_back(t.amount);
        if (!std::isnan(t.amount)) total += t.amount;
        if (s.txns.size() < p_.max_evidence) s.txns.push_back(edges[k]);
      }
      double similar = SimilarShare(amounts, p_.fan_tol);
      // Degree alone is weak evidence in a scale-free graph; similar amounts (structuring)
      // make it stronger.
      double extra = static_cast<double>(best) / static_cast<double>(min_deg) - 1;
      s.strength = std::min(1.0, 0.5 + 0.2 * std::min(1.0, extra) + 0.3 * similar);
      double days = static_cast<double>(g_.txns()[edges[best_hi]].time -
                                        g_.txns()[edges[best_lo]].time) / kDay;
      char buf[256];
      std::snprintf(buf, sizeof buf, "%zu distinct %s within %.1f days (%zu payments, total %s; %.0f%% within %.0f%% of the median amount)",
                    best, in ? "payers" : "payees", days, best_hi - best_lo + 1,
                    Money(total).c_str(), similar * 100, p_.fan_tol * 100);
      s.explanation = std::string(in ? "fan-in to " : "fan-out from ") + g_.key(v) + ": " + buf;
      out->push_back(std::move(s));
    }
  }

  // Time-respecting simple cycles of cycle_min_len..cycle_max_len hops within the cycle
  // window. Each cycle is searched from its earliest transaction; a two-hop reverse
  // reachability mark prunes branches that cannot close in the hops left, and of
  // parallel transactions to the same account only the earliest is followed (a later
  // one can only close fewer cycles).
  void Cycles(std::vector<Structure>* out) {
    size_t n = g_.node_count();
    mark1_.assign(n, UINT32_MAX);
    mark2_.assign(n, UINT32_MAX);
    on_path_.assign(n, 0);
    std::unordered_set<std::string> seen;
    for (uint32_t s = 0; s < n; ++s) {
      if (g_.in(s).empty() || g_.out(s).empty()) continue;
      for (uint32_t t : g_.in(s)) {
        uint32_t u = g_.txns()[t].src;
        mark1_[u] = s;
        for (uint32_t t2 : g_.in(u)) mark2_[g_.txns()[t2].src] = s;
      }
      start_ = s;
      on_path_[s] = 1;
      std::vector<uint32_t> firsts;
      for (uint32_t e0 : g_.out(s)) {
        const Txn& t = g_.txns()[e0];
        if (t.dst == s) continue;
        // Earliest transaction per first hop only, as below.
        if (std::find(firsts.begin(), firsts.end(), t.dst) != firsts.end()) continue;
        if (firsts.size() < 64) firsts.push_back(t.dst);
        t0_ = t.time;
        path_ = {e0};
        on_path_[t.dst] = 1;
        Dfs(t.dst, t.time, &seen, out);
        on_path_[t.dst] = 0;
        if (expansions_ > p_.cycle_budget) break;
      }
      on_path_[s] = 0;
      if (expansions_ > p_.cycle_budget) {
        truncated_ = true;
        break;
      }
    }
  }

  // Scatter-gather: one source pays several low-degree intermediaries, each of which
  // passes a similar amount on to the same target within the window.
  void ScatterGather(std::vector<Structure>* out) {
    std::unordered_map<uint32_t, std::vector<std::pair<uint32_t, uint32_t>>> via;  // d -> (e1,e2)
    for (uint32_t s = 0; s < g_.node_count(); ++s) {
      if (g_.out(s).size() < p_.sg_min_paths) continue;
      via.clear();
      for (uint32_t e1 : g_.out(s)) {
        const Txn& a = g_.txns()[e1];
        uint32_t m = a.dst;
        if (m == s || g_.in(m).size() + g_.out(m).size() > p_.mule_max_degree) continue;
        for (uint32_t e2 : g_.out(m)) {
          const Txn& b = g_.txns()[e2];
          if (b.time < a.time || b.time - a.time > p_.sg_window) continue;
          if (b.dst == s || b.dst == m || !PassesThrough(a.amount, b.amount, p_.pass_tol)) continue;
          via[b.dst].push_back({e1, e2});
        }
      }
      for (auto& [d, paths] : via) {
        std::vector<uint32_t> mids;
        for (auto [e1, e2] : paths) {
          uint32_t m = g_.txns()[e1].dst;
          if (std::find(mids.begin(), mids.end(), m) == mids.end()) mids.push_back(m);
        }
        if (mids.size() < p_.sg_min_paths) continue;
        Structure st;
        st.code = "FIN-SCATTER-GATHER";
        st.hubs = {s, d};
        st.members = mids;
        for (auto [e1, e2] : paths)
          if (st.txns.size() + 2 <= p_.max_evidence) {
            st.txns.push_back(e1);
            st.txns.push_back(e2);
          }
        st.strength = std::min(1.0, 0.6 + 0.1 * static_cast<double>(mids.size() - p_.sg_min_paths + 1));
        st.explanation = "scatter-gather: " + g_.key(s) + " paid " + std::to_string(mids.size()) +
                         " intermediaries who each passed a similar amount on to " + g_.key(d);
        out->push_back(std::move(st));
      }
    }
  }

  // Gather-scatter: an account collects from several payers and then pays out to many
  // others within the window (a collection point feeding a fan-out).
  void GatherScatter(std::vector<Structure>* out) {
    for (uint32_t h = 0; h < g_.node_count(); ++h) {
      auto ins = g_.in(h);
      auto outs = g_.out(h);
      if (ins.size() < p_.gs_min_in || outs.size() < p_.gs_min_out) continue;
      if (ins.size() + outs.size() > p_.gs_max_degree) continue;
      bool found = false;
      for (size_t i = 0; i < ins.size() && !found; ++i) {
        int64_t t0 = g_.txns()[ins[i]].time;
        std::vector<uint32_t> senders, recips, ev;
        int64_t last_in = t0;
        for (size_t k = i; k < ins.size(); ++k) {
          const Txn& t = g_.txns()[ins[k]];
          if (t.time - t0 > p_.fan_window) break;
          if (t.src != h && std::find(senders.begin(), senders.end(), t.src) == senders.end())
            senders.push_back(t.src);
          ev.push_back(ins[k]);
          last_in = t.time;
        }
        if (senders.size() < p_.gs_min_in) continue;
        for (uint32_t e : outs) {
          const Txn& t = g_.txns()[e];
          if (t.time < t0 || t.time - last_in > p_.fan_window) continue;
          if (t.dst == h || std::find(senders.begin(), senders.end(), t.dst) != senders.end()) continue;
          if (std::find(recips.begin(), recips.end(), t.dst) == recips.end()) recips.push_back(t.dst);
          ev.push_back(e);
        }
        if (recips.size() < p_.gs_min_out) continue;
        found = true;
        Structure st;
        st.code = "FIN-GATHER-SCATTER";
        st.hubs = {h};
        st.members = senders;
        st.members.insert(st.members.end(), recips.begin(), recips.end());
        if (ev.size() > p_.max_evidence) ev.resize(p_.max_evidence);
        st.txns = ev;
        st.strength = 0.8;
        st.explanation = "gather-scatter through " + g_.key(h) + ": collected from " +
                         std::to_string(senders.size()) + " payers, then paid " +
                         std::to_string(recips.size()) + " others within the window";
        out->push_back(std::move(st));
      }
    }
  }

  // Long chains (AMLworld "random"): time-respecting paths of chain_min_hops or more
  // through distinct accounts, each intermediary forwarding within chain_hold an amount
  // within a factor (1 + chain_amount_tolerance) of what it received, and each an
  // account with at most mule_max_degree payments. Searched only from payments that
  // extend no earlier consistent hop (chain starts); the longest path from each start is
  // reported. Chain payments are remembered so the stack search does not re-report them.
  void Chains(std::vector<Structure>* out) {
    in_chain_.assign(g_.txns().size(), 0);
    on_path_.assign(g_.node_count(), 0);
    for (uint32_t e = 0; e < g_.txns().size(); ++e) {
      const Txn& t = g_.txns()[e];
      if (t.src == t.dst || !Mule(t.dst)) continue;
      if (HasConsistentPredecessor(e)) continue;
      best_path_.clear();
      path_ = {e};
      on_path_[t.src] = on_path_[t.dst] = 1;
      chain_budget_ = 0;
      ChainDfs(e);
      on_path_[t.src] = on_path_[t.dst] = 0;
      if (best_path_.size() < p_.chain_min_hops) continue;
      Structure st;
      st.code = "FIN-CHAIN";
      st.hubs = {g_.txns()[best_path_.front()].src, g_.txns()[best_path_.back()].dst};
      std::string route = g_.key(g_.txns()[best_path_.front()].src);
      for (uint32_t x : best_path_) {
        in_chain_[x] = 1;
        uint32_t d = g_.txns()[x].dst;
        if (x != best_path_.back()) st.members.push_back(d);
        route += " -> " + g_.key(d);
      }
      st.txns = best_path_;
      if (st.txns.size() > p_.max_evidence) st.txns.resize(p_.max_evidence);
      double days = static_cast<double>(g_.txns()[best_path_.back()].time - t.time) / kDay;
      st.strength = std::min(1.0, 0.6 + 0.05 * static_cast<double>(best_path_.size() - p_.chain_min_hops + 1));
      char buf[96];
      std::snprintf(buf, sizeof buf, " (%zu hops in %.1f days, first %s, last %s)", best_path_.size(),
                    days, Money(t.amount).c_str(), Money(g_.txns()[best_path_.back()].amount).c_str());
      st.explanation = "layering chain " + route + buf;
      out->push_back(std::move(st));
    }
  }

  // Relays A -> B -> C: B a layer account (few payments around the relay), forwarding
  // within chain_hold an amount consistent with what it received. A stack (AMLworld
  // "stack": bipartite layers stacked) is a group of >= stack_min_relays relays with >= 2
  // distinct sources and >= 2 distinct targets, grouped when they share an account or
  // start within layer_gap of each other. Relays sharing one source and one target are
  // scatter-gather, and relays inside a chain are the chain's.
  void Stacks(std::vector<Structure>* out) {
    if (in_chain_.size() != g_.txns().size()) in_chain_.assign(g_.txns().size(), 0);
    std::vector<std::pair<uint32_t, uint32_t>> relays;
    for (uint32_t b = 0; b < g_.node_count(); ++b) {
      auto ins = g_.in(b);
      if (ins.empty() || g_.out(b).empty() || ins.size() + g_.out(b).size() > p_.mule_max_degree)
        continue;
      for (uint32_t e1 : ins) {
        const Txn& a = g_.txns()[e1];
        if (in_chain_[e1] || a.src == b || LocalCount(b, a.time) > 2 * p_.layer_max_local ||
            LocalCount(a.src, a.time) > p_.layer_max_local)
          continue;
        for (uint32_t e2 : g_.out(b)) {
          const Txn& c = g_.txns()[e2];
          if (in_chain_[e2] || c.time < a.time || c.time - a.time > p_.chain_hold) continue;
          if (c.dst == a.src || c.dst == b || !Consistent(a.amount, c.amount)) continue;
          if (LocalCount(c.dst, c.time) > p_.layer_max_local) continue;
          relays.push_back({e1, e2});
          break;
        }
      }
    }
    std::sort(relays.begin(), relays.end(), [&](auto x, auto y) {
      return g_.txns()[x.first].time < g_.txns()[y.first].time;
    });
    Group(relays, [&](const std::vector<std::pair<uint32_t, uint32_t>>& grp) {
      std::vector<uint32_t> srcs, dsts, mids, ev;
      for (auto [e1, e2] : grp) {
        AddUnique(&srcs, g_.txns()[e1].src);
        AddUnique(&mids, g_.txns()[e1].dst);
        AddUnique(&dsts, g_.txns()[e2].dst);
        ev.push_back(e1);
        ev.push_back(e2);
      }
      if (grp.size() < p_.stack_min_relays || srcs.size() < 2 || dsts.size() < 2) return;
      Structure st;
      st.code = "FIN-STACK";
      st.hubs = mids;
      st.members = srcs;
      for (uint32_t d : dsts) AddUnique(&st.members, d);
      st.txns = ev;
      if (st.txns.size() > p_.max_evidence) st.txns.resize(p_.max_evidence);
      st.strength = std::min(1.0, 0.5 + 0.05 * static_cast<double>(grp.size()));
      st.explanation = "stacked layers: " + std::to_string(srcs.size()) + " sources -> " +
                       std::to_string(mids.size()) + " relay accounts -> " +
                       std::to_string(dsts.size()) +
                       " targets, each relay forwarding a consistent amount within " +
                       Money(static_cast<double>(p_.chain_hold) / kDay) + " days";
      out->push_back(std::move(st));
    });
  }

  // Bipartite layer: payments from a set of sources to a disjoint set of destinations,
  // where every source only pays out around the payment (no receipt within
  // layer_local_days) and every destination only receives (no onward payment: that
  // would be a relay), both sides with few payments around it. Grouped like stacks;
  // >= bipartite_min_edges payments, >= 2 sources and >= 2 destinations. Strength is
  // higher when the layer shares accounts (a many-to-many block) than when it is a
  // matching grouped by time only.
  void Bipartite(std::vector<Structure>* out) {
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    for (uint32_t e = 0; e < g_.txns().size(); ++e) {
      const Txn& t = g_.txns()[e];
      if (t.src == t.dst) continue;
      if (CountIn(g_.in(t.src), t.time) || CountIn(g_.out(t.dst), t.time)) continue;
      if (LocalCount(t.src, t.time) > p_.layer_max_local ||
          LocalCount(t.dst, t.time) > p_.layer_max_local)
        continue;
      edges.push_back({e, e});
    }
    Group(edges, [&](const std::vector<std::pair<uint32_t, uint32_t>>& grp) {
      std::vector<uint32_t> srcs, dsts, ev;
      for (auto [e, unused] : grp) {
        AddUnique(&srcs, g_.txns()[e].src);
        AddUnique(&dsts, g_.txns()[e].dst);
        ev.push_back(e);
      }
      if (grp.size() < p_.bip_min_edges || srcs.size() < 2 || dsts.size() < 2) return;
      bool shared = srcs.size() < grp.size() || dsts.size() < grp.size();
      Structure st;
      st.code = "FIN-BIPARTITE";
      st.hubs = srcs;
      st.members = dsts;
      st.txns = ev;
      if (st.txns.size() > p_.max_evidence) st.txns.resize(p_.max_evidence);
      st.strength = shared ? 0.8 : 0.5;
      st.explanation = "bipartite layer: " + std::to_string(srcs.size()) + " paying accounts -> " +
                       std::to_string(dsts.size()) + " receiving accounts, " +
                       std::to_string(grp.size()) + " payments" +
                       (shared ? " (many-to-many)" : " (one-to-one, grouped by time)") +
                       "; none of them receives (sources) or pays on (destinations) nearby";
      out->push_back(std::move(st));
    });
  }

  bool truncated() const { return truncated_; }

 private:
  void Dfs(uint32_t u, int64_t t, std::unordered_set<std::string>* seen,
           std::vector<Structure>* out) {
    ++expansions_;
    size_t depth = path_.size();  // hops taken
    auto edges = g_.out(u);
    // First transaction at or after t.
    auto it = std::lower_bound(edges.begin(), edges.end(), t, [&](uint32_t e, int64_t tt) {
      return g_.txns()[e].time < tt;
    });
    std::vector<uint32_t> tried;
    for (; it != edges.end(); ++it) {
      const Txn& e = g_.txns()[*it];
      if (e.time - t0_ > p_.cycle_window) break;
      uint32_t x = e.dst;
      if (std::find(tried.begin(), tried.end(), x) != tried.end()) continue;
      tried.push_back(x);
      if (x == start_) {
        if (depth + 1 >= p_.cycle_min_len) {
          path_.push_back(*it);
          Record(seen, out);
          path_.pop_back();
        }
        continue;
      }
      if (on_path_[x]) continue;
      size_t left = p_.cycle_max_len - (depth + 1);  // hops left after this one
      if (left == 0) continue;
      if (left == 1 && mark1_[x] != start_) continue;
      if (left == 2 && mark1_[x] != start_ && mark2_[x] != start_) continue;
      path_.push_back(*it);
      on_path_[x] = 1;
      Dfs(x, e.time, seen, out);
      on_path_[x] = 0;
      path_.pop_back();
      if (expansions_ > p_.cycle_budget) return;
    }
  }

  void Record(std::unordered_set<std::string>* seen, std::vector<Structure>* out) {
    // The same node sequence found again (another rotation with equal timestamps, or
    // parallel payments) is one cycle.
    std::vector<uint32_t> nodes;
    for (uint32_t e : path_) nodes.push_back(g_.txns()[e].src);
    auto mn = std::min_element(nodes.begin(), nodes.end());
    std::rotate(nodes.begin(), mn, nodes.end());
    std::string key(reinterpret_cast<const char*>(nodes.data()), nodes.size() * sizeof(uint32_t));
    if (!seen->insert(key).second) return;
    const Txn& first = g_.txns()[path_.front()];
    const Txn& last = g_.txns()[path_.back()];
    double lo = INFINITY, hi = 0;
    for (uint32_t e : path_) {
      double a = g_.txns()[e].amount;
      if (std::isnan(a)) continue;
      lo = std::min(lo, a);
      hi = std::max(hi, a);
    }
    double consistency = hi > 0 && lo < INFINITY ? lo / hi : 0;
    Structure s;
    s.code = "FIN-CYCLE";
    s.hubs = {start_};
    for (size_t k = 1; k < path_.size(); ++k) s.members.push_back(g_.txns()[path_[k]].src);
    s.txns = path_;
    s.strength = 0.7 + 0.3 * consistency;
    double days = static_cast<double>(last.time - first.time) / kDay;
    std::string route;
    for (uint32_t e : path_) route += g_.key(g_.txns()[e].src) + " -> ";
    route += g_.key(start_);
    char buf[128];
    std::snprintf(buf, sizeof buf, " (%zu hops in %.1f days; amounts %s..%s)", path_.size(), days,
                  Money(lo < INFINITY ? lo : NAN).c_str(), Money(hi > 0 ? hi : NAN).c_str());
    s.explanation = "cycle " + route + buf;
    double ret = !std::isnan(first.amount) && !std::isnan(last.amount) && first.amount > 0
                     ? last.amount / first.amount
                     : NAN;
    if (!std::isnan(ret) && ret >= p_.round_trip_min_return && ret <= 1 / p_.round_trip_min_return) {
      Structure r = s;
      r.code = "FIN-ROUND-TRIP";
      r.strength = std::min(1.0, 0.5 + 0.5 * std::min(ret, 1 / ret));
      char b2[160];
      std::snprintf(b2, sizeof b2, "funds return to %s: sent %s, received back %s (%.0f%%) after %zu hops",
                    g_.key(start_).c_str(), Money(first.amount).c_str(),
                    Money(last.amount).c_str(), ret * 100, path_.size());
      r.explanation = b2;
      out->push_back(std::move(r));
    }
    out->push_back(std::move(s));
  }

  static void AddUnique(std::vector<uint32_t>* v, uint32_t x) {
    if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
  }

  bool Mule(uint32_t v) const { return g_.in(v).size() + g_.out(v).size() <= p_.mule_max_degree; }

  // Amounts within a factor (1 + chain_tol) of each other (unknown amounts pass).
  bool Consistent(double a, double b) const {
    if (std::isnan(a) || std::isnan(b) || a <= 0 || b <= 0) return true;
    return std::max(a / b, b / a) <= 1 + p_.chain_tol;
  }

  // Payments of a time-sorted list within layer_local of t.
  size_t CountIn(std::span<const uint32_t> edges, int64_t t) const {
    auto time = [&](uint32_t e) { return g_.txns()[e].time; };
    auto lo = std::lower_bound(edges.begin(), edges.end(), t - p_.layer_local,
                               [&](uint32_t e, int64_t x) { return time(e) < x; });
    auto hi = std::upper_bound(edges.begin(), edges.end(), t + p_.layer_local,
                               [&](int64_t x, uint32_t e) { return x < time(e); });
    return static_cast<size_t>(hi - lo);
  }
  size_t LocalCount(uint32_t v, int64_t t) const { return CountIn(g_.in(v), t) + CountIn(g_.out(v), t); }

  bool HasConsistentPredecessor(uint32_t e) const {
    const Txn& t = g_.txns()[e];
    if (!Mule(t.src)) return false;
    for (uint32_t p : g_.in(t.src)) {
      const Txn& x = g_.txns()[p];
      if (x.time > t.time) break;
      if (t.time - x.time <= p_.chain_hold && x.src != t.dst && x.src != t.src &&
          Consistent(x.amount, t.amount))
        return true;
    }
    return false;
  }

  void ChainDfs(uint32_t e) {
    if (path_.size() > best_path_.size()) best_path_ = path_;
    if (path_.size() >= p_.chain_max_hops || ++chain_budget_ > 10000) return;
    const Txn& t = g_.txns()[e];
    if (!Mule(t.dst)) return;
    for (uint32_t n : g_.out(t.dst)) {
      const Txn& x = g_.txns()[n];
      if (x.time < t.time) continue;
      if (x.time - t.time > p_.chain_hold) break;
      if (on_path_[x.dst] || !Consistent(t.amount, x.amount)) continue;
      path_.push_back(n);
      on_path_[x.dst] = 1;
      ChainDfs(n);
      on_path_[x.dst] = 0;
      path_.pop_back();
    }
  }

  // Groups time-sorted items (pairs of payment indexes; .first's time orders them):
  // union of items sharing an account, then of items starting within layer_gap of the
  // previous one; calls `emit` per group.
  template <typename F>
  void Group(const std::vector<std::pair<uint32_t, uint32_t>>& items, F emit) {
    std::vector<std::pair<uint32_t, uint32_t>> grp;
    std::unordered_set<uint32_t> accounts;
    int64_t last = INT64_MIN;
    for (auto it : items) {
      const Txn& a = g_.txns()[it.first];
      const Txn& b = g_.txns()[it.second];
      bool joins = !grp.empty() && (a.time - last <= p_.layer_gap || accounts.count(a.src) ||
                                    accounts.count(b.dst));
      if (!joins && !grp.empty()) {
        emit(grp);
        grp.clear();
        accounts.clear();
      }
      grp.push_back(it);
      accounts.insert({a.src, a.dst, b.dst});
      last = a.time;
    }
    if (!grp.empty()) emit(grp);
  }

  const TxGraph& g_;
  const Params& p_;
  std::vector<uint8_t> in_chain_;
  std::vector<uint32_t> best_path_;
  size_t chain_budget_ = 0;
  std::vector<uint32_t> count_;
  std::vector<uint32_t> mark1_, mark2_;
  std::vector<uint8_t> on_path_;
  std::vector<uint32_t> path_;
  uint32_t start_ = 0;
  int64_t t0_ = 0;
  size_t expansions_ = 0;
  bool truncated_ = false;
};

}  // namespace

std::vector<Structure> FindStructures(const TxGraph& g, const Config& cfg) {
  Params p(cfg);
  Finder f(g, p);
  std::vector<Structure> out;
  if (cfg.GetBool("finance.fan_in", true)) f.Fans(true, &out);
  if (cfg.GetBool("finance.fan_out", true)) f.Fans(false, &out);
  if (cfg.GetBool("finance.cycles", true)) f.Cycles(&out);
  if (cfg.GetBool("finance.scatter_gather", true)) f.ScatterGather(&out);
  if (cfg.GetBool("finance.gather_scatter", true)) f.GatherScatter(&out);
  if (cfg.GetBool("finance.chains", true)) f.Chains(&out);
  if (cfg.GetBool("finance.stack", true)) f.Stacks(&out);
  if (cfg.GetBool("finance.bipartite", true)) f.Bipartite(&out);
  return out;
}

}  // namespace interdict
