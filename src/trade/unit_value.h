// Unit-value and weight/quantity checks on declarations (issue 7, "Unit value and mass").
//
// TRD-UNIT-VALUE: the declared value per kg (or per quantity unit when no weight is
// declared) is far from peers of the same HS6 x origin, in the same currency. Robust
// statistics on the log unit value: median and MAD (scaled by 1.4826, with a floor so a
// group of identical prices does not make every small deviation infinite), a robust
// z-score, and back-off HS6 x origin -> HS6 -> HS4 -> HS2 until a group has
// trade.unit_value.min_peers other declarations. Both directions are flagged:
// under-valuation evades duty, over-valuation moves money (FATF/Egmont TBML indicators).
//
// TRD-WEIGHT-QTY: weight, quantity and value do not fit together: net weight above gross
// weight, zero or negative weight/value with goods declared, quantity in kilograms that
// disagrees with the net weight, or kg per unit far from the HS6 peers (unit games).
//
// The detector lives in trade/ (not detect/) because the learned model shares its peer
// statistics; it depends only on the World data types, not on detect's library.
#ifndef INTERDICT_TRADE_UNIT_VALUE_H_
#define INTERDICT_TRADE_UNIT_VALUE_H_

#include <memory>

#include "interdict/detect.h"

namespace interdict {

// TRD-UNIT-VALUE, TRD-WEIGHT-QTY.
std::unique_ptr<Detector> NewUnitValueDetector();

namespace trade {

// Robust location/scale of a sample: median and MAD x 1.4826 (the normal-consistent MAD).
struct RobustStats {
  double median = 0, scale = 0;
  int count = 0;
};
RobustStats ComputeRobustStats(std::vector<double> values);

}  // namespace trade
}  // namespace interdict

#endif  // INTERDICT_TRADE_UNIT_VALUE_H_
