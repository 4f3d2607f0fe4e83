// Background world: parties, vessels on their trade lanes, ordinary trade and payments.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/strings.h"
#include "core/validate.h"
#include "model/reference.h"
#include "simulate/gen_util.h"

namespace interdict::sim {

std::string DateOf(int64_t t) { return FormatIsoUtc(t).substr(0, 10); }

bool IsEuCountry(const std::string& cc) {
  static const std::set<std::string> kEu = {"DE", "NL", "BE", "FR", "IT", "ES", "PL", "GR",
                                            "RO", "FI", "PT", "MT", "CY", "DK", "SE", "AT"};
  return kEu.count(cc) > 0;
}
bool IsLicensingCountry(const std::string& cc) {
  return IsEuCountry(cc) || cc == "GB" || cc == "US" || cc == "JP" || cc == "KR" || cc == "CH" ||
         cc == "NO" || cc == "TW";
}
bool IsAlliedDestination(const std::string& cc) {
  return IsLicensingCountry(cc) || cc == "CA" || cc == "AU" || cc == "NZ";
}
bool IsHighRiskCountry(const std::string& cc) {
  return cc == "RU" || cc == "BY" || cc == "IR" || cc == "KP" || cc == "SY" || cc == "VE" ||
         cc == "CU";
}

char SectorOfHs(const std::string& hs6) {
  int ch = std::stoi(hs6.substr(0, 2));
  if (ch <= 24) return 'A';
  if (ch == 26) return 'S';
  if (ch == 27) return 'O';
  if (ch >= 72 && ch <= 81) return 'S';
  if (ch == 84) return hs6.substr(0, 4) == "8471" || hs6.substr(0, 4) == "8473" ? 'E' : 'M';
  if (ch == 85 || ch == 90 || ch == 88) return 'E';
  if (ch == 87) return 'M';
  return 'T';
}

std::string Gen::PickOf(const char* list) { return Pick(Split(list, ';')); }

std::string Gen::NewId(const std::string& prefix, int digits) {
  int64_t lo = 1;
  for (int i = 1; i < digits; ++i) lo *= 10;
  for (;;) {
    std::string id = prefix + std::to_string(r_.Between(lo, lo * 10 - 1));
    if (w_.used_ids.insert(id).second) return id;
  }
}

std::string Gen::RandomDateBetween(int64_t a, int64_t b) {
  return DateOf(a + static_cast<int64_t>(U() * static_cast<double>(std::max<int64_t>(1, b - a))));
}

std::string Gen::CompanyName(const std::string& cc, char sector) {
  const CountryNames& n = NamesFor(cc);
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::string stem = PickOf(n.name_words);
    std::string word = Pick(SectorWords(sector));
    std::string form = PickOf(n.legal_forms);
    std::string name;
    std::string style = n.name_style;
    if (attempt > 10) stem += " " + PickOf(n.name_words);
    if (style == "pre") {
      name = form + " " + stem + (Chance(0.6) ? " " + word : "");
    } else if (style == "city") {
      name = PickOf(n.cities) + " " + stem + " " + word + " " + form;
    } else {
      name = stem + " " + word + " " + form;
    }
    if (w_.used_names.insert(AsciiUpper(name)).second) return name;
  }
  std::string name = PickOf(n.name_words) + " " + std::to_string(Int(2, 99)) + " " +
                      PickOf(n.legal_forms);
  w_.used_names.insert(AsciiUpper(name));
  return name;
}

std::string Gen::PersonName(const std::string& cc, std::string* first, std::string* last) {
  const CountryNames& n = NamesFor(cc);
  for (int attempt = 0; attempt < 50; ++attempt) {
    *first = PickOf(n.first_names);
    *last = PickOf(n.last_names);
    std::string middle;
    if (cc == "RU" || cc == "BY") {
      std::string father = Pick(std::vector<std::string>{"Petr", "Sergey", "Ivan", "Alexandr",
                                                         "Nikolay", "Vladimir", "Mikhail"});
      static const std::map<std::string, std::string> kM = {
          {"Petr", "Petrov"}, {"Sergey", "Sergeyev"}, {"Ivan", "Ivanov"},
          {"Alexandr", "Alexandrov"}, {"Nikolay", "Nikolayev"}, {"Vladimir", "Vladimirov"},
          {"Mikhail", "Mikhaylov"}};
      bool female = first->back() == 'a';
      middle = kM.at(father) + (female ? "na" : "ich");
      if (female && last->back() == 'v') *last += "a";
      if (!female && last->back() == 'a' && last->size() > 3 && (*last)[last->size() - 2] == 'v')
        last->pop_back();
    } else if (attempt > 5) {
      middle = std::string(1, static_cast<char>('A' + Int(0, 25))) + ".";
    }
    std::string full = *first + (middle.empty() ? "" : " " + middle) + " " + *last;
    if (attempt > 20) full += " " + std::to_string(attempt);
    if (w_.used_names.insert(AsciiUpper(full)).second) {
      if (!middle.empty()) *first += " " + middle;
      return full;
    }
  }
  return *first + " " + *last;
}

std::string Gen::Street(const std::string& cc, std::string* city) {
  const CountryNames& n = NamesFor(cc);
  *city = PickOf(n.cities);
  std::string street = PickOf(n.streets);
  int num = Int(1, 240);
  if (cc == "AE" || cc == "SG" || cc == "HK")
    return "Office " + std::to_string(Int(1, 40)) + std::to_string(Int(10, 99)) + ", " + street;
  if (IsEuCountry(cc) || cc == "RU" || cc == "TR" || cc == "GE" || cc == "BY")
    return street + " " + std::to_string(num);
  return std::to_string(num) + " " + street;
}

std::string Gen::SharedAddress(const std::string& cc) {
  auto& v = shared_addresses[cc];
  if (v.size() < 3 || Chance(0.1)) {
    AddressRec a;
    a.id = NewId("addr-");
    a.country = cc;
    a.street = Street(cc, &a.city);
    if (cc == "AE") a.street = Pick(std::vector<std::string>{
        "Office 1204, Business Bay", "Executive Desk Q1-05, SAIF Zone", "Flexi Desk 7, Ajman Free Zone",
        "Office 307, Jebel Ali Free Zone LOB 16"});
    a.full = a.street + ", " + a.city;
    w_.addresses.push_back(a);
    v.push_back(a.id);
    return a.id;
  }
  return Pick(v);
}

int Gen::Find(const std::string& id) {
  auto it = party_index.find(id);
  return it == party_index.end() ? -1 : it->second;
}

int Gen::NewCompany(const std::string& cc, char sector, const std::string& role, int64_t inc_from,
                    int64_t inc_to) {
  Party p;
  p.id = NewId("co-");
  p.country = cc;
  p.sector = sector;
  p.role = role;
  p.name = CompanyName(cc, sector);
  p.address = Street(cc, &p.city) + ", " + p.city;
  if (inc_to == 0) {
    inc_to = w_.period_start - 400 * kDay;
    inc_from = w_.period_start - 30 * 365 * kDay;
  }
  p.inc_date = RandomDateBetween(inc_from, inc_to);
  p.reg_number = std::to_string(r_.Between(100000000, 999999999));
  w_.parties.push_back(p);
  int idx = static_cast<int>(w_.parties.size()) - 1;
  party_index[p.id] = idx;
  GiveBank(idx);
  return idx;
}

int Gen::NewPerson(const std::string& cc) {
  Party p;
  p.person = true;
  p.id = NewId("pe-");
  p.country = cc;
  std::string first, last;
  p.name = PersonName(cc, &first, &last);
  p.last_name = last;
  p.role = "person";
  p.birth_date = RandomDateBetween(w_.period_start - 75LL * 365 * kDay,
                                   w_.period_start - 28LL * 365 * kDay);
  p.address = Street(cc, &p.city) + ", " + p.city;
  w_.parties.push_back(p);
  int idx = static_cast<int>(w_.parties.size()) - 1;
  party_index[p.id] = idx;
  return idx;
}

int Gen::PoolCompany(const std::string& cc, char sector, const std::string& role, double reuse) {
  std::string key = cc + "|" + sector + "|" + role;
  auto& v = pools[key];
  if (!v.empty() && (Chance(reuse) || v.size() > 40)) {
    // Prefer established firms: the first ones get more of the trade.
    size_t i = static_cast<size_t>(std::min<double>(
        static_cast<double>(v.size() - 1), std::floor(std::pow(U(), 1.7) * static_cast<double>(v.size()))));
    return v[i];
  }
  int c = NewCompany(cc, sector, role);
  GiveOwners(c);
  v.push_back(c);
  return c;
}

void Gen::Own(const std::string& owner_id, const std::string& asset_id, double pct,
              const std::string& start, const std::string& role) {
  Link l;
  l.id = NewId("own-");
  l.schema = "Ownership";
  l.from = owner_id;
  l.to = asset_id;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", std::round(pct * 100) / 100);
  l.pct = pct > 0 ? buf : "";
  l.start = start;
  l.role = role;
  w_.links.push_back(l);
}

void Gen::Direct(const std::string& person_id, const std::string& org_id,
                 const std::string& start) {
  Link l;
  l.id = NewId("dir-");
  l.schema = "Directorship";
  l.from = person_id;
  l.to = org_id;
  l.start = start;
  l.role = Chance(0.5) ? "Director" : "General Manager";
  w_.links.push_back(l);
}

void Gen::GiveOwners(int c) {
  Party& p = P(c);
  std::string cc = p.country;
  std::string id = p.id, inc = p.inc_date;
  int owners = Int(1, 3);
  double left = 100;
  for (int i = 0; i < owners; ++i) {
    double pct = i == owners - 1 ? left : std::round(left * (0.35 + 0.4 * U()));
    left -= pct;
    int o = NewPerson(Chance(0.85) ? cc : "GB");
    Own(P(o).id, id, pct, inc);
    if (i == 0) Direct(P(o).id, id, inc);
  }
  if (Chance(0.4)) Direct(P(NewPerson(cc)).id, id, inc);
}

namespace {
// IBAN countries and their BBAN length (digits-only simplification).
int IbanLength(const std::string& cc) {
  static const std::map<std::string, int> kLen = {
      {"DE", 18}, {"NL", 14}, {"BE", 12}, {"FR", 23}, {"IT", 23}, {"ES", 20}, {"PL", 24},
      {"GR", 23}, {"RO", 20}, {"FI", 14}, {"PT", 21}, {"MT", 27}, {"CY", 24}, {"GB", 18},
      {"TR", 22}, {"AE", 19}, {"GE", 18}, {"SA", 20}, {"QA", 25}, {"KW", 26}, {"IL", 19},
      {"LB", 24}, {"PK", 20}, {"BR", 25}, {"CH", 17}, {"EG", 25}, {"KZ", 16}, {"BY", 24}};
  auto it = kLen.find(cc);
  return it == kLen.end() ? 0 : it->second;
}

std::string Iban(const std::string& cc, const std::string& bban) {
  // ISO 13616 check digits: mod 97 of BBAN + country letters + "00".
  std::string s = bban;
  for (char c : cc) s += std::to_string(c - 'A' + 10);
  s += "00";
  int rem = 0;
  for (char c : s) rem = (rem * 10 + (c - '0')) % 97;
  int check = 98 - rem;
  std::string cd = std::to_string(check);
  if (cd.size() < 2) cd = "0" + cd;
  return cc + cd + bban;
}
}  // namespace

void Gen::GiveBank(int idx) {
  Party& p = P(idx);
  static const char* kBankWords[] = {"Commerce", "National", "United", "Trade", "Capital",
                                     "Merchant", "Union", "First", "Eastern", "Gulf"};
  std::string key = "bank|" + p.country;
  auto& v = pools[key];
  if (v.size() < 3) {
    Party b;
    b.id = NewId("co-");
    b.country = p.country;
    b.sector = 'F';
    b.role = "bank";
    std::string word = kBankWords[Int(0, 9)];
    b.name = word + " Bank of " + CountryName(p.country);
    if (!w_.used_names.insert(AsciiUpper(b.name)).second)
      b.name = PickOf(NamesFor(p.country).name_words) + " " + word + " Bank";
    w_.used_names.insert(AsciiUpper(b.name));
    std::string letters;
    for (int i = 0; i < 4; ++i) letters.push_back(static_cast<char>('A' + Int(0, 25)));
    b.bic = letters + p.country + static_cast<char>('A' + Int(0, 25)) +
            static_cast<char>('A' + Int(0, 25));
    b.address = Street(p.country, &b.city) + ", " + b.city;
    b.inc_date = RandomDateBetween(w_.period_start - 80LL * 365 * kDay,
                                   w_.period_start - 20LL * 365 * kDay);
    b.reg_number = std::to_string(r_.Between(100000, 999999));
    w_.parties.push_back(b);
    int bi = static_cast<int>(w_.parties.size()) - 1;
    party_index[b.id] = bi;
    v.push_back(bi);
  }
  const Party& bank = P(Pick(v));
  Party& q = P(idx);
  q.bic = bank.bic;
  q.bank_name = bank.name;
  int len = IbanLength(q.country);
  std::string digits;
  for (int i = 0; i < (len ? len : Int(10, 16)); ++i) digits.push_back(static_cast<char>('0' + Int(0, 9)));
  q.account = len ? Iban(q.country, digits) : digits;
}

// ---------------------------------------------------------------- lists

int Gen::ListParty(int party, const std::string& program, const std::string& list) {
  Party& p = P(party);
  Listing l;
  l.list = list;
  l.subject = p.id;
  l.program = program;
  l.country = p.country;
  l.city = p.city;
  l.address = p.address;
  l.listed_on = RandomDateBetween(w_.period_start - 900 * kDay, w_.period_start - 20 * kDay);
  if (p.person) {
    l.type = "individual";
    // "LAST, First Middle"
    std::string last = p.last_name.empty() ? Split(p.name, ' ').back() : p.last_name;
    std::string given = p.name.size() > last.size() ? p.name.substr(0, p.name.size() - last.size()) : p.name;
    l.name = AsciiUpper(last) + ", " + std::string(Trim(given));
    char dob[32];
    int y = 0, m = 0, d = 0;
    std::sscanf(p.birth_date.c_str(), "%d-%d-%d", &y, &m, &d);
    static const char* kMon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::snprintf(dob, sizeof dob, "DOB %02d %s %d", d, kMon[(m + 11) % 12], y);
    l.remarks_extra = std::string(dob) + "; POB " + p.city + ", " + CountryName(p.country) +
                      "; nationality " + CountryName(p.country) + "; Gender " +
                      (Split(p.name, ' ')[0].back() == 'a' ? "Female" : "Male");
  } else {
    l.type = "entity";
    l.name = AsciiUpper(p.name);
    l.remarks_extra = (Chance(0.6) ? "Tax ID No. " + p.reg_number + " (" + CountryName(p.country) + "); "
                                   : std::string()) +
                      "Organization Established Date " + p.inc_date.substr(8, 2) + " " +
                      std::string("JanFebMarAprMayJunJulAugSepOctNovDec")
                          .substr(static_cast<size_t>((std::stoi(p.inc_date.substr(5, 2)) - 1) * 3), 3) +
                      " " + p.inc_date.substr(0, 4);
  }
  l.ent_num = 0;  // assigned when written
  w_.listings.push_back(l);
  p.listing = static_cast<int>(w_.listings.size()) - 1;
  return p.listing;
}

int Gen::ListVessel(int vi, const std::string& program, const std::string& former_name,
                    const std::string& former_flag, uint32_t former_mmsi) {
  Vessel& v = w_.vessels[static_cast<size_t>(vi)];
  Listing l;
  l.list = "sdn";
  l.vessel = true;
  l.subject = v.imo;
  l.type = "vessel";
  l.program = program;
  l.name = former_name.empty() ? v.name : former_name;
  l.imo = v.imo;
  l.mmsi = std::to_string(former_mmsi ? former_mmsi : v.mmsi);
  l.flag = former_flag.empty() ? v.flag : former_flag;
  l.vessel_type = v.kind == 'T' ? "Crude/Oil Products Tanker" : v.kind == 'B' ? "Bulk Carrier"
                                                                              : "General Cargo";
  l.call_sign = v.callsign;
  l.tonnage = std::to_string(v.dwt);
  l.grt = std::to_string(v.gt);
  l.listed_on = RandomDateBetween(w_.period_start - 500 * kDay, w_.period_start - 10 * kDay);
  if (!former_name.empty() && former_name != v.name) l.akas.push_back(v.name);
  w_.listings.push_back(l);
  return static_cast<int>(w_.listings.size()) - 1;
}

// ---------------------------------------------------------------- vessels

namespace {
const char* kShipA[] = {"OCEAN", "SEA", "GOLDEN", "NORDIC", "PACIFIC", "ATLANTIC", "BLUE",
                        "SILVER", "EASTERN", "GREAT", "ROYAL", "CAPE", "GULF", "AEGEAN",
                        "JADE", "PEARL", "LUCKY", "ASIAN", "NEW", "STELLAR", "CORAL", "ARCTIC"};
const char* kShipB[] = {"GRACE", "PHOENIX", "STAR", "SPIRIT", "PIONEER", "VOYAGER", "DAWN",
                        "HARMONY", "FORTUNE", "EXPRESS", "HORIZON", "GLORY", "TRADER", "WIND",
                        "MERCHANT", "BRIDGE", "EAGLE", "LOTUS", "CROWN", "VENTURE", "ISLAND",
                        "BREEZE", "ORCHID", "JOURNEY"};
}  // namespace

std::string Gen::NewImo(int build_year) {
  int base = 9050000 + (build_year - 1993) * 30000;
  base = std::clamp(base, 8600000, 9990000);
  for (;;) {
    int six = (base + Int(0, 29999)) / 10;
    std::string d = std::to_string(six);
    int sum = 0;
    for (int i = 0; i < 6; ++i) sum += (d[i] - '0') * (7 - i);
    std::string imo = d + std::to_string(sum % 10);
    if (ValidateImo(imo).empty() && w_.used_ids.insert("imo" + imo).second) return imo;
  }
}

uint32_t Gen::NewMmsi(const std::string& flag) {
  for (const FlagInfo& f : Flags()) {
    if (flag != f.country) continue;
    std::vector<std::string> mids = Split(f.mids, ';');
    for (;;) {
      uint32_t mmsi = static_cast<uint32_t>(std::stoul(Pick(mids))) * 1000000u +
                      static_cast<uint32_t>(Int(0, 99999)) * 10u;
      if (w_.used_ids.insert("mmsi" + std::to_string(mmsi)).second) return mmsi;
    }
  }
  return 0;
}

int Gen::NewVessel(char kind, int lane, bool shadow) {
  Vessel v;
  v.kind = kind;
  v.lane = lane;
  std::vector<const FlagInfo*> flags;
  for (const FlagInfo& f : Flags())
    if (shadow ? f.shadow && f.country != std::string("RU") && f.country != std::string("IR")
               : !f.shadow)
      flags.push_back(&f);
  const FlagInfo* f = flags[static_cast<size_t>(Int(0, static_cast<int>(flags.size()) - 1))];
  // Open registries dominate the world fleet.
  if (!shadow && Chance(0.55)) {
    static const char* kOpen[] = {"PA", "LR", "MH", "MT", "BS", "SG", "HK", "CY"};
    std::string want = kOpen[Int(0, 7)];
    for (const FlagInfo& g : Flags())
      if (want == g.country) f = &g;
  }
  v.flag = f->country;
  v.mmsi = NewMmsi(v.flag);
  v.build_year = shadow ? Int(1999, 2008) : Int(2003, 2022);
  v.imo = NewImo(v.build_year);
  for (;;) {
    std::string name = std::string(kShipA[Int(0, 21)]) + " " + kShipB[Int(0, 23)];
    if (Chance(0.25)) name += " " + std::to_string(Int(1, 9));
    if (w_.used_names.insert("VESSEL " + name).second) {
      v.name = name;
      break;
    }
  }
  std::string cs;
  static const std::map<std::string, std::string> kPrefix = {
      {"PA", "3E"}, {"LR", "A8"}, {"MH", "V7"}, {"MT", "9H"}, {"BS", "C6"}, {"GR", "SV"},
      {"CY", "5B"}, {"SG", "9V"}, {"HK", "VR"}, {"CN", "BO"}, {"NO", "LA"}, {"DE", "DD"},
      {"NL", "PD"}, {"GB", "MA"}, {"DK", "OZ"}, {"JP", "JD"}, {"KR", "D7"}, {"IT", "IB"},
      {"TR", "TC"}, {"IN", "AV"}, {"AE", "A6"}, {"CM", "TJ"}, {"GA", "TR"}, {"KM", "D6"},
      {"PW", "T8"}, {"SL", "9L"}, {"TG", "5V"}, {"CK", "E5"}, {"ST", "S9"}, {"TZ", "5I"}};
  auto it = kPrefix.find(v.flag);
  cs = it != kPrefix.end() ? it->second : "XX";
  for (int i = 0; i < 3; ++i) cs.push_back(static_cast<char>(Chance(0.5) ? 'A' + Int(0, 25) : '0' + Int(0, 9)));
  v.callsign = cs;
  switch (kind) {
    case 'C':
      v.dwt = Int(25, 200) * 1000;
      v.type_name = "Container Ship";
      v.ship_type = 71;
      break;
    case 'B':
      v.dwt = Int(30, 180) * 1000;
      v.type_name = "Bulk Carrier";
      v.ship_type = 70;
      break;
    case 'T':
      v.dwt = Int(40, 160) * 1000;
      v.type_name = shadow || Chance(0.5) ? "Crude Oil Tanker" : "Oil Products Tanker";
      v.ship_type = 80;
      break;
    case 'X':
      v.dwt = Int(2, 9) * 1000;
      v.type_name = "Bunkering Tanker";
      v.ship_type = 80;
      v.class_b = Chance(0.5);
      break;
    default:
      v.dwt = Int(5, 30) * 1000;
      v.type_name = "General Cargo Ship";
      v.ship_type = 70;
  }
  v.gt = static_cast<int>(v.dwt * (kind == 'C' ? 0.95 : 0.58));
  v.length = static_cast<int>(std::round(5.8 * std::pow(static_cast<double>(v.dwt), 1.0 / 3.0)));
  v.beam = std::max(12, v.length / 6);
  v.draught = std::round((4.0 + 0.34 * std::sqrt(v.dwt / 100.0)) * 10) / 10;
  v.draught = std::min(v.draught, 17.0);
  std::string scac;
  for (int i = 0; i < 4; ++i) scac.push_back(static_cast<char>('A' + Int(0, 25)));
  v.carrier_code = scac;
  w_.vessels.push_back(v);
  int vi = static_cast<int>(w_.vessels.size()) - 1;
  // Owner (single-ship company) and manager.
  static const char* kOwnerCountries[] = {"GR", "CY", "SG", "HK", "NO", "DE", "JP", "CN", "TR", "AE", "MT", "GB"};
  std::string occ = shadow ? Pick(std::vector<std::string>{"AE", "HK", "SC", "CY"})
                           : kOwnerCountries[Int(0, 11)];
  int owner = NewCompany(occ, 'L', "shipowner");
  P(owner).name = w_.vessels[static_cast<size_t>(vi)].name.substr(0, w_.vessels[static_cast<size_t>(vi)].name.find(' ')) +
                  " " + PickOf(NamesFor(occ).name_words) + " Shipping " + PickOf(NamesFor(occ).legal_forms);
  if (!w_.used_names.insert(AsciiUpper(P(owner).name)).second) P(owner).name += " " + std::to_string(Int(2, 9));
  GiveOwners(owner);
  int manager = PoolCompany(shadow ? occ : kOwnerCountries[Int(0, 11)], 'L', "ship manager", 0.7);
  Vessel& vv = w_.vessels[static_cast<size_t>(vi)];
  vv.owner_id = P(owner).id;
  vv.manager_id = P(manager).id;
  Own(vv.owner_id, "vessel-" + vv.imo, 100, DateOf(w_.period_start - Int(300, 4000) * kDay),
      "registered owner");
  Link l;
  l.id = NewId("mgr-");
  l.schema = "UnknownLink";
  l.from = vv.manager_id;
  l.to = "vessel-" + vv.imo;
  l.role = "ship manager";
  l.start = DateOf(w_.period_start - Int(100, 3000) * kDay);
  w_.links.push_back(l);
  return vi;
}

double Gen::Speed(const Vessel& v) {
  switch (v.kind) {
    case 'C': return 15.5 + 3.5 * U();
    case 'T': return 11.0 + 2.5 * U();
    case 'B': return 10.5 + 2.5 * U();
    case 'X': return 7 + 2 * U();
    default: return 11.0 + 3.0 * U();
  }
}

void Gen::StartTimeline(Vessel& v, int port, int64_t t) {
  Segment s;
  s.t0 = t - Int(6, 48) * kHour;
  s.t1 = t;
  s.port = port;
  s.nav = 5;
  const PortInfo& p = Ports()[static_cast<size_t>(port)];
  s.lat = p.lat + (U() - 0.5) * 0.012;
  s.lon = p.lon + (U() - 0.5) * 0.012;
  v.segs.push_back(s);
}

std::pair<double, double> Gen::CursorPos(const Vessel& v) const {
  const Segment& s = v.segs.back();
  if (s.sailing) return s.path.back();
  return {s.lat, s.lon};
}

int Gen::CurrentPort(const Vessel& v) const {
  const Segment& s = v.segs.back();
  return s.sailing ? s.to_port : s.port;
}

void Gen::Stay(Vessel& v, int port, int64_t duration, bool background) {
  const PortInfo& p = Ports()[static_cast<size_t>(port)];
  int64_t t = CursorTime(v);
  // Waiting at the anchorage first, sometimes.
  if (Chance(0.35)) {
    Segment a;
    a.t0 = t;
    a.t1 = t + Int(2, 30) * kHour;
    a.port = port;
    a.nav = 1;
    a.lat = p.anch_lat + (U() - 0.5) * 0.03;
    a.lon = p.anch_lon + (U() - 0.5) * 0.03;
    a.background = background;
    v.segs.push_back(a);
    // Move in to the berth.
    std::vector<std::pair<double, double>> path = {{a.lat, a.lon}, {p.lat, p.lon}};
    SailPath(v, path, port, background, 7);
    t = CursorTime(v);
  }
  Segment s;
  s.t0 = t;
  s.t1 = t + duration;
  s.port = port;
  s.nav = 5;
  s.lat = p.lat + (U() - 0.5) * 0.012;
  s.lon = p.lon + (U() - 0.5) * 0.012;
  s.background = background;
  v.segs.push_back(s);
}

void Gen::StayAt(Vessel& v, double lat, double lon, int64_t duration, int nav, double drift,
                 bool background) {
  Segment s;
  s.t0 = CursorTime(v);
  s.t1 = s.t0 + duration;
  s.port = -1;
  s.nav = nav;
  s.lat = lat;
  s.lon = lon;
  s.drift = drift;
  s.background = background;
  v.segs.push_back(s);
}

void Gen::SailPath(Vessel& v, std::vector<std::pair<double, double>> path, int to_port,
                   bool background, double speed_kn) {
  Segment s;
  s.sailing = true;
  s.nav = 0;
  s.t0 = CursorTime(v);
  s.from_port = CurrentPort(v);
  s.to_port = to_port;
  s.speed_kn = speed_kn > 0 ? speed_kn : Speed(v);
  s.path = std::move(path);
  s.cum_km.push_back(0);
  for (size_t i = 1; i < s.path.size(); ++i)
    s.cum_km.push_back(s.cum_km.back() + HaversineKm(s.path[i - 1].first, s.path[i - 1].second,
                                                     s.path[i].first, s.path[i].second));
  double hours = s.cum_km.back() / (s.speed_kn * 1.852);
  s.t1 = s.t0 + std::max<int64_t>(600, static_cast<int64_t>(hours * 3600));
  s.background = background;
  v.segs.push_back(s);
}

void Gen::Sail(Vessel& v, int to_port, bool background) {
  int from = CurrentPort(v);
  std::pair<double, double> pos = CursorPos(v);
  std::vector<std::pair<double, double>> path;
  if (from < 0) {
    // Offshore: route from the nearest port's sea lanes.
    double bd = 1e18;
    for (size_t i = 0; i < Ports().size(); ++i) {
      double d = HaversineKm(pos.first, pos.second, Ports()[i].anch_lat, Ports()[i].anch_lon);
      if (d < bd) {
        bd = d;
        from = static_cast<int>(i);
      }
    }
    path = SeaRoute(from, to_port);
    path.erase(path.begin(), path.begin() + 2);
    path.insert(path.begin(), pos);
  } else {
    path = SeaRoute(from, to_port);
    path.front() = pos;
  }
  SailPath(v, path, to_port, background);
}

void Gen::SailToPoint(Vessel& v, double lat, double lon, bool background, double speed_kn) {
  int from = CurrentPort(v);
  std::vector<std::pair<double, double>> path;
  if (from >= 0) {
    // Leave along the route to the nearest port to the point, then head for the point.
    int best = -1;
    double bd = 1e18;
    for (size_t i = 0; i < Ports().size(); ++i) {
      double d = HaversineKm(lat, lon, Ports()[i].anch_lat, Ports()[i].anch_lon);
      if (d < bd) {
        bd = d;
        best = static_cast<int>(i);
      }
    }
    if (best != from) {
      path = SeaRoute(from, best);
      path.pop_back();  // berth
      path.pop_back();  // anchorage
    } else {
      path.push_back(CursorPos(v));
      path.push_back({Ports()[static_cast<size_t>(from)].anch_lat, Ports()[static_cast<size_t>(from)].anch_lon});
    }
    path.front() = CursorPos(v);
  } else {
    path.push_back(CursorPos(v));
  }
  path.push_back({lat, lon});
  SailPath(v, path, -1, background, speed_kn);
}

void Gen::ContinueLane(Vessel& v, int64_t until) {
  const Lane& lane = Lanes()[static_cast<size_t>(v.lane)];
  std::vector<std::string> ports = Split(lane.ports, ';');
  while (CursorTime(v) < until) {
    int cur = CurrentPort(v);
    int next = -1;
    if (lane.rotation) {
      v.lane_pos = (v.lane_pos + 1) % static_cast<int>(ports.size());
      next = FindPort(ports[static_cast<size_t>(v.lane_pos)]);
    }
    for (int tries = 0; next < 0 || next == cur; ++tries) {
      next = FindPort(Pick(ports));
      if (tries > 20) break;
    }
    if (next == cur) next = FindPort(ports[0] == Ports()[static_cast<size_t>(cur)].locode ? ports[1] : ports[0]);
    Sail(v, next);
    int64_t stay;
    switch (v.kind) {
      case 'C': stay = Int(14, 40) * kHour; break;
      case 'T': stay = Int(30, 72) * kHour; break;
      case 'B': stay = Int(60, 150) * kHour; break;
      default: stay = Int(36, 96) * kHour;
    }
    Stay(v, next, stay);
  }
}

bool StateAt(const Vessel& v, int64_t t, VesselState* s) {
  if (v.segs.empty() || t < v.segs.front().t0 || t >= v.segs.back().t1) return false;
  size_t lo = 0, hi = v.segs.size();
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (v.segs[mid].t0 <= t) lo = mid; else hi = mid;
  }
  const Segment& g = v.segs[lo];
  if (!g.sailing) {
    s->sailing = false;
    s->nav = g.nav;
    s->port = g.port;
    s->lat = g.lat;
    s->lon = g.lon;
    s->sog = 0;
    s->cog = 0;
    if (g.drift > 0) {
      // Slow drift on a circle (loitering / STS).
      double ang = std::fmod(static_cast<double>(t) / 3600.0 * 0.35, 6.283185307179586);
      s->lat += g.drift / 111.0 * std::sin(ang);
      s->lon += g.drift / 111.0 / std::cos(g.lat * 0.01745329) * std::cos(ang);
      s->sog = std::max(0.1, g.drift * 0.35 / 1.852);
      s->cog = std::fmod(std::fmod(90.0 - ang * 57.29578, 360.0) + 360.0 + 180.0, 360.0);
    }
    return true;
  }
  double frac = static_cast<double>(t - g.t0) / static_cast<double>(std::max<int64_t>(1, g.t1 - g.t0));
  double d = frac * g.cum_km.back();
  size_t i = static_cast<size_t>(std::upper_bound(g.cum_km.begin(), g.cum_km.end(), d) - g.cum_km.begin());
  if (i == 0) i = 1;
  if (i >= g.path.size()) i = g.path.size() - 1;
  double seg_len = g.cum_km[i] - g.cum_km[i - 1];
  double f = seg_len > 0 ? (d - g.cum_km[i - 1]) / seg_len : 0;
  f = std::clamp(f, 0.0, 1.0);
  const auto& a = g.path[i - 1];
  const auto& b = g.path[i];
  s->lat = a.first + (b.first - a.first) * f;
  s->lon = a.second + (b.second - a.second) * f;
  double dy = b.first - a.first, dx = (b.second - a.second) * std::cos(s->lat * 0.01745329);
  s->cog = std::fmod(std::atan2(dx, dy) * 57.29578 + 360.0, 360.0);
  s->sog = g.cum_km.back() / 1.852 / (static_cast<double>(g.t1 - g.t0) / 3600.0);
  s->nav = 0;
  s->port = -1;
  s->sailing = true;
  return true;
}

// ---------------------------------------------------------------- trade

void Gen::CollectVoyages() {
  voyages_.clear();
  for (size_t vi = 0; vi < w_.vessels.size(); ++vi) {
    const Vessel& v = w_.vessels[vi];
    if (v.kind == 'X') continue;
    for (size_t si = 0; si < v.segs.size(); ++si) {
      const Segment& s = v.segs[si];
      if (!s.sailing || !s.background || s.from_port < 0 || s.to_port < 0 ||
          s.from_port == s.to_port)
        continue;
      if (s.t0 < w_.period_start || s.t1 > w_.period_end) continue;
      Voyage vo;
      vo.vessel = static_cast<int>(vi);
      vo.seg = static_cast<int>(si);
      vo.from = s.from_port;
      vo.to = s.to_port;
      vo.dep = s.t0;
      vo.arr = s.t1;
      voyages_.push_back(vo);
    }
  }
}

std::string Gen::UsualCurrency(const std::string& cc) {
  if (IsEuCountry(cc)) return Chance(0.7) ? "EUR" : "USD";
  if (cc == "GB") return Chance(0.4) ? "GBP" : "USD";
  if (cc == "JP") return Chance(0.3) ? "JPY" : "USD";
  if (cc == "CN") return Chance(0.15) ? "CNY" : "USD";
  if (cc == "AE") return Chance(0.2) ? "AED" : "USD";
  return "USD";
}

double Gen::ToCurrency(double usd, const std::string& c) const {
  static const std::map<std::string, double> kRate = {
      {"USD", 1.0}, {"EUR", 0.92}, {"GBP", 0.79}, {"JPY", 151.0}, {"CNY", 7.21}, {"AED", 3.6725}};
  auto it = kRate.find(c);
  return usd * (it == kRate.end() ? 1.0 : it->second);
}

std::string Gen::InvoiceNumber(int exporter, int64_t t) {
  const Party& p = P(exporter);
  std::string pre;
  for (const std::string& word : Split(p.name, ' '))
    if (!word.empty() && std::isalpha(static_cast<unsigned char>(word[0])) && pre.size() < 3)
      pre.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(word[0]))));
  int& seq = invoice_seq[p.id];
  if (seq == 0) seq = Int(10, 400);
  seq += Int(1, 7);
  return pre + "-" + DateOf(t).substr(2, 2) + "-" + std::to_string(seq);
}

std::string Gen::LicenseNumber(const std::string& cc, int64_t t) {
  static const char* kTypes[] = {"AG", "EL", "IL", "DU"};
  for (;;) {
    std::string n = cc + "-" + kTypes[Int(0, 3)] + "-" + DateOf(t).substr(0, 4) + "-" +
                    std::to_string(Int(1000, 9999));
    if (w_.used_ids.insert("lic" + n).second) return n;
  }
}

std::string Gen::ContainerIds(int n) {
  static const char* kOwners[] = {"MSC", "MAE", "CMA", "HLC", "ONE", "EGH", "COS", "TGH", "TCL", "SEG"};
  std::string out;
  for (int i = 0; i < n; ++i) {
    std::string c = std::string(kOwners[Int(0, 9)]) + "U";
    for (int k = 0; k < 6; ++k) c.push_back(static_cast<char>('0' + Int(0, 9)));
    // ISO 6346 check digit.
    int sum = 0;
    for (int k = 0; k < 10; ++k) {
      int val;
      char ch = c[static_cast<size_t>(k)];
      if (ch >= '0' && ch <= '9') {
        val = ch - '0';
      } else {
        val = 10 + (ch - 'A');
        val += (val >= 11) + (val >= 21) + (val >= 31);  // skip multiples of 11
      }
      sum += val << k;
    }
    c.push_back(static_cast<char>('0' + (sum % 11) % 10));
    if (!out.empty()) out += ";";
    out += c;
  }
  return out;
}

Declaration* Gen::DeclByKey(int key) {
  // Declarations are appended in increasing key order.
  auto it = std::lower_bound(w_.decls.begin(), w_.decls.end(), key,
                             [](const Declaration& d, int k) { return d.key < k; });
  return it != w_.decls.end() && it->key == key ? &*it : nullptr;
}

namespace {
std::string Num(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}
}  // namespace

std::vector<int> Gen::AddShipment(const ShipmentSpec& s) {
  std::vector<int> keys;
  const HsInfo& hs = HsTable()[static_cast<size_t>(s.hs)];
  const Party ex = P(s.exporter);
  const Party im = P(s.importer);
  Declaration d;
  int from = -1, to = -1;
  int64_t dep = s.dep, arr = s.arr;
  const Vessel* vessel = nullptr;
  if (s.voyage >= 0) {
    const Voyage& vo = voyages_[static_cast<size_t>(s.voyage)];
    from = vo.from;
    to = vo.to;
    dep = vo.dep;
    arr = vo.arr;
    vessel = &w_.vessels[static_cast<size_t>(vo.vessel)];
  }
  std::string from_cc = from >= 0 ? Ports()[static_cast<size_t>(from)].country() : s.from_country;
  std::string to_cc = to >= 0 ? Ports()[static_cast<size_t>(to)].country() : s.to_country;
  d.exporter = ex.name;
  d.exporter_country = ex.country;
  d.exporter_address = ex.address;
  d.importer = im.name;
  d.importer_country = im.country;
  d.importer_address = im.address;
  const Party cons = P(s.consignee >= 0 ? s.consignee : s.importer);
  d.consignee = cons.name;
  d.consignee_country = cons.country;
  if (s.notify >= 0) d.notify_party = P(s.notify).name;
  if (s.end_user >= 0) {
    d.end_user = P(s.end_user).name;
    d.end_user_country = P(s.end_user).country;
  }
  d.hs_code = s.hs_override.empty() ? hs.hs6 : s.hs_override;
  if (Chance(0.12) && d.hs_code.size() == 6) d.hs_code += Chance(0.5) ? "00" : "90";
  d.goods_description = !s.description.empty() ? s.description
                        : Chance(0.3)          ? hs.description
                                               : hs.short_desc;
  std::string unit = hs.unit;
  double qty = s.quantity;
  d.quantity = unit == "kg" ? Num(qty, 0) : unit == "l" ? Num(qty, 0) : Num(std::max(1.0, qty), 0);
  d.quantity_unit = unit;
  double net = s.net_kg;
  bool bulk = hs.cargo == 'B' || hs.cargo == 'T';
  double gross = bulk ? net * (1.0 + 0.004 * U()) : net * (1.04 + 0.1 * U());
  d.net_weight_kg = Num(net, 0);
  d.gross_weight_kg = Num(gross, 0);
  d.currency = s.currency.empty() ? UsualCurrency(ex.country) : s.currency;
  d.invoice_value = Num(ToCurrency(s.value_usd, d.currency), 2);
  d.origin_country = s.origin.empty() ? ex.country : s.origin;
  d.departure_country = from_cc;
  d.destination_country = s.destination.empty() ? to_cc : s.destination;
  d.port_of_loading = !s.pol_override.empty() ? s.pol_override
                      : from >= 0             ? Ports()[static_cast<size_t>(from)].locode
                                              : "";
  d.port_of_discharge = !s.pod_override.empty() ? s.pod_override
                        : to >= 0               ? Ports()[static_cast<size_t>(to)].locode
                                                : "";
  d.transshipment_ports = s.transshipment;
  if (vessel) {
    d.vessel_imo = vessel->imo;
    d.vessel_name = vessel->name;
    for (const auto& ic : vessel->id_changes)
      if (ic.t <= dep) d.vessel_name = ic.name;
    std::string code;
    for (const std::string& part : Split(vessel->name, ' ')) code.push_back(part[0]);
    d.voyage = code + DateOf(dep).substr(2, 2) + std::to_string(100 + (s.voyage % 800)) +
               (Chance(0.5) ? "E" : "W");
    d.bill_of_lading = vessel->carrier_code + (d.port_of_loading.size() == 5 ? d.port_of_loading.substr(2) : "XXX") +
                       std::to_string(r_.Between(10000000, 99999999));
    if (hs.cargo == 'C')
      d.container_ids = ContainerIds(std::clamp(static_cast<int>(gross / 18000) + 1, 1, 6));
  }
  d.invoice_number = InvoiceNumber(s.exporter, dep);
  d.license_number = s.license;
  d.departure_date = DateOf(dep);
  d.arrival_date = DateOf(arr);
  if (s.export_decl) {
    Declaration e = d;
    e.direction = s.voyage < 0 && !s.office_country.empty() && s.office_country != from_cc
                      ? "transit" : "export";
    std::string office_port = !d.port_of_loading.empty() ? d.port_of_loading : from_cc + "-RD";
    if (!s.office_country.empty() && d.port_of_loading.empty()) office_port = s.office_country + "-RD";
    e.office = office_port + "-0" + std::to_string(1 + static_cast<int>(d.exporter.size() % 3));
    e.date = DateOf(dep - Int(0, 2) * kDay);
    int broker = PoolCompany(from_cc.empty() ? ex.country : from_cc, 'L', "customs broker", 0.85);
    e.declarant = Chance(0.3) ? ex.name : P(broker).name;
    e.sort_time = dep;
    e.sort_key = r_.Next();
    e.key = NextKey();
    keys.push_back(e.key);
    w_.decls.push_back(std::move(e));
  }
  if (s.import_decl) {
    Declaration m = d;
    m.direction = "import";
    std::string office_port = !d.port_of_discharge.empty() ? d.port_of_discharge : to_cc + "-RD";
    m.office = office_port + "-0" + std::to_string(1 + static_cast<int>(d.importer.size() % 3));
    m.date = DateOf(arr + Int(0, 2) * kDay);
    int broker = PoolCompany(to_cc.empty() ? im.country : to_cc, 'L', "customs broker", 0.85);
    m.declarant = Chance(0.3) ? im.name : P(broker).name;
    m.sort_time = arr;
    m.sort_key = r_.Next();
    m.key = NextKey();
    keys.push_back(m.key);
    w_.decls.push_back(std::move(m));
  }
  return keys;
}

int Gen::AddPayment(int payer, int payee, double amount_usd, const std::string& currency,
                    int64_t t, const std::string& reference, const std::string& instrument) {
  const Party& a = P(payer);
  const Party& b = P(payee);
  Payment p;
  p.value_date = DateOf(t);
  p.payer = a.name;
  p.payer_account = a.account;
  p.payer_bank_bic = a.bic;
  p.payer_country = a.country;
  p.payee = b.name;
  p.payee_account = b.account;
  p.payee_bank_bic = b.bic;
  p.payee_country = b.country;
  p.currency = currency;
  p.amount = Num(ToCurrency(amount_usd, currency), 2);
  p.reference = reference;
  p.instrument = instrument;
  p.sort_key = (static_cast<uint64_t>(t) << 20) ^ (r_.Next() & 0xFFFFF);
  p.key = NextKey();
  w_.payments.push_back(p);
  return p.key;
}

// ---------------------------------------------------------------- background build

namespace {

SizeConfig ConfigFor(const std::string& size) {
  SizeConfig c;
  c.name = size;
  if (size == "medium") {
    c.declarations = 20000;
    c.vessels = 300;
    c.ais_days = 30;
    c.listed = 500;
    c.watchlist = 80;
    c.instances = 6;
    c.ais_instances = 4;
    c.decoys = 6;
  } else if (size == "large") {
    c.declarations = 100000;
    c.vessels = 1000;
    c.ais_days = 30;
    c.listed = 1500;
    c.watchlist = 200;
    c.instances = 15;
    c.ais_instances = 8;
    c.decoys = 12;
  }
  return c;
}

double MonthFactor(int64_t t) {
  static const double kF[] = {0.90, 0.82, 0.95, 1.00, 1.00, 1.02, 1.05, 1.10, 1.16, 1.18, 1.08, 0.92};
  int m = std::stoi(DateOf(t).substr(5, 2));
  return kF[m - 1];
}

}  // namespace

void BackgroundTrade(Gen& g, int target_records);

void BuildWorld(World* w, Rng* rng) {
  w->cfg = ConfigFor(w->cfg.name.empty() ? "small" : w->cfg.name);
  w->period_start = 1704067200;  // 2024-01-01
  w->period_end = 1735689600;    // 2025-01-01
  w->ais_start = 1727740800;     // 2024-10-01
  w->ais_end = w->ais_start + w->cfg.ais_days * kDay;
  Gen g(w, rng);
  // Fleet: lanes get vessels of the kinds they carry.
  const auto& lanes = Lanes();
  int scheme_vessels = 5 * w->cfg.ais_instances;  // built by PlantSchemes
  int barges = w->cfg.vessels >= 300 ? 6 : 3;
  int fleet = std::max(10, w->cfg.vessels - scheme_vessels - barges);
  for (int i = 0; i < fleet; ++i) {
    double u = g.U();
    char kind = u < 0.42 ? 'C' : u < 0.66 ? 'B' : u < 0.9 ? 'T' : 'G';
    std::vector<int> ok;
    for (size_t l = 0; l < lanes.size(); ++l)
      if (std::string(lanes[l].vessel_types).find(kind) != std::string::npos) ok.push_back(static_cast<int>(l));
    int lane = g.Pick(ok);
    int vi = g.NewVessel(kind, lane);
    Vessel& v = w->vessels[static_cast<size_t>(vi)];
    std::vector<std::string> ports = Split(lanes[static_cast<size_t>(lane)].ports, ';');
    v.lane_pos = g.Int(0, static_cast<int>(ports.size()) - 1);
    g.StartTimeline(v, FindPort(ports[static_cast<size_t>(v.lane_pos)]),
                    w->period_start - g.Int(5, 60) * kDay);
    g.ContinueLane(v, w->period_end + 20 * kDay);
  }
  // Bunker barges at the big bunkering hubs; their timelines are built with the decoys.
  static const char* kBunkerPorts[] = {"SGSIN", "AEFJR", "ESALG", "MTMAR", "GRPIR", "NLRTM"};
  for (int i = 0; i < barges; ++i) {
    int vi = g.NewVessel('X', 0);
    Vessel& v = w->vessels[static_cast<size_t>(vi)];
    int port = FindPort(kBunkerPorts[i % 6]);
    const PortInfo& p = Ports()[static_cast<size_t>(port)];
    g.StartTimeline(v, port, w->period_start);
    g.StayAt(v, p.anch_lat, p.anch_lon, w->period_end - w->period_start + 20 * kDay, 1, 0.4, false);
    v.segs.back().port = port;
  }
  PlantSchemes(g);  // builds scheme vessels and their timelines, collects voyages, plants
  // Background trade fills the rest.
  int planted = static_cast<int>(w->decls.size());
  BackgroundTrade(g, std::max(100, w->cfg.declarations - planted));
}

void BackgroundTrade(Gen& g, int target_records) {
  World& w = g.w();
  auto& voy = g.voyages();
  std::vector<double> weight(voy.size());
  double total = 0;
  for (size_t i = 0; i < voy.size(); ++i) {
    const Vessel& v = w.vessels[static_cast<size_t>(voy[i].vessel)];
    double k = v.kind == 'C' ? 9.0 : v.kind == 'G' ? 3.0 : v.kind == 'B' ? 1.3 : 1.1;
    weight[i] = k * MonthFactor(voy[i].dep);
    total += weight[i];
  }
  const auto& hs = HsTable();
  double shipments_wanted = target_records / 1.15;
  for (size_t i = 0; i < voy.size(); ++i) {
    const Voyage& vo = voy[i];
    if (vo.scheme) continue;
    const Vessel& v = w.vessels[static_cast<size_t>(vo.vessel)];
    double expect = shipments_wanted * weight[i] / total;
    int n = static_cast<int>(expect) + (g.U() < expect - std::floor(expect) ? 1 : 0);
    if (n == 0) continue;
    std::string from_cc = Ports()[static_cast<size_t>(vo.from)].country();
    std::string to_cc = Ports()[static_cast<size_t>(vo.to)].country();
    double capacity = v.dwt * 1000.0 * (0.55 + 0.4 * g.U());
    for (int k = 0; k < n; ++k) {
      // Cargo category by vessel.
      char cargo = v.kind == 'C' ? (g.Chance(0.93) ? 'C' : 'G')
                   : v.kind == 'G' ? (g.Chance(0.5) ? 'G' : 'C')
                                   : v.kind;
      std::string key = from_cc + ">" + to_cc + ">" + cargo;
      auto& rels = g.relations_by_key[key];
      int rel = -1;
      if (!rels.empty() && (rels.size() >= 6 || g.Chance(0.75))) {
        size_t j = static_cast<size_t>(std::floor(std::pow(g.U(), 1.5) * static_cast<double>(rels.size())));
        rel = rels[std::min(j, rels.size() - 1)];
      } else {
        std::vector<int> cands;
        for (size_t h = 0; h < hs.size(); ++h) {
          if (hs[h].cargo != cargo) continue;
          bool chpl = FindChpl(hs[h].hs6) != nullptr;
          if (chpl && (IsHighRiskCountry(to_cc) || IsHighRiskCountry(from_cc))) continue;
          // Agricultural bulk is seasonal: more after the northern harvest.
          if (cargo == 'B' && SectorOfHs(hs[h].hs6) == 'A' && g.Chance(0.3) &&
              std::stoi(DateOf(vo.dep).substr(5, 2)) < 8)
            continue;
          cands.push_back(static_cast<int>(h));
        }
        if (cands.empty()) continue;
        Relation r;
        r.hs = g.Pick(cands);
        char sector = SectorOfHs(hs[static_cast<size_t>(r.hs)].hs6);
        r.exporter = g.PoolCompany(from_cc, sector, "exporter", 0.6);
        r.importer = g.PoolCompany(to_cc, sector, "importer", 0.6);
        if (g.Chance(0.12)) r.forwarder = g.PoolCompany(to_cc, 'L', "forwarder", 0.8);
        r.base_price = g.LogNormal(hs[static_cast<size_t>(r.hs)].unit_value, hs[static_cast<size_t>(r.hs)].sigma * 0.6);
        const HsInfo& h = hs[static_cast<size_t>(r.hs)];
        double vpk = h.unit_value / h.kg_per_unit;
        if (cargo == 'B' || cargo == 'T')
          r.ship_kg = v.dwt * 1000.0 * (0.25 + 0.6 * g.U());
        else
          r.ship_kg = std::clamp(250000.0 / vpk * std::exp(0.7 * g.r().Normal()), 60.0, 24000.0);
        bool chpl = FindChpl(h.hs6) != nullptr;
        if (chpl) r.end_user = r.importer;
        if (chpl && IsLicensingCountry(from_cc) && (!IsAlliedDestination(to_cc) || g.Chance(0.4))) {
          License l;
          l.number = g.LicenseNumber(from_cc, w.period_start - g.Int(30, 500) * kDay);
          l.holder = g.P(r.exporter).name;
          l.issuing_country = from_cc;
          l.hs_codes = h.hs6;
          for (int extra = g.Int(0, 2); extra > 0; --extra) {
            std::string other = hs[static_cast<size_t>(g.Int(0, static_cast<int>(hs.size()) - 1))].hs6;
            if (FindChpl(other) && l.hs_codes.find(other) == std::string::npos) l.hs_codes += ";" + other;
          }
          l.destination_country = to_cc;
          l.end_user = g.P(r.importer).name;
          double q = r.ship_kg / h.kg_per_unit;
          l.max_quantity = Num(std::ceil(q * g.Int(12, 40) / 100.0) * 100.0, 0);
          l.quantity_unit = h.unit;
          l.currency = "EUR";
          l.max_value = Num(std::ceil(q * g.Int(12, 40) * r.base_price * 0.92 * 1.3 / 1000.0) * 1000.0, 0);
          l.valid_from = g.RandomDateBetween(w.period_start - 400 * kDay, w.period_start - 10 * kDay);
          l.valid_to = DateOf(w.period_end + g.Int(30, 700) * kDay);
          l.status = "active";
          w.licenses.push_back(l);
          r.license = l.number;
        }
        g.relations.push_back(r);
        rel = static_cast<int>(g.relations.size()) - 1;
        rels.push_back(rel);
      }
      Relation& r = g.relations[static_cast<size_t>(rel)];
      const HsInfo& h = hs[static_cast<size_t>(r.hs)];
      ShipmentSpec s;
      s.voyage = static_cast<int>(i);
      s.exporter = r.exporter;
      s.importer = r.importer;
      s.consignee = r.forwarder >= 0 && g.Chance(0.7) ? r.forwarder : r.importer;
      s.notify = g.Chance(0.5) ? r.importer : -1;
      s.end_user = r.end_user;
      s.hs = r.hs;
      double net = std::min(capacity / std::max(1, n - k), r.ship_kg * std::exp(0.25 * g.r().Normal()));
      capacity -= net;
      double qty = net / h.kg_per_unit;
      if (std::string(h.unit) == "pcs") {
        qty = std::max(1.0, std::round(qty));
        net = qty * h.kg_per_unit * (0.97 + 0.06 * g.U());
      }
      s.quantity = qty;
      s.net_kg = std::max(1.0, net);
      s.value_usd = qty * r.base_price * std::exp(0.08 * g.r().Normal());
      if (g.Chance(0.06)) {
        // Goods of third-country origin re-exported.
        static const char* kOrig[] = {"CN", "IN", "VN", "TR", "US", "DE", "JP", "KR", "BR", "MY"};
        std::string o = kOrig[g.Int(0, 9)];
        if (o != from_cc) s.origin = o;
      }
      s.license = r.license;
      double u = g.U();
      s.export_decl = u < 0.60;
      s.import_decl = u >= 0.45;
      r.uses++;
      std::vector<int> keys = g.AddShipment(s);
      // Payment for most shipments.
      if (g.Chance(0.8) && !keys.empty()) {
        Declaration* d = g.DeclByKey(keys[0]);
        if (d == nullptr) continue;
        std::string inv = d->invoice_number;
        std::string cur = d->currency;
        double usd = s.value_usd;
        int64_t when = vo.arr + g.Int(-20, 45) * kDay;
        std::string ref = g.Chance(0.5) ? inv : (g.Chance(0.5) ? "INV " + inv : "Payment invoice " + inv);
        std::string instr = (cargo == 'B' || cargo == 'T') && g.Chance(0.5) ? "letter_of_credit" : "wire";
        if (g.Chance(0.15)) {
          double first = std::round(usd * 0.3);
          g.AddPayment(r.importer, r.exporter, first, cur, vo.dep - g.Int(5, 30) * kDay,
                       "Advance " + inv, instr);
          g.AddPayment(r.importer, r.exporter, usd - first, cur, when, ref, instr);
        } else {
          g.AddPayment(r.importer, r.exporter, usd, cur, when, ref, instr);
        }
        if (g.Chance(0.08) && r.forwarder >= 0) {
          g.AddPayment(r.importer, r.forwarder, usd * (0.02 + 0.05 * g.U()), "USD",
                       vo.arr + g.Int(0, 20) * kDay, "Freight and handling " + d->bill_of_lading, "wire");
        }
      }
    }
  }
}

}  // namespace interdict::sim
