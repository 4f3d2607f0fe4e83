// Writers for the outputs of `interdict investigate` (DESIGN.md §4, docs/formats/outputs.md).
// Each file is written atomically (temp file + rename).
#ifndef INTERDICT_REPORT_H_
#define INTERDICT_REPORT_H_

#include <string>
#include <vector>

#include "interdict/detect.h"
#include "interdict/score.h"
#include "interdict/status.h"
#include "interdict/world.h"

namespace interdict {

struct OutputSummary {
  std::vector<std::string> files;  // paths written
};

// Writes leads.jsonl, declarations.csv, entities.jsonl, vessels.jsonl, events.jsonl,
// entities.ftm.jsonl, network.graphml and report.html into `out_dir` (created if needed).
Result<OutputSummary> WriteOutputs(const World& world, const std::vector<Finding>& findings,
                                   const Scores& scores, const std::string& out_dir);

}  // namespace interdict

#endif  // INTERDICT_REPORT_H_
