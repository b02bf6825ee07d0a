// XcrunRunner over run_process; devicectl's JSON goes through a private temporary folder.
#include "xcrun/xcrun_runner.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "core/host_tool.hpp"
#include "core/temp_dir.hpp"
#include "xcrun/devicectl_json.hpp"
#include "xcrun/lldb_script.hpp"
#include "xcrun/simctl_error.hpp"

namespace fwm::ios {
namespace {

const char* const kNeedsXcode =
    "iOS simulators and devices are driven through Xcode's xcrun, which needs macOS with Xcode installed "
    "(xcode-select --install, then open Xcode once); or pass --xcrun PATH";

std::string step_of(const std::vector<std::string>& args) {
  std::string step = "xcrun";
  for (size_t i = 0; i < args.size() && i < 2; ++i) step += " " + args[i];
  return step;
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

}  // namespace

std::string find_xcrun(const std::string& explicit_path) {
  if (!explicit_path.empty()) {
    std::string found = find_in_path(explicit_path.find('/') == std::string::npos ? "./" + explicit_path : explicit_path);
    if (found.empty()) throw Error(ErrorKind::HostTool, "no executable xcrun at " + explicit_path + ": " + kNeedsXcode);
    return found;
  }
  if (const char* developer_dir = std::getenv("DEVELOPER_DIR"); developer_dir != nullptr && *developer_dir != '\0') {
    std::string found = find_in_path(std::string(developer_dir) + "/usr/bin/xcrun");
    if (!found.empty()) return found;
  }
  std::string found = find_in_path("xcrun");
  if (found.empty()) throw Error(ErrorKind::HostTool, std::string("xcrun was not found: ") + kNeedsXcode);
  return found;
}

ProcessResult XcrunRunner::run(const std::vector<std::string>& args, const Deadline& deadline,
                               const std::string& device) const {
  std::vector<std::string> argv = {xcrun_};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult result = run_host_tool(argv, deadline, device, step_of(args), kNeedsXcode);
  if (recorder_) {
    RecordedRun run{args, result, ""};
    auto flag = std::find(args.begin(), args.end(), "--json-output");
    if (flag != args.end() && flag + 1 != args.end()) {
      std::ifstream in(*(flag + 1), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      run.json_output = text.str();
    }
    (*recorder_)(run);
  }
  return result;
}

void XcrunRunner::record_runs(std::function<void(const RecordedRun&)> recorder) {
  recorder_ = std::make_shared<std::function<void(const RecordedRun&)>>(std::move(recorder));
}

std::string XcrunRunner::simctl(const std::vector<std::string>& args, const Deadline& deadline,
                                const std::string& device) const {
  std::vector<std::string> full = {"simctl"};
  full.insert(full.end(), args.begin(), args.end());
  ProcessResult result = run(full, deadline, device);
  if (result.exit_code == 0) return result.out;
  SimctlError error = parse_simctl_error(result.err);
  std::string message = error.message.empty() ? first_line(result.out) : error.message;
  throw Error(simctl_error_kind(error),
              step_of(full) + " failed (exit " + std::to_string(result.exit_code) + "): " + message, device, step_of(full));
}

nlohmann::json XcrunRunner::devicectl(const std::vector<std::string>& args, const Deadline& deadline,
                                      const std::string& device) const {
  TempDir folder;
  std::string json_path = folder.path() + "/devicectl.json";
  std::vector<std::string> full = {"devicectl"};
  full.insert(full.end(), args.begin(), args.end());
  full.push_back("--json-output");
  full.push_back(json_path);
  ProcessResult result = run(full, deadline, device);
  std::ifstream in(json_path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in || text.str().empty()) {
    throw Error(ErrorKind::HostTool,
                step_of(full) + " wrote no JSON (exit " + std::to_string(result.exit_code) + "): " +
                    first_line(result.err.empty() ? result.out : result.err),
                device, step_of(full));
  }
  DevicectlEnvelope envelope;
  try {
    envelope = parse_devicectl_envelope(text.str());
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::HostTool, step_of(full) + ": " + e.what(), device, step_of(full));
  }
  if (!envelope.failed() && result.exit_code != 0) {
    throw Error(ErrorKind::Failed, step_of(full) + " exited " + std::to_string(result.exit_code) + ": " +
                                       first_line(result.err), device, step_of(full));
  }
  return devicectl_result(envelope, device);
}

LldbTranscript XcrunRunner::lldb(const std::vector<std::string>& commands, const Deadline& deadline,
                                 const std::string& device) const {
  ProcessResult result = run(lldb_argv(commands), deadline, device);
  LldbTranscript transcript = parse_lldb_output(result.out, result.err);
  if (transcript.failure != LldbFailure::None) throw lldb_error(transcript, device);
  if (!transcript.attached || result.exit_code != 0) {
    throw Error(ErrorKind::Failed,
                "lldb did not attach to the app (exit " + std::to_string(result.exit_code) + "): " +
                    first_line(result.err.empty() ? result.out : result.err),
                device, "lldb");
  }
  return transcript;
}

}  // namespace fwm::ios
