// The capture command.
#include "cli/capture_command.hpp"

#include <iostream>
#include <memory>

#include "api/fwm_api.hpp"
#include "cli/render.hpp"

namespace fwm::cli {
namespace {

struct CaptureOptions {
  std::string app;
  std::string output;
  bool redact = false;
};

}  // namespace

void add_capture_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<CaptureOptions>();
  CLI::App* cmd = app.add_subcommand(
      "capture", "Write one archive of every raw output fwm reads on a device for list, doctor and logs (for bug reports)");
  cmd->fallthrough();
  cmd->add_option("-a,--app", o->app, "The app's package name or bundle identifier")->required();
  cmd->add_option("-o,--output", o->output, "The archive to write (default fwm-capture-APP-TIME.tar here)");
  cmd->add_flag("--redact", o->redact, "Replace the tasks' input data values by markers (keys and types kept)");
  cmd->footer(
      "The archive is an uncompressed POSIX tar: tar -tvf FILE lists it, manifest.json says what each file is.\n"
      "Examples:\n"
      "  fwm capture -a com.example.app -o capture.tar\n"
      "  fwm capture -a com.example.app -o capture.tar --redact\n"
      "  fwm inspect capture.tar --json           # the listing fwm list gave on that device");
  cmd->callback([o, &global, &exit_code] {
    if (global.all_devices || global.devices.size() > 1) {
      throw ValidationError("device", "fwm capture records one device: give -s once");
    }
    CaptureReport report =
        api::capture(global.devices.empty() ? "" : global.devices.front(), o->app, o->output, o->redact, global.deadline());
    if (global.json) {
      print_json(std::cout, capture_report_json(report));
    } else {
      std::cout << "wrote " << report.path << " (" << report.commands << " commands, " << report.files.size()
                << " files, " << report.bytes << " bytes" << (report.redacted ? ", input data redacted" : "")
                << ") for " << report.app << " on " << report.device.value("id", "") << "\n"
                << "read it back: fwm inspect " << report.path << "; list it: tar -tvf " << report.path << "\n";
    }
    exit_code = 0;
  });
}

}  // namespace fwm::cli
