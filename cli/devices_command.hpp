// `fwm devices [--watch]`: attached devices with model, OS release and SDK level.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace fwm::cli {

// Adds the devices subcommand; when it runs, it returns its exit code through `exit_code`.
void add_devices_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace fwm::cli
