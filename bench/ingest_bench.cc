// Ingest throughput: N canonical declaration rows -> validated records in SQLite.
// Peer: the sqlite3 shell's `.import` of the same file (no validation, no provenance), run by
// bench/run.sh in the same session.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "interdict/ingest.h"
#include "interdict/store.h"

namespace {
namespace fs = std::filesystem;

std::string Dir() {
  static std::string d = [] {
    std::string p = (fs::temp_directory_path() / "interdict-bench-ingest").string();
    fs::create_directories(p);
    return p;
  }();
  return d;
}

// Writes a realistic declarations.csv with `rows` rows (deterministic).
std::string MakeFile(int64_t rows) {
  std::string path = Dir() + "/decl-" + std::to_string(rows) + ".csv";
  if (fs::exists(path)) return path;
  std::ofstream out(path);
  out << "declaration_id,declaration_date,direction,exporter,exporter_country,importer,"
         "importer_country,hs_code,goods_description,quantity,quantity_unit,gross_weight_kg,"
         "net_weight_kg,invoice_value,currency,origin_country,departure_country,"
         "destination_country,port_of_loading,port_of_discharge,vessel_imo,vessel_name\n";
  const char* cc[] = {"DE", "FR", "CN", "AE", "TR", "US", "JP", "KZ"};
  const char* ports[] = {"DEHAM", "FRLEH", "CNSHA", "AEJEA", "TRMER", "USLAX", "JPUKB", "KZAKT"};
  const char* hs[] = {"854231", "870829", "090121", "620342", "847989", "845811"};
  for (int64_t i = 0; i < rows; ++i) {
    int a = static_cast<int>(i % 8), b = static_cast<int>((i * 7 + 3) % 8);
    out << "D-" << i << ",2024-" << (1 + i % 12 < 10 ? "0" : "") << 1 + i % 12 << "-"
        << (1 + i % 28 < 10 ? "0" : "") << 1 + i % 28 << ",export,Exporter " << i % 5000
        << " GmbH," << cc[a] << ",\"Importer " << i % 7000 << ", Ltd\"," << cc[b] << ","
        << hs[i % 6] << ",Goods of kind " << i % 6 << "," << 10 + i % 1000 << ",pcs,"
        << 100 + i % 5000 << "," << 90 + i % 4500 << "," << 1000 + (i * 37) % 100000 << ",EUR,"
        << cc[a] << "," << cc[a] << "," << cc[b] << "," << ports[a] << "," << ports[b]
        << ",9312456,SEA PHOENIX\n";
  }
  return path;
}

void BM_IngestDeclarations(benchmark::State& state) {
  int64_t rows = state.range(0);
  std::string file = MakeFile(rows);
  interdict::InputUnit unit{"declarations-csv", {file}, "declarations.csv"};
  for (auto _ : state) {
    std::string db = Dir() + "/bench.db";
    fs::remove(db);
    fs::remove(db + "-wal");
    fs::remove(db + "-shm");
    auto store = interdict::OpenSqliteStore(db);
    if (!store.ok()) state.SkipWithError(store.status().ToString().c_str());
    auto r = interdict::IngestUnit(unit, store->get(), interdict::Clock::Real());
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(rows) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.counters["peak_rss_MiB"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_IngestDeclarations)->Arg(1000000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
}  // namespace

BENCHMARK_MAIN();
