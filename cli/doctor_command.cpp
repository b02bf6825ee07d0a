// The doctor and logs commands.
#include "cli/doctor_command.hpp"

#include <iostream>
#include <memory>

#include "api/fwm_api.hpp"
#include "cli/per_device.hpp"
#include "cli/render.hpp"

namespace fwm::cli {
namespace {

constexpr Millis kFollowForever{100LL * 365 * 24 * 3600 * 1000};

struct AppOptions {
  std::string app;
  bool follow = false;
};

std::string device_of(const GlobalOptions& g) { return g.devices.empty() ? "" : g.devices.front(); }

}  // namespace

void add_doctor_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto d = std::make_shared<AppOptions>();
  CLI::App* cmd = app.add_subcommand("doctor", "Check that an app's background tasks can run, with a fix for each problem");
  cmd->fallthrough();
  cmd->add_option("-a,--app", d->app, "The app's package name or bundle identifier")->required();
  cmd->footer("Exit 1 when a check fails.\nExamples:\n  fwm doctor -a com.example.app\n  fwm doctor -a com.example.app --json");
  cmd->callback([d, &global, &exit_code] {
    exit_code = run_per_device<DoctorReport>(
        global, [&] { api::check_any_app(d->app); },
        [&](const std::string& device) { return api::doctor(device, d->app, global.deadline()); },
        ResultView<DoctorReport>{[](const DoctorReport& r) { return doctor_report_json(r); },
                                 [](const DoctorReport& r) { print_doctor_report(std::cout, r); },
                                 [](const DoctorReport& r) { return r.exit_code(); }});
  });

  auto l = std::make_shared<AppOptions>();
  CLI::App* lcmd = app.add_subcommand(
      "logs", "Show the task lifecycle from logcat: WorkManager (WM-*), the plugin (WorkmanagerDebug), flutter");
  lcmd->fallthrough();
  lcmd->add_option("-a,--app", l->app, "The app's package name or bundle identifier")->required();
  lcmd->add_flag("--follow", l->follow, "Keep printing new lines until interrupted (or --timeout)");
  lcmd->footer(
      "WM-* lines of every app using WorkManager appear; the plugin's WorkmanagerDebug lines need\n"
      "WorkmanagerDebug.setCurrent(LoggingDebugHandler()) in the app.\n"
      "Examples:\n  fwm logs -a com.example.app\n  fwm logs -a com.example.app --follow --json");
  lcmd->callback([l, &global, &exit_code] {
    if (global.all_devices || global.devices.size() > 1) {
      throw ValidationError("device", "fwm logs reads one device's log: give -s once");
    }
    Deadline deadline = l->follow ? Deadline::after(global.timeout().value_or(kFollowForever)) : global.deadline();
    api::task_logs(device_of(global), l->app, l->follow,
                   [&](const LogRecord& record) {
                     if (global.json) {
                       print_json(std::cout, log_record_json(record));
                     } else {
                       std::cout << record.raw << "\n";
                     }
                     std::cout.flush();
                     return true;
                   },
                   deadline);
    exit_code = 0;
  });
}

}  // namespace fwm::cli
