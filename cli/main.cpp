// The fwm executable: parses the command line, runs one command, maps errors to exit codes.
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>

#include "api/fwm_api.hpp"
#include "cli/bridge_commands.hpp"
#include "cli/capture_command.hpp"
#include "cli/devices_command.hpp"
#include "cli/doctor_command.hpp"
#include "cli/global_options.hpp"
#include "cli/list_command.hpp"
#include "cli/register_command.hpp"
#include "cli/render.hpp"
#include "cli/shell_command.hpp"
#include "cli/trigger_command.hpp"

namespace {

const char* kFooter =
    "Exit codes: 0 done and verified, 1 ran but failed, 2 usage or validation (nothing sent),\n"
    "3 device not found/offline/ambiguous, 4 timed out, 5 not possible on this platform,\n"
    "6 in-app bridge needed, 7 host tool missing.\n"
    "\n"
    "Examples:\n"
    "  fwm devices --json\n"
    "  fwm register periodic sync syncTask -a com.example.app --frequency 10m --platform android --dry-run\n"
    "  fwm register one-off upload uploadTask -a com.example.app --input id=42 --platform ios --dry-run --json\n"
    "\n"
    "Run 'fwm COMMAND --help' for a command's options.";

}  // namespace

extern "C" void on_interrupt_signal(int) { fwm::request_interrupt(); }

int main(int argc, char** argv) {
  std::signal(SIGINT, on_interrupt_signal);
  std::signal(SIGTERM, on_interrupt_signal);
  CLI::App app("fwm: see, force and test the background tasks of Flutter apps that use the workmanager "
               "plugin, on Android and iOS.",
               "fwm");
  app.footer(kFooter);
  app.set_version_flag("--version", fwm::api::version());
  app.require_subcommand(1);
  fwm::cli::GlobalOptions global;
  fwm::cli::add_global_options(app, global);
  int exit_code = 0;
  fwm::cli::add_cancel_command(app, global, exit_code);
  fwm::cli::add_capture_command(app, global, exit_code);
  fwm::cli::add_devices_command(app, global, exit_code);
  fwm::cli::add_doctor_commands(app, global, exit_code);
  fwm::cli::add_list_commands(app, global, exit_code);
  fwm::cli::add_register_command(app, global, exit_code);
  fwm::cli::add_shell_command(app, global, exit_code);
  fwm::cli::add_trigger_commands(app, global, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return fwm::exit_code(fwm::ErrorKind::Usage);
  } catch (const fwm::Error& e) {
    return fwm::cli::report_error(e, global.json, std::cout, std::cerr);
  }
  return exit_code;
}
