// `fwm register one-off|periodic|processing UNIQUE_NAME TASK_NAME -a APP [task options] [--dry-run]`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace fwm::cli {

// Adds the register subcommand; when it runs, it returns its exit code through `exit_code`.
void add_register_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace fwm::cli
