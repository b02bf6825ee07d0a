// The Android register rules (plugin workmanager_android 0.10.x on WorkManager 2.8-2.11).
#include "adb/android_task_rules.hpp"

#include <regex>
#include <string>

#include "core/input_data.hpp"

namespace fwm::android {
namespace {

void clamp_up(Millis& value, Millis minimum, const char* field, const std::string& why, Findings& out) {
  if (value >= minimum) return;
  out.warnings.push_back({field, format_duration(value) + " is below " + why + "; WorkManager uses " +
                                     format_duration(minimum)});
  value = minimum;
}

void apply_periodic(TaskRequest& t, Findings& out) {
  Millis frequency = t.frequency.value_or(kMinPeriodicInterval);
  clamp_up(frequency, kMinPeriodicInterval, "frequency", "Android's 15-minute minimum interval", out);
  t.frequency = frequency;
  if (t.flex_interval) {
    Millis flex = *t.flex_interval;
    clamp_up(flex, kMinPeriodicFlex, "flexInterval", "Android's 5-minute minimum flex", out);
    if (flex > frequency) {
      out.warnings.push_back({"flexInterval", format_duration(flex) + " is longer than the interval; WorkManager uses " +
                                                  format_duration(frequency)});
      flex = frequency;
    }
    t.flex_interval = flex;
  } else {
    t.flex_interval = frequency;
  }
  if (!t.existing_work_policy) t.existing_work_policy = ExistingWorkPolicy::Update;
}

void apply_one_off(TaskRequest& t, Findings& out) {
  if (!t.existing_work_policy) {
    t.existing_work_policy = ExistingWorkPolicy::Keep;
  } else if (*t.existing_work_policy == ExistingWorkPolicy::Update) {
    out.warnings.push_back({"existingWorkPolicy",
                            "the Android plugin maps one-off update to APPEND_OR_REPLACE: the new task is "
                            "chained after pending work with the same name, not updated in place"});
    t.existing_work_policy = ExistingWorkPolicy::AppendOrReplace;
  } else if (*t.existing_work_policy == ExistingWorkPolicy::Append) {
    t.existing_work_policy = ExistingWorkPolicy::AppendOrReplace;
  }
  if (t.expedited) {
    if (t.initial_delay && t.initial_delay->count() > 0) {
      out.problems.push_back({"initialDelay", "expedited work cannot be delayed (WorkManager throws "
                                              "\"Expedited jobs cannot be delayed\"): drop --initial-delay or --expedited"});
    }
    const auto& c = t.constraints;
    if (c.requires_charging.value_or(false) || c.requires_battery_not_low.value_or(false) ||
        c.requires_device_idle.value_or(false)) {
      out.problems.push_back({"constraints", "expedited work supports only network and storage constraints "
                                             "(WorkManager throws): drop --requires-charging, "
                                             "--requires-battery-not-low and --requires-device-idle, or --expedited"});
    }
    if (!t.out_of_quota_policy) t.out_of_quota_policy = OutOfQuotaPolicy::RunAsNonExpeditedWorkRequest;
  }
}

void apply_backoff(TaskRequest& t, Findings& out) {
  if (!t.backoff_policy) {
    t.backoff_policy = BackoffPolicy::Exponential;
    t.backoff_policy_delay = kDefaultBackoffDelay;
    return;
  }
  Millis delay = *t.backoff_policy_delay;
  clamp_up(delay, kMinBackoffDelay, "backoffPolicyDelay", "WorkManager's 10-second minimum backoff", out);
  if (delay > kMaxBackoffDelay) {
    out.warnings.push_back({"backoffPolicyDelay", format_duration(delay) +
                                                      " is above WorkManager's 5-hour maximum backoff; it uses 5h"});
    delay = kMaxBackoffDelay;
  }
  t.backoff_policy_delay = delay;
  if (t.constraints.requires_device_idle.value_or(false)) {
    out.warnings.push_back({"backoffPolicy", "JobScheduler cannot combine backoff with requiresDeviceIdle: "
                                             "WorkManager leaves the backoff out of the job"});
  }
}

void check_input_data(const TaskRequest& t, Findings& out) {
  for (const auto& [key, value] : t.input_data.items()) {
    if (value.is_null()) {
      // WorkManagerUtils.kt@af5d75a:194-198 (filterNotNullKeys, used at :207 and :285)
      out.warnings.push_back({"inputData." + key,
                              "the plugin drops top-level nulls: no key is stored and the callback does not get \"" +
                                  key + "\" back (only nulls nested inside maps or lists survive, inside the JSON); "
                                  "workmanager 0.8.0 and older fail on a null instead"});
    } else if (needs_json_payload(value)) {
      out.warnings.push_back({"inputData." + key,
                              "maps, mixed lists and nested lists travel as JSON (json_payload_) and need "
                              "workmanager >= 0.9.1; older plugins fail with \"Unsupported payload type\" (maps) "
                              "or keep only a list's String elements"});
    }
  }
  std::size_t size = android_data_size_estimate(t.input_data, t.task_name);
  if (size > kMaxDataBytes) {
    out.problems.push_back({"inputData", "serializes to about " + std::to_string(size) +
                                             " bytes; WorkManager's Data holds at most 10240: pass a smaller "
                                             "payload, e.g. a file path or an id"});
  }
}

}  // namespace

void AndroidTaskRules::check_app(std::string_view app, Findings& out) const {
  static const std::regex kPackage(R"([A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+)");
  if (app.empty()) {
    out.problems.push_back({"app", "name the app with -a PACKAGE, e.g. -a com.example.app"});
  } else if (app.size() > 255 || !std::regex_match(app.begin(), app.end(), kPackage)) {
    out.problems.push_back({"app", "'" + std::string(app) +
                                       "' is not an Android package name (letters, digits and _ in two or "
                                       "more dot-separated parts, e.g. com.example.app)"});
  }
}

void AndroidTaskRules::apply(TaskRequest& t, Findings& out) const {
  if (t.kind == TaskKind::Processing) {
    out.problems.push_back({"kind", "processing tasks are iOS-only: the plugin throws UnsupportedError on "
                                    "Android; register a one-off or periodic task"});
    return;
  }
  if (!t.initial_delay) t.initial_delay = Millis(0);
  if (t.kind == TaskKind::Periodic) {
    apply_periodic(t, out);
  } else {
    apply_one_off(t, out);
  }
  apply_backoff(t, out);
  auto& c = t.constraints;
  if (c.network_type == NetworkType::TemporarilyUnmetered) {
    out.warnings.push_back({"constraints.networkType",
                            "temporarilyUnmetered needs Android 11 (API 30); older devices get unmetered"});
  }
  if (!c.network_type) c.network_type = NetworkType::NotRequired;
  if (!c.requires_charging) c.requires_charging = false;
  if (!c.requires_battery_not_low) c.requires_battery_not_low = false;
  if (!c.requires_device_idle) c.requires_device_idle = false;
  if (!c.requires_storage_not_low) c.requires_storage_not_low = false;
  check_input_data(t, out);
}

}  // namespace fwm::android
