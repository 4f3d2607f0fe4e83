// Trade red flags that need only the declaration itself and reference tables:
// CHPL goods (BIS Common High Priority List), routing through a transshipment hub towards
// a high-risk destination (FinCEN/BIS FIN-2022-Alert003), and origin != departure.
// Issue 7 adds the statistical checks (unit values, weights, HS vs description).
#include <set>

#include "core/strings.h"
#include "detect/detectors.h"
#include "model/reference.h"

namespace interdict {
namespace {

double TierStrength(const std::string& tier) {
  if (tier == "1") return 1.0;
  if (tier == "2") return 0.9;
  if (tier == "3.A") return 0.8;
  if (tier == "3.B") return 0.75;
  if (tier == "4.A") return 0.65;
  return 0.6;
}

std::set<std::string> HighRisk(const Config& cfg) {
  auto v = Split(cfg.GetString("trade.high_risk_destinations", "RU;BY;IR;KP;SY;CU"), ';');
  return {v.begin(), v.end()};
}

class TradeRouting : public Detector {
 public:
  std::string name() const override { return "trade-routing"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    std::set<std::string> high_risk = HighRisk(cfg);
    for (const Entity& d : w.declarations) {
      std::vector<std::string> related_parties;
      auto it = w.parties_by_record.find(d.id());
      if (it != w.parties_by_record.end())
        for (size_t i : it->second) related_parties.push_back(w.parties[i].entity_id);
      const ChplEntry* chpl = FindChpl(d.First("hs_code"));
      if (chpl) {
        Finding f;
        f.code = "TRD-CHPL";
        f.subject_id = d.id();
        f.score = FlagWeight(cfg, f.code) * TierStrength(chpl->tier);
        f.explanation = "HS " + d.First("hs_code") + " is on the Common High Priority List (tier " +
                        chpl->tier + ": " + chpl->description + ")";
        f.evidence = {EvidenceOf(d)};
        f.related_declarations = {d.id()};
        out->push_back(std::move(f));
      }
      // Where the goods go: the declared destination and every downstream party.
      std::vector<std::pair<std::string, std::string>> downstream;  // (what, country)
      for (const char* c : {"destination_country", "importer_country", "consignee_country",
                            "end_user_country"})
        if (!d.First(c).empty()) downstream.push_back({c, d.First(c)});
      std::vector<std::pair<std::string, std::string>> via;  // hubs on the way
      for (const auto& port : d.Values("transshipment_ports"))
        if (port.size() >= 2 && IsTransshipmentHub(port.substr(0, 2)))
          via.push_back({"transshipment port " + port, port.substr(0, 2)});
      for (const auto& [what, cc] : downstream)
        if (IsTransshipmentHub(cc)) via.push_back({what, cc});
      std::string risky_what, risky_cc;
      for (const auto& [what, cc] : downstream)
        if (high_risk.count(cc)) {
          risky_what = what;
          risky_cc = cc;
          break;
        }
      if (!via.empty() && (!risky_cc.empty() || chpl)) {
        Finding f;
        f.code = "TRD-HUB-ROUTE";
        f.subject_id = d.id();
        // Full strength when a high-risk country appears downstream of the hub; half when
        // the only sign is priority goods sent to a hub (a diversion pattern, not proof).
        double strength = risky_cc.empty() ? 0.5 : 1.0;
        f.score = FlagWeight(cfg, f.code) * strength;
        f.explanation = "routed via " + via[0].first + " (" + via[0].second +
                        ", a FinCEN/BIS transshipment hub)" +
                        (risky_cc.empty() ? std::string(" with CHPL goods")
                                          : " towards " + risky_what + " " + risky_cc);
        f.evidence = {EvidenceOf(d)};
        f.related_declarations = {d.id()};
        f.related_entities = related_parties;
        out->push_back(std::move(f));
      }
      const std::string& origin = d.First("origin_country");
      const std::string& dep = d.First("departure_country");
      if (!origin.empty() && !dep.empty() && origin != dep) {
        Finding f;
        f.code = "TRD-ORIGIN-DEPARTURE";
        f.subject_id = d.id();
        f.score = FlagWeight(cfg, f.code);
        f.explanation = "origin " + origin + " differs from departure country " + dep;
        f.evidence = {EvidenceOf(d)};
        f.related_declarations = {d.id()};
        out->push_back(std::move(f));
      }
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Detector> NewTradeRoutingDetector() { return std::make_unique<TradeRouting>(); }

}  // namespace interdict
