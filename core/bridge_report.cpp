// Building, checking and printing bridge reports.
#include "core/bridge_report.hpp"

#include <algorithm>

#include "core/task_names.hpp"
#include "core/task_request.hpp"

namespace fwm {
namespace {

void compare_duration(std::vector<std::string>& out, const char* field, const std::optional<Millis>& asked,
                      const std::optional<Millis>& found) {
  if (asked && found && asked->count() / 1000 != found->count() / 1000) {
    out.push_back(std::string(field) + ": asked " + format_duration(*asked) + ", found " + format_duration(*found));
  }
}

template <typename T>
void compare_value(std::vector<std::string>& out, const char* field, const std::optional<T>& asked,
                   const std::optional<T>& found) {
  if (asked && found && *asked != *found) {
    if constexpr (std::is_same_v<T, bool>) {
      out.push_back(std::string(field) + ": asked " + (*asked ? "true" : "false") + ", found " +
                    (*found ? "true" : "false"));
    } else {
      out.push_back(std::string(field) + ": asked " + std::string(name_of(*asked)) + ", found " +
                    std::string(name_of(*found)));
    }
  }
}

nlohmann::json tasks_json(const std::vector<ListedTask>& tasks) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : tasks) out.push_back(listed_task_json(t));
  return out;
}

int code_of(bool ok, ErrorKind kind) { return ok ? 0 : exit_code(kind); }

}  // namespace

int RegisterReport::exit_code() const { return code_of(ok, code); }

int CancelReport::exit_code() const { return code_of(ok, ErrorKind::Failed); }

bool is_pending_state(const std::string& state) {
  return state == "enqueued" || state == "running" || state == "blocked" || state == "scheduled";
}

std::vector<std::string> register_mismatches(const TaskRequest& e, const ListedTask& t) {
  std::vector<std::string> out;
  if (!t.task_name.empty() && t.task_name != e.task_name) {
    out.push_back("taskName: asked " + e.task_name + ", found " + t.task_name);
  }
  if (t.kind && *t.kind != e.kind) {
    out.push_back("kind: asked " + std::string(name_of(e.kind)) + ", found " + std::string(name_of(*t.kind)));
  }
  if (e.tag && std::find(t.tags.begin(), t.tags.end(), *e.tag) == t.tags.end()) {
    out.push_back("tag: asked " + *e.tag + ", not found");
  }
  if (t.input_data && *t.input_data != e.input_data) {
    out.push_back("inputData: asked " + e.input_data.dump() + ", found " + t.input_data->dump());
  }
  compare_duration(out, "initialDelay", e.initial_delay, t.initial_delay);
  if (e.kind == TaskKind::Periodic) {
    compare_duration(out, "frequency", e.frequency, t.frequency);
    compare_duration(out, "flexInterval", e.flex_interval, t.flex_interval);
  }
  if (t.constraints) {
    const Constraints& a = e.constraints;
    const Constraints& f = *t.constraints;
    compare_value(out, "constraints.networkType", a.network_type, f.network_type);
    compare_value(out, "constraints.requiresCharging", a.requires_charging, f.requires_charging);
    compare_value(out, "constraints.requiresBatteryNotLow", a.requires_battery_not_low, f.requires_battery_not_low);
    compare_value(out, "constraints.requiresDeviceIdle", a.requires_device_idle, f.requires_device_idle);
    compare_value(out, "constraints.requiresStorageNotLow", a.requires_storage_not_low, f.requires_storage_not_low);
  }
  compare_value(out, "backoffPolicy", e.backoff_policy, t.backoff_policy);
  compare_duration(out, "backoffPolicyDelay", e.backoff_policy_delay, t.backoff_delay);
  if (e.kind == TaskKind::OneOff) compare_value(out, "expedited", std::optional<bool>(e.expedited), t.expedited);
  return out;
}

nlohmann::json register_report_json(const RegisterReport& r) {
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& w : r.plan.warnings) warnings.push_back({{"field", w.field}, {"message", w.message}});
  nlohmann::json out = {{"schema", "fwm/1"},
                        {"device", device_json(r.device)},
                        {"app", r.plan.app},
                        {"platform", name_of(r.plan.platform)},
                        {"effective", task_request_to_json(r.plan.effective)},
                        {"requested", task_request_to_json(r.plan.requested)},
                        {"warnings", warnings},
                        {"bridge", bridge_hello_json(r.bridge)},
                        {"verified", r.ok},
                        {"mismatches", r.mismatches},
                        {"message", r.message},
                        {"exitCode", r.exit_code()}};
  if (r.task) out["task"] = listed_task_json(*r.task);
  return out;
}

nlohmann::json cancel_report_json(const CancelReport& r) {
  nlohmann::json selector = nlohmann::json::object();
  if (!r.selector.unique_name.empty()) selector["uniqueName"] = r.selector.unique_name;
  if (!r.selector.tag.empty()) selector["tag"] = r.selector.tag;
  if (r.selector.all) selector["all"] = true;
  return {{"schema", "fwm/1"},
          {"device", device_json(r.device)},
          {"app", r.app},
          {"selector", selector},
          {"bridge", bridge_hello_json(r.bridge)},
          {"cancelled", tasks_json(r.cancelled)},
          {"remaining", tasks_json(r.remaining)},
          {"verified", r.ok && r.read_back},
          {"message", r.message},
          {"exitCode", r.exit_code()}};
}

}  // namespace fwm
