// Matching lldb's transcript against the failure texts flutter_tools and debugserver print.
#include "xcrun/lldb_output.hpp"

#include <charconv>
#include <utility>
#include <vector>

namespace fwm::ios {
namespace {

const std::vector<std::pair<const char*, LldbFailure>>& known_failures() {
  static const std::vector<std::pair<const char*, LldbFailure>> table = {
      {"already being debugged", LldbFailure::AnotherDebugger},
      {"Not allowed to attach to process", LldbFailure::NotPermitted},
      {"The specified device was not found.", LldbFailure::DeviceNotFound},
      {"no device selected", LldbFailure::NoDeviceSelected},
      {"'device' is not a valid command", LldbFailure::LldbTooOld},
      {"Timeout while connecting to remote device", LldbFailure::ConnectTimeout},
      {"Connection was invalidated", LldbFailure::ConnectionInvalidated},
      {"no such process", LldbFailure::ProcessNotFound},
      {"unable to find process", LldbFailure::ProcessNotFound},
  };
  return table;
}

std::string_view trimmed(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

// The N of "Process N <word>" when the line says exactly that word next.
std::optional<long long> process_line(std::string_view line, std::string_view word) {
  const std::string_view prefix = "Process ";
  if (line.substr(0, prefix.size()) != prefix) return std::nullopt;
  line.remove_prefix(prefix.size());
  long long pid = 0;
  auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), pid);
  if (error != std::errc()) return std::nullopt;
  std::string_view rest = line.substr(static_cast<size_t>(end - line.data()));
  if (rest.substr(0, 1) != " " || rest.substr(1, word.size()) != word) return std::nullopt;
  return pid;
}

void scan(std::string_view text, LldbTranscript& t) {
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = trimmed(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (auto pid = process_line(line, "stopped")) {
      t.attached = true;
      t.pid = pid;
    }
    if (process_line(line, "detached")) t.detached = true;
    if (line.substr(0, 7) == "(lldb) ") continue;
    for (const auto& [needle, failure] : known_failures()) {
      if (line.find(needle) != std::string_view::npos &&
          (t.failure == LldbFailure::None || t.failure == LldbFailure::Other)) {
        t.failure = failure;
        t.failure_line = std::string(line);
      }
    }
    if (t.failure == LldbFailure::None && line.substr(0, 6) == "error:") {
      t.failure = LldbFailure::Other;
      t.failure_line = std::string(line);
    }
  }
}

}  // namespace

LldbTranscript parse_lldb_output(std::string_view out, std::string_view err) {
  LldbTranscript transcript;
  scan(out, transcript);
  scan(err, transcript);
  return transcript;
}

Error lldb_error(const LldbTranscript& t, const std::string& device) {
  std::string seen = " (lldb: " + t.failure_line + ")";
  switch (t.failure) {
    case LldbFailure::AnotherDebugger:
      return Error(ErrorKind::Failed,
                   "another debugger is attached to the app (only one can be; `flutter run` and Xcode attach "
                   "one): stop it, or use that session" + seen, device, "lldb");
    case LldbFailure::NotPermitted:
      return Error(ErrorKind::HostTool,
                   "lldb may not attach to the app: run `DevToolsSecurity -enable` on the Mac and use a "
                   "development-signed build (get-task-allow)" + seen, device, "lldb");
    case LldbFailure::ProcessNotFound:
      return Error(ErrorKind::Failed, "the app's process was not found: launch the app and try again" + seen, device,
                   "lldb");
    case LldbFailure::DeviceNotFound:
    case LldbFailure::NoDeviceSelected:
      return Error(ErrorKind::Device,
                   "lldb could not find the device: check that it is connected, unlocked and paired "
                   "(`xcrun devicectl list devices`)" + seen, device, "lldb");
    case LldbFailure::ConnectTimeout:
    case LldbFailure::ConnectionInvalidated:
      return Error(ErrorKind::Device, "lldb lost or could not open the connection to the device: reconnect it and "
                                      "try again" + seen, device, "lldb");
    case LldbFailure::LldbTooOld:
      return Error(ErrorKind::HostTool,
                   "this lldb has no `device` commands: Xcode 16 or newer is needed to attach to an iOS 17+ "
                   "device" + seen, device, "lldb");
    case LldbFailure::Other:
    case LldbFailure::None:
      break;
  }
  return Error(ErrorKind::Failed, "lldb failed" + seen, device, "lldb");
}

}  // namespace fwm::ios
