// Built-in reference tables for the simulator: real seaports (UN/LOCODE and coordinates),
// a sea-lane waypoint graph, trade lanes, HS-6 codes with market unit values, flag states
// with their MIDs, and per-country naming material. Compact on purpose: enough for a world
// that looks real, not a substitute for the full UN/LOCODE or HS nomenclature.
// Thread-safety: immutable; safe from any thread.
#ifndef INTERDICT_SIMULATE_TABLES_H_
#define INTERDICT_SIMULATE_TABLES_H_

#include <string>
#include <string_view>
#include <vector>

namespace interdict::sim {

struct PortInfo {
  const char* locode;
  const char* name;
  double lat, lon;       // berth area
  double anch_lat, anch_lon;  // outer anchorage / pilot station
  const char* waypoints;  // ';'-separated sea waypoints the port connects to
  std::string country() const { return std::string(locode, 2); }
};
const std::vector<PortInfo>& Ports();
int FindPort(std::string_view locode);  // index or -1

struct Waypoint {
  const char* name;
  double lat, lon;
};
const std::vector<Waypoint>& Waypoints();
// Polyline (lat, lon pairs) from port a to port b along the waypoint graph.
std::vector<std::pair<double, double>> SeaRoute(int port_a, int port_b);
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

struct Lane {
  const char* name;
  const char* vessel_types;  // letters: C container, B bulk, T tanker, G general cargo
  const char* ports;         // ';'-separated locodes
  bool rotation;             // liner service: visit in order
};
const std::vector<Lane>& Lanes();

struct HsInfo {
  const char* hs6;
  const char* description;
  const char* unit;     // kg, pcs, l
  double unit_value;    // median USD per unit
  double sigma;         // lognormal sigma of the unit value
  double kg_per_unit;   // net kg per unit (1 for kg)
  char cargo;           // C container, B bulk, T tanker, G general
  const char* short_desc;  // how a trader writes it
};
const std::vector<HsInfo>& HsTable();
int FindHs(std::string_view hs6);

struct FlagInfo {
  const char* country;
  const char* mids;  // ';'-separated
  bool open_registry;   // flag of convenience
  bool shadow;          // favoured by the shadow fleet
};
const std::vector<FlagInfo>& Flags();

struct CountryNames {
  const char* country;
  const char* cities;        // ';'-separated
  const char* legal_forms;   // ';'-separated
  const char* name_words;    // ';'-separated company name stems
  const char* first_names;   // ';'-separated
  const char* last_names;    // ';'-separated
  const char* streets;       // ';'-separated street names
  const char* currency;
  const char* name_style;    // "pre" (form before name), "post"
};
const CountryNames& NamesFor(std::string_view country);  // a generic table if unknown

// Words of a company's trade (appended to name stems), by sector letter.
const std::vector<std::string>& SectorWords(char sector);

}  // namespace interdict::sim

#endif  // INTERDICT_SIMULATE_TABLES_H_
