// Finding xcrun and running simctl, devicectl and lldb through it: argv only, a deadline, errors with a kind.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/deadline.hpp"
#include "core/process.hpp"
#include "xcrun/lldb_output.hpp"

namespace fwm::ios {

// The xcrun to run: `explicit_path` when given (it must be an executable file), else
// $DEVELOPER_DIR/usr/bin/xcrun when that is one, else xcrun on PATH. Throws Error(HostTool) saying
// that iOS needs macOS with Xcode, or --xcrun PATH, when there is none.
std::string find_xcrun(const std::string& explicit_path);

// One xcrun run as a runner recorded it (see XcrunRunner::record_runs).
struct RecordedRun {
  std::vector<std::string> args;  // after xcrun
  ProcessResult result;
  std::string json_output;        // what devicectl wrote to its --json-output file ("" for other tools)
};

// Runs xcrun's tools. Every call blocks until the tool exits, the deadline passes or an interrupt
// is requested; `device` names the simulator or device the call concerns (for errors; may be "").
class XcrunRunner {
 public:
  // Runs the xcrun at `xcrun_path` (see find_xcrun).
  explicit XcrunRunner(std::string xcrun_path) : xcrun_(std::move(xcrun_path)) {}

  const std::string& path() const { return xcrun_; }

  // Makes this runner (and its copies) call `recorder`, possibly from several threads at once,
  // after every xcrun run that produced a result.
  void record_runs(std::function<void(const RecordedRun&)> recorder);

  // `xcrun args...`, whatever its exit code. Throws Error(Timeout) at the deadline,
  // Error(Interrupted) on interrupt and Error(HostTool) when xcrun cannot be started; each names
  // `device` and the step "xcrun <args[0]> <args[1]>".
  ProcessResult run(const std::vector<std::string>& args, const Deadline& deadline, const std::string& device) const;

  // `xcrun simctl args...`; its stdout when it exits 0. Otherwise throws Error(simctl_error_kind)
  // with simctl's message and exit code.
  std::string simctl(const std::vector<std::string>& args, const Deadline& deadline, const std::string& device) const;

  // `xcrun devicectl args... --json-output <private temp file>`; the envelope's result, read from
  // that file (never from stdout). Throws the envelope's error (see devicectl_result) when it
  // failed, and Error(HostTool) with devicectl's stderr when it wrote no JSON.
  nlohmann::json devicectl(const std::vector<std::string>& args, const Deadline& deadline,
                           const std::string& device) const;

  // `xcrun lldb --no-lldbinit --batch -o command ...`; the transcript of a session that attached and
  // reported no failure. Throws lldb_error for a known failure, and Error(Failed) when lldb never
  // attached or exited non-zero without saying why.
  LldbTranscript lldb(const std::vector<std::string>& commands, const Deadline& deadline,
                      const std::string& device) const;

 private:
  std::string xcrun_;
  std::shared_ptr<std::function<void(const RecordedRun&)>> recorder_;
};

}  // namespace fwm::ios
