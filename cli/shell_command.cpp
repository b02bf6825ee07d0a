// The shell command: runs argv on the chosen device and passes its output through.
#include "cli/shell_command.hpp"

#include <iostream>
#include <memory>

#include "api/fwm_api.hpp"
#include "cli/per_device.hpp"
#include "cli/render.hpp"

namespace fwm::cli {
namespace {

int run_shell(const std::vector<std::string>& argv, const GlobalOptions& g) {
  return run_per_device<api::DeviceShellResult>(
      g,
      [&] {
        if (argv.empty()) throw ValidationError("command", "name the device command after --, e.g. fwm shell -- getprop");
      },
      [&](const std::string& device) { return api::device_shell(device, argv, g.deadline()); },
      ResultView<api::DeviceShellResult>{
          [&](const api::DeviceShellResult& r) { return api::device_shell_json(r, argv); },
          [](const api::DeviceShellResult& r) {
            std::cout << r.result.out;
            std::cerr << r.result.err;
          },
          [](const api::DeviceShellResult& r) { return r.result.exit_code == 0 ? 0 : 1; }});
}

}  // namespace

void add_shell_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto argv = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "shell", "Run one command on a device; fwm quotes every argument for the device shell (exit 1 if it fails)");
  cmd->fallthrough();
  cmd->add_option("COMMAND", *argv, "The command and its arguments, after --");
  cmd->footer(
      "Examples:\n"
      "  fwm shell -- getprop ro.build.version.sdk\n"
      "  fwm shell -s emulator-5554 --json -- echo \"it's; \\$(not run)\"   # arrives as one argument");
  cmd->callback([argv, &global, &exit_code] { exit_code = run_shell(*argv, global); });
}

}  // namespace fwm::cli
