#include "interdict/score.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.h"
#include "core/strings.h"
#include "detect/detectors.h"
#include "core/validate.h"

namespace interdict {
namespace {

// A finding as one subject counts it: its own findings in full, borrowed ones (a
// shipment's vessel, parties, payments) times a propagation factor.
struct Taken {
  const Finding* f;
  double k = 1.0;
};

std::vector<Taken> Own(const std::vector<const Finding*>& fs) {
  std::vector<Taken> out;
  out.reserve(fs.size());
  for (const Finding* f : fs) out.push_back({f, 1.0});
  return out;
}

// How flags combine (see include/interdict/score.h for the model).
struct Combiner {
  // code -> family; codes without a family are their own.
  std::unordered_map<std::string, std::string> family_of;
  std::vector<std::pair<std::string, std::string>> family_prefixes;  // "SCR-" -> family
  double within_family = 0.25;
  // Prevalence discount per code, for one subject kind: 1 = none.
  std::unordered_map<std::string, double> discount;
  std::unordered_map<std::string, double> share;
  std::vector<std::string> exempt;  // codes (or prefixes ending in *) never discounted

  static Combiner FromConfig(const Config& cfg) {
    Combiner c;
    c.within_family = cfg.GetDouble("scoring.within_family", 0.25);
    c.exempt = Split(cfg.GetString("scoring.prevalence.exempt", ""), ';');
    for (const auto& [key, codes] : cfg.Section("scoring.families.")) {
      for (const auto& code : Split(codes, ';')) {
        std::string t(Trim(code));
        if (t.empty()) continue;
        if (t.back() == '*')
          c.family_prefixes.push_back({t.substr(0, t.size() - 1), key});
        else
          c.family_of[t] = key;
      }
    }
    return c;
  }

  std::string FamilyOf(const std::string& code) const {
    auto it = family_of.find(code);
    if (it != family_of.end()) return it->second;
    for (const auto& [prefix, fam] : family_prefixes)
      if (code.compare(0, prefix.size(), prefix) == 0) return fam;
    return code;
  }

  // Sets `discount` from how many of `n` subjects carry each code (`counts`): a flag on a
  // large share of all subjects is the normal state of this data, not a red flag.
  void SetPrevalence(const std::unordered_map<std::string, size_t>& counts, size_t n,
                     const Config& cfg) {
    discount.clear();
    share.clear();
    double rare = cfg.GetDouble("scoring.prevalence.rare_share", 0.02);
    double floor = cfg.GetDouble("scoring.prevalence.floor", 0.25);
    size_t min_n = static_cast<size_t>(cfg.GetInt("scoring.prevalence.min_subjects", 200));
    if (n < min_n || rare <= 0 || rare >= 1) return;
    auto is_exempt = [&](const std::string& code) {
      for (const auto& x : exempt) {
        if (!x.empty() && x.back() == '*' ? code.compare(0, x.size() - 1, x, 0, x.size() - 1) == 0
                                           : code == x)
          return true;
      }
      return false;
    };
    for (const auto& [code, k] : counts) {
      if (is_exempt(code)) continue;
      double p = static_cast<double>(k) / static_cast<double>(n);
      share[code] = p;
      if (p <= rare) continue;
      double f = std::log(1.0 / p) / std::log(1.0 / rare);
      discount[code] = std::clamp(f, floor, 1.0);
    }
  }

  // Strongest finding per code (weaker ones add their evidence), each discounted by its
  // prevalence; within a family of correlated codes the strongest counts in full and the
  // others by `within_family` powers; families combine by noisy-OR.
  SubjectScore Combine(const std::vector<Taken>& fs) const {
    std::map<std::string, ScoredFlag> best;
    for (const Taken& t : fs) {
      const Finding* f = t.f;
      double score = std::clamp(f->score * t.k, 0.0, 1.0);
      auto it = best.find(f->code);
      if (it == best.end() || score > it->second.score) {
        ScoredFlag sf{f->code, score, f->explanation, f->evidence};
        if (it != best.end()) {
          // Keep the weaker finding's evidence too: it supports the same flag.
          for (const auto& e : it->second.evidence)
            if (std::find(sf.evidence.begin(), sf.evidence.end(), e) == sf.evidence.end() &&
                sf.evidence.size() < 12)
              sf.evidence.push_back(e);
        }
        best[f->code] = std::move(sf);
      } else {
        for (const auto& e : f->evidence)
          if (std::find(it->second.evidence.begin(), it->second.evidence.end(), e) ==
                  it->second.evidence.end() &&
              it->second.evidence.size() < 12)
            it->second.evidence.push_back(e);
      }
    }
    SubjectScore s;
    std::map<std::string, std::vector<double>> fam;
    for (auto& [code, sf] : best) {
      auto d = discount.find(code);
      if (d != discount.end()) {
        sf.score *= d->second;
        char buf[96];
        std::snprintf(buf, sizeof buf, " [common: on %.0f %% of subjects, weight x%.2f]",
                      100.0 * share.at(code), d->second);
        sf.explanation += buf;
      }
      fam[FamilyOf(code)].push_back(sf.score);
      s.flags.push_back(std::move(sf));
    }
    double keep = 1.0;
    for (auto& [name, v] : fam) {
      std::sort(v.begin(), v.end(), std::greater<>());
      double g = 1.0;
      for (double x : v) {
        keep *= 1.0 - g * x;
        g *= within_family;
      }
    }
    s.score = 1.0 - keep;
    std::stable_sort(s.flags.begin(), s.flags.end(),
                     [](const ScoredFlag& a, const ScoredFlag& b) { return a.score > b.score; });
    return s;
  }
};

// Appends; DedupeRelated() removes repeats once a lead is complete (a per-append scan
// would be quadratic for parties named in thousands of declarations).
void AddUnique(std::vector<std::string>* v, const std::string& x) {
  if (!x.empty()) v->push_back(x);
}

void DedupeInOrder(std::vector<std::string>* v) {
  std::unordered_set<std::string> seen;
  size_t out = 0;
  for (size_t i = 0; i < v->size(); ++i)
    if (seen.insert((*v)[i]).second) {
      if (out != i) (*v)[out] = std::move((*v)[i]);  // self-move would empty the string
      ++out;
    }
  v->resize(out);
}

void DedupeRelated(Lead* l) {
  DedupeInOrder(&l->related_declarations);
  DedupeInOrder(&l->related_vessels);
  DedupeInOrder(&l->related_entities);
  DedupeInOrder(&l->related_payments);
}

void AddRelated(Lead* lead, const Finding& f) {
  for (const auto& x : f.related_declarations) AddUnique(&lead->related_declarations, x);
  for (const auto& x : f.related_vessels) AddUnique(&lead->related_vessels, x);
  for (const auto& x : f.related_entities) AddUnique(&lead->related_entities, x);
  for (const auto& x : f.related_payments) AddUnique(&lead->related_payments, x);
}

// The time span (unix seconds) a shipment was at sea: departure - 3 days to arrival + 3
// days; without those dates, the declaration date - 30 / + 15 days. {0, 0} if unknown.
std::pair<int64_t, int64_t> VoyageWindow(const Entity& d) {
  constexpr int64_t kDay = 86400;
  auto dep = ParseDateDays(d.First("departure_date").substr(0, 10));
  auto arr = ParseDateDays(d.First("arrival_date").substr(0, 10));
  if (dep || arr) {
    int64_t a = dep ? *dep : *arr, b = arr ? *arr : *dep;
    return {(a - 3) * kDay, (b + 4) * kDay};
  }
  if (auto dd = ParseDateDays(d.First("declaration_date").substr(0, 10)))
    return {(*dd - 30) * kDay, (*dd + 16) * kDay};
  return {0, 0};
}

int KindOrder(const std::string& k) {
  if (k == "shipment") return 0;
  if (k == "vessel") return 1;
  if (k == "network") return 2;
  return 3;
}

}  // namespace

Scores ScoreFindings(const World& w, const std::vector<Finding>& findings, const Config& cfg) {
  std::unordered_map<std::string, std::vector<const Finding*>> by_decl, by_vessel, by_entity,
      by_payment;
  for (const Finding& f : findings) {
    switch (f.subject_kind) {
      case SubjectKind::kDeclaration: by_decl[f.subject_id].push_back(&f); break;
      case SubjectKind::kVessel: by_vessel[f.subject_id].push_back(&f); break;
      case SubjectKind::kEntity: by_entity[f.subject_id].push_back(&f); break;
      case SubjectKind::kPayment: by_payment[f.subject_id].push_back(&f); break;
    }
  }
  // What a shipment borrows from its vessel, parties and payments: their strongest finding
  // per code (a party named in thousands of declarations may carry thousands of findings).
  auto strongest_per_code = [](const std::unordered_map<std::string, std::vector<const Finding*>>& m) {
    std::unordered_map<std::string, std::vector<const Finding*>> best;
    for (const auto& [id, fs] : m) {
      std::map<std::string, const Finding*> per;
      for (const Finding* f : fs) {
        auto& slot = per[f->code];
        if (!slot || f->score > slot->score) slot = f;
      }
      auto& v = best[id];
      for (const auto& [code, f] : per) v.push_back(f);
    }
    return best;
  };
  const auto vessel_best = strongest_per_code(by_vessel);
  const auto entity_best = strongest_per_code(by_entity);
  const auto payment_best = strongest_per_code(by_payment);
  Scores out;
  double min_score = cfg.GetDouble("leads.min_score", 0.05);
  std::vector<Lead> leads;

  // Shipments carry the flags of their vessel, their parties and their payments, so one
  // lead shows the evidence from every source. First gather, then count how common each
  // code is among declarations (the prevalence discount), then combine.
  Combiner comb = Combiner::FromConfig(cfg);
  // A vessel's flags speak for every shipment it carried, a party's for every shipment it
  // is named in: less directly than the shipment's own findings.
  const double from_vessel = cfg.GetDouble("scoring.propagation.vessel", 0.7);
  const double from_party = cfg.GetDouble("scoring.propagation.party", 0.9);
  const double from_payment = cfg.GetDouble("scoring.propagation.payment", 0.9);
  const double on_voyage = cfg.GetDouble("scoring.propagation.vessel_on_voyage", 1.0);
  const double off_voyage = cfg.GetDouble("scoring.propagation.vessel_off_voyage", 0.3);
  struct Pending {
    const Entity* d;
    std::vector<Taken> fs;
    Lead lead;
  };
  std::vector<Pending> pending;
  std::unordered_map<std::string, size_t> code_count;
  for (const Entity& d : w.declarations) {
    Pending pd{&d, {}, {}};
    std::vector<Taken>& fs = pd.fs;
    Lead& lead = pd.lead;
    // Borrowed findings add their flags, not their `related` lists (which for a busy party
    // would name everything it ever did).
    auto take = [&](const std::vector<const Finding*>* v, double k, bool own = false) {
      if (!v) return;
      for (const Finding* f : *v) {
        fs.push_back({f, k});
        if (own) AddRelated(&lead, *f);
      }
    };
    auto find = [](auto& m, const std::string& k) -> const std::vector<const Finding*>* {
      auto it = m.find(k);
      return it == m.end() ? nullptr : &it->second;
    };
    take(find(by_decl, d.id()), 1.0, /*own=*/true);
    std::string imo = NormalizeImo(d.First("vessel_imo"));
    if (!imo.empty()) {
      // Time-bound vessel findings count fully for the shipments of the voyage they
      // happened on and little for the vessel's other shipments.
      auto [from, to] = VoyageWindow(d);
      if (const auto* v = find(vessel_best, imo))
        for (const Finding* f : *v) {
          double k = from_vessel;
          if (f->start > 0 && from < to)
            k = (f->start <= to && std::max(f->end, f->start) >= from) ? on_voyage : off_voyage;
          fs.push_back({f, k});
        }
      AddUnique(&lead.related_vessels, imo);
    }
    auto pit = w.parties_by_record.find(d.id());
    if (pit != w.parties_by_record.end())
      for (size_t i : pit->second) {
        const PartyLink& pl = w.parties[i];
        AddUnique(&lead.related_entities, pl.entity_id);
        take(find(entity_best, pl.entity_id), from_party);
      }
    auto payit = w.declaration_payments.find(d.id());
    if (payit != w.declaration_payments.end())
      for (const auto& p : payit->second) {
        AddUnique(&lead.related_payments, p);
        take(find(payment_best, p), from_payment);
      }
    if (fs.empty()) continue;
    std::set<std::string> codes;
    for (const Taken& t : fs) codes.insert(t.f->code);
    for (const auto& c : codes) ++code_count[c];
    pending.push_back(std::move(pd));
  }
  comb.SetPrevalence(code_count, w.declarations.size(), cfg);
  // What an entity inherits from the shipments it is a party to: the shipment's score
  // without the entity's own findings (they count once, as the entity's own), times
  // from_shipment; the strongest such shipment, as one flag with that shipment as evidence.
  const double from_shipment = cfg.GetDouble("scoring.propagation.shipment_to_party", 0.6);
  struct Inherited {
    double score = 0;
    const Entity* decl = nullptr;
    std::string role, flags;
  };
  std::unordered_map<std::string, Inherited> inherited;
  for (Pending& pd : pending) {
    const Entity& d = *pd.d;
    Lead& lead = pd.lead;
    SubjectScore s = comb.Combine(pd.fs);
    out.declarations[d.id()] = s;
    if (from_shipment > 0 && s.score >= min_score) {
      auto pit = w.parties_by_record.find(d.id());
      if (pit != w.parties_by_record.end())
        for (size_t i : pit->second) {
          const PartyLink& pl = w.parties[i];
          std::vector<Taken> rest;
          for (const Taken& t : pd.fs)
            if (!(t.f->subject_kind == SubjectKind::kEntity && t.f->subject_id == pl.entity_id))
              rest.push_back(t);
          if (rest.empty()) continue;
          SubjectScore without = rest.size() == pd.fs.size() ? s : comb.Combine(rest);
          double v = from_shipment * without.score;
          Inherited& in = inherited[pl.entity_id];
          if (v > in.score) {
            in.score = v;
            in.decl = &d;
            in.role = pl.role;
            in.flags.clear();
            for (size_t k = 0; k < without.flags.size() && k < 4; ++k)
              in.flags += (k ? ", " : "") + without.flags[k].code;
          }
        }
    }
    if (s.score < min_score) continue;
    lead.kind = "shipment";
    lead.score = s.score;
    lead.flags = s.flags;
    lead.subject = {{"declaration_id", d.id()}};
    std::string goods = d.First("goods_description");
    if (goods.size() > 60) goods = goods.substr(0, 57) + "...";
    lead.title = "Declaration " + d.id() + ": " + (goods.empty() ? "HS " + d.First("hs_code") : goods) +
                 " — " + (d.First("exporter").empty() ? "?" : d.First("exporter")) + " (" +
                 d.First("exporter_country") + ") to " +
                 (d.First("importer").empty() ? d.First("consignee") : d.First("importer")) + " (" +
                 (d.First("importer_country").empty() ? d.First("destination_country")
                                                      : d.First("importer_country")) +
                 ")";
    AddUnique(&lead.related_declarations, d.id());
    leads.push_back(std::move(lead));
  }
  std::unordered_map<std::string, std::vector<size_t>> parties_of_entity;
  for (size_t i = 0; i < w.parties.size(); ++i) parties_of_entity[w.parties[i].entity_id].push_back(i);
  std::unordered_map<std::string, std::vector<std::string>> decls_of_vessel;
  for (const Entity& d : w.declarations) {
    std::string imo = NormalizeImo(d.First("vessel_imo"));
    if (!imo.empty()) decls_of_vessel[imo].push_back(d.id());
  }
  auto prevalence = [&](const std::unordered_map<std::string, std::vector<const Finding*>>& m,
                        size_t n) {
    std::unordered_map<std::string, size_t> counts;
    for (const auto& [id, fs] : m) {
      std::set<std::string> codes;
      for (const Finding* f : fs) codes.insert(f->code);
      for (const auto& c : codes) ++counts[c];
    }
    comb.SetPrevalence(counts, n, cfg);
  };
  prevalence(by_vessel, w.vessels.size());
  const double inactive_vessel = cfg.GetDouble("scoring.inactive_entity_factor", 0.5);
  for (auto& [imo, fs] : by_vessel) {
    SubjectScore s = comb.Combine(Own(fs));
    // As for entities: a vessel that carries no declaration and shows no AIS behaviour in
    // the data (a list entry only) is context; active vessels rank first.
    bool active = decls_of_vessel.count(imo) > 0;
    for (const Finding* f : fs) active |= f->code.compare(0, 4, "MAR-") == 0;
    if (!active && inactive_vessel < 1.0) {
      s.score *= inactive_vessel;
      for (auto& f : s.flags) f.explanation += " [no shipment or AIS activity in the data]";
    }
    out.vessels[imo] = s;
    if (s.score < min_score) continue;
    Lead lead;
    lead.kind = "vessel";
    lead.score = s.score;
    lead.flags = s.flags;
    lead.subject = {{"imo", imo}};
    const Entity* v = w.FindVessel(imo);
    lead.title = "Vessel " + (v ? v->Caption() : imo) + " (IMO " + imo + ")";
    for (const Finding* f : fs) AddRelated(&lead, *f);
    AddUnique(&lead.related_vessels, imo);
    auto dit = decls_of_vessel.find(imo);
    if (dit != decls_of_vessel.end())
      for (const auto& d : dit->second) AddUnique(&lead.related_declarations, d);
    leads.push_back(std::move(lead));
  }
  prevalence(by_entity, w.entities.size());
  const double inactive_factor = cfg.GetDouble("scoring.inactive_entity_factor", 0.5);
  static const std::vector<const Finding*> kNone;
  std::vector<std::string> entity_ids;
  for (const auto& [id, fs] : by_entity) entity_ids.push_back(id);
  for (const auto& [id, in] : inherited)
    if (!by_entity.count(id)) entity_ids.push_back(id);
  for (const std::string& id : entity_ids) {
    auto bit = by_entity.find(id);
    const std::vector<const Finding*>& fs = bit == by_entity.end() ? kNone : bit->second;
    SubjectScore s = comb.Combine(Own(fs));
    // An entity that is party to nothing in the data (a registry or list record only) is
    // context, not a lead: its score is scaled down so active entities rank first.
    if (!parties_of_entity.count(id) && inactive_factor < 1.0) {
      s.score *= inactive_factor;
      for (auto& f : s.flags) f.explanation += " [no shipment or payment in the data]";
    }
    auto iit = inherited.find(id);
    if (iit != inherited.end() && iit->second.score > 0) {
      const Inherited& in = iit->second;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.2f", in.score / from_shipment);
      ScoredFlag sf{"RISK-FROM-SHIPMENT", in.score,
                    in.role + " in declaration " + in.decl->id() + " (shipment score " + buf +
                        " without this party's own flags: " + in.flags + ")",
                    {EvidenceOf(*in.decl)}};
      s.score = 1.0 - (1.0 - s.score) * (1.0 - in.score);
      s.flags.push_back(std::move(sf));
      std::stable_sort(s.flags.begin(), s.flags.end(),
                       [](const ScoredFlag& a, const ScoredFlag& b) { return a.score > b.score; });
    }
    out.entities[id] = s;
    if (s.score < min_score) continue;
    Lead lead;
    lead.kind = "entity";
    lead.score = s.score;
    lead.flags = s.flags;
    lead.subject = {{"entity_id", id}};
    const Entity* e = w.FindEntity(id);
    lead.title = (e ? e->schema().name() + " " + e->Caption() : id);
    if (e && !e->First("country").empty()) lead.title += " (" + e->First("country") + ")";
    for (const Finding* f : fs) AddRelated(&lead, *f);
    AddUnique(&lead.related_entities, id);
    auto eit = parties_of_entity.find(id);
    if (eit != parties_of_entity.end())
      for (size_t pi : eit->second) {
        const PartyLink& pl = w.parties[pi];
        if (w.payment_index.count(pl.record_id) && (pl.role == "payer" || pl.role == "payee"))
          AddUnique(&lead.related_payments, pl.record_id);
        else
          AddUnique(&lead.related_declarations, pl.record_id);
      }
    leads.push_back(std::move(lead));
  }
  prevalence(by_payment, w.payments.size());
  for (auto& [id, fs] : by_payment) out.payments[id] = comb.Combine(Own(fs));

  for (auto& l : leads) DedupeRelated(&l);
  std::sort(leads.begin(), leads.end(), [](const Lead& a, const Lead& b) {
    if (a.score != b.score) return a.score > b.score;
    if (KindOrder(a.kind) != KindOrder(b.kind)) return KindOrder(a.kind) < KindOrder(b.kind);
    return a.subject < b.subject;
  });
  size_t max_leads = static_cast<size_t>(cfg.GetInt("leads.max_leads", 10000));
  if (leads.size() > max_leads) leads.resize(max_leads);
  for (size_t i = 0; i < leads.size(); ++i) {
    leads[i].rank = static_cast<int>(i + 1);
    std::string key = leads[i].kind;
    for (const auto& [k, v] : leads[i].subject) key += "|" + k + "=" + v;
    leads[i].lead_id = StableId("L-", key);
  }
  out.leads = std::move(leads);
  return out;
}

}  // namespace interdict
