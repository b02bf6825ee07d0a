// `fwm shell [-s ID] -- CMD ARG...`: one device command, every argument quoted by fwm.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace fwm::cli {

// Adds the shell subcommand; when it runs, it returns its exit code through `exit_code`.
void add_shell_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace fwm::cli
