// Parser of what a batch lldb session printed: did it attach, run the expression and detach, and if not, why.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace fwm::ios {

// Why a session failed, from lldb's known failure texts.
enum class LldbFailure {
  None,
  AnotherDebugger,        // "tried to attach to process already being debugged" (e.g. flutter run's lldb)
  NotPermitted,           // "Not allowed to attach to process" (debugging rights, get-task-allow)
  ProcessNotFound,        // "no such process" / "unable to find process"
  DeviceNotFound,         // "The specified device was not found."
  NoDeviceSelected,       // "no device selected: use 'device select <identifier>' ..."
  LldbTooOld,             // "error: 'device' is not a valid command." (lldb before Xcode 16)
  ConnectTimeout,         // "Timeout while connecting to remote device."
  ConnectionInvalidated,  // "Internal logic error: Connection was invalidated"
  Other,                  // any other "error:" line
};

// What the session showed. `attached`/`detached` come from "Process N stopped"/"Process N detached".
struct LldbTranscript {
  bool attached = false;
  bool detached = false;
  std::optional<long long> pid;  // the N of "Process N stopped"
  LldbFailure failure = LldbFailure::None;
  std::string failure_line;      // the line that showed the failure, trimmed
};

// Reads lldb's stdout and stderr together (CRLF tolerated); the first known failure text wins
// over a plain "error:" line.
LldbTranscript parse_lldb_output(std::string_view out, std::string_view err);

// The fwm error for a failed transcript: AnotherDebugger, ProcessNotFound, Other -> Failed;
// DeviceNotFound, NoDeviceSelected, ConnectTimeout, ConnectionInvalidated -> Device;
// LldbTooOld, NotPermitted -> HostTool. The message names the cause and what to do; `device` and
// the step "lldb" are attached. Call only when failure != None.
Error lldb_error(const LldbTranscript& transcript, const std::string& device);

}  // namespace fwm::ios
