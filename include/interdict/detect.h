// Detectors read the resolved World and emit findings: a red-flag code (DESIGN.md §5),
// the subject it is about, a score contribution, a one-line explanation and the source
// records that support it. Detectors never talk to each other.
#ifndef INTERDICT_DETECT_H_
#define INTERDICT_DETECT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "interdict/config.h"
#include "interdict/status.h"
#include "interdict/world.h"

namespace interdict {

struct EvidenceRef {
  std::string source;     // source file (relative), or "derived" for computed evidence
  std::string record_id;  // record id within that source
  bool operator==(const EvidenceRef&) const = default;
};

enum class SubjectKind { kDeclaration, kVessel, kEntity, kPayment };
const char* SubjectKindName(SubjectKind k);

struct Finding {
  std::string code;  // stable red-flag code, e.g. "SCR-NAME-EXACT"
  SubjectKind subject_kind = SubjectKind::kDeclaration;
  std::string subject_id;  // declaration_id, IMO, entity id or payment_id
  double score = 0;        // contribution in [0, 1]: weight (config) x strength
  std::string explanation;
  std::vector<EvidenceRef> evidence;
  // When the behaviour happened (unix seconds; 0 = unknown or not time-bound). Scoring uses
  // it to pass a vessel's flag on only to the shipments of the voyage it happened on.
  int64_t start = 0, end = 0;
  // Other subjects the finding involves (for lead grouping and `related`).
  std::vector<std::string> related_declarations, related_vessels, related_entities,
      related_payments;
  // Properties the pipeline adds to the subject entity after detection (e.g.
  // {"sanctionsMatches", "ofac-123"}), so outputs show what a detector established.
  std::vector<std::pair<std::string, std::string>> annotate;
};

class Detector {
 public:
  virtual ~Detector() = default;
  virtual std::string name() const = 0;
  // Appends findings. Must not throw; reads `world` only.
  virtual Status Run(const World& world, const Config& config, std::vector<Finding>* out) = 0;
};

// Every detector that exists, in a fixed order.
std::vector<std::unique_ptr<Detector>> AllDetectors();

// The weight of a flag code: config "weights.<CODE>", else "weights.default".
double FlagWeight(const Config& config, const std::string& code);

}  // namespace interdict

#endif  // INTERDICT_DETECT_H_
