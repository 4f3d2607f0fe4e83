// `interdict investigate`, `ingest`, `quarantine` and `demo`.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "core/log.h"
#include "core/progress.h"
#include "interdict/pipeline.h"
#ifdef INTERDICT_HAVE_SIMULATE
#include "interdict/simulate.h"
#endif
#include "interdict/store.h"

namespace interdict::cli {
namespace {

struct CommonOptions {
  std::string config_file;
  std::vector<std::string> overrides;
  bool quiet = false;
  bool verbose = false;
};

void AddCommon(CLI::App* cmd, CommonOptions* o) {
  cmd->add_option("--config", o->config_file, "YAML configuration file (over built-in defaults)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--set", o->overrides, "Override one setting: key=value (repeatable)");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress or log lines on stderr");
  cmd->add_flag("-v,--verbose", o->verbose, "Debug logging");
}

Result<Config> LoadConfig(const CommonOptions& o) {
  if (o.quiet) {
    SetLogLevel(LogLevel::kError);
    Progress::SetGlobalQuiet(true);
  } else if (o.verbose) {
    SetLogLevel(LogLevel::kDebug);
  }
  Config c = Config::Defaults();
  if (!o.config_file.empty()) RETURN_IF_ERROR(c.MergeFile(o.config_file));
  for (const auto& a : o.overrides) RETURN_IF_ERROR(c.ApplyOverride(a));
  return c;
}

void PrintLeads(const Scores& s, size_t n) {
  std::printf("%-4s %-6s %-9s %-60s %s\n", "rank", "score", "kind", "title", "flags");
  for (size_t i = 0; i < std::min(n, s.leads.size()); ++i) {
    const Lead& l = s.leads[i];
    std::string codes;
    for (const auto& f : l.flags) codes += (codes.empty() ? "" : ",") + f.code;
    std::string title = l.title.size() > 60 ? l.title.substr(0, 57) + "..." : l.title;
    std::printf("%-4d %-6.3f %-9s %-60s %s\n", l.rank, l.score, l.kind.c_str(), title.c_str(),
                codes.c_str());
  }
}

int Fail(const Status& st) {
  std::cerr << "interdict: " << st.ToString() << "\n";
  return 1;
}

}  // namespace

int RunInvestigate(const std::string& dir, const std::string& out, const std::string& db,
                   const Config& config, size_t top) {
  InvestigateOptions opts;
  opts.input_dir = dir;
  opts.out_dir = out;
  opts.db_path = db;
  opts.config = config;
  auto res = Investigate(opts);
  if (!res.ok()) return Fail(res.status());
  std::printf("ingested %lld records: %lld stored + %lld quarantined\n",
              static_cast<long long>(res->records_in), static_cast<long long>(res->stored),
              static_cast<long long>(res->quarantined));
  if (res->ais_positions > 0)
    std::printf("AIS: %lld positions in %lld tracks\n", static_cast<long long>(res->ais_positions),
                static_cast<long long>(res->ais_tracks));
  for (const auto& f : res->failed_units) std::printf("NOT INGESTED: %s\n", f.c_str());
  std::printf("%zu declarations, %zu entities, %zu vessels, %zu payments; %zu findings, %zu leads\n",
              res->declarations, res->entities, res->vessels, res->payments, res->findings,
              res->scores.leads.size());
  std::printf("outputs in %s\n\n", out.c_str());
  PrintLeads(res->scores, top);
  return 0;
}

void RegisterInvestigateCommands(CLI::App& app, int* exit_code) {
  {
    auto* cmd = app.add_subcommand(
        "investigate", "Ingest every recognised file under DIR, detect, score, write outputs");
    auto* o = new CommonOptions();  // lives as long as the app (process)
    auto* dir = new std::string();
    auto* out = new std::string();
    auto* db = new std::string();
    auto* top = new size_t(10);
    cmd->add_option("DIR", *dir, "Folder with input files (or a sources.yaml)")
        ->required()
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--out", *out, "Output folder")->required();
    cmd->add_option("--db", *db, "SQLite store (default OUT/interdict.db)");
    cmd->add_option("--top", *top, "Leads to print");
    AddCommon(cmd, o);
    cmd->callback([=] {
      auto cfg = LoadConfig(*o);
      if (!cfg.ok()) {
        *exit_code = Fail(cfg.status());
        return;
      }
      *exit_code = RunInvestigate(*dir, *out, *db, *cfg, *top);
    });
  }
  {
    auto* cmd = app.add_subcommand("ingest", "Ingest DIR into a store without detecting");
    auto* o = new CommonOptions();
    auto* dir = new std::string();
    auto* db = new std::string();
    cmd->add_option("DIR", *dir, "Folder with input files")->required()->check(CLI::ExistingDirectory);
    cmd->add_option("--db", *db, "SQLite store")->required();
    AddCommon(cmd, o);
    cmd->callback([=] {
      auto cfg = LoadConfig(*o);
      if (!cfg.ok()) {
        *exit_code = Fail(cfg.status());
        return;
      }
      auto store = OpenSqliteStore(*db);
      if (!store.ok()) {
        *exit_code = Fail(store.status());
        return;
      }
      std::vector<std::string> skipped;
      auto units = DiscoverInputs(*dir, &skipped);
      if (!units.ok()) {
        *exit_code = Fail(units.status());
        return;
      }
      int64_t in = 0, stored = 0, q = 0;
      for (const auto& u : *units) {
        auto r = IngestUnit(u, store->get(), Clock::Real());
        if (!r.ok()) {
          *exit_code = Fail(r.status());
          return;
        }
        std::printf("%-40s %-17s %8lld in = %8lld stored + %6lld quarantined%s\n", r->path.c_str(),
                    r->format.c_str(), static_cast<long long>(r->records_in),
                    static_cast<long long>(r->stored), static_cast<long long>(r->quarantined),
                    r->skipped_unchanged ? " (unchanged)" : "");
        for (const auto& e : r->quarantine_sample) std::printf("  quarantined: %s\n", e.ToString().c_str());
        in += r->records_in;
        stored += r->stored;
        q += r->quarantined;
      }
      for (const auto& s : skipped) std::printf("skipped (no reader): %s\n", s.c_str());
      std::printf("total: %lld in = %lld stored + %lld quarantined\n", static_cast<long long>(in),
                  static_cast<long long>(stored), static_cast<long long>(q));
      *exit_code = 0;
    });
  }
#ifdef INTERDICT_HAVE_SIMULATE
  {
    auto* cmd = app.add_subcommand(
        "demo", "Simulate a world with an answer key, investigate it, and score the result");
    auto* o = new CommonOptions();
    auto* out = new std::string("out/demo");
    auto* seed = new uint64_t(7);
    auto* size = new std::string("small");
    cmd->add_option("--out", *out, "Output folder (world/, truth.json, results/)");
    cmd->add_option("--seed", *seed, "Simulator seed");
    cmd->add_option("--size", *size, "small|medium|large")->check(CLI::IsMember({"small", "medium", "large"}));
    AddCommon(cmd, o);
    cmd->callback([=] {
      auto cfg = LoadConfig(*o);
      if (!cfg.ok()) {
        *exit_code = Fail(cfg.status());
        return;
      }
      namespace fs = std::filesystem;
      SimulateOptions so;
      so.seed = *seed;
      so.size = *size;
      so.out_dir = (fs::path(*out) / "world").string();
      so.truth_path = (fs::path(*out) / "truth.json").string();
      SimulateStats stats;
      LOG_INFO << "demo: simulating a " << *size << " world (seed " << *seed << ") in " << so.out_dir;
      Status st = Simulate(so, &stats);
      if (!st.ok()) {
        *exit_code = Fail(st);
        return;
      }
      std::printf("simulated world: %lld declarations, %lld payments, %lld vessels, %lld AIS "
                  "sentences, %lld planted schemes, %lld decoys\n\n",
                  static_cast<long long>(stats.declarations), static_cast<long long>(stats.payments),
                  static_cast<long long>(stats.vessels), static_cast<long long>(stats.ais_sentences),
                  static_cast<long long>(stats.schemes), static_cast<long long>(stats.decoys));
      std::string results = (fs::path(*out) / "results").string();
      int rc = RunInvestigate(so.out_dir, results, "", *cfg, 15);
      if (rc != 0) {
        *exit_code = rc;
        return;
      }
      auto m = Evaluate(so.truth_path, results);
      if (!m.ok()) {
        *exit_code = Fail(m.status());
        return;
      }
      std::printf("\n%s", FormatEvalReport(*m).c_str());
      std::printf("\nreport: %s/report.html\n", results.c_str());
      *exit_code = 0;
    });
  }
#endif
  {
    auto* cmd = app.add_subcommand("quarantine", "List quarantined records in a store");
    auto* db = new std::string();
    cmd->add_option("--db", *db, "SQLite store")->required()->check(CLI::ExistingFile);
    cmd->callback([=] {
      auto store = OpenSqliteStore(*db);
      if (!store.ok()) {
        *exit_code = Fail(store.status());
        return;
      }
      auto q = (*store)->Quarantine();
      if (!q.ok()) {
        *exit_code = Fail(q.status());
        return;
      }
      for (const auto& e : *q) std::printf("%s\n", e.ToString().c_str());
      std::printf("%zu quarantined\n", q->size());
      *exit_code = 0;
    });
  }
}

}  // namespace interdict::cli
