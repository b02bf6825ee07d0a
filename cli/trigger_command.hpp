// `fwm trigger -a APP (--unique-name N | --tag T) [--wait]` and `fwm wait -a APP --unique-name N [--until STATE]`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace fwm::cli {

// Adds the trigger and wait subcommands; when one runs, it returns its exit code through `exit_code`.
void add_trigger_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace fwm::cli
