// Errors that cross the library boundary: a kind that maps to one exit code, a message a person can act on.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace fwm {

// What went wrong, as the exit-code contract (docs/exit-codes.md) groups it.
enum class ErrorKind {
  Failed = 1,             // the operation ran but failed
  Usage = 2,              // usage or validation error: nothing was sent
  Device = 3,             // device not found, offline, unauthorized, or several and none chosen
  Timeout = 4,            // a deadline passed
  Unsupported = 5,        // not possible on this platform, OS version or build
  BridgeUnavailable = 6,  // the in-app bridge is needed and not reachable
  HostTool = 7,           // a host tool (adb server, xcrun, lldb) is missing or broken
  Interrupted = 130,      // stopped by Ctrl-C (SIGINT) or SIGTERM
};

// The process exit code for a kind.
int exit_code(ErrorKind kind);

// The stable lower-case name of a kind, used in JSON ("validation", "timeout", ...).
const char* kind_name(ErrorKind kind);

// One finding about one field of a request: used for validation problems and for warnings.
struct FieldNote {
  std::string field;    // the contract's field name, e.g. "frequency", "inputData.count"
  std::string message;  // a sentence that says what is wrong and how to fix it
};

// An error with its kind, the device and step it concerns (empty when none) and, for validation,
// every problem found.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message, std::string device = {}, std::string step = {});

  ErrorKind kind() const { return kind_; }
  const std::string& device() const { return device_; }
  const std::string& step() const { return step_; }

 private:
  ErrorKind kind_;
  std::string device_;
  std::string step_;
};

// A request that breaks the plugin's or the platform's rules; nothing was sent.
class ValidationError : public Error {
 public:
  explicit ValidationError(std::vector<FieldNote> problems);
  // A single problem with one field.
  ValidationError(std::string field, std::string message);

  const std::vector<FieldNote>& problems() const { return problems_; }

 private:
  std::vector<FieldNote> problems_;
};

// An error as a value, for results gathered from several devices at once.
struct Failure {
  ErrorKind kind = ErrorKind::Failed;
  std::string message;
  std::string device;
  std::string step;
};

// The value form of an error.
Failure failure_of(const Error& error);

}  // namespace fwm
