// Factories of the detectors that exist (AllDetectors() lists them in order).
#ifndef INTERDICT_DETECT_DETECTORS_H_
#define INTERDICT_DETECT_DETECTORS_H_

#include <memory>

#include "interdict/detect.h"

namespace interdict {

// SCR-NAME-EXACT, SCR-WEAK-ALIAS, SCR-IMO, SCR-MMSI, SCR-FORMER-NAME, FIN-LISTED-PARTY:
// exact (normalised) matching of declaration/payment parties and vessels to list entries.
std::unique_ptr<Detector> NewExactScreeningDetector();
// TRD-CHPL, TRD-HUB-ROUTE, TRD-ORIGIN-DEPARTURE.
std::unique_ptr<Detector> NewTradeRoutingDetector();
// TRD-LIC-*: licence missing, expired, revoked, other end user/HS/destination, exceeded.
std::unique_ptr<Detector> NewLicenseDetector();
// NET-OFAC-50, NET-LISTED-LINK: ownership by listed parties and direct links to them.
std::unique_ptr<Detector> NewOwnershipDetector();

// Evidence pointing at an entity's first referent (its source record).
EvidenceRef EvidenceOf(const Entity& e);

}  // namespace interdict

#endif  // INTERDICT_DETECT_DETECTORS_H_
