#include "core/progress.h"

#include <unistd.h>

#include <atomic>

namespace interdict {
namespace {
std::atomic<bool> g_quiet{false};
}

void Progress::SetGlobalQuiet(bool quiet) { g_quiet = quiet; }
bool Progress::GlobalQuiet() { return g_quiet.load(); }

Progress::Progress(std::string label, uint64_t total, Mode mode, const Clock& clock, FILE* out)
    : label_(std::move(label)), total_(total), mode_(mode), clock_(clock), out_(out) {
  if (g_quiet.load()) mode_ = Mode::kQuiet;
  if (mode_ == Mode::kAuto) mode_ = isatty(fileno(out_)) ? Mode::kBar : Mode::kLines;
  start_us_ = clock_.NowMicros();
  last_draw_us_ = start_us_;
}

Progress::~Progress() { Finish(); }

void Progress::Update(uint64_t done) {
  done_ = done;
  if (mode_ == Mode::kQuiet) return;
  int64_t now = clock_.NowMicros();
  int64_t interval = mode_ == Mode::kBar ? 100000 : 5000000;
  if (now - last_draw_us_ < interval) return;
  last_draw_us_ = now;
  Draw(false);
}

void Progress::Finish() {
  if (finished_) return;
  finished_ = true;
  if (mode_ == Mode::kQuiet) return;
  // Plain-line mode stays silent for work that finished before the first report.
  if (mode_ == Mode::kLines && clock_.NowMicros() - start_us_ < 5000000) return;
  Draw(true);
}

void Progress::Draw(bool final) {
  double secs = static_cast<double>(clock_.NowMicros() - start_us_) / 1e6;
  if (mode_ == Mode::kBar) {
    if (total_ > 0) {
      int width = 30;
      double frac = static_cast<double>(done_) / static_cast<double>(total_);
      if (frac > 1) frac = 1;
      int fill = static_cast<int>(frac * width);
      std::string bar(fill, '#');
      bar.resize(width, '.');
      std::fprintf(out_, "\r%s [%s] %3.0f%% %llu/%llu %.1fs", label_.c_str(), bar.c_str(),
                   frac * 100, static_cast<unsigned long long>(done_),
                   static_cast<unsigned long long>(total_), secs);
    } else {
      std::fprintf(out_, "\r%s %llu %.1fs", label_.c_str(),
                   static_cast<unsigned long long>(done_), secs);
    }
    if (final) std::fputc('\n', out_);
  } else {
    if (total_ > 0) {
      std::fprintf(out_, "%s: %llu/%llu (%.0f%%) %.1fs\n", label_.c_str(),
                   static_cast<unsigned long long>(done_),
                   static_cast<unsigned long long>(total_),
                   100.0 * static_cast<double>(done_) / static_cast<double>(total_), secs);
    } else {
      std::fprintf(out_, "%s: %llu %.1fs\n", label_.c_str(),
                   static_cast<unsigned long long>(done_), secs);
    }
  }
  std::fflush(out_);
}

}  // namespace interdict
