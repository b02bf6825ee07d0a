// The Android parsers for Python: one JSON document each, camelCase keys, absent optionals left out.
#include "bindings/android_parsers.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "adb/am_broadcast.hpp"
#include "adb/diagnostics_report.hpp"
#include "adb/dumpsys_jobscheduler.hpp"
#include "adb/jobscheduler_cmd.hpp"
#include "adb/logcat_line.hpp"
#include "adb/package_facts.hpp"
#include "adb/plugin_generation.hpp"
#include "adb/work_data.hpp"
#include "adb/worker_log.hpp"
#include "core/json_fields.hpp"
#include "core/json_line.hpp"

namespace py = pybind11;
using nlohmann::json;
using fwm::put_optional;

namespace {

json job_json(const fwm::android::ScheduledJob& job) {
  json out = {
      {"package", job.package},
      {"uid", job.uid},
      {"jobId", job.job_id},
      {"namespace", job.namespace_},
      {"traceTag", job.trace_tag},
      {"service", job.service},
      {"required", job.required},
      {"satisfied", job.satisfied},
      {"unsatisfied", job.unsatisfied},
      {"standbyBucket", job.standby_bucket},
      {"networkTypeText", job.network_type_text},
      {"workSpecId", job.work_spec_id},
  };
  put_optional(out, "earliestRunMs", job.earliest_run_ms);
  put_optional(out, "latestRunMs", job.latest_run_ms);
  put_optional(out, "enqueueMs", job.enqueue_ms);
  put_optional(out, "ready", job.ready);
  put_optional(out, "requiresCharging", job.requires_charging);
  put_optional(out, "requiresBatteryNotLow", job.requires_battery_not_low);
  put_optional(out, "requiresDeviceIdle", job.requires_device_idle);
  put_optional(out, "backoffPolicy", job.backoff_policy);
  put_optional(out, "backoffInitialMs", job.backoff_initial_ms);
  put_optional(out, "numFailures", job.num_failures);
  return out;
}

json report_json(const fwm::android::DiagnosticsReport& report) {
  json rows = json::array();
  for (const auto& row : report.rows) {
    json r = {{"section", row.section}, {"id", row.id},       {"workerClass", row.worker_class}, {"state", row.state},
              {"uniqueNames", row.unique_names}, {"tags", row.tags}};
    put_optional(r, "jobId", row.job_id);
    rows.push_back(std::move(r));
  }
  return {{"found", report.found}, {"truncated", report.truncated}, {"rows", rows}, {"notes", report.notes}};
}

const char* kind_name(fwm::android::RunReplyKind kind) {
  using fwm::android::RunReplyKind;
  switch (kind) {
    case RunReplyKind::Running: return "running";
    case RunReplyKind::RunningForced: return "runningForced";
    case RunReplyKind::PackageNotFound: return "packageNotFound";
    case RunReplyKind::JobNotFound: return "jobNotFound";
    case RunReplyKind::NeedsForce: return "needsForce";
    case RunReplyKind::UnknownOption: return "unknownOption";
    case RunReplyKind::PermissionDenied: return "permissionDenied";
    case RunReplyKind::Other: return "other";
  }
  return "other";
}

}  // namespace

void def_android_parsers(py::module_& m) {
  m.def(
      "parse_dumpsys_jobscheduler",
      [](const std::string& text, const std::string& package) {
        json jobs = json::array();
        for (const auto& job : fwm::android::parse_dumpsys_jobscheduler(text, package)) jobs.push_back(job_json(job));
        return fwm::json_line(jobs);
      },
      py::arg("text"), py::arg("package"),
      "The package's jobs (every job for an empty package) in `dumpsys jobscheduler` output, as a JSON array.");
  m.def(
      "parse_diagnostics_report",
      [](const std::string& text) { return fwm::json_line(report_json(fwm::android::parse_diagnostics_report(text))); },
      py::arg("text"), "The last WorkManager diagnostics report in logcat text, as JSON.");
  m.def(
      "parse_jobscheduler_help",
      [](const std::string& text) {
        auto help = fwm::android::parse_jobscheduler_help(text);
        return fwm::json_line({{"hasRun", help.has_run},
                               {"supportsForce", help.supports_force},
                               {"supportsNamespace", help.supports_namespace},
                               {"supportsSatisfied", help.supports_satisfied}});
      },
      py::arg("text"), "What `cmd jobscheduler run` accepts, from `cmd jobscheduler help`, as JSON.");
  m.def(
      "parse_jobscheduler_run_reply",
      [](const std::string& out, const std::string& err) {
        auto reply = fwm::android::parse_jobscheduler_run_reply(out, err);
        return fwm::json_line({{"kind", kind_name(reply.kind)}, {"message", reply.message}});
      },
      py::arg("out"), py::arg("err"), "The outcome of `cmd jobscheduler run` from its stdout and stderr, as JSON.");
  m.def(
      "parse_am_broadcast",
      [](const std::string& text) {
        auto reply = fwm::android::parse_am_broadcast(text);
        json out = {{"completed", reply.completed}, {"data", reply.data}};
        put_optional(out, "result", reply.result);
        return fwm::json_line(out);
      },
      py::arg("text"), "The `Broadcast completed:` line of `am broadcast` output, as JSON.");
  m.def(
      "plugin_generation",
      [](const std::string& worker_class, const std::string& data_json) -> std::optional<std::string> {
        auto generation = fwm::android::generation_of_work(worker_class, json::parse(data_json));
        if (!generation) return std::nullopt;
        return fwm::android::generation_label(*generation);
      },
      py::arg("worker_class"), py::arg("data_json"),
      "The workmanager release that wrote a WorkSpec (its worker class and decoded input Data as JSON), e.g. "
      "\"0.5.2-0.7.0\"; None when the Data holds no DART_TASK key.");
  m.def(
      "parse_callback_handles",
      [](const std::string& xml) {
        auto handles = fwm::android::parse_callback_handles(xml);
        json out = json::object();
        put_optional(out, "current", handles.current);
        put_optional(out, "legacy", handles.legacy);
        return fwm::json_line(out);
      },
      py::arg("xml"),
      "The callback handles in the plugin's SharedPreferences XML as JSON: current (dev.fluttercommunity key, "
      ">= 0.8.0) and legacy (be.tramckrijte key), each absent when not stored.");
  m.def("worker_result_for", &fwm::android::worker_result_for, py::arg("logcat"), py::arg("work_id"),
        "The result WorkerWrapper logged for the work id (SUCCESS, RETRY, FAILURE; the last one), or None.");
  m.def(
      "parse_log_line",
      [](const std::string& line) -> std::optional<std::string> {
        auto parsed = fwm::android::parse_log_line(line);
        if (!parsed) return std::nullopt;
        return fwm::json_line({{"layout", parsed->layout},
                               {"monthDay", parsed->month_day},
                               {"time", parsed->time},
                               {"pid", parsed->pid},
                               {"tid", parsed->tid},
                               {"level", std::string(1, parsed->level)},
                               {"tag", parsed->tag},
                               {"package", parsed->package},
                               {"message", parsed->message}});
      },
      py::arg("line"), "The fields of one logcat line in any layout fwm reads, as JSON; None when it has no prefix.");
  m.def(
      "parse_threadtime_line",
      [](const std::string& line) -> std::optional<std::string> {
        auto parsed = fwm::android::parse_threadtime_line(line);
        if (!parsed) return std::nullopt;
        return fwm::json_line({{"monthDay", parsed->month_day},
                               {"time", parsed->time},
                               {"pid", parsed->pid},
                               {"tid", parsed->tid},
                               {"level", std::string(1, parsed->level)},
                               {"tag", parsed->tag},
                               {"message", parsed->message}});
      },
      py::arg("line"), "The fields of one `logcat -v threadtime` line as JSON; None when it is not one.");
  m.def(
      "decode_work_data",
      [](const py::bytes& blob) {
        auto data = fwm::android::decode_work_data_ordered(std::string(blob));
        return data.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      },
      py::arg("blob"),
      "A WorkManager Data blob (V1 or V0) as a JSON object in blob order. Raises ValueError when malformed.");
  m.def(
      "parse_package_dump",
      [](const std::string& text, const std::string& package) {
        auto facts = fwm::android::parse_package_dump(text, package);
        json out = {{"found", facts.found},
                    {"debuggable", facts.debuggable},
                    {"versionName", facts.version_name},
                    {"diagnosticsReceiver", facts.diagnostics_receiver}};
        put_optional(out, "targetSdk", facts.target_sdk);
        put_optional(out, "postNotificationsGranted", facts.post_notifications_granted);
        return fwm::json_line(out);
      },
      py::arg("text"), py::arg("package"), "What doctor reads in `dumpsys package PKG`, as JSON.");
  m.def("run_any_in_background_mode", &fwm::android::run_any_in_background_mode, py::arg("text"),
        "The mode in `cmd appops get PKG RUN_ANY_IN_BACKGROUND` output; \"\" when not listed.");
}
