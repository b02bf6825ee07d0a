// Parser of the error simctl prints on stderr when a command fails.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace fwm::ios {

// simctl's error: `An error was encountered processing the command (domain=D, code=N):` and detail lines.
struct SimctlError {
  std::string domain;       // "NSPOSIXErrorDomain", "com.apple.CoreSimulator.SimError"; "" without the header
  std::optional<int> code;
  std::string message;      // the detail lines joined with "; " (the whole stderr, trimmed, without the header)
};

// Reads stderr of a failed simctl command (CRLF tolerated).
SimctlError parse_simctl_error(std::string_view err);

// Device when simctl did not know the simulator or it was not in a usable state ("Invalid device",
// "No devices are booted", "current state"), else Failed.
ErrorKind simctl_error_kind(const SimctlError& error);

}  // namespace fwm::ios
