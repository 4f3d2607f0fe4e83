#include "interdict/detect.h"

#include "detect/detectors.h"
#include "finance/finance.h"
#include "trade/unit_value.h"

namespace interdict {

const char* SubjectKindName(SubjectKind k) {
  switch (k) {
    case SubjectKind::kDeclaration: return "declaration";
    case SubjectKind::kVessel: return "vessel";
    case SubjectKind::kEntity: return "entity";
    case SubjectKind::kPayment: return "payment";
  }
  return "unknown";
}

double FlagWeight(const Config& config, const std::string& code) {
  return config.GetDouble("weights." + code, config.GetDouble("weights.default", 0.3));
}

EvidenceRef EvidenceOf(const Entity& e) {
  if (e.referents().empty()) return {"derived", e.id()};
  return {e.referents()[0].source, e.referents()[0].record_id};
}

std::vector<std::unique_ptr<Detector>> AllDetectors() {
  std::vector<std::unique_ptr<Detector>> d;
  d.push_back(NewExactScreeningDetector());
  d.push_back(NewFuzzyScreeningDetector());
  d.push_back(NewTradeRoutingDetector());
  d.push_back(NewUnitValueDetector());  // trade/: TRD-UNIT-VALUE, TRD-WEIGHT-QTY
  d.push_back(NewHsConsistencyDetector());  // TRD-HS-MISMATCH
  d.push_back(NewLicenseDetector());
  d.push_back(NewOwnershipDetector());
  d.push_back(NewNetworkRulesDetector());  // NET-* shell/front indicators, brokers
  d.push_back(NewMaritimeDetector());
  for (auto& x : NewFinanceDetectors()) d.push_back(std::move(x));  // finance/: FIN-*
  return d;
}

}  // namespace interdict
