// Follow the money: forward/backward tracing through intermediaries with FIFO or
// proportional attribution (issue 9). Hops are processed in order, so an account reached
// at hop k passes funds on at hop k + 1 only through payments made after (forward) the
// traced receipt and within the window of the start.
#include <algorithm>
#include <cmath>
#include <deque>
#include <map>

#include "finance/finance.h"

namespace interdict {

int64_t FindNode(const TxGraph& g, std::string_view key) {
  for (uint32_t n = 0; n < g.node_count(); ++n)
    if (g.key(n) == key) return n;
  return -1;
}

namespace {

double Amt(const Txn& t) { return std::isnan(t.amount) ? 0 : t.amount; }

// Traced receipts (forward: incoming lots; backward: outgoing lots) of one account.
struct Lot {
  int64_t time;
  double traced;
};

}  // namespace

TraceResult TraceMoney(const TxGraph& g, uint32_t start, int64_t t0, const TraceOptions& opt) {
  TraceResult res;
  const auto& tx = g.txns();
  const bool fwd = opt.forward;
  auto in_window = [&](int64_t t) {
    return fwd ? t >= t0 && t - t0 <= opt.window : t <= t0 && t0 - t <= opt.window;
  };
  // Hop 1: every payment of the start in the window carries its full amount.
  std::map<uint32_t, std::vector<Lot>> frontier;  // account -> traced lots received
  std::map<uint32_t, double> ended;
  for (uint32_t e : fwd ? g.out(start) : g.in(start)) {
    const Txn& t = tx[e];
    if (!in_window(t.time)) continue;
    double a = Amt(t);
    res.flows.push_back({e, 1, a});
    res.start_amount += a;
    uint32_t next = fwd ? t.dst : t.src;
    if (next != start) frontier[next].push_back({t.time, a});
  }
  for (int hop = 2; hop <= opt.hops + 1 && !frontier.empty(); ++hop) {
    std::map<uint32_t, std::vector<Lot>> next_frontier;
    for (auto& [v, lots] : frontier) {
      double total_lots = 0;
      for (const Lot& l : lots) total_lots += l.traced;
      if (hop > opt.hops) {
        ended[v] += total_lots;
        continue;
      }
      // Forward: v's receipts are the lots' side (in), its payments carry funds on (out).
      auto recv = fwd ? g.in(v) : g.out(v);
      auto send = fwd ? g.out(v) : g.in(v);
      std::sort(lots.begin(), lots.end(), [&](const Lot& a, const Lot& b) {
        return fwd ? a.time < b.time : a.time > b.time;
      });
      double carried = 0;
      // Events in flow order: receipts add to the pool, payments draw from it.
      struct Ev {
        int64_t time;
        int kind;  // 0 receipt (untraced part), 1 traced lot, 2 payment
        double amount;
        uint32_t txn;
      };
      std::vector<Ev> evs;
      // Untraced receipts: all receipts in the window, minus the traced lots' amounts.
      for (uint32_t e : recv)
        if (in_window(tx[e].time)) evs.push_back({tx[e].time, 0, Amt(tx[e]), e});
      for (const Lot& l : lots) evs.push_back({l.time, 1, l.traced, 0});
      for (uint32_t e : send)
        if (in_window(tx[e].time)) evs.push_back({tx[e].time, 2, Amt(tx[e]), e});
      std::stable_sort(evs.begin(), evs.end(), [&](const Ev& a, const Ev& b) {
        if (a.time != b.time) return fwd ? a.time < b.time : a.time > b.time;
        return a.kind < b.kind;  // receipts before payments at the same instant
      });
      // A traced lot's amount is part of a receipt already listed: take it out of the
      // untraced pool (matched by amount; if none matches, the pool just gets smaller).
      std::deque<std::pair<double, bool>> fifo;  // (amount, traced)
      double pool_traced = 0, pool_other = 0;
      bool seen_lot = false;
      for (const Ev& ev : evs) {
        if (ev.kind == 0) {
          fifo.push_back({ev.amount, false});
          pool_other += ev.amount;
        } else if (ev.kind == 1) {
          seen_lot = true;
          // Reclassify the matching untraced receipt (the same payment) as traced.
          double need = ev.amount;
          for (auto it = fifo.rbegin(); it != fifo.rend() && need > 0; ++it)
            if (!it->second) {
              double take = std::min(need, it->first);
              it->first -= take;
              pool_other -= take;
              need -= take;
            }
          fifo.push_back({ev.amount, true});
          pool_traced += ev.amount;
        } else if (seen_lot) {
          double pay = ev.amount, traced = 0;
          if (opt.method == TraceMethod::kFifo) {
            while (pay > 1e-9 && !fifo.empty()) {
              auto& f = fifo.front();
              double take = std::min(pay, f.first);
              if (f.second)
                traced += take, pool_traced -= take;
              else
                pool_other -= take;
              f.first -= take;
              pay -= take;
              if (f.first <= 1e-9) fifo.pop_front();
            }
          } else {
            double pool = pool_traced + std::max(0.0, pool_other);
            double share = pool > 0 ? pool_traced / pool : 0;
            traced = std::min(pool_traced, ev.amount * share);
            pool_traced -= traced;
            pool_other -= ev.amount - traced;
          }
          if (traced >= opt.min_amount) {
            const Txn& t = tx[ev.txn];
            res.flows.push_back({ev.txn, hop, traced});
            carried += traced;
            uint32_t next = fwd ? t.dst : t.src;
            if (next != start) next_frontier[next].push_back({t.time, traced});
          }
        }
      }
      if (total_lots - carried >= opt.min_amount) ended[v] += total_lots - carried;
    }
    frontier = std::move(next_frontier);
  }
  for (auto& [v, a] : frontier) {
    double s = 0;
    for (const Lot& l : a) s += l.traced;
    ended[v] += s;
  }
  res.endpoints.assign(ended.begin(), ended.end());
  std::sort(res.endpoints.begin(), res.endpoints.end(),
            [](auto& a, auto& b) { return a.second > b.second; });
  return res;
}

}  // namespace interdict
