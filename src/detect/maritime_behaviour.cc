// Offshore loitering and one-sided dark encounters.
//
// Loitering (Global Fishing Watch; Miller et al. 2018, "Identifying global patterns of
// transshipment behavior", Front. Mar. Sci.): a run of positions below
// maritime.loiter_max_speed_kn (2 kn) lasting at least maritime.loiter_min_hours, at least
// maritime.loiter_min_shore_nm (20 nm) from shore. We have no coastline: the distance to
// the nearest known port or anchorage stands in for it (with the GFW anchorage list that is
// close to a coastline in busy waters; with only ports.csv it overstates the distance, so
// loitering near an unlisted coast can pass).
//
// Dark encounter: a vessel's AIS gap starts or ends within maritime.dark_sts_max_nm of
// another vessel's loitering position, and the dark vessel could have been alongside it:
// sailing at maritime.dark_sts_speed_kn from where it went dark, it reaches the loiterer
// and still gets back to where it reappeared, with at least maritime.dark_sts_min_hours
// alongside while the other vessel loitered. This is the "one vessel visible, one dark"
// ship-to-ship transfer of the OFAC/State/USCG 2020 advisory.
#include <algorithm>

#include "detect/maritime_internal.h"

namespace interdict::mar {

void LoiteringEvents(const ais::Track& t, const std::string& imo, const PlaceIndex& places,
                     const Config& cfg, std::vector<AisEvent>* out) {
  const double max_kn = cfg.GetDouble("maritime.loiter_max_speed_kn", 2);
  const double min_h = cfg.GetDouble("maritime.loiter_min_hours", 8);
  const double shore_km = cfg.GetDouble("maritime.loiter_min_shore_nm", 20) * kKmPerNm;
  const int64_t max_gap_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.loiter_max_gap_h", 4) * 3.6e6);
  const size_t n = t.size();
  if (n < 2) return;
  // Speed of a fix: the reported SOG, else the implied speed from the previous fix.
  auto speed = [&](size_t i) {
    double s = t.sog_kn(i);
    if (std::isfinite(s) || i == 0) return s;
    double h = static_cast<double>(t.time_ms(i) - t.time_ms(i - 1)) / 3.6e6;
    return h > 0 ? HaversineKm(t.lat(i - 1), t.lon(i - 1), t.lat(i), t.lon(i)) / kKmPerNm / h : NAN;
  };
  auto slow = [&](size_t i) {
    double s = speed(i);
    return std::isfinite(s) && s < max_kn;
  };
  size_t i = 0;
  while (i < n) {
    if (!slow(i)) {
      ++i;
      continue;
    }
    size_t s = i, e = i;
    double max_gap_h = 0;
    for (size_t j = i + 1; j < n; ++j) {
      if (t.time_ms(j) - t.time_ms(j - 1) > max_gap_ms || t.segment(j) != t.segment(s)) break;
      if (!slow(j)) {
        // One fast fix between slow ones is noise (a bad SOG), two end the run.
        if (j + 1 < n && slow(j + 1) && t.time_ms(j + 1) - t.time_ms(j) <= max_gap_ms) continue;
        break;
      }
      max_gap_h = std::max(max_gap_h, static_cast<double>(t.time_ms(j) - t.time_ms(e)) / 3.6e6);
      e = j;
    }
    i = e + 1;
    double hours = static_cast<double>(t.time_ms(e) - t.time_ms(s)) / 3.6e6;
    if (hours + 1e-9 < min_h) continue;
    double lat = 0, lon = 0;
    std::vector<float> sogs;
    for (size_t k = s; k <= e; ++k) {
      lat += t.lat(k);
      lon += t.lon(k);
      sogs.push_back(static_cast<float>(speed(k)));
    }
    lat /= static_cast<double>(e - s + 1);
    lon /= static_cast<double>(e - s + 1);
    if (std::fabs(t.lon(e) - t.lon(s)) > 180) lon = t.lon(s);  // straddles the antimeridian
    // Offshore everywhere along the run: its ends and its centre.
    double near_km = -1;
    int32_t near = -1;
    for (auto [la, lo] :
         {std::pair{lat, lon}, std::pair{t.lat(s), t.lon(s)}, std::pair{t.lat(e), t.lon(e)}}) {
      double km = -1;
      int32_t p = places.Nearest(la, lo, shore_km * 10, &km);
      if (p >= 0 && (near_km < 0 || km < near_km)) {
        near_km = km;
        near = p;
      }
    }
    if (near >= 0 && near_km < shore_km) continue;
    AisEvent ev;
    ev.type = "loitering";
    ev.mmsi = MmsiStr(t.mmsi());
    ev.imo = imo;
    ev.start = t.time_ms(s) / 1000;
    ev.end = t.time_ms(e) / 1000;
    ev.lat = lat;
    ev.lon = lon;
    const ais::StaticInterval* st = t.StaticAt(t.time_ms(s));
    if (!st && !t.statics().empty()) st = &t.statics().front();
    ev.details = {{"hours", Num(hours)},
                  {"median_speed_kn", Num(Median(sogs))},
                  {"positions", std::to_string(e - s + 1)},
                  {"max_gap_h", Num(max_gap_h)},
                  {"nearest_port_km", near < 0 ? "" : Num(near_km)},
                  {"nearest_port", near < 0 ? "" : places.at(static_cast<uint32_t>(near)).id},
                  {"shiptype", st && st->data.shiptype ? std::to_string(st->data.shiptype) : ""}};
    out->push_back(std::move(ev));
  }
}

void DarkEncounterEvents(const ais::TrackStore& store, const Config& cfg,
                         std::vector<AisEvent>* events) {
  const double max_km = cfg.GetDouble("maritime.dark_sts_max_nm", 30) * kKmPerNm;
  const double v_kmh = cfg.GetDouble("maritime.dark_sts_speed_kn", 15) * kKmPerNm;
  const double min_h = cfg.GetDouble("maritime.dark_sts_min_hours", 2);
  (void)store;
  std::vector<const AisEvent*> loiters;
  for (const AisEvent& e : *events)
    if (e.type == "loitering") loiters.push_back(&e);
  if (loiters.empty()) return;
  std::sort(loiters.begin(), loiters.end(),
            [](const AisEvent* a, const AisEvent* b) { return a->start < b->start; });
  // Longest loitering event bounds how far back in start order a candidate can begin.
  int64_t longest = 0;
  for (const AisEvent* l : loiters) longest = std::max(longest, l->end - l->start);
  std::vector<AisEvent> found;
  for (const AisEvent& g : *events) {
    if (g.type != "gap") continue;
    double lat1 = Detail(g, "end_lat", NAN), lon1 = Detail(g, "end_lon", NAN);
    if (!std::isfinite(lat1) || !std::isfinite(lon1)) continue;
    auto first = std::lower_bound(loiters.begin(), loiters.end(), g.start - longest,
                                  [](const AisEvent* l, int64_t t) { return l->start < t; });
    for (auto it = first; it != loiters.end() && (*it)->start <= g.end; ++it) {
      const AisEvent& l = **it;
      if (l.end < g.start || l.mmsi == g.mmsi || l.mmsi == g.other_mmsi) continue;
      double d0 = HaversineKm(g.lat, g.lon, l.lat, l.lon);
      double d1 = HaversineKm(lat1, lon1, l.lat, l.lon);
      if (std::min(d0, d1) > max_km) continue;
      // When the dark vessel could have been alongside the loiterer.
      int64_t earliest = g.start + static_cast<int64_t>(d0 / v_kmh * 3600);
      int64_t latest = g.end - static_cast<int64_t>(d1 / v_kmh * 3600);
      int64_t lo = std::max(earliest, l.start), hi = std::min(latest, l.end);
      if (static_cast<double>(hi - lo) / 3600.0 + 1e-9 < min_h) continue;
      AisEvent ev;
      ev.type = "dark_encounter";
      ev.mmsi = g.mmsi;
      ev.other_mmsi = l.mmsi;
      ev.imo = g.imo;
      ev.start = lo;
      ev.end = hi;
      ev.lat = l.lat;
      ev.lon = l.lon;
      ev.details = {{"possible_hours", Num(static_cast<double>(hi - lo) / 3600.0)},
                    {"gap_hours", DetailStr(g, "hours")},
                    {"loiter_hours", DetailStr(l, "hours")},
                    {"dark_start_km", Num(d0)},
                    {"dark_end_km", Num(d1)},
                    {"gap_start", std::to_string(g.start)},
                    {"nearest_port_km", DetailStr(l, "nearest_port_km")},
                    {"other_imo", l.imo}};
      found.push_back(std::move(ev));
    }
  }
  for (auto& e : found) events->push_back(std::move(e));
}

}  // namespace interdict::mar
