// Ownership by listed parties (NET-OFAC-50) and direct links to them (NET-LISTED-LINK).
//
// OFAC's 50 Percent Rule (FAQ 401): an entity is blocked when the shares held by blocked
// persons add up to 50 % or more; a blocked entity's stake counts in full (percentages are
// not multiplied down a chain). We compute the fixpoint: start from listed parties, add
// every asset whose blocked owners hold >= 50 % in aggregate, repeat until nothing changes.
// Ownership edges with an endDate are treated as ended. Issue 8 adds the EU control test,
// the UK (> 50 %, no aggregation) variant and k-hop exposure paths.
#include <map>
#include <set>
#include <unordered_map>

#include "core/strings.h"
#include "core/validate.h"
#include "detect/detectors.h"

namespace interdict {
namespace {

double ParsePct(std::string s) {
  s = std::string(Trim(s));
  if (!s.empty() && s.back() == '%') s.pop_back();
  auto v = ParseNumber(s);
  if (!v) return 0;
  return *v;
}

std::string Fmt(double pct) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", pct);
  return buf;
}

class OwnershipRules : public Detector {
 public:
  std::string name() const override { return "ownership"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    // Seed: listed entities, and registry entities whose name equals a listed name.
    std::unordered_map<std::string, std::string> listed_names;  // norm name -> list id
    for (const Entity& e : w.entities)
      if (IsListed(e))
        for (const char* p : {"name", "alias"})
          for (const auto& n : e.Values(p)) listed_names.emplace(NormalizeName(n), e.id());
    std::map<std::string, std::string> blocked;  // id -> why
    for (const Entity& e : w.entities) {
      if (IsListed(e)) {
        blocked[e.id()] = "listed (" + Join(e.Values("program"), ", ") + ")";
        continue;
      }
      auto it = listed_names.find(NormalizeName(e.First("name")));
      if (it != listed_names.end() && !e.First("name").empty())
        blocked[e.id()] = "same name as listed " + it->second;
    }
    struct Edge {
      std::string owner;
      double pct;
      const Entity* rec;
    };
    std::unordered_map<std::string, std::vector<Edge>> owners_of;
    std::vector<std::pair<const Entity*, std::pair<std::string, std::string>>> other_links;
    for (const Entity& l : w.links) {
      const std::string& s = l.schema().name();
      if (s == "Ownership") {
        if (!l.First("endDate").empty()) continue;
        const std::string& owner = l.First("owner");
        const std::string& asset = l.First("asset");
        if (owner.empty() || asset.empty()) continue;
        owners_of[asset].push_back({owner, ParsePct(l.First("percentage")), &l});
      } else if (s == "Directorship") {
        other_links.push_back({&l, {l.First("director"), l.First("organization")}});
      }
    }
    std::map<std::string, double> blocked_pct;
    bool changed = true;
    std::set<std::string> seeded;
    for (auto& [id, why] : blocked) seeded.insert(id);
    while (changed) {
      changed = false;
      for (const auto& [asset, edges] : owners_of) {
        if (blocked.count(asset)) continue;
        std::map<std::string, double> by_owner;  // one stake per owner (max over edges)
        for (const auto& e : edges)
          if (blocked.count(e.owner)) by_owner[e.owner] = std::max(by_owner[e.owner], e.pct);
        double sum = 0;
        for (const auto& [o, p] : by_owner) sum += p;
        if (sum >= 50.0 - 1e-9) {
          std::string why;
          for (const auto& [o, p] : by_owner) {
            if (!why.empty()) why += " + ";
            const Entity* oe = w.FindEntity(o);
            why += (oe ? oe->Caption() : o) + " " + Fmt(p) + "%";
          }
          blocked[asset] = why + " = " + Fmt(sum) + "% held by blocked persons";
          blocked_pct[asset] = sum;
          changed = true;
        }
      }
    }
    // Findings for entities blocked by the rule (not the seeds).
    std::map<std::string, Finding> entity_findings;
    for (const auto& [id, why] : blocked) {
      if (seeded.count(id)) continue;
      Finding f;
      f.code = "NET-OFAC-50";
      f.subject_kind = SubjectKind::kEntity;
      f.subject_id = id;
      f.score = FlagWeight(cfg, f.code);
      const Entity* e = w.FindEntity(id);
      f.explanation = "blocked under the OFAC 50% rule: " + why;
      for (const auto& edge : owners_of[id])
        if (blocked.count(edge.owner)) {
          f.evidence.push_back(EvidenceOf(*edge.rec));
          f.related_entities.push_back(edge.owner);
        }
      if (e) f.evidence.insert(f.evidence.begin(), EvidenceOf(*e));
      f.annotate = {{"sanctionedOwnershipPct", Fmt(blocked_pct[id])}};
      entity_findings[id] = f;
      out->push_back(std::move(f));
    }
    // Direct links (minority stakes, directorships) to blocked parties.
    std::map<std::string, Finding> link_findings;
    auto add_link = [&](const std::string& subject, const std::string& other, const Entity& rec,
                        const std::string& how) {
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
        f.explanation = how + " " + (o ? o->Caption() : other) + " (" + blocked[other] + ")";
      }
      f.evidence.push_back(EvidenceOf(rec));
      f.related_entities.push_back(other);
    };
    for (const auto& [asset, edges] : owners_of)
      for (const auto& e : edges) {
        add_link(asset, e.owner, *e.rec, Fmt(e.pct) + "% owned by blocked");
        add_link(e.owner, asset, *e.rec, "owns " + Fmt(e.pct) + "% of blocked");
      }
    for (const auto& [rec, ends] : other_links) {
      add_link(ends.second, ends.first, *rec, "directed by blocked");
      add_link(ends.first, ends.second, *rec, "director of blocked");
    }
    for (auto& [id, f] : link_findings) {
      entity_findings[id] = f;
      out->push_back(f);
    }
    // Propagate to the declarations and payments the entities take part in.
    for (const auto& pl : w.parties) {
      auto it = entity_findings.find(pl.entity_id);
      if (it == entity_findings.end()) continue;
      Finding f = it->second;
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
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Detector> NewOwnershipDetector() { return std::make_unique<OwnershipRules>(); }

}  // namespace interdict
