// Exact screening: the baseline that the fuzzy screening engine (screen/, issue 4)
// replaces. Names are compared after NormalizeName (case, punctuation, blanks), so
// "Acme Trading, L.L.C." == "ACME TRADING LLC"; vessels by IMO and MMSI.
#include <set>
#include <unordered_map>

#include "core/strings.h"
#include "core/validate.h"
#include "detect/detectors.h"

namespace interdict {

bool ExactScreenable(const std::string& norm) {
  if (norm.size() < 4) return false;
  return norm.find(' ') != std::string::npos || norm.size() >= 6;
}

EvidenceRef ListedEvidenceOf(const Entity& e) {
  PropId topics = InternProp("topics");
  for (const auto& st : e.statements())
    if (st.prop == topics && st.value == "sanction" && st.ref < e.referents().size())
      return {e.referents()[st.ref].source, e.referents()[st.ref].record_id};
  return EvidenceOf(e);
}

namespace {

struct ListHit {
  size_t list_index;  // into world.entities (or vessels when vessel_hit)
  bool weak;
};

class ExactScreening : public Detector {
 public:
  std::string name() const override { return "screening-exact"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    std::unordered_map<std::string, std::vector<ListHit>> names;
    for (size_t i = 0; i < w.entities.size(); ++i) {
      const Entity& e = w.entities[i];
      if (!IsListed(e)) continue;
      for (const char* p : {"name", "alias", "previousName"})
        for (const auto& n : e.Values(p)) {
          std::string k = NormalizeName(n);
          if (ExactScreenable(k)) names[k].push_back({i, false});
        }
      for (const auto& n : e.Values("weakAlias")) {
        std::string k = NormalizeName(n);
        if (ExactScreenable(k)) names[k].push_back({i, true});
      }
    }
    // Parties: one entity finding per matched entity, one declaration/payment finding per
    // record the party appears in.
    std::unordered_map<std::string, std::vector<std::pair<size_t, bool>>> party_hits;
    for (const Entity& e : w.entities) {
      if (IsListed(e)) continue;
      std::set<std::pair<size_t, bool>> hits;
      for (const char* p : {"name", "alias"})
        for (const auto& n : e.Values(p)) {
          auto it = names.find(NormalizeName(n));
          if (it == names.end()) continue;
          for (const auto& h : it->second) hits.insert({h.list_index, h.weak});
        }
      if (hits.empty()) continue;
      auto& v = party_hits[e.id()];
      for (const auto& h : hits) {
        // A strong hit on the same list entry supersedes a weak one.
        if (h.second && hits.count({h.first, false})) continue;
        v.push_back(h);
        const Entity& listed = w.entities[h.first];
        Finding f;
        f.code = h.second ? "SCR-WEAK-ALIAS" : "SCR-NAME-EXACT";
        f.subject_kind = SubjectKind::kEntity;
        f.subject_id = e.id();
        f.score = FlagWeight(cfg, f.code);
        f.explanation = "'" + e.Caption() + "' matches " + (h.second ? "weak alias of " : "") +
                        "listed '" + listed.Caption() + "' (" + Join(listed.Values("program"), ", ") +
                        ")";
        f.evidence = {EvidenceOf(e), EvidenceOf(listed)};
        f.related_entities = {listed.id()};
        f.annotate = {{"sanctionsMatches", listed.id()}};
        out->push_back(std::move(f));
      }
    }
    for (const auto& pl : w.parties) {
      auto it = party_hits.find(pl.entity_id);
      if (it == party_hits.end()) continue;
      bool is_payment = w.payment_index.count(pl.record_id) > 0 &&
                        (pl.role == "payer" || pl.role == "payee");
      const Entity* rec = is_payment ? &w.payments[w.payment_index.at(pl.record_id)]
                                     : w.FindDeclaration(pl.record_id);
      if (!rec) continue;
      const Entity* party = w.FindEntity(pl.entity_id);
      for (const auto& [li, weak] : it->second) {
        const Entity& listed = w.entities[li];
        Finding f;
        f.code = is_payment ? "FIN-LISTED-PARTY" : (weak ? "SCR-WEAK-ALIAS" : "SCR-NAME-EXACT");
        f.subject_kind = is_payment ? SubjectKind::kPayment : SubjectKind::kDeclaration;
        f.subject_id = pl.record_id;
        double strength = weak ? FlagWeight(cfg, "SCR-WEAK-ALIAS") / FlagWeight(cfg, "SCR-NAME-EXACT") : 1.0;
        f.score = FlagWeight(cfg, f.code) * (is_payment ? strength : 1.0);
        f.explanation = pl.role + " '" + (party ? party->Caption() : pl.entity_id) +
                        "' matches " + (weak ? "weak alias of " : "") + "listed '" +
                        listed.Caption() + "' (" + Join(listed.Values("program"), ", ") + ")";
        f.evidence = {EvidenceOf(*rec), EvidenceOf(listed)};
        f.related_entities = {pl.entity_id, listed.id()};
        if (is_payment)
          f.related_payments = {pl.record_id};
        else
          f.related_declarations = {pl.record_id};
        out->push_back(std::move(f));
      }
    }
    ScreenVessels(w, cfg, out);
    return Status::Ok();
  }

 private:
  void ScreenVessels(const World& w, const Config& cfg, std::vector<Finding>* out) {
    // Listed vessels come either merged into w.vessels (by IMO) or as list entities.
    std::unordered_map<std::string, const Entity*> listed_mmsi, listed_names;
    for (const Entity& v : w.vessels) {
      if (!IsListed(v)) continue;
      for (const auto& m : v.Values("mmsi")) listed_mmsi[m] = &v;
      for (const char* p : {"name", "previousName"})
        for (const auto& n : v.Values(p)) {
          std::string k = NormalizeName(n);
          if (ExactScreenable(k)) listed_names[k] = &v;
        }
    }
    for (const Entity& v : w.vessels) {
      if (!IsListed(v)) continue;
      // The vessel itself (it is listed).
      Finding f;
      f.code = "SCR-IMO";
      f.subject_kind = SubjectKind::kVessel;
      f.subject_id = v.First("imoNumber").empty() ? v.id() : v.First("imoNumber");
      f.score = FlagWeight(cfg, f.code);
      f.explanation = "vessel " + v.Caption() + " (IMO " + v.First("imoNumber") +
                      ") is on a sanctions list (" + Join(v.Values("program"), ", ") + ")";
      for (const auto& ref : v.referents()) {
        f.evidence.push_back({ref.source, ref.record_id});
        if (f.evidence.size() >= 5) break;
      }
      out->push_back(std::move(f));
    }
    for (const Entity& d : w.declarations) {
      std::string imo = NormalizeImo(d.First("vessel_imo"));
      const Entity* v = imo.empty() ? nullptr : w.FindVessel(imo);
      if (v && IsListed(*v)) {
        Finding f;
        f.code = "SCR-IMO";
        f.subject_id = d.id();
        f.score = FlagWeight(cfg, f.code);
        f.explanation = "vessel IMO " + imo + " (" + d.First("vessel_name") +
                        ") is listed as '" + v->Caption() + "' (" +
                        Join(v->Values("program"), ", ") + ")";
        f.evidence = {EvidenceOf(d), ListedEvidenceOf(*v)};
        f.related_declarations = {d.id()};
        f.related_vessels = {imo};
        out->push_back(std::move(f));
        continue;
      }
      std::string vn = NormalizeName(d.First("vessel_name"));
      auto it = listed_names.find(vn);
      if (!vn.empty() && it != listed_names.end()) {
        Finding f;
        f.code = "SCR-FORMER-NAME";
        f.subject_id = d.id();
        f.score = FlagWeight(cfg, f.code);
        f.explanation = "vessel name '" + d.First("vessel_name") + "' is a name of listed vessel '" +
                        it->second->Caption() + "' (IMO " + it->second->First("imoNumber") + ")";
        f.evidence = {EvidenceOf(d), ListedEvidenceOf(*it->second)};
        f.related_declarations = {d.id()};
        if (!imo.empty()) f.related_vessels.push_back(imo);
        f.related_vessels.push_back(it->second->First("imoNumber"));
        out->push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Detector> NewExactScreeningDetector() { return std::make_unique<ExactScreening>(); }

}  // namespace interdict
