// Ports and anchorages (PlaceIndex) and port calls with Global Fishing Watch's port-visit
// semantics (anchorages_pipeline anchorage_cfg.yaml, ../shared/data/maritime/SOURCES.md):
// a visit starts at the first position within anchorage_entry_distance_km (3 km) of a
// port point, ends at the last position before the vessel is beyond
// anchorage_exit_distance_km (4 km) of every point, and the vessel is stopped from a
// position below stopped_begin_speed_knots (0.2) until one above stopped_end_speed_knots
// (0.5). A ports.csv record with a radius_km uses that radius as its entry distance (and
// the radius + the entry/exit difference as its exit distance): those records describe a
// whole port, not one anchorage point.
#include <unicode/uloc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"
#include "detect/maritime_internal.h"

namespace interdict::mar {

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  double dlat = (lat2 - lat1) * kDegToRad, dlon = (lon2 - lon1) * kDegToRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kDegToRad) *
                                                           std::cos(lat2 * kDegToRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

std::string Num(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::isfinite(v) ? v : 0.0);
  return buf;
}

std::string DetailStr(const AisEvent& ev, const std::string& key) {
  for (const auto& [k, v] : ev.details)
    if (k == key) return v;
  return "";
}

double Detail(const AisEvent& ev, const std::string& key, double def) {
  for (const auto& [k, v] : ev.details)
    if (k == key && !v.empty()) {
      char* end = nullptr;
      double d = std::strtod(v.c_str(), &end);
      return end != v.c_str() ? d : def;
    }
  return def;
}

double Median(std::vector<float> v) {
  std::erase_if(v, [](float x) { return !std::isfinite(x); });
  if (v.empty()) return 0;
  size_t m = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m), v.end());
  double hi = v[m];
  if (v.size() % 2) return hi;
  double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m));
  return (lo + hi) / 2;
}

ImoMap ImosByMmsi(const World& w) {
  ImoMap out;
  for (const Entity& v : w.vessels) {
    std::string imo = v.First("imoNumber").empty() ? v.id() : v.First("imoNumber");
    for (const auto& m : v.Values("mmsi")) {
      auto& list = out[m];
      if (std::find(list.begin(), list.end(), imo) == list.end()) list.push_back(imo);
    }
  }
  return out;
}

std::string FirstImo(const ImoMap& m, const std::string& mmsi) {
  auto it = m.find(mmsi);
  return it == m.end() || it->second.empty() ? "" : it->second.front();
}

// ------------------------------------------------------------------ PlaceIndex

namespace {
constexpr double kFineDeg = 0.05;  // ~5.5 km: a 4 km exit circle touches 2-4 cells
constexpr double kKmPerDegLat = 111.195;

int64_t Cell(double v, double deg) { return static_cast<int64_t>(std::floor(v / deg)); }

double KmPerDegLon(double lat) { return kKmPerDegLat * std::max(0.01, std::cos(lat * kDegToRad)); }
}  // namespace

uint64_t PlaceIndex::FineKey(int64_t y, int64_t x) {
  // Longitude cells wrap at the antimeridian.
  const int64_t nx = static_cast<int64_t>(std::lround(360 / kFineDeg));
  x = ((x % nx) + nx) % nx;
  return (static_cast<uint64_t>(y + 10000) << 32) | static_cast<uint64_t>(x);
}

uint64_t PlaceIndex::CoarseKey(int64_t y, int64_t x) {
  return (static_cast<uint64_t>(y + 1000) << 32) | static_cast<uint64_t>(x + 1000);
}

void PlaceIndex::Add(Place p) { places_.push_back(std::move(p)); }

void PlaceIndex::Build() {
  max_port_km_ = 0;
  fine_.clear();
  coarse_.clear();
  for (uint32_t i = 0; i < places_.size(); ++i) {
    const Place& p = places_[i];
    double dlat = p.exit_km / kKmPerDegLat, dlon = p.exit_km / KmPerDegLon(p.lat);
    for (int64_t y = Cell(p.lat - dlat, kFineDeg); y <= Cell(p.lat + dlat, kFineDeg); ++y)
      for (int64_t x = Cell(p.lon - dlon, kFineDeg); x <= Cell(p.lon + dlon, kFineDeg); ++x)
        fine_[FineKey(y, x)].push_back(i);
    coarse_[CoarseKey(Cell(p.lat, 1), Cell(p.lon, 1))].push_back(i);
    if (!p.anchorage) max_port_km_ = std::max(max_port_km_, p.entry_km);
  }
}

const std::vector<uint32_t>* PlaceIndex::Candidates(double lat, double lon) const {
  auto it = fine_.find(FineKey(Cell(lat, kFineDeg), Cell(lon, kFineDeg)));
  return it == fine_.end() ? nullptr : &it->second;
}

int32_t PlaceIndex::ScanBox(double lat, double lon, double radius_km, double* best_km) const {
  int32_t best = -1;
  double bd = radius_km;
  double dlat = radius_km / kKmPerDegLat, dlon = std::min(180.0, radius_km / KmPerDegLon(lat));
  for (int64_t y = Cell(lat - dlat, 1); y <= Cell(lat + dlat, 1); ++y)
    for (int64_t x = Cell(lon - dlon, 1); x <= Cell(lon + dlon, 1); ++x) {
      int64_t wx = ((x + 180) % 360 + 360) % 360 - 180;
      auto it = coarse_.find(CoarseKey(y, wx));
      if (it == coarse_.end()) continue;
      for (uint32_t i : it->second) {
        const Place& p = places_[i];
        if (std::fabs(p.lat - lat) * kKmPerDegLat > bd) continue;
        double d = HaversineKm(lat, lon, p.lat, p.lon);
        if (d <= bd) {
          bd = d;
          best = static_cast<int32_t>(i);
        }
      }
    }
  *best_km = bd;
  return best;
}

int32_t PlaceIndex::Nearest(double lat, double lon, double max_km, double* km) const {
  // Growing boxes: most queries find a place in the first, small one; a box that holds a
  // place within its radius holds the nearest one.
  int32_t best = -1;
  double bd = -1;
  for (double r = std::min(10.0, max_km);; r = std::min(max_km, r * 4)) {
    best = ScanBox(lat, lon, r, &bd);
    if (best >= 0 || r >= max_km) break;
  }
  if (km) *km = best < 0 ? -1 : bd;
  return best;
}

bool PlaceIndex::InPortArea(double lat, double lon, double min_km) const {
  // max_port_km_ (the largest ports.csv radius) bounds the search.
  double reach = std::max(min_km, max_port_km_);
  double dlat = reach / kKmPerDegLat, dlon = std::min(180.0, reach / KmPerDegLon(lat));
  for (int64_t y = Cell(lat - dlat, 1); y <= Cell(lat + dlat, 1); ++y)
    for (int64_t x = Cell(lon - dlon, 1); x <= Cell(lon + dlon, 1); ++x) {
      int64_t wx = ((x + 180) % 360 + 360) % 360 - 180;
      auto it = coarse_.find(CoarseKey(y, wx));
      if (it == coarse_.end()) continue;
      for (uint32_t i : it->second) {
        const Place& p = places_[i];
        double r = p.anchorage ? min_km : std::max(min_km, p.entry_km);
        if (std::fabs(p.lat - lat) * kKmPerDegLat > r) continue;
        if (HaversineKm(lat, lon, p.lat, p.lon) < r) return true;
      }
    }
  return false;
}

// ------------------------------------------------------------------ loading

std::string CountryAlpha2(const std::string& alpha3) {
  // ICU knows every ISO 3166 region with its alpha-3 code; the map is built once.
  static const std::map<std::string, std::string>* kMap = [] {
    auto* m = new std::map<std::string, std::string>;
    for (const char* const* c = uloc_getISOCountries(); *c; ++c) {
      std::string loc = std::string("und_") + *c;
      const char* a3 = uloc_getISO3Country(loc.c_str());
      if (a3 && *a3) (*m)[a3] = *c;
    }
    return m;
  }();
  auto it = kMap->find(AsciiUpper(alpha3));
  return it == kMap->end() ? "" : it->second;
}

Status LoadGfwAnchorages(const std::string& path, const Config& cfg, PlaceIndex* index,
                         size_t* loaded) {
  namespace fs = std::filesystem;
  std::string file = path;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const char* cand : {"anchorage_overrides.csv", "gfw-anchorages/anchorage_overrides.csv",
                             "ports/gfw-anchorages/anchorage_overrides.csv"})
      if (fs::exists(fs::path(path) / cand, ec)) {
        file = (fs::path(path) / cand).string();
        break;
      }
  }
  auto data = ReadFileToString(file);
  if (!data.ok()) return data.status();
  const double entry = cfg.GetDouble("maritime.port_entry_km", 3);
  const double exit = cfg.GetDouble("maritime.port_exit_km", 4);
  CsvReader reader(data.value());
  CsvRecord rec;
  std::vector<int> col(6, -1);
  static const char* kCols[] = {"s2id", "latitude", "longitude", "label", "sublabel", "iso3"};
  bool header = true;
  size_t n = 0;
  while (reader.Next(&rec)) {
    if (header) {
      for (size_t i = 0; i < rec.fields.size(); ++i)
        for (size_t c = 0; c < 6; ++c)
          if (Trim(rec.fields[i]) == kCols[c]) col[c] = static_cast<int>(i);
      if (col[1] < 0 || col[2] < 0)
        return Status::InvalidArgument(file + ": not a GFW anchorage list (no latitude/longitude)");
      header = false;
      continue;
    }
    auto field = [&](int c) -> std::string {
      int i = col[static_cast<size_t>(c)];
      return i >= 0 && static_cast<size_t>(i) < rec.fields.size()
                 ? rec.fields[static_cast<size_t>(i)]
                 : std::string();
    };
    auto lat = ParseNumber(field(1));
    auto lon = ParseNumber(field(2));
    if (!lat || !lon || std::fabs(*lat) > 90 || std::fabs(*lon) > 180) continue;
    Place p;
    p.id = "gfw:" + field(0);
    p.name = field(3);
    if (!field(4).empty()) p.name += " / " + field(4);
    p.country = CountryAlpha2(field(5));
    p.lat = *lat;
    p.lon = *lon;
    p.entry_km = entry;
    p.exit_km = exit;
    p.anchorage = true;
    index->Add(std::move(p));
    ++n;
  }
  if (loaded) *loaded = n;
  return Status::Ok();
}

PlaceIndex BuildPlaces(const World& w, const Config& cfg, std::string* warning) {
  PlaceIndex idx;
  const double entry = cfg.GetDouble("maritime.port_entry_km", 3);
  const double exit = cfg.GetDouble("maritime.port_exit_km", 4);
  for (const Entity& e : w.ports) {
    auto lat = ParseNumber(e.First("lat"));
    auto lon = ParseNumber(e.First("lon"));
    if (!lat || !lon) continue;
    Place p;
    p.id = e.id();
    p.name = e.First("name");
    p.country = e.First("country").empty() ? e.id().substr(0, 2) : e.First("country");
    p.lat = *lat;
    p.lon = *lon;
    auto r = ParseNumber(e.First("radius_km"));
    p.entry_km = r && *r > 0 ? std::max(entry, *r) : entry;
    p.exit_km = p.entry_km + (exit - entry);
    idx.Add(std::move(p));
  }
  std::string path = cfg.GetString("maritime.anchorages_path", "");
  if (!path.empty()) {
    size_t n = 0;
    Status s = LoadGfwAnchorages(path, cfg, &idx, &n);
    if (!s.ok() && warning) *warning = "maritime.anchorages_path: " + s.ToString();
  }
  idx.Build();
  return idx;
}

}  // namespace interdict::mar

// ------------------------------------------------------------------ port calls

namespace interdict::mar {
namespace {

struct OpenVisit {
  size_t first = 0, last = 0;
  bool entry = false;    // started by an entry (not at the first fix of the track)
  bool stopped = false;  // currently stopped
  double stopped_h = 0;  // time stopped
  double gap_h = 0;      // time in port gaps (>= port_gap_min)
  double min_km = 1e18;  // closest approach to any port point
  std::unordered_map<int32_t, double> weight;  // place -> hours nearest (stopped preferred)
  std::unordered_map<int32_t, double> weight_moving;
};

}  // namespace

void PortCallEvents(const ais::Track& t, const std::string& imo, const PlaceIndex& places,
                    const Config& cfg, std::vector<AisEvent>* out) {
  if (places.empty() || t.empty()) return;
  const double begin_kn = cfg.GetDouble("maritime.port_stop_begin_kn", 0.2);
  const double end_kn = cfg.GetDouble("maritime.port_stop_end_kn", 0.5);
  const double gap_h_min = cfg.GetDouble("maritime.port_gap_min", 240) / 60.0;
  const int min_conf = static_cast<int>(cfg.GetInt("maritime.port_call_min_confidence", 3));
  OpenVisit v;
  bool open = false;

  auto close = [&](bool exited) {
    open = false;
    bool stop_or_gap = v.stopped_h > 0 || v.gap_h > 0;
    // GFW confidence: 4 = entry, stop/gap and exit; 3 = stop/gap with entry or exit (or
    // neither: the track starts and ends in port); 2 = entry and exit only.
    int conf = stop_or_gap ? ((v.entry && exited) ? 4 : 3) : 2;
    if (conf < min_conf) return;
    const auto& w = v.weight.empty() ? v.weight_moving : v.weight;
    int32_t best = -1;
    double bw = -1;
    for (const auto& [p, h] : w)
      if (h > bw || (h == bw && p < best)) {
        bw = h;
        best = p;
      }
    if (best < 0) return;
    const Place& pl = places.at(static_cast<uint32_t>(best));
    // The declared-port record (ports.csv) this anchorage belongs to, if any.
    std::string locode = pl.anchorage ? "" : pl.id;
    if (pl.anchorage) {
      double bd = 1e18;
      if (const auto* c = places.Candidates(pl.lat, pl.lon))
        for (uint32_t i : *c) {
          const Place& q = places.at(i);
          if (q.anchorage) continue;
          double d = HaversineKm(pl.lat, pl.lon, q.lat, q.lon);
          if (d <= q.entry_km && d < bd) {
            bd = d;
            locode = q.id;
          }
        }
    }
    AisEvent ev;
    ev.type = "port_call";
    ev.mmsi = MmsiStr(t.mmsi());
    ev.imo = imo;
    ev.start = t.time_ms(v.first) / 1000;
    ev.end = t.time_ms(v.last) / 1000;
    ev.lat = pl.lat;
    ev.lon = pl.lon;
    ev.details = {
        {"port", pl.id},
        {"port_name", pl.name},
        {"locode", locode},
        {"country", pl.country.empty() && locode.size() >= 2 ? locode.substr(0, 2) : pl.country},
        {"hours", Num(static_cast<double>(t.time_ms(v.last) - t.time_ms(v.first)) / 3.6e6)},
        {"stopped_h", Num(v.stopped_h)},
        {"gap_h", Num(v.gap_h)},
        {"min_distance_km", Num(v.min_km, 2)},
        {"entry", v.entry ? "true" : "false"},
        {"exit", exited ? "true" : "false"},
        {"confidence", std::to_string(conf)}};
    out->push_back(std::move(ev));
  };

  for (size_t i = 0; i < t.size(); ++i) {
    double lat = t.lat(i), lon = t.lon(i);
    int32_t in_entry = -1, in_exit = -1;
    double entry_d = 1e18, exit_d = 1e18;
    if (const auto* c = places.Candidates(lat, lon))
      for (uint32_t k : *c) {
        const Place& p = places.at(k);
        if (std::fabs(p.lat - lat) * 111.2 > p.exit_km) continue;
        double d = HaversineKm(lat, lon, p.lat, p.lon);
        if (d > p.exit_km) continue;
        if (d < exit_d) {
          exit_d = d;
          in_exit = static_cast<int32_t>(k);
        }
        if (d <= p.entry_km && d < entry_d) {
          entry_d = d;
          in_entry = static_cast<int32_t>(k);
        }
      }
    double sog = t.sog_kn(i);
    if (!std::isfinite(sog) && i > 0) {
      double h = static_cast<double>(t.time_ms(i) - t.time_ms(i - 1)) / 3.6e6;
      if (h > 0) sog = HaversineKm(t.lat(i - 1), t.lon(i - 1), lat, lon) / kKmPerNm / h;
    }
    if (!open) {
      if (in_entry < 0) continue;
      open = true;
      v = OpenVisit();
      v.first = v.last = i;
      v.entry = i > 0;
    } else if (in_exit < 0) {
      close(true);
      continue;
    } else {
      // Still in port: the time since the previous fix counts as stopped or as a gap.
      double dh = static_cast<double>(t.time_ms(i) - t.time_ms(v.last)) / 3.6e6;
      if (dh >= gap_h_min)
        v.gap_h += dh;
      else if (v.stopped)
        v.stopped_h += dh;
      (v.stopped ? v.weight : v.weight_moving)[in_exit] += std::max(dh, 1e-3);
      v.last = i;
    }
    v.min_km = std::min(v.min_km, exit_d);
    if (std::isfinite(sog)) {
      if (!v.stopped && sog < begin_kn)
        v.stopped = true;
      else if (v.stopped && sog > end_kn)
        v.stopped = false;
    }
    if (v.first == i) (v.stopped ? v.weight : v.weight_moving)[in_exit] += 1e-3;
  }
  if (open) close(false);
}

}  // namespace interdict::mar
