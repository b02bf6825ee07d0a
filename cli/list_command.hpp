// `fwm list -a APP [filters]` and `fwm inspect FILE... [-a APP] [filters]`: an app's tasks as a table or JSON.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace fwm::cli {

// Adds the list and inspect subcommands; when one runs, it returns its exit code through `exit_code`.
void add_list_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace fwm::cli
