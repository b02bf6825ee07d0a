// cancel, register and trigger --run-now through the bridge: options to the library API, reports to the terminal.
#include "cli/bridge_commands.hpp"

#include <iostream>
#include <memory>

#include "api/bridge_api.hpp"
#include "cli/per_device.hpp"
#include "cli/render.hpp"

namespace fwm::cli {
namespace {

struct CancelOptions {
  std::string app;
  std::string unique_name;
  std::string tag;
  bool all = false;
  std::string vm_service;
};

api::BridgeAccess access(const std::string& vm_service, const GlobalOptions& g) { return {vm_service, g.verbose}; }

void print_tasks(std::ostream& out, const char* title, const std::vector<ListedTask>& tasks) {
  for (const auto& t : tasks) out << "  " << title << " " << t.unique_name << " (" << t.state << ")\n";
}

void print_register_report(const RegisterReport& r) {
  std::ostream& out = r.ok ? std::cout : std::cerr;
  out << r.message << "\n";
  for (const auto& w : r.plan.warnings) out << "  warning: " << w.field << ": " << w.message << "\n";
}

void print_cancel_report(const CancelReport& r) {
  std::ostream& out = r.ok ? std::cout : std::cerr;
  out << r.message << "\n";
  print_tasks(out, "cancelled", r.cancelled);
  print_tasks(out, "still pending", r.remaining);
}

const ResultView<RegisterReport> kRegisterView{
    [](const RegisterReport& r) { return register_report_json(r); },
    [](const RegisterReport& r) { print_register_report(r); },
    [](const RegisterReport& r) { return r.exit_code(); },
};

const ResultView<CancelReport> kCancelView{
    [](const CancelReport& r) { return cancel_report_json(r); },
    [](const CancelReport& r) { print_cancel_report(r); },
    [](const CancelReport& r) { return r.exit_code(); },
};

const ResultView<TriggerReport> kTriggerView{
    [](const TriggerReport& r) { return trigger_report_json(r); },
    [](const TriggerReport& r) { print_trigger_report(std::cout, std::cerr, r); },
    [](const TriggerReport& r) { return r.exit_code(); },
};

}  // namespace

void add_vm_service_option(CLI::App& command, std::string& target) {
  command.add_option("--vm-service", target,
                     "The app's Dart VM service address (e.g. the one `flutter run` prints); default: found in the "
                     "app's log (Android: forwarded through adb; iOS simulator: used as it is; iOS device: required)")
      ->group("Bridge");
}

int register_on_devices(const nlohmann::json& request, const std::string& app, const std::optional<RegisterPlan>& plan,
                        const std::string& vm_service, const GlobalOptions& global) {
  return run_per_device<RegisterReport>(
      global, [] {},
      [&](const std::string& device) {
        if (plan) return api::register_task(device, *plan, access(vm_service, global), global.deadline());
        return api::register_request(device, request, app, access(vm_service, global), global.deadline());
      },
      kRegisterView);
}

int run_now_on_devices(const std::string& app, const std::string& unique_name, const std::string& tag, bool wait,
                       const std::string& vm_service, const GlobalOptions& global) {
  return run_per_device<TriggerReport>(
      global, [&] { api::check_trigger_request(app, unique_name, tag); },
      [&](const std::string& device) {
        return api::run_now(device, app, unique_name, tag, wait, access(vm_service, global), global.deadline());
      },
      kTriggerView);
}

void add_cancel_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<CancelOptions>();
  CLI::App* cmd = app.add_subcommand("cancel", "Cancel tasks through the in-app bridge, then check they are gone");
  cmd->fallthrough();
  cmd->add_option("-a,--app", o->app, "The app's package name or bundle identifier")->required();
  cmd->add_option("--unique-name", o->unique_name, "The task with this unique name (cancelByUniqueName)");
  cmd->add_option("--tag", o->tag, "Every task with this tag (cancelByTag)");
  cmd->add_flag("--all", o->all, "All of the app's WorkManager work, not only plugin tasks (cancelAll)");
  add_vm_service_option(*cmd, o->vm_service);
  cmd->footer(
      "Needs the in-app bridge (enableFwmBridge() in a debug or profile build); without it exits 6.\n"
      "Examples:\n"
      "  fwm cancel -a com.example.app --unique-name sync\n"
      "  fwm cancel -a com.example.app --tag nightly --json");
  cmd->callback([o, &global, &exit_code] {
    CancelSelector selector{o->unique_name, o->tag, o->all};
    exit_code = run_per_device<CancelReport>(
        global, [&] { api::check_cancel_request(o->app, selector); },
        [&](const std::string& device) {
          return api::cancel_tasks(device, o->app, selector, access(o->vm_service, global), global.deadline());
        },
        kCancelView);
  });
}

}  // namespace fwm::cli
