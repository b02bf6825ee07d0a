// The trigger and wait commands.
#include "cli/trigger_command.hpp"

#include <iostream>
#include <memory>

#include "api/fwm_api.hpp"
#include "cli/bridge_commands.hpp"
#include "cli/per_device.hpp"
#include "cli/render.hpp"

namespace fwm::cli {
namespace {

struct TriggerOptions {
  std::string app;
  std::string unique_name;
  std::string tag;
  bool wait = false;
  bool run_now = false;
  bool expire = false;
  std::string vm_service;
  std::string until = "finished";
};

const ResultView<TriggerReport> kReportView{
    [](const TriggerReport& r) { return trigger_report_json(r); },
    [](const TriggerReport& r) { print_trigger_report(std::cout, std::cerr, r); },
    [](const TriggerReport& r) { return r.exit_code(); },
};

}  // namespace

void add_trigger_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto t = std::make_shared<TriggerOptions>();
  CLI::App* cmd = app.add_subcommand(
      "trigger", "Run a task now (Android: force its JobScheduler job; iOS device: BGTaskScheduler's simulated launch)");
  cmd->fallthrough();
  cmd->add_option("-a,--app", t->app, "The app's package name or bundle identifier")->required();
  cmd->add_option("--unique-name", t->unique_name, "The task's unique name (iOS: its BGTask identifier)");
  cmd->add_option("--tag", t->tag, "Every task with this tag (Android)");
  cmd->add_flag("--wait", t->wait,
                "Follow the run to its result: success (exit 0), retry or failure (exit 1) (Android, and --run-now)");
  cmd->add_flag("--run-now", t->run_now,
                "Run the task's Dart code now through the in-app bridge, as a one-off copy (same taskName and "
                "inputData); periodic and backed-off tasks keep their schedule. On iOS this is reported as simulated");
  cmd->add_flag("--expire", t->expire,
                "iOS device: simulate the running task's expiration (_simulateExpirationForTaskWithIdentifier)");
  add_vm_service_option(*cmd, t->vm_service);
  cmd->footer(
      "One-off work runs at once. Periodic or backed-off work that is not due is refused (exit 5):\n"
      "WorkManager would not run it early. Work not yet in JobScheduler is refused too.\n"
      "--run-now runs any task's Dart code at once through the in-app bridge (exit 6 without it).\n"
      "iOS device: fwm attaches lldb to the running app and calls BGTaskScheduler's\n"
      "_simulateLaunchForTaskWithIdentifier, then reads the verdict from the app's log.\n"
      "iOS Simulator: BGTaskScheduler does not run there (exit 5); use --run-now.\n"
      "Examples:\n"
      "  fwm trigger -a com.example.app --unique-name upload --wait\n"
      "  fwm trigger -a com.example.app --tag nightly --json\n"
      "  fwm trigger -a com.example.app --unique-name sync --run-now --wait\n"
      "  fwm trigger -s 00008101-000569C93E90001E -a com.example.app --unique-name com.example.refresh\n"
      "  fwm trigger -a com.example.app --unique-name com.example.refresh --expire");
  cmd->callback([t, &global, &exit_code] {
    if (t->run_now) {
      if (t->expire) throw ValidationError("expire", "--expire and --run-now do not go together");
      exit_code = run_now_on_devices(t->app, t->unique_name, t->tag, t->wait, t->vm_service, global);
      return;
    }
    exit_code = run_per_device<TriggerReport>(
        global, [&] { api::check_trigger_request(t->app, t->unique_name, t->tag); },
        [&](const std::string& device) {
          return api::trigger_tasks(device, t->app, t->unique_name, t->tag, t->wait, t->expire, global.deadline());
        },
        kReportView);
  });

  auto w = std::make_shared<TriggerOptions>();
  CLI::App* wcmd = app.add_subcommand("wait", "Wait until a task reaches a state (exit 4 at --timeout)");
  wcmd->fallthrough();
  wcmd->add_option("-a,--app", w->app, "The app's package name or bundle identifier")->required();
  wcmd->add_option("--unique-name", w->unique_name, "The task's unique name")->required();
  wcmd->add_option("--until", w->until,
                   "enqueued, running, succeeded, failed, blocked, cancelled, or finished (default: finished)");
  wcmd->footer(
      "Examples:\n"
      "  fwm wait -a com.example.app --unique-name upload --until succeeded --timeout 2m\n"
      "  fwm wait -a com.example.app --unique-name sync --until running --json");
  wcmd->callback([w, &global, &exit_code] {
    exit_code = run_per_device<TriggerReport>(
        global, [&] { api::check_wait_request(w->app, w->unique_name, w->until); },
        [&](const std::string& device) {
          return api::wait_for_task(device, w->app, w->unique_name, w->until, global.deadline());
        },
        kReportView);
  });
}

}  // namespace fwm::cli
