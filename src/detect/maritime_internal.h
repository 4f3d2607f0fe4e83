// Internal to the maritime detectors (src/detect/maritime*.cc): geometry, the index of
// ports and anchorages, and the event builders each file contributes to DetectAisEvents().
//
// Files:
//   maritime.cc           orchestration, shared MMSI, gaps, encounters, MAR-* findings
//   maritime_places.cc    PlaceIndex (ports.csv + GFW named anchorages), port calls
//   maritime_behaviour.cc loitering, one-sided dark encounters (dark STS)
//   maritime_spoofing.cc  position jumps / teleports, frozen positions, circles
//   maritime_identity.cc  identity changes from static data, MMSI and flag changes
//
// Thread-safety: everything here is either pure or reads immutable inputs; a PlaceIndex is
// immutable after Build().
#ifndef INTERDICT_DETECT_MARITIME_INTERNAL_H_
#define INTERDICT_DETECT_MARITIME_INTERNAL_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "interdict/config.h"
#include "interdict/status.h"
#include "interdict/tracks.h"
#include "interdict/world.h"

namespace interdict::mar {

constexpr double kEarthKm = 6371.0088;
constexpr double kKmPerNm = 1.852;
constexpr double kDegToRad = M_PI / 180.0;

double HaversineKm(double lat1, double lon1, double lat2, double lon2);
// Fixed-decimals formatting for event details ("12.5").
std::string Num(double v, int decimals = 1);
inline std::string MmsiStr(uint32_t m) { return std::to_string(m); }
// A detail value of an event ("" / def when absent or not a number).
std::string DetailStr(const AisEvent& ev, const std::string& key);
double Detail(const AisEvent& ev, const std::string& key, double def);
// Median of the finite values (0 when there are none).
double Median(std::vector<float> v);

// A port (ports.csv) or a named anchorage point (GFW anchorages_pipeline).
struct Place {
  std::string id;       // UN/LOCODE for ports.csv; "gfw:<s2 token>" for anchorages
  std::string name;     // port name / GFW label
  std::string country;  // ISO 3166 alpha-2, "" when unknown
  double lat = 0, lon = 0;
  double entry_km = 3, exit_km = 4;  // port-visit entry / exit distances
  bool anchorage = false;            // from the GFW list (not a declared-port record)
};

// Ports and anchorages on a grid. Point queries (which places' exit circles contain a
// position) touch one cell: each place is registered in every cell its exit circle
// touches. Nearest-place queries scan rings of a coarser grid.
class PlaceIndex {
 public:
  void Add(Place p);
  // Builds both grids; call once after the last Add().
  void Build();
  bool empty() const { return places_.empty(); }
  size_t size() const { return places_.size(); }
  const std::vector<Place>& places() const { return places_; }
  const Place& at(uint32_t i) const { return places_[i]; }

  // Places whose exit circle may contain (lat, lon) (candidates; check the distance).
  const std::vector<uint32_t>* Candidates(double lat, double lon) const;
  // The nearest place within max_km, or -1; *km receives its distance.
  int32_t Nearest(double lat, double lon, double max_km, double* km) const;
  // Whether (lat, lon) lies inside a port area: within max(min_km, place radius) of a
  // ports.csv port, or within min_km of an anchorage.
  bool InPortArea(double lat, double lon, double min_km) const;

 private:
  static uint64_t FineKey(int64_t y, int64_t x);
  static uint64_t CoarseKey(int64_t y, int64_t x);
  // The nearest place within radius_km of the 1-degree cells covering that box.
  int32_t ScanBox(double lat, double lon, double radius_km, double* best_km) const;
  std::vector<Place> places_;
  double max_port_km_ = 0;
  std::unordered_map<uint64_t, std::vector<uint32_t>> fine_;    // kFineDeg cells
  std::unordered_map<uint64_t, std::vector<uint32_t>> coarse_;  // 1-degree cells, by centre
};

// ports.csv (World::ports: lat, lon, radius_km, country) plus, when
// maritime.anchorages_path names a GFW anchorage_overrides.csv (or a folder holding one),
// GFW's named anchorages. A missing or unreadable anchorage file is a warning in *warning.
PlaceIndex BuildPlaces(const World& w, const Config& cfg, std::string* warning);
// Reads GFW `s2id,latitude,longitude,label,sublabel,iso3` rows into `index`.
Status LoadGfwAnchorages(const std::string& path, const Config& cfg, PlaceIndex* index,
                         size_t* loaded);
// ISO 3166 alpha-3 -> alpha-2 ("" when unknown), from ICU's region data.
std::string CountryAlpha2(const std::string& alpha3);

// MMSI -> IMOs of the vessels that broadcast it (world.vessels' mmsi values).
using ImoMap = std::unordered_map<std::string, std::vector<std::string>>;
ImoMap ImosByMmsi(const World& w);
std::string FirstImo(const ImoMap& m, const std::string& mmsi);

// ------------------------------------------------------------ event builders

// GFW port visits of one track: entry within entry_km, exit beyond exit_km, stopped
// below/above maritime.port_stop_begin_kn / port_stop_end_kn. Appends `port_call` events.
void PortCallEvents(const ais::Track& t, const std::string& imo, const PlaceIndex& places,
                    const Config& cfg, std::vector<AisEvent>* out);

// Offshore loitering runs of one track (`loitering` events).
void LoiteringEvents(const ais::Track& t, const std::string& imo, const PlaceIndex& places,
                     const Config& cfg, std::vector<AisEvent>* out);
// One-sided dark encounters: a `gap` of one vessel that starts or ends next to another
// vessel's `loitering` event, when the dark vessel could have been alongside. Reads the
// gap and loitering events in `events`, appends `dark_encounter` events.
void DarkEncounterEvents(const ais::TrackStore& store, const Config& cfg,
                         std::vector<AisEvent>* events);

// Position jumps, frozen positions and circles of one track (`spoofing` events).
void SpoofingEvents(const ais::Track& t, const std::string& imo, const Config& cfg,
                    std::vector<AisEvent>* out);

// Identity changes from static data (name, IMO, call sign per MMSI), MMSI and flag
// changes of one IMO across MMSIs, and broadcasts of a listed vessel's former name or
// IMO (`identity_change` events).
void IdentityEvents(const World& w, const ais::TrackStore& store, const Config& cfg,
                    std::vector<AisEvent>* out);

}  // namespace interdict::mar

#endif  // INTERDICT_DETECT_MARITIME_INTERNAL_H_
