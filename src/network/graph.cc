#include "network/graph.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/hash.h"
#include "core/strings.h"
#include "core/validate.h"

namespace interdict::network {

const char* EdgeKindName(EdgeKind k) {
  switch (k) {
    case EdgeKind::kOwnership:
      return "ownership";
    case EdgeKind::kDirectorship:
      return "directorship";
    case EdgeKind::kOtherLink:
      return "link";
    case EdgeKind::kSharedAddress:
      return "shared_address";
    case EdgeKind::kSharedPhone:
      return "shared_phone";
    case EdgeKind::kSharedEmail:
      return "shared_email";
    case EdgeKind::kSharedIdentifier:
      return "shared_identifier";
    case EdgeKind::kNameMatch:
      return "name_match";
    case EdgeKind::kTrade:
      return "trade";
    case EdgeKind::kPayment:
      return "payment";
  }
  return "unknown";
}

bool IsSharedKind(EdgeKind k) {
  return k == EdgeKind::kSharedAddress || k == EdgeKind::kSharedPhone ||
         k == EdgeKind::kSharedEmail || k == EdgeKind::kSharedIdentifier ||
         k == EdgeKind::kNameMatch;
}

std::string AddressKey(std::string_view address) {
  std::string n = NormalizeName(address);
  auto tokens = Split(n, ' ');
  bool digit = std::any_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
  // "Moscow, Russia" names a city, not a premises: two parties "at" it share nothing.
  if (n.size() < 8 || tokens.size() < 2 || (!digit && tokens.size() < 4)) return "";
  return n;
}

std::string PhoneKey(std::string_view phone) {
  std::string d;
  for (char c : phone)
    if (c >= '0' && c <= '9') d.push_back(c);
  if (d.size() < 7) return "";
  // Compare on the last 8 digits so international ("+971 4 123 4567") and national
  // ("04 123 4567") spellings of one number agree.
  return d.size() > 8 ? d.substr(d.size() - 8) : d;
}

std::string EmailKey(std::string_view email) {
  std::string e = AsciiLower(Trim(email));
  if (e.find('@') == std::string::npos || e.size() < 6) return "";
  return e;
}

namespace {

// Endpoint properties of FtM link schemas (source first).
const std::vector<std::tuple<const char*, const char*, const char*>>& LinkEnds() {
  static const std::vector<std::tuple<const char*, const char*, const char*>> ends = {
      {"Ownership", "owner", "asset"},          {"Directorship", "director", "organization"},
      {"Membership", "member", "organization"}, {"Employment", "employee", "employer"},
      {"Representation", "agent", "client"},    {"Family", "person", "relative"},
      {"Associate", "person", "associate"},     {"Succession", "predecessor", "successor"},
      {"UnknownLink", "subject", "object"},
  };
  return ends;
}

const char* kIdentifierProps[] = {
    "registrationNumber", "taxNumber", "vatCode",        "leiCode",  "innCode",
    "ogrnCode",           "dunsCode",  "passportNumber", "idNumber", "okpoCode"};

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 forbids most control characters even when escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string Num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

class Builder {
 public:
  Builder(const World& w, const GraphOptions& o, PropertyGraph* g, std::vector<Node>* nodes,
          std::vector<Edge>* edges, std::unordered_map<std::string, uint32_t>* index)
      : w_(w), o_(o), nodes_(*nodes), edges_(*edges), index_(*index) {
    (void)g;
  }

  void Run() {
    for (size_t i = 0; i < w_.entities.size(); ++i) {
      const Entity& e = w_.entities[i];
      if (e.schema().name() == "Address") {
        std::string full = e.First("full");
        if (full.empty()) full = Join({e.First("street"), e.First("city")}, ", ");
        address_entities_[e.id()] = full;
        continue;
      }
      AddNode(e, static_cast<int64_t>(i), false);
    }
    for (size_t i = 0; i < w_.vessels.size(); ++i)
      AddNode(w_.vessels[i], static_cast<int64_t>(i), true);
    // Ids merged into a node (resolution) or carried as its referents' record ids also
    // find it, so links written against source-record ids land on the canonical entity.
    for (uint32_t v = 0; v < nodes_.size(); ++v) {
      const Entity& e = EntityOf(v);
      for (const auto& m : e.Values("mergedIds")) index_.emplace(m, v);
      for (const auto& r : e.referents()) index_.emplace(r.record_id, v);
    }
    if (o_.links) Links();
    if (o_.shared) Shared();
    if (o_.name_matches) NameMatches();
    if (o_.trade) Trade();
    if (o_.payments) Payments();
  }

 private:
  const Entity& EntityOf(uint32_t v) const {
    const Node& n = nodes_[v];
    return n.vessel ? w_.vessels[static_cast<size_t>(n.entity_index)]
                    : w_.entities[static_cast<size_t>(n.entity_index)];
  }

  uint32_t AddNode(const Entity& e, int64_t idx, bool vessel) {
    Node n;
    n.id = e.id();
    n.schema = e.schema().name();
    n.name = e.Caption();
    n.country = e.First(vessel ? "flag" : "country");
    if (n.country.empty()) n.country = e.First("jurisdiction");
    n.listed = IsListed(e);
    n.vessel = vessel;
    n.entity_index = idx;
    uint32_t id = static_cast<uint32_t>(nodes_.size());
    auto [it, inserted] = index_.emplace(n.id, id);
    if (!inserted) return it->second;  // duplicate id (a vessel keyed like an entity)
    nodes_.push_back(std::move(n));
    return id;
  }

  uint32_t NodeFor(const std::string& id) {
    auto it = index_.find(id);
    if (it != index_.end()) return it->second;
    auto v = w_.vessel_index.find(id);
    if (v != w_.vessel_index.end()) {
      auto vi = index_.find(w_.vessels[v->second].id());
      if (vi != index_.end()) return vi->second;
    }
    Node n;
    n.id = id;
    n.schema = "LegalEntity";
    n.name = id;
    n.placeholder = true;
    uint32_t k = static_cast<uint32_t>(nodes_.size());
    nodes_.push_back(std::move(n));
    index_.emplace(id, k);
    return k;
  }

  void AddEvidence(Edge* e, const EvidenceRef& r) {
    if (e->evidence.size() < o_.max_evidence) e->evidence.push_back(r);
  }

  static EvidenceRef RefOf(const Entity& e) {
    if (e.referents().empty()) return {"derived", e.id()};
    return {e.referents()[0].source, e.referents()[0].record_id};
  }

  void Links() {
    for (const Entity& l : w_.links) {
      const std::string& schema = l.schema().name();
      const char* from_prop = nullptr;
      const char* to_prop = nullptr;
      for (const auto& [s, f, t] : LinkEnds())
        if (schema == s) {
          from_prop = f;
          to_prop = t;
        }
      if (!from_prop) {  // an edge schema we do not know: try the generic pairs
        for (const auto& [s, f, t] : LinkEnds())
          if (l.Has(f) && l.Has(t)) {
            from_prop = f;
            to_prop = t;
            break;
          }
      }
      if (!from_prop) continue;
      for (const auto& a : l.Values(from_prop))
        for (const auto& b : l.Values(to_prop)) {
          Edge e;
          e.from = NodeFor(a);
          e.to = NodeFor(b);
          if (e.from == e.to) continue;
          e.kind = schema == "Ownership"      ? EdgeKind::kOwnership
                   : schema == "Directorship" ? EdgeKind::kDirectorship
                                              : EdgeKind::kOtherLink;
          e.role = l.First("role");
          if (e.kind == EdgeKind::kOtherLink)
            e.role = e.role.empty() ? schema : schema + ": " + e.role;
          if (e.kind == EdgeKind::kOwnership) {
            std::string p(Trim(l.First("percentage")));
            if (!p.empty() && p.back() == '%') p.pop_back();
            if (auto v = ParseNumber(p)) e.percentage = *v;  // missing stays unknown, never 0
          }
          e.start = l.First("startDate");
          e.end = l.First("endDate");
          AddEvidence(&e, RefOf(l));
          edges_.push_back(std::move(e));
        }
    }
  }

  void SharedGroup(EdgeKind kind, const std::string& value, std::vector<uint32_t> holders) {
    std::sort(holders.begin(), holders.end());
    holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
    if (holders.size() < 2) return;
    auto link = [&](uint32_t a, uint32_t b) {
      Edge e;
      e.from = std::min(a, b);
      e.to = std::max(a, b);
      e.kind = kind;
      e.value = value;
      e.count = static_cast<uint32_t>(holders.size());  // holders of the value
      AddEvidence(&e, RefOf(EntityOf(e.from)));
      AddEvidence(&e, RefOf(EntityOf(e.to)));
      edges_.push_back(std::move(e));
    };
    if (holders.size() <= o_.max_clique) {
      for (size_t i = 0; i < holders.size(); ++i)
        for (size_t j = i + 1; j < holders.size(); ++j) link(holders[i], holders[j]);
    } else {
      for (size_t i = 1; i < holders.size(); ++i) link(holders[0], holders[i]);
    }
  }

  void Shared() {
    std::map<std::pair<EdgeKind, std::string>, std::vector<uint32_t>> groups;
    const uint32_t real_nodes = static_cast<uint32_t>(nodes_.size());
    for (uint32_t v = 0; v < real_nodes; ++v) {
      if (nodes_[v].placeholder || nodes_[v].vessel) continue;
      const Entity& e = EntityOf(v);
      std::set<std::string> addrs;
      for (const auto& a : e.Values("address")) addrs.insert(AddressKey(a));
      for (const auto& id : e.Values("addressEntity")) {
        auto it = address_entities_.find(id);
        if (it != address_entities_.end()) addrs.insert(AddressKey(it->second));
      }
      for (const auto& a : addrs)
        if (!a.empty()) groups[{EdgeKind::kSharedAddress, a}].push_back(v);
      for (const auto& p : e.Values("phone"))
        if (auto k = PhoneKey(p); !k.empty()) groups[{EdgeKind::kSharedPhone, k}].push_back(v);
      for (const auto& m : e.Values("email"))
        if (auto k = EmailKey(m); !k.empty()) groups[{EdgeKind::kSharedEmail, k}].push_back(v);
      for (const char* prop : kIdentifierProps)
        for (const auto& x : e.Values(prop)) {
          std::string k = AsciiUpper(NormalizeName(x));
          k.erase(std::remove(k.begin(), k.end(), ' '), k.end());
          if (k.size() >= 5)
            groups[{EdgeKind::kSharedIdentifier, std::string(prop) + ":" + k}].push_back(v);
        }
    }
    for (auto& [key, holders] : groups) SharedGroup(key.first, key.second, std::move(holders));
  }

  void NameMatches() {
    std::unordered_map<std::string, std::vector<uint32_t>> listed;
    const uint32_t real_nodes = static_cast<uint32_t>(nodes_.size());
    for (uint32_t v = 0; v < real_nodes; ++v) {
      if (!nodes_[v].listed || nodes_[v].placeholder) continue;
      const Entity& e = EntityOf(v);
      for (const char* p : {"name", "alias"})
        for (const auto& n : e.Values(p)) {
          std::string k = NormalizeName(n);
          // Too short or generic names would link unrelated parties.
          if (k.size() >= 6 && k.find(' ') != std::string::npos) listed[k].push_back(v);
        }
    }
    for (uint32_t v = 0; v < real_nodes; ++v) {
      if (nodes_[v].listed || nodes_[v].placeholder) continue;
      const Entity& e = EntityOf(v);
      std::set<uint32_t> done;
      for (const auto& n : e.Values("name")) {
        auto it = listed.find(NormalizeName(n));
        if (it == listed.end()) continue;
        for (uint32_t l : it->second) {
          if (!done.insert(l).second) continue;
          Edge ed;
          ed.from = v;
          ed.to = l;
          ed.kind = EdgeKind::kNameMatch;
          ed.value = n;
          AddEvidence(&ed, RefOf(e));
          AddEvidence(&ed, RefOf(EntityOf(l)));
          edges_.push_back(std::move(ed));
        }
      }
    }
  }

  // Adds one record to the aggregated edge (from, to, kind, role).
  void Aggregate(uint32_t from, uint32_t to, EdgeKind kind, const std::string& role,
                 const std::string& date, double amount, const std::string& currency,
                 const EvidenceRef& ev) {
    if (from == to) return;
    auto [it, inserted] = agg_.try_emplace(std::make_tuple(from, to, kind, role), edges_.size());
    if (inserted) {
      Edge e;
      e.from = from;
      e.to = to;
      e.kind = kind;
      e.role = role;
      e.count = 0;
      e.start = e.end = date;
      e.currency = currency;
      edges_.push_back(std::move(e));
    }
    Edge& e = edges_[it->second];
    ++e.count;
    e.amount += amount;
    if (e.currency != currency) e.currency = e.currency.empty() ? currency : "mixed";
    if (!date.empty()) {
      if (e.start.empty() || date < e.start) e.start = date;
      if (e.end.empty() || date > e.end) e.end = date;
    }
    AddEvidence(&e, ev);
  }

  void Trade() {
    for (const Entity& d : w_.declarations) {
      auto pit = w_.parties_by_record.find(d.id());
      if (pit == w_.parties_by_record.end()) continue;
      std::string source_id;
      for (const char* first : {"exporter", "importer"}) {
        for (size_t i : pit->second)
          if (w_.parties[i].role == first) source_id = w_.parties[i].entity_id;
        if (!source_id.empty()) break;
      }
      if (source_id.empty()) continue;
      uint32_t src = NodeFor(source_id);
      EvidenceRef ev = RefOf(d);
      const std::string& date = d.First("declaration_date");
      double value = ParseNumber(d.First("invoice_value")).value_or(0);
      const std::string& cur = d.First("currency");
      for (size_t i : pit->second) {
        const PartyLink& p = w_.parties[i];
        if (p.entity_id == source_id) continue;
        Aggregate(src, NodeFor(p.entity_id), EdgeKind::kTrade, p.role, date, value, cur, ev);
      }
      std::string imo = NormalizeImo(d.First("vessel_imo"));
      const Entity* vessel = !imo.empty() ? w_.FindVessel(imo) : nullptr;
      if (!vessel && d.Has("vessel_name")) {
        std::string key = StableId("vessel-", NormalizeName(d.First("vessel_name")));
        vessel = w_.FindVessel(key);
      }
      if (vessel)
        Aggregate(src, NodeFor(vessel->id()), EdgeKind::kTrade, "vessel", date, value, cur, ev);
    }
  }

  void Payments() {
    for (const Entity& p : w_.payments) {
      auto pit = w_.parties_by_record.find(p.id());
      if (pit == w_.parties_by_record.end()) continue;
      std::string payer, payee;
      for (size_t i : pit->second) {
        if (w_.parties[i].role == "payer") payer = w_.parties[i].entity_id;
        if (w_.parties[i].role == "payee") payee = w_.parties[i].entity_id;
      }
      if (payer.empty() || payee.empty()) continue;
      Aggregate(NodeFor(payer), NodeFor(payee), EdgeKind::kPayment, "", p.First("value_date"),
                ParseNumber(p.First("amount")).value_or(0), p.First("currency"), RefOf(p));
    }
  }

  const World& w_;
  const GraphOptions& o_;
  std::vector<Node>& nodes_;
  std::vector<Edge>& edges_;
  std::unordered_map<std::string, uint32_t>& index_;
  std::unordered_map<std::string, std::string> address_entities_;
  std::map<std::tuple<uint32_t, uint32_t, EdgeKind, std::string>, size_t> agg_;
};

}  // namespace

PropertyGraph PropertyGraph::Build(const World& w, const GraphOptions& opts) {
  PropertyGraph g;
  Builder(w, opts, &g, &g.nodes_, &g.edges_, &g.index_).Run();
  g.incident_.assign(g.nodes_.size(), {});
  for (uint32_t i = 0; i < g.edges_.size(); ++i) {
    g.incident_[g.edges_[i].from].push_back(i);
    g.incident_[g.edges_[i].to].push_back(i);
  }
  return g;
}

std::optional<uint32_t> PropertyGraph::Find(const std::string& id) const {
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<double> PropertyGraph::DefaultKindWeights() {
  std::vector<double> w(kEdgeKindCount, 0.0);
  w[static_cast<int>(EdgeKind::kOwnership)] = 3;
  w[static_cast<int>(EdgeKind::kDirectorship)] = 2;
  w[static_cast<int>(EdgeKind::kOtherLink)] = 1;
  w[static_cast<int>(EdgeKind::kSharedAddress)] = 1;
  w[static_cast<int>(EdgeKind::kSharedPhone)] = 2;
  w[static_cast<int>(EdgeKind::kSharedEmail)] = 2;
  w[static_cast<int>(EdgeKind::kSharedIdentifier)] = 3;
  w[static_cast<int>(EdgeKind::kNameMatch)] = 3;
  w[static_cast<int>(EdgeKind::kTrade)] = 1;
  w[static_cast<int>(EdgeKind::kPayment)] = 1;
  return w;
}

WeightedGraph PropertyGraph::Undirected(const std::vector<double>& kind_weight) const {
  std::vector<std::tuple<uint32_t, uint32_t, double>> list;
  list.reserve(edges_.size());
  for (const Edge& e : edges_) {
    size_t k = static_cast<size_t>(e.kind);
    double w = k < kind_weight.size() ? kind_weight[k] : 0;
    if (!(w > 0)) continue;
    bool aggregated = e.kind == EdgeKind::kTrade || e.kind == EdgeKind::kPayment;
    if (aggregated) w *= 1 + std::log(static_cast<double>(std::max<uint32_t>(1, e.count)));
    list.emplace_back(e.from, e.to, w);
  }
  return WeightedGraph::Build(static_cast<uint32_t>(nodes_.size()), list);
}

Status PropertyGraph::WriteFtm(const World& w, std::ostream& out) const {
  using nlohmann::json;
  for (const Node& n : nodes_) {
    json props = json::object();
    if (n.placeholder) {
      props["name"] = json::array({n.name});
    } else {
      const Entity& e = n.vessel ? w.vessels[static_cast<size_t>(n.entity_index)]
                                 : w.entities[static_cast<size_t>(n.entity_index)];
      for (const auto& s : e.statements()) props[PropName(s.prop)].push_back(s.value);
    }
    json j = {{"id", n.id}, {"schema", n.schema}, {"properties", props}};
    out << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
  for (size_t i = 0; i < edges_.size(); ++i) {
    const Edge& e = edges_[i];
    const std::string& a = nodes_[e.from].id;
    const std::string& b = nodes_[e.to].id;
    json props = json::object();
    std::string schema = "UnknownLink";
    auto put = [&](const char* k, const std::string& v) {
      if (!v.empty()) props[k] = json::array({v});
    };
    switch (e.kind) {
      case EdgeKind::kOwnership:
        schema = "Ownership";
        put("owner", a);
        put("asset", b);
        if (e.percentage) put("percentage", Num(*e.percentage));
        put("role", e.role);
        break;
      case EdgeKind::kDirectorship:
        schema = "Directorship";
        put("director", a);
        put("organization", b);
        put("role", e.role);
        break;
      case EdgeKind::kPayment:
        schema = "Payment";
        put("payer", a);
        put("beneficiary", b);
        put("amount", Num(e.amount));
        if (e.currency != "mixed") put("currency", e.currency);
        put("summary", std::to_string(e.count) + " payments");
        break;
      default:
        put("subject", a);
        put("object", b);
        if (e.kind == EdgeKind::kTrade) {
          put("role", "trade:" + e.role);
          put("summary", std::to_string(e.count) + " declarations");
        } else if (e.kind == EdgeKind::kOtherLink) {
          put("role", e.role);
        } else {
          put("role", std::string("shared:") + EdgeKindName(e.kind));
          put("description", e.value);
        }
    }
    put("startDate", e.start);
    put("endDate", e.end);
    std::string records;
    for (const auto& ev : e.evidence) records += (records.empty() ? "" : " ") + ev.record_id;
    std::string id = e.evidence.size() == 1 && IsSharedKind(e.kind) == false &&
                             e.kind != EdgeKind::kTrade && e.kind != EdgeKind::kPayment
                         ? e.evidence[0].record_id
                         : StableId("edge-", a + "|" + b + "|" + EdgeKindName(e.kind) + "|" +
                                                 e.role + "|" + e.value + "|" + std::to_string(i));
    json j = {{"id", id}, {"schema", schema}, {"properties", props}};
    out << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
  if (!out) return Status::IoError("writing FtM JSON lines failed");
  return Status::Ok();
}

Status PropertyGraph::WriteGraphml(std::ostream& out,
                                   const std::vector<uint32_t>& community) const {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
         "  <key id=\"n_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"n_schema\" for=\"node\" attr.name=\"schema\" attr.type=\"string\"/>\n"
         "  <key id=\"n_country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
         "  <key id=\"n_listed\" for=\"node\" attr.name=\"listed\" attr.type=\"boolean\">"
         "<default>false</default></key>\n"
         "  <key id=\"n_placeholder\" for=\"node\" attr.name=\"placeholder\" attr.type=\"boolean\">"
         "<default>false</default></key>\n"
         "  <key id=\"n_community\" for=\"node\" attr.name=\"community\" attr.type=\"int\"/>\n"
         "  <key id=\"e_kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
         "  <key id=\"e_role\" for=\"edge\" attr.name=\"role\" attr.type=\"string\"/>\n"
         "  <key id=\"e_percentage\" for=\"edge\" attr.name=\"percentage\" attr.type=\"double\"/>\n"
         "  <key id=\"e_start\" for=\"edge\" attr.name=\"startDate\" attr.type=\"string\"/>\n"
         "  <key id=\"e_end\" for=\"edge\" attr.name=\"endDate\" attr.type=\"string\"/>\n"
         "  <key id=\"e_count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\">"
         "<default>1</default></key>\n"
         "  <key id=\"e_amount\" for=\"edge\" attr.name=\"amount\" attr.type=\"double\"/>\n"
         "  <key id=\"e_currency\" for=\"edge\" attr.name=\"currency\" attr.type=\"string\"/>\n"
         "  <key id=\"e_value\" for=\"edge\" attr.name=\"value\" attr.type=\"string\"/>\n"
         "  <key id=\"e_records\" for=\"edge\" attr.name=\"records\" attr.type=\"string\"/>\n"
         "  <graph id=\"interdict\" edgedefault=\"directed\">\n";
  auto data = [&](const char* key, const std::string& v) {
    if (!v.empty()) out << "      <data key=\"" << key << "\">" << XmlEscape(v) << "</data>\n";
  };
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    out << "    <node id=\"" << XmlEscape(n.id) << "\">\n";
    data("n_label", n.name);
    data("n_schema", n.schema);
    data("n_country", n.country);
    if (n.listed) data("n_listed", "true");
    if (n.placeholder) data("n_placeholder", "true");
    if (i < community.size()) data("n_community", std::to_string(community[i]));
    out << "    </node>\n";
  }
  for (size_t i = 0; i < edges_.size(); ++i) {
    const Edge& e = edges_[i];
    out << "    <edge id=\"e" << i << "\" source=\"" << XmlEscape(nodes_[e.from].id)
        << "\" target=\"" << XmlEscape(nodes_[e.to].id) << "\""
        << (IsSharedKind(e.kind) ? " directed=\"false\"" : "") << ">\n";
    data("e_kind", EdgeKindName(e.kind));
    data("e_role", e.role);
    if (e.percentage) data("e_percentage", Num(*e.percentage));
    data("e_start", e.start);
    data("e_end", e.end);
    if (e.count != 1) data("e_count", std::to_string(e.count));
    if (e.kind == EdgeKind::kTrade || e.kind == EdgeKind::kPayment) {
      data("e_amount", Num(e.amount));
      data("e_currency", e.currency);
    }
    data("e_value", e.value);
    std::string records;
    for (const auto& ev : e.evidence)
      records += (records.empty() ? "" : " ") + ev.source + ":" + ev.record_id;
    data("e_records", records);
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  if (!out) return Status::IoError("writing GraphML failed");
  return Status::Ok();
}

}  // namespace interdict::network
