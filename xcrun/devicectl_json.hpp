// Parser of the `xcrun devicectl ... --json-output FILE` envelope: info, then result or error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"

namespace fwm::ios {

// One NSError of a failure, outermost first.
struct DevicectlErrorLink {
  std::string domain;       // "com.apple.CoreDevice.ControlChannelConnectionError"
  long long code = 0;
  std::string description;  // NSLocalizedDescription, else NSDescription ("" when both are absent)
  std::string reason;       // NSLocalizedFailureReason, else NSLocalizedRecoverySuggestion ("" when absent)
};

// The envelope; `info` keys are empty or 0 when missing (the fixtures' result fragments carry none).
struct DevicectlEnvelope {
  std::string command_type;  // "devicectl.list.devices", ...
  std::string outcome;       // "success" | "failed" ("" when info is missing)
  std::string version;       // devicectl's version, e.g. "355.18"
  int json_version = 0;
  nlohmann::json result;     // the "result" member; null when absent
  std::vector<DevicectlErrorLink> error_chain;  // the "error" member and its NSUnderlyingError chain

  // True when devicectl reported a failure (outcome "failed" or an error member).
  bool failed() const { return outcome == "failed" || !error_chain.empty(); }
};

// The envelope in `json_text`. User-info strings are read in both spellings devicectl uses
// (`{"string": "..."}` and a bare string). Throws std::invalid_argument when the text is not a
// JSON object or nests deeper than kMaxNesting (core/nesting_limit.hpp).
DevicectlEnvelope parse_devicectl_envelope(std::string_view json_text);

// One sentence per link, the innermost reason first (the deepest link with a description or reason),
// then the others outermost first: "Transport error (com.apple.CoreDevice.ControlChannelConnectionError
// error 0); reported as: Internal logic error: Connection was invalidated (... error 1)".
std::string devicectl_error_message(const std::vector<DevicectlErrorLink>& chain);

// The error kind of a failure: Device when the device could not be reached (a CoreDevice
// connection or tunnel error, a locked or unknown device), else Failed.
ErrorKind devicectl_error_kind(const std::vector<DevicectlErrorLink>& chain);

// The envelope's result. Throws Error(devicectl_error_kind) with devicectl_error_message, naming
// `device` and the step "devicectl <command type>", when the envelope failed; Error(HostTool) when
// it succeeded without a result.
const nlohmann::json& devicectl_result(const DevicectlEnvelope& envelope, const std::string& device);

}  // namespace fwm::ios
