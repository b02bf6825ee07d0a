// Options every fwm command takes (device selection, platform, output, deadline).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/deadline.hpp"

namespace fwm::cli {

// The global options as parsed from the command line.
struct GlobalOptions {
  std::vector<std::string> devices;   // -s/--device, repeatable
  bool all_devices = false;           // --all-devices
  std::string platform;               // --platform android|ios, empty when not given
  bool json = false;                  // --json
  std::string timeout_text;           // --timeout, as typed
  bool verbose = false;               // -v/--verbose
  std::string xcrun;                  // --xcrun PATH

  // The parsed --timeout; nullopt when not given. Throws ValidationError naming --timeout.
  std::optional<Millis> timeout() const;
  // The deadline for this command: --timeout from now, else the library's default.
  Deadline deadline() const;
};

// Declares the global options on the top-level app; subcommands see them through fallthrough.
void add_global_options(CLI::App& app, GlobalOptions& options);

}  // namespace fwm::cli
