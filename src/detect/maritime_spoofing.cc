// Position spoofing (OFAC/State/USCG 2020: "manipulating AIS"), three signatures:
//
//  * teleport / position jump: consecutive fixes farther apart than
//    maritime.spoof_min_jump_nm at an implied speed above maritime.spoof_max_speed_kn (no
//    merchant ship does 50 kn), and the new position holds for at least
//    maritime.spoof_min_hold_min (so it is not one corrupt fix). When a later jump brings
//    the track back to where the ship could physically be, the excursion in between is a
//    fake track ("teleport"): the classic spoof that parks a ship's AIS off one port while
//    it calls at another.
//  * frozen position: at least maritime.spoof_frozen_min_fixes fixes over
//    maritime.spoof_frozen_min_hours with bit-identical coordinates while the ship reports
//    moving (SOG >= 1 kn): a replayed or typed-in position; real GPS jitters.
//  * circle: over maritime.spoof_circle_hours the positions stay at a constant distance from
//    their centre (radius spread < 10 %) and turn through at least one full revolution,
//    while the ship reports being under way at >= 1 kn. Anchored ships swing on a circle
//    too, which is why anchored/moored status or SOG < 1 kn never counts.
//
// Spans where two segments of the MMSI overlap are left to the shared-MMSI event: jumps
// between two ships on one MMSI are not spoofing by one of them.
#include <algorithm>

#include "detect/maritime_internal.h"

namespace interdict::mar {
namespace {

double ImpliedKn(const ais::Track& t, size_t a, size_t b) {
  double h =
      std::max(1.0, static_cast<double>(std::llabs(t.time_ms(b) - t.time_ms(a))) / 1000.0) / 3600.0;
  return HaversineKm(t.lat(a), t.lon(a), t.lat(b), t.lon(b)) / kKmPerNm / h;
}

// Whether fixes a and b belong to two ships on one MMSI: different segments that both
// report while the other one does. (A fake excursion is a segment of its own too, but the
// real segment is silent meanwhile and resumes afterwards: not interleaved.)
bool Concurrent(const ais::Track& t, size_t a, size_t b) {
  uint32_t sa = t.segment(a), sb = t.segment(b);
  if (sa == sb) return false;
  int64_t lo = INT64_MIN, hi = INT64_MAX;
  for (const auto& s : t.segments())
    if (s.id == sa || s.id == sb) {
      lo = std::max(lo, s.start_ms);
      hi = std::min(hi, s.end_ms);
    }
  if (hi <= lo) return false;
  auto [first, last] = t.Range(lo, hi);
  bool has_a = false, has_b = false;
  for (size_t i = first; i < last && !(has_a && has_b); ++i) {
    has_a |= t.segment(i) == sa;
    has_b |= t.segment(i) == sb;
  }
  return has_a && has_b;
}

// Least-squares circle through points (Kasa's algebraic fit: x^2 + y^2 + Dx + Ey + F = 0
// is linear in D, E, F). Hand-written: a 3x3 solve needs no library. Returns false when
// the points are (nearly) collinear.
bool FitCircle(const std::vector<std::pair<double, double>>& pts, double* cx, double* cy,
               double* r) {
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sxz = 0, syz = 0, sz = 0;
  double n = static_cast<double>(pts.size());
  for (auto [x, y] : pts) {
    double z = x * x + y * y;
    sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
    sxz += x * z, syz += y * z, sz += z;
  }
  // [sxx sxy sx; sxy syy sy; sx sy n] [D E F]' = -[sxz syz sz]'
  double a[3][3] = {{sxx, sxy, sx}, {sxy, syy, sy}, {sx, sy, n}};
  double rhs[3] = {-sxz, -syz, -sz};
  auto det3 = [](double m[3][3]) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
           m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
           m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  };
  double det = det3(a);
  if (std::fabs(det) < 1e-12) return false;
  double sol[3];
  for (int c = 0; c < 3; ++c) {
    double m[3][3];
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) m[i][j] = j == c ? rhs[i] : a[i][j];
    sol[c] = det3(m) / det;
  }
  *cx = -sol[0] / 2;
  *cy = -sol[1] / 2;
  double rr = *cx * *cx + *cy * *cy - sol[2];
  if (!(rr > 0)) return false;
  *r = std::sqrt(rr);
  return true;
}

}  // namespace

void SpoofingEvents(const ais::Track& t, const std::string& imo, const Config& cfg,
                    std::vector<AisEvent>* out) {
  const double max_kn = cfg.GetDouble("maritime.spoof_max_speed_kn", 50);
  const double min_jump_km = cfg.GetDouble("maritime.spoof_min_jump_nm", 10) * kKmPerNm;
  const int64_t hold_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.spoof_min_hold_min", 30) * 60000);
  const int64_t max_fake_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.spoof_max_excursion_days", 10) * 86400000);
  const size_t n = t.size();
  if (n < 3) return;
  const bool shared = t.HasConcurrentSegments();
  auto jump = [&](size_t a, size_t b) {
    return HaversineKm(t.lat(a), t.lon(a), t.lat(b), t.lon(b)) >= min_jump_km &&
           ImpliedKn(t, a, b) > max_kn && !(shared && Concurrent(t, a, b));
  };
  // Isolated corrupt fixes: far from both neighbours that agree with each other.
  std::vector<size_t> keep;
  keep.reserve(n);
  size_t glitches = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && i + 1 < n && !keep.empty() && jump(keep.back(), i) && jump(i, i + 1) &&
        !jump(keep.back(), i + 1)) {
      ++glitches;
      continue;
    }
    keep.push_back(i);
  }
  // Sustained jumps (indices into keep): the fix after the jump is followed by fixes that
  // stay consistent with it for hold_ms.
  std::vector<size_t> jumps;
  for (size_t k = 1; k < keep.size(); ++k) {
    if (!jump(keep[k - 1], keep[k])) continue;
    size_t j = k;
    while (j + 1 < keep.size() && !jump(keep[j], keep[j + 1]) &&
           t.time_ms(keep[j + 1]) - t.time_ms(keep[k]) <= hold_ms)
      ++j;
    bool held = j + 1 < keep.size()
                    ? t.time_ms(keep[j + 1]) - t.time_ms(keep[k]) > hold_ms ||
                          (j > k && t.time_ms(keep[j]) - t.time_ms(keep[k]) >= hold_ms)
                    : t.time_ms(keep[j]) - t.time_ms(keep[k]) >= hold_ms;
    if (j == k && j + 1 < keep.size() && jump(keep[j], keep[j + 1])) held = false;
    if (held) jumps.push_back(k);
  }
  size_t ji = 0;
  while (ji < jumps.size()) {
    size_t k = jumps[ji];
    size_t before = keep[k - 1], first_fake = keep[k];
    // A later jump back to where the ship could be coming from `before`.
    size_t back = 0;
    size_t back_ji = ji + 1;
    for (; back_ji < jumps.size(); ++back_ji) {
      size_t b = keep[jumps[back_ji]];
      if (t.time_ms(b) - t.time_ms(before) > max_fake_ms) break;
      if (ImpliedKn(t, before, b) > max_kn / 2) continue;
      // The jump back must undo the jump out: either the fake track stays within a region
      // smaller than the jump (a position parked off somewhere), or the jump back is about
      // the jump out reversed. A ship whose data jumps at two different places (bad
      // positions at two ports a voyage apart) passes neither test.
      size_t last_fake = keep[jumps[back_ji] - 1];
      double coslat = std::cos(t.lat(before) * kDegToRad);
      double ox = (t.lon(first_fake) - t.lon(before)) * coslat,
             oy = t.lat(first_fake) - t.lat(before);
      double bx = (t.lon(b) - t.lon(last_fake)) * coslat, by = t.lat(b) - t.lat(last_fake);
      double on = std::hypot(ox, oy), bn = std::hypot(bx, by);
      bool reversed = on > 0 && bn > 0 && (ox * bx + oy * by) / (on * bn) < -0.7 && bn / on > 0.5 &&
                      bn / on < 2;
      double clat = 0, clon = 0;
      size_t cnt = 0;
      for (size_t q = k; q < jumps[back_ji]; ++q, ++cnt) {
        clat += t.lat(keep[q]);
        clon += t.lon(keep[q]);
      }
      clat /= static_cast<double>(cnt);
      clon /= static_cast<double>(cnt);
      double spread_km = 0;
      for (size_t q = k; q < jumps[back_ji]; ++q)
        spread_km = std::max(spread_km, HaversineKm(clat, clon, t.lat(keep[q]), t.lon(keep[q])));
      double jump_km =
          HaversineKm(t.lat(before), t.lon(before), t.lat(first_fake), t.lon(first_fake));
      if (reversed || spread_km <= jump_km / 2) {
        back = b;
        break;
      }
      break;  // the next jump is not a return: this one stays one-way
    }
    AisEvent ev;
    ev.type = "spoofing";
    ev.mmsi = MmsiStr(t.mmsi());
    ev.imo = imo;
    ev.start = t.time_ms(before) / 1000;
    double jump_nm =
        HaversineKm(t.lat(before), t.lon(before), t.lat(first_fake), t.lon(first_fake)) / kKmPerNm;
    if (back) {
      size_t last_fake = keep[jumps[back_ji] - 1];
      double lat = 0, lon = 0;
      size_t cnt = 0;
      for (size_t q = k; q < jumps[back_ji]; ++q, ++cnt) {
        lat += t.lat(keep[q]);
        lon += t.lon(keep[q]);
      }
      ev.end = t.time_ms(back) / 1000;
      ev.lat = lat / static_cast<double>(cnt);
      ev.lon = lon / static_cast<double>(cnt);
      ev.details = {
          {"kind", "teleport"},
          {"jump_nm", Num(jump_nm)},
          {"implied_speed_kn", Num(ImpliedKn(t, before, first_fake), 0)},
          {"fake_hours",
           Num(static_cast<double>(t.time_ms(last_fake) - t.time_ms(first_fake)) / 3.6e6)},
          {"fake_positions", std::to_string(cnt)},
          {"true_speed_kn", Num(ImpliedKn(t, before, back))},
          {"real_lat", Num(t.lat(before), 5)},
          {"real_lon", Num(t.lon(before), 5)},
          {"glitches", std::to_string(glitches)}};
      ji = back_ji + 1;
    } else {
      ev.end = t.time_ms(first_fake) / 1000;
      ev.lat = t.lat(first_fake);
      ev.lon = t.lon(first_fake);
      ev.details = {{"kind", "position_jump"},
                    {"jump_nm", Num(jump_nm)},
                    {"implied_speed_kn", Num(ImpliedKn(t, before, first_fake), 0)},
                    {"from_lat", Num(t.lat(before), 5)},
                    {"from_lon", Num(t.lon(before), 5)},
                    {"glitches", std::to_string(glitches)}};
      ++ji;
    }
    out->push_back(std::move(ev));
  }

  // Frozen positions while reporting movement.
  const size_t frozen_fixes =
      static_cast<size_t>(cfg.GetInt("maritime.spoof_frozen_min_fixes", 10));
  const int64_t frozen_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.spoof_frozen_min_hours", 2) * 3.6e6);
  const double moving_kn = cfg.GetDouble("maritime.spoof_moving_kn", 1);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    size_t moving = 0;
    while (j < n && t.lat_raw(j) == t.lat_raw(i) && t.lon_raw(j) == t.lon_raw(i)) {
      if (t.sog_kn(j) >= moving_kn) ++moving;
      ++j;
    }
    size_t cnt = j - i;
    if (cnt >= frozen_fixes && moving * 2 > cnt && t.time_ms(j - 1) - t.time_ms(i) >= frozen_ms) {
      AisEvent ev;
      ev.type = "spoofing";
      ev.mmsi = MmsiStr(t.mmsi());
      ev.imo = imo;
      ev.start = t.time_ms(i) / 1000;
      ev.end = t.time_ms(j - 1) / 1000;
      ev.lat = t.lat(i);
      ev.lon = t.lon(i);
      ev.details = {{"kind", "frozen_position"},
                    {"positions", std::to_string(cnt)},
                    {"moving_positions", std::to_string(moving)},
                    {"hours", Num(static_cast<double>(t.time_ms(j - 1) - t.time_ms(i)) / 3.6e6)}};
      out->push_back(std::move(ev));
    }
    i = j;
  }

  // Circles: windows of circle_hours, stepped by half a window.
  const int64_t win_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.spoof_circle_hours", 6) * 3.6e6);
  const double max_spread = cfg.GetDouble("maritime.spoof_circle_max_spread", 0.1);
  int64_t last_end = INT64_MIN;
  for (size_t i = 0; i < n && win_ms > 0;) {
    auto [b, e] = t.Range(t.time_ms(i), t.time_ms(i) + win_ms);
    size_t next = std::max(i + 1, t.Range(t.time_ms(i), t.time_ms(i) + win_ms / 2).second);
    if (e - b < 12 || t.time_ms(e - 1) - t.time_ms(b) < win_ms * 3 / 4) {
      i = next;
      continue;
    }
    size_t under_way = 0;
    double clat = 0, clon = 0;
    for (size_t k = b; k < e; ++k) {
      clat += t.lat(k);
      clon += t.lon(k);
      int st = t.status(k);
      if (t.sog_kn(k) >= moving_kn && st != 1 && st != 5) ++under_way;
    }
    size_t cnt = e - b;
    if (under_way * 10 < cnt * 8) {
      i = next;
      continue;
    }
    clat /= static_cast<double>(cnt);
    clon /= static_cast<double>(cnt);
    double coslat = std::cos(clat * kDegToRad);
    std::vector<std::pair<double, double>> pts;
    pts.reserve(cnt);
    for (size_t k = b; k < e; ++k)
      pts.push_back({(t.lon(k) - clon) * 111.195 * coslat, (t.lat(k) - clat) * 111.195});
    double fx = 0, fy = 0, mean = 0;
    if (!FitCircle(pts, &fx, &fy, &mean)) {
      i = next;
      continue;
    }
    double sum2 = 0, turn = 0, prev_ang = NAN;
    for (auto [x, y] : pts) {
      double d = std::hypot(x - fx, y - fy) - mean;
      sum2 += d * d;
      double ang = std::atan2(y - fy, x - fx);
      if (std::isfinite(prev_ang)) {
        double da = ang - prev_ang;
        while (da > M_PI) da -= 2 * M_PI;
        while (da < -M_PI) da += 2 * M_PI;
        turn += da;
      }
      prev_ang = ang;
    }
    double sd = std::sqrt(sum2 / static_cast<double>(cnt));
    clat += fy / 111.195;
    clon += fx / (111.195 * coslat);
    if (mean >= 0.05 && mean <= 20 && sd <= max_spread * mean && std::fabs(turn) >= 2 * M_PI &&
        t.time_ms(b) / 1000 > last_end) {
      AisEvent ev;
      ev.type = "spoofing";
      ev.mmsi = MmsiStr(t.mmsi());
      ev.imo = imo;
      ev.start = t.time_ms(b) / 1000;
      ev.end = t.time_ms(e - 1) / 1000;
      ev.lat = clat;
      ev.lon = clon;
      ev.details = {{"kind", "circle"},
                    {"radius_km", Num(mean, 2)},
                    {"radius_spread", Num(sd / mean, 3)},
                    {"revolutions", Num(std::fabs(turn) / (2 * M_PI))},
                    {"positions", std::to_string(cnt)}};
      last_end = ev.end;
      out->push_back(std::move(ev));
    }
    i = next;
  }
}

}  // namespace interdict::mar
