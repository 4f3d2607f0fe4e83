// Scoring: findings -> explainable risk per declaration, vessel and entity -> ranked leads.
//
// A subject's score is the noisy-OR of its flags, one term per distinct flag code (the
// strongest finding of each code), so independent evidence adds up and repeated evidence
// of one kind does not: score = 1 - prod(1 - s_code).
#ifndef INTERDICT_SCORE_H_
#define INTERDICT_SCORE_H_

#include <map>
#include <string>
#include <vector>

#include "interdict/config.h"
#include "interdict/detect.h"
#include "interdict/world.h"

namespace interdict {

struct ScoredFlag {
  std::string code;
  double score = 0;
  std::string explanation;
  std::vector<EvidenceRef> evidence;
};

struct SubjectScore {
  double score = 0;
  std::vector<ScoredFlag> flags;  // strongest first
};

struct Lead {
  int rank = 0;
  std::string lead_id;
  double score = 0;
  std::string kind;  // shipment|vessel|entity|network
  std::string title;
  // subject ids, e.g. {"declaration_id": "D-1"} or {"imo": "9321483"}
  std::vector<std::pair<std::string, std::string>> subject;
  std::vector<ScoredFlag> flags;
  std::vector<std::string> related_declarations, related_vessels, related_entities,
      related_payments;
};

struct Scores {
  std::map<std::string, SubjectScore> declarations, vessels, entities, payments;
  std::vector<Lead> leads;  // ranked, best first
};

Scores ScoreFindings(const World& world, const std::vector<Finding>& findings,
                     const Config& config);

}  // namespace interdict

#endif  // INTERDICT_SCORE_H_
