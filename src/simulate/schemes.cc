// Planted schemes and decoys. Each builder records its instance in the answer key.
// Instances vary in route, parties, goods, field usage and timing so that no single field
// or id pattern gives them away.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "core/strings.h"
#include "model/reference.h"
#include "simulate/gen_util.h"

namespace interdict::sim {
namespace {

bool IsHub(const std::string& cc) { return IsTransshipmentHub(cc); }

int LaneByName(const std::string& name) {
  const auto& l = Lanes();
  for (size_t i = 0; i < l.size(); ++i)
    if (name == l[i].name) return static_cast<int>(i);
  return 0;
}

std::vector<int> ChplHs() {
  std::vector<int> out;
  const auto& t = HsTable();
  for (size_t i = 0; i < t.size(); ++i)
    if (FindChpl(t[i].hs6)) out.push_back(static_cast<int>(i));
  if (out.empty()) out.push_back(FindHs("854231"));
  return out;
}

std::string Num(double v, int d) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", d, v);
  return b;
}

class Planter {
 public:
  explicit Planter(Gen& g) : g_(g), w_(g.w()) {}
  void Run();

 private:
  TruthItem& NewItem(bool decoy, const std::string& type, const std::string& variant,
                     const std::string& summary) {
    auto& v = decoy ? w_.decoys : w_.schemes;
    TruthItem t;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s-%03d", decoy ? "X" : "S", static_cast<int>(v.size()) + 1);
    t.id = buf;
    t.type = type;
    t.variant = variant;
    t.summary = summary;
    v.push_back(t);
    return v.back();
  }
  // Index of the last appended item (references into the vectors may move).
  TruthItem& LastScheme() { return w_.schemes.back(); }

  std::vector<int> FindVoyages(const std::function<bool(const Voyage&, const Vessel&)>& pred,
                               bool in_ais_window_first);
  int ShipmentQty(int hs, double target_kg, ShipmentSpec* s, double price_factor = 1.0);
  int NewShell(const std::string& cc, int64_t inc_from, int64_t inc_to);
  std::string Obfuscate(const std::string& name);
  int AddSchemeVoyage(int vessel, int from, int to, int64_t dep, int64_t arr);

  void Diversion(int n);
  void DarkSts(int n);
  void Misdeclaration(int n);
  void Layering(int n);
  void NameObfuscation(int n);
  void Spoofing(int n);
  void SharedMmsi(int n);
  void LicenceAbuse(int n);
  void DecoyGaps(int n);
  void DecoyBunkering();
  void DecoyLookalikes(int n);
  void DecoyTrade(int n);
  void BackgroundLists();

  Gen& g_;
  World& w_;
};

std::vector<int> Planter::FindVoyages(
    const std::function<bool(const Voyage&, const Vessel&)>& pred, bool in_window_first) {
  std::vector<int> in, out;
  const auto& voy = g_.voyages();
  for (size_t i = 0; i < voy.size(); ++i) {
    const Voyage& v = voy[i];
    if (v.scheme) continue;
    if (!pred(v, w_.vessels[static_cast<size_t>(v.vessel)])) continue;
    bool win = v.dep >= w_.ais_start && v.arr <= w_.ais_end;
    (win ? in : out).push_back(static_cast<int>(i));
  }
  if (in_window_first && !in.empty() && g_.Chance(0.6)) return in;
  in.insert(in.end(), out.begin(), out.end());
  return in;
}

int Planter::ShipmentQty(int hs, double target_kg, ShipmentSpec* s, double price_factor) {
  const HsInfo& h = HsTable()[static_cast<size_t>(hs)];
  double qty = target_kg / h.kg_per_unit;
  if (std::string(h.unit) == "pcs") qty = std::max(1.0, std::round(qty));
  s->hs = hs;
  s->quantity = qty;
  s->net_kg = std::max(1.0, qty * h.kg_per_unit * (0.97 + 0.06 * g_.U()));
  s->value_usd = qty * g_.LogNormal(h.unit_value, h.sigma * 0.5) * price_factor;
  return hs;
}

int Planter::NewShell(const std::string& cc, int64_t inc_from, int64_t inc_to) {
  int c = g_.NewCompany(cc, g_.Chance(0.5) ? 'T' : 'L', "trader", inc_from, inc_to);
  Party& p = g_.P(c);
  p.shell = true;
  if (g_.Chance(0.75)) {
    p.address_id = g_.SharedAddress(cc);
    for (const auto& a : w_.addresses)
      if (a.id == p.address_id) g_.P(c).address = a.full;
  }
  std::string id = g_.P(c).id, inc = g_.P(c).inc_date;
  int nominee = g_.NewPerson(g_.Chance(0.7) ? cc : "GB");
  g_.Own(g_.P(nominee).id, id, 100, inc);
  g_.Direct(g_.P(nominee).id, id, inc);
  return c;
}

int Planter::AddSchemeVoyage(int vessel, int from, int to, int64_t dep, int64_t arr) {
  Voyage v;
  v.vessel = vessel;
  v.from = from;
  v.to = to;
  v.dep = dep;
  v.arr = arr;
  v.scheme = true;
  g_.voyages().push_back(v);
  return static_cast<int>(g_.voyages().size()) - 1;
}

std::string Planter::Obfuscate(const std::string& name) {
  std::string s = name;
  static const std::vector<std::pair<std::string, std::string>> kTranslit = {
      {"kh", "h"}, {"ks", "x"}, {"ya", "ia"}, {"yu", "iu"}, {"v", "w"}, {"ou", "u"},
      {"y", "i"},  {"e", "ye"}, {"Kh", "H"},  {"ts", "tz"}, {"sh", "sch"}, {"c", "k"}};
  static const std::vector<std::pair<std::string, std::string>> kForms = {
      {"OOO ", "LLC "}, {"AO ", "JSC "}, {"PAO ", "PJSC "}, {" A.S.", " Anonim Sirketi"},
      {" Ltd. Sti.", " Limited Sirketi"}, {" FZE", " FZ-LLC"}, {" LLC", " L.L.C."},
      {" Co., Ltd.", " Company Limited"}, {" Limited", " Ltd"}, {" GmbH", " G.m.b.H."},
      {" Pte. Ltd.", " Private Limited"}, {" JSC", " Joint Stock Company"},
      {" General Trading LLC", " Gen. Trdg"}, {" Trading Co., Ltd.", " Trading Company"}};
  int ops = g_.Int(1, 3);
  std::vector<int> order = {0, 1, 2, 3};
  for (int i = 3; i > 0; --i) std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(g_.Int(0, i))]);
  for (int k = 0; k < ops; ++k) {
    int op = order[static_cast<size_t>(k)];
    if (op == 0) {  // transliteration variant
      for (int tries = 0; tries < 12; ++tries) {
        const auto& [a, b] = g_.Pick(kTranslit);
        size_t pos = s.find(a);
        if (pos != std::string::npos) {
          s.replace(pos, a.size(), b);
          break;
        }
      }
    } else if (op == 1) {  // typo
      if (s.size() > 6) {
        size_t i = static_cast<size_t>(g_.Int(1, static_cast<int>(s.size()) - 3));
        if (std::isalpha(static_cast<unsigned char>(s[i])) && std::isalpha(static_cast<unsigned char>(s[i + 1]))) {
          int t = g_.Int(0, 2);
          if (t == 0) std::swap(s[i], s[i + 1]);
          else if (t == 1) s.erase(i, 1);
          else s.insert(i, 1, s[i]);
        }
      }
    } else if (op == 2) {  // legal form words
      for (const auto& [a, b] : kForms) {
        size_t pos = s.find(a);
        if (pos != std::string::npos) {
          s.replace(pos, a.size(), b);
          break;
        }
      }
    } else {  // token order
      std::vector<std::string> t = Split(s, ' ');
      if (t.size() >= 3) {
        std::swap(t[0], t[1]);
        s = Join(t, " ");
      }
    }
  }
  if (g_.Chance(0.4)) s = AsciiUpper(s);
  if (s == name) s = name + (g_.Chance(0.5) ? " Co" : " Group");
  return s;
}

// ---------------------------------------------------------------- schemes

void Planter::Diversion(int n) {
  std::vector<int> chpl = ChplHs();
  auto cands = FindVoyages(
      [&](const Voyage& v, const Vessel& s) {
        std::string a = Ports()[static_cast<size_t>(v.from)].country();
        std::string b = Ports()[static_cast<size_t>(v.to)].country();
        return (s.kind == 'C' || s.kind == 'G') && IsLicensingCountry(a) && IsHub(b);
      },
      true);
  if (cands.empty()) return;
  for (int i = 0; i < n; ++i) {
    int v0 = g_.Pick(cands);
    const Voyage vo = g_.voyages()[static_cast<size_t>(v0)];
    std::string from_cc = Ports()[static_cast<size_t>(vo.from)].country();
    std::string hub = Ports()[static_cast<size_t>(vo.to)].country();
    int exporter = g_.PoolCompany(from_cc, 'E', "exporter", 0.5);
    int shell = NewShell(hub, w_.period_start - 420 * kDay, vo.dep - 40 * kDay);
    std::string ucc = g_.Chance(0.8) ? "RU" : "BY";
    int user = g_.NewCompany(ucc, g_.Chance(0.5) ? 'E' : 'M', "end user");
    int l1 = g_.NewPerson(ucc), l2 = g_.NewPerson(ucc);
    g_.ListParty(l1, ucc == "RU" ? "RUSSIA-EO14024" : "BELARUS-EO14038");
    std::string prog2 = ucc == "RU" ? "RUSSIA-EO14024" : "BELARUS-EO14038";
    g_.ListParty(l2, prog2);
    std::string uid = g_.P(user).id, uinc = g_.P(user).inc_date;
    int variant = g_.Int(0, 2);
    std::vector<std::string> hidden = {g_.P(shell).id, uid};
    std::string vname;
    if (variant == 0) {
      int a = g_.Int(26, 35), b = g_.Int(51 - a, 30);
      g_.Own(g_.P(l1).id, uid, a, uinc);
      g_.Own(g_.P(l2).id, uid, b, g_.RandomDateBetween(w_.period_start - 700 * kDay, w_.period_start));
      g_.Own(g_.P(g_.NewPerson(ucc)).id, uid, 100 - a - b, uinc);
      vname = "two listed owners add up to " + std::to_string(a + b) + "%";
    } else if (variant == 1) {
      int h = g_.NewCompany(g_.Chance(0.5) ? "CY" : ucc, 'H', "holding");
      g_.Own(g_.P(l1).id, g_.P(h).id, 100, g_.P(h).inc_date);
      int a = g_.Int(51, 75);
      g_.Own(g_.P(h).id, uid, a, uinc);
      g_.Own(g_.P(g_.NewPerson(ucc)).id, uid, 100 - a, uinc);
      g_.Direct(g_.P(l2).id, uid, uinc);
      hidden.push_back(g_.P(h).id);
      vname = "holding wholly owned by a listed person holds " + std::to_string(a) + "%";
    } else {
      int h = g_.NewCompany("CY", 'H', "holding");
      int hp = g_.Int(50, 70);
      g_.Own(g_.P(l1).id, g_.P(h).id, hp, g_.P(h).inc_date);
      g_.Own(g_.P(g_.NewPerson("CY")).id, g_.P(h).id, 100 - hp, g_.P(h).inc_date);
      int a = g_.Int(30, 40), b = g_.Int(51 - a, 24);
      g_.Own(g_.P(h).id, uid, a, uinc);
      g_.Own(g_.P(l2).id, uid, b, uinc);
      g_.Own(g_.P(g_.NewPerson(ucc)).id, uid, 100 - a - b, uinc);
      hidden.push_back(g_.P(h).id);
      vname = "blocked holding (" + std::to_string(hp) + "% listed) plus listed person: " +
              std::to_string(a + b) + "%";
    }
    TruthItem& t = NewItem(false, "chpl_diversion", vname,
                           CountryName(from_cc) + " CHPL exports via a " + CountryName(hub) +
                               " shell to " + g_.P(user).name + " (" + ucc + ")");
    t.entities = hidden;
    t.listed_entities = {g_.P(l1).id, g_.P(l2).id};
    // Shipments on voyages of the same route.
    std::vector<int> same;
    for (int c : cands) {
      const Voyage& x = g_.voyages()[static_cast<size_t>(c)];
      if (Ports()[static_cast<size_t>(x.from)].country() == from_cc &&
          Ports()[static_cast<size_t>(x.to)].country() == hub)
        same.push_back(c);
    }
    int k = g_.Int(2, 4);
    std::string lic;
    if (g_.Chance(0.35)) {
      // A licence for a genuine end user in the hub, used for the shell's shipments.
      int real_user = g_.PoolCompany(hub, 'E', "importer", 0.3);
      License l;
      l.number = g_.LicenseNumber(from_cc, w_.period_start - g_.Int(30, 300) * kDay);
      l.holder = g_.P(exporter).name;
      l.issuing_country = from_cc;
      l.destination_country = hub;
      l.end_user = g_.P(real_user).name;
      l.hs_codes = HsTable()[static_cast<size_t>(chpl[0])].hs6;
      for (int c : chpl) if (g_.Chance(0.3)) l.hs_codes += ";" + std::string(HsTable()[static_cast<size_t>(c)].hs6);
      l.max_quantity = "200000";
      l.quantity_unit = "pcs";
      l.max_value = "5000000";
      l.currency = "EUR";
      l.valid_from = DateOf(w_.period_start - 200 * kDay);
      l.valid_to = DateOf(w_.period_end + 300 * kDay);
      l.status = "active";
      w_.licenses.push_back(l);
      lic = l.number;
      w_.schemes.back().licenses.push_back(lic);
    }
    int hs_main = g_.Pick(chpl);
    for (int j = 0; j < k && !same.empty(); ++j) {
      int vi = g_.Pick(same);
      const Voyage v = g_.voyages()[static_cast<size_t>(vi)];
      ShipmentSpec s;
      s.voyage = vi;
      s.exporter = exporter;
      s.importer = shell;
      int hs = g_.Chance(0.7) ? hs_main : g_.Pick(chpl);
      double kg = HsTable()[static_cast<size_t>(hs)].kg_per_unit < 1 ? g_.Int(80, 900) : g_.Int(300, 4000);
      ShipmentQty(hs, kg, &s);
      s.license = lic;
      int ev = g_.Int(0, 3);
      bool onward = false;
      if (ev == 0) {
        s.end_user = user;
      } else if (ev == 1) {
        s.end_user = shell;
        onward = true;
      } else if (ev == 2) {
        s.notify = user;
        onward = g_.Chance(0.5);
      } else {
        s.end_user = user;
        s.destination = ucc;
        s.transshipment = Ports()[static_cast<size_t>(v.to)].locode;
      }
      s.export_decl = true;
      s.import_decl = g_.Chance(0.5);
      std::vector<int> keys = g_.AddShipment(s);
      std::string inv = g_.DeclByKey(keys[0])->invoice_number;
      std::string cur = g_.DeclByKey(keys[0])->currency;
      TruthItem& tt = w_.schemes.back();
      tt.decl_keys.insert(tt.decl_keys.end(), keys.begin(), keys.end());
      if (onward) {
        ShipmentSpec o = s;
        o.voyage = -1;
        o.exporter = shell;
        o.importer = user;
        o.end_user = user;
        o.notify = -1;
        o.destination = "";
        o.transshipment = "";
        o.license = "";
        o.from_country = hub;
        o.to_country = ucc;
        o.office_country = hub;
        o.dep = v.arr + g_.Int(4, 20) * kDay;
        o.arr = o.dep + g_.Int(3, 12) * kDay;
        o.value_usd = s.value_usd * (1.15 + 0.3 * g_.U());
        o.export_decl = true;
        o.import_decl = false;
        o.currency = "USD";
        std::vector<int> ok = g_.AddShipment(o);
        tt.decl_keys.insert(tt.decl_keys.end(), ok.begin(), ok.end());
      }
      int p1 = g_.AddPayment(shell, exporter, s.value_usd, cur, v.arr + g_.Int(0, 30) * kDay,
                             g_.Chance(0.6) ? inv : "INV " + inv, "wire");
      int p2 = g_.AddPayment(user, shell, s.value_usd * (1.2 + 0.35 * g_.U()), "USD",
                             v.dep - g_.Int(2, 20) * kDay,
                             g_.Chance(0.5) ? "Contract " + std::to_string(g_.Int(100, 999)) + "/" + DateOf(v.dep).substr(2, 2)
                                            : "Prepayment for electronic components",
                             "wire");
      w_.schemes.back().payment_keys.push_back(p1);
      w_.schemes.back().payment_keys.push_back(p2);
    }
    if (w_.schemes.back().decl_keys.empty()) w_.schemes.pop_back();
  }
}

struct StsZone {
  const char* name;
  double lat, lon;
  const char* lane;
  const char* discharge;
  const char* false_pol;
  const char* false_origin;
  const char* product;
};
const StsZone kZones[] = {
    {"off Johor", 1.45, 104.55, "Gulf crude", "CNTAO;CNNGB;KRPUS", "MYPKG;MYTPP", "MY", "270900"},
    {"Gulf of Oman", 24.95, 57.05, "Gulf crude", "INMUN;INNSA;CNNGB;PKKHI", "OMSOH;IQUQR", "OM;IQ", "270900"},
    {"Laconian Gulf", 36.55, 22.85, "Product tankers", "EGALY;TRMER;MTMAR;ESALG", "TRMER;EGALY", "TR;EG", "271019"},
    {"off Lome", 5.75, 1.55, "West Africa", "NGAPP;MAPTM;NLRTM", "TGLFW;NGAPP", "TG;NG", "271019"},
};

void Planter::DarkSts(int n) {
  for (int i = 0; i < n; ++i) {
    const StsZone& z = kZones[(i + g_.Int(0, 3)) % 4];
    int lane = LaneByName(z.lane);
    int64_t target = w_.ais_start + g_.Int(2, std::max(3, w_.cfg.ais_days - 4)) * kDay + g_.Int(0, 23) * kHour;
    int a = g_.NewVessel('T', lane, true);
    int b = g_.NewVessel('T', lane, false);
    Vessel* A = &w_.vessels[static_cast<size_t>(a)];
    Vessel* B = &w_.vessels[static_cast<size_t>(b)];
    A->scheme = B->scheme = true;
    std::vector<std::string> lp = Split(z.lane == std::string("West Africa") ? "TGLFW;NGAPP;ESALG" : Lanes()[static_cast<size_t>(lane)].ports, ';');
    for (Vessel* V : {A, B}) {
      V->lane_pos = 0;
      g_.StartTimeline(*V, FindPort(g_.Pick(lp)), w_.period_start - g_.Int(5, 40) * kDay);
      g_.ContinueLane(*V, target - 14 * kDay);
    }
    // Time both arrivals just before the target. ContinueLane() ends with the voyage that
    // crosses its end time, which can run past the target (on small worlds, past the AIS
    // window): while the vessel could not reach the meeting point by `want`, drop its last
    // lane voyage (the sailing between two ports and the port stay after it) and retry.
    auto drop_last_voyage = [](Vessel& V) {
      for (size_t k = V.segs.size(); k-- > 1;) {
        const Segment& s = V.segs[k];
        if (s.sailing && s.from_port >= 0 && s.to_port >= 0 && s.from_port != s.to_port) {
          V.segs.resize(k);
          return true;
        }
      }
      return false;
    };
    auto arrive = [&](Vessel& V, int64_t want) {
      g_.SailToPoint(V, z.lat, z.lon, false);
      while (V.segs.back().t1 > want) {
        Segment late = V.segs.back();
        V.segs.pop_back();
        if (!drop_last_voyage(V)) {
          V.segs.push_back(late);
          break;
        }
        g_.SailToPoint(V, z.lat, z.lon, false);
      }
      int64_t travel = V.segs.back().t1 - V.segs.back().t0;
      Segment sail = V.segs.back();
      V.segs.pop_back();
      int64_t depart = std::max(g_.CursorTime(V), want - travel);
      V.segs.back().t1 = depart;
      sail.t0 = depart;
      sail.t1 = depart + travel;
      V.segs.push_back(sail);
      return sail.t1;
    };
    int64_t ta = arrive(*A, target - g_.Int(2, 10) * kHour);
    int64_t tb = arrive(*B, target - g_.Int(6, 30) * kHour);
    int64_t e0 = std::max(ta, tb) + g_.Int(1, 3) * kHour;
    int64_t e1 = e0 + g_.Int(6, 14) * kHour;
    double off_lat = z.lat + 0.0012, off_lon = z.lon + 0.0008;
    g_.StayAt(*A, off_lat, off_lon, e1 - g_.CursorTime(*A), 0, 0.25);
    g_.StayAt(*B, z.lat, z.lon, e1 + g_.Int(1, 5) * kHour - g_.CursorTime(*B), 0, 0.25);
    // A leaves for a lane port; B for its discharge port.
    std::vector<std::string> dis = Split(z.discharge, ';');
    int dport = FindPort(g_.Pick(dis));
    int aport = FindPort(g_.Pick(lp));
    if (aport == dport) aport = FindPort(lp[0]);
    int64_t a_leave = g_.CursorTime(*A);
    g_.Sail(*A, aport, false);
    int64_t a_arrive = g_.CursorTime(*A);
    g_.Stay(*A, aport, g_.Int(30, 60) * kHour, true);
    int64_t b_leave = g_.CursorTime(*B);
    g_.Sail(*B, dport, false);
    int64_t b_arr = g_.CursorTime(*B);
    g_.Stay(*B, dport, g_.Int(30, 60) * kHour, true);
    g_.ContinueLane(*A, w_.period_end + 20 * kDay);
    g_.ContinueLane(*B, w_.period_end + 20 * kDay);
    // The listed tanker carries no ordinary declared cargo: every paper naming it is planted.
    for (Segment& sg : A->segs) sg.background = false;
    // The dark period: before the meeting (hiding a call at a sanctioned port) or after it.
    bool before = g_.Chance(0.6);
    int64_t g0, g1;
    if (before) {
      g1 = e0 - g_.Int(1, 3) * kHour;
      int64_t sail_start = 0;
      for (const Segment& s : A->segs)
        if (s.sailing && s.t1 == ta) sail_start = s.t0;
      g0 = std::max(sail_start + 3 * kHour, g1 - g_.Int(14, 40) * kHour);
    } else {
      g0 = a_leave + g_.Int(1, 3) * kHour;
      g1 = std::min(a_arrive - 3 * kHour, g0 + g_.Int(14, 40) * kHour);
    }
    if (g1 - g0 < 8 * kHour) g0 = g1 - 8 * kHour;
    A->dark.push_back({g0, g1});
    std::string old_name = A->name, old_flag = A->flag;
    uint32_t old_mmsi = A->mmsi;
    bool in_window_change = g_.Chance(0.5);
    if (in_window_change) {
      IdentityChange ic;
      ic.t = (g0 + g1) / 2;
      std::string nf;
      for (;;) {
        const FlagInfo& f = g_.Pick(Flags());
        if (f.shadow && f.country != old_flag && std::string(f.country) != "RU" && std::string(f.country) != "IR") {
          nf = f.country;
          break;
        }
      }
      ic.flag = nf;
      ic.mmsi = g_.NewMmsi(nf);
      for (;;) {
        std::string nm = Split(old_name, ' ')[0] + " " + std::string(g_.Chance(0.5) ? "LEGEND" : "MARINER") +
                         (g_.Chance(0.5) ? "" : " " + std::to_string(g_.Int(1, 9)));
        if (w_.used_names.insert("VESSEL " + nm).second) {
          ic.name = nm;
          break;
        }
      }
      ic.callsign = A->callsign;
      A->id_changes.push_back(ic);
      A->past_names.push_back(old_name);
      A->past_flags.push_back(old_flag);
    } else {
      // Renamed and reflagged before the year: the list knows the old identity.
      std::string prev;
      for (;;) {
        prev = std::string(g_.Chance(0.5) ? "STAR " : "OCEAN ") + Split(A->name, ' ').back() + " " + std::to_string(g_.Int(1, 9));
        if (w_.used_names.insert("VESSEL " + prev).second) break;
      }
      A->past_names.push_back(prev);
      A->past_flags.push_back(g_.Chance(0.5) ? "PA" : "LR");
      old_name = prev;
      old_flag = A->past_flags.back();
      old_mmsi = g_.NewMmsi(old_flag);
    }
    int li = g_.ListVessel(a, g_.Chance(0.5) ? "IRAN-EO13846" : "RUSSIA-EO14024", old_name, old_flag,
                           old_mmsi);
    w_.listings[static_cast<size_t>(li)].former_flag = old_flag;
    // Owner of A: a single-ship company in a hub, owned by a listed company.
    int owner_i = g_.Find(A->owner_id);
    int lc = g_.NewCompany(g_.Chance(0.5) ? "IR" : "RU", 'O', "shipping");
    g_.ListParty(lc, w_.listings[static_cast<size_t>(li)].program);
    g_.Own(g_.P(lc).id, A->owner_id, g_.Int(60, 100), g_.P(owner_i).inc_date);
    w_.listings[static_cast<size_t>(li)].linked_to.push_back(w_.listings[static_cast<size_t>(g_.P(lc).listing)].name);
    // The cargo: declared loaded at a port B never called, with a false origin.
    std::vector<std::string> fl = Split(z.false_pol, ';');
    std::string pol;
    for (const std::string& c : fl) {
      bool called = false;
      for (const Segment& s : B->segs)
        if (!s.sailing && s.port == FindPort(c) && s.t1 > w_.ais_start - 5 * kDay && s.t0 < w_.ais_end) called = true;
      if (!called && FindPort(c) != dport) pol = c;
    }
    if (pol.empty()) pol = fl[0] == Ports()[static_cast<size_t>(dport)].locode ? fl.back() : fl[0];
    int trader = NewShell(g_.Chance(0.6) ? "AE" : "HK", w_.period_start - 500 * kDay, w_.period_start - 30 * kDay);
    std::string dcc = Ports()[static_cast<size_t>(dport)].country();
    int buyer = g_.PoolCompany(dcc, 'O', "importer", 0.6);
    int vi = AddSchemeVoyage(b, FindPort(pol), dport, b_leave - g_.Int(0, 1) * kDay, b_arr);
    ShipmentSpec s;
    s.voyage = vi;
    s.exporter = trader;
    s.importer = buyer;
    int hs = FindHs(z.product);
    ShipmentQty(hs, B->dwt * 1000.0 * (0.6 + 0.3 * g_.U()), &s, 0.92);
    s.origin = g_.PickOf(z.false_origin);
    s.currency = "USD";
    s.export_decl = g_.Chance(0.3);
    s.import_decl = true;
    std::vector<int> keys = g_.AddShipment(s);
    for (int k : keys) g_.DeclByKey(k)->departure_date = DateOf(b_leave);
    std::string inv = g_.DeclByKey(keys[0])->invoice_number;
    int pay = g_.AddPayment(buyer, trader, s.value_usd, "USD", b_arr + g_.Int(0, 20) * kDay, inv,
                            g_.Chance(0.5) ? "letter_of_credit" : "wire");
    A = &w_.vessels[static_cast<size_t>(a)];
    B = &w_.vessels[static_cast<size_t>(b)];
    TruthItem& t = NewItem(false, "dark_sts", in_window_change ? "renamed and reflagged during the dark period" : "renamed and reflagged before the year",
                           "STS transfer " + std::string(z.name) + ": " + old_name + " dark " +
                               (before ? "before" : "after") + " meeting " + B->name + "; cargo declared loaded at " + pol);
    t.decl_keys = keys;
    t.payment_keys = {pay};
    t.entities = {g_.P(trader).id, A->owner_id};
    t.listed_entities = {g_.P(lc).id};
    TruthVessel ta_v{A->imo, A->name, "dark tanker", {std::to_string(old_mmsi == A->mmsi ? A->mmsi : A->mmsi)}};
    if (in_window_change) {
      ta_v.name = A->id_changes.back().name;
      ta_v.mmsi.push_back(std::to_string(A->id_changes.back().mmsi));
    }
    t.vessels.push_back(ta_v);
    t.vessels.push_back({B->imo, B->name, "receiving tanker", {std::to_string(B->mmsi)}});
    uint32_t mmsi_gap = A->mmsi;
    TruthEvent gap{"gap", std::to_string(mmsi_gap), "", A->imo, g0, g1, 0, 0};
    VesselState st;
    if (StateAt(*A, g0, &st)) {
      gap.lat = st.lat;
      gap.lon = st.lon;
    }
    t.events.push_back(gap);
    uint32_t mmsi_enc = A->mmsi;
    for (const auto& ic : A->id_changes)
      if (ic.t <= e0) mmsi_enc = ic.mmsi;
    t.events.push_back({"encounter", std::to_string(mmsi_enc), std::to_string(B->mmsi), A->imo, e0, e1, z.lat, z.lon});
    if (in_window_change)
      t.events.push_back({"identity_change", std::to_string(A->id_changes.back().mmsi), std::to_string(A->mmsi), A->imo, g0, g1, 0, 0});
  }
}

void Planter::Misdeclaration(int n) {
  static const char* kPairs[][2] = {{"854231", "853400"}, {"847150", "847130"}, {"848210", "732690"},
                                    {"870323", "870899"}, {"220830", "220299"}, {"240220", "210690"},
                                    {"711319", "711719"}, {"852691", "853400"}};
  std::vector<int> pairs;
  for (int i = 0; i < 8; ++i)
    if (!FindChpl(kPairs[i][1])) pairs.push_back(i);
  auto cands = FindVoyages([&](const Voyage& v, const Vessel& s) {
    return s.kind == 'C' && !IsHighRiskCountry(Ports()[static_cast<size_t>(v.to)].country());
  }, false);
  if (cands.empty() || pairs.empty()) return;
  for (int i = 0; i < n; ++i) {
    int p = g_.Pick(pairs);
    int v0 = g_.Pick(cands);
    const Voyage vo = g_.voyages()[static_cast<size_t>(v0)];
    std::string from_cc = Ports()[static_cast<size_t>(vo.from)].country();
    std::string to_cc = Ports()[static_cast<size_t>(vo.to)].country();
    int true_hs = FindHs(kPairs[p][0]), decl_hs = FindHs(kPairs[p][1]);
    int exporter = g_.PoolCompany(from_cc, SectorOfHs(kPairs[p][0]), "exporter", 0.4);
    int importer = g_.NewCompany(to_cc, 'T', "importer", w_.period_start - 1200 * kDay, w_.period_start - 60 * kDay);
    g_.GiveOwners(importer);
    int payer = NewShell(g_.Pick(std::vector<std::string>{"AE", "HK", "SC", "CY", "TR"}), w_.period_start - 800 * kDay, w_.period_start);
    bool truthful_desc = g_.Chance(0.5);
    TruthItem& t = NewItem(false, "hs_misdeclaration", truthful_desc ? "description shows the real goods" : "vague description",
                           std::string(HsTable()[static_cast<size_t>(true_hs)].short_desc) + " declared as HS " + kPairs[p][1] + " at a fraction of the value");
    t.entities = {g_.P(importer).id, g_.P(payer).id};
    std::vector<int> same;
    for (int c : cands) {
      const Voyage& x = g_.voyages()[static_cast<size_t>(c)];
      if (x.from == vo.from && Ports()[static_cast<size_t>(x.to)].country() == to_cc) same.push_back(c);
    }
    int k = g_.Int(2, 4);
    for (int j = 0; j < k; ++j) {
      int vi = j == 0 || same.empty() ? v0 : g_.Pick(same);
      const Voyage v = g_.voyages()[static_cast<size_t>(vi)];
      ShipmentSpec s;
      s.voyage = vi;
      s.exporter = exporter;
      s.importer = importer;
      const HsInfo& th = HsTable()[static_cast<size_t>(true_hs)];
      double kg = std::clamp(150000.0 / (th.unit_value / th.kg_per_unit), 80.0, 15000.0);
      ShipmentQty(true_hs, kg, &s);
      double true_value = s.value_usd;
      // Declared under the other code, in its unit if it differs.
      const HsInfo& dh = HsTable()[static_cast<size_t>(decl_hs)];
      s.hs = decl_hs;
      if (std::string(dh.unit) != th.unit) s.quantity = std::string(dh.unit) == "kg" ? s.net_kg : std::round(s.net_kg / dh.kg_per_unit);
      s.value_usd = true_value * (0.15 + 0.2 * g_.U());
      s.description = truthful_desc ? th.short_desc
                                    : g_.Pick(std::vector<std::string>{"spare parts", "general merchandise", dh.short_desc, "parts and accessories"});
      s.export_decl = g_.Chance(0.4);
      s.import_decl = true;
      std::vector<int> keys = g_.AddShipment(s);
      TruthItem& tt = w_.schemes.back();
      tt.decl_keys.insert(tt.decl_keys.end(), keys.begin(), keys.end());
      std::string inv = g_.DeclByKey(keys[0])->invoice_number;
      std::string cur = g_.DeclByKey(keys[0])->currency;
      tt.payment_keys.push_back(g_.AddPayment(importer, exporter, s.value_usd, cur, v.arr + g_.Int(0, 30) * kDay, inv, "wire"));
      tt.payment_keys.push_back(g_.AddPayment(payer, exporter, true_value - s.value_usd, "USD", v.dep - g_.Int(0, 25) * kDay,
                                              g_.Pick(std::vector<std::string>{"consulting services", "service agreement " + std::to_string(g_.Int(10, 99)), "commission", "prepayment"}),
                                              "wire"));
    }
  }
}

void Planter::Layering(int n) {
  auto cands = FindVoyages([&](const Voyage& v, const Vessel& s) {
    std::string a = Ports()[static_cast<size_t>(v.from)].country();
    std::string b = Ports()[static_cast<size_t>(v.to)].country();
    return s.kind != 'B' && IsHub(a) && !IsHighRiskCountry(b) && a != b;
  }, false);
  if (cands.empty()) return;
  static const char* kShellCc[] = {"AE", "HK", "TR", "GE", "CY", "SC", "AM", "KZ"};
  for (int i = 0; i < n; ++i) {
    int v0 = g_.Pick(cands);
    const Voyage vo = g_.voyages()[static_cast<size_t>(v0)];
    std::string from_cc = Ports()[static_cast<size_t>(vo.from)].country();
    std::string to_cc = Ports()[static_cast<size_t>(vo.to)].country();
    int collector = g_.NewCompany(from_cc, 'T', "exporter", w_.period_start - 1500 * kDay, w_.period_start - 100 * kDay);
    std::string cid = g_.P(collector).id, cinc = g_.P(collector).inc_date;
    int variant = g_.Int(0, 2);
    std::vector<std::string> listed;
    std::string vname;
    if (variant == 0) {
      int lc = g_.NewCompany(g_.Chance(0.5) ? "RU" : "IR", 'T', "trading");
      g_.ListParty(lc, g_.Chance(0.5) ? "RUSSIA-EO14024" : "IRAN");
      int pct = g_.Int(50, 80);
      g_.Own(g_.P(lc).id, cid, pct, cinc);
      g_.Own(g_.P(g_.NewPerson(from_cc)).id, cid, 100 - pct, cinc);
      listed.push_back(g_.P(lc).id);
      vname = "collector " + std::to_string(pct) + "% owned by a listed company";
    } else if (variant == 1) {
      int lp = g_.NewPerson(g_.Chance(0.5) ? "RU" : "IR");
      g_.ListParty(lp, "RUSSIA-EO14024");
      g_.Direct(g_.P(lp).id, cid, cinc);
      g_.Own(g_.P(g_.NewPerson(from_cc)).id, cid, 100, cinc);
      listed.push_back(g_.P(lp).id);
      vname = "collector directed by a listed person";
    } else {
      int lp = g_.NewPerson("RU");
      g_.ListParty(lp, "RUSSIA-EO14024");
      int h = g_.NewCompany("CY", 'H', "holding");
      g_.Own(g_.P(lp).id, g_.P(h).id, g_.Int(50, 100), g_.P(h).inc_date);
      g_.Own(g_.P(h).id, cid, 100, cinc);
      listed.push_back(g_.P(lp).id);
      vname = "collector owned through a holding by a listed person";
    }
    int payer = g_.PoolCompany(to_cc, 'T', "importer", 0.5);
    TruthItem& t = NewItem(false, "payment_layering", vname,
                           "payments for " + g_.P(collector).name + " fanned out through shells and gathered back");
    t.entities = {cid, g_.P(payer).id};
    t.listed_entities = listed;
    int k = g_.Int(1, 3);
    double invoiced = 0;
    std::vector<std::string> invoices;
    int64_t t0 = vo.arr;
    for (int j = 0; j < k; ++j) {
      ShipmentSpec s;
      s.voyage = j == 0 ? v0 : g_.Pick(cands);
      const Voyage v = g_.voyages()[static_cast<size_t>(s.voyage)];
      if (Ports()[static_cast<size_t>(v.to)].country() != to_cc || Ports()[static_cast<size_t>(v.from)].country() != from_cc) s.voyage = v0;
      s.exporter = collector;
      s.importer = payer;
      int hs = g_.Int(0, static_cast<int>(HsTable().size()) - 1);
      while (HsTable()[static_cast<size_t>(hs)].cargo != 'C') hs = g_.Int(0, static_cast<int>(HsTable().size()) - 1);
      ShipmentQty(hs, g_.Int(2000, 15000), &s);
      s.export_decl = g_.Chance(0.5);
      s.import_decl = !s.export_decl || g_.Chance(0.5);
      std::vector<int> keys = g_.AddShipment(s);
      TruthItem& tt = w_.schemes.back();
      tt.decl_keys.insert(tt.decl_keys.end(), keys.begin(), keys.end());
      invoiced += s.value_usd;
      invoices.push_back(g_.DeclByKey(keys[0])->invoice_number);
    }
    double paid = invoiced * (1.25 + 0.6 * g_.U());
    int shells = g_.Int(3, 6);
    std::vector<double> parts;
    double sum = 0;
    for (int j = 0; j < shells; ++j) {
      parts.push_back(0.5 + g_.U());
      sum += parts.back();
    }
    for (int j = 0; j < shells; ++j) {
      std::string scc = kShellCc[g_.Int(0, 7)];
      int sh = NewShell(scc, w_.period_start - 300 * kDay, t0 - 20 * kDay);
      w_.schemes.back().entities.push_back(g_.P(sh).id);
      double amt = std::round(paid * parts[static_cast<size_t>(j)] / sum / 100.0) * 100.0;
      int64_t when = t0 + g_.Int(0, 5) * kDay;
      std::string ref = g_.Chance(0.7) ? "INV " + g_.Pick(invoices) : "services contract " + std::to_string(g_.Int(100, 999));
      int p1 = g_.AddPayment(payer, sh, amt, "USD", when, ref, "wire");
      int p2 = g_.AddPayment(sh, collector, amt * (0.97 + 0.02 * g_.U()), "USD", when + g_.Int(1, 7) * kDay,
                             g_.Pick(std::vector<std::string>{"settlement", "loan repayment", "trade finance", g_.Pick(invoices)}), "wire");
      w_.schemes.back().payment_keys.push_back(p1);
      w_.schemes.back().payment_keys.push_back(p2);
    }
  }
}

void Planter::NameObfuscation(int n) {
  static const char* kCc[] = {"TR", "AE", "CN", "HK", "RU", "IN"};
  for (int i = 0; i < n; ++i) {
    std::string cc = kCc[g_.Int(0, 5)];
    auto cands = FindVoyages([&](const Voyage& v, const Vessel& s) {
      return s.kind != 'B' && s.kind != 'T' && Ports()[static_cast<size_t>(v.to)].country() == cc &&
             Ports()[static_cast<size_t>(v.from)].country() != cc;
    }, true);
    if (cands.empty()) continue;
    int lo = g_.NewCompany(cc, g_.Chance(0.5) ? 'E' : 'M', "importer");
    g_.GiveOwners(lo);
    g_.ListParty(lo, cc == "RU" ? "RUSSIA-EO14024" : g_.Chance(0.7) ? "RUSSIA-EO14024" : "IRAN-EO13846");
    if (g_.Chance(0.5)) w_.listings[static_cast<size_t>(g_.P(lo).listing)].akas.push_back(Obfuscate(g_.P(lo).name));
    TruthItem& t = NewItem(false, "name_obfuscation", "", "listed " + g_.P(lo).name + " named under altered spellings");
    t.entities = {g_.P(lo).id};
    t.listed_entities = {g_.P(lo).id};
    int k = g_.Int(2, 4);
    for (int j = 0; j < k; ++j) {
      int vi = g_.Pick(cands);
      const Voyage v = g_.voyages()[static_cast<size_t>(vi)];
      std::string from_cc = Ports()[static_cast<size_t>(v.from)].country();
      ShipmentSpec s;
      s.voyage = vi;
      int hs = g_.Int(0, static_cast<int>(HsTable().size()) - 1);
      while (HsTable()[static_cast<size_t>(hs)].cargo != 'C' || (cc == "RU" && FindChpl(HsTable()[static_cast<size_t>(hs)].hs6)))
        hs = g_.Int(0, static_cast<int>(HsTable().size()) - 1);
      s.exporter = g_.PoolCompany(from_cc, SectorOfHs(HsTable()[static_cast<size_t>(hs)].hs6), "exporter", 0.6);
      s.importer = lo;
      ShipmentQty(hs, g_.Int(1000, 12000), &s);
      if (FindChpl(HsTable()[static_cast<size_t>(hs)].hs6)) s.end_user = lo;
      s.export_decl = g_.Chance(0.6);
      s.import_decl = !s.export_decl || g_.Chance(0.4);
      std::vector<int> keys = g_.AddShipment(s);
      std::string alias = Obfuscate(g_.P(lo).name);
      int role = g_.Int(0, 2);
      for (int key : keys) {
        Declaration* d = g_.DeclByKey(key);
        if (role == 0) {
          d->importer = alias;
          d->consignee = alias;
        } else if (role == 1) {
          // A front importer, the listed firm as consignee / notify party.
          int front = g_.PoolCompany(cc, 'L', "forwarder", 0.7);
          d->importer = g_.P(front).name;
          d->importer_address = g_.P(front).address;
          d->consignee = alias;
        } else {
          d->importer = alias;
          d->notify_party = alias;
          d->consignee = alias;
        }
        if (!d->end_user.empty()) d->end_user = alias;
      }
      TruthItem& tt = w_.schemes.back();
      tt.decl_keys.insert(tt.decl_keys.end(), keys.begin(), keys.end());
      Declaration* d0 = g_.DeclByKey(keys[0]);
      int pk = g_.AddPayment(lo, s.exporter, s.value_usd, d0->currency, v.arr + g_.Int(0, 30) * kDay, d0->invoice_number, "wire");
      w_.payments.back().payer = Obfuscate(g_.P(lo).name);
      tt.payment_keys.push_back(pk);
    }
  }
}

struct SpoofZone {
  const char* sanctioned;
  const char* lane;
  const char* declared;  // port the papers name; the fake track sits off it
};
const SpoofZone kSpoof[] = {
    {"SYLTK", "Mediterranean-Black Sea", "LBBEY"},
    {"IRBND", "Middle East-India", "OMSOH"},
    {"KPNAM", "Intra-Asia", "CNDLC"},
    {"SYLTK", "Mediterranean-Black Sea", "EGPSD"},
};

void Planter::Spoofing(int n) {
  for (int i = 0; i < n; ++i) {
    const SpoofZone& z = kSpoof[(i + g_.Int(0, 3)) % 4];
    int lane = LaneByName(z.lane);
    int vi = g_.NewVessel('G', lane, g_.Chance(0.6));
    Vessel* S = &w_.vessels[static_cast<size_t>(vi)];
    S->scheme = true;
    std::vector<std::string> lp = Split(Lanes()[static_cast<size_t>(lane)].ports, ';');
    g_.StartTimeline(*S, FindPort(g_.Pick(lp)), w_.period_start - g_.Int(5, 40) * kDay);
    int64_t target = w_.ais_start + g_.Int(1, std::max(2, w_.cfg.ais_days - 4)) * kDay;
    g_.ContinueLane(*S, target - 6 * kDay);
    int q = g_.CurrentPort(*S);
    int ps = FindPort(z.sanctioned), pd = FindPort(z.declared);
    if (q == pd) {
      g_.Sail(*S, FindPort(lp[0]) == pd ? FindPort(lp[1]) : FindPort(lp[0]));
      g_.Stay(*S, g_.CurrentPort(*S), g_.Int(20, 40) * kHour);
      q = g_.CurrentPort(*S);
    }
    int64_t dep = g_.CursorTime(*S);
    g_.Sail(*S, ps, false);
    int64_t arr = g_.CursorTime(*S);
    g_.Stay(*S, ps, g_.Int(36, 80) * kHour, false);
    int64_t leave = g_.CursorTime(*S);
    int next = FindPort(g_.Pick(lp));
    if (next == ps || next == q) next = pd;
    g_.Sail(*S, next, false);
    g_.Stay(*S, next, g_.Int(20, 50) * kHour, true);
    g_.ContinueLane(*S, w_.period_end + 20 * kDay);
    Spoof sp;
    sp.t0 = arr - g_.Int(5, 12) * kHour;
    sp.t1 = leave + g_.Int(3, 10) * kHour;
    const PortInfo& dp = Ports()[static_cast<size_t>(pd)];
    sp.lat = dp.anch_lat + 0.04 * (g_.U() - 0.5);
    sp.lon = dp.anch_lon + 0.04 * (g_.U() - 0.5);
    S->spoofs.push_back(sp);
    // Papers: exported from q to the declared port.
    std::string qcc = Ports()[static_cast<size_t>(q)].country();
    int voy = AddSchemeVoyage(vi, q, pd, dep, arr);
    ShipmentSpec s;
    s.voyage = voy;
    int hs = FindHs(g_.Pick(std::vector<std::string>{"720839", "721049", "100199", "310210", "730630", "440710"}));
    s.exporter = g_.PoolCompany(qcc, SectorOfHs(HsTable()[static_cast<size_t>(hs)].hs6), "exporter", 0.5);
    s.importer = NewShell(dp.country(), w_.period_start - 400 * kDay, w_.period_start + 100 * kDay);
    ShipmentQty(hs, S->dwt * 1000.0 * (0.3 + 0.4 * g_.U()), &s);
    s.export_decl = true;
    s.import_decl = false;
    std::vector<int> keys = g_.AddShipment(s);
    S = &w_.vessels[static_cast<size_t>(vi)];
    TruthItem& t = NewItem(false, "position_spoofing", "",
                           S->name + " reports a track off " + std::string(dp.name) + " while calling at " +
                               Ports()[static_cast<size_t>(ps)].name);
    t.decl_keys = keys;
    t.entities = {g_.P(s.importer).id};
    t.vessels.push_back({S->imo, S->name, "spoofing vessel", {std::to_string(S->mmsi)}});
    t.events.push_back({"spoofing", std::to_string(S->mmsi), "", S->imo, sp.t0, sp.t1, sp.lat, sp.lon});
  }
}

void Planter::SharedMmsi(int n) {
  for (int i = 0; i < n; ++i) {
    int lane = LaneByName(g_.Chance(0.5) ? "Far East Russia" : "Mediterranean-Black Sea");
    int hi = g_.NewVessel('G', lane, true);
    Vessel* H = &w_.vessels[static_cast<size_t>(hi)];
    H->scheme = true;
    std::vector<std::string> lp = Split(Lanes()[static_cast<size_t>(lane)].ports, ';');
    g_.StartTimeline(*H, FindPort(g_.Pick(lp)), w_.period_start - g_.Int(5, 40) * kDay);
    g_.ContinueLane(*H, w_.period_end + 20 * kDay);
    // A victim far away whose MMSI the hijacker borrows.
    int victim = -1;
    for (int tries = 0; tries < 200 && victim < 0; ++tries) {
      int c = g_.Int(0, static_cast<int>(w_.vessels.size()) - 1);
      const Vessel& v = w_.vessels[static_cast<size_t>(c)];
      if (c != hi && !v.scheme && v.kind != 'X' && v.lane != lane && !v.segs.empty()) victim = c;
    }
    if (victim < 0) continue;
    int64_t h0 = w_.ais_start + g_.Int(0, std::max(1, w_.cfg.ais_days / 3)) * kDay + g_.Int(0, 23) * kHour;
    int64_t h1 = std::min(w_.ais_end - kHour, h0 + g_.Int(3, std::max(4, w_.cfg.ais_days / 2)) * kDay);
    H = &w_.vessels[static_cast<size_t>(hi)];
    const Vessel& V = w_.vessels[static_cast<size_t>(victim)];
    IdentityChange on{h0, V.mmsi, H->name, V.flag, H->callsign};
    IdentityChange off{h1, H->mmsi, H->name, H->flag, H->callsign};
    H->id_changes.push_back(on);
    H->id_changes.push_back(off);
    // Cargo on a voyage inside the window, for a listed-owned consignee.
    int seg = -1;
    for (size_t s = 0; s < H->segs.size(); ++s)
      if (H->segs[s].sailing && H->segs[s].from_port >= 0 && H->segs[s].to_port >= 0 &&
          H->segs[s].t0 >= h0 - 2 * kDay && H->segs[s].t0 < h1) {
        seg = static_cast<int>(s);
        break;
      }
    TruthItem& t = NewItem(false, "shared_mmsi", "", H->name + " transmits the MMSI of " + V.name);
    t.vessels.push_back({H->imo, H->name, "MMSI hijacker", {std::to_string(H->mmsi), std::to_string(V.mmsi)}});
    t.events.push_back({"spoofing", std::to_string(V.mmsi), "", H->imo, h0, h1, 0, 0});
    if (seg >= 0) {
      H->segs[static_cast<size_t>(seg)].background = false;
      const Segment sg = H->segs[static_cast<size_t>(seg)];
      int voy = AddSchemeVoyage(hi, sg.from_port, sg.to_port, sg.t0, sg.t1);
      std::string fcc = Ports()[static_cast<size_t>(sg.from_port)].country();
      std::string tcc = Ports()[static_cast<size_t>(sg.to_port)].country();
      ShipmentSpec s;
      s.voyage = voy;
      int hs = FindHs(g_.Pick(std::vector<std::string>{"720839", "760110", "270112", "310420", "440710"}));
      s.exporter = NewShell(fcc, w_.period_start - 500 * kDay, w_.period_start);
      int imp = g_.NewCompany(tcc, 'T', "importer");
      int lp2 = g_.NewPerson(IsHighRiskCountry(tcc) ? tcc : "RU");
      g_.ListParty(lp2, "RUSSIA-EO14024");
      g_.Own(g_.P(lp2).id, g_.P(imp).id, g_.Int(50, 100), g_.P(imp).inc_date);
      s.importer = imp;
      ShipmentQty(hs, w_.vessels[static_cast<size_t>(hi)].dwt * 1000.0 * 0.5, &s);
      s.export_decl = g_.Chance(0.5);
      s.import_decl = true;
      std::vector<int> keys = g_.AddShipment(s);
      TruthItem& tt = w_.schemes.back();
      tt.decl_keys = keys;
      tt.entities = {g_.P(s.exporter).id, g_.P(imp).id};
      tt.listed_entities = {g_.P(lp2).id};
    }
  }
}

void Planter::LicenceAbuse(int n) {
  std::vector<int> chpl = ChplHs();
  auto cands = FindVoyages([&](const Voyage& v, const Vessel& s) {
    std::string a = Ports()[static_cast<size_t>(v.from)].country();
    std::string b = Ports()[static_cast<size_t>(v.to)].country();
    return s.kind == 'C' && IsLicensingCountry(a) && !IsAlliedDestination(b) && !IsHighRiskCountry(b);
  }, false);
  if (cands.empty()) return;
  static const char* kVariants[] = {"expired", "revoked", "other_end_user", "quantity_exceeded", "other_hs"};
  for (int i = 0; i < n; ++i) {
    std::string variant = kVariants[(i + g_.Int(0, 4)) % 5];
    int v0 = g_.Pick(cands);
    const Voyage vo = g_.voyages()[static_cast<size_t>(v0)];
    std::string from_cc = Ports()[static_cast<size_t>(vo.from)].country();
    std::string to_cc = Ports()[static_cast<size_t>(vo.to)].country();
    int exporter = g_.PoolCompany(from_cc, 'E', "exporter", 0.5);
    int importer = g_.PoolCompany(to_cc, 'E', "importer", 0.5);
    int hs = g_.Pick(chpl);
    const HsInfo& h = HsTable()[static_cast<size_t>(hs)];
    License l;
    l.number = g_.LicenseNumber(from_cc, w_.period_start - g_.Int(100, 600) * kDay);
    l.holder = g_.P(exporter).name;
    l.issuing_country = from_cc;
    l.hs_codes = h.hs6;
    l.destination_country = to_cc;
    l.end_user = g_.P(importer).name;
    l.quantity_unit = h.unit;
    l.currency = "EUR";
    l.valid_from = DateOf(vo.dep - g_.Int(200, 500) * kDay);
    l.valid_to = DateOf(vo.dep + g_.Int(100, 400) * kDay);
    l.status = "active";
    std::vector<int> same;
    for (int c : cands) {
      const Voyage& x = g_.voyages()[static_cast<size_t>(c)];
      if (x.from == vo.from && x.to == vo.to) same.push_back(c);
    }
    int k = variant == "quantity_exceeded" ? g_.Int(3, 4) : g_.Int(1, 3);
    std::vector<std::pair<int64_t, std::vector<int>>> ships;
    std::vector<double> qtys;
    int end_user = importer;
    if (variant == "other_end_user") {
      int other = g_.PoolCompany(to_cc, 'E', "importer", 0.2);
      if (other == importer) other = g_.NewCompany(to_cc, 'E', "importer");
      l.end_user = g_.P(other).name;
      end_user = g_.Chance(0.5) ? importer : NewShell(to_cc, w_.period_start - 300 * kDay, w_.period_start);
    } else if (variant == "other_hs") {
      for (int c : chpl)
        if (c != hs) {
          l.hs_codes = HsTable()[static_cast<size_t>(c)].hs6;
          if (g_.Chance(0.5)) break;
        }
    } else if (variant == "revoked") {
      l.status = "revoked";
    }
    int64_t first_dep = INT64_MAX, last_dep = 0;
    TruthItem& t = NewItem(false, "licence_abuse", variant, "CHPL exports by " + g_.P(exporter).name + " under licence " + l.number + " (" + variant + ")");
    (void)t;
    double total_q = 0;
    for (int j = 0; j < k; ++j) {
      int vi = j == 0 || same.empty() ? v0 : g_.Pick(same);
      const Voyage v = g_.voyages()[static_cast<size_t>(vi)];
      ShipmentSpec s;
      s.voyage = vi;
      s.exporter = exporter;
      s.importer = importer;
      s.end_user = end_user;
      ShipmentQty(hs, h.kg_per_unit < 1 ? g_.Int(100, 700) : g_.Int(300, 3000), &s);
      s.license = l.number;
      s.export_decl = true;
      s.import_decl = g_.Chance(0.3);
      std::vector<int> keys = g_.AddShipment(s);
      ships.push_back({v.dep, keys});
      qtys.push_back(s.quantity);
      total_q += s.quantity;
      first_dep = std::min(first_dep, v.dep);
      last_dep = std::max(last_dep, v.dep);
    }
    if (variant == "expired") {
      l.valid_from = DateOf(first_dep - g_.Int(400, 800) * kDay);
      l.valid_to = DateOf(first_dep - g_.Int(5, 120) * kDay);
      l.status = g_.Chance(0.5) ? "expired" : "active";
    }
    l.max_quantity = Num(variant == "quantity_exceeded" ? std::floor(total_q * (0.5 + 0.2 * g_.U())) : std::ceil(total_q * g_.Int(3, 8)), 0);
    l.max_value = Num(std::ceil(total_q * h.unit_value * 4 / 1000.0) * 1000.0, 0);
    w_.licenses.push_back(l);
    TruthItem& tt = w_.schemes.back();
    tt.licenses.push_back(l.number);
    std::vector<size_t> order(ships.size());
    for (size_t j = 0; j < order.size(); ++j) order[j] = j;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ships[a].first < ships[b].first; });
    double cum = 0, cap = std::stod(l.max_quantity);
    for (size_t j : order) {
      cum += qtys[j];
      if (variant != "quantity_exceeded" || cum > cap)
        tt.decl_keys.insert(tt.decl_keys.end(), ships[j].second.begin(), ships[j].second.end());
    }
    if (variant == "other_end_user" && end_user != importer) tt.entities.push_back(g_.P(end_user).id);
  }
}

// ---------------------------------------------------------------- decoys

void Planter::DecoyGaps(int n) {
  int made = 0;
  for (int tries = 0; tries < 400 && made < n; ++tries) {
    int vi = g_.Int(0, static_cast<int>(w_.vessels.size()) - 1);
    Vessel& v = w_.vessels[static_cast<size_t>(vi)];
    if (v.scheme || v.kind == 'X' || !v.dark.empty()) continue;
    for (const Segment& s : v.segs) {
      if (!s.sailing || s.t0 < w_.ais_start || s.t1 > w_.ais_end || s.t1 - s.t0 < 3 * kDay) continue;
      int64_t tm = s.t0 + (s.t1 - s.t0) / 2;
      VesselState st;
      if (!StateAt(v, tm, &st)) continue;
      double nearest = 1e9;
      for (const PortInfo& p : Ports()) nearest = std::min(nearest, HaversineKm(st.lat, st.lon, p.anch_lat, p.anch_lon));
      if (nearest < 400) continue;
      int64_t g0 = tm - g_.Int(6, 13) * kHour, g1 = tm + g_.Int(6, 13) * kHour;
      v.dark.push_back({g0, g1});
      TruthItem& t = NewItem(true, "reception_gap", "mid-ocean", v.name + " out of satellite reception mid-ocean");
      t.vessels.push_back({v.imo, v.name, "legitimate vessel", {std::to_string(v.mmsi)}});
      t.events.push_back({"gap", std::to_string(v.mmsi), "", v.imo, g0, g1, st.lat, st.lon});
      ++made;
      break;
    }
  }
}

void Planter::DecoyBunkering() {
  for (size_t bi = 0; bi < w_.vessels.size(); ++bi) {
    if (w_.vessels[bi].kind != 'X') continue;
    int port = w_.vessels[bi].segs.back().port;
    const PortInfo& p = Ports()[static_cast<size_t>(port)];
    // Clients: vessels anchored at this port during the AIS window.
    struct Job { int64_t t0, t1; double lat, lon; int vessel; };
    std::vector<Job> jobs;
    for (size_t vi = 0; vi < w_.vessels.size(); ++vi) {
      const Vessel& v = w_.vessels[vi];
      if (v.kind == 'X') continue;
      for (const Segment& s : v.segs)
        if (!s.sailing && s.port == port && s.nav == 1 && s.t0 > w_.ais_start + 6 * kHour &&
            s.t1 < w_.ais_end - 6 * kHour && s.t1 - s.t0 >= 6 * kHour)
          jobs.push_back({s.t0 + 2 * kHour, std::min(s.t1 - kHour, s.t0 + g_.Int(4, 7) * kHour), s.lat, s.lon, static_cast<int>(vi)});
    }
    std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.t0 < b.t0; });
    Vessel& barge = w_.vessels[bi];
    Segment base = barge.segs.back();
    barge.segs.pop_back();
    int64_t cursor = base.t0;
    int done = 0;
    for (const Job& j : jobs) {
      if (done >= 3 || j.t0 - 2 * kHour < cursor + kHour) continue;
      g_.StayAt(barge, base.lat, base.lon, j.t0 - kHour - cursor, 1, 0.4, false);
      barge.segs.back().port = port;
      std::vector<std::pair<double, double>> path = {{base.lat, base.lon}, {j.lat + 0.0004, j.lon + 0.0004}};
      g_.SailPath(barge, path, port, false, 6);
      int64_t arrive = g_.CursorTime(barge);
      int64_t end = std::max(arrive + 2 * kHour, j.t1);
      g_.StayAt(barge, j.lat + 0.0004, j.lon + 0.0004, end - arrive, 1, 0, false);
      barge.segs.back().port = port;
      std::vector<std::pair<double, double>> back = {{j.lat + 0.0004, j.lon + 0.0004}, {base.lat, base.lon}};
      g_.SailPath(barge, back, port, false, 6);
      cursor = g_.CursorTime(barge);
      const Vessel& v = w_.vessels[static_cast<size_t>(j.vessel)];
      TruthItem& t = NewItem(true, "bunkering", "inside port anchorage",
                             barge.name + " bunkers " + v.name + " at the " + p.name + " anchorage");
      t.vessels.push_back({barge.imo, barge.name, "bunker tanker", {std::to_string(barge.mmsi)}});
      t.vessels.push_back({v.imo, v.name, "client", {std::to_string(v.mmsi)}});
      t.events.push_back({"encounter", std::to_string(barge.mmsi), std::to_string(v.mmsi), barge.imo, arrive, end, j.lat, j.lon});
      ++done;
    }
    g_.StayAt(barge, base.lat, base.lon, std::max<int64_t>(kHour, base.t1 - cursor), 1, 0.4, false);
    barge.segs.back().port = port;
  }
}

void Planter::DecoyLookalikes(int n) {
  static const char* kPairs[][2] = {{"RU", "DE"}, {"RU", "NL"}, {"IR", "GB"}, {"RU", "FI"}, {"BY", "PL"}, {"IR", "IT"}};
  for (int i = 0; i < n; ++i) {
    const char* const* pr = kPairs[g_.Int(0, 5)];
    int listed = g_.NewCompany(pr[0], 'T', "trading");
    g_.ListParty(listed, std::string(pr[0]) == "IR" ? "IRAN" : std::string(pr[0]) == "BY" ? "BELARUS-EO14038" : "RUSSIA-EO14024");
    // The legitimate firm shares the distinctive word of the listed name.
    std::vector<std::string> tok = Split(g_.P(listed).name, ' ');
    std::string stem = tok.size() > 1 && (tok[0] == "OOO" || tok[0] == "AO" || tok[0] == "PAO" || tok[0] == "OAO") ? tok[1] : tok[0];
    std::string cc = pr[1];
    auto cands = FindVoyages([&](const Voyage& v, const Vessel& s) {
      return s.kind == 'C' && Ports()[static_cast<size_t>(v.from)].country() == cc;
    }, true);
    if (cands.empty()) continue;
    int legit = g_.NewCompany(cc, 'M', "exporter", w_.period_start - 9000 * kDay, w_.period_start - 3000 * kDay);
    g_.GiveOwners(legit);
    const CountryNames& nm = NamesFor(cc);
    std::string name = stem + (g_.Chance(0.5) ? "e " : " ") + g_.Pick(SectorWords('M')) + " " + g_.PickOf(nm.legal_forms);
    w_.used_names.insert(AsciiUpper(name));
    g_.P(legit).name = name;
    TruthItem& t = NewItem(true, "lookalike_name", "", name + " resembles listed " + g_.P(listed).name);
    t.entities = {g_.P(legit).id};
    t.listed_entities = {g_.P(listed).id};
    int k = g_.Int(2, 4);
    for (int j = 0; j < k; ++j) {
      int vi = g_.Pick(cands);
      const Voyage v = g_.voyages()[static_cast<size_t>(vi)];
      std::string to_cc = Ports()[static_cast<size_t>(v.to)].country();
      if (IsHighRiskCountry(to_cc)) continue;
      ShipmentSpec s;
      s.voyage = vi;
      s.exporter = legit;
      s.importer = g_.PoolCompany(to_cc, 'M', "importer", 0.7);
      ShipmentQty(FindHs(g_.Pick(std::vector<std::string>{"842952", "845011", "841810", "870899", "730630"})), g_.Int(3000, 20000), &s);
      s.export_decl = true;
      s.import_decl = g_.Chance(0.4);
      std::vector<int> keys = g_.AddShipment(s);
      TruthItem& tt = w_.decoys.back();
      tt.decl_keys.insert(tt.decl_keys.end(), keys.begin(), keys.end());
      Declaration* d = g_.DeclByKey(keys[0]);
      tt.payment_keys.push_back(g_.AddPayment(s.importer, legit, s.value_usd, d->currency, v.arr + g_.Int(0, 30) * kDay, d->invoice_number, "wire"));
    }
  }
}

void Planter::DecoyTrade(int n) {
  std::vector<int> chpl = ChplHs();
  // Licensed CHPL trade to allied destinations.
  auto allied = FindVoyages([&](const Voyage& v, const Vessel& s) {
    std::string a = Ports()[static_cast<size_t>(v.from)].country(), b = Ports()[static_cast<size_t>(v.to)].country();
    return s.kind == 'C' && IsLicensingCountry(a) && IsAlliedDestination(b) && a != b;
  }, false);
  for (int i = 0; i < n && !allied.empty(); ++i) {
    int vi = g_.Pick(allied);
    const Voyage v = g_.voyages()[static_cast<size_t>(vi)];
    std::string a = Ports()[static_cast<size_t>(v.from)].country(), b = Ports()[static_cast<size_t>(v.to)].country();
    int ex = g_.PoolCompany(a, 'E', "exporter", 0.6), im = g_.PoolCompany(b, 'E', "importer", 0.6);
    int hs = g_.Pick(chpl);
    License l;
    l.number = g_.LicenseNumber(a, w_.period_start - g_.Int(20, 400) * kDay);
    l.holder = g_.P(ex).name;
    l.issuing_country = a;
    l.hs_codes = HsTable()[static_cast<size_t>(hs)].hs6;
    l.destination_country = b;
    l.end_user = g_.P(im).name;
    l.max_quantity = "500000";
    l.quantity_unit = HsTable()[static_cast<size_t>(hs)].unit;
    l.max_value = "20000000";
    l.currency = "EUR";
    l.valid_from = DateOf(w_.period_start - 300 * kDay);
    l.valid_to = DateOf(w_.period_end + 400 * kDay);
    l.status = "active";
    w_.licenses.push_back(l);
    ShipmentSpec s;
    s.voyage = vi;
    s.exporter = ex;
    s.importer = im;
    s.end_user = im;
    s.license = l.number;
    ShipmentQty(hs, g_.Int(100, 800), &s);
    s.export_decl = true;
    s.import_decl = g_.Chance(0.4);
    TruthItem& t = NewItem(true, "licensed_chpl_allied", "", "licensed CHPL export " + a + " to " + b);
    t.decl_keys = g_.AddShipment(s);
    t.licenses = {l.number};
  }
  // Ordinary trade with hub countries.
  auto hub = FindVoyages([&](const Voyage& v, const Vessel& s) {
    std::string a = Ports()[static_cast<size_t>(v.from)].country(), b = Ports()[static_cast<size_t>(v.to)].country();
    return s.kind == 'C' && IsHub(b) && a != b && !IsHighRiskCountry(a);
  }, false);
  for (int i = 0; i < n && !hub.empty(); ++i) {
    int vi = g_.Pick(hub);
    const Voyage v = g_.voyages()[static_cast<size_t>(vi)];
    std::string a = Ports()[static_cast<size_t>(v.from)].country(), b = Ports()[static_cast<size_t>(v.to)].country();
    int hs = FindHs(g_.Pick(std::vector<std::string>{"841810", "845011", "870899", "330499", "300490", "940360", "401110"}));
    char sec = SectorOfHs(HsTable()[static_cast<size_t>(hs)].hs6);
    ShipmentSpec s;
    s.voyage = vi;
    s.exporter = g_.PoolCompany(a, sec, "exporter", 0.8);
    s.importer = g_.PoolCompany(b, sec, "importer", 0.8);
    if (g_.Chance(0.5)) s.consignee = g_.PoolCompany(b, 'L', "forwarder", 0.8);
    ShipmentQty(hs, g_.Int(4000, 18000), &s);
    s.export_decl = true;
    s.import_decl = g_.Chance(0.5);
    TruthItem& t = NewItem(true, "normal_hub_trade", "", "ordinary " + std::string(HsTable()[static_cast<size_t>(hs)].short_desc) + " to " + CountryName(b));
    t.decl_keys = g_.AddShipment(s);
  }
  // Legitimate high-value outliers (premium grades), paid in full.
  auto any = FindVoyages([&](const Voyage& v, const Vessel& s) {
    return s.kind == 'C' && !IsHighRiskCountry(Ports()[static_cast<size_t>(v.to)].country()) &&
           !IsHighRiskCountry(Ports()[static_cast<size_t>(v.from)].country());
  }, false);
  for (int i = 0; i < n && !any.empty(); ++i) {
    int vi = g_.Pick(any);
    const Voyage v = g_.voyages()[static_cast<size_t>(vi)];
    std::string a = Ports()[static_cast<size_t>(v.from)].country(), b = Ports()[static_cast<size_t>(v.to)].country();
    int hs = FindHs(g_.Pick(std::vector<std::string>{"220421", "090111", "910211", "940161", "640399", "330499"}));
    char sec = SectorOfHs(HsTable()[static_cast<size_t>(hs)].hs6);
    ShipmentSpec s;
    s.voyage = vi;
    s.exporter = g_.PoolCompany(a, sec, "exporter", 0.8);
    s.importer = g_.PoolCompany(b, sec, "importer", 0.8);
    ShipmentQty(hs, g_.Int(2000, 9000), &s, 4.0 + 4.0 * g_.U());
    s.description = std::string("premium ") + HsTable()[static_cast<size_t>(hs)].short_desc;
    s.export_decl = g_.Chance(0.5);
    s.import_decl = !s.export_decl || g_.Chance(0.5);
    TruthItem& t = NewItem(true, "high_value_outlier", "", "premium " + std::string(HsTable()[static_cast<size_t>(hs)].short_desc) + " at several times the usual unit value");
    t.decl_keys = g_.AddShipment(s);
    Declaration* d = g_.DeclByKey(t.decl_keys[0]);
    w_.decoys.back().payment_keys.push_back(g_.AddPayment(s.importer, s.exporter, s.value_usd, d->currency, v.arr + g_.Int(0, 30) * kDay, d->invoice_number, "wire"));
  }
}

void Planter::BackgroundLists() {
  static const char* kProg[][2] = {{"RU", "RUSSIA-EO14024"}, {"IR", "IRAN"}, {"IR", "IFSR"}, {"KP", "DPRK3"},
                                   {"SY", "SYRIA"}, {"VE", "VENEZUELA-EO13850"}, {"BY", "BELARUS-EO14038"},
                                   {"AE", "RUSSIA-EO14024"}, {"CN", "RUSSIA-EO14024"}, {"TR", "RUSSIA-EO14024"},
                                   {"HK", "IRAN-EO13846"}, {"LB", "SDGT"}, {"RU", "CYBER2"}};
  for (int i = 0; i < w_.cfg.listed; ++i) {
    const char* const* p = kProg[g_.Int(0, 12)];
    std::string cc = p[0];
    int party = g_.Chance(0.45) ? g_.NewPerson(cc) : g_.NewCompany(cc, g_.Chance(0.5) ? 'T' : 'H', "listed");
    g_.P(party).in_registry = g_.Chance(0.25);
    int li = g_.ListParty(party, p[1]);
    Listing& l = w_.listings[static_cast<size_t>(li)];
    if (g_.Chance(0.4)) {
      // Strong alias in alt.csv: a translation or a former name.
      std::string alias = g_.P(party).person ? AsciiUpper(Split(g_.P(party).name, ' ').back()) + ", " + Split(g_.P(party).name, ' ')[0]
                                             : AsciiUpper(g_.CompanyName(cc, 'T'));
      l.akas.push_back(alias);
    }
    if (g_.Chance(0.2)) l.weak_akas.push_back(AsciiUpper(Split(g_.P(party).name, ' ')[g_.P(party).person ? 0 : 0]));
    if (i > 0 && g_.Chance(0.2)) {
      const Listing& other = w_.listings[static_cast<size_t>(g_.Int(0, li - 1))];
      if (!other.vessel) l.linked_to.push_back(other.name);
    }
  }
  // Listed vessels of the shadow fleet that are not in the simulated traffic.
  for (int i = 0; i < w_.cfg.listed / 20; ++i) {
    Vessel v;
    v.kind = 'T';
    v.build_year = g_.Int(1998, 2006);
    v.imo = g_.NewImo(v.build_year);
    v.flag = g_.Pick(std::vector<std::string>{"IR", "PA", "CM", "KM", "GA", "PW"});
    v.mmsi = g_.NewMmsi(v.flag);
    v.name = std::string(g_.Chance(0.5) ? "SEA " : "NOBLE ") + std::to_string(g_.Int(1, 99));
    v.dwt = g_.Int(80, 320) * 1000;
    v.gt = v.dwt * 58 / 100;
    v.callsign = "9" + std::to_string(g_.Int(100, 999));
    Listing l;
    l.vessel = true;
    l.type = "vessel";
    l.subject = v.imo;
    l.name = v.name;
    l.imo = v.imo;
    l.mmsi = std::to_string(v.mmsi);
    l.flag = v.flag;
    l.vessel_type = "Crude Oil Tanker";
    l.call_sign = v.callsign;
    l.tonnage = std::to_string(v.dwt);
    l.grt = std::to_string(v.gt);
    l.program = g_.Chance(0.5) ? "IRAN-EO13846" : "RUSSIA-EO14024";
    l.listed_on = g_.RandomDateBetween(w_.period_start - 800 * kDay, w_.period_start);
    w_.listings.push_back(l);
  }
  // The national watchlist: some parties of its own, some overlapping the SDN.
  for (int i = 0; i < w_.cfg.watchlist; ++i) {
    std::string cc = g_.Pick(std::vector<std::string>{"AE", "TR", "HK", "CN", "RU", "IR", "GE", "KZ", "AM"});
    int party = g_.Chance(0.3) ? g_.NewPerson(cc) : g_.NewCompany(cc, 'T', "watchlisted");
    g_.P(party).in_registry = g_.Chance(0.3);
    int li = g_.ListParty(party, g_.Pick(std::vector<std::string>{"EXPORT-CONTROL", "RUSSIA-DIVERSION", "IRAN-PROCUREMENT"}), "watchlist");
    if (g_.Chance(0.4)) w_.listings[static_cast<size_t>(li)].akas.push_back(Obfuscate(g_.P(party).name));
  }
}

void Planter::Run() {
  const SizeConfig& c = w_.cfg;
  // Vessel-based schemes first: they add vessels and timelines.
  DarkSts(c.ais_instances);
  Spoofing(c.ais_instances);
  SharedMmsi(std::max(1, c.ais_instances / 2 + 1));
  g_.CollectVoyages();
  DecoyBunkering();
  DecoyGaps(c.decoys);
  Diversion(c.instances);
  Misdeclaration(c.instances);
  Layering(c.instances);
  NameObfuscation(c.instances);
  LicenceAbuse(c.instances);
  DecoyLookalikes(c.decoys);
  DecoyTrade(c.decoys);
  BackgroundLists();
}

}  // namespace

void PlantSchemes(Gen& g) {
  Planter p(g);
  p.Run();
}

}  // namespace interdict::sim
