// Identity changes from AIS static data (types 5, 19 and 24), over time:
//
//  * per MMSI: the name, IMO number or call sign changes (kind name_change, imo_change,
//    callsign_change). A value must hold (for maritime.identity_min_hold_min, or until the
//    end of the data) and the old one must not come back: values that alternate are two
//    transponders or a shared MMSI, not a renaming.
//  * per IMO number (valid check digit only): the ship moves to another MMSI (kind
//    mmsi_change), with the flag of each MMSI's Maritime Identification Digits, so a flag
//    change shows as flag_from != flag_to (flag hopping when it happens more than once);
//    two MMSIs using one IMO at the same time (kind imo_shared) means one of them claims
//    another ship's identity.
//  * against the lists: a ship broadcasting a listed vessel's IMO number under a name the
//    list does not know (kind listed_imo: the listed ship renamed), or a listed vessel's
//    name or former name with another IMO number (kind listed_name: taking its identity).
//
// OFAC/State/USCG 2020: "falsifying vessel identity", "false flags and flag hopping".
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/strings.h"
#include "core/validate.h"
#include "detect/maritime_internal.h"

namespace interdict::mar {
namespace {

// Names and call signs compared without case, blanks or punctuation ("M/V ANNA-1" ==
// "MV ANNA 1"): transponders are typed in by hand.
std::string Norm(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string ImoStr(uint32_t imo) {
  char b[16];
  std::snprintf(b, sizeof b, "%07u", imo);
  return b;
}

bool ValidImo(uint32_t imo) {
  return imo >= 1000000 && imo <= 9999999 && ValidateImo(ImoStr(imo)).empty();
}

struct Run {
  std::string value, shown;
  int64_t first_ms, last_ms;
};

// Consecutive runs of one field's non-empty values over the static intervals.
std::vector<Run> Runs(const ais::Track& t, int field) {
  std::vector<Run> runs;
  for (const auto& si : t.statics()) {
    std::string shown;
    if (field == 0)
      shown = std::string(Trim(si.data.name));
    else if (field == 1)
      shown = std::string(Trim(si.data.callsign));
    else
      shown = ValidImo(si.data.imo) ? ImoStr(si.data.imo) : "";
    std::string v = field == 2 ? shown : Norm(shown);
    if (v.empty()) continue;
    if (!runs.empty() && runs.back().value == v) {
      runs.back().last_ms = std::max(runs.back().last_ms, si.last_ms);
    } else {
      runs.push_back({v, shown, si.first_ms, si.last_ms});
    }
  }
  return runs;
}

AisEvent Base(const std::string& mmsi, const std::string& imo, int64_t start_ms, int64_t end_ms,
              const ais::Track& t, int64_t at_ms) {
  AisEvent ev;
  ev.type = "identity_change";
  ev.mmsi = mmsi;
  ev.imo = imo;
  ev.start = start_ms / 1000;
  ev.end = end_ms / 1000;
  auto [b, e] = t.Range(at_ms, INT64_MAX);
  size_t i = b < e ? b : (t.empty() ? 0 : t.size() - 1);
  if (!t.empty()) {
    ev.lat = t.lat(i);
    ev.lon = t.lon(i);
  }
  return ev;
}

std::string ImoOf(const ais::Track& t) {
  for (auto it = t.statics().rbegin(); it != t.statics().rend(); ++it)
    if (ValidImo(it->data.imo)) return ImoStr(it->data.imo);
  return "";
}

std::string NameAt(const ais::Track& t, int64_t ms) {
  const ais::StaticInterval* best = nullptr;
  for (const auto& si : t.statics())
    if (!Trim(si.data.name).empty() &&
        (!best || std::llabs(si.first_ms - ms) < std::llabs(best->first_ms - ms)))
      best = &si;
  return best ? std::string(Trim(best->data.name)) : "";
}

}  // namespace

void IdentityEvents(const World& w, const ais::TrackStore& store, const Config& cfg,
                    std::vector<AisEvent>* out) {
  const int64_t hold_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.identity_min_hold_min", 30) * 60000);
  const int64_t overlap_ms =
      static_cast<int64_t>(cfg.GetDouble("maritime.identity_shared_min_overlap_h", 6) * 3.6e6);
  static const char* kField[] = {"name", "callsign", "imo"};

  // 1. Per MMSI.
  for (const auto& t : store.tracks()) {
    std::string imo = ImoOf(t);
    for (int f = 0; f < 3; ++f) {
      std::vector<Run> runs = Runs(t, f);
      if (runs.size() < 2) continue;
      std::set<std::string> distinct;
      for (const Run& r : runs) distinct.insert(r.value);
      if (distinct.size() != runs.size()) continue;  // a value came back: alternating
      for (size_t k = 1; k < runs.size(); ++k) {
        const Run& a = runs[k - 1];
        const Run& b = runs[k];
        bool last = k + 1 == runs.size();
        if (!last && b.last_ms - b.first_ms < hold_ms) continue;
        if (b.last_ms - b.first_ms < hold_ms && b.first_ms == b.last_ms && !t.empty() &&
            t.time_ms(t.size() - 1) - b.first_ms > hold_ms)
          continue;  // one report that nothing confirmed although the ship went on
        AisEvent ev = Base(MmsiStr(t.mmsi()), imo, a.last_ms, b.first_ms, t, b.first_ms);
        ev.details = {{"kind", std::string(kField[f]) + "_change"},
                      {"from", a.shown},
                      {"to", b.shown},
                      {"flag", std::string(t.flag())}};
        out->push_back(std::move(ev));
      }
    }
  }

  // 2. Per IMO across MMSIs.
  struct Use {
    const ais::Track* t;
    int64_t first_ms, last_ms;
  };
  std::map<std::string, std::vector<Use>> by_imo;
  for (const auto& t : store.tracks()) {
    std::unordered_map<std::string, Use> uses;
    for (const auto& si : t.statics()) {
      if (!ValidImo(si.data.imo)) continue;
      std::string k = ImoStr(si.data.imo);
      auto it = uses.find(k);
      if (it == uses.end())
        uses.emplace(k, Use{&t, si.first_ms, si.last_ms});
      else
        it->second.last_ms = std::max(it->second.last_ms, si.last_ms);
    }
    for (auto& [k, u] : uses) {
      // The MMSI was in use for as long as it sent positions around its IMO reports.
      if (!t.empty()) {
        u.first_ms = std::min(u.first_ms, t.time_ms(0));
        u.last_ms = std::max(u.last_ms, t.time_ms(t.size() - 1));
      }
      by_imo[k].push_back(u);
    }
  }
  for (auto& [imo, uses] : by_imo) {
    if (uses.size() < 2) continue;
    std::sort(uses.begin(), uses.end(),
              [](const Use& a, const Use& b) { return a.first_ms < b.first_ms; });
    std::set<std::string> flags;
    for (const Use& u : uses) flags.insert(std::string(u.t->flag()));
    int flag_changes = 0;
    for (size_t k = 1; k < uses.size(); ++k) {
      const Use& a = uses[k - 1];
      const Use& b = uses[k];
      int64_t ov = std::min(a.last_ms, b.last_ms) - std::max(a.first_ms, b.first_ms);
      AisEvent ev = Base(MmsiStr(b.t->mmsi()), imo, std::min(a.last_ms, b.first_ms),
                         std::max(a.last_ms, b.first_ms), *b.t, b.first_ms);
      ev.other_mmsi = MmsiStr(a.t->mmsi());
      std::string fa(a.t->flag()), fb(b.t->flag());
      if (ov >= overlap_ms) {
        ev.start = std::max(a.first_ms, b.first_ms) / 1000;
        ev.end = std::min(a.last_ms, b.last_ms) / 1000;
        ev.details = {{"kind", "imo_shared"},
                      {"overlap_h", Num(static_cast<double>(ov) / 3.6e6)},
                      {"name", NameAt(*b.t, b.first_ms)},
                      {"other_name", NameAt(*a.t, a.last_ms)}};
      } else {
        if (fa != fb) ++flag_changes;
        ev.details = {
            {"kind", "mmsi_change"},
            {"flag_from", fa},
            {"flag_to", fb},
            {"name_from", NameAt(*a.t, a.last_ms)},
            {"name_to", NameAt(*b.t, b.first_ms)},
            {"dark_h",
             Num(std::max<double>(0, static_cast<double>(b.first_ms - a.last_ms)) / 3.6e6)},
            {"flag_changes", std::to_string(flag_changes)},
            {"flags", std::to_string(flags.size())}};
      }
      out->push_back(std::move(ev));
    }
  }

  // 3. Listed vessels' names and IMO numbers (the list's own values, not AIS-learnt ones).
  struct Listed {
    const Entity* e;
    std::set<std::string> names;
  };
  std::unordered_map<std::string, Listed> listed_by_imo;
  std::unordered_map<std::string, std::vector<const Entity*>> listed_by_name;
  auto add_listed = [&](const Entity& e) {
    if (!e.schema().IsA("Vessel") || !IsListed(e)) return;
    Listed l{&e, {}};
    // Only what the list says: a merged vessel also carries declared and broadcast names.
    std::set<uint32_t> list_refs;
    for (const Statement& s : e.statements())
      if (PropName(s.prop) == "topics" && s.value.find("sanction") != std::string::npos)
        list_refs.insert(s.ref);
    for (const Statement& s : e.statements()) {
      const std::string& p = PropName(s.prop);
      if (p != "name" && p != "previousName" && p != "pastNames" && p != "alias") continue;
      if (!list_refs.empty() ? !list_refs.count(s.ref)
                             : s.ref < e.referents().size() && e.referents()[s.ref].source == "ais")
        continue;
      std::string n = Norm(s.value);
      if (n.size() < 5) continue;  // too short to claim an identity ("STAR")
      l.names.insert(n);
      if (p != "alias") listed_by_name[n].push_back(&e);
    }
    std::string imo = NormalizeImo(e.First("imoNumber"));
    if (!imo.empty()) listed_by_imo[imo] = std::move(l);
  };
  for (const Entity& e : w.vessels) add_listed(e);
  for (const Entity& e : w.entities) add_listed(e);
  if (listed_by_imo.empty() && listed_by_name.empty()) return;
  for (const auto& t : store.tracks()) {
    std::set<std::string> done;
    for (const auto& si : t.statics()) {
      std::string imo = ValidImo(si.data.imo) ? ImoStr(si.data.imo) : "";
      std::string name(Trim(si.data.name));
      std::string n = Norm(name);
      if (!imo.empty() && !n.empty()) {
        auto it = listed_by_imo.find(imo);
        if (it != listed_by_imo.end() && !it->second.names.empty() && !it->second.names.count(n) &&
            done.insert("imo:" + imo + ":" + n).second) {
          AisEvent ev = Base(MmsiStr(t.mmsi()), imo, si.first_ms, si.last_ms, t, si.first_ms);
          ev.details = {{"kind", "listed_imo"},
                        {"name", name},
                        {"listed_id", it->second.e->id()},
                        {"listed_name", it->second.e->First("name")}};
          out->push_back(std::move(ev));
        }
      }
      auto nit = listed_by_name.find(n);
      if (n.empty() || nit == listed_by_name.end()) continue;
      for (const Entity* e : nit->second) {
        std::string limo = NormalizeImo(e->First("imoNumber"));
        // Same IMO: the listed ship itself under a listed name (screening's business).
        if (limo.empty() || limo == imo || imo.empty()) continue;
        if (!done.insert("name:" + n + ":" + limo).second) continue;
        AisEvent ev = Base(MmsiStr(t.mmsi()), imo, si.first_ms, si.last_ms, t, si.first_ms);
        ev.details = {{"kind", "listed_name"},
                      {"name", name},
                      {"listed_id", e->id()},
                      {"listed_imo", limo},
                      {"listed_name", e->First("name")}};
        out->push_back(std::move(ev));
      }
    }
  }
}

}  // namespace interdict::mar
