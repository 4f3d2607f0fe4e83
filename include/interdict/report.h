// Writers for the outputs of `interdict investigate` (DESIGN.md §4, docs/formats/outputs.md).
// Each file is written atomically (temp file + rename).
#ifndef INTERDICT_REPORT_H_
#define INTERDICT_REPORT_H_

#include <string>
#include <vector>

#include "interdict/detect.h"
#include "interdict/ingest.h"
#include "interdict/score.h"
#include "interdict/status.h"
#include "interdict/world.h"

namespace interdict {

struct OutputSummary {
  std::vector<std::string> files;  // paths written
};

// What report.html's "Ingest" section shows (docs/formats/outputs.md#reporthtml).
struct IngestOverview {
  std::vector<IngestReport> units;          // one per input unit of this run
  std::vector<QuarantineEntry> quarantine;  // quarantined records (the store's table)
  bool quarantine_complete = true;          // false: only the per-unit samples are known
  std::vector<std::string> skipped_files;   // no reader recognised them
  std::vector<std::string> failed_units;    // unreadable as a whole (with reason)
};

// Writes leads.jsonl, declarations.csv, entities.jsonl, vessels.jsonl, events.jsonl,
// entities.ftm.jsonl, network.graphml and report.html into `out_dir` (created if needed).
// `ingest` (may be null) adds ingest statistics and the quarantine to report.html; AIS
// tracks drawn on its map come from world.tracks.
Result<OutputSummary> WriteOutputs(const World& world, const std::vector<Finding>& findings,
                                   const Scores& scores, const std::string& out_dir,
                                   const IngestOverview* ingest = nullptr);

}  // namespace interdict

#endif  // INTERDICT_REPORT_H_
