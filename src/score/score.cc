#include "interdict/score.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.h"
#include "core/validate.h"

namespace interdict {
namespace {

// Strongest finding per code, then noisy-OR across codes.
SubjectScore Combine(const std::vector<const Finding*>& fs) {
  std::map<std::string, ScoredFlag> best;
  for (const Finding* f : fs) {
    auto it = best.find(f->code);
    if (it == best.end() || f->score > it->second.score) {
      ScoredFlag sf{f->code, std::clamp(f->score, 0.0, 1.0), f->explanation, f->evidence};
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
  double keep = 1.0;
  for (auto& [code, sf] : best) {
    keep *= 1.0 - sf.score;
    s.flags.push_back(std::move(sf));
  }
  s.score = 1.0 - keep;
  std::stable_sort(s.flags.begin(), s.flags.end(),
                   [](const ScoredFlag& a, const ScoredFlag& b) { return a.score > b.score; });
  return s;
}

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
  // lead shows the evidence from every source.
  for (const Entity& d : w.declarations) {
    std::vector<const Finding*> fs;
    Lead lead;
    // Borrowed findings add their flags, not their `related` lists (which for a busy party
    // would name everything it ever did).
    auto take = [&](const std::vector<const Finding*>* v, bool own = false) {
      if (!v) return;
      for (const Finding* f : *v) {
        fs.push_back(f);
        if (own) AddRelated(&lead, *f);
      }
    };
    auto find = [](auto& m, const std::string& k) -> const std::vector<const Finding*>* {
      auto it = m.find(k);
      return it == m.end() ? nullptr : &it->second;
    };
    take(find(by_decl, d.id()), /*own=*/true);
    std::string imo = NormalizeImo(d.First("vessel_imo"));
    if (!imo.empty()) {
      take(find(vessel_best, imo));
      AddUnique(&lead.related_vessels, imo);
    }
    auto pit = w.parties_by_record.find(d.id());
    if (pit != w.parties_by_record.end())
      for (size_t i : pit->second) {
        const PartyLink& pl = w.parties[i];
        AddUnique(&lead.related_entities, pl.entity_id);
        take(find(entity_best, pl.entity_id));
      }
    auto payit = w.declaration_payments.find(d.id());
    if (payit != w.declaration_payments.end())
      for (const auto& p : payit->second) {
        AddUnique(&lead.related_payments, p);
        take(find(payment_best, p));
      }
    if (fs.empty()) continue;
    SubjectScore s = Combine(fs);
    out.declarations[d.id()] = s;
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
  for (auto& [imo, fs] : by_vessel) {
    SubjectScore s = Combine(fs);
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
  for (auto& [id, fs] : by_entity) {
    SubjectScore s = Combine(fs);
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
  for (auto& [id, fs] : by_payment) out.payments[id] = Combine(fs);

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
