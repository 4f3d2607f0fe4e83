// OFAC 50 % rule over a generated ownership graph (default 1 M companies, 3 M stakes).
//
//   ownership_bench gen DIR [--companies N] [--edges M] [--listed F] [--seed S]
//       writes DIR/{owner,asset}.u32, DIR/pct.f32, DIR/seeds.u8 and DIR/meta.json
//   ownership_bench run DIR [--repeat R]
//       loads the files, runs network::RunFixpoint (stake selection + CSR + worklist) R
//       times and prints one JSON line: best/median seconds, blocked count, peak RSS.
// Runs as two processes so `run`'s peak RSS is the load + fixpoint only, like the scipy
// peer's (bench/ownership/scipy_fixpoint.py), which reads the same files.
//
// The graph: companies 0..N-1; each gets 1-5 distinct owners (mean 3) until M stakes
// exist; 90 % of owners have a lower index (holding chains), 10 % any index (cycles);
// shares split 80-100 % of the equity at random (0.01 % steps); a fraction F (default
// 1.5 %) of nodes is listed. Deterministic for a seed (splitmix64).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "network/ownership.h"

namespace {

using interdict::network::DefaultParams;
using interdict::network::Regime;
using interdict::network::RunFixpoint;
using interdict::network::StakeArrays;

struct Rng {
  uint64_t s;
  uint64_t Next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double U() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(U() * n); }
};

template <typename T>
bool WriteVec(const std::string& path, const std::vector<T>& v) {
  std::ofstream o(path, std::ios::binary);
  o.write(reinterpret_cast<const char*>(v.data()),
          static_cast<std::streamsize>(v.size() * sizeof(T)));
  return static_cast<bool>(o);
}
template <typename T>
bool ReadVec(const std::string& path, size_t n, std::vector<T>* v) {
  std::ifstream i(path, std::ios::binary);
  v->resize(n);
  i.read(reinterpret_cast<char*>(v->data()), static_cast<std::streamsize>(n * sizeof(T)));
  return static_cast<bool>(i);
}

double PeakRssMiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: KiB
}

const char* Arg(int argc, char** argv, const char* name, const char* def) {
  for (int i = 0; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], name)) return argv[i + 1];
  return def;
}

int Gen(const std::string& dir, uint32_t n, size_t m, double listed, uint64_t seed) {
  Rng r{seed};
  std::vector<uint32_t> owner, asset;
  std::vector<float> pct;
  owner.reserve(m);
  asset.reserve(m);
  pct.reserve(m);
  uint32_t v = 0;
  std::vector<uint32_t> os;
  std::vector<double> w;
  while (owner.size() < m) {
    uint32_t a = v++ % n;
    uint32_t k = 1 + r.Below(5);
    if (owner.size() + k > m) k = static_cast<uint32_t>(m - owner.size());
    os.clear();
    w.clear();
    while (os.size() < k) {
      uint32_t o = (a > 0 && r.U() < 0.9) ? r.Below(a) : r.Below(n);
      if (o == a || std::find(os.begin(), os.end(), o) != os.end()) continue;
      os.push_back(o);
      w.push_back(0.05 + r.U());
    }
    double sum = 0;
    for (double x : w) sum += x;
    double equity = 80 + 20 * r.U();
    for (size_t i = 0; i < k; ++i) {
      owner.push_back(os[i]);
      asset.push_back(a);
      pct.push_back(static_cast<float>(std::round(w[i] / sum * equity * 100) / 100));
    }
  }
  std::vector<uint8_t> seeds(n, 0);
  size_t nl = 0;
  for (uint32_t i = 0; i < n; ++i)
    if (r.U() < listed) seeds[i] = 1, ++nl;
  bool ok = WriteVec(dir + "/owner.u32", owner) && WriteVec(dir + "/asset.u32", asset) &&
            WriteVec(dir + "/pct.f32", pct) && WriteVec(dir + "/seeds.u8", seeds);
  std::ofstream meta(dir + "/meta.json");
  meta << "{\"n\": " << n << ", \"m\": " << owner.size() << ", \"listed\": " << nl << "}\n";
  if (!ok || !meta) {
    std::fprintf(stderr, "ownership_bench: cannot write %s\n", dir.c_str());
    return 1;
  }
  std::printf("{\"n\": %u, \"m\": %zu, \"listed\": %zu}\n", n, owner.size(), nl);
  return 0;
}

int Run(const std::string& dir, int repeat) {
  std::ifstream meta(dir + "/meta.json");
  std::string text((std::istreambuf_iterator<char>(meta)), std::istreambuf_iterator<char>());
  unsigned long n = 0, m = 0;
  if (std::sscanf(text.c_str(), "{\"n\": %lu, \"m\": %lu", &n, &m) != 2) {
    std::fprintf(stderr, "ownership_bench: bad %s/meta.json\n", dir.c_str());
    return 1;
  }
  StakeArrays sa;
  sa.n = static_cast<uint32_t>(n);
  std::vector<uint8_t> seeds;
  if (!ReadVec(dir + "/owner.u32", m, &sa.owner) || !ReadVec(dir + "/asset.u32", m, &sa.asset) ||
      !ReadVec(dir + "/pct.f32", m, &sa.pct_min) || !ReadVec(dir + "/seeds.u8", n, &seeds)) {
    std::fprintf(stderr, "ownership_bench: cannot read %s\n", dir.c_str());
    return 1;
  }
  double load_rss = PeakRssMiB();
  std::vector<double> times;
  size_t blocked = 0, rounds = 0;
  for (int i = 0; i < repeat; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto fr = RunFixpoint(sa, nullptr, seeds, {}, DefaultParams(Regime::kOfac, 0));
    auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double>(t1 - t0).count());
    blocked = 0;
    for (uint32_t v = 0; v < sa.n; ++v) blocked += fr.Blocked(v);
    rounds = fr.rounds;
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  std::printf(
      "{\"impl\": \"interdict C++\", \"n\": %lu, \"m\": %lu, \"first_s\": %.4f, \"best_s\": %.4f, "
      "\"median_s\": %.4f, \"blocked\": %zu, \"worklist_pops\": %zu, \"input_rss_MiB\": %.1f, "
      "\"peak_rss_MiB\": %.1f}\n",
      n, m, times[0], sorted[0], sorted[sorted.size() / 2], blocked, rounds, load_rss,
      PeakRssMiB());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: ownership_bench gen|run DIR [options]\n");
    return 2;
  }
  std::string cmd = argv[1], dir = argv[2];
  if (cmd == "gen")
    return Gen(dir, static_cast<uint32_t>(std::stoul(Arg(argc, argv, "--companies", "1000000"))),
               std::stoul(Arg(argc, argv, "--edges", "3000000")),
               std::stod(Arg(argc, argv, "--listed", "0.015")),
               std::stoull(Arg(argc, argv, "--seed", "42")));
  if (cmd == "run") return Run(dir, std::stoi(Arg(argc, argv, "--repeat", "5")));
  std::fprintf(stderr, "usage: ownership_bench gen|run DIR [options]\n");
  return 2;
}
