// The main job: ingest -> store -> resolve -> detect -> score -> write outputs.
#ifndef INTERDICT_PIPELINE_H_
#define INTERDICT_PIPELINE_H_

#include <string>
#include <vector>

#include "interdict/config.h"
#include "interdict/env.h"
#include "interdict/ingest.h"
#include "interdict/score.h"
#include "interdict/status.h"

namespace interdict {

struct InvestigateOptions {
  std::string input_dir;
  std::string out_dir;
  std::string db_path;  // "" -> OUT/interdict.db
  Config config = Config::Defaults();
  const Clock* clock = &Clock::Real();
};

struct InvestigateResult {
  std::vector<IngestReport> ingest;
  std::vector<std::string> skipped_files;  // no reader recognised them
  std::vector<std::string> failed_units;   // recognised but unreadable as a whole (with reason)
  int64_t records_in = 0, stored = 0, quarantined = 0;
  int64_t ais_positions = 0, ais_tracks = 0;
  size_t declarations = 0, entities = 0, vessels = 0, payments = 0, findings = 0;
  Scores scores;
  std::vector<std::string> outputs;
};

Result<InvestigateResult> Investigate(const InvestigateOptions& opts);

}  // namespace interdict

#endif  // INTERDICT_PIPELINE_H_
