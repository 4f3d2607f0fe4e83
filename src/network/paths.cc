// Exposure paths (see paths.h).
#include "network/paths.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/strings.h"

namespace interdict::network {

const char* LinkTypeName(LinkType t) {
  static const char* kNames[kLinkTypes] = {"ownership", "directorship", "family",         "payment",
                                           "trade",     "associate",    "shared_address", "other"};
  return kNames[static_cast<int>(t)];
}

uint32_t ExposureGraph::Node(const std::string& id, const std::string& name, bool is_listed) {
  auto it = index_.find(id);
  if (it != index_.end()) {
    if (!name.empty() && names[it->second] == id) names[it->second] = name;
    listed[it->second] |= is_listed;
    return it->second;
  }
  uint32_t i = static_cast<uint32_t>(ids.size());
  index_.emplace(id, i);
  ids.push_back(id);
  names.push_back(name.empty() ? id : name);
  listed.push_back(is_listed);
  return i;
}

const uint32_t* ExposureGraph::Find(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &it->second;
}

std::vector<ExposurePath> ExposurePaths(const ExposureGraph& g, uint32_t from,
                                        const PathOptions& opt) {
  // Adjacency (both directions), built per call: exposure queries are per subject.
  const size_t n = g.ids.size();
  std::vector<uint32_t> off(n + 1, 0), adj(2 * g.edges.size());
  for (const auto& e : g.edges) ++off[e.a + 1], ++off[e.b + 1];
  for (size_t v = 0; v < n; ++v) off[v + 1] += off[v];
  {
    std::vector<uint32_t> cur(off.begin(), off.end() - 1);
    for (uint32_t i = 0; i < g.edges.size(); ++i) {
      adj[cur[g.edges[i].a]++] = i;
      adj[cur[g.edges[i].b]++] = i;
    }
  }
  // Layered DP: layer[h][v] = best score of a walk with exactly h hops, and its parent.
  // Walks are kept simple by refusing nodes already on the parent chain.
  struct Cell {
    double score;
    uint32_t parent, edge;
  };
  std::vector<std::unordered_map<uint32_t, Cell>> layer(static_cast<size_t>(opt.max_hops) + 1);
  layer[0][from] = {1.0, UINT32_MAX, UINT32_MAX};
  auto on_chain = [&](int h, uint32_t v, uint32_t x) {
    for (int k = h; k >= 0 && v != UINT32_MAX; --k) {
      if (v == x) return true;
      v = layer[static_cast<size_t>(k)].at(v).parent;
    }
    return false;
  };
  for (int h = 0; h < opt.max_hops; ++h) {
    for (const auto& [v, cell] : layer[static_cast<size_t>(h)]) {
      if (h > 0 && g.listed[v]) continue;  // paths stop at the first listed party
      for (uint32_t k = off[v]; k < off[v + 1]; ++k) {
        const auto& e = g.edges[adj[k]];
        uint32_t u = e.a == v ? e.b : e.a;
        if (on_chain(h, v, u)) continue;
        double s =
            cell.score * opt.weight[static_cast<int>(e.type)] * (h > 0 ? opt.hop_decay : 1.0);
        auto& next = layer[static_cast<size_t>(h) + 1];
        auto it = next.find(u);
        if (it == next.end() || s > it->second.score) next[u] = {s, v, adj[k]};
      }
    }
  }
  std::unordered_map<uint32_t, ExposurePath> best;
  for (int h = 1; h <= opt.max_hops; ++h)
    for (const auto& [v, cell] : layer[static_cast<size_t>(h)]) {
      if (!g.listed[v] || v == from) continue;
      auto it = best.find(v);
      if (it == best.end()) {
        ExposurePath p;
        p.target = v;
        p.shortest_hops = h;
        p.hops = h;
        p.score = cell.score;
        it = best.emplace(v, p).first;
      } else if (cell.score > it->second.score + 1e-12) {
        it->second.hops = h;
        it->second.score = cell.score;
      }
    }
  std::vector<ExposurePath> out;
  for (auto& [v, p] : best) {
    uint32_t x = v;
    for (int h = p.hops; h > 0; --h) {
      const Cell& c = layer[static_cast<size_t>(h)].at(x);
      p.nodes.push_back(x);
      p.edges.push_back(c.edge);
      x = c.parent;
    }
    p.nodes.push_back(from);
    std::reverse(p.nodes.begin(), p.nodes.end());
    std::reverse(p.edges.begin(), p.edges.end());
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [&](const ExposurePath& a, const ExposurePath& b) {
    if (a.score != b.score) return a.score > b.score;
    return g.ids[a.target] < g.ids[b.target];
  });
  return out;
}

std::string DescribePath(const ExposureGraph& g, const ExposurePath& p) {
  std::string s = g.names[p.nodes[0]];
  for (size_t i = 0; i < p.edges.size(); ++i) {
    const auto& e = g.edges[p.edges[i]];
    bool fwd = e.a == p.nodes[i];
    std::string label = e.label.empty() ? LinkTypeName(e.type) : e.label;
    s += fwd ? " -[" + label + "]-> " : " <-[" + label + "]- ";
    s += g.names[p.nodes[i + 1]];
  }
  return s;
}

namespace {

SourceRef FirstRef(const Entity& e) {
  if (e.referents().empty()) return {"", e.id()};
  return {e.referents()[0].source, e.referents()[0].record_id};
}

struct LinkSchema {
  const char* schema;
  const char* a;
  const char* b;
  LinkType type;
};
constexpr LinkSchema kLinks[] = {
    {"Ownership", "owner", "asset", LinkType::kOwnership},
    {"Directorship", "director", "organization", LinkType::kDirectorship},
    {"Payment", "payer", "beneficiary", LinkType::kPayment},
    {"Family", "person", "relative", LinkType::kFamily},
    {"Associate", "person", "associate", LinkType::kAssociate},
    {"Representation", "agent", "client", LinkType::kAssociate},
    {"Employment", "employee", "employer", LinkType::kAssociate},
    {"Membership", "member", "organization", LinkType::kAssociate},
    {"UnknownLink", "subject", "object", LinkType::kOther},
};

std::string LinkLabel(const std::string& schema, const std::string& pct, const std::string& role) {
  if (schema == "Ownership") return pct.empty() ? "owns (share unknown)" : "owns " + pct + "%";
  if (!role.empty()) return role;
  return AsciiLower(schema);
}

}  // namespace

ExposureGraph ExposureFromWorld(const World& w) {
  ExposureGraph g;
  for (const Entity& e : w.entities) g.Node(e.id(), e.Caption(), IsListed(e));
  for (const Entity& e : w.vessels) g.Node(e.id(), e.Caption(), IsListed(e));
  for (const Entity& l : w.links) {
    const std::string& s = l.schema().name();
    for (const auto& ls : kLinks) {
      if (s != ls.schema) continue;
      const std::string &a = l.First(ls.a), &b = l.First(ls.b);
      if (a.empty() || b.empty()) break;
      ExposureGraph::Edge e;
      e.a = g.Node(a);
      e.b = g.Node(b);
      e.type = ls.type;
      e.label = LinkLabel(s, l.First("percentage"), l.First("role"));
      e.source = FirstRef(l);
      g.edges.push_back(std::move(e));
      break;
    }
  }
  for (const auto& pl : w.parties) {
    bool pay = pl.role == "payer" || pl.role == "payee";
    ExposureGraph::Edge e;
    e.a = g.Node(pl.entity_id);
    e.b = g.Node(pl.record_id, (pay ? "payment " : "declaration ") + pl.record_id);
    e.type = pay ? LinkType::kPayment : LinkType::kTrade;
    e.label = pl.role;
    // The record's own source file (evidence must walk back to an input record).
    e.source = {"derived", pl.record_id};
    if (pay) {
      auto it = w.payment_index.find(pl.record_id);
      if (it != w.payment_index.end()) e.source = FirstRef(w.payments[it->second]);
    } else if (const Entity* d = w.FindDeclaration(pl.record_id)) {
      e.source = FirstRef(*d);
    }
    g.edges.push_back(std::move(e));
  }
  return g;
}

Status ReadFtmExposure(const std::string& path, ExposureGraph* g) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open");
  std::string base =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  std::string line;
  int64_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (Trim(line).empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return Status::Corruption(path + ":" + std::to_string(lineno) + ": invalid JSON");
    std::string schema = j.value("schema", ""), id = j.value("id", "");
    if (id.empty()) continue;
    const nlohmann::json props = j.contains("properties") && j["properties"].is_object()
                                     ? j["properties"]
                                     : nlohmann::json::object();
    auto first = [&](const char* k) -> std::string {
      if (props.contains(k) && props[k].is_array() && !props[k].empty() && props[k][0].is_string())
        return props[k][0].get<std::string>();
      return "";
    };
    bool is_link = false;
    for (const auto& ls : kLinks) {
      if (schema != ls.schema) continue;
      is_link = true;
      std::string a = first(ls.a), b = first(ls.b);
      if (a.empty() || b.empty()) break;
      ExposureGraph::Edge e;
      e.a = g->Node(a);
      e.b = g->Node(b);
      e.type = ls.type;
      e.label = LinkLabel(schema, first("percentage"), first("role"));
      e.source = {base, id};
      g->edges.push_back(std::move(e));
      break;
    }
    if (is_link) continue;
    const Schema* s = Schema::Get(schema);
    if (!s || s->is_edge()) continue;
    bool listed = false;
    if (props.contains("topics") && props["topics"].is_array())
      for (const auto& t : props["topics"])
        if (t == "sanction") listed = true;
    std::string name = j.value("caption", first("name"));
    g->Node(id, name, listed);
  }
  return Status::Ok();
}

}  // namespace interdict::network
