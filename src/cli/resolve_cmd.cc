// `interdict resolve FILES... --out clusters.csv [--key KEY.csv [--compare OTHER.csv]]
//  [--explain clusters.jsonl] [--config FILE] [--set er.key=value]`
//
// Entity resolution over Senzing CSV/JSONL files and FtM JSON lines (docs/entity-
// resolution.md). Writes one row per input record (docs/formats/clusters.md): source,
// record_id, cluster_id. With --key, prints pairwise and B-cubed precision/recall/F1
// against the key, and with --compare the same for another clustering (a competing
// matcher's output) against the same key.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/csv.h"
#include "core/file.h"
#include "interdict/config.h"
#include "interdict/ingest.h"
#include "network/er.h"
#include "network/er_metrics.h"
#include "network/senzing.h"

namespace interdict::cli {
namespace {

struct ResolveArgs {
  std::vector<std::string> files;
  std::string out;
  std::string key;
  std::string compare;
  std::string explain;
  std::string config_file;
  std::vector<std::string> overrides;
};

// Collects the party entities an FtM file holds (edges, addresses and the like are not
// resolved); quarantined lines are reported, not fatal.
class CollectSink : public RecordSink {
 public:
  explicit CollectSink(std::string source, std::vector<network::ErRecord>* out)
      : source_(std::move(source)), out_(out) {}
  Status Record(Entity e, int64_t) override {
    const Schema& s = e.schema();
    if (s.is_edge() || !(s.IsA("LegalEntity") || s.IsA("Vessel") || s.IsA("Airplane")))
      return Status::Ok();
    out_->push_back(network::ErRecordFromEntity(e, source_));
    return Status::Ok();
  }
  Status Quarantine(QuarantineEntry q) override {
    std::cerr << "interdict: resolve: skipped " << q.file << ":" << q.line << ": " << q.reason
              << "\n";
    return Status::Ok();
  }

 private:
  std::string source_;
  std::vector<network::ErRecord>* out_;
};

Status ReadInput(const std::string& path, std::vector<network::ErRecord>* out) {
  std::string base = std::filesystem::path(path).filename().string();
  if (network::LooksLikeSenzing(path)) {
    ASSIGN_OR_RETURN(auto recs, network::ReadSenzingFile(path, base));
    for (auto& r : recs) out->push_back(std::move(r));
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  std::string_view d = file->data();
  size_t i = d.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (i == std::string_view::npos) return Status::Ok();
  if (d[i] != '{')
    return Status::InvalidArgument(path +
                                   ": not a Senzing CSV/JSONL file nor FtM JSON lines (see "
                                   "docs/entity-resolution.md for the inputs resolve reads)");
  auto reader = MakeReader("ftm-jsonl");
  InputUnit unit{"ftm-jsonl", {path}, base};
  ReadContext ctx;
  ctx.display_names = {base};
  CollectSink sink(base, out);
  auto rows = reader->Read(unit, ctx, &sink);
  if (!rows.ok()) return rows.status();
  return Status::Ok();
}

int Fail(const Status& st) {
  std::cerr << "interdict: resolve: " << st.ToString() << "\n";
  return 1;
}

int RunResolve(const ResolveArgs& a) {
  Config cfg = Config::Defaults();
  if (!a.config_file.empty()) {
    if (Status st = cfg.MergeFile(a.config_file); !st.ok()) return Fail(st);
  }
  for (const auto& o : a.overrides)
    if (Status st = cfg.ApplyOverride(o); !st.ok()) return Fail(st);
  network::ErOptions opts = network::ErOptions::FromConfig(cfg);

  auto t0 = std::chrono::steady_clock::now();
  std::vector<network::ErRecord> records;
  for (const auto& f : a.files)
    if (Status st = ReadInput(f, &records); !st.ok()) return Fail(st);
  auto t1 = std::chrono::steady_clock::now();
  network::Resolver resolver(opts);
  if (Status st = resolver.Add(records); !st.ok()) return Fail(st);
  auto t2 = std::chrono::steady_clock::now();

  // Output rows in input order.
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < resolver.records().size(); ++i)
    index.emplace(resolver.records()[i].Key(), i);
  std::string csv = "source,record_id,cluster_id\n";
  network::Clustering predicted;
  for (const auto& r : records) {
    const std::string& cid = resolver.ClusterId(index.at(r.Key()));
    csv += CsvLine({r.source, r.record_id, cid});
    csv += "\n";
    predicted[r.Key()] = cid;
  }
  if (Status st = WriteFileAtomic(a.out, csv); !st.ok()) return Fail(st);

  auto clusters = resolver.Clusters();
  if (!a.explain.empty()) {
    std::string jl;
    for (const auto& c : clusters) {
      nlohmann::json j;
      j["cluster_id"] = c.id;
      j["members"] = nlohmann::json::array();
      for (size_t m : c.members) {
        const auto& r = resolver.records()[m];
        j["members"].push_back(
            {{"source", r.source}, {"record_id", r.record_id}, {"file", r.file}, {"line", r.line}});
      }
      j["reasons"] = nlohmann::json::array();
      for (const auto& why : c.reasons)
        j["reasons"].push_back({{"a", why.a},
                                {"b", why.b},
                                {"score", why.score},
                                {"strong", why.strong},
                                {"explanation", why.explanation}});
      jl += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    if (Status st = WriteFileAtomic(a.explain, jl); !st.ok()) return Fail(st);
  }

  const auto& s = resolver.stats();
  double secs = std::chrono::duration<double>(t2 - t1).count();
  double read_secs = std::chrono::duration<double>(t1 - t0).count();
  std::fprintf(stderr,
               "resolve: %zu records -> %zu clusters; %zu candidate pairs, %zu links (%zu "
               "strong), %zu ambiguous dropped, %zu refused (conflict), %zu refused (average "
               "linkage); read %.3f s, resolved in %.3f s (%.0f records/s)\n",
               records.size(), clusters.size(), s.candidate_pairs, s.links, s.strong_links,
               s.ambiguous_dropped, s.rejected_conflict, s.rejected_average, read_secs, secs,
               secs > 0 ? double(records.size()) / secs : 0.0);

  if (!a.key.empty()) {
    auto key = network::ReadClusterKey(a.key);
    if (!key.ok()) return Fail(key.status());
    std::cout << network::MetricsHeader();
    std::cout << network::FormatMetricsRow("interdict",
                                           network::EvaluateClustering(predicted, *key));
    if (!a.compare.empty()) {
      auto other = network::ReadClusterKey(a.compare);
      if (!other.ok()) return Fail(other.status());
      std::cout << network::FormatMetricsRow(std::filesystem::path(a.compare).filename().string(),
                                             network::EvaluateClustering(*other, *key));
    }
  }
  return 0;
}

}  // namespace

void RegisterResolveCommands(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ResolveArgs>();
  auto* cmd = app.add_subcommand(
      "resolve", "Entity resolution: cluster the records of Senzing CSV/JSONL or FtM files");
  cmd->add_option("files", a->files, "input files (Senzing CSV/JSONL, FtM JSON lines)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", a->out, "clusters CSV to write (source,record_id,cluster_id)")
      ->required();
  cmd->add_option("--key", a->key, "reference clustering CSV: print precision/recall/F1")
      ->check(CLI::ExistingFile);
  cmd->add_option("--compare", a->compare,
                  "another clustering CSV (same layout as the key) scored against --key")
      ->check(CLI::ExistingFile);
  cmd->add_option("--explain", a->explain, "write clusters with members and merge reasons (JSONL)");
  cmd->add_option("--config", a->config_file, "YAML configuration file (over built-in defaults)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--set", a->overrides, "Override one setting: key=value (repeatable)");
  cmd->callback([a, exit_code] { *exit_code = RunResolve(*a); });
}

}  // namespace interdict::cli
