// The commands that go through the in-app bridge: cancel, and the device side of register and trigger --run-now.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "core/register_plan.hpp"

namespace fwm::cli {

// Adds `fwm cancel -a APP (--unique-name N | --tag T | --all) [--vm-service URI]`.
void add_cancel_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

// Adds --vm-service URI to a command, stored in `target`.
void add_vm_service_option(CLI::App& command, std::string& target);

// Registers on the selected device(s) through the bridge, prints each report (human or JSON) and
// returns the exit code: `plan` when given (checked for the platform --platform named), else
// `request` for `app` checked against each device's own platform before anything is sent to it.
int register_on_devices(const nlohmann::json& request, const std::string& app, const std::optional<RegisterPlan>& plan,
                        const std::string& vm_service, const GlobalOptions& global);

// `trigger --run-now`: runs the tasks' Dart code now through the bridge on the selected device(s),
// prints the trigger report and returns the exit code.
int run_now_on_devices(const std::string& app, const std::string& unique_name, const std::string& tag, bool wait,
                       const std::string& vm_service, const GlobalOptions& global);

}  // namespace fwm::cli
