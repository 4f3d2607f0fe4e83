// report.html: one self-contained page (inline CSS and SVG, no scripts, no external
// resources) with summary counts, the top leads with their evidence and network, a map of
// routes, AIS tracks and events over Natural Earth land, and the ingest statistics with the
// quarantined records (docs/formats/outputs.md). Every string taken from the data is escaped.
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
#include "interdict/tracks.h"
#include "report/report_internal.h"

namespace interdict::report {
namespace {

constexpr size_t kMaxRoutes = 300;               // declarations drawn on the map
constexpr size_t kMaxEvents = 2000;              // AIS events drawn on the map
constexpr size_t kMaxTracks = 40;                // AIS tracks drawn on the map
constexpr size_t kMaxTrackPoints = 600;          // positions per track (downsampled beyond)
constexpr double kTrackGapHours = 6;             // longer silences are drawn dashed
constexpr size_t kMaxRelatedShown = 20;          // related ids listed per lead
constexpr size_t kMaxQuarantineRows = 500;       // quarantined records listed
constexpr size_t kNetworkLeads = kHtmlTopLeads;  // leads that get a network picture

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
details.net{margin-top:8px}details.net summary{cursor:pointer;font-size:13px;color:#3b4654}
table.quarantine td,table.ingest td{font-size:12px}
)css";

std::string Num(double x, int dp = 1) { return Fixed(x, dp); }

struct LatLon {
  double lat = 0, lon = 0;
};

// Equirectangular projection with the standard parallel at the view's middle latitude,
// fitted to the points of interest (with a margin) or the whole world when there are none;
// 1000 px wide, height from the view's aspect (kept between 0.45 and 0.8 of the width).
struct MapView {
  double lon0 = -180, lon1 = 180, lat0 = -60, lat1 = 85;
  double w = 1000, h = 500, k = 1;  // k: cos(standard parallel)

  explicit MapView(const std::vector<LatLon>& pts) {
    if (!pts.empty()) {
      double a0 = 1e9, a1 = -1e9, b0 = 1e9, b1 = -1e9;
      for (const LatLon& p : pts) {
        a0 = std::min(a0, p.lon), a1 = std::max(a1, p.lon);
        b0 = std::min(b0, p.lat), b1 = std::max(b1, p.lat);
      }
      double dlon = std::max(10.0, (a1 - a0) * 1.3), dlat = std::max(6.0, (b1 - b0) * 1.3);
      double clat = (b0 + b1) / 2, clon = (a0 + a1) / 2;
      k = std::cos(std::clamp(clat, -70.0, 70.0) * std::numbers::pi / 180);
      double aspect = dlat / (dlon * k);
      if (aspect > 0.8) dlon = dlat / (0.8 * k);
      if (aspect < 0.45) dlat = 0.45 * dlon * k;
      if (dlon >= 300 || dlat >= 150) {
        k = 1;  // as good as the world
      } else {
        lon0 = clon - dlon / 2, lon1 = clon + dlon / 2;
        lat0 = clat - dlat / 2, lat1 = clat + dlat / 2;
        // Shift (not shrink) a view that runs over the poles' cut-off or the antimeridian.
        if (lat1 > 85) lat0 -= lat1 - 85, lat1 = 85;
        if (lat0 < -85) lat1 += -85 - lat0, lat0 = -85;
        if (lon1 > 180) lon0 -= lon1 - 180, lon1 = 180;
        if (lon0 < -180) lon1 += -180 - lon0, lon0 = -180;
      }
    }
    h = std::round(w * (lat1 - lat0) / ((lon1 - lon0) * k));
  }
  double X(double lon) const { return (lon - lon0) / (lon1 - lon0) * w; }
  double Y(double lat) const { return (lat1 - lat) / (lat1 - lat0) * h; }
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
  HtmlReport(const Index& idx, const std::vector<Finding>& findings, const IngestOverview* ingest)
      : idx_(idx), w_(idx.world()), s_(idx.scores()), findings_(findings), ingest_(ingest) {
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
    Ingest();
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
    out_ +=
        "<p class=\"legend\">Networks: <span style=\"background:#d62728\"></span>listed"
        "<span style=\"background:#ff9f43\"></span>flagged"
        "<span style=\"background:#2e86de\"></span>vessel"
        "<span style=\"background:#95a5a6\"></span>other entity"
        "<span style=\"background:#6c7a89;border-radius:0\"></span>declaration / payment "
        "(diamond). Solid lines: registry links (ownership with its share, directorships); "
        "dashed: parties and vessel of a record; red dotted: sanctions list match; purple: "
        "AIS encounter. Dark outline: the lead's subject. The whole network is in "
        "network.graphml.</p>\n";
    LeadNetworks networks(idx_);
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
      out_ += "</div>\n";
      if (i < kNetworkLeads) {
        out_ += "<details class=\"net\" open><summary>Network</summary>\n" +
                networks.Render(l, i + 1) + "</details>\n";
      }
      out_ += "</div>\n";
    }
    out_ += "</section>\n";
  }

  void Map() {
    // What is relevant: the top leads' declarations (routes between ports), their vessels'
    // AIS tracks and the AIS events, those of the top leads' vessels first.
    std::vector<const Entity*> decls;
    std::unordered_set<std::string> seen;
    for (const Lead* l : top_)
      for (const auto& id : l->related_declarations)
        if (decls.size() < kMaxRoutes && seen.insert(id).second)
          if (const Entity* d = idx_.FindDeclaration(id)) decls.push_back(d);
    std::unordered_set<std::string> lead_imos, lead_mmsis;
    for (const Lead* l : top_)
      for (const auto& imo : l->related_vessels) {
        lead_imos.insert(NormalizeImo(imo));
        if (const Entity* v = idx_.FindVessel(imo))
          for (const auto& m : v->Values("mmsi")) lead_mmsis.insert(m);
      }
    std::vector<const AisEvent*> events;
    size_t lead_events = 0;
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
        lead_events += of_lead ? 1 : 0;
      }
    // Tracks: the lead vessels' MMSIs, and the vessels they met.
    std::vector<const ais::Track*> tracks;
    if (w_.tracks) {
      std::set<std::string> mmsis(lead_mmsis.begin(), lead_mmsis.end());
      for (size_t i = 0; i < lead_events; ++i)
        if (!events[i]->other_mmsi.empty()) mmsis.insert(events[i]->other_mmsi);
      for (const auto& m : mmsis) {
        if (tracks.size() >= kMaxTracks) break;
        auto mmsi = ParseNumber(m);
        if (!mmsi || *mmsi <= 0 || *mmsi > 999999999) continue;
        if (const ais::Track* t = w_.tracks->Find(static_cast<uint32_t>(*mmsi)))
          if (!t->empty()) tracks.push_back(t);
      }
    }

    // Port marks of the declarations' routes.
    struct PortMark {
      const Entity* port;
      LatLon pos;
      int roles = 0;  // 1 loading, 2 transshipment, 4 discharge
      std::vector<std::string> decls;
    };
    std::map<std::string, PortMark> marks;
    std::set<std::string> missing;
    std::vector<std::pair<const Entity*, std::vector<LatLon>>> routes;
    for (const Entity* d : decls) {
      std::vector<std::pair<std::string, int>> stops;
      stops.push_back({d->First("port_of_loading"), 1});
      for (const auto& t : Split(d->First("transshipment_ports"), ';')) stops.push_back({t, 2});
      stops.push_back({d->First("port_of_discharge"), 4});
      std::vector<LatLon> points;
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
        points.push_back(*pos);
      }
      if (points.size() >= 2) routes.push_back({d, std::move(points)});
    }

    // The view: fitted to the ports, tracks and lead events; the world when none.
    std::vector<LatLon> fit;
    for (const auto& [id, m] : marks) fit.push_back(m.pos);
    for (size_t i = 0; i < lead_events; ++i) fit.push_back({events[i]->lat, events[i]->lon});
    for (const ais::Track* t : tracks)
      for (size_t i = 0; i < t->size(); i += std::max<size_t>(1, t->size() / 200))
        fit.push_back({t->lat(i), t->lon(i)});
    const MapView view(fit);

    const auto& land = NaturalEarthLand();
    out_ +=
        "<section id=\"map\"><h2>Map</h2>\n<p class=\"legend\">Routes of the top leads' "
        "declarations (port of loading → transshipment → discharge), AIS tracks of their vessels "
        "(dashed: no position for more than " +
        Num(kTrackGapHours, 0) +
        " h) and AIS events."
        "<span style=\"background:#27ae60\"></span>loading"
        "<span style=\"background:#e67e22\"></span>transshipment"
        "<span style=\"background:#c0392b\"></span>discharge"
        "<span style=\"background:#1f6fb2\"></span>AIS track"
        "<span style=\"background:#8e44ad\"></span>encounter"
        "<span style=\"background:#7f8c8d\"></span>gap"
        "<span style=\"background:#c0392b\"></span>spoofing</p>\n";
    out_ += "<svg id=\"map-svg\" data-land=\"" +
            std::string(land.empty() ? "none" : "natural-earth") + "\" viewBox=\"0 0 " +
            Num(view.w, 0) + " " + Num(view.h, 0) + "\" width=\"" + Num(view.w, 0) +
            "\" height=\"" + Num(view.h, 0) + "\" role=\"img\" aria-label=\"map\">\n";
    out_ += "<defs><clipPath id=\"map-clip\"><rect x=\"0\" y=\"0\" width=\"" + Num(view.w, 0) +
            "\" height=\"" + Num(view.h, 0) + "\"/></clipPath></defs>\n";
    out_ += "<rect x=\"0\" y=\"0\" width=\"" + Num(view.w, 0) + "\" height=\"" + Num(view.h, 0) +
            "\" fill=\"#eaf2f8\"/>\n<g clip-path=\"url(#map-clip)\">\n";
    // Land (Natural Earth 1:110m), polygons that touch the view.
    if (!land.empty()) {
      out_ +=
          "<g class=\"land-layer\" fill=\"#f3efe6\" stroke=\"#b9b09a\" stroke-width=\"0.6\" "
          "fill-rule=\"evenodd\">\n";
      for (const LandPolygon& p : land) {
        if (p.lon_max < view.lon0 || p.lon_min > view.lon1 || p.lat_max < view.lat0 ||
            p.lat_min > view.lat1)
          continue;
        std::string d;
        for (const Ring& r : p.rings) {
          double px = NAN, py = NAN;
          size_t n = 0;
          for (size_t i = 0; i < r.size(); ++i) {
            double x = view.X(r[i].first), y = view.Y(r[i].second);
            // An edge across the antimeridian (Fiji, Chukotka) would cross the whole map:
            // run to the map edge on this side and start a new subpath on the other.
            if (n > 0 && std::abs(r[i].first - r[i - 1].first) > 180) {
              double side = r[i - 1].first > 0 ? 180 : -180;
              d += "L" + Num(view.X(side)) + "," + Num(view.Y(r[i - 1].second)) + "M" +
                   Num(view.X(-side)) + "," + Num(y);
            }
            // Points closer than half a pixel to the previous one add nothing.
            if (n > 0 && i + 1 < r.size() && std::abs(x - px) < 0.5 && std::abs(y - py) < 0.5)
              continue;
            d += (n++ == 0 ? "M" : "L") + Num(x) + "," + Num(y);
            px = x, py = y;
          }
          if (n >= 3) d += "Z";
        }
        if (!d.empty()) out_ += "<path class=\"land\" d=\"" + d + "\"/>\n";
      }
      out_ += "</g>\n";
    }
    // Graticule.
    double span = view.lon1 - view.lon0;
    int step = span > 120 ? 30 : span > 40 ? 10 : span > 15 ? 5 : 2;
    out_ += "<g class=\"graticule\" stroke=\"#c5d5e4\" stroke-width=\"0.5\" fill=\"none\">\n";
    for (int lon = -180; lon <= 180; lon += step)
      if (lon >= view.lon0 && lon <= view.lon1)
        out_ += "<line x1=\"" + Num(view.X(lon)) + "\" y1=\"0\" x2=\"" + Num(view.X(lon)) +
                "\" y2=\"" + Num(view.h, 0) + "\"/>\n";
    for (int lat = -90; lat <= 90; lat += step)
      if (lat >= view.lat0 && lat <= view.lat1)
        out_ += "<line x1=\"0\" y1=\"" + Num(view.Y(lat)) + "\" x2=\"" + Num(view.w, 0) +
                "\" y2=\"" + Num(view.Y(lat)) + "\"/>\n";
    out_ += "</g>\n<g font-size=\"9\" fill=\"#7f93a8\">\n";
    for (int lon = -180; lon <= 180; lon += step)
      if (lon > view.lon0 && lon < view.lon1)
        out_ += "<text x=\"" + Num(view.X(lon) + 2) + "\" y=\"" + Num(view.h - 3, 0) + "\">" +
                std::to_string(lon) + "°</text>\n";
    for (int lat = -90; lat <= 90; lat += step)
      if (lat > view.lat0 && lat < view.lat1)
        out_ += "<text x=\"2\" y=\"" + Num(view.Y(lat) - 2) + "\">" + std::to_string(lat) +
                "°</text>\n";
    out_ += "</g>\n";

    // Declaration routes.
    out_ +=
        "<g class=\"routes\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.2\" "
        "stroke-opacity=\"0.55\">\n";
    for (const auto& [d, pts] : routes) {
      std::string points;
      for (const LatLon& p : pts)
        points += (points.empty() ? "" : " ") + Num(view.X(p.lon)) + "," + Num(view.Y(p.lat));
      out_ += "<polyline class=\"route\" points=\"" + points + "\"><title>" +
              HtmlEscape("Declaration " + d->id()) + "</title></polyline>\n";
    }
    out_ += "</g>\n";

    // AIS tracks: solid runs of positions, dashed across gaps, broken at the antimeridian.
    size_t track_points = 0;
    out_ += "<g class=\"tracks\" fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"1.3\">\n";
    for (const ais::Track* t : tracks) {
      size_t stride = std::max<size_t>(1, (t->size() + kMaxTrackPoints - 1) / kMaxTrackPoints);
      std::string name;
      if (const auto* si = t->StaticAt(t->time_ms(t->size() - 1)))
        name = std::string(Trim(si->data.name));
      std::string tip = "AIS track MMSI " + std::to_string(t->mmsi()) +
                        (name.empty() ? "" : " " + name) + " " +
                        FormatIsoUtc(t->time_ms(0) / 1000) + " – " +
                        FormatIsoUtc(t->time_ms(t->size() - 1) / 1000);
      std::string runs, gaps;
      std::string run;
      size_t run_n = 0;
      auto flush = [&] {
        if (run_n >= 2) runs += "<polyline class=\"track\" points=\"" + run + "\"/>";
        run.clear();
        run_n = 0;
      };
      size_t prev = SIZE_MAX;
      for (size_t i = 0; i < t->size(); ++i) {
        bool gap_next =
            i + 1 < t->size() && t->time_ms(i + 1) - t->time_ms(i) > kTrackGapHours * 3600 * 1000;
        bool gap_prev =
            prev != SIZE_MAX && t->time_ms(i) - t->time_ms(prev) > kTrackGapHours * 3600 * 1000;
        // Downsample, but keep both ends of every gap and the last fix.
        if (i % stride != 0 && !gap_next && !gap_prev && i + 1 != t->size()) continue;
        double x = view.X(t->lon(i)), y = view.Y(t->lat(i));
        if (prev != SIZE_MAX) {
          bool wrap = std::abs(t->lon(i) - t->lon(prev)) > 180;
          if (gap_prev || wrap) {
            flush();
            if (gap_prev && !wrap)
              gaps += "<line class=\"track-gap\" x1=\"" + Num(view.X(t->lon(prev))) + "\" y1=\"" +
                      Num(view.Y(t->lat(prev))) + "\" x2=\"" + Num(x) + "\" y2=\"" + Num(y) +
                      "\"/>";
          }
        }
        run += (run_n++ ? " " : "") + Num(x) + "," + Num(y);
        ++track_points;
        prev = i;
      }
      flush();
      out_ +=
          "<g data-mmsi=\"" + std::to_string(t->mmsi()) + "\"><title>" + HtmlEscape(tip) +
          "</title>" + runs +
          (gaps.empty() ? ""
                        : "<g stroke-dasharray=\"4 3\" stroke-opacity=\"0.8\">" + gaps + "</g>") +
          "</g>\n";
    }
    out_ += "</g>\n";

    // AIS events.
    out_ += "<g class=\"events\" stroke=\"#fff\" stroke-width=\"0.6\">\n";
    size_t events_drawn = 0;
    for (const AisEvent* ev : events) {
      if (ev->lon < view.lon0 || ev->lon > view.lon1 || ev->lat < view.lat0 || ev->lat > view.lat1)
        continue;
      ++events_drawn;
      std::string tip = ev->type + " MMSI " + ev->mmsi;
      if (!ev->other_mmsi.empty()) tip += " with " + ev->other_mmsi;
      if (!ev->imo.empty()) tip += " IMO " + ev->imo;
      tip += " " + FormatIsoUtc(ev->start) + " – " + FormatIsoUtc(ev->end);
      for (const auto& [k, v] : ev->details) tip += "; " + k + " " + v;
      out_ += "<circle class=\"event\" data-type=\"" + HtmlEscape(ev->type) + "\" cx=\"" +
              Num(view.X(ev->lon)) + "\" cy=\"" + Num(view.Y(ev->lat)) + "\" r=\"4\" fill=\"" +
              EventColor(ev->type) + "\"><title>" + HtmlEscape(tip) + "</title></circle>\n";
    }
    out_ += "</g>\n<g class=\"ports\" font-size=\"10\" fill=\"#1d2330\">\n";
    for (const auto& [id, m] : marks) {
      const char* color = (m.roles & 2) ? "#e67e22" : (m.roles & 4) ? "#c0392b" : "#27ae60";
      std::string locode = m.port->First("locode").empty() ? id : m.port->First("locode");
      std::string tip = locode + " " + m.port->First("name") + " (" + m.port->First("country") +
                        "): " + Join(m.decls, ", ");
      double x = view.X(m.pos.lon), y = view.Y(m.pos.lat);
      out_ += "<circle class=\"port\" cx=\"" + Num(x) + "\" cy=\"" + Num(y) +
              "\" r=\"4.5\" fill=\"" + color + "\" stroke=\"#fff\" stroke-width=\"1\"><title>" +
              HtmlEscape(tip) + "</title></circle>\n";
      out_ += "<text x=\"" + Num(x + 6) + "\" y=\"" + Num(y - 4) + "\">" +
              HtmlEscape(Utf8Truncate(locode, 12)) + "</text>\n";
    }
    out_ += "</g>\n</g>\n";
    if (land.empty())
      out_ +=
          "<text x=\"8\" y=\"16\" font-size=\"12\" fill=\"#5b6573\">Coastlines not embedded "
          "(built without web/node_modules/world-atlas): graticule only</text>\n";
    out_ += "</svg>\n<p class=\"note\">" + std::to_string(routes.size()) + " declaration routes, " +
            std::to_string(marks.size()) + " ports, " + std::to_string(tracks.size()) +
            " AIS tracks (" + std::to_string(track_points) + " positions drawn) and " +
            std::to_string(events_drawn) + " of " + std::to_string(w_.events.size()) +
            " AIS events plotted; view " + Num(view.lat0) + "°…" + Num(view.lat1) + "° N, " +
            Num(view.lon0) + "°…" + Num(view.lon1) + "° E, equirectangular.";
    out_ += land.empty() ? " Coastlines were not embedded in this build (run npm ci --prefix web "
                           "and rebuild)."
                         : " Land: Natural Earth 1:110m (public domain), via world-atlas.";
    if (!missing.empty()) {
      std::vector<std::string> v(missing.begin(), missing.end());
      if (v.size() > 20) v.resize(20);
      out_ += " Ports without coordinates in the port list: " + HtmlEscape(Join(v, ", ")) +
              (missing.size() > 20 ? " …" : "") + ".";
    }
    out_ += "</p>\n</section>\n";
  }

  void Ingest() {
    out_ += "<section id=\"ingest\"><h2>Ingest</h2>\n";
    if (!ingest_) {
      out_ += "<p class=\"note\">No ingest statistics were passed to the report.</p>\n</section>\n";
      return;
    }
    int64_t in = 0, stored = 0, quarantined = 0;
    out_ +=
        "<table class=\"ingest\"><tr><th>input</th><th>format</th><th>records read</th>"
        "<th>stored</th><th>quarantined</th><th></th></tr>\n";
    for (const IngestReport& r : ingest_->units) {
      in += r.records_in, stored += r.stored, quarantined += r.quarantined;
      out_ += "<tr><td class=\"ev\">" + HtmlEscape(r.path) + "</td><td>" + HtmlEscape(r.format) +
              "</td><td>" + std::to_string(r.records_in) + "</td><td>" + std::to_string(r.stored) +
              "</td><td>" + std::to_string(r.quarantined) + "</td><td class=\"note\">" +
              (r.skipped_unchanged ? "unchanged, already stored" : "") + "</td></tr>\n";
    }
    out_ += "<tr><th>total</th><th></th><th>" + std::to_string(in) + "</th><th>" +
            std::to_string(stored) + "</th><th>" + std::to_string(quarantined) +
            "</th><th></th></tr>\n</table>\n";
    if (w_.tracks) {
      const auto& bs = w_.tracks->build_stats();
      out_ += "<p class=\"note\">AIS: " + std::to_string(w_.tracks->tracks().size()) + " tracks, " +
              std::to_string(w_.tracks->position_count()) + " positions stored (" +
              std::to_string(bs.positions_no_position) + " without a valid position, " +
              std::to_string(bs.positions_no_time) + " without a time, " +
              std::to_string(bs.duplicates) + " duplicates dropped); " +
              std::to_string(w_.events.size()) + " AIS events.</p>\n";
    }
    auto list = [&](const char* what, const std::vector<std::string>& v) {
      if (v.empty()) return;
      out_ +=
          "<p class=\"note\"><b>" + std::string(what) + " (" + std::to_string(v.size()) + "):</b> ";
      for (size_t i = 0; i < v.size() && i < 50; ++i)
        out_ += (i ? "; " : "") + HtmlEscape(Utf8Truncate(v[i], 300));
      if (v.size() > 50) out_ += " …";
      out_ += "</p>\n";
    };
    list("Unreadable inputs", ingest_->failed_units);
    list("Files no reader recognised", ingest_->skipped_files);
    const auto& q = ingest_->quarantine;
    out_ += "<h3 style=\"margin-top:14px\">Quarantined records</h3>\n";
    if (q.empty()) {
      out_ += "<p class=\"note\">No record was quarantined.</p>\n</section>\n";
      return;
    }
    out_ +=
        "<table class=\"quarantine\"><tr><th>file</th><th>line</th><th>record</th>"
        "<th>field</th><th>reason</th><th>raw record</th></tr>\n";
    for (size_t i = 0; i < q.size() && i < kMaxQuarantineRows; ++i)
      out_ += "<tr><td class=\"ev\">" + HtmlEscape(q[i].file) + "</td><td>" +
              (q[i].line > 0 ? std::to_string(q[i].line) : "") + "</td><td>" +
              HtmlEscape(q[i].record_id) + "</td><td class=\"code\">" + HtmlEscape(q[i].field) +
              "</td><td>" + HtmlEscape(q[i].reason) + "</td><td class=\"ev\">" +
              HtmlEscape(Utf8Truncate(q[i].raw, 160)) + "</td></tr>\n";
    out_ += "</table>\n<p class=\"note\">" + std::to_string(q.size()) + " quarantined record" +
            (q.size() == 1 ? "" : "s") +
            (q.size() > kMaxQuarantineRows
                 ? ", the first " + std::to_string(kMaxQuarantineRows) + " shown"
                 : std::string()) +
            (ingest_->quarantine_complete ? "" : " (samples: the store's list was unavailable)") +
            "; all of them are in the store's quarantine table (interdict.db).</p>\n</section>\n";
  }

  const Index& idx_;
  const World& w_;
  const Scores& s_;
  const std::vector<Finding>& findings_;
  const IngestOverview* ingest_;
  std::vector<const Lead*> top_;
  std::string out_;
};

}  // namespace

std::string RenderHtmlReport(const Index& idx, const std::vector<Finding>& findings,
                             const IngestOverview* ingest) {
  return HtmlReport(idx, findings, ingest).Render();
}

}  // namespace interdict::report
