// `fwm doctor -a APP` and `fwm logs -a APP [--follow]`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace fwm::cli {

// Adds the doctor and logs subcommands; when one runs, it returns its exit code through `exit_code`.
void add_doctor_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace fwm::cli
