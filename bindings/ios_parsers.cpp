// The iOS parsers for Python: one JSON document each, camelCase keys, absent optionals left out.
#include "bindings/ios_parsers.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "core/json_fields.hpp"
#include "core/json_line.hpp"
#include "xcrun/devicectl_json.hpp"
#include "xcrun/devicectl_results.hpp"
#include "xcrun/launchctl_list.hpp"
#include "xcrun/lldb_output.hpp"
#include "xcrun/lldb_script.hpp"
#include "xcrun/openstep_plist.hpp"
#include "xcrun/plugin_defaults.hpp"
#include "xcrun/scheduled_tasks_text.hpp"
#include "xcrun/simctl_apps.hpp"
#include "xcrun/simctl_devices.hpp"
#include "xcrun/simctl_error.hpp"
#include "xcrun/simulate_launch_log.hpp"
#include "xcrun/unified_log.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace py = pybind11;
using nlohmann::json;
using fwm::put_nonempty;
using fwm::put_optional;

namespace {

json simulator_json(const fwm::ios::Simulator& s) {
  json out = {{"udid", s.udid}, {"name", s.name}, {"state", s.state}, {"runtimeId", s.runtime_id},
              {"osName", s.os_name}, {"osVersion", s.os_version}, {"isAvailable", s.is_available},
              {"deviceTypeIdentifier", s.device_type_identifier}};
  put_nonempty(out, "availabilityError", s.availability_error);
  put_nonempty(out, "dataPath", s.data_path);
  put_nonempty(out, "logPath", s.log_path);
  put_nonempty(out, "lastBootedAt", s.last_booted_at);
  return out;
}

json installed_app_json(const fwm::ios::InstalledApp& a) {
  json out = {{"bundleId", a.bundle_id}, {"name", a.name}, {"applicationType", a.application_type}};
  put_nonempty(out, "path", a.path);
  put_nonempty(out, "dataContainer", a.data_container);
  put_nonempty(out, "version", a.version);
  put_nonempty(out, "bundleVersion", a.bundle_version);
  return out;
}

json launchd_job_json(const fwm::ios::LaunchdJob& j) {
  json out = {{"label", j.label}};
  put_optional(out, "pid", j.pid);
  put_optional(out, "status", j.status);
  put_nonempty(out, "bundleId", j.bundle_id);
  return out;
}

json log_record_json(const fwm::ios::UnifiedLogRecord& r) {
  json out = {{"timestamp", r.timestamp}, {"process", r.process}, {"subsystem", r.subsystem},
              {"category", r.category}, {"messageType", r.message_type}, {"eventType", r.event_type},
              {"eventMessage", r.event_message}};
  put_nonempty(out, "senderImagePath", r.sender_image_path);
  put_optional(out, "processID", r.process_id);
  return out;
}

const char* error_kind_name(fwm::ErrorKind kind) { return fwm::kind_name(kind); }

json envelope_json(const fwm::ios::DevicectlEnvelope& e) {
  json out = {{"commandType", e.command_type}, {"outcome", e.outcome}, {"version", e.version},
              {"jsonVersion", e.json_version}, {"failed", e.failed()}, {"result", e.result}};
  if (e.failed()) {
    json chain = json::array();
    for (const auto& link : e.error_chain) {
      json l = {{"domain", link.domain}, {"code", link.code}, {"description", link.description}};
      put_nonempty(l, "reason", link.reason);
      chain.push_back(std::move(l));
    }
    out["error"] = {{"kind", error_kind_name(fwm::ios::devicectl_error_kind(e.error_chain))},
                    {"message", fwm::ios::devicectl_error_message(e.error_chain)},
                    {"chain", chain}};
  }
  return out;
}

json core_device_json(const fwm::ios::CoreDevice& d) {
  json out = {{"identifier", d.identifier}, {"name", d.name}, {"udid", d.udid}, {"model", d.model},
              {"productType", d.product_type}, {"platform", d.platform}, {"osVersion", d.os_version},
              {"osBuild", d.os_build}, {"reality", d.reality}, {"transportType", d.transport_type},
              {"pairingState", d.pairing_state}, {"tunnelState", d.tunnel_state},
              {"developerModeStatus", d.developer_mode}};
  put_nonempty(out, "bootState", d.boot_state);
  put_optional(out, "ddiServicesAvailable", d.ddi_services_available);
  return out;
}

json process_json(const fwm::ios::DeviceProcess& p) {
  json out = {{"pid", p.pid}};
  put_nonempty(out, "executable", p.executable);
  return out;
}

// The result of a devicectl envelope's text; raises the envelope's fwm error when it failed.
json result_of(const std::string& text) {
  return fwm::ios::devicectl_result(fwm::ios::parse_devicectl_envelope(text), "");
}

const char* failure_name(fwm::ios::LldbFailure f) {
  using fwm::ios::LldbFailure;
  switch (f) {
    case LldbFailure::None: return "none";
    case LldbFailure::AnotherDebugger: return "anotherDebugger";
    case LldbFailure::NotPermitted: return "notPermitted";
    case LldbFailure::ProcessNotFound: return "processNotFound";
    case LldbFailure::DeviceNotFound: return "deviceNotFound";
    case LldbFailure::NoDeviceSelected: return "noDeviceSelected";
    case LldbFailure::LldbTooOld: return "lldbTooOld";
    case LldbFailure::ConnectTimeout: return "connectTimeout";
    case LldbFailure::ConnectionInvalidated: return "connectionInvalidated";
    case LldbFailure::Other: return "other";
  }
  return "other";
}

json transcript_json(const fwm::ios::LldbTranscript& t) {
  json out = {{"attached", t.attached}, {"detached", t.detached}, {"failure", failure_name(t.failure)}};
  put_optional(out, "pid", t.pid);
  if (t.failure != fwm::ios::LldbFailure::None) {
    fwm::Error error = fwm::ios::lldb_error(t, "");
    out["failureLine"] = t.failure_line;
    out["errorKind"] = fwm::kind_name(error.kind());
    out["message"] = error.what();
  }
  return out;
}

fwm::ios::BgTaskAction action_named(const std::string& name) {
  if (name == "launch") return fwm::ios::BgTaskAction::SimulateLaunch;
  if (name == "expire") return fwm::ios::BgTaskAction::SimulateExpiration;
  if (name == "cancel") return fwm::ios::BgTaskAction::Cancel;
  throw py::value_error("action must be launch, expire or cancel");
}

const char* verdict_name(fwm::ios::SimulatedLaunch v) {
  switch (v) {
    case fwm::ios::SimulatedLaunch::Accepted: return "accepted";
    case fwm::ios::SimulatedLaunch::NotScheduled: return "notScheduled";
    case fwm::ios::SimulatedLaunch::Unknown: break;
  }
  return "unknown";
}

json plugin_defaults_json(const fwm::ios::PluginDefaults& d) {
  json scheduled = json::array();
  for (const auto& t : d.scheduled_tasks) {
    json entry = {{"identifier", t.identifier}, {"kind", t.kind}};
    put_optional(entry, "earliestBeginInSeconds", t.earliest_begin_in_seconds);
    scheduled.push_back(std::move(entry));
  }
  json infos = json::array();
  for (const auto& w : d.work_infos) {
    json entry = {{"uniqueName", w.unique_name}, {"state", w.state}, {"isPeriodic", w.is_periodic}};
    put_nonempty(entry, "taskName", w.task_name);
    put_optional(entry, "lastFinishedAt", w.last_finished_at);
    put_optional(entry, "updatedAt", w.updated_at);
    infos.push_back(std::move(entry));
  }
  json out = {{"keyPrefix", d.key_prefix}, {"scheduledTasks", scheduled}, {"workInfos", infos},
              {"periodicTaskInputData", d.periodic_input_data}, {"notes", d.notes}};
  put_optional(out, "callbackHandle", d.callback_handle);
  return out;
}

template <typename T, typename F>
std::string json_array(const std::vector<T>& items, F to_json) {
  json out = json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return fwm::json_line(out);
}

fwm::Deadline deadline_after(long long timeout_ms) { return fwm::Deadline::after(fwm::Millis(timeout_ms)); }

// Runs a blocking runner call with the GIL released and earlier interrupts forgotten.
template <typename F>
auto released(F&& call) {
  fwm::clear_interrupt();
  py::gil_scoped_release release;
  return call();
}

void def_runner(py::module_& m) {
  m.def("ios_find_xcrun", &fwm::ios::find_xcrun, py::arg("explicit_path") = "",
        "The xcrun fwm would run (explicit path, else $DEVELOPER_DIR/usr/bin/xcrun, else PATH). Raises fwm.errors.HostToolMissing.");
  m.def(
      "ios_run_xcrun",
      [](const std::string& xcrun, const std::vector<std::string>& args, long long timeout_ms) {
        auto result = released([&] { return fwm::ios::XcrunRunner(xcrun).run(args, deadline_after(timeout_ms), ""); });
        return py::make_tuple(result.exit_code, py::bytes(result.out), py::bytes(result.err));
      },
      py::arg("xcrun"), py::arg("args"), py::arg("timeout_ms"), "`xcrun ARGS...`: (exit code, stdout, stderr).");
  m.def(
      "ios_simctl",
      [](const std::string& xcrun, const std::vector<std::string>& args, long long timeout_ms) {
        return released([&] { return fwm::ios::XcrunRunner(xcrun).simctl(args, deadline_after(timeout_ms), ""); });
      },
      py::arg("xcrun"), py::arg("args"), py::arg("timeout_ms"), "`xcrun simctl ARGS...` stdout; raises fwm errors.");
  m.def(
      "ios_devicectl",
      [](const std::string& xcrun, const std::vector<std::string>& args, long long timeout_ms) {
        auto result =
            released([&] { return fwm::ios::XcrunRunner(xcrun).devicectl(args, deadline_after(timeout_ms), ""); });
        return fwm::json_line(result);
      },
      py::arg("xcrun"), py::arg("args"), py::arg("timeout_ms"),
      "`xcrun devicectl ARGS... --json-output TMP`: the envelope's result as JSON; raises fwm errors.");
  m.def(
      "ios_lldb",
      [](const std::string& xcrun, const std::vector<std::string>& commands, long long timeout_ms) {
        auto transcript =
            released([&] { return fwm::ios::XcrunRunner(xcrun).lldb(commands, deadline_after(timeout_ms), ""); });
        return fwm::json_line(transcript_json(transcript));
      },
      py::arg("xcrun"), py::arg("commands"), py::arg("timeout_ms"),
      "`xcrun lldb --batch -o ...`: the transcript as JSON; raises fwm errors.");
}

}  // namespace

void def_ios_parsers(py::module_& m) {
  m.def(
      "ios_parse_simctl_devices",
      [](const std::string& text) { return json_array(fwm::ios::parse_simctl_devices(text), simulator_json); },
      py::arg("text"), "`simctl list devices -j` as a JSON array of simulators. Raises ValueError.");
  m.def(
      "ios_parse_openstep_plist", [](const std::string& text) { return fwm::json_line(fwm::ios::parse_openstep_plist(text)); },
      py::arg("text"), "An old-style plist as JSON (data as a JSON binary value). Raises ValueError.");
  m.def(
      "ios_parse_simctl_listapps",
      [](const std::string& text) { return json_array(fwm::ios::parse_simctl_listapps(text), installed_app_json); },
      py::arg("text"), "`simctl listapps` as a JSON array of apps. Raises ValueError.");
  m.def(
      "ios_parse_app_container", [](const std::string& text) { return fwm::json_line(fwm::ios::parse_app_container(text)); },
      py::arg("text"), "`simctl get_app_container` output: the path as a JSON string. Raises ValueError.");
  m.def(
      "ios_parse_launchctl_list",
      [](const std::string& text) { return json_array(fwm::ios::parse_launchctl_list(text), launchd_job_json); },
      py::arg("text"), "`launchctl list` as a JSON array of jobs.");
  m.def(
      "ios_parse_unified_log",
      [](const std::string& text) { return json_array(fwm::ios::parse_unified_log(text), log_record_json); },
      py::arg("text"), "`log show|stream --style json|ndjson` as a JSON array of records. Raises ValueError.");
  m.def("ios_unified_log_time_us", &fwm::ios::unified_log_time_us, py::arg("timestamp"),
        "A unified-log timestamp (local time with its UTC offset) as microseconds since 1970 UTC, or None.");
  m.def(
      "ios_parse_simctl_error",
      [](const std::string& err) {
        auto e = fwm::ios::parse_simctl_error(err);
        json out = {{"domain", e.domain}, {"message", e.message}, {"kind", fwm::kind_name(fwm::ios::simctl_error_kind(e))}};
        put_optional(out, "code", e.code);
        return fwm::json_line(out);
      },
      py::arg("err"), "simctl's stderr of a failed command as JSON.");
  m.def(
      "ios_parse_devicectl_envelope",
      [](const std::string& text) { return fwm::json_line(envelope_json(fwm::ios::parse_devicectl_envelope(text))); },
      py::arg("text"), "A devicectl --json-output envelope as JSON (error message, kind and chain when failed).");
  m.def(
      "ios_parse_devicectl_devices",
      [](const std::string& text) { return json_array(fwm::ios::devicectl_devices(result_of(text)), core_device_json); },
      py::arg("text"), "`devicectl list devices` JSON as a JSON array of devices; raises the envelope's fwm error.");
  m.def(
      "ios_parse_devicectl_apps",
      [](const std::string& text) {
        return json_array(fwm::ios::devicectl_apps(result_of(text)), [](const fwm::ios::DeviceApp& a) {
          return json{{"bundleId", a.bundle_id}, {"name", a.name}, {"version", a.version},
                      {"bundleVersion", a.bundle_version}, {"url", a.url}, {"builtByDeveloper", a.built_by_developer}};
        });
      },
      py::arg("text"), "`devicectl device info apps` JSON as a JSON array of apps; raises the envelope's fwm error.");
  m.def(
      "ios_parse_devicectl_processes",
      [](const std::string& text) { return json_array(fwm::ios::devicectl_processes(result_of(text)), process_json); },
      py::arg("text"), "`devicectl device info processes` JSON as a JSON array; raises the envelope's fwm error.");
  m.def(
      "ios_parse_devicectl_launch",
      [](const std::string& text) -> std::optional<std::string> {
        auto process = fwm::ios::devicectl_launched_process(result_of(text));
        if (!process) return std::nullopt;
        return fwm::json_line(process_json(*process));
      },
      py::arg("text"), "The launched process of `devicectl device process launch` JSON; None without one.");
  m.def(
      "ios_app_process",
      [](const std::string& processes_text, const std::string& app_url) -> std::optional<long long> {
        return fwm::ios::app_process(fwm::ios::devicectl_processes(result_of(processes_text)), app_url);
      },
      py::arg("processes_text"), py::arg("app_url"), "The PID of the app installed at APP_URL, or None.");
  m.def(
      "ios_lldb_commands",
      [](const std::string& device_id, long long pid, const std::string& action, const std::string& identifier) {
        return fwm::ios::lldb_commands({device_id, pid}, action_named(action), identifier);
      },
      py::arg("device_id"), py::arg("pid"), py::arg("action"), py::arg("identifier"),
      "The lldb commands for action launch|expire|cancel (device_id '' for a simulator). Raises fwm.errors.ValidationError.");
  m.def("ios_lldb_argv", &fwm::ios::lldb_argv, py::arg("commands"), "The argv after xcrun that runs the commands.");
  m.def(
      "ios_parse_lldb_output",
      [](const std::string& out, const std::string& err) {
        return fwm::json_line(transcript_json(fwm::ios::parse_lldb_output(out, err)));
      },
      py::arg("out"), py::arg("err") = "", "An lldb batch session's output as JSON (failure kind and message).");
  m.def(
      "ios_parse_simulated_launch",
      [](const std::string& text, const std::string& identifier) {
        auto o = fwm::ios::parse_simulated_launch(text, identifier);
        return fwm::json_line({{"verdict", verdict_name(o.verdict)}, {"identifier", o.identifier}, {"line", o.line},
                               {"message", o.message}});
      },
      py::arg("text"), py::arg("identifier"), "BGTaskScheduler's verdict on a simulated launch, from app log text.");
  m.def(
      "ios_parse_scheduled_tasks_text",
      [](const std::string& text) {
        auto parsed = fwm::ios::parse_scheduled_tasks_text(text);
        json tasks = json::array();
        for (const auto& t : parsed.tasks) {
          tasks.push_back({{"identifier", t.identifier}, {"earliestBeginDate", t.earliest_begin_date}});
        }
        return fwm::json_line({{"found", parsed.found}, {"tasks", tasks}});
      },
      py::arg("text"), "printScheduledTasks output as JSON.");
  m.def(
      "ios_parse_plugin_defaults",
      [](const py::bytes& plist) { return fwm::json_line(plugin_defaults_json(fwm::ios::parse_plugin_defaults(std::string(plist)))); },
      py::arg("plist"), "The plugin's UserDefaults plist (binary or XML) as JSON. Raises ValueError.");
  def_runner(m);
}
