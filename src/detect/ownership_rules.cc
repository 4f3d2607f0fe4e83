// Ownership and control by listed parties, and exposure paths to them (docs/network.md):
//   NET-OFAC-50      blocked by the OFAC 50 % rule (aggregate, blocked stakes in full)
//   NET-EU-50        blocked by the EU ownership test (aggregate >= 50 %)
//   NET-EU-CONTROL   blocked by the EU control test (majority of directors blocked)
//   NET-UK-50        blocked by the UK test (> 50 % by one designated person)
//   NET-OWNERSHIP-UNKNOWN  an unknown share decides: review, neither blocked nor cleared
//   NET-LISTED-LINK  a minority stake in/by, or a directorship with, a blocked party
//   NET-EXPOSURE     a listed party within network.exposure_hops links (not direct)
// The tests run in the network library (network/ownership.h) at network.date (default:
// the latest declaration date, so a world's answer does not drift with the clock), for
// the regimes in network.regimes. Registry entities whose normalised name equals a
// listed name count as listed (the resolution step may not have merged them).
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/strings.h"
#include "detect/detectors.h"
#include "network/ownership.h"
#include "network/paths.h"

namespace interdict {
namespace {

using network::Regime;
using network::RegimeResult;

std::string Fmt(double pct) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", pct);
  return buf;
}

const char* CodeFor(Regime r, bool control) {
  if (control) return "NET-EU-CONTROL";
  switch (r) {
    case Regime::kOfac:
      return "NET-OFAC-50";
    case Regime::kEu:
      return "NET-EU-50";
    case Regime::kUk:
      return "NET-UK-50";
  }
  return "NET-OFAC-50";
}

class OwnershipRules : public Detector {
 public:
  std::string name() const override { return "ownership"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    std::vector<std::string> priority = Split(cfg.GetString("network.source_priority", ""), ',');
    priority.erase(std::remove(priority.begin(), priority.end(), ""), priority.end());
    network::OwnershipGraph g = network::GraphFromWorld(w, priority);
    // Name bridge: a registry entity named like a list entry is listed too. Names are
    // compared as sorted normalised tokens ("SOKOLOV, Dmitry Mikhaylovich" = "Dmitry
    // Mikhaylovich Sokolov"); when both records carry a birth date it must agree. The
    // fuzzy screener's matches are not visible here (detectors run independently).
    auto key = [](const std::string& n) {
      std::vector<std::string> t = Split(NormalizeName(n), ' ');
      t.erase(std::remove(t.begin(), t.end(), ""), t.end());
      std::sort(t.begin(), t.end());
      return Join(t, " ");
    };
    std::unordered_map<std::string, const Entity*> listed_names;
    for (const Entity& e : w.entities)
      if (IsListed(e))
        for (const char* p : {"name", "alias"})
          for (const auto& n : e.Values(p))
            if (std::string k = key(n); !k.empty()) listed_names.emplace(k, &e);
    std::map<std::string, std::string> bridged;  // entity id -> list entity id
    for (const Entity& e : w.entities) {
      if (IsListed(e) || e.First("name").empty()) continue;
      auto it = listed_names.find(key(e.First("name")));
      if (it == listed_names.end()) continue;
      const std::string &b1 = e.First("birthDate"), &b2 = it->second->First("birthDate");
      if (!b1.empty() && !b2.empty() && b1 != b2) continue;
      auto li = g.Find(e.id()), lj = g.Find(it->second->id());
      if (!li || !lj) continue;
      g.parties[*li].listed |= g.parties[*lj].listed;
      g.parties[*li].listed_any = true;
      g.parties[*li].lists = "same name as listed " + it->second->id();
      bridged[e.id()] = it->second->id();
    }
    network::Day date = network::Today();
    if (auto d = network::ParseStartDay(cfg.GetString("network.date", ""))) {
      date = *d;
    } else {
      std::string latest;
      for (const Entity& d : w.declarations) latest = std::max(latest, d.First("declaration_date"));
      if (auto dd = network::ParseStartDay(latest)) date = *dd;
    }
    std::vector<Regime> regimes;
    for (const auto& r : Split(cfg.GetString("network.regimes", "ofac,eu,uk"), ','))
      if (auto rr = network::ParseRegime(r)) regimes.push_back(*rr);
    network::EvaluateOptions opt;
    opt.eu_strict = cfg.GetBool("network.eu_strict", false);

    std::map<std::string, std::vector<Finding>> by_entity;
    std::set<std::string> blocked, review_done;
    for (const auto& p : g.parties)
      if (p.listed) blocked.insert(p.id);
    for (Regime r : regimes) {
      for (const RegimeResult& res : network::Evaluate(g, r, date, opt)) {
        const network::Party& party = g.parties[res.party];
        if (res.listed || (!w.FindEntity(party.id) && !w.FindVessel(party.id))) continue;
        if (res.blocked) blocked.insert(party.id);
        if (!res.blocked && (!res.review || !review_done.insert(party.id).second)) continue;
        Finding f;
        f.code =
            res.blocked ? CodeFor(r, res.by_control && !res.by_ownership) : "NET-OWNERSHIP-UNKNOWN";
        f.subject_kind = SubjectKind::kEntity;
        f.subject_id = party.id;
        f.score = FlagWeight(cfg, f.code);
        f.explanation = res.explanation + " (as of " + network::FormatDay(date) + ")";
        if (const Entity* e = w.FindEntity(party.id)) f.evidence.push_back(EvidenceOf(*e));
        for (const auto& os : res.owners) {
          const network::Stake& s = g.stakes[os.stake];
          f.evidence.push_back({s.source.source, s.source.record_id});
          f.related_entities.push_back(g.parties[s.owner].id);
          if (const Entity* o = w.FindEntity(g.parties[s.owner].id); o && IsListed(*o))
            f.evidence.push_back(ListedEvidenceOf(*o));
          auto br = bridged.find(g.parties[s.owner].id);
          if (br != bridged.end())
            if (const Entity* l = w.FindEntity(br->second))
              f.evidence.push_back(ListedEvidenceOf(*l));
        }
        for (uint32_t c : res.controls) {
          const network::Control& ctl = g.controls[c];
          f.evidence.push_back({ctl.source.source, ctl.source.record_id});
          f.related_entities.push_back(g.parties[ctl.director].id);
        }
        if (r == Regime::kOfac && res.blocked)
          f.annotate = {{"sanctionedOwnershipPct", Fmt(res.aggregate_pct)}};
        by_entity[party.id].push_back(std::move(f));
      }
    }
    // Direct links (minority stakes, directorships) to blocked parties.
    std::map<std::string, Finding> link_findings;
    auto add_link = [&](const std::string& subject, const std::string& other,
                        const network::SourceRef& rec, const std::string& how) {
      if (blocked.count(subject) || !blocked.count(other)) return;
      if (!w.FindEntity(subject)) return;
      auto [it, inserted] = link_findings.try_emplace(subject);
      Finding& f = it->second;
      if (inserted) {
        f.code = "NET-LISTED-LINK";
        f.subject_kind = SubjectKind::kEntity;
        f.subject_id = subject;
        f.score = FlagWeight(cfg, f.code);
        const Entity* o = w.FindEntity(other);
        f.explanation = how + " " + (o ? o->Caption() : other) + " (blocked)";
      }
      f.evidence.push_back({rec.source, rec.record_id});
      f.related_entities.push_back(other);
    };
    for (const auto& s : g.stakes) {
      if (!(s.start <= date && date < s.end)) continue;
      std::string pct = s.pct_known ? Fmt(s.pct_min) + "%" : "an unknown share";
      const std::string &o = g.parties[s.owner].id, &a = g.parties[s.asset].id;
      add_link(a, o, s.source, pct + " owned by blocked");
      add_link(o, a, s.source, "owns " + pct + " of blocked");
    }
    for (const auto& c : g.controls) {
      if (!(c.start <= date && date < c.end)) continue;
      const std::string &d = g.parties[c.director].id, &o = g.parties[c.organization].id;
      add_link(o, d, c.source, "directed by blocked");
      add_link(d, o, c.source, "director of blocked");
    }
    for (auto& [id, f] : link_findings)
      if (!by_entity.count(id)) by_entity[id].push_back(f);
    // k-hop exposure: entities with a listed party 2..K links away and no finding above.
    int hops = static_cast<int>(cfg.GetDouble("network.exposure_hops", 3));
    if (hops >= 2) {
      network::ExposureGraph xg = network::ExposureFromWorld(w);
      for (const auto& [id, listed] : bridged) xg.listed[xg.Node(id)] = 1;
      std::set<std::string> subjects;
      for (const auto& pl : w.parties) subjects.insert(pl.entity_id);
      for (const std::string& id : subjects) {
        if (by_entity.count(id) || blocked.count(id)) continue;
        const uint32_t* v = xg.Find(id);
        const Entity* e = w.FindEntity(id);
        if (!v || !e || IsListed(*e)) continue;
        network::PathOptions po;
        po.max_hops = hops;
        auto paths = network::ExposurePaths(xg, *v, po);
        if (paths.empty() || paths[0].shortest_hops < 2) continue;
        const auto& p = paths[0];
        Finding f;
        f.code = "NET-EXPOSURE";
        f.subject_kind = SubjectKind::kEntity;
        f.subject_id = id;
        f.score = FlagWeight(cfg, f.code) * p.score;
        f.explanation = "listed party " + std::to_string(p.hops) + " links away (exposure " +
                        Fmt(p.score) + "): " + network::DescribePath(xg, p);
        for (uint32_t ei : p.edges)
          f.evidence.push_back({xg.edges[ei].source.source, xg.edges[ei].source.record_id});
        for (uint32_t n : p.nodes)
          if (n != *v && w.FindEntity(xg.ids[n])) f.related_entities.push_back(xg.ids[n]);
        by_entity[id].push_back(std::move(f));
      }
    }
    // Emit, and propagate to the declarations and payments the entities take part in.
    for (auto& [id, fs] : by_entity)
      for (const Finding& f : fs) out->push_back(f);
    for (const auto& pl : w.parties) {
      auto it = by_entity.find(pl.entity_id);
      if (it == by_entity.end()) continue;
      for (Finding f : it->second) {
        bool is_payment = pl.role == "payer" || pl.role == "payee";
        f.subject_kind = is_payment ? SubjectKind::kPayment : SubjectKind::kDeclaration;
        f.subject_id = pl.record_id;
        f.explanation = pl.role + " " + f.explanation;
        f.annotate.clear();
        f.related_entities.push_back(pl.entity_id);
        if (is_payment)
          f.related_payments = {pl.record_id};
        else
          f.related_declarations = {pl.record_id};
        const Entity* rec = is_payment ? nullptr : w.FindDeclaration(pl.record_id);
        if (rec) f.evidence.insert(f.evidence.begin(), EvidenceOf(*rec));
        out->push_back(std::move(f));
      }
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Detector> NewOwnershipDetector() { return std::make_unique<OwnershipRules>(); }

}  // namespace interdict
