// Minimal leveled logging to stderr. Thread-safe (one mutex around each line).
#ifndef INTERDICT_CORE_LOG_H_
#define INTERDICT_CORE_LOG_H_

#include <sstream>
#include <string>

namespace interdict {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kSilent = 4 };

void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
void LogLine(LogLevel level, const std::string& line);

class LogMessage {
 public:
  explicit LogMessage(LogLevel level) : level_(level) {}
  ~LogMessage() { LogLine(level_, os_.str()); }
  template <typename T>
  LogMessage& operator<<(const T& v) {
    os_ << v;
    return *this;
  }

 private:
  LogLevel level_;
  std::ostringstream os_;
};

// Lets the logging macro be one expression (safe inside unbraced if/else), glog-style.
struct LogVoidify {
  void operator&(const LogMessage&) {}
};

}  // namespace interdict

#define INTERDICT_LOG(lvl)                                        \
  (::interdict::LogLevel::lvl < ::interdict::GetLogLevel())       \
      ? (void)0                                                   \
      : ::interdict::LogVoidify() & ::interdict::LogMessage(::interdict::LogLevel::lvl)
#define LOG_DEBUG INTERDICT_LOG(kDebug)
#define LOG_INFO INTERDICT_LOG(kInfo)
#define LOG_WARN INTERDICT_LOG(kWarn)
#define LOG_ERROR INTERDICT_LOG(kError)

#endif  // INTERDICT_CORE_LOG_H_
