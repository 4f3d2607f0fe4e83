// The temporal transaction graph: compact CSR adjacency, both directions, each list in
// time order, so that window queries are a binary search plus a scan.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "core/strings.h"
#include "core/validate.h"
#include "finance/finance.h"

namespace interdict {

uint32_t TxGraph::Node(std::string_view key) {
  auto it = index_.find(std::string(key));
  if (it != index_.end()) return it->second;
  uint32_t n = static_cast<uint32_t>(keys_.size());
  keys_.emplace_back(key);
  entities_.emplace_back();
  index_.emplace(keys_.back(), n);
  return n;
}

void TxGraph::Finalize() {
  // Time order (payment order breaks ties) so that every adjacency list is time-sorted.
  std::stable_sort(txns_.begin(), txns_.end(),
                   [](const Txn& a, const Txn& b) { return a.time < b.time; });
  size_t n = keys_.size();
  out_off_.assign(n + 1, 0);
  in_off_.assign(n + 1, 0);
  for (const Txn& t : txns_) {
    ++out_off_[t.src + 1];
    ++in_off_[t.dst + 1];
  }
  std::partial_sum(out_off_.begin(), out_off_.end(), out_off_.begin());
  std::partial_sum(in_off_.begin(), in_off_.end(), in_off_.begin());
  out_idx_.assign(txns_.size(), 0);
  in_idx_.assign(txns_.size(), 0);
  std::vector<uint32_t> o(out_off_.begin(), out_off_.end() - 1), i(in_off_.begin(), in_off_.end() - 1);
  for (uint32_t k = 0; k < txns_.size(); ++k) {
    out_idx_[o[txns_[k].src]++] = k;
    in_idx_[i[txns_[k].dst]++] = k;
  }
}

TxGraph TxGraph::FromWorld(const World& w, const Config& cfg) {
  TxGraph g;
  std::string base = AsciiUpper(cfg.GetString("finance.base_currency", "USD"));
  std::map<std::string, double> rates;
  for (const auto& [cur, v] : cfg.Section("finance.rates.")) {
    auto x = ParseNumber(v);
    if (x && *x > 0) rates[AsciiUpper(cur)] = *x;
  }
  rates[base] = 1;
  const PropId kAmount = InternProp("amount"), kCurrency = InternProp("currency"),
               kDate = InternProp("value_date");
  for (size_t pi = 0; pi < w.payments.size(); ++pi) {
    const Entity& p = w.payments[pi];
    auto t = ParseIsoSeconds(p.First(kDate));
    auto amount = ParseNumber(p.First(kAmount));
    if (!t || !amount) continue;
    // Party entities by role, from resolution.
    std::string payer_entity, payee_entity;
    auto pit = w.parties_by_record.find(p.id());
    if (pit != w.parties_by_record.end())
      for (size_t k : pit->second) {
        const PartyLink& l = w.parties[k];
        if (l.role == "payer") payer_entity = l.entity_id;
        if (l.role == "payee") payee_entity = l.entity_id;
      }
    auto node_of = [&](const char* role, const std::string& entity) -> int64_t {
      std::string acct(Trim(p.First(std::string(role) + "_account")));
      std::string key;
      if (!acct.empty()) key = acct;
      else if (!entity.empty()) key = entity;
      else {
        std::string n = NormalizeName(p.First(role));
        if (n.empty()) return -1;
        key = "name:" + n;
      }
      uint32_t node = g.Node(key);
      if (!entity.empty() && g.entities_[node].empty()) g.entities_[node] = entity;
      return node;
    };
    int64_t s = node_of("payer", payer_entity), d = node_of("payee", payee_entity);
    if (s < 0 || d < 0) continue;
    std::string cur = AsciiUpper(Trim(p.First(kCurrency)));
    double value = std::numeric_limits<double>::quiet_NaN();
    if (cur.empty()) {
      value = *amount;  // no currency: taken as the base currency (AMLSim)
    } else if (auto it = rates.find(cur); it != rates.end()) {
      value = *amount * it->second;
    }
    g.AddTxn({static_cast<uint32_t>(s), static_cast<uint32_t>(d), *t, value,
              static_cast<uint32_t>(pi)});
  }
  g.Finalize();
  return g;
}

}  // namespace interdict
