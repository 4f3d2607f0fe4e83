#include "core/log.h"

#include <atomic>
#include <iostream>
#include <mutex>

namespace interdict {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::mutex g_mu;
const char* Prefix(LogLevel l) {
  switch (l) {
    case LogLevel::kDebug: return "debug: ";
    case LogLevel::kInfo: return "";
    case LogLevel::kWarn: return "warning: ";
    case LogLevel::kError: return "error: ";
    default: return "";
  }
}
}  // namespace

void SetLogLevel(LogLevel level) { g_level = static_cast<int>(level); }
LogLevel GetLogLevel() { return static_cast<LogLevel>(g_level.load()); }

void LogLine(LogLevel level, const std::string& line) {
  if (static_cast<int>(level) < g_level.load()) return;
  std::lock_guard<std::mutex> lock(g_mu);
  std::cerr << Prefix(level) << line << '\n';
}

}  // namespace interdict
