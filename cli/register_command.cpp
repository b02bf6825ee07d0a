// The register command: flags to a request, the request to a plan, the plan to the terminal.
#include "cli/register_command.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "api/fwm_api.hpp"
#include "cli/bridge_commands.hpp"
#include "cli/render.hpp"
#include "core/input_data.hpp"

namespace fwm::cli {
namespace {

struct RegisterOptions {
  std::string kind;
  std::string unique_name;
  std::string task_name;
  std::string app;
  std::string tag;
  std::vector<std::string> inputs;
  std::string input_json;
  std::string initial_delay;
  std::string frequency;
  std::string flex;
  std::string network;
  bool requires_charging = false;
  bool requires_battery_not_low = false;
  bool requires_device_idle = false;
  bool requires_storage_not_low = false;
  std::string policy;
  std::string backoff;
  std::string backoff_delay;
  bool expedited = false;
  std::string out_of_quota;
  bool dry_run = false;
  std::string vm_service;
};

// Reads --input-json: inline JSON, or @FILE.
std::string read_input_json(const std::string& text, std::vector<FieldNote>& problems) {
  if (text.empty() || text[0] != '@') return text;
  std::ifstream file(text.substr(1), std::ios::binary);
  if (!file) {
    problems.push_back({"inputData", "cannot read '" + text.substr(1) + "'"});
    return "{}";
  }
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

void put_if(nlohmann::json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

nlohmann::json request_json(const RegisterOptions& o, const CLI::App& cmd) {
  std::vector<FieldNote> problems;
  nlohmann::json r = nlohmann::json::object();
  r["kind"] = o.kind;
  r["uniqueName"] = o.unique_name;
  r["taskName"] = o.task_name;
  if (cmd.count("--tag") > 0) r["tag"] = o.tag;
  std::string input_json;
  if (cmd.count("--input-json") > 0) input_json = read_input_json(o.input_json, problems);
  r["inputData"] = merge_input_data(cmd.count("--input-json") > 0 ? &input_json : nullptr, o.inputs, problems);
  if (!problems.empty()) throw ValidationError(std::move(problems));
  put_if(r, "initialDelay", o.initial_delay);
  put_if(r, "frequency", o.frequency);
  put_if(r, "flexInterval", o.flex);
  nlohmann::json c = nlohmann::json::object();
  put_if(c, "networkType", o.network);
  if (o.requires_charging) c["requiresCharging"] = true;
  if (o.requires_battery_not_low) c["requiresBatteryNotLow"] = true;
  if (o.requires_device_idle) c["requiresDeviceIdle"] = true;
  if (o.requires_storage_not_low) c["requiresStorageNotLow"] = true;
  r["constraints"] = c;
  put_if(r, "existingWorkPolicy", o.policy);
  put_if(r, "backoffPolicy", o.backoff);
  put_if(r, "backoffPolicyDelay", o.backoff_delay);
  if (o.expedited) r["expedited"] = true;
  put_if(r, "outOfQuotaPolicy", o.out_of_quota);
  return r;
}

int run_register(const RegisterOptions& o, const CLI::App& cmd, const GlobalOptions& g) {
  nlohmann::json request = request_json(o, cmd);
  g.timeout();  // a malformed --timeout is a usage error even where no device step runs
  if (g.platform.empty() && o.dry_run) {
    throw ValidationError("platform", "name the platform whose rules apply: --platform android or ios");
  }
  if (!o.dry_run && g.platform.empty() && api::find_xcrun_runner()) {
    return register_on_devices(request, o.app, std::nullopt, o.vm_service, g);  // each device's rules
  }
  RegisterPlan plan =
      api::plan_register(request, o.app, api::platform_named(g.platform.empty() ? "android" : g.platform));
  if (!o.dry_run) return register_on_devices(request, o.app, plan, o.vm_service, g);
  if (g.json) {
    print_json(std::cout, register_plan_json(plan));
  } else {
    print_plan(std::cout, plan);
  }
  return 0;
}

}  // namespace

void add_register_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<RegisterOptions>();
  CLI::App* cmd = app.add_subcommand(
      "register", "Register a task as the plugin's registerOneOffTask / registerPeriodicTask / registerProcessingTask would");
  cmd->fallthrough();
  cmd->add_option("KIND", o->kind, "one-off, periodic or processing")->required();
  cmd->add_option("UNIQUE_NAME", o->unique_name, "The unique name (WorkManager unique work name, iOS BGTask identifier)")
      ->required();
  cmd->add_option("TASK_NAME", o->task_name, "The name your callbackDispatcher sees")->required();
  cmd->add_option("-a,--app", o->app, "Android package name or iOS bundle identifier")->required();
  cmd->add_option("--tag", o->tag, "A tag (Android), used by cancel --tag")->group("Task options");
  cmd->add_option("--input", o->inputs, "KEY=VALUE; VALUE is JSON when it parses as JSON, else a string (repeatable)")
      ->group("Task options");
  cmd->add_option("--input-json", o->input_json, "inputData as a JSON object, or @FILE")->group("Task options");
  cmd->add_option("--initial-delay", o->initial_delay, "Delay before the first run, e.g. 10s, 5m")->group("Task options");
  cmd->add_option("--frequency", o->frequency, "Periodic interval (default 15m; Android's minimum)")->group("Task options");
  cmd->add_option("--flex", o->flex, "Periodic flex interval (Android, minimum 5m)")->group("Task options");
  cmd->add_option("--network", o->network,
                  "connected, metered, not-required, not-roaming, unmetered, temporarily-unmetered")
      ->group("Task options");
  cmd->add_flag("--requires-charging", o->requires_charging, "Run only while charging")->group("Task options");
  cmd->add_flag("--requires-battery-not-low", o->requires_battery_not_low, "Run only when the battery is not low")
      ->group("Task options");
  cmd->add_flag("--requires-device-idle", o->requires_device_idle, "Run only while the device is idle")
      ->group("Task options");
  cmd->add_flag("--requires-storage-not-low", o->requires_storage_not_low, "Run only when storage is not low")
      ->group("Task options");
  cmd->add_option("--policy", o->policy,
                  "What to do when the unique name exists: append, keep, replace, update "
                  "(default: keep for one-off, update for periodic)")
      ->group("Task options");
  cmd->add_option("--backoff", o->backoff, "exponential or linear (needs --backoff-delay)")->group("Task options");
  cmd->add_option("--backoff-delay", o->backoff_delay, "First retry delay, e.g. 30s (needs --backoff)")
      ->group("Task options");
  cmd->add_flag("--expedited", o->expedited, "Expedited one-off work (Android)")->group("Task options");
  cmd->add_option("--out-of-quota", o->out_of_quota, "With --expedited: run-as-non-expedited or drop")
      ->group("Task options");
  cmd->add_flag("--dry-run", o->dry_run, "Check the request against the platform's rules and print what would be sent");
  add_vm_service_option(*cmd, o->vm_service);
  cmd->footer(
      "Examples:\n"
      "  fwm register periodic sync syncTask -a com.example.app --frequency 1h --flex 15m --platform android --dry-run\n"
      "  fwm register one-off upload uploadTask -a com.example.app --input id=42 --input 'tags=[\"a\",\"b\"]' \\\n"
      "      --network unmetered --backoff linear --backoff-delay 30s --platform android --dry-run --json\n"
      "  fwm register processing com.example.app.refresh refresh -a com.example.app --requires-charging --platform ios --dry-run\n"
      "Without --dry-run the task is registered on the device through the in-app bridge (enableFwmBridge() in a\n"
      "debug or profile build; exit 6 without it) and read back: the exit code says whether it holds the values.");
  cmd->callback([o, cmd, &global, &exit_code] { exit_code = run_register(*o, *cmd, global); });
}

}  // namespace fwm::cli
