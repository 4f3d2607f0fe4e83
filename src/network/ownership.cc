// Ownership tests and beneficial ownership (see ownership.h and docs/network.md).
#include "network/ownership.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/strings.h"
#include "core/validate.h"

namespace interdict::network {
namespace {

// Shares are floats; sums such as 49.9 + 0.1 must still meet 50.
constexpr double kEps = 1e-4;

// Days from civil date (Howard Hinnant's algorithm; std::chrono::year_month_day would do
// the same but needs a sys_days round trip per call).
Day DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct DateParts {
  int y = 0;
  unsigned m = 0, d = 0;  // 0 = absent
};

std::optional<DateParts> SplitDate(std::string_view s) {
  s = Trim(s);
  size_t t = s.find('T');
  if (t != std::string_view::npos) s = s.substr(0, t);
  auto num = [](std::string_view p, int lo, int hi) -> std::optional<int> {
    if (p.empty() || p.size() > 4) return std::nullopt;
    int v = 0;
    for (char c : p) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    if (v < lo || v > hi) return std::nullopt;
    return v;
  };
  DateParts out;
  std::vector<std::string> parts = Split(s, '-', false);
  if (parts.empty() || parts.size() > 3 || parts[0].size() != 4) return std::nullopt;
  auto y = num(parts[0], 1, 9999);
  if (!y) return std::nullopt;
  out.y = *y;
  if (parts.size() >= 2) {
    auto m = num(parts[1], 1, 12);
    if (!m) return std::nullopt;
    out.m = static_cast<unsigned>(*m);
  }
  if (parts.size() == 3) {
    auto d = num(parts[2], 1, 31);
    if (!d) return std::nullopt;
    out.d = static_cast<unsigned>(*d);
  }
  return out;
}

bool Meets(double v, const RuleParams& p) {
  return p.strict ? v > p.threshold + kEps : v >= p.threshold - kEps;
}

std::string Pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g%%", v);
  return buf;
}

// Out-adjacency (CSR by owner) of the chosen record per (owner, asset) pair among the
// stakes valid on the date: off has n + 1 entries, idx holds stake indices. One counting
// sort by owner (O(n + E)), then each owner's slice is ordered by (asset, ranking) and
// the first record per asset kept.
struct OutCsr {
  std::vector<uint32_t> off, idx;
};

OutCsr SelectStakes(const StakeArrays& sa, Day date) {
  const uint32_t n = sa.n;
  const size_t m = sa.owner.size();
  const bool dated = !sa.start.empty();
  auto valid = [&](size_t i) { return !dated || (sa.start[i] <= date && date < sa.end[i]); };
  OutCsr c;
  std::vector<uint32_t>& off = c.off;
  off.assign(static_cast<size_t>(n) + 1, 0);
  for (size_t i = 0; i < m; ++i)
    if (valid(i)) ++off[sa.owner[i] + 1];
  for (uint32_t v = 0; v < n; ++v) off[v + 1] += off[v];
  std::vector<uint32_t>& idx = c.idx;
  idx.resize(off[n]);
  {
    std::vector<uint32_t> cur(off.begin(), off.end() - 1);
    for (size_t i = 0; i < m; ++i)
      if (valid(i)) idx[cur[sa.owner[i]]++] = static_cast<uint32_t>(i);
  }
  auto better = [&](uint32_t a, uint32_t b) {  // a ranks before b (same owner)
    if (sa.asset[a] != sa.asset[b]) return sa.asset[a] < sa.asset[b];
    int32_t ra = sa.rank.empty() ? 0 : sa.rank[a], rb = sa.rank.empty() ? 0 : sa.rank[b];
    if (ra != rb) return ra < rb;
    bool ka = sa.known.empty() || sa.known[a], kb = sa.known.empty() || sa.known[b];
    if (ka != kb) return ka;
    if (dated && sa.start[a] != sa.start[b]) return sa.start[a] > sa.start[b];
    if (dated && sa.end[a] != sa.end[b]) return sa.end[a] > sa.end[b];
    return a < b;
  };
  // Compact in place: w is the write cursor, off is rewritten as we go.
  uint32_t w = 0;
  for (uint32_t v = 0; v < n; ++v) {
    uint32_t b = off[v], e = off[v + 1];
    off[v] = w;
    if (e - b <= 16) {  // most owners hold few stakes: insertion sort
      for (uint32_t i = b + 1; i < e; ++i) {
        uint32_t x = idx[i];
        uint32_t j = i;
        while (j > b && better(x, idx[j - 1])) {
          idx[j] = idx[j - 1];
          --j;
        }
        idx[j] = x;
      }
    } else {
      std::sort(idx.begin() + b, idx.begin() + e, better);
    }
    for (uint32_t i = b; i < e; ++i)
      if (i == b || sa.asset[idx[i]] != sa.asset[idx[i - 1]]) idx[w++] = idx[i];
  }
  off[n] = w;
  idx.resize(w);
  return c;
}

}  // namespace

std::optional<Day> ParseStartDay(std::string_view s) {
  auto p = SplitDate(s);
  if (!p) return std::nullopt;
  return DaysFromCivil(p->y, p->m ? p->m : 1, p->d ? p->d : 1);
}

std::optional<Day> ParseEndDay(std::string_view s) {
  auto p = SplitDate(s);
  if (!p) return std::nullopt;
  if (p->d) return DaysFromCivil(p->y, p->m, p->d);
  if (p->m) return p->m == 12 ? DaysFromCivil(p->y + 1, 1, 1) : DaysFromCivil(p->y, p->m + 1, 1);
  return DaysFromCivil(p->y + 1, 1, 1);
}

std::string FormatDay(Day d) {
  if (d == kOpenStart || d == kOpenEnd) return "";
  // Inverse of DaysFromCivil.
  int z = d + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
  const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y + (mm <= 2), mm, dd);
  return buf;
}

Day Today() {
  using namespace std::chrono;
  return static_cast<Day>(duration_cast<days>(system_clock::now().time_since_epoch()).count());
}

const char* RegimeName(Regime r) {
  switch (r) {
    case Regime::kOfac:
      return "ofac";
    case Regime::kEu:
      return "eu";
    case Regime::kUk:
      return "uk";
  }
  return "?";
}

std::optional<Regime> ParseRegime(std::string_view s) {
  std::string l = AsciiLower(Trim(s));
  if (l == "ofac" || l == "us") return Regime::kOfac;
  if (l == "eu") return Regime::kEu;
  if (l == "uk" || l == "gb" || l == "ofsi") return Regime::kUk;
  return std::nullopt;
}

uint8_t ListedMaskFrom(bool listed, const std::vector<std::string>& datasets,
                       const std::vector<std::string>& authorities) {
  if (!listed) return 0;
  uint8_t mask = 0;
  bool any_list_dataset = false;
  for (const auto& d : datasets) {
    // OpenSanctions dataset names of the asset-freeze lists each regime maintains.
    // eu_travel_bans and national EU implementations (fr_tresor, be_fod) are left out:
    // travel bans freeze nothing, and the EU lists carry the same names.
    if (StartsWith(d, "us_ofac_sdn")) mask |= RegimeBit(Regime::kOfac);
    if (d == "eu_fsf" || d == "eu_journal_sanctions" || d == "eu_sanctions_map")
      mask |= RegimeBit(Regime::kEu);
    if (d == "gb_fcdo_sanctions" || StartsWith(d, "gb_hmt")) mask |= RegimeBit(Regime::kUk);
    if (d.find("sanction") != std::string::npos || StartsWith(d, "us_ofac") ||
        StartsWith(d, "eu_") || StartsWith(d, "gb_"))
      any_list_dataset = true;
  }
  for (const auto& a0 : authorities) {
    std::string a = AsciiLower(a0);
    if (a == "ofac" || a.find("office of foreign assets control") != std::string::npos ||
        (a.find("treasury") != std::string::npos && a.find("u.s.") != std::string::npos))
      mask |= RegimeBit(Regime::kOfac);
    if (a.find("european union") != std::string::npos || a == "eu") mask |= RegimeBit(Regime::kEu);
    if (a.find("ofsi") != std::string::npos || a.find("hm treasury") != std::string::npos ||
        a.find("foreign, commonwealth") != std::string::npos || a == "uk")
      mask |= RegimeBit(Regime::kUk);
  }
  if (mask) return mask;
  // Listed, but nothing says by whom: the investigator's own list counts everywhere,
  // unless the datasets name only other authorities' lists.
  return any_list_dataset && !datasets.empty() ? 0 : kAllRegimes;
}

uint32_t OwnershipGraph::AddParty(Party p) {
  auto it = index_.find(p.id);
  if (it != index_.end()) {
    Party& q = parties[it->second];
    q.listed |= p.listed;
    q.listed_any |= p.listed_any;
    q.joint |= p.joint;
    q.natural_person |= p.natural_person;
    if (q.name.empty() || q.name == q.id) q.name = p.name;
    if (q.schema.empty()) q.schema = p.schema;
    if (q.lists.empty()) q.lists = p.lists;
    if (q.source.source.empty()) q.source = p.source;
    return it->second;
  }
  uint32_t i = static_cast<uint32_t>(parties.size());
  index_.emplace(p.id, i);
  parties.push_back(std::move(p));
  return i;
}

uint32_t OwnershipGraph::Ensure(const std::string& id) {
  auto it = index_.find(id);
  if (it != index_.end()) return it->second;
  Party p;
  p.id = id;
  p.name = id;
  return AddParty(std::move(p));
}

std::optional<uint32_t> OwnershipGraph::Find(std::string_view id) const {
  auto it = index_.find(std::string(id));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

RuleParams DefaultParams(Regime r, Day date) {
  RuleParams p;
  p.regime = r;
  p.date = date;
  p.threshold = 50;
  p.strict = r == Regime::kUk;
  p.control = r == Regime::kEu;
  p.per_principal = r == Regime::kUk;
  return p;
}

FixpointResult RunFixpoint(const StakeArrays& sa, const ControlArrays* ctl,
                           const std::vector<uint8_t>& seeds, const std::vector<uint8_t>& joint,
                           const RuleParams& params) {
  const uint32_t n = sa.n;
  FixpointResult r;
  OutCsr csr = SelectStakes(sa, params.date);
  const std::vector<uint32_t>& oo = csr.off;
  const std::vector<uint32_t>& oi = csr.idx;
  const bool ranges = !sa.pct_max.empty() || !sa.known.empty();
  // Control edges valid on the date, one per (director, organisation).
  std::vector<uint32_t> co, co_org, ndir;
  if (params.control && ctl && !ctl->director.empty()) {
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (size_t i = 0; i < ctl->director.size(); ++i) {
      bool ok = ctl->start.empty() || (ctl->start[i] <= params.date && params.date < ctl->end[i]);
      if (ok) pairs.emplace_back(ctl->director[i], ctl->organization[i]);
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    co.assign(static_cast<size_t>(n) + 1, 0);
    ndir.assign(n, 0);
    for (auto& [d, o] : pairs) {
      ++co[d + 1];
      ++ndir[o];
    }
    for (uint32_t v = 0; v < n; ++v) co[v + 1] += co[v];
    co_org.resize(pairs.size());
    std::vector<uint32_t> cur(co.begin(), co.end() - 1);
    for (auto& [d, o] : pairs) co_org[cur[d]++] = o;
  }

  // One worklist pass; `upper` counts pct_max and returns the possibly-blocked set.
  auto pass = [&](bool upper, std::vector<uint8_t>* state, std::vector<float>* acc,
                  std::vector<uint32_t>* principal, std::vector<uint32_t>* order) {
    state->assign(n, 0);
    acc->assign(n, 0.f);
    std::vector<uint32_t> queue;
    std::vector<uint32_t> bdir(ndir.empty() ? 0 : n, 0);
    std::unordered_map<uint64_t, float> by_principal;  // UK: (asset, principal) -> sum
    if (params.per_principal) principal->assign(n, UINT32_MAX);
    for (uint32_t v = 0; v < n; ++v)
      if (seeds[v]) {
        (*state)[v] = kSeed;
        queue.push_back(v);
        if (params.per_principal) (*principal)[v] = v;
      }
    size_t head = 0;
    while (head < queue.size()) {
      uint32_t u = queue[head++];
      for (uint32_t k = oo[u]; k < oo[u + 1]; ++k) {
        const uint32_t i = oi[k];
        uint32_t a = sa.asset[i];
        float p = upper ? (sa.pct_max.empty() ? sa.pct_min[i] : sa.pct_max[i]) : sa.pct_min[i];
        (*acc)[a] += p;
        bool meets;
        uint32_t pr = UINT32_MAX;
        if (params.per_principal && !(joint.size() > a && joint[a])) {
          pr = (*principal)[u];
          float& s = by_principal[(uint64_t{a} << 32) | pr];
          s += p;
          meets = Meets(s, params);
        } else {
          meets = Meets((*acc)[a], params);
          pr = a;  // a joint arrangement holds as one principal
        }
        if (meets && !(*state)[a]) {
          (*state)[a] = kByOwnership;
          if (params.per_principal) (*principal)[a] = pr;
          queue.push_back(a);
          if (order) order->push_back(a);
        }
      }
      if (!co.empty()) {
        for (uint32_t k = co[u]; k < co[u + 1]; ++k) {
          uint32_t o = co_org[k];
          ++bdir[o];
          if (2 * bdir[o] > ndir[o]) {
            if (!(*state)[o]) {
              queue.push_back(o);
              if (order) order->push_back(o);
              if (params.per_principal) (*principal)[o] = (*principal)[u];
            }
            if (!((*state)[o] & (kSeed | kByOwnership))) (*state)[o] |= kByControl;
          }
        }
      }
    }
    return head;
  };

  std::vector<float> acc;
  std::vector<uint32_t> principal;
  r.rounds = pass(false, &r.state, &acc, &principal, &r.order);
  r.agg_min = std::move(acc);
  if (ranges) {
    std::vector<uint8_t> up;
    std::vector<float> acc_up;
    std::vector<uint32_t> pr_up;
    pass(true, &up, &acc_up, &pr_up, nullptr);
    for (uint32_t v = 0; v < n; ++v)
      if (up[v] && !r.state[v]) r.state[v] |= kPossible;
  }
  r.chosen = std::move(csr.idx);
  return r;
}

namespace {

StakeArrays ToArrays(const OwnershipGraph& g) {
  StakeArrays sa;
  sa.n = static_cast<uint32_t>(g.parties.size());
  size_t m = g.stakes.size();
  sa.owner.resize(m);
  sa.asset.resize(m);
  sa.pct_min.resize(m);
  sa.pct_max.resize(m);
  sa.start.resize(m);
  sa.end.resize(m);
  sa.rank.resize(m);
  sa.known.resize(m);
  for (size_t i = 0; i < m; ++i) {
    const Stake& s = g.stakes[i];
    sa.owner[i] = s.owner;
    sa.asset[i] = s.asset;
    sa.pct_min[i] = s.pct_min;
    sa.pct_max[i] = s.pct_max;
    sa.start[i] = s.start;
    sa.end[i] = s.end;
    sa.rank[i] = s.source_rank;
    sa.known[i] = s.pct_known;
  }
  return sa;
}

bool ValidOn(const Stake& s, Day d) { return s.start <= d && d < s.end; }

}  // namespace

std::string DescribeStake(const OwnershipGraph& g, const Stake& s) {
  const Party& o = g.parties[s.owner];
  std::string out = o.name + " (" + o.id + ") ";
  if (!s.pct_known) {
    out += "unknown share";
  } else if (s.pct_min == s.pct_max) {
    out += Pct(s.pct_min);
  } else {
    out += Pct(s.pct_min) + "-" + Pct(s.pct_max);
  }
  std::string a = FormatDay(s.start), b = FormatDay(s.end);
  if (!a.empty() || !b.empty()) out += " [" + a + ".." + b + ")";
  out += " " + s.source.source + ":" + s.source.record_id;
  return out;
}

std::vector<RegimeResult> Evaluate(const OwnershipGraph& g, Regime regime, Day date,
                                   const EvaluateOptions& opt) {
  const uint32_t n = static_cast<uint32_t>(g.parties.size());
  StakeArrays sa = ToArrays(g);
  ControlArrays ca;
  for (const Control& c : g.controls) {
    ca.director.push_back(c.director);
    ca.organization.push_back(c.organization);
    ca.start.push_back(c.start);
    ca.end.push_back(c.end);
  }
  std::vector<uint8_t> seeds(n), joint(n);
  for (uint32_t v = 0; v < n; ++v) {
    seeds[v] = (g.parties[v].listed & RegimeBit(regime)) ? 1 : 0;
    joint[v] = g.parties[v].joint;
  }
  RuleParams params = DefaultParams(regime, date);
  if (regime == Regime::kEu) {
    if (opt.eu_threshold) params.threshold = *opt.eu_threshold;
    params.strict = opt.eu_strict;
  }
  FixpointResult fr = RunFixpoint(sa, &ca, seeds, joint, params);
  // UK principals, recomputed for reporting: the designated person behind each blocked
  // node (the fixpoint's own vector is internal to the pass).
  std::vector<std::vector<uint32_t>> in(n);
  for (uint32_t c : fr.chosen) in[g.stakes[c].asset].push_back(c);
  std::vector<RegimeResult> out;
  for (uint32_t v = 0; v < n; ++v) {
    uint8_t st = fr.state[v];
    if (!st) continue;
    RegimeResult res;
    res.party = v;
    res.regime = regime;
    res.listed = st & kSeed;
    res.by_ownership = st & kByOwnership;
    res.by_control = st & kByControl;
    res.review = st & kPossible;
    res.blocked = fr.Blocked(v);
    for (uint32_t c : in[v]) {
      const Stake& s = g.stakes[c];
      if (s.pct_known) res.total_known_pct += s.pct_min;
      bool ob = fr.Blocked(s.owner), op = ob || (fr.state[s.owner] & kPossible);
      if (ob) res.aggregate_pct += s.pct_min;
      if (op) res.aggregate_pct_max += s.pct_max;
      if (!op) continue;
      OwnerShare os;
      os.stake = c;
      os.owner_blocked = ob;
      os.owner_listed = fr.state[s.owner] & kSeed;
      for (uint32_t i = 0; i < g.stakes.size(); ++i)  // small graphs: the rich path
        if (i != c && g.stakes[i].owner == s.owner && g.stakes[i].asset == v &&
            ValidOn(g.stakes[i], date))
          os.superseded.push_back(i);
      res.owners.push_back(std::move(os));
    }
    res.shares_over_100 = res.total_known_pct > 100 + kEps;
    if (params.control) {
      std::set<uint32_t> dirs, bdirs;
      for (uint32_t i = 0; i < g.controls.size(); ++i) {
        const Control& c = g.controls[i];
        if (c.organization != v || !(c.start <= date && date < c.end)) continue;
        dirs.insert(c.director);
        if (fr.Blocked(c.director)) {
          if (bdirs.insert(c.director).second) res.controls.push_back(i);
        }
      }
      res.directors = static_cast<int>(dirs.size());
      res.blocked_directors = static_cast<int>(bdirs.size());
    }
    // A listed party appears only when its blocked owners would block it anyway.
    if (res.listed) {
      bool meets = false;
      if (params.per_principal) {
        for (const auto& os : res.owners) {
          const Stake& s = g.stakes[os.stake];
          if (os.owner_blocked && Meets(s.pct_min, params)) meets = true;
        }
        if (g.parties[v].joint && Meets(res.aggregate_pct, params)) meets = true;
      } else {
        meets = Meets(res.aggregate_pct, params);
      }
      if (!meets) continue;
      res.by_ownership = true;
    }
    if (!res.listed && !res.by_ownership && !res.by_control && !res.review) continue;
    // Explanation.
    std::string why;
    const char* rn = regime == Regime::kOfac ? "OFAC" : regime == Regime::kEu ? "EU" : "UK";
    if (res.blocked)
      why = std::string("blocked under ") + rn;
    else
      why = std::string("unknown share - review under ") + rn;
    why += res.listed ? " (listed; also owned)" : "";
    why += ": blocked owners hold " + Pct(res.aggregate_pct);
    if (res.aggregate_pct_max > res.aggregate_pct + kEps)
      why += " (up to " + Pct(res.aggregate_pct_max) + " counting unknown shares)";
    why += params.strict ? " (test: > " : " (test: >= ";
    why += Pct(params.threshold) + (params.per_principal ? " by one designated person)" : ")");
    for (const auto& os : res.owners) {
      why += "; " + DescribeStake(g, g.stakes[os.stake]);
      why += os.owner_listed ? " listed" : os.owner_blocked ? " blocked" : " possibly blocked";
      for (uint32_t s : os.superseded) why += "; superseded " + DescribeStake(g, g.stakes[s]);
    }
    if (res.by_control)
      why += "; control: " + std::to_string(res.blocked_directors) + " of " +
             std::to_string(res.directors) + " directors blocked";
    if (res.shares_over_100) why += "; owners' shares add up to " + Pct(res.total_known_pct);
    res.explanation = std::move(why);
    out.push_back(std::move(res));
  }
  std::sort(out.begin(), out.end(), [&](const RegimeResult& a, const RegimeResult& b) {
    return g.parties[a.party].id < g.parties[b.party].id;
  });
  return out;
}

std::vector<BeneficialOwner> BeneficialOwners(const OwnershipGraph& g, uint32_t target, Day date,
                                              double threshold, int max_depth) {
  StakeArrays sa = ToArrays(g);
  std::vector<uint32_t> chosen = SelectStakes(sa, date).idx;
  std::vector<std::vector<uint32_t>> in(g.parties.size());
  for (uint32_t c : chosen) in[g.stakes[c].asset].push_back(c);
  std::map<uint32_t, BeneficialOwner> acc;
  std::vector<uint32_t> path;
  std::vector<uint8_t> on_path(g.parties.size(), 0);
  // DFS over simple paths (a cycle would otherwise count a holding repeatedly); depth
  // bounded. Exponential in the worst case: meant for one target's neighbourhood.
  std::function<void(uint32_t, double, double, int)> dfs = [&](uint32_t v, double lo, double hi,
                                                               int depth) {
    on_path[v] = 1;
    bool has_owner = false;
    if (depth < max_depth) {
      for (uint32_t c : in[v]) {
        const Stake& s = g.stakes[c];
        if (on_path[s.owner]) continue;
        has_owner = true;
        path.push_back(c);
        dfs(s.owner, lo * s.pct_min / 100.0, hi * s.pct_max / 100.0, depth + 1);
        path.pop_back();
      }
    }
    if (!has_owner && v != target) {
      BeneficialOwner& b = acc[v];
      b.owner = v;
      b.pct_min += lo * 100.0;
      b.pct_max += hi * 100.0;
      if (b.paths.size() < 20) b.paths.emplace_back(path.rbegin(), path.rend());
    }
    on_path[v] = 0;
  };
  dfs(target, 1.0, 1.0, 0);
  std::vector<BeneficialOwner> out;
  for (auto& [v, b] : acc) {
    b.pct_max = std::min(b.pct_max, 100.0);
    if (b.pct_max + kEps < threshold) continue;
    b.review = b.pct_min + kEps < threshold;
    out.push_back(std::move(b));
  }
  std::sort(out.begin(), out.end(), [](const BeneficialOwner& a, const BeneficialOwner& b) {
    return a.pct_max != b.pct_max ? a.pct_max > b.pct_max : a.owner < b.owner;
  });
  return out;
}

std::optional<double> ParsePercent(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s.back() == '%') s.remove_suffix(1);
  auto v = ParseNumber(Trim(s));
  if (!v || !std::isfinite(*v) || *v < 0 || *v > 100) return std::nullopt;
  return *v;
}

namespace {

int32_t RankOf(const std::vector<std::string>& priority, const std::string& source) {
  for (size_t i = 0; i < priority.size(); ++i)
    if (priority[i] == source) return static_cast<int32_t>(i);
  return static_cast<int32_t>(priority.size());
}

void SetShare(Stake* s, std::optional<double> pct) {
  if (pct) {
    s->pct_min = s->pct_max = static_cast<float>(*pct);
    s->pct_known = true;
  } else {
    s->pct_min = 0;
    s->pct_max = 100;
    s->pct_known = false;
  }
}

void SetDates(const std::string& start, const std::string& end, Day* s, Day* e) {
  if (auto d = ParseStartDay(start)) *s = *d;
  if (auto d = ParseEndDay(end)) *e = *d;
}

bool IsPartySchema(const std::string& schema) {
  const Schema* s = Schema::Get(schema);
  return s && !s->is_edge() &&
         (s->IsA("LegalEntity") || s->IsA("Vessel") || s->IsA("Asset") || schema == "Thing");
}

}  // namespace

Status ReadFtmOwnership(const std::string& path, const std::vector<std::string>& priority,
                        OwnershipGraph* g) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open");
  std::string base =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  std::string line;
  int64_t lineno = 0;
  std::vector<nlohmann::json> edges;
  while (std::getline(in, line)) {
    ++lineno;
    if (Trim(line).empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return Status::Corruption(path + ":" + std::to_string(lineno) + ": invalid JSON");
    std::string schema = j.value("schema", "");
    if (schema == "Ownership" || schema == "Directorship") {
      edges.push_back(std::move(j));
      continue;
    }
    if (!IsPartySchema(schema)) continue;
    const auto& props = j.contains("properties") ? j["properties"] : nlohmann::json::object();
    auto vals = [&](const char* k) {
      std::vector<std::string> v;
      if (props.contains(k) && props[k].is_array())
        for (const auto& x : props[k])
          if (x.is_string()) v.push_back(x.get<std::string>());
      return v;
    };
    std::vector<std::string> datasets;
    if (j.contains("datasets") && j["datasets"].is_array())
      for (const auto& x : j["datasets"])
        if (x.is_string()) datasets.push_back(x.get<std::string>());
    Party p;
    p.id = j.value("id", "");
    if (p.id.empty()) continue;
    p.schema = schema;
    auto names = vals("name");
    p.name = j.value("caption", names.empty() ? p.id : names[0]);
    auto topics = vals("topics");
    p.listed_any = std::find(topics.begin(), topics.end(), "sanction") != topics.end();
    p.listed = ListedMaskFrom(p.listed_any, datasets, vals("authority"));
    p.lists = Join(datasets, ", ");
    p.natural_person = schema == "Person";
    p.source = {base, p.id};
    g->AddParty(std::move(p));
  }
  for (const auto& j : edges) {
    const auto& props = j["properties"];
    auto first = [&](const char* k) -> std::string {
      if (props.contains(k) && props[k].is_array() && !props[k].empty() && props[k][0].is_string())
        return props[k][0].get<std::string>();
      return "";
    };
    std::string src = base;
    if (j.contains("datasets") && j["datasets"].is_array() && !j["datasets"].empty() &&
        j["datasets"][0].is_string())
      src = j["datasets"][0].get<std::string>();
    std::string id = j.value("id", "");
    if (j["schema"] == "Ownership") {
      std::string o = first("owner"), a = first("asset");
      if (o.empty() || a.empty()) continue;
      Stake s;
      s.owner = g->Ensure(o);
      s.asset = g->Ensure(a);
      SetShare(&s, ParsePercent(first("percentage")));
      SetDates(first("startDate"), first("endDate"), &s.start, &s.end);
      s.source = {src, id};
      s.source_rank = RankOf(priority, src);
      g->stakes.push_back(std::move(s));
    } else {
      std::string d = first("director"), o = first("organization");
      if (d.empty() || o.empty()) continue;
      Control c;
      c.director = g->Ensure(d);
      c.organization = g->Ensure(o);
      SetDates(first("startDate"), first("endDate"), &c.start, &c.end);
      c.role = first("role");
      c.source = {src, id};
      g->controls.push_back(std::move(c));
    }
  }
  return Status::Ok();
}

OwnershipGraph GraphFromWorld(const World& w, const std::vector<std::string>& priority) {
  OwnershipGraph g;
  auto add = [&](const Entity& e) {
    Party p;
    p.id = e.id();
    p.name = e.Caption();
    p.schema = e.schema().name();
    p.listed_any = IsListed(e);
    p.listed = ListedMaskFrom(p.listed_any, e.Values("datasets"), e.Values("authority"));
    p.lists = Join(e.Values("program"), ", ");
    p.natural_person = e.schema().IsA("Person");
    if (!e.referents().empty()) p.source = {e.referents()[0].source, e.referents()[0].record_id};
    g.AddParty(std::move(p));
  };
  for (const Entity& e : w.entities) add(e);
  for (const Entity& e : w.vessels) add(e);
  for (const Entity& l : w.links) {
    const std::string& s = l.schema().name();
    SourceRef src;
    if (!l.referents().empty()) src = {l.referents()[0].source, l.referents()[0].record_id};
    if (src.record_id.empty()) src.record_id = l.id();
    if (s == "Ownership") {
      const std::string &o = l.First("owner"), &a = l.First("asset");
      if (o.empty() || a.empty()) continue;
      Stake st;
      st.owner = g.Ensure(o);
      st.asset = g.Ensure(a);
      SetShare(&st, ParsePercent(l.First("percentage")));
      SetDates(l.First("startDate"), l.First("endDate"), &st.start, &st.end);
      st.source = src;
      st.source_rank = RankOf(priority, src.source);
      g.stakes.push_back(std::move(st));
    } else if (s == "Directorship") {
      const std::string &d = l.First("director"), &o = l.First("organization");
      if (d.empty() || o.empty()) continue;
      Control c;
      c.director = g.Ensure(d);
      c.organization = g.Ensure(o);
      SetDates(l.First("startDate"), l.First("endDate"), &c.start, &c.end);
      c.role = l.First("role");
      c.source = src;
      g.controls.push_back(std::move(c));
    }
  }
  return g;
}

}  // namespace interdict::network
