// Running a host program from an argv vector (never through a shell), with a deadline.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/deadline.hpp"

namespace fwm {

// What a finished host program left behind.
struct ProcessResult {
  int exit_code = -1;   // the exit status, or 128 + signal number
  std::string out;      // everything it wrote to stdout
  std::string err;      // everything it wrote to stderr
};

// Why running a host program failed.
enum class ProcessFailure { NotFound, Timeout, Interrupted, Other };

// Thrown by run_process; the caller turns it into an Error naming the tool and the step.
class ProcessError : public std::runtime_error {
 public:
  ProcessError(ProcessFailure failure, const std::string& message)
      : std::runtime_error(message), failure_(failure) {}
  ProcessFailure failure() const { return failure_; }

 private:
  ProcessFailure failure_;
};

// Runs argv[0] (looked up in PATH when it has no '/') with argv, stdin from /dev/null and the
// environment plus `extra_env`. Returns when it exits; output still held by a daemon child it
// left behind is not waited for. At the deadline or on interrupt the program is killed and
// ProcessError is thrown.
ProcessResult run_process(const std::vector<std::string>& argv, const Deadline& deadline,
                          const std::vector<std::pair<std::string, std::string>>& extra_env = {});

// The full path of `program` found in PATH, or "" when it is not there.
std::string find_in_path(const std::string& program);

}  // namespace fwm
