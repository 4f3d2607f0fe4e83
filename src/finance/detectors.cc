// The FIN-* detectors over the resolved World: account structures (from structures.cc)
// and invoice/payment reconciliation against the declarations a payment reference names.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/strings.h"
#include "core/validate.h"
#include "finance/finance.h"

namespace interdict {
namespace {

// Same rule as FlagWeight() in detect/; restated because detect links this library.
double Weight(const Config& cfg, const std::string& code) {
  return cfg.GetDouble("weights." + code, cfg.GetDouble("weights.default", 0.3));
}

EvidenceRef Evidence(const Entity& e) {
  if (e.referents().empty()) return {"derived", e.id()};
  return {e.referents()[0].source, e.referents()[0].record_id};
}

class MoneyStructures : public Detector {
 public:
  std::string name() const override { return "money-structures"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    if (w.payments.empty()) return Status::Ok();
    TxGraph g = TxGraph::FromWorld(w, cfg);
    std::vector<Structure> found = FindStructures(g, cfg);
    double member_factor = cfg.GetDouble("finance.member_strength", 0.7);
    // One finding per (code, account): the strongest structure it takes part in, with the
    // number of structures of that kind in the explanation.
    struct Best {
      const Structure* s = nullptr;
      double strength = 0;
      bool hub = false;
      int count = 0;
    };
    std::map<std::pair<std::string, uint32_t>, Best> best;
    for (const Structure& s : found) {
      auto note = [&](uint32_t n, bool hub) {
        Best& b = best[{s.code, n}];
        ++b.count;
        double st = s.strength * (hub ? 1.0 : member_factor);
        if (st > b.strength) b = {&s, st, hub, b.count};
      };
      for (uint32_t h : s.hubs) note(h, true);
      for (uint32_t m : s.members) note(m, false);
    }
    for (const auto& [key, b] : best) {
      const auto& [code, node] = key;
      const Structure& s = *b.s;
      Finding f;
      f.code = code;
      f.subject_kind = SubjectKind::kEntity;
      f.subject_id = g.entity(node).empty() ? g.key(node) : g.entity(node);
      f.score = Weight(cfg, code) * b.strength;
      f.explanation = (b.hub ? "" : "participant (" + g.key(node) + ") of ") + s.explanation;
      if (b.count > 1) f.explanation += "; " + std::to_string(b.count) + " such structures";
      for (uint32_t t : s.txns) {
        const Entity& p = w.payments[g.txns()[t].payment];
        f.evidence.push_back(Evidence(p));
        f.related_payments.push_back(p.id());
      }
      std::set<std::string> ents;
      for (uint32_t n : s.hubs)
        if (!g.entity(n).empty()) ents.insert(g.entity(n));
      for (uint32_t n : s.members)
        if (!g.entity(n).empty()) ents.insert(g.entity(n));
      f.related_entities.assign(ents.begin(), ents.end());
      out->push_back(std::move(f));
    }
    return Status::Ok();
  }
};

// The party entity of a record in a role ("" if none).
std::string PartyOf(const World& w, const std::string& record, const char* role) {
  auto it = w.parties_by_record.find(record);
  if (it == w.parties_by_record.end()) return "";
  for (size_t k : it->second)
    if (w.parties[k].role == role) return w.parties[k].entity_id;
  return "";
}

// The country of a bank from its BIC (ISO 9362: chars 5-6), or "".
std::string BicCountry(const std::string& bic) {
  std::string b = AsciiUpper(Trim(bic));
  if (b.size() != 8 && b.size() != 11) return "";
  std::string cc = b.substr(4, 2);
  return IsCountryCode(cc) ? cc : "";
}

class Reconciliation : public Detector {
 public:
  std::string name() const override { return "payment-reconciliation"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    double tol = cfg.GetDouble("finance.invoice_tolerance", 0.10);
    size_t split_min = static_cast<size_t>(cfg.GetInt("finance.split_min_payments", 3));
    std::set<std::string> hubs;
    for (const auto& c : Split(cfg.GetString("finance.hub_jurisdictions", ""), ';'))
      hubs.insert(AsciiUpper(c));

    // Declarations each payment is linked to, for the hub check.
    std::map<std::string, std::vector<const Entity*>> decls_of_payment;
    for (const auto& [decl_id, pays] : w.declaration_payments) {
      const Entity* d = w.FindDeclaration(decl_id);
      if (!d) continue;
      for (const auto& pid : pays) decls_of_payment[pid].push_back(d);
      Reconcile(w, cfg, *d, pays, tol, split_min, out);
    }
    if (!hubs.empty())
      for (const Entity& p : w.payments) HubRoute(w, cfg, p, hubs, decls_of_payment[p.id()], out);
    return Status::Ok();
  }

 private:
  static void Reconcile(const World& w, const Config& cfg, const Entity& d,
                        const std::vector<std::string>& pay_ids, double tol, size_t split_min,
                        std::vector<Finding>* out) {
    std::string importer = PartyOf(w, d.id(), "importer");
    std::string consignee = PartyOf(w, d.id(), "consignee");
    std::string exporter = PartyOf(w, d.id(), "exporter");
    std::vector<const Entity*> pays;
    for (const auto& pid : pay_ids) {
      auto it = w.payment_index.find(pid);
      if (it != w.payment_index.end()) pays.push_back(&w.payments[it->second]);
    }
    // Third parties: the buyer should pay (importer or consignee), the seller be paid.
    for (const Entity* p : pays) {
      std::string payer = PartyOf(w, p->id(), "payer");
      std::string payee = PartyOf(w, p->id(), "payee");
      std::vector<std::string> why;
      if (!payer.empty() && (!importer.empty() || !consignee.empty()) && payer != importer &&
          payer != consignee)
        why.push_back("payer " + p->First("payer") + " is not the importer " +
                      d.First("importer"));
      if (!payee.empty() && !exporter.empty() && payee != exporter)
        why.push_back("payee " + p->First("payee") + " is not the exporter " + d.First("exporter"));
      if (why.empty()) continue;
      Finding f;
      f.code = "FIN-THIRD-PARTY";
      f.subject_kind = SubjectKind::kPayment;
      f.subject_id = p->id();
      f.score = Weight(cfg, f.code) * (why.size() == 2 ? 1.0 : 0.8);
      f.explanation = "third-party payment for declaration " + d.id() + ": " + Join(why, "; ");
      f.evidence = {Evidence(*p), Evidence(d)};
      f.related_declarations = {d.id()};
      f.related_payments = {p->id()};
      for (const auto& e : {payer, payee, importer, exporter})
        if (!e.empty() && std::find(f.related_entities.begin(), f.related_entities.end(), e) ==
                              f.related_entities.end())
          f.related_entities.push_back(e);
      out->push_back(std::move(f));
    }
    if (pays.empty()) return;
    // Amounts: compared only when every payment is in the invoice currency (no rate guess
    // can make an over-invoicing call).
    auto invoice = ParseNumber(d.First("invoice_value"));
    std::string cur = AsciiUpper(d.First("currency"));
    if (invoice && *invoice > 0 && !cur.empty()) {
      double paid = 0;
      bool same = true;
      for (const Entity* p : pays) {
        auto a = ParseNumber(p->First("amount"));
        if (!a || AsciiUpper(p->First("currency")) != cur) {
          same = false;
          break;
        }
        paid += *a;
      }
      double dev = paid / *invoice - 1;
      if (same && std::fabs(dev) > tol) {
        Finding f;
        f.code = "FIN-INVOICE-MISMATCH";
        f.subject_kind = SubjectKind::kDeclaration;
        f.subject_id = d.id();
        f.score = Weight(cfg, f.code) * std::min(1.0, 0.5 + std::fabs(dev));
        char buf[256];
        std::snprintf(buf, sizeof buf, "paid %.2f %s in %zu payment(s) against an invoice of %.2f %s (%+.0f%%)",
                      paid, cur.c_str(), pays.size(), *invoice, cur.c_str(), dev * 100);
        f.explanation = std::string(buf) + (dev > 0 ? ": paid above the invoice (value moved to the seller)"
                                                     : ": paid below the invoice");
        f.evidence = {Evidence(d)};
        for (const Entity* p : pays) {
          f.evidence.push_back(Evidence(*p));
          f.related_payments.push_back(p->id());
        }
        f.related_declarations = {d.id()};
        out->push_back(std::move(f));
      }
    }
    if (split_min > 1 && pays.size() >= split_min) {
      Finding f;
      f.code = "FIN-SPLIT-PAYMENT";
      f.subject_kind = SubjectKind::kDeclaration;
      f.subject_id = d.id();
      f.score = Weight(cfg, f.code);
      std::set<std::string> payers;
      for (const Entity* p : pays) payers.insert(p->First("payer"));
      f.explanation = "invoice paid in " + std::to_string(pays.size()) + " payments from " +
                      std::to_string(payers.size()) + " payer(s)";
      f.evidence = {Evidence(d)};
      for (const Entity* p : pays) {
        f.evidence.push_back(Evidence(*p));
        f.related_payments.push_back(p->id());
      }
      f.related_declarations = {d.id()};
      out->push_back(std::move(f));
    }
  }

  // A payment touching a hub jurisdiction (bank or party country) that is neither party's
  // home nor, for a payment tied to a shipment, a country of the trade itself.
  static void HubRoute(const World& w, const Config& cfg, const Entity& p,
                       const std::set<std::string>& hubs, const std::vector<const Entity*>& decls,
                       std::vector<Finding>* out) {
    std::set<std::string> home;
    for (const char* c : {"payer_country", "payee_country"})
      if (!p.First(c).empty()) home.insert(p.First(c));
    for (const Entity* d : decls)
      for (const char* c : {"exporter_country", "importer_country", "origin_country",
                            "destination_country", "consignee_country"})
        if (!d->First(c).empty()) home.insert(d->First(c));
    std::vector<std::string> via;
    for (const char* b : {"payer_bank_bic", "payee_bank_bic"}) {
      std::string cc = BicCountry(p.First(b));
      if (!cc.empty() && hubs.count(cc) && !home.count(cc))
        via.push_back(std::string(b).substr(0, 5) + " bank in " + cc + " (" + p.First(b) + ")");
    }
    // A party's own country in a hub counts when the payment pays for a shipment that
    // does not otherwise involve that country.
    if (!decls.empty()) {
      std::set<std::string> trade;
      for (const Entity* d : decls)
        for (const char* c : {"exporter_country", "importer_country", "origin_country",
                              "destination_country", "consignee_country"})
          if (!d->First(c).empty()) trade.insert(d->First(c));
      for (const char* c : {"payer_country", "payee_country"}) {
        const std::string& cc = p.First(c);
        if (!cc.empty() && hubs.count(cc) && !trade.count(cc))
          via.push_back(std::string(c).substr(0, 5) + " in " + cc);
      }
    }
    (void)w;
    if (via.empty()) return;
    Finding f;
    f.code = "FIN-HUB-ROUTE";
    f.subject_kind = SubjectKind::kPayment;
    f.subject_id = p.id();
    f.score = Weight(cfg, f.code) * (decls.empty() ? 0.6 : 1.0);
    f.explanation = "payment routed through a hub jurisdiction: " + Join(via, "; ");
    f.evidence = {Evidence(p)};
    for (const Entity* d : decls) {
      f.evidence.push_back(Evidence(*d));
      f.related_declarations.push_back(d->id());
    }
    f.related_payments = {p.id()};
    out->push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Detector> NewMoneyStructureDetector() { return std::make_unique<MoneyStructures>(); }
std::unique_ptr<Detector> NewPaymentReconciliationDetector() {
  return std::make_unique<Reconciliation>();
}
std::vector<std::unique_ptr<Detector>> NewFinanceDetectors() {
  std::vector<std::unique_ptr<Detector>> d;
  d.push_back(NewMoneyStructureDetector());
  d.push_back(NewPaymentReconciliationDetector());
  return d;
}

}  // namespace interdict
