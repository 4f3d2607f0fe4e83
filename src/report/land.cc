// Natural Earth 1:110m land outlines for report.html's map. The TopoJSON file of the npm
// package world-atlas (web/node_modules/world-atlas/land-110m.json, public domain data,
// 55 KB) is compiled in by src/report/CMakeLists.txt when present; it is decoded here once
// (quantized delta-encoded arcs -> rings of lon/lat) rather than at build time so the build
// needs no JavaScript tool, only the file. Hand-written because TopoJSON decoding is ~50
// lines and Debian packages no C++ TopoJSON reader.
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/log.h"
#include "report/report_internal.h"

namespace interdict::report {
namespace internal {
extern const char* const kLandTopoJson;  // generated; "" when world-atlas was absent
}  // namespace internal

namespace {

using nlohmann::json;

std::vector<LandPolygon> Decode(const std::string& text) {
  std::vector<LandPolygon> out;
  json topo = json::parse(text, nullptr, false);
  if (topo.is_discarded() || !topo.is_object() || !topo.contains("arcs")) return out;
  double sx = 1, sy = 1, tx = 0, ty = 0;
  bool quantized = topo.contains("transform");
  if (quantized) {
    const json& t = topo["transform"];
    sx = t["scale"][0].get<double>();
    sy = t["scale"][1].get<double>();
    tx = t["translate"][0].get<double>();
    ty = t["translate"][1].get<double>();
  }
  // Absolute lon/lat of every arc.
  std::vector<Ring> arcs;
  for (const json& arc : topo["arcs"]) {
    Ring r;
    double x = 0, y = 0;
    for (const json& p : arc) {
      double a = p[0].get<double>(), b = p[1].get<double>();
      if (quantized) {
        x += a;
        y += b;
        r.push_back({x * sx + tx, y * sy + ty});
      } else {
        r.push_back({a, b});
      }
    }
    arcs.push_back(std::move(r));
  }
  // A ring is a list of arc indexes; ~i is arc i reversed. Consecutive arcs share their
  // end points, so each arc after the first drops its first point.
  auto ring_of = [&](const json& idxs) {
    Ring ring;
    for (const json& ji : idxs) {
      int64_t i = ji.get<int64_t>();
      bool rev = i < 0;
      size_t k = static_cast<size_t>(rev ? ~i : i);
      if (k >= arcs.size()) return Ring{};
      Ring a = arcs[k];
      if (rev) std::reverse(a.begin(), a.end());
      ring.insert(ring.end(), a.begin() + (ring.empty() ? 0 : 1), a.end());
    }
    return ring;
  };
  auto add_polygon = [&](const json& rings) {
    LandPolygon poly;
    poly.lon_min = poly.lat_min = 1e9;
    poly.lon_max = poly.lat_max = -1e9;
    for (const json& r : rings) {
      Ring ring = ring_of(r);
      if (ring.size() < 3) continue;
      for (const auto& [lon, lat] : ring) {
        poly.lon_min = std::min(poly.lon_min, lon);
        poly.lon_max = std::max(poly.lon_max, lon);
        poly.lat_min = std::min(poly.lat_min, lat);
        poly.lat_max = std::max(poly.lat_max, lat);
      }
      poly.rings.push_back(std::move(ring));
    }
    if (!poly.rings.empty()) out.push_back(std::move(poly));
  };
  std::function<void(const json&)> geometry = [&](const json& g) {
    const std::string type = g.value("type", "");
    if (type == "GeometryCollection") {
      for (const json& c : g["geometries"]) geometry(c);
    } else if (type == "Polygon") {
      add_polygon(g["arcs"]);
    } else if (type == "MultiPolygon") {
      for (const json& p : g["arcs"]) add_polygon(p);
    }
  };
  for (const auto& [name, obj] : topo["objects"].items()) geometry(obj);
  return out;
}

}  // namespace

const std::vector<LandPolygon>& NaturalEarthLand() {
  static const std::vector<LandPolygon> land = [] {
    std::vector<LandPolygon> v;
    try {
      v = Decode(internal::kLandTopoJson);
    } catch (const std::exception& e) {
      // A malformed embedded file only costs the coastlines; the map still renders.
      LOG_WARN << "report.html: cannot decode the embedded land outlines: " << e.what();
      v.clear();
    }
    return v;
  }();
  return land;
}

}  // namespace interdict::report
