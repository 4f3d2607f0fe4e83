// Maritime behaviour from AIS tracks (issue 6, first part): MMSIs shared by two ships at
// once, dark gaps with reception context, encounters (GFW thresholds) and declared ports of
// loading the vessel never came near.
//
//   DetectAisEvents()     World::tracks -> AisEvents (events.jsonl); the pipeline calls it
//                         before the detectors run and stores the result in World::events.
//   NewMaritimeDetector() World::events (+ tracks for port reconciliation) -> MAR-* findings.
//
// Encounters use a time-bucketed grid (10-minute buckets x 0.05 degree cells): each track is
// interpolated to the bucket times within its segments, entries are sorted by
// (bucket, cell), and only entries in neighbouring cells of one bucket are compared, so the
// cost grows with positions and local density, not with the square of the vessel count.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "core/validate.h"
#include "detect/detectors.h"
#include "interdict/tracks.h"

namespace interdict {
namespace {

constexpr double kEarthKm = 6371.0088;
constexpr double kKmPerNm = 1.852;
constexpr double kDegToRad = M_PI / 180.0;

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  double dlat = (lat2 - lat1) * kDegToRad, dlon = (lon2 - lon1) * kDegToRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kDegToRad) *
                                                           std::cos(lat2 * kDegToRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

std::string Num(double v, int decimals = 1) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

struct PortPoint {
  std::string locode;
  double lat, lon, radius_km;
};

std::vector<PortPoint> PortPoints(const World& w) {
  std::vector<PortPoint> out;
  for (const Entity& p : w.ports) {
    char* end = nullptr;
    const std::string& la = p.First("lat");
    const std::string& lo = p.First("lon");
    if (la.empty() || lo.empty()) continue;
    double lat = std::strtod(la.c_str(), &end);
    double lon = std::strtod(lo.c_str(), &end);
    if (!std::isfinite(lat) || !std::isfinite(lon)) continue;
    double r = std::strtod(p.First("radius_km").c_str(), &end);
    if (!(r > 0)) r = 10.0;
    out.push_back({p.id(), lat, lon, r});
  }
  return out;
}

// Distance to the nearest known port (km), or -1 when no port is known.
double NearestPortKm(const std::vector<PortPoint>& ports, double lat, double lon) {
  double best = -1;
  for (const auto& p : ports) {
    if (best >= 0 && std::fabs(p.lat - lat) * 111.0 > best) continue;
    double d = HaversineKm(lat, lon, p.lat, p.lon);
    if (best < 0 || d < best) best = d;
  }
  return best;
}

std::string Mmsi(uint32_t m) { return std::to_string(m); }

// MMSI -> IMOs of the vessels that broadcast it (world.vessels' mmsi values; a hijacked
// MMSI belongs to its owner and to the hijacker), in world order.
using ImoMap = std::unordered_map<std::string, std::vector<std::string>>;
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

// Whether (lat, lon) is inside a port area: closer than max(min_km, the port's radius).
bool InPortArea(const std::vector<PortPoint>& ports, double lat, double lon, double min_km) {
  for (const auto& p : ports) {
    double r = std::max(min_km, p.radius_km);
    if (std::fabs(p.lat - lat) * 111.2 > r) continue;
    if (HaversineKm(lat, lon, p.lat, p.lon) < r) return true;
  }
  return false;
}

void SharedMmsiEvents(const ais::Track& t, const std::string& imo, int64_t min_overlap_ms,
                      std::vector<AisEvent>* out) {
  if (!t.HasConcurrentSegments()) return;
  // The span during which two segments overlap.
  const auto& segs = t.segments();
  int64_t s = INT64_MAX, e = INT64_MIN;
  size_t nsegs = 0;
  for (size_t i = 0; i < segs.size(); ++i)
    for (size_t j = i + 1; j < segs.size(); ++j) {
      int64_t lo = std::max(segs[i].start_ms, segs[j].start_ms);
      int64_t hi = std::min(segs[i].end_ms, segs[j].end_ms);
      // Short overlaps come from noisy fixes in port that the segmenter splits off.
      if (hi - lo >= min_overlap_ms) {
        s = std::min(s, lo);
        e = std::max(e, hi);
        ++nsegs;
      }
    }
  if (s > e) return;
  AisEvent ev;
  ev.type = "spoofing";
  ev.mmsi = Mmsi(t.mmsi());
  ev.imo = imo;
  ev.start = s / 1000;
  ev.end = e / 1000;
  auto [b, en] = t.Range(s, e);
  if (b < en) {
    ev.lat = t.lat(b);
    ev.lon = t.lon(b);
  }
  ev.details = {{"kind", "shared_mmsi"},
                {"segments", std::to_string(segs.size())},
                {"overlapping_pairs", std::to_string(nsegs)}};
  out->push_back(std::move(ev));
}

// One gap event: `t` silent from (t0, lat, lon) until t1 at (lat1, lon1).
AisEvent MakeGap(const ais::TrackStore& store, const ais::Track& t, const std::string& imo,
                 const std::vector<PortPoint>& ports, int64_t t0, double lat, double lon,
                 int64_t t1, double lat1, double lon1) {
  double hours = static_cast<double>(t1 - t0) / 3.6e6;
  double dist_nm = HaversineKm(lat, lon, lat1, lon1) / kKmPerNm;
  double port_km = NearestPortKm(ports, lat, lon);
  // Reception context: other vessels heard within +-1 degree during the gap.
  ais::LatLonBox box{lat - 1, lat + 1, lon - 1, lon + 1};
  if (box.lon_min < -180) box.lon_min += 360;
  if (box.lon_max > 180) box.lon_max -= 360;
  int64_t other_positions = 0;
  std::unordered_set<uint32_t> others;
  store.ForEachInArea(box, t0 + 1, t1 - 1, [&](const ais::Track& o, size_t) {
    if (o.mmsi() == t.mmsi()) return;
    ++other_positions;
    others.insert(o.mmsi());
  });
  AisEvent ev;
  ev.type = "gap";
  ev.mmsi = Mmsi(t.mmsi());
  ev.imo = imo;
  ev.start = t0 / 1000;
  ev.end = t1 / 1000;
  ev.lat = lat;
  ev.lon = lon;
  ev.details = {{"hours", Num(hours)},
                {"distance_nm", Num(dist_nm)},
                {"implied_speed_kn", Num(dist_nm / hours)},
                {"nearest_port_km", port_km < 0 ? "" : Num(port_km)},
                {"other_positions", std::to_string(other_positions)},
                {"other_vessels", std::to_string(others.size())}};
  return ev;
}

void GapEvents(const ais::TrackStore& store, const ais::Track& t, const std::string& imo,
               const std::vector<PortPoint>& ports, int64_t gap_ms, std::vector<AisEvent>* out) {
  for (size_t i = 1; i < t.size(); ++i) {
    int64_t t0 = t.time_ms(i - 1), t1 = t.time_ms(i);
    if (t1 - t0 <= gap_ms) continue;
    out->push_back(
        MakeGap(store, t, imo, ports, t0, t.lat(i - 1), t.lon(i - 1), t1, t.lat(i), t.lon(i)));
  }
}

// A vessel that goes dark on one MMSI and reappears on another (renamed/reflagged during
// the dark period): its own track has no gap, the vessel's does. Vessels know their MMSIs
// from the AIS static reports that carry their IMO.
void IdentitySwitchGaps(const World& w, const ais::TrackStore& store,
                        const std::vector<PortPoint>& ports, int64_t gap_ms, int64_t max_ms,
                        std::vector<AisEvent>* out) {
  for (const Entity& v : w.vessels) {
    std::vector<const ais::Track*> ts;
    for (const auto& m : v.Values("mmsi")) {
      char* end = nullptr;
      const ais::Track* t = store.Find(static_cast<uint32_t>(std::strtoul(m.c_str(), &end, 10)));
      if (t && !t->empty() && std::find(ts.begin(), ts.end(), t) == ts.end()) ts.push_back(t);
    }
    if (ts.size() < 2) continue;
    std::string imo = v.First("imoNumber").empty() ? v.id() : v.First("imoNumber");
    for (const ais::Track* x : ts) {
      size_t last = x->size() - 1;
      int64_t t0 = x->time_ms(last);
      const ais::Track* next = nullptr;
      size_t next_i = 0;
      for (const ais::Track* y : ts) {
        if (y == x) continue;
        auto [b, e] = y->Range(t0 + 1, INT64_MAX);
        if (b < e && (!next || y->time_ms(b) < next->time_ms(next_i))) {
          next = y;
          next_i = b;
        }
      }
      if (!next) continue;
      int64_t t1 = next->time_ms(next_i);
      if (t1 - t0 <= gap_ms || t1 - t0 > max_ms) continue;
      AisEvent ev = MakeGap(store, *x, imo, ports, t0, x->lat(last), x->lon(last), t1,
                            next->lat(next_i), next->lon(next_i));
      ev.other_mmsi = Mmsi(next->mmsi());
      ev.details.push_back({"kind", "identity_switch"});
      out->push_back(std::move(ev));
    }
  }
}

// ------------------------------------------------------------------ encounters

struct GridEntry {
  uint64_t key;  // bucket << 32 | cell_y << 16 | cell_x
  uint32_t track;
  float lat, lon, sog;
};

struct CloseObs {
  int64_t bucket;
  float lat, lon, sog_a, sog_b, dist_m;
};

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

void EncounterEvents(const ais::TrackStore& store, const std::vector<PortPoint>& ports,
                     const ImoMap& imo_of, const Config& cfg, std::vector<AisEvent>* out) {
  const double max_dist_m = cfg.GetDouble("maritime.encounter_max_distance_m", 500);
  const double min_hours = cfg.GetDouble("maritime.encounter_min_hours", 2);
  const double max_speed = cfg.GetDouble("maritime.encounter_max_median_speed_kn", 2);
  const double min_port_km = cfg.GetDouble("maritime.encounter_min_port_km", 10);
  const int64_t bucket_ms = cfg.GetInt("maritime.encounter_bucket_min", 10) * 60000;
  const int64_t interp_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.encounter_interpolate_h", 1) * 3.6e6);
  const double cell_deg = 0.05;
  if (bucket_ms <= 0) return;
  const auto& tracks = store.tracks();
  int64_t tmin = INT64_MAX;
  for (const auto& t : tracks)
    if (!t.empty()) tmin = std::min(tmin, t.time_ms(0));
  if (tmin == INT64_MAX) return;
  const int64_t base = tmin / bucket_ms;

  std::vector<GridEntry> grid;
  auto push = [&](uint32_t ti, int64_t b, double lat, double lon, double sog) {
    int64_t cy = static_cast<int64_t>(std::floor(lat / cell_deg)) + 2000;
    int64_t cx = static_cast<int64_t>(std::floor(lon / cell_deg)) + 4000;
    uint64_t key = (static_cast<uint64_t>(b - base) << 32) | (static_cast<uint64_t>(cy) << 16) |
                   static_cast<uint64_t>(cx);
    grid.push_back(
        {key, ti, static_cast<float>(lat), static_cast<float>(lon), static_cast<float>(sog)});
  };
  for (uint32_t ti = 0; ti < tracks.size(); ++ti) {
    const auto& t = tracks[ti];
    for (size_t i = 0; i < t.size(); ++i) {
      int64_t ta = t.time_ms(i);
      int64_t b = (ta + bucket_ms - 1) / bucket_ms;  // first bucket time >= ta
      bool last = i + 1 == t.size();
      int64_t tb = last ? ta : t.time_ms(i + 1);
      bool interp = !last && tb - ta <= interp_ms && t.segment(i) == t.segment(i + 1);
      for (; b * bucket_ms < tb || (last && b * bucket_ms == ta); ++b) {
        int64_t T = b * bucket_ms;
        double lat = t.lat(i), lon = t.lon(i), sog = t.sog_kn(i);
        if (interp) {
          double f = static_cast<double>(T - ta) / static_cast<double>(tb - ta);
          lat += (t.lat(i + 1) - lat) * f;
          lon += (t.lon(i + 1) - lon) * f;
          if (std::fabs(t.lon(i + 1) - t.lon(i)) > 180) lon = t.lon(i);
          double sb = t.sog_kn(i + 1);
          if (std::isfinite(sog) && std::isfinite(sb)) sog = (sog + sb) / 2;
        } else if (T - ta > bucket_ms / 2) {
          break;  // too far from this fix and no interpolation across the gap
        }
        push(ti, b, lat, lon, sog);
        if (last) break;
      }
    }
  }
  std::sort(grid.begin(), grid.end(), [](const GridEntry& a, const GridEntry& b) {
    return a.key != b.key ? a.key < b.key : a.track < b.track;
  });

  std::unordered_map<uint64_t, std::vector<CloseObs>> pairs;
  auto by_key = [](const GridEntry& e, uint64_t k) { return e.key < k; };
  for (const GridEntry& e : grid) {
    uint64_t b = e.key >> 32;
    uint64_t cy = (e.key >> 16) & 0xFFFF, cx = e.key & 0xFFFF;
    double coslat = std::cos(e.lat * kDegToRad);
    for (uint64_t y = cy - 1; y <= cy + 1; ++y) {
      uint64_t lo = (b << 32) | (y << 16) | (cx - 1), hi = (b << 32) | (y << 16) | (cx + 1);
      auto it = std::lower_bound(grid.begin(), grid.end(), lo, by_key);
      for (; it != grid.end() && it->key <= hi; ++it) {
        if (it->track <= e.track) continue;
        double dy = (it->lat - e.lat) * 111195.0;
        double dx = (it->lon - e.lon) * 111195.0 * coslat;
        double d = std::sqrt(dx * dx + dy * dy);
        if (d > max_dist_m) continue;
        uint64_t pk = (static_cast<uint64_t>(e.track) << 32) | it->track;
        pairs[pk].push_back({static_cast<int64_t>(b), (e.lat + it->lat) / 2, (e.lon + it->lon) / 2,
                             e.sog, it->sog, static_cast<float>(d)});
      }
    }
  }

  std::vector<uint64_t> keys;
  keys.reserve(pairs.size());
  for (const auto& [k, v] : pairs) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  const int64_t max_skip = std::max<int64_t>(1, interp_ms / bucket_ms / 2);
  for (uint64_t pk : keys) {
    auto& obs = pairs[pk];
    std::sort(obs.begin(), obs.end(),
              [](const CloseObs& a, const CloseObs& b) { return a.bucket < b.bucket; });
    const auto& ta = tracks[pk >> 32];
    const auto& tb = tracks[pk & 0xFFFFFFFF];
    size_t s = 0;
    for (size_t i = 1; i <= obs.size(); ++i) {
      if (i < obs.size() && obs[i].bucket - obs[i - 1].bucket <= max_skip) continue;
      // Run obs[s, i).
      double hours = static_cast<double>((obs[i - 1].bucket - obs[s].bucket) * bucket_ms) / 3.6e6;
      if (hours + 1e-9 >= min_hours) {
        std::vector<float> sa, sb;
        double lat = 0, lon = 0, min_d = 1e18;
        for (size_t k = s; k < i; ++k) {
          sa.push_back(obs[k].sog_a);
          sb.push_back(obs[k].sog_b);
          lat += obs[k].lat;
          lon += obs[k].lon;
          min_d = std::min(min_d, static_cast<double>(obs[k].dist_m));
        }
        lat /= static_cast<double>(i - s);
        lon /= static_cast<double>(i - s);
        double ma = Median(sa), mb = Median(sb);
        double port_km = NearestPortKm(ports, lat, lon);
        if (ma < max_speed && mb < max_speed && !InPortArea(ports, lat, lon, min_port_km)) {
          AisEvent ev;
          ev.type = "encounter";
          ev.mmsi = Mmsi(ta.mmsi());
          ev.other_mmsi = Mmsi(tb.mmsi());
          ev.imo = FirstImo(imo_of, ev.mmsi);
          ev.start = (obs[s].bucket + base) * bucket_ms / 1000;
          ev.end = (obs[i - 1].bucket + base) * bucket_ms / 1000;
          ev.lat = lat;
          ev.lon = lon;
          ev.details = {{"hours", Num(hours)},
                        {"median_speed_kn", Num(std::max(ma, mb))},
                        {"min_distance_m", Num(min_d, 0)},
                        {"nearest_port_km", port_km < 0 ? "" : Num(port_km)},
                        {"other_imo", FirstImo(imo_of, ev.other_mmsi)}};
          out->push_back(std::move(ev));
        }
      }
      s = i;
    }
  }
}

// ------------------------------------------------------------------ findings

double Detail(const AisEvent& ev, const std::string& key, double def) {
  for (const auto& [k, v] : ev.details)
    if (k == key && !v.empty()) {
      char* end = nullptr;
      double d = std::strtod(v.c_str(), &end);
      return end != v.c_str() ? d : def;
    }
  return def;
}

std::string DetailStr(const AisEvent& ev, const std::string& key) {
  for (const auto& [k, v] : ev.details)
    if (k == key) return v;
  return "";
}

class Maritime : public Detector {
 public:
  std::string name() const override { return "maritime"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    imo_of_ = ImosByMmsi(w);
    decls_by_imo_.clear();
    for (const Entity& d : w.declarations)
      if (!d.First("vessel_imo").empty()) decls_by_imo_[d.First("vessel_imo")].push_back(&d);
    const double offshore_km = cfg.GetDouble("maritime.gap_offshore_nm", 50) * kKmPerNm;
    const double min_heard = cfg.GetDouble("maritime.gap_reception_min_vessels", 3);
    const double transit_kn = cfg.GetDouble("maritime.gap_transit_speed_kn", 8);
    const double min_strength = cfg.GetDouble("maritime.gap_min_strength", 0.35);
    for (const AisEvent& ev : w.events) {
      if (ev.type == "spoofing" && DetailStr(ev, "kind") == "shared_mmsi") {
        Emit(cfg, "MAR-MMSI-SHARED", 1.0, ev, ev.mmsi,
             "MMSI " + ev.mmsi + " was used by two ships at the same time", out);
      } else if (ev.type == "gap") {
        double port_km = Detail(ev, "nearest_port_km", -1);
        bool offshore = port_km < 0 || port_km > offshore_km;
        bool heard = Detail(ev, "other_vessels", 0) >= min_heard;
        double strength = offshore && heard ? 1.0 : (offshore || heard) ? 0.5 : 0.25;
        // A ship that covered the gap at transit speed most likely sailed on out of
        // coverage; one that barely moved (or went somewhere and came back) did not.
        if (Detail(ev, "implied_speed_kn", 0) >= transit_kn) strength *= 0.3;
        // Weak gaps stay events (events.jsonl) without a finding: a third of all ships
        // have them (GFW), and as findings they would put ordinary vessels on the list.
        if (strength < min_strength) continue;
        Emit(cfg, "MAR-GAP", strength, ev, ev.mmsi,
             "AIS dark for " + DetailStr(ev, "hours") + " h" +
                 (port_km < 0 ? std::string()
                              : ", " + Num(port_km, 0) + " km from the nearest port") +
                 "; " + DetailStr(ev, "other_vessels") + " other vessels heard nearby meanwhile",
             out);
      } else if (ev.type == "encounter") {
        std::string what = "encounter of MMSI " + ev.mmsi + " and " + ev.other_mmsi + " for " +
                           DetailStr(ev, "hours") + " h at sea (median speed " +
                           DetailStr(ev, "median_speed_kn") + " kn)";
        Emit(cfg, "MAR-ENCOUNTER", 1.0, ev, ev.mmsi, what, out);
        Emit(cfg, "MAR-ENCOUNTER", 1.0, ev, ev.other_mmsi, what, out);
      }
    }
    if (w.tracks) PortNotCalled(w, cfg, out);
    return Status::Ok();
  }

 private:
  void Emit(const Config& cfg, const std::string& code, double strength, const AisEvent& ev,
            const std::string& mmsi, const std::string& why, std::vector<Finding>* out) {
    auto it = imo_of_.find(mmsi);
    if (it == imo_of_.end() || it->second.empty()) {
      EmitFor(cfg, code, strength, ev, mmsi, mmsi, false, why, out);
      return;
    }
    for (const std::string& imo : it->second)
      EmitFor(cfg, code, strength, ev, mmsi, imo, true, why, out);
  }

  void EmitFor(const Config& cfg, const std::string& code, double strength, const AisEvent& ev,
               const std::string& mmsi, const std::string& subject, bool known,
               const std::string& why, std::vector<Finding>* out) {
    EvidenceRef evidence{"derived", ev.type + ":" + mmsi + ":" + std::to_string(ev.start)};
    Finding f;
    f.code = code;
    f.subject_kind = SubjectKind::kVessel;
    f.subject_id = subject;
    // The scorer spreads a vessel's findings over all its declarations (a whole year of
    // them); the declarations whose voyage the event falls in get full strength below.
    f.score = FlagWeight(cfg, code) * strength * cfg.GetDouble("maritime.vessel_strength", 0.6);
    f.explanation = why;
    f.evidence = {evidence};
    if (!ev.other_mmsi.empty()) {
      const std::string& other = mmsi == ev.mmsi ? ev.other_mmsi : ev.mmsi;
      auto ot = imo_of_.find(other);
      if (ot == imo_of_.end() || ot->second.empty())
        f.related_vessels.push_back(other);
      else
        f.related_vessels.insert(f.related_vessels.end(), ot->second.begin(), ot->second.end());
    }
    std::vector<const Entity*> decls;
    if (known) {
      auto dit = decls_by_imo_.find(subject);
      if (dit != decls_by_imo_.end())
        for (const Entity* d : dit->second)
          if (VoyageOverlaps(*d, ev)) decls.push_back(d);
    }
    for (const Entity* d : decls) f.related_declarations.push_back(d->id());
    out->push_back(f);
    for (const Entity* d : decls) {
      Finding g = f;
      g.subject_kind = SubjectKind::kDeclaration;
      g.subject_id = d->id();
      g.score = FlagWeight(cfg, code) * strength;
      g.explanation = "vessel " + subject + ": " + why;
      g.evidence = {EvidenceOf(*d), evidence};
      g.related_vessels.insert(g.related_vessels.begin(), subject);
      g.related_declarations = {d->id()};
      out->push_back(std::move(g));
    }
  }

  // Whether the event falls in the declaration's voyage (departure - 7 d .. arrival + 7 d);
  // true when the declaration carries no dates.
  static bool VoyageOverlaps(const Entity& d, const AisEvent& ev) {
    auto dep = ParseDateDays(d.First("departure_date"));
    auto arr = ParseDateDays(d.First("arrival_date"));
    if (!dep && !arr) return true;
    int64_t lo = (dep ? *dep : *arr - 60) * 86400 - 7 * 86400;
    int64_t hi = (arr ? *arr : *dep + 60) * 86400 + 8 * 86400;
    return ev.start <= hi && ev.end >= lo;
  }

  void PortNotCalled(const World& w, const Config& cfg, std::vector<Finding>* out) {
    std::unordered_map<std::string, const Entity*> port_by_code;
    for (const Entity& p : w.ports) port_by_code[p.id()] = &p;
    const int64_t slack_ms = cfg.GetInt("maritime.port_call_window_days", 3) * 86400000LL;
    const double def_radius = cfg.GetDouble("maritime.port_radius_km", 10);
    for (const Entity& d : w.declarations) {
      const std::string& imo = d.First("vessel_imo");
      const std::string& pol = d.First("port_of_loading");
      auto dep = ParseDateDays(d.First("departure_date"));
      if (imo.empty() || pol.empty() || !dep) continue;
      auto pit = port_by_code.find(pol);
      const Entity* vessel = w.FindVessel(imo);
      if (pit == port_by_code.end() || !vessel) continue;
      char* end = nullptr;
      const std::string& la = pit->second->First("lat");
      const std::string& lo = pit->second->First("lon");
      if (la.empty() || lo.empty()) continue;
      double plat = std::strtod(la.c_str(), &end), plon = std::strtod(lo.c_str(), &end);
      double radius = std::strtod(pit->second->First("radius_km").c_str(), &end);
      if (!(radius > 0)) radius = def_radius;
      int64_t t0 = *dep * 86400000LL - slack_ms, t1 = (*dep + 1) * 86400000LL + slack_ms;
      bool covered = false, called = false;
      double closest = -1;
      std::string mmsi_used;
      for (const auto& m : vessel->Values("mmsi")) {
        char* e2 = nullptr;
        unsigned long mm = std::strtoul(m.c_str(), &e2, 10);
        const ais::Track* t = w.tracks->Find(static_cast<uint32_t>(mm));
        // The track must span the departure date and have positions in the window.
        if (!t || t->empty() || t->time_ms(0) > (*dep + 1) * 86400000LL ||
            t->time_ms(t->size() - 1) < *dep * 86400000LL)
          continue;
        auto [b, en] = t->Range(t0, t1);
        if (b >= en) continue;
        covered = true;
        mmsi_used = m;
        for (size_t i = b; i < en && !called; ++i) {
          double km = HaversineKm(t->lat(i), t->lon(i), plat, plon);
          if (closest < 0 || km < closest) closest = km;
          if (km <= radius) called = true;
        }
      }
      if (!covered || called) continue;
      Finding f;
      f.code = "MAR-PORT-NOT-CALLED";
      f.subject_id = d.id();
      f.score = FlagWeight(cfg, f.code);
      f.explanation = "declared port of loading " + pol + " never called by vessel " + imo +
                      " (MMSI " + mmsi_used + ") within " + std::to_string(slack_ms / 86400000) +
                      " days of departure " + d.First("departure_date") + "; closest " +
                      Num(closest, 0) + " km";
      f.evidence = {EvidenceOf(d), EvidenceRef{"derived", "track:" + mmsi_used}};
      f.related_declarations = {d.id()};
      f.related_vessels = {vessel->First("imoNumber").empty() ? vessel->id()
                                                              : vessel->First("imoNumber")};
      out->push_back(std::move(f));
    }
  }

  ImoMap imo_of_;
  std::unordered_map<std::string, std::vector<const Entity*>> decls_by_imo_;
};

}  // namespace

std::vector<AisEvent> DetectAisEvents(const World& w, const Config& cfg) {
  std::vector<AisEvent> out;
  if (!w.tracks) return out;
  const ais::TrackStore& store = *w.tracks;
  auto ports = PortPoints(w);
  auto imo_of = ImosByMmsi(w);
  const int64_t gap_ms = static_cast<int64_t>(cfg.GetDouble("maritime.gap_hours", 12) * 3.6e6);
  const int64_t min_overlap_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.shared_mmsi_min_overlap_h", 12) * 3.6e6);
  for (const auto& t : store.tracks()) {
    const std::string imo = FirstImo(imo_of, Mmsi(t.mmsi()));
    SharedMmsiEvents(t, imo, min_overlap_ms, &out);
    GapEvents(store, t, imo, ports, gap_ms, &out);
  }
  IdentitySwitchGaps(
      w, store, ports, gap_ms,
      static_cast<int64_t>(cfg.GetDouble("maritime.gap_max_switch_days", 10) * 86400000.0), &out);
  EncounterEvents(store, ports, imo_of, cfg, &out);
  std::stable_sort(out.begin(), out.end(), [](const AisEvent& a, const AisEvent& b) {
    return a.start != b.start ? a.start < b.start : a.mmsi < b.mmsi;
  });
  return out;
}

std::unique_ptr<Detector> NewMaritimeDetector() { return std::make_unique<Maritime>(); }

}  // namespace interdict
