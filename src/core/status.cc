#include "interdict/status.h"

namespace interdict {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "Invalid argument";
    case StatusCode::kNotFound: return "Not found";
    case StatusCode::kCorruption: return "Corruption";
    case StatusCode::kIoError: return "I/O error";
    case StatusCode::kAlreadyExists: return "Already exists";
    case StatusCode::kFailedPrecondition: return "Failed precondition";
    case StatusCode::kUnimplemented: return "Unimplemented";
    case StatusCode::kInternal: return "Internal";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

Status& Status::Annotate(const std::string& context) {
  if (!ok()) message_ = context + ": " + message_;
  return *this;
}

}  // namespace interdict
