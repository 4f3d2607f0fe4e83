// The simulator's in-memory world: parties, vessels and their timelines, trade records and
// the answer key. Internal to src/simulate; see include/interdict/simulate.h for the API.
#ifndef INTERDICT_SIMULATE_WORLD_H_
#define INTERDICT_SIMULATE_WORLD_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "interdict/env.h"
#include "interdict/status.h"

namespace interdict::sim {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

struct SizeConfig {
  std::string name;
  int declarations = 2000;
  int vessels = 60;
  int ais_days = 10;
  int listed = 120;     // background SDN entries
  int watchlist = 25;   // background watchlist entries
  int instances = 3;    // instances per scheme type
  int ais_instances = 2;  // instances of AIS-based schemes
  int decoys = 3;       // decoys per decoy type
  double report_scale = 1.0;  // multiplies AIS reporting intervals
};

struct Party {
  std::string id;
  bool person = false;
  std::string name, country, city, address;
  std::string inc_date, reg_number;  // companies
  std::string birth_date, last_name;  // persons
  char sector = 'T';
  std::string role;
  std::string bic, account, bank_name;
  std::string address_id;  // shared Address entity, "" if none
  int listing = -1;
  bool in_registry = true;
  bool shell = false;
};

struct AddressRec {
  std::string id, full, street, city, country;
};

struct Link {
  std::string id, schema;  // Ownership | Directorship | UnknownLink
  std::string from, to;    // owner/director/subject -> asset/organization/object (ids)
  std::string pct, start, end, role;
};

struct Listing {
  int ent_num = 0;
  std::string list = "sdn";  // sdn | watchlist
  std::string watch_id;      // watchlist id
  std::string subject;       // party id or vessel IMO
  bool vessel = false;
  std::string name;          // as listed
  std::string type;          // individual | entity | vessel
  std::string program;
  std::vector<std::string> akas, fkas, weak_akas;
  std::vector<std::string> linked_to;
  std::string remarks_extra;  // "DOB ...; POB ..." etc.
  std::string country;        // for addresses / watchlist
  std::string city, address;
  std::string listed_on;
  std::string imo, mmsi, flag, vessel_type, call_sign, tonnage, grt, former_flag;
};

struct Segment {
  int64_t t0 = 0, t1 = 0;
  bool sailing = false;
  int port = -1;      // stay: port index or -1 offshore
  int nav = 5;        // stay: 1 anchored, 5 moored; sailing: 0
  double lat = 0, lon = 0;  // stay position
  double drift = 0;         // stay: drift radius (km) for loitering
  std::vector<std::pair<double, double>> path;  // sailing
  std::vector<double> cum_km;
  double speed_kn = 0;
  int from_port = -1, to_port = -1;
  bool background = true;  // background cargo may be attached
};

struct IdentityChange {
  int64_t t = 0;
  uint32_t mmsi = 0;
  std::string name, flag, callsign;
};

struct Spoof {
  int64_t t0 = 0, t1 = 0;
  double lat = 0, lon = 0;  // fake position centre
};

struct Vessel {
  std::string imo, name, flag, callsign, type_name;
  char kind = 'C';  // C container, B bulk, T tanker, G general, X bunker barge
  uint32_t mmsi = 0;
  int dwt = 0, gt = 0, length = 0, beam = 0, build_year = 2010, ship_type = 70;
  double draught = 10;
  std::string owner_id, manager_id;
  std::vector<std::string> past_names, past_flags;
  int lane = 0, lane_pos = 0;
  bool class_b = false;
  bool scheme = false;
  std::vector<Segment> segs;
  std::vector<IdentityChange> id_changes;
  std::vector<std::pair<int64_t, int64_t>> dark;
  std::vector<Spoof> spoofs;
  int voyage_seq = 0;
  std::string carrier_code;  // SCAC-like prefix for bills of lading
};

struct Declaration {
  std::string id, date, direction, office, declarant, exporter, exporter_country,
      exporter_address, importer, importer_country, importer_address, consignee,
      consignee_country, notify_party, end_user, end_user_country, hs_code, goods_description,
      quantity, quantity_unit, gross_weight_kg, net_weight_kg, invoice_value, currency,
      origin_country, departure_country, destination_country, port_of_loading,
      port_of_discharge, transshipment_ports, vessel_imo, vessel_name, voyage, bill_of_lading,
      container_ids, invoice_number, license_number, departure_date, arrival_date;
  int64_t sort_time = 0;
  uint64_t sort_key = 0;
  int key = -1;  // internal handle until ids are assigned
};

struct Payment {
  std::string id, value_date, payer, payer_account, payer_bank_bic, payer_country, payee,
      payee_account, payee_bank_bic, payee_country, amount, currency, reference, instrument;
  uint64_t sort_key = 0;
  int key = -1;
};

struct License {
  std::string number, holder, issuing_country, hs_codes, destination_country, end_user,
      max_quantity, quantity_unit, max_value, currency, valid_from, valid_to, status;
};

struct TruthEvent {
  std::string type;  // gap | encounter | spoofing | identity_change | shared_mmsi
  std::string mmsi, other_mmsi, imo;
  int64_t start = 0, end = 0;
  double lat = 0, lon = 0;
};

struct TruthVessel {
  std::string imo, name, role;
  std::vector<std::string> mmsi;
};

struct TruthItem {
  std::string id, type, variant, summary;
  std::vector<int> decl_keys;     // resolved to ids when written
  std::vector<int> payment_keys;
  std::vector<std::string> entities, listed_entities, licenses;
  std::vector<TruthVessel> vessels;
  std::vector<TruthEvent> events;
};

// AIS sentences written, for the key and the tests.
struct AisStats {
  int64_t sentences = 0, lines = 0, corrupt = 0, duplicates = 0, out_of_order = 0,
          position_reports = 0, static_reports = 0;
  std::map<std::string, int64_t> corrupt_by_kind;
  std::vector<std::string> files;
};

struct World {
  SizeConfig cfg;
  uint64_t seed = 0;
  int64_t period_start = 0, period_end = 0, ais_start = 0, ais_end = 0;
  std::vector<Party> parties;
  std::vector<AddressRec> addresses;
  std::vector<Link> links;
  std::vector<Listing> listings;
  std::vector<Vessel> vessels;
  std::vector<Declaration> decls;
  std::vector<Payment> payments;
  std::vector<License> licenses;
  std::vector<TruthItem> schemes, decoys;
  AisStats ais;
  std::set<std::string> used_ids;
  std::set<std::string> used_names;
};

// Builders (generate.cc, schemes.cc).
void BuildWorld(World* w, Rng* rng);
// AIS (ais_gen.cc): writes <dir>/ais/*.nmea.
Status WriteAis(World* w, const std::string& dir, Rng* rng);
// Everything else (write.cc).
Status WriteWorldFiles(World* w, const std::string& dir, const std::string& truth_path,
                       const std::string& real_sdn_dir, int64_t* real_entries,
                       int64_t* bytes_written);

// Helpers shared by the builders.
std::string DateOf(int64_t unix_seconds);  // YYYY-MM-DD
// Position of a vessel at time t from its timeline; false if outside its timeline.
struct VesselState {
  double lat = 0, lon = 0, sog = 0, cog = 0;
  int nav = 0;
  int port = -1;
  bool sailing = false;
};
bool StateAt(const Vessel& v, int64_t t, VesselState* s);

}  // namespace interdict::sim

#endif  // INTERDICT_SIMULATE_WORLD_H_
