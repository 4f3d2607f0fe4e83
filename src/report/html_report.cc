// report.html: one self-contained page (inline CSS and SVG, no scripts, no external
// resources) with summary counts, the top leads and their evidence, a map and a network
// picture (docs/formats/outputs.md). Every string taken from the data is escaped.
#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/strings.h"
#include "core/validate.h"
#include "interdict/env.h"
#include "report/report_internal.h"

namespace interdict::report {
namespace {

constexpr size_t kMaxRoutes = 300;       // declarations drawn on the map
constexpr size_t kMaxEvents = 2000;      // AIS events drawn on the map
constexpr size_t kMaxNetworkNodes = 60;  // nodes in the network picture
constexpr size_t kMaxRelatedShown = 20;  // related ids listed per lead

constexpr double kMapW = 1000, kMapH = 500;

const char kStyle[] = R"css(
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#1d2330;background:#f4f5f7}
header{background:#1d2330;color:#fff;padding:16px 28px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#b8c0cc;font-size:13px}
main{padding:16px 28px;max-width:1200px}
section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:14px 18px;margin:0 0 18px}
h2{font-size:18px;margin:0 0 10px}
h3{font-size:15px;margin:0 0 6px}
table{border-collapse:collapse;font-size:13px;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceef1;vertical-align:top}
th{background:#f0f2f5}
.counts td:last-child,.counts th:last-child{text-align:right}
.counts{width:auto;min-width:360px}
.lead{border-left:4px solid #c0392b;padding:8px 12px;margin:0 0 14px;background:#fcfcfd}
.lead.mid{border-left-color:#e67e22}.lead.low{border-left-color:#95a5a6}
.meta{font-size:12px;color:#5b6573;margin:2px 0 6px}
.bar{display:inline-block;width:120px;height:9px;background:#e5e8ec;border-radius:4px;vertical-align:middle;margin-right:6px}
.bar span{display:block;height:9px;border-radius:4px;background:#c0392b}
.code{font-family:Menlo,Consolas,monospace;font-size:12px;white-space:nowrap}
.ev{font-family:Menlo,Consolas,monospace;font-size:11px;color:#3b4654}
.related{font-size:12px;color:#3b4654;margin-top:6px}
.related b{color:#1d2330}
dl.decl{display:grid;grid-template-columns:max-content auto;gap:1px 10px;font-size:12px;margin:4px 0 6px}
dl.decl dt{color:#5b6573}dl.decl dd{margin:0}
svg{background:#fff;max-width:100%;height:auto}
.legend{font-size:12px;color:#3b4654}
.legend span{display:inline-block;width:10px;height:10px;border-radius:5px;margin:0 4px 0 12px;vertical-align:middle}
.note{font-size:12px;color:#5b6573}
)css";

std::string Num(double x, int dp = 1) { return Fixed(x, dp); }

double MapX(double lon) { return (lon + 180.0) / 360.0 * kMapW; }
double MapY(double lat) { return (90.0 - lat) / 180.0 * kMapH; }

struct LatLon {
  double lat = 0, lon = 0;
};

std::optional<LatLon> PortPosition(const Entity& port) {
  auto lat = ParseNumber(port.First("lat"));
  auto lon = ParseNumber(port.First("lon"));
  if (!lat || !lon || !std::isfinite(*lat) || !std::isfinite(*lon) || std::abs(*lat) > 90 ||
      std::abs(*lon) > 180)
    return std::nullopt;
  return LatLon{*lat, *lon};
}

const char* EventColor(const std::string& type) {
  if (type == "gap") return "#7f8c8d";
  if (type == "encounter") return "#8e44ad";
  if (type == "loitering") return "#d35400";
  if (type == "port_call") return "#16a085";
  if (type == "spoofing") return "#c0392b";
  if (type == "identity_change") return "#2c3e50";
  return "#34495e";
}

class HtmlReport {
 public:
  HtmlReport(const Index& idx, const std::vector<Finding>& findings)
      : idx_(idx), w_(idx.world()), s_(idx.scores()), findings_(findings) {
    top_ = OrderedLeads(s_);
    if (top_.size() > kHtmlTopLeads) top_.resize(kHtmlTopLeads);
  }

  std::string Render() {
    out_ +=
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>interdict report</title>\n<style>";
    out_ += kStyle;
    out_ += "</style>\n</head>\n<body>\n<header><h1>interdict report</h1><p>";
    out_ += std::to_string(s_.leads.size()) + " leads from " + std::to_string(findings_.size()) +
            " findings over " + std::to_string(w_.declarations.size()) +
            " declarations. Scores are the noisy-OR of the strongest finding per red-flag "
            "code.</p></header>\n<main>\n";
    Summary();
    Leads();
    Map();
    Network();
    out_ += "</main>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void Summary() {
    size_t listed = 0;
    for (const Entity& e : w_.entities) listed += IsListed(e) ? 1 : 0;
    size_t flagged_decl = 0;
    for (const auto& [id, s] : s_.declarations) flagged_decl += s.score > 0 ? 1 : 0;
    out_ += "<section id=\"summary\"><h2>Summary</h2>\n<table class=\"counts\">\n";
    auto row = [&](const std::string& what, size_t n) {
      out_ += "<tr><td>" + HtmlEscape(what) + "</td><td>" + std::to_string(n) + "</td></tr>\n";
    };
    row("Declarations", w_.declarations.size());
    row("Declarations with red flags", flagged_decl);
    row("Payments", w_.payments.size());
    row("Licences", w_.licenses.size());
    row("Ports", w_.ports.size());
    row("Entities", w_.entities.size());
    row("Entities on a sanctions list", listed);
    row("Vessels", w_.vessels.size());
    row("Ownership, directorship and other links", w_.links.size());
    row("Sanctions", w_.sanctions.size());
    row("AIS events", w_.events.size());
    row("Findings", findings_.size());
    row("Leads", s_.leads.size());
    out_ += "</table>\n";
    std::map<std::string, std::pair<size_t, std::set<std::string>>> by_code;
    for (const Finding& f : findings_) {
      auto& [n, subjects] = by_code[f.code];
      ++n;
      subjects.insert(std::string(SubjectKindName(f.subject_kind)) + ":" + f.subject_id);
    }
    if (!by_code.empty()) {
      out_ +=
          "<h3 style=\"margin-top:14px\">Red flags raised</h3>\n<table class=\"counts\">"
          "<tr><th>code</th><th>findings</th><th>subjects</th></tr>\n";
      for (const auto& [code, v] : by_code)
        out_ += "<tr><td class=\"code\">" + HtmlEscape(code) + "</td><td>" +
                std::to_string(v.first) + "</td><td>" + std::to_string(v.second.size()) +
                "</td></tr>\n";
      out_ += "</table>\n";
    }
    out_ += "</section>\n";
  }

  std::string EntityLabel(const std::string& id) const {
    if (const Entity* e = idx_.FindEntity(id)) {
      std::string s = e->Caption();
      if (e->Has("country")) s += " (" + e->First("country") + ")";
      if (IsListed(*e)) s += " [listed]";
      return s + " — " + id;
    }
    return id;
  }

  std::string VesselLabel(const std::string& imo) const {
    if (const Entity* v = idx_.FindVessel(imo)) return v->Caption() + " (IMO " + imo + ")";
    return "IMO " + imo;
  }

  void RelatedList(const char* what, const std::vector<std::string>& ids,
                   std::string (HtmlReport::*label)(const std::string&) const) {
    if (ids.empty()) return;
    out_ += "<div><b>" + HtmlEscape(what) + ":</b> ";
    for (size_t i = 0; i < ids.size() && i < kMaxRelatedShown; ++i) {
      if (i) out_ += "; ";
      out_ += HtmlEscape(label ? (this->*label)(ids[i]) : ids[i]);
    }
    if (ids.size() > kMaxRelatedShown)
      out_ += " … and " + std::to_string(ids.size() - kMaxRelatedShown) + " more";
    out_ += "</div>\n";
  }

  void DeclarationDetails(const Entity& d) {
    static const std::pair<const char*, const char*> kFields[] = {
        {"declaration_date", "date"},
        {"hs_code", "HS code"},
        {"goods_description", "goods"},
        {"exporter", "exporter"},
        {"importer", "importer"},
        {"consignee", "consignee"},
        {"end_user", "end user"},
        {"origin_country", "origin"},
        {"destination_country", "destination"},
        {"port_of_loading", "port of loading"},
        {"transshipment_ports", "transshipment"},
        {"port_of_discharge", "port of discharge"},
        {"vessel_imo", "vessel IMO"},
        {"vessel_name", "vessel"},
        {"invoice_value", "invoice value"},
        {"currency", "currency"},
        {"license_number", "licence"},
    };
    out_ += "<dl class=\"decl\">";
    for (const auto& [prop, label] : kFields) {
      const std::string& v = d.First(prop);
      if (v.empty()) continue;
      out_ +=
          std::string("<dt>") + label + "</dt><dd>" + HtmlEscape(Utf8Truncate(v, 160)) + "</dd>";
    }
    out_ += "</dl>\n";
  }

  void Leads() {
    out_ += "<section id=\"leads\"><h2>Top leads</h2>\n";
    if (top_.empty())
      out_ += "<p class=\"note\">No leads: no finding reached the lead threshold.</p>\n";
    if (s_.leads.size() > top_.size())
      out_ += "<p class=\"note\">Showing the top " + std::to_string(top_.size()) + " of " +
              std::to_string(s_.leads.size()) + " leads; every lead is in leads.jsonl.</p>\n";
    for (size_t i = 0; i < top_.size(); ++i) {
      const Lead& l = *top_[i];
      double score = Score4(l.score);
      const char* cls = score >= 0.7 ? "lead" : score >= 0.4 ? "lead mid" : "lead low";
      out_ += "<div class=\"" + std::string(cls) + "\" id=\"lead-" + std::to_string(i + 1) + "\">";
      out_ += "<h3>#" + std::to_string(i + 1) + " " + HtmlEscape(l.title) + "</h3>\n";
      out_ += "<div class=\"meta\"><span class=\"bar\"><span style=\"width:" + Num(score * 100, 1) +
              "%\"></span></span>score " + Fixed(score, 4) + " · " + HtmlEscape(l.kind) +
              " · lead " + HtmlEscape(l.lead_id);
      for (const auto& [k, v] : l.subject) out_ += " · " + HtmlEscape(k) + " " + HtmlEscape(v);
      out_ += "</div>\n";
      for (const auto& [k, v] : l.subject)
        if (k == "declaration_id")
          if (const Entity* d = idx_.FindDeclaration(v)) DeclarationDetails(*d);
      out_ +=
          "<table><tr><th>flag</th><th>score</th><th>explanation</th><th>evidence (source "
          "file · record id)</th></tr>\n";
      for (const ScoredFlag& f : l.flags) {
        out_ += "<tr><td class=\"code\">" + HtmlEscape(f.code) + "</td><td>" +
                Fixed(Score4(f.score), 4) + "</td><td>" + HtmlEscape(f.explanation) +
                "</td><td class=\"ev\">";
        for (size_t k = 0; k < f.evidence.size(); ++k) {
          if (k) out_ += "<br>";
          out_ += HtmlEscape(f.evidence[k].source) + " · " + HtmlEscape(f.evidence[k].record_id);
        }
        out_ += "</td></tr>\n";
      }
      out_ += "</table>\n<div class=\"related\">\n";
      RelatedList("Declarations", l.related_declarations, nullptr);
      RelatedList("Vessels", l.related_vessels, &HtmlReport::VesselLabel);
      RelatedList("Entities", l.related_entities, &HtmlReport::EntityLabel);
      RelatedList("Payments", l.related_payments, nullptr);
      out_ += "</div></div>\n";
    }
    out_ += "</section>\n";
  }

  void Map() {
    out_ +=
        "<section id=\"map\"><h2>Map</h2>\n<p class=\"legend\">Routes of the top leads' "
        "declarations (port of loading → transshipment → discharge) and AIS events."
        "<span style=\"background:#27ae60\"></span>loading"
        "<span style=\"background:#e67e22\"></span>transshipment"
        "<span style=\"background:#c0392b\"></span>discharge"
        "<span style=\"background:#8e44ad\"></span>AIS event</p>\n";
    out_ += "<svg viewBox=\"0 0 " + Num(kMapW, 0) + " " + Num(kMapH, 0) + "\" width=\"" +
            Num(kMapW, 0) + "\" height=\"" + Num(kMapH, 0) +
            "\" role=\"img\" aria-label=\"map\">\n";
    out_ += "<rect x=\"0\" y=\"0\" width=\"" + Num(kMapW, 0) + "\" height=\"" + Num(kMapH, 0) +
            "\" fill=\"#eaf2f8\"/>\n<g stroke=\"#c5d5e4\" stroke-width=\"0.6\">\n";
    for (int lon = -180; lon <= 180; lon += 30)
      out_ += "<line x1=\"" + Num(MapX(lon)) + "\" y1=\"0\" x2=\"" + Num(MapX(lon)) + "\" y2=\"" +
              Num(kMapH, 0) + "\"/>\n";
    for (int lat = -90; lat <= 90; lat += 30)
      out_ += "<line x1=\"0\" y1=\"" + Num(MapY(lat)) + "\" x2=\"" + Num(kMapW, 0) + "\" y2=\"" +
              Num(MapY(lat)) + "\"" + (lat == 0 ? " stroke=\"#8fa9c2\"" : "") + "/>\n";
    out_ += "</g>\n<g font-size=\"9\" fill=\"#7f93a8\">\n";
    for (int lon = -150; lon <= 150; lon += 30)
      out_ += "<text x=\"" + Num(MapX(lon) + 2) + "\" y=\"" + Num(kMapH - 3, 0) + "\">" +
              std::to_string(lon) + "°</text>\n";
    for (int lat = -60; lat <= 60; lat += 30)
      out_ +=
          "<text x=\"2\" y=\"" + Num(MapY(lat) - 2) + "\">" + std::to_string(lat) + "°</text>\n";
    out_ += "</g>\n";

    // Declarations of the top leads, in lead order.
    std::vector<const Entity*> decls;
    std::unordered_set<std::string> seen;
    for (const Lead* l : top_)
      for (const auto& id : l->related_declarations)
        if (decls.size() < kMaxRoutes && seen.insert(id).second)
          if (const Entity* d = idx_.FindDeclaration(id)) decls.push_back(d);

    // port id -> (position, role bits, declaration ids)
    struct PortMark {
      const Entity* port;
      LatLon pos;
      int roles = 0;  // 1 loading, 2 transshipment, 4 discharge
      std::vector<std::string> decls;
    };
    std::map<std::string, PortMark> marks;
    std::set<std::string> missing;
    std::string routes;
    for (const Entity* d : decls) {
      std::vector<std::pair<std::string, int>> stops;
      stops.push_back({d->First("port_of_loading"), 1});
      for (const auto& t : Split(d->First("transshipment_ports"), ';')) stops.push_back({t, 2});
      stops.push_back({d->First("port_of_discharge"), 4});
      std::string points;
      size_t n_points = 0;
      for (const auto& [code, role] : stops) {
        if (code.empty()) continue;
        const Entity* port = idx_.FindPort(code);
        std::optional<LatLon> pos = port ? PortPosition(*port) : std::nullopt;
        if (!pos) {
          missing.insert(code);
          continue;
        }
        PortMark& m = marks.try_emplace(port->id(), PortMark{port, *pos, 0, {}}).first->second;
        m.roles |= role;
        if (m.decls.size() < 8 &&
            std::find(m.decls.begin(), m.decls.end(), d->id()) == m.decls.end())
          m.decls.push_back(d->id());
        points += (points.empty() ? "" : " ") + Num(MapX(pos->lon)) + "," + Num(MapY(pos->lat));
        ++n_points;
      }
      if (n_points >= 2)
        routes += "<polyline points=\"" + points + "\"><title>" +
                  HtmlEscape("Declaration " + d->id()) + "</title></polyline>\n";
    }
    out_ += "<g fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.2\" stroke-opacity=\"0.55\">\n" +
            routes + "</g>\n";

    // AIS events: those of the top leads' vessels first.
    std::unordered_set<std::string> lead_imos, lead_mmsis;
    for (const Lead* l : top_)
      for (const auto& imo : l->related_vessels) {
        lead_imos.insert(NormalizeImo(imo));
        if (const Entity* v = idx_.FindVessel(imo))
          for (const auto& m : v->Values("mmsi")) lead_mmsis.insert(m);
      }
    std::vector<const AisEvent*> events;
    for (int pass = 0; pass < 2 && events.size() < kMaxEvents; ++pass)
      for (const AisEvent& ev : w_.events) {
        if (events.size() >= kMaxEvents) break;
        bool of_lead = lead_imos.count(NormalizeImo(ev.imo)) || lead_mmsis.count(ev.mmsi) ||
                       lead_mmsis.count(ev.other_mmsi);
        if ((pass == 0) != of_lead) continue;
        if (!std::isfinite(ev.lat) || !std::isfinite(ev.lon) || std::abs(ev.lat) > 90 ||
            std::abs(ev.lon) > 180)
          continue;
        events.push_back(&ev);
      }
    out_ += "<g stroke=\"#fff\" stroke-width=\"0.5\">\n";
    for (const AisEvent* ev : events) {
      std::string tip = ev->type + " MMSI " + ev->mmsi;
      if (!ev->other_mmsi.empty()) tip += " with " + ev->other_mmsi;
      if (!ev->imo.empty()) tip += " IMO " + ev->imo;
      tip += " " + FormatIsoUtc(ev->start) + " – " + FormatIsoUtc(ev->end);
      out_ += "<circle cx=\"" + Num(MapX(ev->lon)) + "\" cy=\"" + Num(MapY(ev->lat)) +
              "\" r=\"3\" fill=\"" + EventColor(ev->type) + "\"><title>" + HtmlEscape(tip) +
              "</title></circle>\n";
    }
    out_ += "</g>\n<g font-size=\"10\" fill=\"#1d2330\">\n";
    for (const auto& [id, m] : marks) {
      const char* color = (m.roles & 2) ? "#e67e22" : (m.roles & 4) ? "#c0392b" : "#27ae60";
      std::string locode = m.port->First("locode").empty() ? id : m.port->First("locode");
      std::string tip = locode + " " + m.port->First("name") + " (" + m.port->First("country") +
                        "): " + Join(m.decls, ", ");
      double x = MapX(m.pos.lon), y = MapY(m.pos.lat);
      out_ += "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"4.5\" fill=\"" + color +
              "\" stroke=\"#fff\" stroke-width=\"1\"><title>" + HtmlEscape(tip) +
              "</title></circle>\n";
      out_ += "<text x=\"" + Num(x + 6) + "\" y=\"" + Num(y - 4) + "\">" +
              HtmlEscape(Utf8Truncate(locode, 12)) + "</text>\n";
    }
    out_ += "</g>\n</svg>\n";
    out_ += "<p class=\"note\">" + std::to_string(decls.size()) + " declarations, " +
            std::to_string(marks.size()) + " ports and " + std::to_string(events.size()) + " of " +
            std::to_string(w_.events.size()) + " AIS events plotted.";
    if (!missing.empty()) {
      std::vector<std::string> v(missing.begin(), missing.end());
      if (v.size() > 20) v.resize(20);
      out_ += " Ports without coordinates in the port list: " + HtmlEscape(Join(v, ", ")) +
              (missing.size() > 20 ? " …" : "") + ".";
    }
    out_ += "</p>\n</section>\n";
  }

  void Network() {
    out_ +=
        "<section id=\"network\"><h2>Network of the top leads</h2>\n<p class=\"legend\">"
        "Parties and vessels of the top leads with their ownership, directorship and trade "
        "links."
        "<span style=\"background:#d62728\"></span>listed"
        "<span style=\"background:#ff9f43\"></span>flagged"
        "<span style=\"background:#2e86de\"></span>vessel"
        "<span style=\"background:#95a5a6\"></span>other</p>\n";
    // Nodes: related entities and vessels of the top leads (lead order), then the other
    // ends of their links, up to kMaxNetworkNodes.
    std::vector<std::string> nodes;
    std::unordered_map<std::string, size_t> pos;
    auto add = [&](const std::string& id) {
      if (id.empty() || pos.count(id) || nodes.size() >= kMaxNetworkNodes) return;
      pos[id] = nodes.size();
      nodes.push_back(id);
    };
    for (const Lead* l : top_) {
      for (const auto& e : l->related_entities) add(idx_.NodeId(e).empty() ? e : idx_.NodeId(e));
      for (const auto& v : l->related_vessels)
        if (const Entity* ve = idx_.FindVessel(v)) add(ve->id());
    }
    struct Edge {
      std::string a, b, label;
      char style = 'l';  // l: registry link, t: trade between parties, m: sanctions match
    };
    std::vector<Edge> edges;
    // A party that matched a list entry is drawn next to that entry.
    for (size_t i = 0, n = nodes.size(); i < n; ++i)
      if (const Entity* e = idx_.FindEntity(nodes[i]))
        for (const auto& m : e->Values("sanctionsMatches")) {
          add(m);
          if (pos.count(m)) edges.push_back({nodes[i], m, "sanctions list match", 'm'});
        }
    std::vector<Edge> link_edges;
    for (const Entity& l : w_.links) {
      auto props = EdgeProps(l, idx_);
      if (!props) continue;
      for (const auto& a : l.Values(props->first))
        for (const auto& b : l.Values(props->second)) {
          std::string na = idx_.NodeId(a).empty() ? a : idx_.NodeId(a);
          std::string nb = idx_.NodeId(b).empty() ? b : idx_.NodeId(b);
          std::string label = l.schema().name();
          if (l.Has("percentage")) label += " " + l.First("percentage") + "%";
          link_edges.push_back({na, nb, label, 'l'});
        }
    }
    size_t seeds = nodes.size();
    for (const Edge& e : link_edges) {
      bool has_a = pos.count(e.a) && pos[e.a] < seeds, has_b = pos.count(e.b) && pos[e.b] < seeds;
      if (has_a) add(e.b);
      if (has_b) add(e.a);
    }
    for (const Edge& e : link_edges)
      if (pos.count(e.a) && pos.count(e.b)) edges.push_back(e);
    std::set<std::tuple<std::string, std::string, std::string>> trade;
    for (const Lead* l : top_)
      for (const auto& d : l->related_declarations)
        if (const auto* parties = idx_.Parties(d))
          for (const PartyEdge& pe : PartyEdgesOf(d, *parties, false))
            if (pos.count(pe.source) && pos.count(pe.target))
              trade.insert({pe.source, pe.target, pe.label});
    for (const auto& [a, b, label] : trade) edges.push_back({a, b, label, 't'});

    if (nodes.empty()) {
      out_ += "<p class=\"note\">No entities are related to the top leads.</p>\n</section>\n";
      return;
    }
    const double kW = 960, kH = 680, cx = kW / 2, cy = kH / 2;
    const double r = nodes.size() == 1 ? 0 : 230;
    std::vector<std::pair<double, double>> xy(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
      double a = 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(nodes.size()) -
                 std::numbers::pi / 2;
      xy[i] = {cx + r * std::cos(a), cy + r * std::sin(a)};
    }
    out_ +=
        "<svg viewBox=\"0 0 960 680\" width=\"960\" height=\"680\" role=\"img\" "
        "aria-label=\"network\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" "
        "refX=\"18\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
        "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8a96a3\"/></marker></defs>\n";
    out_ += "<g stroke=\"#8a96a3\" stroke-width=\"1\" marker-end=\"url(#arrow)\">\n";
    for (const Edge& e : edges) {
      const auto& [x1, y1] = xy[pos[e.a]];
      const auto& [x2, y2] = xy[pos[e.b]];
      out_ += "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" +
              Num(y2) + "\"" +
              (e.style == 't'   ? " stroke-dasharray=\"4 3\""
               : e.style == 'm' ? " stroke=\"#d62728\" stroke-dasharray=\"1 3\""
                                : "") +
              "><title>" + HtmlEscape(e.label) + "</title></line>\n";
    }
    out_ += "</g>\n<g font-size=\"11\">\n";
    for (size_t i = 0; i < nodes.size(); ++i) {
      const std::string& id = nodes[i];
      const Entity* e = idx_.FindEntity(id);
      const Entity* v = e ? nullptr : idx_.FindVessel(id);
      const Entity* any = e ? e : v;
      const SubjectScore* s = e ? idx_.EntityScore(id) : v ? idx_.VesselScore(*v) : nullptr;
      bool listed = any && IsListed(*any);
      const char* fill = listed                ? "#d62728"
                         : (s && s->score > 0) ? "#ff9f43"
                         : v                   ? "#2e86de"
                                               : "#95a5a6";
      std::string name = any ? any->Caption() : id;
      std::string tip = (any ? any->schema().name() + " " : std::string()) + name + " — " + id;
      if (listed) tip += " (listed)";
      if (s && s->score > 0) tip += " score " + Fixed(Score4(s->score), 4);
      const auto& [x, y] = xy[i];
      out_ += "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"" + (listed ? "9" : "7") +
              "\" fill=\"" + fill + "\" stroke=\"#fff\" stroke-width=\"1.5\"><title>" +
              HtmlEscape(tip) + "</title></circle>\n";
      double dx = x - cx, dy = y - cy, len = std::hypot(dx, dy);
      double lx = len > 0 ? x + dx / len * 12 : x + 12,
             ly = len > 0 ? y + dy / len * 12 + 4 : y + 4;
      const char* anchor = len > 0 && dx < -1 ? "end" : "start";
      out_ += "<text x=\"" + Num(lx) + "\" y=\"" + Num(ly) + "\" text-anchor=\"" + anchor +
              "\" fill=\"" + (listed ? "#a51d1e" : "#1d2330") + "\">" +
              HtmlEscape(Utf8Truncate(name, 28)) + "</text>\n";
    }
    out_ += "</g>\n</svg>\n<p class=\"note\">" + std::to_string(nodes.size()) + " nodes, " +
            std::to_string(edges.size()) +
            " edges (solid: registry links, dashed: trade between declaration parties, red dotted: "
            "sanctions list match). The "
            "whole network is in network.graphml.</p>\n</section>\n";
  }

  const Index& idx_;
  const World& w_;
  const Scores& s_;
  const std::vector<Finding>& findings_;
  std::vector<const Lead*> top_;
  std::string out_;
};

}  // namespace

std::string RenderHtmlReport(const Index& idx, const std::vector<Finding>& findings) {
  return HtmlReport(idx, findings).Render();
}

}  // namespace interdict::report
