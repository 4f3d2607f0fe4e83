// AIS decoding throughput on a ~1 M-sentence corpus built by repeating the real logs in
// ../shared/data/maritime/ais (whole files, in a fixed order, including their non-AIS
// lines). Peer: gpsd 3.22's `gpsdecode -j` on the same file, timed by bench/run.sh in the
// same run (it prints the ratio).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "interdict/ais.h"

namespace {
namespace fs = std::filesystem;

constexpr uint64_t kTargetSentences = 1'000'000;

// The real logs (relative to maritime/ais); gpsd's expected-output files are not inputs.
const char* const kLogs[] = {
    "gpsd/sample.aivdm",
    "gpsd/daemon/ais-18-27.log",
    "gpsd/daemon/ais-nmea-type6-fid55.log",
    "gpsd/daemon/ais-nmea.log",
    "gpsd/daemon/ais-raw-messages.log",
    "gpsd/daemon/ais_unpack_sixbit.log",
    "dma-aislib/stream_example.txt",
    "dma-aislib/decode_encode_messages.txt",
    "dma-aislib/ais250.txt",
    "dma-aislib/replay_dump.txt",
    "aisdb/test_data_20211101.nm4",
    "pyais/nmea_data_sample.txt",
    "mjaros-ais-decoder/messages.txt",
    "libais/test.aivdm",
    "libais/typeexamples.nmea",
    "libais/tagblock.nmea",
};

std::string SharedAisDir() {
  if (const char* e = std::getenv("INTERDICT_SHARED_DATA")) return std::string(e) + "/maritime/ais";
  for (const char* p : {"../shared/data", "../../shared/data", "../../../shared/data"}) {
    if (fs::exists(std::string(p) + "/maritime/ais")) return std::string(p) + "/maritime/ais";
  }
  return "";
}

struct Corpus {
  std::string text;
  uint64_t sentences = 0;
  uint64_t messages = 0;
  std::string path;  // written for bench/run.sh's gpsdecode run
};

const Corpus* GetCorpus() {
  static const Corpus* c = [] {
    auto* c = new Corpus;
    std::string dir = SharedAisDir();
    if (dir.empty()) return c;
    std::string once;
    for (const char* f : kLogs) {
      std::ifstream in(dir + "/" + f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string t = ss.str();
      if (!t.empty() && t.back() != '\n') t.push_back('\n');
      once += t;
    }
    interdict::ais::AisStreamDecoder probe([](const interdict::ais::AisMessage&) {});
    probe.FeedText(once);
    uint64_t per = probe.stats().sentences;
    if (per == 0) return c;
    uint64_t reps = (kTargetSentences + per - 1) / per;
    c->text.reserve(once.size() * reps);
    for (uint64_t i = 0; i < reps; ++i) c->text += once;
    interdict::ais::AisStreamDecoder all([](const interdict::ais::AisMessage&) {});
    all.FeedText(c->text);
    all.Finish();
    c->sentences = all.stats().sentences;
    c->messages = all.stats().messages;
    fs::path d = fs::temp_directory_path() / "interdict-bench-ais";
    fs::create_directories(d);
    c->path = (d / "corpus.nmea").string();
    std::ofstream out(c->path, std::ios::binary);
    out << c->text;
    return c;
  }();
  return c;
}

void Report(benchmark::State& state, const Corpus& c) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.sentences));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text.size()));
  state.counters["sentences"] = static_cast<double>(c.sentences);
  state.counters["messages_per_s"] =
      benchmark::Counter(static_cast<double>(c.messages) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

// NMEA parsing, checksum, reassembly and full field decoding; no output.
void BM_AisDecode(benchmark::State& state) {
  const Corpus& c = *GetCorpus();
  if (c.sentences == 0) {
    state.SkipWithError("needs ../shared/data/maritime/ais (absent)");
    return;
  }
  uint64_t sink = 0;
  for (auto _ : state) {
    interdict::ais::AisStreamDecoder dec(
        [&sink](const interdict::ais::AisMessage& m) { sink += m.mmsi; });
    dec.FeedText(c.text);
    dec.Finish();
    benchmark::DoNotOptimize(sink);
  }
  Report(state, c);
}
BENCHMARK(BM_AisDecode)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same plus gpsd-identical JSON for every message: the like-for-like peer of
// `gpsdecode -j` (whose output goes to /dev/null in run.sh; ours to a reused buffer).
void BM_AisDecodeJson(benchmark::State& state) {
  const Corpus& c = *GetCorpus();
  if (c.sentences == 0) {
    state.SkipWithError("needs ../shared/data/maritime/ais (absent)");
    return;
  }
  std::string out;
  out.reserve(1 << 20);
  interdict::ais::JsonOptions jo;
  jo.gpsd_compat = true;
  size_t bytes = 0;
  for (auto _ : state) {
    interdict::ais::AisStreamDecoder dec([&](const interdict::ais::AisMessage& m) {
      interdict::ais::AppendGpsdJson(m, jo, &out);
      out.push_back('\n');
      if (out.size() > (1 << 20) - 4096) {
        bytes += out.size();
        out.clear();
      }
    });
    dec.FeedText(c.text);
    dec.Finish();
    benchmark::DoNotOptimize(bytes);
  }
  Report(state, c);
}
BENCHMARK(BM_AisDecodeJson)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
