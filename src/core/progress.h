// Progress reporting on stderr for long work: a redrawn bar on a terminal, plain
// lines (at most one every few seconds) otherwise, nothing when quiet.
// Thread-safety: Update() may be called from one thread at a time.
#ifndef INTERDICT_CORE_PROGRESS_H_
#define INTERDICT_CORE_PROGRESS_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "interdict/env.h"

namespace interdict {

class Progress {
 public:
  enum class Mode { kAuto, kBar, kLines, kQuiet };
  // total == 0: unknown total (shows a count only).
  Progress(std::string label, uint64_t total, Mode mode = Mode::kAuto,
           const Clock& clock = Clock::Real(), FILE* out = stderr);
  ~Progress();
  void Update(uint64_t done);
  void Finish();

  static void SetGlobalQuiet(bool quiet);
  static bool GlobalQuiet();

 private:
  void Draw(bool final);
  std::string label_;
  uint64_t total_;
  uint64_t done_ = 0;
  Mode mode_;
  const Clock& clock_;
  FILE* out_;
  int64_t last_draw_us_ = 0;
  int64_t start_us_;
  bool finished_ = false;
};

}  // namespace interdict

#endif  // INTERDICT_CORE_PROGRESS_H_
