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
#include "interdict/tracks.h"

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

// Positions/s into the track store: 1,000,000 decoded type 1/18 position reports from
// 2,000 vessels (500 each, a 10-second reporting interval, receive times from tag blocks)
// handed to TrackBuilder::Add in receive order (vessels interleaved as in a live feed),
// then Finish() (sort, de-duplication, segmentation, columns, grid index). Decoding is
// BM_AisDecode's job and is not included. Counters: bytes per stored position in memory
// (TrackStore::MemoryBytes) and on disk (Serialize).
void BM_TrackBuild(benchmark::State& state) {
  constexpr int kVessels = 2000;
  constexpr int kPerVessel = 500;
  std::vector<interdict::ais::AisMessage> msgs(static_cast<size_t>(kVessels) * kPerVessel);
  uint64_t rng = 88172645463325252ULL;
  auto next = [&rng] {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
  };
  std::vector<double> lat(kVessels), lon(kVessels), dlat(kVessels), dlon(kVessels);
  for (int v = 0; v < kVessels; ++v) {
    lat[v] = -60.0 + static_cast<double>(next() % 120000) / 1000.0;
    lon[v] = -180.0 + static_cast<double>(next() % 360000) / 1000.0;
    dlat[v] = (static_cast<double>(next() % 200) - 100.0) * 1e-5;  // up to ~12 kn
    dlon[v] = (static_cast<double>(next() % 200) - 100.0) * 1e-5;
  }
  const int64_t t0 = 1'700'000'000'000;
  size_t k = 0;
  for (int i = 0; i < kPerVessel; ++i) {
    for (int v = 0; v < kVessels; ++v, ++k) {
      interdict::ais::AisMessage& m = msgs[k];
      const bool class_b = v % 4 == 0;
      m.type = class_b ? 18 : 1;
      m.mmsi = 200'000'000u + static_cast<uint32_t>(v) * 97'331u;
      m.rx_time_ms = t0 + i * 10'000 + v * 5;
      const int32_t la = static_cast<int32_t>((lat[v] + i * dlat[v]) * 600000.0);
      double lo_deg = lon[v] + i * dlon[v];
      if (lo_deg > 180) lo_deg -= 360;
      if (lo_deg < -180) lo_deg += 360;
      const int32_t lo = static_cast<int32_t>(lo_deg * 600000.0);
      if (class_b) {
        m.t18 = {};
        m.t18.lat = la;
        m.t18.lon = lo;
        m.t18.speed = 100;
        m.t18.course = 450;
        m.t18.heading = 45;
      } else {
        m.t1 = {};
        m.t1.lat = la;
        m.t1.lon = lo;
        m.t1.speed = 100;
        m.t1.course = 450;
        m.t1.heading = 45;
        m.t1.status = 0;
      }
    }
  }
  double mem = 0, disk = 0;
  size_t stored = 0;
  for (auto _ : state) {
    interdict::ais::TrackBuilder b;
    for (const interdict::ais::AisMessage& m : msgs) b.Add(m);
    interdict::ais::TrackStore s = b.Finish();
    stored = s.position_count();
    state.PauseTiming();
    mem = static_cast<double>(s.MemoryBytes()) / static_cast<double>(stored);
    disk = static_cast<double>(s.Serialize().size()) / static_cast<double>(stored);
    state.ResumeTiming();
    benchmark::DoNotOptimize(stored);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * msgs.size()));
  state.counters["positions"] = static_cast<double>(stored);
  state.counters["mem_bytes_per_pos"] = mem;
  state.counters["disk_bytes_per_pos"] = disk;
}
BENCHMARK(BM_TrackBuild)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
