// Vessel tracks from AIS: a compact columnar per-MMSI position store, static-data history,
// MID flags, a GFW-style segmenter and time/area queries.
//
//   TrackBuilder     decoded AisMessages (or MarineCadastre CSV rows) -> TrackStore.
//                    Positions (types 1/2/3/18/19/27) and static data (5/19/24) are
//                    staged per MMSI, then Finish() sorts them by receive time, drops
//                    exact duplicates (one message heard by several stations), runs the
//                    segmenter and builds the columns and the grid index.
//   TrackStore       read-only after Finish()/Load(): Find(mmsi), Track::Range(t0, t1),
//                    ForEachInArea(box, t0, t1), Save()/Load() (docs/formats/tracks.md).
//   ReadMarineCadastreCsv()  MarineCadastre / NOAA CSV -> TrackBuilder, bad rows named.
//   BuildTracksFromDir()     every AIS file under a folder -> TrackStore, with counts.
//   FlagFromMmsi()   ISO 3166 alpha-2 of the MMSI's Maritime Identification Digits.
//
// Thread-safety: a TrackBuilder belongs to one thread. A finished TrackStore is immutable
// and may be read from any number of threads.
#ifndef INTERDICT_TRACKS_H_
#define INTERDICT_TRACKS_H_

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "interdict/ais.h"
#include "interdict/status.h"

namespace interdict::ais {

// ------------------------------------------------------------------ MID flags

// The Maritime Identification Digits of an MMSI, or -1 when it has none: ship stations
// MIDxxxxxx; group 0MIDxxxxx; coast 00MIDxxxx; SAR aircraft 111MIDxxx; craft associated
// with a parent ship 98MIDxxxx; aids to navigation 99MIDxxxx.
int MidOfMmsi(uint32_t mmsi);
// ISO 3166-1 alpha-2 code of the administration that owns `mid` ("" when unallocated).
// Territories keep their own code where ISO has one (Gibraltar GI, Hong Kong HK, Faroe FO).
std::string_view FlagFromMid(int mid);
std::string_view FlagFromMmsi(uint32_t mmsi);
// Every allocated MID with its flag, ascending (for tests and reports).
std::vector<std::pair<int, std::string_view>> MidTable();

// ------------------------------------------------------------------ positions

// Fixed-point units, as transmitted by AIS, so that NMEA positions round-trip exactly.
constexpr double kUnitsPerDegree = 600000.0;  // 1/10000 minute
constexpr uint16_t kSogNa = 1023;             // 0.1 knot units
constexpr uint16_t kCogNa = 3600;             // 0.1 degree units
constexpr uint16_t kHeadingNa = 511;          // degrees
constexpr uint8_t kStatusNa = 15;

enum class PosSource : uint8_t { kNmea = 0, kCsv = 1, kApi = 2 };

// One position as the builder takes it (already in fixed point).
struct PositionFix {
  int64_t time_ms = -1;      // receive time, unix ms
  int32_t lat = 0, lon = 0;  // 1/600000 degree
  uint16_t sog = kSogNa;     // 0.1 kn
  uint16_t cog = kCogNa;     // 0.1 degree
  uint16_t heading = kHeadingNa;
  uint8_t status = kStatusNa;
  bool class_b = false;
  bool accuracy = false;
  PosSource source = PosSource::kNmea;
};

// Static and voyage data as broadcast; empty/zero = not carried by the report.
struct StaticData {
  std::string name, callsign, destination;
  uint32_t imo = 0;
  uint8_t shiptype = 0;
  uint16_t length_m = 0, width_m = 0;  // to_bow + to_stern, to_port + to_starboard
  uint16_t to_bow = 0, to_stern = 0;
  uint8_t to_port = 0, to_starboard = 0;
  uint16_t draught_dm = 0;  // 0.1 m
  bool operator==(const StaticData&) const = default;
};

// A run of reports during which every identity field stayed the same. `first_ms` is the
// first report with these values, `last_ms` the last one before something changed (or the
// last report at all). Validity between two intervals is unknown, not either one's.
struct StaticInterval {
  int64_t first_ms = 0, last_ms = 0;
  StaticData data;
  PosSource source = PosSource::kNmea;
};

// A segment: the positions of one MMSI that the segmenter judged to be one ship. Several
// segments of one MMSI that overlap in time mean several ships share the MMSI (or one of
// them spoofs); a segment after a gap > max_gap_h starts fresh.
struct Segment {
  uint32_t id = 0;
  uint32_t count = 0;        // positions in it
  uint32_t first_index = 0;  // of its first and last position in the track
  uint32_t last_index = 0;
  int64_t start_ms = 0, end_ms = 0;
};

struct LatLonBox {
  double lat_min = -90, lat_max = 90;
  double lon_min = -180, lon_max = 180;  // lon_min > lon_max crosses the antimeridian
};

// One MMSI's positions, sorted by time, in columns (struct of arrays): detectors scan one
// or two columns at a time, and the columns save/load with delta encoding.
class Track {
 public:
  uint32_t mmsi() const { return mmsi_; }
  std::string_view flag() const { return FlagFromMmsi(mmsi_); }
  size_t size() const { return time_ms_.size(); }
  bool empty() const { return time_ms_.empty(); }

  int64_t time_ms(size_t i) const { return time_ms_[i]; }
  double lat(size_t i) const { return lat_[i] / kUnitsPerDegree; }
  double lon(size_t i) const { return lon_[i] / kUnitsPerDegree; }
  int32_t lat_raw(size_t i) const { return lat_[i]; }
  int32_t lon_raw(size_t i) const { return lon_[i]; }
  // Knots / degrees; NaN when not available.
  double sog_kn(size_t i) const { return sog_[i] == kSogNa ? NAN : sog_[i] / 10.0; }
  double cog_deg(size_t i) const { return cog_[i] >= kCogNa ? NAN : cog_[i] / 10.0; }
  int heading(size_t i) const { return heading_[i] >= 360 ? -1 : heading_[i]; }  // -1 n/a
  int status(size_t i) const { return bits_[i] & 0x0F; }                         // 15 = not defined
  bool class_b(size_t i) const { return (bits_[i] & 0x10) != 0; }
  bool accuracy(size_t i) const { return (bits_[i] & 0x20) != 0; }
  PosSource source(size_t i) const { return static_cast<PosSource>(bits_[i] >> 6); }
  uint32_t segment(size_t i) const { return seg_[i]; }

  // Positions with t0 <= time <= t1, as an index range [first, second).
  std::pair<size_t, size_t> Range(int64_t t0_ms, int64_t t1_ms) const;

  const std::vector<Segment>& segments() const { return segments_; }
  // Whether two of this MMSI's segments overlap in time (two ships on one MMSI at once).
  bool HasConcurrentSegments() const;

  const std::vector<StaticInterval>& statics() const { return statics_; }
  // The static interval in force at `t_ms`: the last one that started at or before it
  // (nullptr when none did).
  const StaticInterval* StaticAt(int64_t t_ms) const;

  // Bytes of heap memory held by this track.
  size_t MemoryBytes() const;

 private:
  friend class TrackStore;
  friend class TrackBuilder;
  friend struct TrackIo;
  void RebuildSegments();

  uint32_t mmsi_ = 0;
  std::vector<int64_t> time_ms_;
  std::vector<int32_t> lat_, lon_;
  std::vector<uint16_t> sog_, cog_, heading_;
  std::vector<uint8_t> bits_;
  std::vector<uint32_t> seg_;
  std::vector<Segment> segments_;
  std::vector<StaticInterval> statics_;
};

struct TrackOptions {
  // Segmenter (Global Fishing Watch gpsdio-segment defaults).
  double max_speed_kn = 25.0;  // implied speed above which a fix cannot follow a segment
  double max_gap_h = 8.0;      // a fix this long after a segment's last one starts a new one
  int max_open_segments = 20;  // more open at once: the one idle longest is closed
  // Fixes within this distance of a segment's last fix always fit it (GPS noise, the same
  // report from two stations a second apart would otherwise imply absurd speeds).
  double noise_nm = 0.5;
  // Grid cell size of the area index, degrees.
  double grid_deg = 1.0;
  // Receive time for messages without one: the last receive time seen earlier in the same
  // source (BeginSource() resets it); before any, fallback_time_ms + k * fallback_step_ms
  // for the k-th untimed message when fallback_time_ms >= 0, otherwise the message is
  // counted in no_time and not stored.
  int64_t fallback_time_ms = -1;
  int64_t fallback_step_ms = 0;
};

struct TrackBuildStats {
  uint64_t messages = 0;          // AisMessages offered
  uint64_t position_reports = 0;  // of which position types (1/2/3/18/19/27)
  uint64_t static_reports = 0;    // of which static types (5/19/24); 19 counts in both
  uint64_t other = 0;             // neither (base stations, AtoN, binary, ...)
  uint64_t positions_accepted = 0;
  uint64_t positions_no_time = 0;      // no receive time and no fallback
  uint64_t positions_no_position = 0;  // lat 91 / lon 181 (not available) or out of range
  uint64_t positions_bad_mmsi = 0;     // MMSI 0
  uint64_t duplicates = 0;             // same MMSI, time and position as another (Finish)
  uint64_t positions_stored = 0;       // accepted - duplicates (Finish)
  uint64_t tracks = 0;
  uint64_t segments = 0;
  uint64_t static_intervals = 0;
  // position_reports + CSV rows accepted = positions_accepted + positions_no_time +
  // positions_no_position + positions_bad_mmsi
  std::string ToString() const;
};

class TrackStore;

class TrackBuilder {
 public:
  explicit TrackBuilder(TrackOptions opts = {});
  ~TrackBuilder();
  TrackBuilder(const TrackBuilder&) = delete;
  TrackBuilder& operator=(const TrackBuilder&) = delete;

  // A new input file/stream starts: the carried-forward receive clock is reset.
  void BeginSource();
  // Any decoded message; non-position, non-static types are counted and ignored.
  void Add(const AisMessage& msg);
  // Already-converted input (CSV readers, simulators, tests). Fixes without a time are
  // counted as no_time; lat/lon are checked.
  void AddPosition(uint32_t mmsi, const PositionFix& fix);
  void AddStatic(uint32_t mmsi, int64_t time_ms, const StaticData& data,
                 PosSource source = PosSource::kNmea);

  // Sorts, de-duplicates, segments and indexes. The builder is empty afterwards.
  TrackStore Finish();
  const TrackBuildStats& stats() const { return stats_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  TrackOptions opts_;
  TrackBuildStats stats_;
};

// A reference to one stored position.
struct PositionRef {
  uint32_t track = 0;  // index into TrackStore::tracks()
  uint32_t index = 0;  // position within that track
};

class TrackStore {
 public:
  TrackStore() = default;
  TrackStore(TrackStore&&) = default;
  TrackStore& operator=(TrackStore&&) = default;

  const std::vector<Track>& tracks() const { return tracks_; }  // ascending MMSI
  const Track* Find(uint32_t mmsi) const;
  size_t position_count() const { return positions_; }

  // Calls fn(track, index) for every position inside `box` with t0 <= time <= t1, track
  // by track, in time order within a track. Uses the grid index: cost is proportional to
  // the grid cells the box touches and the positions in them, not to the store.
  void ForEachInArea(const LatLonBox& box, int64_t t0_ms, int64_t t1_ms,
                     const std::function<void(const Track&, size_t)>& fn) const;
  std::vector<PositionRef> QueryArea(const LatLonBox& box, int64_t t0_ms, int64_t t1_ms) const;

  // Heap bytes of tracks + index (what a stored position costs in memory).
  size_t MemoryBytes() const;
  const TrackBuildStats& build_stats() const { return build_stats_; }
  const TrackOptions& options() const { return opts_; }

  // docs/formats/tracks.md. Save() writes atomically.
  Status Save(const std::string& path) const;
  static Result<TrackStore> Load(const std::string& path, TrackOptions opts = {});
  // The same to/from memory (Save() = WriteFileAtomic(Serialize())).
  std::string Serialize() const;
  static Result<TrackStore> Deserialize(std::string_view bytes, std::string_view name,
                                        TrackOptions opts = {});

 private:
  friend class TrackBuilder;
  friend struct TrackIo;
  void BuildIndex();

  // The grid index: runs of consecutive positions of one track in one cell, sorted by
  // cell. Runs rather than positions keep it small (ships stay in a cell for hours).
  struct Run {
    uint32_t cell, track, begin, end;
  };
  TrackOptions opts_;
  std::vector<Track> tracks_;
  std::vector<Run> runs_;
  size_t positions_ = 0;
  TrackBuildStats build_stats_;
};

// ------------------------------------------------------------ MarineCadastre CSV

// One rejected row: where and why.
struct CsvRejection {
  std::string file;
  int64_t line = 0;
  std::string field;
  std::string reason;
};

struct CsvReadStats {
  uint64_t rows = 0;  // data rows (header excluded) = accepted + rejected
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  std::vector<CsvRejection> rejections;  // the first kMaxRejections, in order
  static constexpr size_t kMaxRejections = 10000;
};

// Whether `first_line` is a MarineCadastre header (MMSI, BaseDateTime, LAT and LON columns).
bool IsMarineCadastreHeader(std::string_view first_line);
// Reads `MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,
// Status,Length,Width,Draft,Cargo,TransceiverClass` (columns found by name, any order;
// MMSI, BaseDateTime, LAT, LON required) into `builder`: each good row adds a position and
// its static data. A row with an unparseable or impossible value is rejected whole and
// named. Fails only when the file cannot be read or has no usable header.
Status ReadMarineCadastreCsv(const std::string& path, TrackBuilder* builder, CsvReadStats* stats);
Status ReadMarineCadastreCsvText(std::string_view text, std::string_view file_name,
                                 TrackBuilder* builder, CsvReadStats* stats);

// ------------------------------------------------------------------ folders

enum class AisFileKind : uint8_t { kNotAis, kNmea, kMarineCadastre };
// By extension and content: *.nmea/*.nm4/*.aivdm are NMEA; *.txt/*.log/*.ais are NMEA when
// their first 64 KiB hold a !xxVDM/!xxVDO sentence; *.csv is MarineCadastre by header.
AisFileKind ClassifyAisFile(const std::string& path);

struct AisDirStats {
  std::vector<std::string> nmea_files, csv_files;  // relative to the folder, sorted
  uint64_t files_skipped = 0;                      // not recognised as AIS
  AisStats nmea;                                   // summed over NMEA files
  CsvReadStats csv;                                // summed over CSV files
  TrackBuildStats tracks;
  std::string ToString() const;
};

// Reads every AIS file under `dir` (recursively, in sorted path order so results do not
// depend on the file system) into one TrackStore. Unreadable files fail the call with the
// file named; bad lines and rows are only counted.
Result<TrackStore> BuildTracksFromDir(const std::string& dir, const TrackOptions& opts,
                                      AisDirStats* stats);

}  // namespace interdict::ais

#endif  // INTERDICT_TRACKS_H_
