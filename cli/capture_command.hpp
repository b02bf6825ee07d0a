// `fwm capture -a APP [-o FILE] [--redact]`: one archive of every raw output fwm reads on a device, for bug reports.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace fwm::cli {

// Adds the capture subcommand; when it runs, it returns its exit code through `exit_code`.
void add_capture_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace fwm::cli
