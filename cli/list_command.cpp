// The list and inspect commands.
#include "cli/list_command.hpp"

#include <iostream>
#include <memory>

#include "api/fwm_api.hpp"
#include "cli/per_device.hpp"
#include "cli/render.hpp"

namespace fwm::cli {
namespace {

struct ListOptions {
  std::string app;
  TaskFilter filter;
  std::vector<std::string> files;
  bool plugin_view = false;
};

void add_filter_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--unique-name", o.filter.unique_name, "Only the task with this unique name");
  cmd->add_option("--tag", o.filter.tag, "Only tasks with this tag");
  cmd->add_option("--state", o.filter.state,
                  "Only tasks in this state: enqueued, running, succeeded, failed, blocked, cancelled, finished");
  cmd->add_flag("--all-work", o.filter.all_work, "Also WorkManager work the plugin did not create");
}

const ResultView<TaskListing> kListingView{
    [](const TaskListing& l) { return task_listing_json(l); },
    [](const TaskListing& l) { print_task_table(std::cout, l); },
    [](const TaskListing&) { return 0; },
};

}  // namespace

void add_list_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto list = std::make_shared<ListOptions>();
  CLI::App* cmd = app.add_subcommand(
      "list", "List an app's background tasks (the plugin's printScheduledTasks, for Android too)");
  cmd->fallthrough();
  cmd->add_option("-a,--app", list->app, "The app's package name or bundle identifier")->required();
  add_filter_options(cmd, *list);
  cmd->add_flag("--plugin-view", list->plugin_view,
                "Also ask the app's in-app bridge for the plugin's own view (getWorkInfo, isScheduledByUniqueName)");
  cmd->footer(
      "Sources: the WorkManager database (debuggable builds: every field), 'dumpsys jobscheduler' (job ids,\n"
      "unsatisfied constraints, standby bucket), and for other builds WorkManager's diagnostics report.\n"
      "Examples:\n"
      "  fwm list -a com.example.app\n"
      "  fwm list -a com.example.app --state enqueued --json | jq '.tasks[] | {uniqueName, nextRunAt}'\n"
      "  fwm list -a com.example.app --all-work        # include work the plugin did not create\n"
      "  fwm list -a com.example.app --all-devices --json   # one JSON line per device");
  cmd->callback([list, &global, &exit_code] {
    exit_code = run_per_device<TaskListing>(
        global,
        [&] {
          api::check_any_app(list->app);
          check_state_filter(list->filter.state);
        },
        [&](const std::string& device) {
          return api::list_tasks(device, list->app, list->filter, global.deadline(), list->plugin_view);
        },
        kListingView);
  });

  auto inspect = std::make_shared<ListOptions>();
  CLI::App* icmd = app.add_subcommand(
      "inspect", "List tasks from files saved off a device: a WorkManager database copy, dumpsys text, a logcat");
  icmd->fallthrough();
  icmd->add_option("FILE", inspect->files, "androidx.work.workdb (its -wal beside it), dumpsys or logcat text")
      ->required();
  icmd->add_option("-a,--app", inspect->app, "Only this package's jobs in a dumpsys text");
  add_filter_options(icmd, *inspect);
  icmd->footer(
      "Examples:\n"
      "  adb exec-out run-as com.example.app cat no_backup/androidx.work.workdb > workdb\n"
      "  fwm inspect workdb\n"
      "  adb shell dumpsys jobscheduler com.example.app > jobs.txt; fwm inspect jobs.txt --json\n"
      "  fwm inspect bugreport-logcat.txt              # a WorkManager diagnostics report inside");
  icmd->callback([inspect, &global, &exit_code] {
    TaskListing listing = api::inspect_files(inspect->files, inspect->app, inspect->filter);
    if (global.json) {
      print_json(std::cout, task_listing_json(listing));
    } else {
      print_task_table(std::cout, listing);
    }
    exit_code = 0;
  });
}

}  // namespace fwm::cli
