// The trigger and wait commands.
#include "cli/trigger_command.hpp"

#include <iostream>
#include <memory>

#include "api/fwm_api.hpp"
#include "cli/render.hpp"

namespace fwm::cli {
namespace {

struct TriggerOptions {
  std::string app;
  std::string unique_name;
  std::string tag;
  bool wait = false;
  std::string until = "finished";
};

int print_report(const TriggerReport& report, const GlobalOptions& g) {
  if (g.json) {
    print_json(std::cout, trigger_report_json(report));
  } else {
    print_trigger_report(std::cout, std::cerr, report);
  }
  return report.exit_code();
}

std::string device_of(const GlobalOptions& g) { return g.devices.empty() ? "" : g.devices.front(); }

}  // namespace

void add_trigger_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto t = std::make_shared<TriggerOptions>();
  CLI::App* cmd = app.add_subcommand("trigger", "Run a task now (Android: force its JobScheduler job)");
  cmd->fallthrough();
  cmd->add_option("-a,--app", t->app, "The app's package name")->required();
  cmd->add_option("--unique-name", t->unique_name, "The task's unique name");
  cmd->add_option("--tag", t->tag, "Every task with this tag");
  cmd->add_flag("--wait", t->wait, "Follow the run to its result: success (exit 0), retry or failure (exit 1)");
  cmd->footer(
      "One-off work runs at once. Periodic or backed-off work that is not due is refused (exit 5):\n"
      "WorkManager would not run it early. Work not yet in JobScheduler is refused too.\n"
      "Examples:\n"
      "  fwm trigger -a com.example.app --unique-name upload --wait\n"
      "  fwm trigger -a com.example.app --tag nightly --json");
  cmd->callback([t, &global, &exit_code] {
    exit_code = print_report(api::trigger_tasks(device_of(global), t->app, t->unique_name, t->tag, t->wait,
                                                global.deadline()),
                             global);
  });

  auto w = std::make_shared<TriggerOptions>();
  CLI::App* wcmd = app.add_subcommand("wait", "Wait until a task reaches a state (exit 4 at --timeout)");
  wcmd->fallthrough();
  wcmd->add_option("-a,--app", w->app, "The app's package name")->required();
  wcmd->add_option("--unique-name", w->unique_name, "The task's unique name")->required();
  wcmd->add_option("--until", w->until,
                   "enqueued, running, succeeded, failed, blocked, cancelled, or finished (default: finished)");
  wcmd->footer(
      "Examples:\n"
      "  fwm wait -a com.example.app --unique-name upload --until succeeded --timeout 2m\n"
      "  fwm wait -a com.example.app --unique-name sync --until running --json");
  wcmd->callback([w, &global, &exit_code] {
    exit_code = print_report(api::wait_for_task(device_of(global), w->app, w->unique_name, w->until, global.deadline()),
                             global);
  });
}

}  // namespace fwm::cli
