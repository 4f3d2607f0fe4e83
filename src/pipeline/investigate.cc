#include <filesystem>
#include <algorithm>
#include <atomic>
#include <thread>

#include "core/log.h"
#include "core/progress.h"
#include "interdict/detect.h"
#include "interdict/pipeline.h"
#include "interdict/report.h"
#include "interdict/store.h"
#include "resolve/resolve.h"

namespace interdict {
namespace fs = std::filesystem;

namespace {

// Writes detector conclusions onto the entities they are about (sanctionsMatches,
// sanctionedOwnershipPct) so entities.jsonl shows them.
void Annotate(World* w, const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    if (f.annotate.empty() || f.subject_kind != SubjectKind::kEntity) continue;
    auto it = w->entity_index.find(f.subject_id);
    if (it == w->entity_index.end()) continue;
    for (const auto& [k, v] : f.annotate) w->entities[it->second].Add(k, v);
  }
}

}  // namespace

Result<InvestigateResult> Investigate(const InvestigateOptions& opts) {
  InvestigateResult res;
  // Phase timings go to the log so a user sees where a long run spends its time.
  int64_t phase_start = opts.clock->NowMicros();
  auto phase_done = [&](const char* phase) {
    int64_t now = opts.clock->NowMicros();
    LOG_INFO << phase << ": " << (now - phase_start) / 1000 << " ms";
    phase_start = now;
  };
  std::error_code ec;
  fs::create_directories(opts.out_dir, ec);
  if (ec) return Status::IoError(opts.out_dir + ": cannot create: " + ec.message());
  std::string db = opts.db_path.empty() ? (fs::path(opts.out_dir) / "interdict.db").string()
                                        : opts.db_path;
  ASSIGN_OR_RETURN(auto store, OpenSqliteStore(db));
  ASSIGN_OR_RETURN(auto units, DiscoverInputs(opts.input_dir, &res.skipped_files));
  for (const auto& s : res.skipped_files) LOG_DEBUG << "skipped (no reader): " << s;
  {
    Progress progress("ingest", units.size());
    for (size_t i = 0; i < units.size(); ++i) {
      auto ingested = IngestUnit(units[i], store.get(), *opts.clock);
      if (!ingested.ok()) {
        // A file that cannot be read at all (unknown layout, missing column) is reported and
        // skipped; the other inputs are still investigated.
        LOG_ERROR << "cannot ingest " << units[i].display << ": " << ingested.status().ToString();
        res.failed_units.push_back(units[i].display + ": " + ingested.status().ToString());
        progress.Update(i + 1);
        continue;
      }
      IngestReport r = std::move(ingested).value();
      res.records_in += r.records_in;
      res.stored += r.stored;
      res.quarantined += r.quarantined;
      LOG_INFO << "ingest " << r.path << " [" << r.format << "]: " << r.records_in
               << " in = " << r.stored << " stored + " << r.quarantined << " quarantined"
               << (r.skipped_unchanged ? " (unchanged, already in store)" : "");
      for (const auto& q : r.quarantine_sample) LOG_WARN << "quarantined: " << q.ToString();
      if (r.quarantined > static_cast<int64_t>(r.quarantine_sample.size()))
        LOG_WARN << "... " << (r.quarantined - static_cast<int64_t>(r.quarantine_sample.size()))
                 << " more quarantined in " << r.path << " (see the quarantine table in " << db
                 << ")";
      res.ingest.push_back(std::move(r));
      progress.Update(i + 1);
    }
  }
  phase_done("ingest");
  LOG_INFO << "ingest total: " << res.records_in << " in = " << res.stored << " stored + "
           << res.quarantined << " quarantined";

  std::vector<Entity> records;
  RETURN_IF_ERROR(store->ForEachRecord([&](Entity&& e) { records.push_back(std::move(e)); }));
  phase_done("load records");
  ASSIGN_OR_RETURN(World world, BuildWorld(std::move(records)));
  phase_done("resolve");

  std::vector<Finding> findings;
  auto detectors = AllDetectors();
  {
    // Detectors are independent and read the world only: run them on all cores.
    std::vector<std::vector<Finding>> per(detectors.size());
    std::vector<Status> status(detectors.size());
    std::vector<std::thread> threads;
    size_t n_threads = std::max(1u, std::thread::hardware_concurrency());
    std::atomic<size_t> next{0};
    for (size_t t = 0; t < std::min(n_threads, detectors.size()); ++t)
      threads.emplace_back([&] {
        for (size_t i; (i = next++) < detectors.size();)
          status[i] = detectors[i]->Run(world, opts.config, &per[i]);
      });
    for (auto& t : threads) t.join();
    for (size_t i = 0; i < detectors.size(); ++i) {
      if (!status[i].ok()) return status[i].Annotate("detector " + detectors[i]->name());
      LOG_DEBUG << "detector " << detectors[i]->name() << ": " << per[i].size() << " findings";
      for (auto& f : per[i]) findings.push_back(std::move(f));
    }
  }
  phase_done("detect");
  Annotate(&world, findings);
  res.scores = ScoreFindings(world, findings, opts.config);
  phase_done("score");
  ASSIGN_OR_RETURN(OutputSummary outs, WriteOutputs(world, findings, res.scores, opts.out_dir));
  phase_done("write outputs");
  res.outputs = outs.files;
  res.declarations = world.declarations.size();
  res.entities = world.entities.size();
  res.vessels = world.vessels.size();
  res.payments = world.payments.size();
  res.findings = findings.size();
  return res;
}

}  // namespace interdict
