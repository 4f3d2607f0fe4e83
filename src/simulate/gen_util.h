// Shared machinery of the world builders: the Gen context with its id, name, party,
// vessel, timeline and declaration helpers. Internal to src/simulate.
#ifndef INTERDICT_SIMULATE_GEN_UTIL_H_
#define INTERDICT_SIMULATE_GEN_UTIL_H_

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "interdict/env.h"
#include "simulate/tables.h"
#include "simulate/world.h"

namespace interdict::sim {

struct Voyage {
  int vessel = -1, seg = -1, from = -1, to = -1;
  int64_t dep = 0, arr = 0;
  bool scheme = false;  // built for a planted scheme: no background cargo
};

// A repeat trading relationship.
struct Relation {
  int exporter = -1, importer = -1, hs = -1, forwarder = -1, end_user = -1;
  double base_price = 0;  // USD per unit
  double ship_kg = 0;     // typical net kg per shipment
  std::string license;    // licence number when the trade needs one
  int uses = 0;
};

struct ShipmentSpec {
  int voyage = -1;         // index into Gen::voyages, -1 = no vessel (road/air)
  int exporter = -1, importer = -1, consignee = -1, notify = -1, end_user = -1;
  int hs = -1;             // declared HS table index
  std::string hs_override;  // declared HS code if not the table's
  std::string description;  // "" = from the HS table
  double quantity = 0;     // in the HS unit
  double net_kg = 0;
  double value_usd = 0;
  std::string currency;  // "" = the exporter's usual
  std::string origin;    // "" = exporter country
  std::string license;
  std::string transshipment;  // locodes
  std::string destination;    // "" = discharge port country
  std::string pol_override, pod_override;  // declared ports if not the voyage's
  int64_t dep = 0, arr = 0;  // used when voyage < 0
  std::string from_country, to_country;  // used when voyage < 0
  bool export_decl = true, import_decl = false;
  std::string office_country;  // for voyage < 0 (the customs office's country)
};

class Gen {
 public:
  Gen(World* w, Rng* rng) : w_(*w), r_(*rng) {}

  World& w() { return w_; }
  Rng& r() { return r_; }

  // --- randomness
  double U() { return r_.Uniform(); }
  int Int(int lo, int hi) { return static_cast<int>(r_.Between(lo, hi)); }
  bool Chance(double p) { return r_.Chance(p); }
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * r_.Normal()); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(r_.Between(0, static_cast<int64_t>(v.size()) - 1))];
  }
  std::string PickOf(const char* semicolon_list);

  // --- ids, names, dates
  std::string NewId(const std::string& prefix, int digits = 6);
  std::string CompanyName(const std::string& cc, char sector);
  std::string PersonName(const std::string& cc, std::string* first, std::string* last);
  std::string Street(const std::string& cc, std::string* city);
  std::string RandomDateBetween(int64_t a, int64_t b);

  // --- parties
  int NewCompany(const std::string& cc, char sector, const std::string& role,
                 int64_t inc_from = 0, int64_t inc_to = 0);
  int NewPerson(const std::string& cc);
  // A company from the (cc, sector, role) pool, reusing one with probability `reuse`.
  int PoolCompany(const std::string& cc, char sector, const std::string& role, double reuse);
  void Own(const std::string& owner_id, const std::string& asset_id, double pct,
           const std::string& start, const std::string& role = "");
  void Direct(const std::string& person_id, const std::string& org_id, const std::string& start);
  // Owners and directors for an ordinary company.
  void GiveOwners(int company);
  void GiveBank(int party);
  std::string SharedAddress(const std::string& cc);  // a mass-registration address id
  Party& P(int i) { return w_.parties[static_cast<size_t>(i)]; }
  int Find(const std::string& id);

  // --- lists
  int ListParty(int party, const std::string& program, const std::string& list = "sdn");
  int ListVessel(int vessel, const std::string& program, const std::string& former_name,
                 const std::string& former_flag, uint32_t former_mmsi);

  // --- vessels and timelines
  int NewVessel(char kind, int lane, bool shadow = false);
  uint32_t NewMmsi(const std::string& flag);
  std::string NewImo(int build_year);
  void StartTimeline(Vessel& v, int port, int64_t t);
  void Stay(Vessel& v, int port, int64_t duration, bool background = true);
  void StayAt(Vessel& v, double lat, double lon, int64_t duration, int nav, double drift,
              bool background = false);
  void Sail(Vessel& v, int to_port, bool background = true);
  // Sails along an explicit path (first point must be the current position).
  void SailPath(Vessel& v, std::vector<std::pair<double, double>> path, int to_port,
                bool background, double speed_kn = 0);
  void SailToPoint(Vessel& v, double lat, double lon, bool background = false,
                   double speed_kn = 0);
  void ContinueLane(Vessel& v, int64_t until);
  double Speed(const Vessel& v);
  int CurrentPort(const Vessel& v) const;
  int64_t CursorTime(const Vessel& v) const { return v.segs.empty() ? 0 : v.segs.back().t1; }
  std::pair<double, double> CursorPos(const Vessel& v) const;

  // --- trade
  void CollectVoyages();
  std::vector<Voyage>& voyages() { return voyages_; }
  // Appends the declaration(s) for one shipment; returns their keys.
  std::vector<int> AddShipment(const ShipmentSpec& s);
  int NextKey() { return next_key_++; }
  // A payment; returns its key.
  int AddPayment(int payer, int payee, double amount_usd, const std::string& currency,
                 int64_t t, const std::string& reference, const std::string& instrument);
  double ToCurrency(double usd, const std::string& currency) const;
  std::string UsualCurrency(const std::string& cc);
  Declaration* DeclByKey(int key);
  std::string LicenseNumber(const std::string& cc, int64_t t);
  std::string InvoiceNumber(int exporter, int64_t t);
  std::string ContainerIds(int n);

  std::map<std::string, std::vector<int>> pools;
  std::map<std::string, std::vector<std::string>> shared_addresses;
  std::map<std::string, int> party_index;
  std::map<std::string, int> invoice_seq;
  std::vector<Relation> relations;
  std::map<std::string, std::vector<int>> relations_by_key;

 private:
  World& w_;
  Rng& r_;
  std::vector<Voyage> voyages_;
  int next_key_ = 0;
};

// Country groups.
bool IsEuCountry(const std::string& cc);
bool IsLicensingCountry(const std::string& cc);  // controls CHPL exports
bool IsAlliedDestination(const std::string& cc);
bool IsHighRiskCountry(const std::string& cc);   // RU BY IR KP SY VE CU
char SectorOfHs(const std::string& hs6);

// Builders of the planted schemes and decoys (schemes.cc).
void PlantSchemes(Gen& g);

}  // namespace interdict::sim

#endif  // INTERDICT_SIMULATE_GEN_UTIL_H_
