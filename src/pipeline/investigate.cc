#include <cstdio>
#include <filesystem>
#include <set>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "core/log.h"
#include "core/progress.h"
#include "core/strings.h"
#include "detect/detectors.h"
#include "interdict/detect.h"
#include "interdict/pipeline.h"
#include "interdict/report.h"
#include "interdict/store.h"
#include "interdict/tracks.h"
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

// Vessels known by IMO learn the MMSIs, names and call signs they broadcast in AIS static
// reports (type 5/24/19), with the AIS track as referent, so vessels.jsonl shows every
// identity a ship used.
void AttachAisIdentities(const ais::TrackStore& tracks, World* w) {
  for (const auto& t : tracks.tracks()) {
    for (const auto& si : t.statics()) {
      if (si.data.imo == 0) continue;
      char imo[16];
      std::snprintf(imo, sizeof imo, "%07u", si.data.imo);
      auto it = w->vessel_index.find(imo);
      if (it == w->vessel_index.end()) continue;
      Entity& v = w->vessels[it->second];
      std::string mmsi = std::to_string(t.mmsi());
      Provenance p{"ais", "mmsi:" + mmsi, 0, si.first_ms / 1000, ""};
      uint32_t ref = v.AddReferent(std::move(p));
      v.Add("mmsi", mmsi, ref);
      std::string name(Trim(si.data.name));
      if (!name.empty() && name != v.First("name")) v.Add("previousName", name, ref);
      v.Add("callSign", std::string(Trim(si.data.callsign)), ref);
      std::string flag(t.flag());
      if (!flag.empty() && flag != v.First("flag")) v.Add("pastFlags", flag, ref);
    }
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

  // AIS: every AIS file under the folder goes into the columnar track store (saved beside
  // the outputs as tracks.idt); detectors read it through World::tracks.
  std::shared_ptr<ais::TrackStore> tracks;
  {
    ais::AisDirStats ais_stats;
    auto built = ais::BuildTracksFromDir(opts.input_dir, ais::TrackOptions(), &ais_stats);
    if (!built.ok()) {
      LOG_ERROR << "AIS: " << built.status().ToString();
      res.failed_units.push_back("AIS: " + built.status().ToString());
    } else if (!ais_stats.nmea_files.empty() || !ais_stats.csv_files.empty()) {
      tracks = std::make_shared<ais::TrackStore>(std::move(built).value());
      LOG_INFO << "AIS: " << ais_stats.ToString();
      res.ais_positions = static_cast<int64_t>(tracks->position_count());
      res.ais_tracks = static_cast<int64_t>(tracks->tracks().size());
      std::set<std::string> ais_files(ais_stats.nmea_files.begin(), ais_stats.nmea_files.end());
      ais_files.insert(ais_stats.csv_files.begin(), ais_stats.csv_files.end());
      std::erase_if(res.skipped_files, [&](const std::string& f) { return ais_files.count(f) > 0; });
      Status saved = tracks->Save((fs::path(opts.out_dir) / "tracks.idt").string());
      if (!saved.ok()) LOG_WARN << "AIS: cannot save tracks: " << saved.ToString();
    }
    phase_done("AIS tracks");
  }

  std::vector<Entity> records;
  RETURN_IF_ERROR(store->ForEachRecord([&](Entity&& e) { records.push_back(std::move(e)); }));
  phase_done("load records");
  ASSIGN_OR_RETURN(World world, BuildWorld(std::move(records)));
  if (tracks) {
    AttachAisIdentities(*tracks, &world);
    world.tracks = std::move(tracks);
    auto events_start = std::chrono::steady_clock::now();
    world.events = DetectAisEvents(world, opts.config);
    LOG_INFO << "AIS events: " << world.events.size() << " in "
             << std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - events_start)
                    .count()
             << " ms";
  }
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
  // report.html shows the ingest statistics and every quarantined record (from the store,
  // so files skipped as unchanged still show theirs; the per-unit samples if it fails).
  IngestOverview overview{res.ingest, {}, true, res.skipped_files, res.failed_units};
  if (auto q = store->Quarantine(); q.ok()) {
    overview.quarantine = std::move(q).value();
  } else {
    overview.quarantine_complete = false;
    for (const auto& r : res.ingest)
      overview.quarantine.insert(overview.quarantine.end(), r.quarantine_sample.begin(),
                                 r.quarantine_sample.end());
  }
  ASSIGN_OR_RETURN(OutputSummary outs,
                   WriteOutputs(world, findings, res.scores, opts.out_dir, &overview));
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
