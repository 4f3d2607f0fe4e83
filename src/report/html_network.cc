// report.html: the network around one lead, as inline SVG. The layout is a small
// Fruchterman-Reingold force simulation computed here (at most kMaxNodes nodes, fixed
// iteration count, deterministic start on a circle) so the page needs no script; Debian's
// Boost.Graph has one too, but pulling it into report/ for 40 nodes is not worth the build
// time and it gives no control over label margins.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <set>
#include <tuple>

#include "interdict/env.h"
#include "report/report_internal.h"

namespace interdict::report {
namespace {

constexpr size_t kMaxNodes = 40;
constexpr size_t kMaxRecords = 12;  // declarations / payments of a lead drawn as nodes
constexpr double kW = 720, kH = 440, kMargin = 60;

struct Node {
  std::string id;
  char kind;  // e: entity, v: vessel, d: declaration, p: payment, l: list entry
  bool subject = false;
};

struct Edge {
  size_t a, b;
  std::string label;
  char style;  // l: registry link, t: trade/payment role, m: list match, e: AIS encounter
};

std::string Num(double x) { return Fixed(x, 1); }

// Fruchterman-Reingold in a kW x kH box; positions are written back into xy.
void Layout(size_t n, const std::vector<Edge>& edges, std::vector<std::pair<double, double>>* xy) {
  xy->assign(n, {kW / 2, kH / 2});
  if (n <= 1) return;
  const double area = (kW - 2 * kMargin) * (kH - 2 * kMargin);
  const double k = std::sqrt(area / static_cast<double>(n));
  for (size_t i = 0; i < n; ++i) {
    double a = 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
    (*xy)[i] = {kW / 2 + 150 * std::cos(a), kH / 2 + 110 * std::sin(a)};
  }
  double temp = kW / 8;
  std::vector<std::pair<double, double>> disp(n);
  for (int it = 0; it < 300; ++it) {
    std::fill(disp.begin(), disp.end(), std::make_pair(0.0, 0.0));
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j) {
        double dx = (*xy)[i].first - (*xy)[j].first, dy = (*xy)[i].second - (*xy)[j].second;
        double d = std::max(0.01, std::hypot(dx, dy));
        double f = k * k / d;
        disp[i].first += dx / d * f;
        disp[i].second += dy / d * f;
        disp[j].first -= dx / d * f;
        disp[j].second -= dy / d * f;
      }
    for (const Edge& e : edges) {
      if (e.a == e.b) continue;
      double dx = (*xy)[e.a].first - (*xy)[e.b].first, dy = (*xy)[e.a].second - (*xy)[e.b].second;
      double d = std::max(0.01, std::hypot(dx, dy));
      double f = d * d / k;
      disp[e.a].first -= dx / d * f;
      disp[e.a].second -= dy / d * f;
      disp[e.b].first += dx / d * f;
      disp[e.b].second += dy / d * f;
    }
    for (size_t i = 0; i < n; ++i) {
      // Gravity towards the centre keeps disconnected parts on the canvas.
      disp[i].first -= ((*xy)[i].first - kW / 2) * 0.05;
      disp[i].second -= ((*xy)[i].second - kH / 2) * 0.05;
      double d = std::max(0.01, std::hypot(disp[i].first, disp[i].second));
      double step = std::min(d, temp);
      (*xy)[i].first += disp[i].first / d * step;
      (*xy)[i].second += disp[i].second / d * step;
    }
    temp = std::max(1.0, temp * 0.985);
  }
  // Fit into the box with margins for labels.
  double x0 = 1e18, x1 = -1e18, y0 = 1e18, y1 = -1e18;
  for (const auto& [x, y] : *xy) {
    x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  }
  double sx = x1 - x0 > 1 ? (kW - 2 * kMargin) / (x1 - x0) : 1;
  double sy = y1 - y0 > 1 ? (kH - 2 * kMargin) / (y1 - y0) : 1;
  for (auto& [x, y] : *xy) {
    x = x1 - x0 > 1 ? kMargin + (x - x0) * sx : kW / 2;
    y = y1 - y0 > 1 ? kMargin + (y - y0) * sy : kH / 2;
  }
}

}  // namespace

LeadNetworks::LeadNetworks(const Index& idx) : idx_(idx) {
  for (const Entity& l : idx.world().links) {
    auto props = EdgeProps(l, idx);
    if (!props) continue;
    std::string label = l.schema().name();
    if (l.Has("percentage")) label += " " + l.First("percentage") + "%";
    if (l.Has("role")) label += " (" + l.First("role") + ")";
    for (const auto& a : l.Values(props->first))
      for (const auto& b : l.Values(props->second)) {
        std::string na = idx.NodeId(a).empty() ? a : idx.NodeId(a);
        std::string nb = idx.NodeId(b).empty() ? b : idx.NodeId(b);
        if (na == nb) continue;
        links_[na].push_back({nb, label, true});
        links_[nb].push_back({na, label, false});
      }
  }
  for (const Entity& v : idx.world().vessels)
    for (const auto& m : v.Values("mmsi")) vessel_by_mmsi_.emplace(m, v.id());
}

std::string LeadNetworks::Render(const Lead& lead, size_t rank) const {
  std::vector<Node> nodes;
  std::unordered_map<std::string, size_t> pos;  // "kind:id" -> node
  std::vector<Edge> edges;
  std::set<std::tuple<size_t, size_t, std::string>> edge_seen;
  auto add = [&](const std::string& id, char kind, bool subject = false) -> size_t {
    if (id.empty()) return SIZE_MAX;
    std::string key = std::string(1, kind == 'l' ? 'e' : kind) + ":" + id;
    auto it = pos.find(key);
    if (it != pos.end()) {
      nodes[it->second].subject |= subject;
      return it->second;
    }
    if (nodes.size() >= kMaxNodes) return SIZE_MAX;
    pos[key] = nodes.size();
    nodes.push_back({id, kind, subject});
    return nodes.size() - 1;
  };
  auto edge = [&](size_t a, size_t b, const std::string& label, char style) {
    if (a == SIZE_MAX || b == SIZE_MAX || a == b) return;
    if (edge_seen.insert({a, b, label}).second) edges.push_back({a, b, label, style});
  };
  auto entity_node = [&](const std::string& ref, bool subject = false) -> size_t {
    std::string id = idx_.NodeId(ref);
    if (id.empty()) return SIZE_MAX;
    return add(id, idx_.FindEntity(id) ? 'e' : 'v', subject);
  };

  std::set<std::string> subject_ids;
  for (const auto& [k, v] : lead.subject) subject_ids.insert(v);
  // The lead's records and the parties and vessels they name.
  size_t n_decl = 0, n_pay = 0;
  for (const auto& d : lead.related_declarations) {
    if (n_decl++ >= kMaxRecords) break;
    size_t dn = add(d, 'd', subject_ids.count(d) > 0);
    if (const auto* parties = idx_.Parties(d))
      for (const PartyLink* p : *parties) edge(entity_node(p->entity_id), dn, p->role, 't');
    if (const Entity* de = idx_.FindDeclaration(d))
      if (de->Has("vessel_imo")) edge(dn, entity_node(de->First("vessel_imo")), "carried by", 't');
  }
  for (const auto& p : lead.related_payments) {
    if (n_pay++ >= kMaxRecords) break;
    size_t pn = add(p, 'p', subject_ids.count(p) > 0);
    if (const auto* parties = idx_.Parties(p))
      for (const PartyLink* pl : *parties) {
        size_t en = entity_node(pl->entity_id);
        if (pl->role == "payer")
          edge(en, pn, "payer", 't');
        else
          edge(pn, en, pl->role, 't');
      }
  }
  for (const auto& e : lead.related_entities) entity_node(e, subject_ids.count(e) > 0);
  for (const auto& v : lead.related_vessels) entity_node(v, subject_ids.count(v) > 0);
  // Neighbours of the lead's entities and vessels: list entries matched, registry links.
  size_t seeds = nodes.size();
  for (size_t i = 0; i < seeds; ++i) {
    if (nodes[i].kind != 'e' && nodes[i].kind != 'v') continue;
    const std::string id = nodes[i].id;
    if (const Entity* e = idx_.FindEntity(id))
      for (const auto& m : e->Values("sanctionsMatches")) {
        size_t mn = idx_.FindEntity(m) ? add(m, 'l') : SIZE_MAX;
        edge(i, mn, "list match", 'm');
      }
    auto it = links_.find(id);
    if (it == links_.end()) continue;
    for (const LinkEnd& le : it->second) {
      size_t on = idx_.FindEntity(le.other)   ? add(le.other, 'e')
                  : idx_.FindVessel(le.other) ? add(le.other, 'v')
                                              : SIZE_MAX;
      if (le.outgoing)
        edge(i, on, le.label, 'l');
      else
        edge(on, i, le.label, 'l');
    }
  }
  // Registry links among the neighbours added above, and AIS encounters between vessels.
  for (size_t i = seeds; i < nodes.size(); ++i) {
    auto it = links_.find(nodes[i].id);
    if (it == links_.end()) continue;
    for (const LinkEnd& le : it->second) {
      auto o = pos.find("e:" + le.other);
      if (o == pos.end()) o = pos.find("v:" + le.other);
      if (o != pos.end() && le.outgoing) edge(i, o->second, le.label, 'l');
    }
  }
  for (const AisEvent& ev : idx_.world().events) {
    if (ev.type != "encounter") continue;
    auto a = vessel_by_mmsi_.find(ev.mmsi), b = vessel_by_mmsi_.find(ev.other_mmsi);
    if (a == vessel_by_mmsi_.end() || b == vessel_by_mmsi_.end()) continue;
    auto na = pos.find("v:" + a->second), nb = pos.find("v:" + b->second);
    if (na != pos.end() && nb != pos.end())
      edge(na->second, nb->second, "encounter " + FormatIsoUtc(ev.start), 'e');
  }

  if (nodes.empty())
    return "<p class=\"note\">No entity, vessel or record of this lead to draw.</p>\n";

  std::vector<std::pair<double, double>> xy;
  Layout(nodes.size(), edges, &xy);

  std::string out;
  std::string marker = "arrow-" + std::to_string(rank);
  out += "<svg class=\"lead-network\" data-lead=\"" + std::to_string(rank) + "\" data-nodes=\"" +
         std::to_string(nodes.size()) + "\" data-edges=\"" + std::to_string(edges.size()) +
         "\" viewBox=\"0 0 " + Num(kW) + " " + Num(kH) + "\" width=\"" + Num(kW) + "\" height=\"" +
         Num(kH) + "\" role=\"img\" aria-label=\"network of lead " + std::to_string(rank) +
         "\">\n<defs><marker id=\"" + marker +
         "\" viewBox=\"0 0 10 10\" refX=\"19\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
         "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8a96a3\"/></marker></defs>\n";
  out += "<g class=\"edges\" stroke=\"#8a96a3\" stroke-width=\"1.2\">\n";
  for (const Edge& e : edges) {
    const auto& [x1, y1] = xy[e.a];
    const auto& [x2, y2] = xy[e.b];
    const char* extra = e.style == 't'   ? " stroke-dasharray=\"5 3\""
                        : e.style == 'm' ? " stroke=\"#d62728\" stroke-dasharray=\"1 3\""
                        : e.style == 'e' ? " stroke=\"#8e44ad\" stroke-width=\"2\""
                                         : "";
    out += "<line class=\"edge\" x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) +
           "\" y2=\"" + Num(y2) + "\"" + extra + " marker-end=\"url(#" + marker + ")\"><title>" +
           HtmlEscape(e.label) + "</title></line>\n";
  }
  out += "</g>\n<g class=\"nodes\" font-size=\"11\">\n";
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    const auto& [x, y] = xy[i];
    const Entity* any = n.kind == 'd'   ? idx_.FindDeclaration(n.id)
                        : n.kind == 'v' ? idx_.FindVessel(n.id)
                        : n.kind == 'p' ? nullptr
                                        : idx_.FindEntity(n.id);
    const SubjectScore* s = n.kind == 'd'   ? idx_.DeclarationScore(n.id)
                            : n.kind == 'v' ? (any ? idx_.VesselScore(*any) : nullptr)
                            : n.kind == 'p' ? nullptr
                                            : idx_.EntityScore(n.id);
    if (n.kind == 'p') {
      auto it = idx_.scores().payments.find(n.id);
      if (it != idx_.scores().payments.end()) s = &it->second;
    }
    bool listed = any && (n.kind == 'e' || n.kind == 'l' || n.kind == 'v') && IsListed(*any);
    bool flagged = s && s->score > 0;
    const char* fill = listed                           ? "#d62728"
                       : flagged                        ? "#ff9f43"
                       : n.kind == 'v'                  ? "#2e86de"
                       : n.kind == 'd' || n.kind == 'p' ? "#6c7a89"
                                                        : "#95a5a6";
    std::string name = n.kind == 'd'   ? "Declaration " + n.id
                       : n.kind == 'p' ? "Payment " + n.id
                       : any           ? any->Caption()
                                       : n.id;
    std::string tip = (any ? any->schema().name() + " " : std::string()) + name + " — " + n.id;
    if (listed) tip += " (listed)";
    if (flagged) tip += " score " + Fixed(Score4(s->score), 4);
    if (n.subject) tip += " (lead subject)";
    const char* kind_name = n.kind == 'd'   ? "declaration"
                            : n.kind == 'p' ? "payment"
                            : n.kind == 'v' ? "vessel"
                                            : "entity";
    out += "<g class=\"node\" data-kind=\"" + std::string(kind_name) + "\"><title>" +
           HtmlEscape(tip) + "</title>";
    std::string stroke = n.subject ? "#1d2330\" stroke-width=\"2.5" : "#fff\" stroke-width=\"1.5";
    if (n.kind == 'd' || n.kind == 'p') {
      out += "<rect x=\"" + Num(x - 6) + "\" y=\"" + Num(y - 6) +
             "\" width=\"12\" height=\"12\" fill=\"" + fill + "\" stroke=\"" + stroke + "\"" +
             (n.kind == 'p' ? " transform=\"rotate(45 " + Num(x) + " " + Num(y) + ")\"" : "") +
             "/>";
    } else {
      out += "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"" + (listed ? "9" : "7") +
             "\" fill=\"" + fill + "\" stroke=\"" + stroke + "\"/>";
    }
    out += "<text x=\"" + Num(x) + "\" y=\"" + Num(y + 19) + "\" text-anchor=\"middle\" fill=\"" +
           (listed ? "#a51d1e" : "#1d2330") + "\">" + HtmlEscape(Utf8Truncate(name, 26)) +
           "</text></g>\n";
  }
  out += "</g>\n</svg>\n";
  return out;
}

}  // namespace interdict::report
