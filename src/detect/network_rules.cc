// Shell and front indicators and brokers (issue 8), read from the property graph
// (network/graph.h) over the resolved World:
//
//   NET-MASS-ADDRESS      many companies registered at one address. The threshold is
//                         relative to this data's address-count distribution (a high
//                         quantile, floored), not a fixed number.
//   NET-RECENT-INCORP     incorporated shortly before its first sensitive trade (CHPL
//                         goods, or a high-risk destination downstream) — BIS "Know Your
//                         Customer" and FinCEN/BIS alert red flags.
//   NET-SHARED-DIRECTOR   one director across many companies (relative threshold again).
//   NET-SHARED-WITH-LISTED a director, address, phone, e-mail or identifier shared with a
//                         listed entity (or a registry record carrying a listed name).
//   NET-DORMANT-ACTIVE    a long silence between two periods of activity inside the data,
//                         then a burst (activity before the silence is required, so the
//                         start of the data window is never mistaken for dormancy).
//   NET-LOB-MISMATCH      a declared sector/line of business that does not fit the goods
//                         traded (only where the data carries a sector).
//   NET-BROKER            high betweenness in the trade/payment/ownership graph around a
//                         listed party's Leiden community, with flows both into that
//                         community and into others.
// Thresholds live under `network_shell:` in the configuration.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "core/strings.h"
#include "core/validate.h"
#include "detect/detectors.h"
#include "interdict/screen.h"
#include "model/reference.h"
#include "network/community.h"
#include "network/graph.h"

namespace interdict {
namespace {

using network::Edge;
using network::EdgeKind;
using network::Node;
using network::PropertyGraph;

std::string Cfg(const std::string& key) { return "network_shell." + key; }

// The q-quantile (nearest rank) of a sample; 0 when empty.
double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, k == 0 ? 0 : k - 1)];
}

bool IsPersonNode(const Node& n) { return n.schema == "Person"; }
bool IsCompanyNode(const Node& n) { return !n.vessel && !n.placeholder && !IsPersonNode(n); }

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Broad goods categories by HS chapter, and the sector words that fit each; a sector
// with none of its words is treated as general trade (no mismatch can be claimed).
struct Category {
  const char* name;
  int lo, hi;  // HS chapters
  std::vector<const char*> words;
};
const std::vector<Category>& Categories() {
  static const std::vector<Category> cats = {
      {"food and agriculture",
       1,
       24,
       {"FOOD", "AGRI", "FARM", "FISH", "BEVERAGE", "GRAIN", "FRUIT", "DAIRY", "MEAT", "TEA",
        "COFFEE"}},
      {"minerals and fuels",
       25,
       27,
       {"MINING", "MINERAL", "OIL", "PETROL", "GAS", "FUEL", "ENERGY", "COAL"}},
      {"chemicals and pharmaceuticals",
       28,
       38,
       {"CHEMICAL", "PHARMA", "MEDIC", "COSMETIC", "FERTILI", "PAINT"}},
      {"plastics and rubber", 39, 40, {"PLASTIC", "RUBBER", "POLYMER", "TYRE", "TIRE"}},
      {"wood, paper and textiles",
       41,
       67,
       {"TEXTILE", "APPAREL", "GARMENT", "FASHION", "CLOTH", "LEATHER", "SHOE", "FOOTWEAR", "WOOD",
        "TIMBER", "PAPER", "PRINT", "FURNIT"}},
      {"metals",
       68,
       83,
       {"METAL", "STEEL", "IRON", "ALUMIN", "COPPER", "GLASS", "CERAMIC", "CONSTRUCT", "BUILDING"}},
      {"machinery and electronics",
       84,
       85,
       {"MACHIN", "ELECTR", "ENGINEER", "INDUSTR", "TECHNOLOG", "COMPUTER", "SEMICONDUCT",
        "TELECOM", "EQUIPMENT", "AUTOMATION", "TOOL"}},
      {"vehicles, aircraft and ships",
       86,
       89,
       {"AUTO", "VEHICLE", "MOTOR", "CAR", "AVIATION", "AIRCRAFT", "AEROSPACE", "SHIP", "MARINE",
        "RAIL", "TRANSPORT EQUIP"}},
      {"instruments",
       90,
       92,
       {"INSTRUMENT", "OPTIC", "MEDICAL DEVICE", "LABORATOR", "SCIENTIFIC", "MEASUR", "WATCH"}},
      {"arms", 93, 93, {"ARMS", "DEFEN", "WEAPON", "MILITARY", "SECURITY"}},
      {"furniture, toys and miscellaneous", 94, 99, {"FURNIT", "TOY", "SPORT", "LIGHTING"}},
  };
  return cats;
}

// Categories a sector text names (empty: general or unknown line of business).
std::set<int> SectorCategories(const std::string& sector) {
  std::string s = " " + NormalizeName(sector) + " ";
  std::set<int> out;
  const auto& cats = Categories();
  for (size_t i = 0; i < cats.size(); ++i)
    for (const char* w : cats[i].words)
      if (s.find(std::string(" ") + w) != std::string::npos) out.insert(static_cast<int>(i));
  return out;
}

int HsCategory(const std::string& hs) {
  if (hs.size() < 2) return -1;
  int ch = (hs[0] - '0') * 10 + (hs[1] - '0');
  const auto& cats = Categories();
  for (size_t i = 0; i < cats.size(); ++i)
    if (ch >= cats[i].lo && ch <= cats[i].hi) return static_cast<int>(i);
  return -1;
}

class NetworkRules : public Detector {
 public:
  std::string name() const override { return "network-shell"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    network::GraphOptions go;
    go.max_clique = static_cast<size_t>(cfg.GetInt(Cfg("max_clique"), 30));
    graph_ = PropertyGraph::Build(w, go);
    w_ = &w;
    cfg_ = &cfg;
    out_ = out;
    {
      auto v = Split(cfg.GetString("trade.high_risk_destinations", "RU;BY;IR;KP;SY;CU"), ';');
      high_risk_ = {v.begin(), v.end()};
    }
    IndexActivity();
    MarkListed();
    MassAddress();
    RecentIncorporation();
    SharedDirector();
    SharedWithListed();
    DormantActive();
    LobMismatch();
    Brokers();
    return Status::Ok();
  }

 private:
  const Entity* EntityOf(uint32_t v) const {
    const Node& n = graph_.nodes()[v];
    if (n.placeholder || n.entity_index < 0) return nullptr;
    return n.vessel ? &w_->vessels[static_cast<size_t>(n.entity_index)]
                    : &w_->entities[static_cast<size_t>(n.entity_index)];
  }
  EvidenceRef RefOf(uint32_t v) const {
    const Entity* e = EntityOf(v);
    return e ? EvidenceOf(*e) : EvidenceRef{"derived", graph_.nodes()[v].id};
  }
  const std::string& Name(uint32_t v) const { return graph_.nodes()[v].name; }

  Finding NewFinding(const std::string& code, uint32_t subject, double strength) const {
    Finding f;
    f.code = code;
    f.subject_kind = SubjectKind::kEntity;
    f.subject_id = graph_.nodes()[subject].id;
    f.score = FlagWeight(*cfg_, code) * std::clamp(strength, 0.0, 1.0);
    f.evidence.push_back(RefOf(subject));
    return f;
  }
  void Emit(Finding f) {
    // Evidence lists stay readable: the subject's record first, then at most 12 more.
    std::vector<EvidenceRef> ev;
    for (const auto& e : f.evidence)
      if (std::find(ev.begin(), ev.end(), e) == ev.end() && ev.size() < 13) ev.push_back(e);
    f.evidence = std::move(ev);
    std::sort(f.related_entities.begin(), f.related_entities.end());
    f.related_entities.erase(std::unique(f.related_entities.begin(), f.related_entities.end()),
                             f.related_entities.end());
    out_->push_back(std::move(f));
  }

  // Declarations and payments each node takes part in (any role), with their dates.
  void IndexActivity() {
    activity_.assign(graph_.nodes().size(), {});
    for (const PartyLink& p : w_->parties) {
      auto v = graph_.Find(p.entity_id);
      if (!v) continue;
      const Entity* rec = w_->FindDeclaration(p.record_id);
      bool decl = rec != nullptr;
      if (!rec) {
        auto it = w_->payment_index.find(p.record_id);
        if (it != w_->payment_index.end()) rec = &w_->payments[it->second];
      }
      if (!rec) continue;
      auto day = ParseDateDays(rec->First(decl ? "declaration_date" : "value_date"));
      if (!day) continue;
      activity_[*v].push_back({*day, rec, decl});
    }
    for (auto& a : activity_) {
      std::sort(a.begin(), a.end(), [](const Activity& x, const Activity& y) {
        return x.day != y.day ? x.day < y.day : x.rec->id() < y.rec->id();
      });
      a.erase(std::unique(a.begin(), a.end(),
                          [](const Activity& x, const Activity& y) { return x.rec == y.rec; }),
              a.end());
    }
  }

  // Listed nodes, and registry/trade records carrying a listed name (their twins).
  void MarkListed() {
    listed_.assign(graph_.nodes().size(), -1);
    for (uint32_t v = 0; v < graph_.nodes().size(); ++v)
      if (graph_.nodes()[v].listed) listed_[v] = static_cast<int64_t>(v);
    for (const Edge& e : graph_.edges())
      if (e.kind == EdgeKind::kNameMatch && listed_[e.from] < 0) listed_[e.from] = e.to;
  }

  void MassAddress() {
    std::map<std::string, std::vector<uint32_t>> at;
    std::map<std::string, std::string> shown;
    for (uint32_t v = 0; v < graph_.nodes().size(); ++v) {
      if (!IsCompanyNode(graph_.nodes()[v]) || graph_.nodes()[v].listed) continue;
      const Entity* e = EntityOf(v);
      std::map<std::string, std::string> keys;  // key -> as written
      for (const auto& a : e->Values("address")) keys.emplace(network::AddressKey(a), a);
      for (const auto& id : e->Values("addressEntity")) {
        const Entity* a = w_->FindEntity(id);
        if (a) keys.emplace(network::AddressKey(a->First("full")), a->First("full"));
      }
      for (const auto& [k, raw] : keys) {
        if (k.empty()) continue;
        at[k].push_back(v);
        shown.emplace(k, raw);
      }
    }
    // Distinct company names per address: a company's list entry and registry record (or
    // two spellings resolved apart) are one company, not two.
    std::vector<double> counts;
    std::map<std::string, size_t> distinct;
    for (const auto& [addr, vs] : at) {
      // Spelling variants of one name (a registry record and a misspelt trade mention
      // resolved apart) count once: greedy clustering on the screening name score.
      std::vector<std::string> reps;
      for (uint32_t v : vs) {
        bool same = false;
        for (const auto& r : reps)
          same = same || screen::CompareNameStrings(Name(v), r, "Company").score >= 0.8;
        if (!same) reps.push_back(Name(v));
      }
      distinct[addr] = reps.size();
      counts.push_back(static_cast<double>(reps.size()));
    }
    const double q = cfg_->GetDouble(Cfg("mass_address_quantile"), 0.99);
    const double floor_n = cfg_->GetDouble(Cfg("mass_address_min"), 3);
    const double threshold = std::max(floor_n, Quantile(counts, q));
    for (const auto& [addr, vs] : at) {
      double n = static_cast<double>(distinct[addr]);
      if (n < threshold) continue;
      double strength = 0.6 + 0.4 * std::min(1.0, std::log(n / threshold + 1) / std::log(4.0));
      for (uint32_t v : vs) {
        Finding f = NewFinding("NET-MASS-ADDRESS", v, strength);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.0f", threshold);
        f.explanation = "registered at '" + shown[addr] + "', the address of " +
                        Plural(distinct[addr], "company", "companies") + " (threshold " + buf +
                        " = the " + std::to_string(static_cast<int>(q * 100)) +
                        "th percentile of companies per address in this data, " +
                        Plural(at.size(), "address", "addresses") + ")";
        for (uint32_t o : vs)
          if (o != v) {
            f.evidence.push_back(RefOf(o));
            f.related_entities.push_back(graph_.nodes()[o].id);
          }
        Emit(std::move(f));
      }
    }
  }

  // Whether a declaration is sensitive: CHPL goods, or a high-risk country downstream.
  std::string Sensitive(const Entity& d) const {
    if (const ChplEntry* c = FindChpl(d.First("hs_code")))
      return "CHPL goods (HS " + d.First("hs_code") + ", tier " + c->tier + ")";
    for (const char* col :
         {"destination_country", "importer_country", "consignee_country", "end_user_country"})
      if (high_risk_.count(d.First(col))) return std::string(col) + " " + d.First(col);
    return "";
  }

  void RecentIncorporation() {
    const int64_t days = cfg_->GetInt(Cfg("recent_incorporation_days"), 365);
    for (uint32_t v = 0; v < graph_.nodes().size(); ++v) {
      if (!IsCompanyNode(graph_.nodes()[v]) || activity_[v].empty()) continue;
      const Entity* e = EntityOf(v);
      auto inc = ParseDateDays(e->First("incorporationDate"));
      if (!inc) continue;
      std::vector<const Activity*> sensitive;
      std::string why;
      for (const auto& a : activity_[v]) {
        if (!a.decl || a.day < *inc) continue;
        std::string s = Sensitive(*a.rec);
        if (s.empty()) continue;
        if (sensitive.empty()) why = s;
        sensitive.push_back(&a);
      }
      if (sensitive.empty()) continue;
      int64_t age = sensitive.front()->day - *inc;
      if (age > days) continue;
      double strength = 1.0 - 0.5 * static_cast<double>(age) / static_cast<double>(days);
      Finding f = NewFinding("NET-RECENT-INCORP", v, strength);
      f.explanation = "incorporated " + e->First("incorporationDate") + ", " + std::to_string(age) +
                      " days before its first sensitive trade (" + sensitive.front()->rec->id() +
                      ", " + why + "); " +
                      Plural(sensitive.size(), "sensitive declaration", "sensitive declarations") +
                      " in all";
      for (const Activity* a : sensitive) {
        if (f.related_declarations.size() >= 10) break;
        f.evidence.push_back(EvidenceOf(*a->rec));
        f.related_declarations.push_back(a->rec->id());
      }
      Emit(std::move(f));
    }
  }

  // Directors (persons or companies) of each organisation, from Directorship edges.
  std::map<uint32_t, std::vector<const Edge*>> DirectorEdges() const {
    std::map<uint32_t, std::vector<const Edge*>> by_director;
    for (const Edge& e : graph_.edges())
      if (e.kind == EdgeKind::kDirectorship && e.end.empty()) by_director[e.from].push_back(&e);
    return by_director;
  }

  void SharedDirector() {
    auto by_director = DirectorEdges();
    std::vector<double> counts;
    std::map<uint32_t, std::set<uint32_t>> orgs;
    for (const auto& [d, es] : by_director) {
      for (const Edge* e : es) orgs[d].insert(e->to);
      counts.push_back(static_cast<double>(orgs[d].size()));
    }
    const double q = cfg_->GetDouble(Cfg("shared_director_quantile"), 0.99);
    const double threshold =
        std::max(cfg_->GetDouble(Cfg("shared_director_min"), 4), Quantile(counts, q));
    for (const auto& [d, os] : orgs) {
      double n = static_cast<double>(os.size());
      if (n < threshold) continue;
      double strength = 0.6 + 0.4 * std::min(1.0, std::log(n / threshold + 1) / std::log(4.0));
      for (uint32_t o : os) {
        if (graph_.nodes()[o].listed) continue;
        Finding f = NewFinding("NET-SHARED-DIRECTOR", o, strength);
        f.explanation = "director " + Name(d) + " also directs " +
                        Plural(os.size() - 1, "other company", "other companies") + " (threshold " +
                        std::to_string(static_cast<int>(threshold)) + " = the " +
                        std::to_string(static_cast<int>(q * 100)) +
                        "th percentile of companies per director, floored)";
        f.related_entities.push_back(graph_.nodes()[d].id);
        for (const Edge* e : by_director[d]) {
          if (e->to == o)
            f.evidence.insert(f.evidence.begin() + 1, e->evidence.begin(), e->evidence.end());
          else {
            f.evidence.insert(f.evidence.end(), e->evidence.begin(), e->evidence.end());
            f.related_entities.push_back(graph_.nodes()[e->to].id);
          }
        }
        Emit(std::move(f));
      }
    }
  }

  void SharedWithListed() {
    // subject -> (listed entity -> what is shared, evidence)
    std::map<uint32_t,
             std::map<int64_t, std::pair<std::set<std::string>, std::vector<EvidenceRef>>>>
        hits;
    auto add = [&](uint32_t subject, uint32_t other, const std::string& what,
                   const std::vector<EvidenceRef>& ev) {
      if (listed_[other] < 0 || !IsCompanyNode(graph_.nodes()[subject])) return;
      if (listed_[subject] >= 0) return;  // the listed entity itself or its twin
      auto& h = hits[subject][listed_[other]];
      h.first.insert(what);
      h.second.insert(h.second.end(), ev.begin(), ev.end());
    };
    for (const Edge& e : graph_.edges()) {
      if (!network::IsSharedKind(e.kind) || e.kind == EdgeKind::kNameMatch) continue;
      std::string what =
          std::string(network::EdgeKindName(e.kind)).substr(7) + " '" + e.value + "'";
      add(e.from, e.to, what, e.evidence);
      add(e.to, e.from, what, e.evidence);
    }
    // A director shared with a listed company (the director not listed: a listed director
    // is a direct link, reported as NET-LISTED-LINK by the ownership detector).
    for (const auto& [d, es] : DirectorEdges()) {
      if (listed_[d] >= 0) continue;
      for (const Edge* a : es)
        for (const Edge* b : es)
          if (a != b) {
            std::vector<EvidenceRef> ev = a->evidence;
            ev.insert(ev.end(), b->evidence.begin(), b->evidence.end());
            add(a->to, b->to, "director " + Name(d), ev);
          }
    }
    for (auto& [subject, by_listed] : hits) {
      Finding f = NewFinding("NET-SHARED-WITH-LISTED", subject, 1.0);
      std::string expl;
      for (auto& [l, h] : by_listed) {
        uint32_t lv = static_cast<uint32_t>(l);
        if (!expl.empty()) expl += "; ";
        std::vector<std::string> whats(h.first.begin(), h.first.end());
        expl += "shares " + Join(whats, ", ") + " with listed " + Name(lv);
        f.related_entities.push_back(graph_.nodes()[lv].id);
        f.evidence.insert(f.evidence.end(), h.second.begin(), h.second.end());
        const Entity* le = EntityOf(lv);
        if (le) f.evidence.push_back(ListedEvidenceOf(*le));
      }
      // An address alone is weaker than a person or an identifier.
      bool strong = expl.find("director") != std::string::npos ||
                    expl.find("identifier") != std::string::npos ||
                    expl.find("phone") != std::string::npos ||
                    expl.find("email") != std::string::npos;
      f.score *= strong ? 1.0 : 0.7;
      f.explanation = expl;
      Emit(std::move(f));
    }
  }

  void DormantActive() {
    const int64_t dormant = cfg_->GetInt(Cfg("dormant_days"), 365);
    const int64_t burst_days = cfg_->GetInt(Cfg("burst_days"), 90);
    const size_t burst_min = static_cast<size_t>(cfg_->GetInt(Cfg("burst_min_records"), 3));
    for (uint32_t v = 0; v < graph_.nodes().size(); ++v) {
      const auto& a = activity_[v];
      if (a.size() < burst_min + 1 || !IsCompanyNode(graph_.nodes()[v])) continue;
      for (size_t i = 1; i < a.size(); ++i) {
        int64_t gap = a[i].day - a[i - 1].day;
        if (gap < dormant) continue;
        size_t j = i;
        while (j < a.size() && a[j].day - a[i].day <= burst_days) ++j;
        size_t burst = j - i;
        // The burst must outpace the company's own activity before the silence.
        double before_rate = static_cast<double>(i) / static_cast<double>(std::max<int64_t>(
                                                          1, a[i - 1].day - a[0].day + burst_days));
        double burst_rate = static_cast<double>(burst) / static_cast<double>(burst_days);
        if (burst < burst_min || burst_rate < 2 * before_rate) continue;
        Finding f = NewFinding("NET-DORMANT-ACTIVE", v,
                               std::min(1.0, 0.6 + 0.1 * static_cast<double>(burst - burst_min)));
        f.explanation = "no declarations or payments for " + std::to_string(gap) + " days (" +
                        a[i - 1].rec->id() + " to " + a[i].rec->id() + "), then " +
                        Plural(burst, "record", "records") + " within " +
                        std::to_string(burst_days) + " days";
        f.evidence.push_back(EvidenceOf(*a[i - 1].rec));
        for (size_t k = i; k < j && k < i + 10; ++k) {
          f.evidence.push_back(EvidenceOf(*a[k].rec));
          (a[k].decl ? f.related_declarations : f.related_payments).push_back(a[k].rec->id());
        }
        Emit(std::move(f));
        break;
      }
    }
  }

  void LobMismatch() {
    for (uint32_t v = 0; v < graph_.nodes().size(); ++v) {
      if (!IsCompanyNode(graph_.nodes()[v]) || activity_[v].empty()) continue;
      const Entity* e = EntityOf(v);
      std::string sector;
      for (const char* p : {"sector", "classification"})
        for (const auto& s : e->Values(p)) sector += (sector.empty() ? "" : "; ") + s;
      if (sector.empty()) continue;
      std::set<int> fits = SectorCategories(sector);
      if (fits.empty()) continue;  // general trade, holding, unknown: nothing to contradict
      std::vector<const Activity*> off;
      bool chpl = false;
      for (const auto& a : activity_[v]) {
        if (!a.decl) continue;
        int c = HsCategory(NormalizeHsCode(a.rec->First("hs_code")));
        if (c < 0 || fits.count(c)) continue;
        off.push_back(&a);
        chpl |= FindChpl(a.rec->First("hs_code")) != nullptr;
      }
      if (off.empty()) continue;
      Finding f = NewFinding("NET-LOB-MISMATCH", v, chpl ? 1.0 : 0.6);
      int c = HsCategory(NormalizeHsCode(off.front()->rec->First("hs_code")));
      f.explanation = "declared line of business '" + sector + "' but trades " +
                      Categories()[static_cast<size_t>(c)].name + " (HS " +
                      off.front()->rec->First("hs_code") + " in " + off.front()->rec->id() + ")" +
                      (chpl ? ", CHPL goods among them" : "") + "; " +
                      Plural(off.size(), "declaration", "declarations") + " outside its sector";
      for (const Activity* a : off) {
        if (f.related_declarations.size() >= 10) break;
        f.evidence.push_back(EvidenceOf(*a->rec));
        f.related_declarations.push_back(a->rec->id());
      }
      Emit(std::move(f));
    }
  }

  void Brokers() {
    std::vector<double> kw(network::kEdgeKindCount, 0.0);
    for (EdgeKind k : {EdgeKind::kTrade, EdgeKind::kPayment, EdgeKind::kOwnership,
                       EdgeKind::kDirectorship, EdgeKind::kNameMatch, EdgeKind::kSharedIdentifier})
      kw[static_cast<size_t>(k)] =
          network::PropertyGraph::DefaultKindWeights()[static_cast<size_t>(k)];
    network::WeightedGraph g = graph_.Undirected(kw);
    network::LeidenOptions lo;
    lo.seed = static_cast<uint64_t>(cfg_->GetInt(Cfg("seed"), 42));
    lo.resolution = cfg_->GetDouble(Cfg("resolution"), 1.0);
    network::Partition p = network::Leiden(g, lo);
    std::set<uint32_t> listed_comms;
    for (uint32_t v = 0; v < g.n; ++v)
      if (graph_.nodes()[v].listed && g.offsets[v + 1] > g.offsets[v])
        listed_comms.insert(p.membership[v]);
    if (listed_comms.empty()) return;
    // The extracted subgraph: listed communities and their neighbourhoods.
    const size_t cap = static_cast<size_t>(cfg_->GetInt(Cfg("broker_max_subgraph"), 4000));
    std::vector<char> in(g.n, 0);
    std::vector<uint32_t> nodes;
    for (uint32_t v = 0; v < g.n; ++v)
      if (listed_comms.count(p.membership[v]) && !in[v]) {
        in[v] = 1;
        nodes.push_back(v);
      }
    // Grown by `broker_hops` hops so a broker's links on both sides are inside it.
    const int hops = static_cast<int>(cfg_->GetInt(Cfg("broker_hops"), 2));
    for (int h = 0, begin = 0; h < hops; ++h) {
      size_t end = nodes.size();
      for (size_t i = static_cast<size_t>(begin); i < end && nodes.size() < cap; ++i)
        for (uint64_t e = g.offsets[nodes[i]]; e < g.offsets[nodes[i] + 1]; ++e)
          if (!in[g.targets[e]] && nodes.size() < cap) {
            in[g.targets[e]] = 1;
            nodes.push_back(g.targets[e]);
          }
      begin = static_cast<int>(end);
    }
    if (nodes.size() > cap) nodes.resize(cap);
    std::vector<double> bc = network::Betweenness(g, nodes, true);
    const double min_bc = cfg_->GetDouble(Cfg("broker_min_betweenness"), 0.05);
    std::vector<uint32_t> pos(g.n, UINT32_MAX);
    for (size_t i = 0; i < nodes.size(); ++i) pos[nodes[i]] = static_cast<uint32_t>(i);
    for (const auto& b : network::FindBrokers(g, p.membership, nodes, bc)) {
      if (b.betweenness < min_bc) break;
      uint32_t v = b.node;
      if (listed_[v] >= 0 || graph_.nodes()[v].vessel || graph_.nodes()[v].placeholder) continue;
      // Flows (trade or payment) into a listed community and into another community.
      std::vector<const Edge*> to_listed, to_other;
      std::string listed_name;
      for (uint32_t ei : graph_.Incident(v)) {
        const Edge& e = graph_.edges()[ei];
        if (e.kind != EdgeKind::kTrade && e.kind != EdgeKind::kPayment) continue;
        uint32_t o = e.from == v ? e.to : e.from;
        (listed_comms.count(p.membership[o]) ? to_listed : to_other).push_back(&e);
      }
      if (to_listed.empty() || to_other.empty()) continue;
      // Name the listed party of the community the broker serves.
      uint32_t lc = p.membership[to_listed.front()->from == v ? to_listed.front()->to
                                                              : to_listed.front()->from];
      for (uint32_t u = 0; u < g.n && listed_name.empty(); ++u)
        if (graph_.nodes()[u].listed && p.membership[u] == lc) listed_name = Name(u);
      Finding f = NewFinding("NET-BROKER", v, std::min(1.0, 0.5 + b.betweenness));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", b.betweenness);
      f.explanation = std::string(
                          "broker in the trade/payment flow between the community of "
                          "listed ") +
                      listed_name + " and " +
                      Plural(b.communities.size() - 1, "other community", "other communities") +
                      ": betweenness " + buf + " in a " + std::to_string(nodes.size()) +
                      "-node subgraph; " + Plural(to_listed.size(), "flow", "flows") +
                      " on the listed side, " + Plural(to_other.size(), "flow", "flows") +
                      " outside";
      for (const auto* list : {&to_listed, &to_other})
        for (const Edge* e : *list) {
          uint32_t o = e->from == v ? e->to : e->from;
          f.related_entities.push_back(graph_.nodes()[o].id);
          for (const auto& ev : e->evidence) {
            f.evidence.push_back(ev);
            if (e->kind == EdgeKind::kTrade && f.related_declarations.size() < 10)
              f.related_declarations.push_back(ev.record_id);
            if (e->kind == EdgeKind::kPayment && f.related_payments.size() < 10)
              f.related_payments.push_back(ev.record_id);
            break;
          }
        }
      Emit(std::move(f));
    }
  }

  struct Activity {
    int64_t day;
    const Entity* rec;
    bool decl;
  };

  PropertyGraph graph_;
  const World* w_ = nullptr;
  const Config* cfg_ = nullptr;
  std::vector<Finding>* out_ = nullptr;
  std::set<std::string> high_risk_;
  std::vector<std::vector<Activity>> activity_;
  std::vector<int64_t> listed_;  // node -> the listed node it is or carries the name of; -1
};

}  // namespace

std::unique_ptr<Detector> NewNetworkRulesDetector() { return std::make_unique<NetworkRules>(); }

}  // namespace interdict
