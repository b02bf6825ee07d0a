// The iOS register rules (plugin workmanager_apple 0.9.x).
#include "xcrun/ios_task_rules.hpp"

#include <regex>
#include <string>

namespace fwm::ios {
namespace {

template <typename T>
void ignore(std::optional<T>& value, const char* field, const std::string& why, Findings& out) {
  if (!value) return;
  out.warnings.push_back({field, why});
  value.reset();
}

bool any_constraint(const Constraints& c) {
  return c.network_type || c.requires_battery_not_low || c.requires_charging || c.requires_device_idle ||
         c.requires_storage_not_low;
}

void apply_processing_constraints(Constraints& c, Findings& out) {
  if (c.network_type && *c.network_type != NetworkType::Connected && *c.network_type != NetworkType::Metered &&
      *c.network_type != NetworkType::NotRequired) {
    out.warnings.push_back({"constraints.networkType",
                            "iOS only knows \"requires network connectivity\", set by connected or metered; "
                            "this value means no network requirement"});
    c.network_type = NetworkType::NotRequired;
  }
  if (c.network_type == NetworkType::Metered) c.network_type = NetworkType::Connected;
  if (!c.network_type) c.network_type = NetworkType::NotRequired;
  if (!c.requires_charging) c.requires_charging = false;
  const std::string why = "BGProcessingTaskRequest has no such requirement; iOS ignores it";
  ignore(c.requires_battery_not_low, "constraints.requiresBatteryNotLow", why, out);
  ignore(c.requires_device_idle, "constraints.requiresDeviceIdle", why, out);
  ignore(c.requires_storage_not_low, "constraints.requiresStorageNotLow", why, out);
}

}  // namespace

void IosTaskRules::check_app(std::string_view app, Findings& out) const {
  static const std::regex kBundle(R"([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)");
  if (app.empty()) {
    out.problems.push_back({"app", "name the app with -a BUNDLE_ID, e.g. -a com.example.app"});
  } else if (app.size() > 255 || !std::regex_match(app.begin(), app.end(), kBundle)) {
    out.problems.push_back({"app", "'" + std::string(app) +
                                       "' is not an iOS bundle identifier (letters, digits, - and ., e.g. "
                                       "com.example.app)"});
  }
}

void IosTaskRules::apply(TaskRequest& t, Findings& out) const {
  ignore(t.tag, "tag", "iOS keeps no tags (cancel by tag is Android-only)", out);
  ignore(t.existing_work_policy, "existingWorkPolicy",
         "iOS has no existing-work policy: a new request replaces the pending one with the same identifier", out);
  ignore(t.backoff_policy, "backoffPolicy", "iOS has no backoff: a failed task is not retried", out);
  t.backoff_policy_delay.reset();
  if (t.expedited) {
    out.warnings.push_back({"expedited", "expedited work is Android-only; iOS ignores it"});
    t.expedited = false;
  }
  ignore(t.out_of_quota_policy, "outOfQuotaPolicy", "out-of-quota policies are Android-only", out);
  if (!t.initial_delay) t.initial_delay = Millis(0);

  switch (t.kind) {
    case TaskKind::OneOff:
      out.warnings.push_back({"kind", "iOS runs a one-off task in the app's process (a timer under "
                                      "beginBackgroundTask): it dies with the app and cannot be listed, "
                                      "triggered or cancelled from outside"});
      if (any_constraint(t.constraints)) {
        out.warnings.push_back({"constraints", "iOS one-off tasks take no constraints; they are ignored"});
        t.constraints = Constraints{};
      }
      break;
    case TaskKind::Periodic:
      ignore(t.frequency, "frequency",
             "iOS ignores frequency: BGAppRefreshTask runs when the OS decides, no earlier than initialDelay",
             out);
      ignore(t.flex_interval, "flexInterval", "iOS has no flex interval; it is ignored", out);
      if (any_constraint(t.constraints)) {
        out.warnings.push_back({"constraints", "BGAppRefreshTask takes no constraints; they are ignored"});
        t.constraints = Constraints{};
      }
      break;
    case TaskKind::Processing:
      if (!t.input_data.empty()) {
        out.warnings.push_back({"inputData", "the iOS plugin does not deliver inputData to processing tasks: "
                                             "the callback receives null"});
      }
      apply_processing_constraints(t.constraints, out);
      break;
  }
  if (t.kind != TaskKind::OneOff && t.task_name != t.unique_name) {
    out.warnings.push_back({"taskName", "iOS hands BGTask callbacks the identifier: your callback sees '" +
                                            t.unique_name + "' as taskName, not '" + t.task_name + "'"});
  }
}

}  // namespace fwm::ios
