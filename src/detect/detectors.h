// Factories of the detectors that exist (AllDetectors() lists them in order).
#ifndef INTERDICT_DETECT_DETECTORS_H_
#define INTERDICT_DETECT_DETECTORS_H_

#include <memory>
#include <vector>

#include "interdict/detect.h"

namespace interdict {

// SCR-NAME-EXACT, SCR-WEAK-ALIAS, SCR-IMO, SCR-FORMER-NAME, FIN-LISTED-PARTY:
// exact (normalised) matching of declaration/payment parties and vessels to list entries.
std::unique_ptr<Detector> NewExactScreeningDetector();
// SCR-NAME-FUZZY, SCR-WEAK-ALIAS, SCR-IDENTIFIER, SCR-MMSI, SCR-IMO, FIN-LISTED-PARTY:
// the screening engine (screen/) over every party and vessel; pairs the exact detector
// already reports (NormalizeName-equal names) are left to it. Lives in src/screen/.
std::unique_ptr<Detector> NewFuzzyScreeningDetector();
// TRD-CHPL, TRD-HUB-ROUTE, TRD-ORIGIN-DEPARTURE.
std::unique_ptr<Detector> NewTradeRoutingDetector();
// TRD-HS-MISMATCH: goods description vs. declared HS code (text model of the HS texts).
// Lives in hs_consistency.cc.
std::unique_ptr<Detector> NewHsConsistencyDetector();
// TRD-LIC-*: licence missing, expired, revoked, other end user/HS/destination, exceeded.
std::unique_ptr<Detector> NewLicenseDetector();
// NET-OFAC-50, NET-LISTED-LINK: ownership by listed parties and direct links to them.
std::unique_ptr<Detector> NewOwnershipDetector();
// NET-MASS-ADDRESS, NET-RECENT-INCORP, NET-SHARED-DIRECTOR, NET-SHARED-WITH-LISTED,
// NET-DORMANT-ACTIVE, NET-LOB-MISMATCH, NET-BROKER: shell/front indicators and brokers
// over the property graph (network/). Lives in network_rules.cc.
std::unique_ptr<Detector> NewNetworkRulesDetector();

// MAR-MMSI-SHARED, MAR-GAP, MAR-ENCOUNTER (from World::events) and MAR-PORT-NOT-CALLED
// (declared port of loading vs. the AIS track). Lives in maritime.cc.
std::unique_ptr<Detector> NewMaritimeDetector();
// AIS events from World::tracks (shared MMSIs, gaps with reception context, encounters);
// the pipeline stores them in World::events before the detectors run. Empty without tracks.
std::vector<AisEvent> DetectAisEvents(const World& world, const Config& config);

// Evidence pointing at an entity's first referent (its source record).
EvidenceRef EvidenceOf(const Entity& e);
// Evidence for a listed entity: the referent behind its topics=sanction statement (the
// list record), else its first referent.
EvidenceRef ListedEvidenceOf(const Entity& e);
// Whether a NormalizeName()d name is screened by the exact detector (not too short or
// generic: >= 4 characters, and two tokens or >= 6 characters).
bool ExactScreenable(const std::string& normalized);

}  // namespace interdict

#endif  // INTERDICT_DETECT_DETECTORS_H_
