// CSV parsing throughput on a synthetic declarations-shaped buffer.
#include <benchmark/benchmark.h>

#include <string>

#include "core/csv.h"

namespace {
std::string MakeCsv(int rows) {
  std::string s = "declaration_id,declaration_date,hs_code,goods_description,invoice_value\n";
  for (int i = 0; i < rows; ++i) {
    s += "D-" + std::to_string(i) + ",2024-03-0" + std::to_string(1 + i % 9) +
         ",854231,\"Integrated circuits, processors\"," + std::to_string(1000 + i) + "\n";
  }
  return s;
}

void BM_CsvParse(benchmark::State& state) {
  std::string data = MakeCsv(static_cast<int>(state.range(0)));
  int64_t rows = 0;
  for (auto _ : state) {
    interdict::CsvReader r(data);
    interdict::CsvRecord rec;
    while (r.Next(&rec)) ++rows;
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(rows);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_CsvParse)->Arg(100000);
}  // namespace

BENCHMARK_MAIN();
