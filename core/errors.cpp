// Exit codes and names of error kinds, and the error types' constructors.
#include "core/errors.hpp"

namespace fwm {

int exit_code(ErrorKind kind) { return static_cast<int>(kind); }

const char* kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Failed: return "failed";
    case ErrorKind::Usage: return "validation";
    case ErrorKind::Device: return "device";
    case ErrorKind::Timeout: return "timeout";
    case ErrorKind::Unsupported: return "unsupported";
    case ErrorKind::BridgeUnavailable: return "bridge-unavailable";
    case ErrorKind::HostTool: return "host-tool";
    case ErrorKind::Interrupted: return "interrupted";
  }
  return "failed";
}

Error::Error(ErrorKind kind, const std::string& message, std::string device, std::string step)
    : std::runtime_error(message), kind_(kind), device_(std::move(device)), step_(std::move(step)) {}

namespace {
std::string join_problems(const std::vector<FieldNote>& problems) {
  std::string text;
  for (const auto& p : problems) {
    if (!text.empty()) text += "\n";
    text += p.field + ": " + p.message;
  }
  return text;
}
}  // namespace

ValidationError::ValidationError(std::vector<FieldNote> problems)
    : Error(ErrorKind::Usage, join_problems(problems)), problems_(std::move(problems)) {}

ValidationError::ValidationError(std::string field, std::string message)
    : ValidationError(std::vector<FieldNote>{{std::move(field), std::move(message)}}) {}

Failure failure_of(const Error& error) { return Failure{error.kind(), error.what(), error.device(), error.step()}; }

}  // namespace fwm
