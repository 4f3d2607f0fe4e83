// Track building: staging per MMSI, sort, de-duplication, segmentation, static-data
// intervals, columns and the grid index; queries on the finished store.
#include "interdict/tracks.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>
#include <unordered_map>

namespace interdict::ais {

std::string TrackBuildStats::ToString() const {
  std::ostringstream os;
  os << "messages=" << messages << " position_reports=" << position_reports
     << " static_reports=" << static_reports << " other=" << other
     << " accepted=" << positions_accepted << " no_time=" << positions_no_time
     << " no_position=" << positions_no_position << " bad_mmsi=" << positions_bad_mmsi
     << " duplicates=" << duplicates << " stored=" << positions_stored << " tracks=" << tracks
     << " segments=" << segments << " static_intervals=" << static_intervals;
  return os.str();
}

namespace {

constexpr int32_t kMaxLat = 90 * 600000;
constexpr int32_t kMaxLon = 180 * 600000;
constexpr double kEarthRadiusNm = 3440.065;
constexpr double kDegToRad = M_PI / 180.0;

// One staged fix: 24 bytes, sorted in place at Finish().
struct Staged {
  int64_t t;
  int32_t lat, lon;
  uint16_t sog, cog, heading;
  uint8_t bits;
  uint8_t pad;
};
static_assert(sizeof(Staged) == 24);

struct StagedStatic {
  int64_t t;
  StaticData d;
  PosSource source;
};

uint8_t PackBits(const PositionFix& f) {
  return static_cast<uint8_t>((f.status & 0x0F) | (f.class_b ? 0x10 : 0) | (f.accuracy ? 0x20 : 0) |
                              (static_cast<uint8_t>(f.source) << 6));
}

double DistanceNm(int32_t lat1, int32_t lon1, int32_t lat2, int32_t lon2) {
  const double p1 = lat1 / kUnitsPerDegree * kDegToRad, p2 = lat2 / kUnitsPerDegree * kDegToRad;
  const double dp = p2 - p1;
  const double dl = (lon2 - lon1) / kUnitsPerDegree * kDegToRad;
  const double a = std::sin(dp / 2) * std::sin(dp / 2) +
                   std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * kEarthRadiusNm * std::asin(std::sqrt(std::min(1.0, a)));
}

// Fills fields of `cur` that are empty from `add`; returns false (and leaves `cur` alone)
// when `add` carries a value that differs from a non-empty one in `cur`.
bool FillIn(StaticData* cur, const StaticData& add) {
  auto conflict_s = [](const std::string& a, const std::string& b) {
    return !a.empty() && !b.empty() && a != b;
  };
  auto conflict_n = [](auto a, auto b) { return a != 0 && b != 0 && a != b; };
  if (conflict_s(cur->name, add.name) || conflict_s(cur->callsign, add.callsign) ||
      conflict_s(cur->destination, add.destination) || conflict_n(cur->imo, add.imo) ||
      conflict_n(cur->shiptype, add.shiptype) || conflict_n(cur->length_m, add.length_m) ||
      conflict_n(cur->width_m, add.width_m) || conflict_n(cur->draught_dm, add.draught_dm)) {
    return false;
  }
  if (cur->name.empty()) cur->name = add.name;
  if (cur->callsign.empty()) cur->callsign = add.callsign;
  if (cur->destination.empty()) cur->destination = add.destination;
  if (cur->imo == 0) cur->imo = add.imo;
  if (cur->shiptype == 0) cur->shiptype = add.shiptype;
  if (cur->length_m == 0) {
    cur->length_m = add.length_m;
    cur->to_bow = add.to_bow;
    cur->to_stern = add.to_stern;
  }
  if (cur->width_m == 0) {
    cur->width_m = add.width_m;
    cur->to_port = add.to_port;
    cur->to_starboard = add.to_starboard;
  }
  if (cur->draught_dm == 0) cur->draught_dm = add.draught_dm;
  return true;
}

// A changed report keeps the previous values of the fields it does not carry (a type 24
// part A says nothing about the call sign).
StaticData Overlay(const StaticData& cur, const StaticData& add) {
  StaticData d = cur;
  if (!add.name.empty()) d.name = add.name;
  if (!add.callsign.empty()) d.callsign = add.callsign;
  if (!add.destination.empty()) d.destination = add.destination;
  if (add.imo != 0) d.imo = add.imo;
  if (add.shiptype != 0) d.shiptype = add.shiptype;
  if (add.length_m != 0) {
    d.length_m = add.length_m;
    d.to_bow = add.to_bow;
    d.to_stern = add.to_stern;
  }
  if (add.width_m != 0) {
    d.width_m = add.width_m;
    d.to_port = add.to_port;
    d.to_starboard = add.to_starboard;
  }
  if (add.draught_dm != 0) d.draught_dm = add.draught_dm;
  return d;
}

void SetDims(StaticData* d, uint16_t bow, uint16_t stern, uint8_t port, uint8_t starboard) {
  d->to_bow = bow;
  d->to_stern = stern;
  d->to_port = port;
  d->to_starboard = starboard;
  d->length_m = static_cast<uint16_t>(bow + stern);
  d->width_m = static_cast<uint16_t>(port + starboard);
}

}  // namespace

// ------------------------------------------------------------------ Track

std::pair<size_t, size_t> Track::Range(int64_t t0_ms, int64_t t1_ms) const {
  auto b = std::lower_bound(time_ms_.begin(), time_ms_.end(), t0_ms);
  auto e = std::upper_bound(b, time_ms_.end(), t1_ms);
  return {static_cast<size_t>(b - time_ms_.begin()), static_cast<size_t>(e - time_ms_.begin())};
}

bool Track::HasConcurrentSegments() const {
  // Segments sorted by start: any one starting before the latest end so far overlaps.
  std::vector<std::pair<int64_t, int64_t>> spans;
  spans.reserve(segments_.size());
  for (const Segment& s : segments_) spans.emplace_back(s.start_ms, s.end_ms);
  std::sort(spans.begin(), spans.end());
  int64_t max_end = INT64_MIN;
  for (const auto& [start, end] : spans) {
    if (start < max_end) return true;
    max_end = std::max(max_end, end);
  }
  return false;
}

const StaticInterval* Track::StaticAt(int64_t t_ms) const {
  auto it = std::upper_bound(statics_.begin(), statics_.end(), t_ms,
                             [](int64_t t, const StaticInterval& s) { return t < s.first_ms; });
  if (it == statics_.begin()) return nullptr;
  return &*(it - 1);
}

size_t Track::MemoryBytes() const {
  size_t b = time_ms_.capacity() * sizeof(int64_t) + (lat_.capacity() + lon_.capacity()) * 4 +
             (sog_.capacity() + cog_.capacity() + heading_.capacity()) * 2 + bits_.capacity() +
             seg_.capacity() * 4 + segments_.capacity() * sizeof(Segment) +
             statics_.capacity() * sizeof(StaticInterval);
  for (const StaticInterval& s : statics_) {
    // Strings beyond the small-string buffer live on the heap.
    for (const std::string* str : {&s.data.name, &s.data.callsign, &s.data.destination}) {
      if (str->capacity() > 15) b += str->capacity() + 1;
    }
  }
  return b;
}

void Track::RebuildSegments() {
  segments_.clear();
  std::unordered_map<uint32_t, uint32_t> slot;
  for (size_t i = 0; i < seg_.size(); ++i) {
    auto [it, fresh] = slot.try_emplace(seg_[i], static_cast<uint32_t>(segments_.size()));
    if (fresh) {
      Segment s;
      s.id = seg_[i];
      s.first_index = static_cast<uint32_t>(i);
      s.start_ms = time_ms_[i];
      segments_.push_back(s);
    }
    Segment& s = segments_[it->second];
    ++s.count;
    s.last_index = static_cast<uint32_t>(i);
    s.end_ms = time_ms_[i];
  }
  std::sort(segments_.begin(), segments_.end(),
            [](const Segment& a, const Segment& b) { return a.id < b.id; });
}

// ------------------------------------------------------------------ builder

struct TrackBuilder::Impl {
  struct Vessel {
    uint32_t mmsi;
    std::vector<Staged> fixes;
    std::vector<StagedStatic> statics;
  };
  std::vector<Vessel> vessels;
  std::unordered_map<uint32_t, uint32_t> index;
  uint32_t last_mmsi = 0;
  uint32_t last_slot = 0;
  bool have_last = false;
  int64_t clock_ms = -1;  // carried receive time of the current source
  int64_t untimed = 0;    // untimed messages given a fallback time

  Vessel& Get(uint32_t mmsi) {
    if (have_last && mmsi == last_mmsi) return vessels[last_slot];
    auto [it, fresh] = index.try_emplace(mmsi, static_cast<uint32_t>(vessels.size()));
    if (fresh) vessels.push_back(Vessel{mmsi, {}, {}});
    last_mmsi = mmsi;
    last_slot = it->second;
    have_last = true;
    return vessels[last_slot];
  }
};

TrackBuilder::TrackBuilder(TrackOptions opts) : impl_(std::make_unique<Impl>()), opts_(opts) {}
TrackBuilder::~TrackBuilder() = default;

void TrackBuilder::BeginSource() { impl_->clock_ms = -1; }

void TrackBuilder::Add(const AisMessage& m) {
  ++stats_.messages;
  // The receive clock: a message without its own time was heard after the last timed one.
  int64_t t = m.rx_time_ms;
  if (t >= 0) {
    impl_->clock_ms = t;
  } else if (impl_->clock_ms >= 0) {
    t = impl_->clock_ms;
  } else if (opts_.fallback_time_ms >= 0) {
    t = opts_.fallback_time_ms + impl_->untimed++ * opts_.fallback_step_ms;
  }
  PositionFix f;
  f.time_ms = t;
  bool is_pos = true;
  switch (m.type) {
    case 1:
    case 2:
    case 3:
      f.lat = m.t1.lat;
      f.lon = m.t1.lon;
      f.sog = m.t1.speed;
      f.cog = m.t1.course;
      f.heading = m.t1.heading;
      f.status = m.t1.status;
      f.accuracy = m.t1.accuracy;
      break;
    case 18:
    case 19:
      f.lat = m.t18.lat;
      f.lon = m.t18.lon;
      f.sog = m.t18.speed;
      f.cog = m.t18.course;
      f.heading = m.t18.heading;
      f.class_b = true;
      f.accuracy = m.t18.accuracy;
      break;
    case 27:
      // Long-range reports are in 1/10 minute, whole knots and whole degrees.
      f.lat = m.t27.lat == 91 * 600 ? 91 * 600000 : m.t27.lat * 1000;
      f.lon = m.t27.lon == 181 * 600 ? 181 * 600000 : m.t27.lon * 1000;
      f.sog = m.t27.speed == 63 ? kSogNa : static_cast<uint16_t>(m.t27.speed * 10);
      f.cog = m.t27.course >= 360 ? kCogNa : static_cast<uint16_t>(m.t27.course * 10);
      f.status = m.t27.status;
      f.accuracy = m.t27.accuracy;
      break;
    default:
      is_pos = false;
  }
  if (is_pos) {
    ++stats_.position_reports;
    AddPosition(m.mmsi, f);
  }
  bool is_static = true;
  StaticData d;
  switch (m.type) {
    case 5:
      d.name = m.t5.shipname;
      d.callsign = m.t5.callsign;
      d.destination = m.t5.destination;
      d.imo = m.t5.imo;
      d.shiptype = m.t5.shiptype;
      SetDims(&d, m.t5.to_bow, m.t5.to_stern, m.t5.to_port, m.t5.to_starboard);
      d.draught_dm = m.t5.draught;
      break;
    case 19:
      d.name = m.t18.shipname;
      d.shiptype = m.t18.shiptype;
      SetDims(&d, m.t18.to_bow, m.t18.to_stern, m.t18.to_port, m.t18.to_starboard);
      break;
    case 24:
      if (m.t24.partno == 0) {
        d.name = m.t24.shipname;
      } else {
        d.shiptype = m.t24.shiptype;
        d.callsign = m.t24.callsign;
        // Auxiliary craft (98MIDxxxx) send the mother ship's MMSI in place of dimensions.
        if (m.mmsi / 10'000'000u != 98) {
          SetDims(&d, m.t24.to_bow, m.t24.to_stern, m.t24.to_port, m.t24.to_starboard);
        }
      }
      break;
    default:
      is_static = false;
  }
  if (is_static) {
    ++stats_.static_reports;
    if (t >= 0 && m.mmsi != 0) AddStatic(m.mmsi, t, d);
  }
  if (!is_pos && !is_static) ++stats_.other;
}

void TrackBuilder::AddPosition(uint32_t mmsi, const PositionFix& f) {
  if (mmsi == 0) {
    ++stats_.positions_bad_mmsi;
    return;
  }
  if (f.lat < -kMaxLat || f.lat > kMaxLat || f.lon < -kMaxLon || f.lon > kMaxLon) {
    ++stats_.positions_no_position;
    return;
  }
  if (f.time_ms < 0) {
    ++stats_.positions_no_time;
    return;
  }
  ++stats_.positions_accepted;
  Staged s;
  s.t = f.time_ms;
  s.lat = f.lat;
  s.lon = f.lon;
  s.sog = f.sog > kSogNa ? kSogNa : f.sog;
  s.cog = f.cog > kCogNa ? kCogNa : f.cog;
  s.heading = f.heading > kHeadingNa ? kHeadingNa : f.heading;
  s.bits = PackBits(f);
  s.pad = 0;
  impl_->Get(mmsi).fixes.push_back(s);
}

void TrackBuilder::AddStatic(uint32_t mmsi, int64_t time_ms, const StaticData& data,
                             PosSource source) {
  if (mmsi == 0 || time_ms < 0) return;
  StaticData d = data;
  // IMO numbers are 7 digits; AIS units send 0 or junk when none is programmed.
  if (d.imo < 1'000'000 || d.imo > 9'999'999) d.imo = 0;
  impl_->Get(mmsi).statics.push_back(StagedStatic{time_ms, std::move(d), source});
}

namespace {

// GFW gpsdio-segment, simplified: a fix joins the open segment nearest to it among those
// it could have reached (implied speed <= max_speed, or within the noise distance) and
// that have not been idle longer than max_gap; otherwise it opens a new segment, closing
// the longest-idle one when max_open segments are already open.
void SegmentTrack(const TrackOptions& o, const std::vector<Staged>& fx,
                  std::vector<uint32_t>* seg) {
  struct Open {
    uint32_t id;
    int64_t last_t;
    int32_t lat, lon;
  };
  std::vector<Open> open;
  uint32_t next_id = 0;
  const int64_t max_gap_ms = static_cast<int64_t>(o.max_gap_h * 3'600'000.0);
  const size_t max_open = o.max_open_segments < 1 ? 1 : static_cast<size_t>(o.max_open_segments);
  seg->resize(fx.size());
  for (size_t i = 0; i < fx.size(); ++i) {
    const Staged& p = fx[i];
    int best = -1;
    double best_d = 0;
    for (size_t k = 0; k < open.size();) {
      const int64_t dt = p.t - open[k].last_t;
      if (dt > max_gap_ms) {
        open[k] = open.back();  // idle too long: closed for good
        open.pop_back();
        continue;
      }
      const double d = DistanceNm(open[k].lat, open[k].lon, p.lat, p.lon);
      if (d <= o.noise_nm || d <= o.max_speed_kn * (static_cast<double>(dt) / 3'600'000.0)) {
        if (best < 0 || d < best_d) {
          best = static_cast<int>(k);
          best_d = d;
        }
      }
      ++k;
    }
    if (best < 0) {
      if (open.size() >= max_open) {
        size_t idle = 0;
        for (size_t k = 1; k < open.size(); ++k) {
          if (open[k].last_t < open[idle].last_t) idle = k;
        }
        open[idle] = open.back();
        open.pop_back();
      }
      open.push_back(Open{next_id++, p.t, p.lat, p.lon});
      best = static_cast<int>(open.size() - 1);
    }
    Open& s = open[static_cast<size_t>(best)];
    s.last_t = p.t;
    s.lat = p.lat;
    s.lon = p.lon;
    (*seg)[i] = s.id;
  }
}

std::vector<StaticInterval> BuildIntervals(std::vector<StagedStatic>* obs) {
  std::stable_sort(obs->begin(), obs->end(),
                   [](const StagedStatic& a, const StagedStatic& b) { return a.t < b.t; });
  std::vector<StaticInterval> out;
  for (StagedStatic& o : *obs) {
    if (!out.empty()) {
      StaticInterval& cur = out.back();
      if (FillIn(&cur.data, o.d)) {
        cur.last_ms = o.t;
        continue;
      }
      StaticInterval next;
      next.first_ms = next.last_ms = o.t;
      next.data = Overlay(cur.data, o.d);
      next.source = o.source;
      out.push_back(std::move(next));
      continue;
    }
    StaticInterval first;
    first.first_ms = first.last_ms = o.t;
    first.data = std::move(o.d);
    first.source = o.source;
    out.push_back(std::move(first));
  }
  return out;
}

}  // namespace

TrackStore TrackBuilder::Finish() {
  TrackStore store;
  store.opts_ = opts_;
  std::vector<Impl::Vessel>& vs = impl_->vessels;
  std::sort(vs.begin(), vs.end(),
            [](const Impl::Vessel& a, const Impl::Vessel& b) { return a.mmsi < b.mmsi; });
  store.tracks_.reserve(vs.size());
  for (Impl::Vessel& v : vs) {
    // Sorting on every field puts exact copies (one broadcast heard by two stations, or
    // the same file read twice) next to each other, and makes the order deterministic.
    std::sort(v.fixes.begin(), v.fixes.end(), [](const Staged& a, const Staged& b) {
      if (a.t != b.t) return a.t < b.t;
      if (a.lat != b.lat) return a.lat < b.lat;
      if (a.lon != b.lon) return a.lon < b.lon;
      if (a.sog != b.sog) return a.sog < b.sog;
      if (a.cog != b.cog) return a.cog < b.cog;
      if (a.heading != b.heading) return a.heading < b.heading;
      return a.bits < b.bits;
    });
    auto last = std::unique(v.fixes.begin(), v.fixes.end(), [](const Staged& a, const Staged& b) {
      return a.t == b.t && a.lat == b.lat && a.lon == b.lon;
    });
    stats_.duplicates += static_cast<uint64_t>(v.fixes.end() - last);
    v.fixes.erase(last, v.fixes.end());

    Track tr;
    tr.mmsi_ = v.mmsi;
    const size_t n = v.fixes.size();
    tr.time_ms_.resize(n);
    tr.lat_.resize(n);
    tr.lon_.resize(n);
    tr.sog_.resize(n);
    tr.cog_.resize(n);
    tr.heading_.resize(n);
    tr.bits_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const Staged& s = v.fixes[i];
      tr.time_ms_[i] = s.t;
      tr.lat_[i] = s.lat;
      tr.lon_[i] = s.lon;
      tr.sog_[i] = s.sog;
      tr.cog_[i] = s.cog;
      tr.heading_[i] = s.heading;
      tr.bits_[i] = s.bits;
    }
    SegmentTrack(opts_, v.fixes, &tr.seg_);
    tr.RebuildSegments();
    tr.statics_ = BuildIntervals(&v.statics);
    std::vector<Staged>().swap(v.fixes);
    std::vector<StagedStatic>().swap(v.statics);
    stats_.segments += tr.segments_.size();
    stats_.static_intervals += tr.statics_.size();
    store.positions_ += n;
    store.tracks_.push_back(std::move(tr));
  }
  stats_.positions_stored = store.positions_;
  stats_.tracks = store.tracks_.size();
  store.BuildIndex();
  store.build_stats_ = stats_;
  impl_ = std::make_unique<Impl>();
  return store;
}

// ------------------------------------------------------------------ store

namespace {

struct Grid {
  int32_t cell_units;  // cell edge in 1/600000 degree
  uint32_t rows, cols;
  explicit Grid(double deg) {
    double d = deg > 0.01 && deg <= 90 ? deg : 1.0;
    cell_units = static_cast<int32_t>(std::lround(d * kUnitsPerDegree));
    rows = static_cast<uint32_t>((2 * kMaxLat + cell_units - 1) / cell_units);
    cols = static_cast<uint32_t>((2 * kMaxLon + cell_units - 1) / cell_units);
  }
  uint32_t Row(int64_t lat) const {
    int64_t r = (std::clamp<int64_t>(lat, -kMaxLat, kMaxLat) + kMaxLat) / cell_units;
    return static_cast<uint32_t>(std::min<int64_t>(r, rows - 1));
  }
  uint32_t Col(int64_t lon) const {
    int64_t c = (std::clamp<int64_t>(lon, -kMaxLon, kMaxLon) + kMaxLon) / cell_units;
    return static_cast<uint32_t>(std::min<int64_t>(c, cols - 1));
  }
  uint32_t Cell(int32_t lat, int32_t lon) const { return Row(lat) * cols + Col(lon); }
};

}  // namespace

void TrackStore::BuildIndex() {
  runs_.clear();
  const Grid g(opts_.grid_deg);
  for (uint32_t ti = 0; ti < tracks_.size(); ++ti) {
    const Track& t = tracks_[ti];
    uint32_t begin = 0;
    uint32_t cell = 0;
    for (uint32_t i = 0; i < t.size(); ++i) {
      const uint32_t c = g.Cell(t.lat_[i], t.lon_[i]);
      if (i == 0) {
        cell = c;
      } else if (c != cell) {
        runs_.push_back(Run{cell, ti, begin, i});
        begin = i;
        cell = c;
      }
    }
    if (!t.empty()) runs_.push_back(Run{cell, ti, begin, static_cast<uint32_t>(t.size())});
  }
  std::sort(runs_.begin(), runs_.end(), [](const Run& a, const Run& b) {
    if (a.cell != b.cell) return a.cell < b.cell;
    if (a.track != b.track) return a.track < b.track;
    return a.begin < b.begin;
  });
  runs_.shrink_to_fit();
}

const Track* TrackStore::Find(uint32_t mmsi) const {
  auto it = std::lower_bound(tracks_.begin(), tracks_.end(), mmsi,
                             [](const Track& t, uint32_t m) { return t.mmsi() < m; });
  if (it == tracks_.end() || it->mmsi() != mmsi) return nullptr;
  return &*it;
}

std::vector<PositionRef> TrackStore::QueryArea(const LatLonBox& box, int64_t t0_ms,
                                               int64_t t1_ms) const {
  std::vector<PositionRef> out;
  if (box.lat_min > box.lat_max || t0_ms > t1_ms) return out;
  const Grid g(opts_.grid_deg);
  const int64_t la0 = std::llround(box.lat_min * kUnitsPerDegree);
  const int64_t la1 = std::llround(box.lat_max * kUnitsPerDegree);
  // A box crossing the antimeridian is two boxes.
  std::vector<std::pair<int64_t, int64_t>> lons;
  const int64_t lo0 = std::llround(box.lon_min * kUnitsPerDegree);
  const int64_t lo1 = std::llround(box.lon_max * kUnitsPerDegree);
  if (lo0 <= lo1) {
    lons.emplace_back(lo0, lo1);
  } else {
    lons.emplace_back(lo0, kMaxLon);
    lons.emplace_back(-kMaxLon, lo1);
  }
  const uint32_t r0 = g.Row(la0), r1 = g.Row(la1);
  for (const auto& [a, b] : lons) {
    const uint32_t c0 = g.Col(a), c1 = g.Col(b);
    for (uint32_t r = r0; r <= r1; ++r) {
      for (uint32_t c = c0; c <= c1; ++c) {
        const uint32_t cell = r * g.cols + c;
        auto lo = std::lower_bound(runs_.begin(), runs_.end(), cell,
                                   [](const Run& x, uint32_t v) { return x.cell < v; });
        for (auto it = lo; it != runs_.end() && it->cell == cell; ++it) {
          const Track& t = tracks_[it->track];
          const int64_t* tb = t.time_ms_.data();
          size_t i =
              static_cast<size_t>(std::lower_bound(tb + it->begin, tb + it->end, t0_ms) - tb);
          for (; i < it->end && tb[i] <= t1_ms; ++i) {
            const int64_t la = t.lat_[i], lo_ = t.lon_[i];
            if (la >= la0 && la <= la1 && lo_ >= a && lo_ <= b) {
              out.push_back(PositionRef{it->track, static_cast<uint32_t>(i)});
            }
          }
        }
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const PositionRef& x, const PositionRef& y) {
    return x.track != y.track ? x.track < y.track : x.index < y.index;
  });
  // A position on the antimeridian lies in both halves of a crossing box.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const PositionRef& x, const PositionRef& y) {
                          return x.track == y.track && x.index == y.index;
                        }),
            out.end());
  return out;
}

void TrackStore::ForEachInArea(const LatLonBox& box, int64_t t0_ms, int64_t t1_ms,
                               const std::function<void(const Track&, size_t)>& fn) const {
  for (const PositionRef& r : QueryArea(box, t0_ms, t1_ms)) fn(tracks_[r.track], r.index);
}

size_t TrackStore::MemoryBytes() const {
  size_t b = tracks_.capacity() * sizeof(Track) + runs_.capacity() * sizeof(Run);
  for (const Track& t : tracks_) b += t.MemoryBytes();
  return b;
}

}  // namespace interdict::ais
