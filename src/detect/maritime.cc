// Maritime behaviour from AIS tracks (issue 6; docs/maritime.md): MMSIs shared by two ships
// at once, dark gaps with reception context, encounters (GFW thresholds), and, from the
// maritime_*.cc files, port calls, loitering, dark encounters, spoofing and identity
// changes; findings compare them with what the declarations say.
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
#include <functional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/log.h"
#include "core/strings.h"
#include "core/validate.h"
#include "detect/detectors.h"
#include "detect/maritime_internal.h"
#include "interdict/tracks.h"

namespace interdict {
namespace {

using mar::Detail;
using mar::DetailStr;
using mar::FirstImo;
using mar::HaversineKm;
using mar::ImoMap;
using mar::ImosByMmsi;
using mar::kDegToRad;
using mar::kKmPerNm;
using mar::Num;
using mar::PlaceIndex;
std::string Mmsi(uint32_t m) { return mar::MmsiStr(m); }

// Nearest known port or anchorage to (lat, lon): its distance (km, -1 when none within
// 2000 km) and id.
double NearestPortKm(const PlaceIndex& places, double lat, double lon, std::string* id = nullptr) {
  double km = -1;
  int32_t p = places.Nearest(lat, lon, 2000, &km);
  if (id) *id = p < 0 ? "" : places.at(static_cast<uint32_t>(p)).id;
  return p < 0 ? -1 : km;
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
                 const PlaceIndex& ports, int64_t t0, double lat, double lon, int64_t t1,
                 double lat1, double lon1) {
  double hours = static_cast<double>(t1 - t0) / 3.6e6;
  double dist_nm = HaversineKm(lat, lon, lat1, lon1) / kKmPerNm;
  std::string port_id;
  double port_km = NearestPortKm(ports, lat, lon, &port_id);
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
                {"nearest_port", port_id},
                {"other_positions", std::to_string(other_positions)},
                {"other_vessels", std::to_string(others.size())},
                {"end_lat", Num(lat1, 5)},
                {"end_lon", Num(lon1, 5)}};
  return ev;
}

void GapEvents(const ais::TrackStore& store, const ais::Track& t, const std::string& imo,
               const PlaceIndex& ports, int64_t gap_ms, std::vector<AisEvent>* out) {
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
void IdentitySwitchGaps(const World& w, const ais::TrackStore& store, const PlaceIndex& ports,
                        int64_t gap_ms, int64_t max_ms, std::vector<AisEvent>* out) {
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

void EncounterEvents(const ais::TrackStore& store, const PlaceIndex& ports, const ImoMap& imo_of,
                     const Config& cfg, std::vector<AisEvent>* out) {
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
        double ma = mar::Median(sa), mb = mar::Median(sb);
        std::string port_id;
        double port_km = NearestPortKm(ports, lat, lon, &port_id);
        if (ma < max_speed && mb < max_speed && !ports.InPortArea(lat, lon, min_port_km)) {
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
                        {"nearest_port", port_id},
                        {"other_imo", FirstImo(imo_of, ev.other_mmsi)}};
          out->push_back(std::move(ev));
        }
      }
      s = i;
    }
  }
}

// ------------------------------------------------------------------ findings

// Strength of an identity_change event (maritime_identity.cc): renamings happen on sale,
// a new MMSI with a new name or flag after a dark period does not.
double IdentityStrength(const AisEvent& ev, double gap_h) {
  std::string kind = DetailStr(ev, "kind");
  if (kind == "listed_imo") return 1.0;
  if (kind == "listed_name") return 0.7;
  if (kind == "imo_shared" || kind == "imo_change") return 0.8;
  if (kind == "name_change") return 0.5;
  if (kind == "callsign_change") return 0.3;
  if (kind == "mmsi_change") {
    bool renamed =
        AsciiUpper(Trim(DetailStr(ev, "name_from"))) != AsciiUpper(Trim(DetailStr(ev, "name_to")));
    bool reflagged = DetailStr(ev, "flag_from") != DetailStr(ev, "flag_to");
    bool dark = Detail(ev, "dark_h", 0) >= gap_h;
    return std::min(1.0, 0.4 + 0.3 * renamed + 0.2 * reflagged + 0.3 * dark);
  }
  return 0.5;
}

class Maritime : public Detector {
 public:
  std::string name() const override { return "maritime"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    w_ = &w;
    imo_of_ = ImosByMmsi(w);
    decls_by_imo_.clear();
    for (const Entity& d : w.declarations)
      if (!d.First("vessel_imo").empty()) decls_by_imo_[d.First("vessel_imo")].push_back(&d);
    const double offshore_km = cfg.GetDouble("maritime.gap_offshore_nm", 50) * kKmPerNm;
    const double min_heard = cfg.GetDouble("maritime.gap_reception_min_vessels", 3);
    const double transit_kn = cfg.GetDouble("maritime.gap_transit_speed_kn", 8);
    const double min_strength = cfg.GetDouble("maritime.gap_min_strength", 0.35);
    const double gap_h = cfg.GetDouble("maritime.gap_hours", 12);
    std::string hr = cfg.GetString("maritime.high_risk_port_countries", "");
    if (hr.empty()) hr = cfg.GetString("trade.high_risk_destinations", "RU;BY;IR;KP;SY;CU");
    std::set<std::string> high_risk;
    for (const auto& c : Split(hr, ';')) high_risk.insert(AsciiUpper(c));
    for (const AisEvent& ev : w.events) {
      const std::string kind = DetailStr(ev, "kind");
      if (ev.type == "spoofing" && kind == "shared_mmsi") {
        Emit(cfg, "MAR-MMSI-SHARED", 1.0, ev, ev.mmsi,
             "MMSI " + ev.mmsi + " was used by two ships at the same time", out);
      } else if (ev.type == "spoofing") {
        // A one-way jump stays an event: either side may be the bad data, and bad
        // positions at one port are common enough that as a finding it would be noise.
        if (kind == "position_jump") continue;
        // A one-way jump is ambiguous (either side may be the bad data); a fake excursion
        // that returns to where the ship could be is not.
        double strength = kind == "teleport"        ? 1.0
                          : kind == "circle"        ? 0.7
                          : kind == "position_jump" ? 0.3
                                                    : 0.6;
        std::string what =
            kind == "teleport"
                ? "AIS position jumped " + DetailStr(ev, "jump_nm") +
                      " nm and reported a fake track for " + DetailStr(ev, "fake_hours") +
                      " h before jumping back to where the ship could be"
            : kind == "position_jump"
                ? "AIS position jumped " + DetailStr(ev, "jump_nm") + " nm (implied " +
                      DetailStr(ev, "implied_speed_kn") + " kn) and stayed there"
            : kind == "circle"
                ? "AIS track circles (" + DetailStr(ev, "revolutions") + " revolutions, radius " +
                      DetailStr(ev, "radius_km") + " km) while reporting under way"
                : "AIS position frozen for " + DetailStr(ev, "hours") +
                      " h while reporting movement";
        Emit(cfg, "MAR-SPOOF", strength, ev, ev.mmsi, "MMSI " + ev.mmsi + ": " + what, out);
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
                           DetailStr(ev, "median_speed_kn") + " kn, " +
                           DetailStr(ev, "nearest_port_km") + " km from the nearest port)";
        Emit(cfg, "MAR-ENCOUNTER", 1.0, ev, ev.mmsi, what, out);
        Emit(cfg, "MAR-ENCOUNTER", 1.0, ev, ev.other_mmsi, what, out);
      } else if (ev.type == "dark_encounter") {
        std::string what =
            "MMSI " + ev.mmsi + " went dark for " + DetailStr(ev, "gap_hours") + " h within " +
            Num(std::min(Detail(ev, "dark_start_km", 0), Detail(ev, "dark_end_km", 0)), 0) +
            " km of MMSI " + ev.other_mmsi +
            " loitering offshore; it could have been alongside for " +
            DetailStr(ev, "possible_hours") + " h";
        Emit(cfg, "MAR-DARK-STS", 1.0, ev, ev.mmsi, what, out);
        Emit(cfg, "MAR-DARK-STS", 1.0, ev, ev.other_mmsi, what, out);
      } else if (ev.type == "loitering") {
        // Fishing vessels, tugs, pilots, SAR, dredgers and pleasure craft loiter for a
        // living; cargo ships and tankers (and ships that do not say) do not.
        int st = static_cast<int>(Detail(ev, "shiptype", 0));
        if (st != 0 && (st < 70 || st > 89)) continue;
        Emit(cfg, "MAR-LOITER", 1.0, ev, ev.mmsi,
             "loitering " + DetailStr(ev, "hours") + " h at " + DetailStr(ev, "median_speed_kn") +
                 " kn, " +
                 (DetailStr(ev, "nearest_port_km").empty()
                      ? std::string("far")
                      : DetailStr(ev, "nearest_port_km") + " km") +
                 " from the nearest port",
             out);
      } else if (ev.type == "port_call") {
        std::string cc = AsciiUpper(DetailStr(ev, "country"));
        if (cc.empty() || !high_risk.count(cc)) continue;
        std::string port =
            DetailStr(ev, "locode").empty() ? DetailStr(ev, "port") : DetailStr(ev, "locode");
        std::string what = "port call at " + DetailStr(ev, "port_name") + " (" + port + ", " + cc +
                           ") for " + DetailStr(ev, "hours") + " h";
        // Declarations whose voyage the call falls in, unless they name that country.
        Emit(cfg, "MAR-PORT-HIGH-RISK", 1.0, ev, ev.mmsi, what, out,
             [&](const Entity& d) { return !DeclaresCountry(d, cc); });
      } else if (ev.type == "identity_change") {
        double strength = IdentityStrength(ev, gap_h);
        std::string what = IdentityText(ev);
        Emit(cfg, "MAR-IDENTITY-CHANGE", strength, ev, ev.mmsi, what, out);
        if (!ev.other_mmsi.empty() && kind != "imo_shared")
          Emit(cfg, "MAR-IDENTITY-CHANGE", strength, ev, ev.other_mmsi, what, out);
        if (kind == "mmsi_change" && DetailStr(ev, "flag_from") != DetailStr(ev, "flag_to")) {
          double hops = Detail(ev, "flag_changes", 1);
          std::string fw = "flag changed from " + DetailStr(ev, "flag_from") + " to " +
                           DetailStr(ev, "flag_to") + " (MMSI " + ev.other_mmsi + " -> " + ev.mmsi +
                           ", IMO " + ev.imo + ")";
          Emit(cfg, "MAR-FLAG-HOP", hops >= 2 ? 1.0 : 0.6, ev, ev.mmsi, fw, out);
        }
      }
    }
    if (w.tracks) PortNotCalled(w, cfg, out);
    return Status::Ok();
  }

 private:
  static std::string IdentityText(const AisEvent& ev) {
    std::string kind = DetailStr(ev, "kind");
    if (kind == "mmsi_change")
      return "IMO " + ev.imo + " moved from MMSI " + ev.other_mmsi + " (" +
             DetailStr(ev, "name_from") + ", " + DetailStr(ev, "flag_from") + ") to MMSI " +
             ev.mmsi + " (" + DetailStr(ev, "name_to") + ", " + DetailStr(ev, "flag_to") +
             ") after " + DetailStr(ev, "dark_h") + " h";
    if (kind == "imo_shared")
      return "MMSI " + ev.mmsi + " and " + ev.other_mmsi + " broadcast IMO " + ev.imo +
             " at the same time";
    if (kind == "listed_imo")
      return "MMSI " + ev.mmsi + " broadcasts the IMO of listed vessel " +
             DetailStr(ev, "listed_name") + " under the name " + DetailStr(ev, "name");
    if (kind == "listed_name")
      return "MMSI " + ev.mmsi + " broadcasts the name " + DetailStr(ev, "name") +
             " of listed vessel IMO " + DetailStr(ev, "listed_imo");
    return "MMSI " + ev.mmsi + " changed its " + kind.substr(0, kind.find('_')) + " from " +
           DetailStr(ev, "from") + " to " + DetailStr(ev, "to");
  }

  // Whether a declaration names country `cc` anywhere on its route.
  static bool DeclaresCountry(const Entity& d, const std::string& cc) {
    for (const char* p : {"origin_country", "departure_country", "destination_country",
                          "exporter_country", "importer_country"})
      if (AsciiUpper(d.First(p)) == cc) return true;
    for (const char* p : {"port_of_loading", "port_of_discharge", "transshipment_ports"})
      for (const auto& v : d.Values(p))
        if (v.size() >= 2 && AsciiUpper(v.substr(0, 2)) == cc) return true;
    return false;
  }

  void Emit(const Config& cfg, const std::string& code, double strength, const AisEvent& ev,
            const std::string& mmsi, const std::string& why, std::vector<Finding>* out,
            const std::function<bool(const Entity&)>& decl_filter = nullptr) {
    auto it = imo_of_.find(mmsi);
    if (it == imo_of_.end() || it->second.empty()) {
      // A vessel known by the IMO the event carries (AIS static data), else the MMSI.
      if (mmsi == ev.mmsi && !ev.imo.empty() && w_->FindVessel(ev.imo)) {
        EmitFor(cfg, code, strength, ev, mmsi, ev.imo, true, why, out, decl_filter);
        return;
      }
      EmitFor(cfg, code, strength, ev, mmsi, mmsi, false, why, out, decl_filter);
      return;
    }
    for (const std::string& imo : it->second)
      EmitFor(cfg, code, strength, ev, mmsi, imo, true, why, out, decl_filter);
  }

  void EmitFor(const Config& cfg, const std::string& code, double strength, const AisEvent& ev,
               const std::string& mmsi, const std::string& subject, bool known,
               const std::string& why, std::vector<Finding>* out,
               const std::function<bool(const Entity&)>& decl_filter) {
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
    f.start = ev.start;
    f.end = ev.end;
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
          if (VoyageOverlaps(*d, ev) && (!decl_filter || decl_filter(*d))) decls.push_back(d);
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

  // MAR-PORT-NOT-CALLED: the declared port of loading (around the departure date) or of
  // discharge (around the arrival date) that the vessel's AIS never called. A port call
  // (port_call event) there counts, and so does any position within the port's radius
  // (a short call can be below the port-call confidence).
  void PortNotCalled(const World& w, const Config& cfg, std::vector<Finding>* out) {
    std::unordered_map<std::string, const Entity*> port_by_code;
    for (const Entity& p : w.ports) port_by_code[p.id()] = &p;
    std::unordered_map<std::string, std::vector<const AisEvent*>> calls_by_mmsi;
    for (const AisEvent& ev : w.events)
      if (ev.type == "port_call") calls_by_mmsi[ev.mmsi].push_back(&ev);
    const int64_t slack_ms = cfg.GetInt("maritime.port_call_window_days", 3) * 86400000LL;
    const double def_radius = cfg.GetDouble("maritime.port_radius_km", 10);
    for (const Entity& d : w.declarations) {
      const std::string& imo = d.First("vessel_imo");
      if (imo.empty()) continue;
      const Entity* vessel = w.FindVessel(imo);
      if (!vessel) continue;
      for (int role = 0; role < 2; ++role) {
        const std::string& port = d.First(role == 0 ? "port_of_loading" : "port_of_discharge");
        auto day = ParseDateDays(d.First(role == 0 ? "departure_date" : "arrival_date"));
        if (port.empty() || !day) continue;
        auto pit = port_by_code.find(port);
        if (pit == port_by_code.end()) continue;
        auto plat = ParseNumber(pit->second->First("lat"));
        auto plon = ParseNumber(pit->second->First("lon"));
        if (!plat || !plon) continue;
        auto r = ParseNumber(pit->second->First("radius_km"));
        double radius = r && *r > 0 ? *r : def_radius;
        int64_t t0 = *day * 86400000LL - slack_ms, t1 = (*day + 1) * 86400000LL + slack_ms;
        bool covered = false, called = false;
        double closest = -1;
        std::string mmsi_used;
        for (const auto& m : vessel->Values("mmsi")) {
          char* e2 = nullptr;
          unsigned long mm = std::strtoul(m.c_str(), &e2, 10);
          const ais::Track* t = w.tracks->Find(static_cast<uint32_t>(mm));
          // The track must span the date and have positions in the window.
          if (!t || t->empty() || t->time_ms(0) > (*day + 1) * 86400000LL ||
              t->time_ms(t->size() - 1) < *day * 86400000LL)
            continue;
          auto [b, en] = t->Range(t0, t1);
          if (b >= en) continue;
          covered = true;
          mmsi_used = m;
          auto cit = calls_by_mmsi.find(m);
          if (cit != calls_by_mmsi.end())
            for (const AisEvent* c : cit->second)
              if (c->start * 1000 <= t1 && c->end * 1000 >= t0 &&
                  (DetailStr(*c, "locode") == port ||
                   HaversineKm(c->lat, c->lon, *plat, *plon) <= radius))
                called = true;
          for (size_t i = b; i < en && !called; ++i) {
            double km = HaversineKm(t->lat(i), t->lon(i), *plat, *plon);
            if (closest < 0 || km < closest) closest = km;
            if (km <= radius) called = true;
          }
          if (called) break;
        }
        if (!covered || called) continue;
        Finding f;
        f.code = "MAR-PORT-NOT-CALLED";
        f.subject_id = d.id();
        f.score = FlagWeight(cfg, f.code);
        f.explanation = std::string("declared port of ") + (role == 0 ? "loading " : "discharge ") +
                        port + " never called by vessel " + imo + " (MMSI " + mmsi_used +
                        ") within " + std::to_string(slack_ms / 86400000) + " days of " +
                        (role == 0 ? "departure " : "arrival ") +
                        d.First(role == 0 ? "departure_date" : "arrival_date") + "; closest " +
                        Num(closest, 0) + " km";
        f.evidence = {EvidenceOf(d), EvidenceRef{"derived", "track:" + mmsi_used}};
        f.related_declarations = {d.id()};
        f.related_vessels = {vessel->First("imoNumber").empty() ? vessel->id()
                                                                : vessel->First("imoNumber")};
        out->push_back(std::move(f));
      }
    }
  }

  const World* w_ = nullptr;
  ImoMap imo_of_;
  std::unordered_map<std::string, std::vector<const Entity*>> decls_by_imo_;
};

}  // namespace

std::vector<AisEvent> DetectAisEvents(const World& w, const Config& cfg) {
  std::vector<AisEvent> out;
  if (!w.tracks) return out;
  const ais::TrackStore& store = *w.tracks;
  std::string warning;
  PlaceIndex places = mar::BuildPlaces(w, cfg, &warning);
  if (!warning.empty()) LOG_WARN << warning;
  auto imo_of = ImosByMmsi(w);
  const int64_t gap_ms = static_cast<int64_t>(cfg.GetDouble("maritime.gap_hours", 12) * 3.6e6);
  const int64_t min_overlap_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.shared_mmsi_min_overlap_h", 12) * 3.6e6);
  for (const auto& t : store.tracks()) {
    const std::string imo = FirstImo(imo_of, Mmsi(t.mmsi()));
    SharedMmsiEvents(t, imo, min_overlap_ms, &out);
    GapEvents(store, t, imo, places, gap_ms, &out);
    mar::PortCallEvents(t, imo, places, cfg, &out);
    mar::LoiteringEvents(t, imo, places, cfg, &out);
    mar::SpoofingEvents(t, imo, cfg, &out);
  }
  // Going silent on one MMSI and back on another is deliberate, so the reception-loss
  // threshold (gap_hours) gives way to GFW pipe-gaps' min_gap_length (6 h).
  const int64_t switch_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.gap_switch_min_hours", 6) * 3.6e6);
  IdentitySwitchGaps(
      w, store, places, switch_ms,
      static_cast<int64_t>(cfg.GetDouble("maritime.gap_max_switch_days", 10) * 86400000.0), &out);
  EncounterEvents(store, places, imo_of, cfg, &out);
  mar::IdentityEvents(w, store, cfg, &out);
  mar::DarkEncounterEvents(store, cfg, &out);
  std::stable_sort(out.begin(), out.end(), [](const AisEvent& a, const AisEvent& b) {
    return a.start != b.start ? a.start < b.start : a.mmsi < b.mmsi;
  });
  return out;
}

std::unique_ptr<Detector> NewMaritimeDetector() { return std::make_unique<Maritime>(); }

}  // namespace interdict
