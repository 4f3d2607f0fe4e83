// Status and Result<T>: how errors cross module boundaries in interdict.
//
// Exceptions never cross the public API. A Status carries a code and a message that
// names the place of the error (file, line/record, field) so a user can act on it.
// Thread-safety: values; safe to copy between threads.
#ifndef INTERDICT_STATUS_H_
#define INTERDICT_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace interdict {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // caller passed something malformed (bad flag, bad value)
  kNotFound,         // a file, record or entity does not exist
  kCorruption,       // input or stored data is malformed
  kIoError,          // the OS refused a read/write
  kAlreadyExists,
  kFailedPrecondition,
  kUnimplemented,
  kInternal,
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status Unimplemented(std::string m) { return {StatusCode::kUnimplemented, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "Corruption: sdn.csv:12: field 'imo': bad check digit"
  std::string ToString() const;

  // Prefixes the message with context, e.g. the file name. No-op on OK.
  Status& Annotate(const std::string& context);

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result constructed from OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace interdict

#define INTERDICT_CONCAT_INNER(a, b) a##b
#define INTERDICT_CONCAT(a, b) INTERDICT_CONCAT_INNER(a, b)

// Returns from the enclosing function if `expr` (a Status) is not OK.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    ::interdict::Status _st = (expr);                \
    if (!_st.ok()) return _st;                       \
  } while (0)

// ASSIGN_OR_RETURN(auto x, MakeX()); returns the error Status if MakeX() failed.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL(INTERDICT_CONCAT(_res_, __LINE__), lhs, rexpr)
#define ASSIGN_OR_RETURN_IMPL(res, lhs, rexpr) \
  auto res = (rexpr);                          \
  if (!res.ok()) return res.status();          \
  lhs = std::move(res).value()

#endif  // INTERDICT_STATUS_H_
