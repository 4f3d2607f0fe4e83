// Injectable world: clock and randomness. Time- and randomness-dependent code takes
// these interfaces so tests run deterministically (FakeClock, seeded Rng).
#ifndef INTERDICT_ENV_H_
#define INTERDICT_ENV_H_

#include <cstdint>
#include <random>
#include <string>

namespace interdict {

// Clock. Thread-safety: implementations must be safe to call from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  // Unix time in microseconds, UTC.
  virtual int64_t NowMicros() const = 0;
  int64_t NowSeconds() const { return NowMicros() / 1000000; }
  // The process-wide real clock.
  static const Clock& Real();
};

// A clock that only moves when told to. Not thread-safe for concurrent Advance().
class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t micros) : now_(micros) {}
  int64_t NowMicros() const override { return now_; }
  void Advance(int64_t micros) { now_ += micros; }
  void Set(int64_t micros) { now_ = micros; }

 private:
  int64_t now_;
};

// Deterministic pseudo-random source. Same seed, same sequence on every platform
// (std::mt19937_64 is specified exactly by the standard; distributions are not, so we
// derive our own uniform/normal draws from raw 64-bit outputs).
// Thread-safety: none; give each thread its own Rng (e.g. Fork()).
class Rng {
 public:
  explicit Rng(uint64_t seed) : eng_(seed) {}
  uint64_t Next() { return eng_(); }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(eng_() >> 11) * (1.0 / 9007199254740992.0); }
  // Uniform integer in [lo, hi] inclusive.
  int64_t Between(int64_t lo, int64_t hi);
  // Standard normal (Box-Muller, deterministic).
  double Normal();
  bool Chance(double p) { return Uniform() < p; }
  // A new independent stream derived from this one.
  Rng Fork() { return Rng(eng_() ^ 0x9E3779B97F4A7C15ULL); }

 private:
  std::mt19937_64 eng_;
};

// ISO 8601 UTC ("2024-05-03T12:00:00Z") for unix seconds.
std::string FormatIsoUtc(int64_t unix_seconds);

}  // namespace interdict

#endif  // INTERDICT_ENV_H_
