// fwm._core: the library API for Python; JSON crosses the boundary so both faces print the same.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

#include "api/fwm_api.hpp"
#include "bindings/blocking_call.hpp"
#include "bindings/android_parsers.hpp"
#include "bindings/ios_parsers.hpp"
#include "bindings/bridge_bindings.hpp"
#include "core/duration.hpp"
#include "core/json_line.hpp"

namespace py = pybind11;
using fwm::python::blocking;
using fwm::python::deadline_from;

namespace {

std::thread::id g_main_thread;

// A request, from Python, that the blocking steps of one worker thread stop (see ThreadStopScope).
struct StopFlag {
  std::atomic<bool> value{false};
};

// Raises the fwm.errors class for an error's kind, with its problems, device and step; an
// interrupt becomes KeyboardInterrupt, as Ctrl-C in Python should.
void raise_python_error(const fwm::Error& error) {
  if (error.kind() == fwm::ErrorKind::Interrupted) {
    PyErr_SetString(PyExc_KeyboardInterrupt, error.what());
    return;
  }
  py::module_ errors = py::module_::import("fwm.errors");
  py::list problems;
  if (const auto* validation = dynamic_cast<const fwm::ValidationError*>(&error)) {
    for (const auto& p : validation->problems()) problems.append(py::make_tuple(p.field, p.message));
  }
  py::object exception = errors.attr("error_for_kind")(fwm::kind_name(error.kind()), error.what(), problems,
                                                         error.device(), error.step());
  PyErr_SetObject(exception.get_type().ptr(), exception.ptr());
}

// Lets blocking steps notice Ctrl-C: only the main thread runs Python's signal handlers.
bool python_interrupt_probe() {
  if (std::this_thread::get_id() != g_main_thread) return false;
  py::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() == 0) return false;
  PyErr_Clear();
  return true;
}

std::string plan_register(const std::string& request, const std::string& app, const std::string& platform) {
  auto parsed = nlohmann::json::parse(request, nullptr, false);
  if (parsed.is_discarded()) throw fwm::ValidationError("request", "is not valid JSON");
  fwm::RegisterPlan plan = fwm::api::plan_register(parsed, app, fwm::api::platform_named(platform));
  return fwm::json_line(fwm::register_plan_json(plan));
}

std::string list_devices(std::optional<long long> timeout_ms) {
  auto list = blocking([&] { return fwm::api::list_devices(deadline_from(timeout_ms)); });
  return fwm::json_line(fwm::devices_document(list.devices, list.problems));
}

void watch_devices(const std::function<bool(const std::string&)>& on_change, std::optional<long long> timeout_ms) {
  blocking([&] {
    fwm::api::watch_devices(
        [&](const std::vector<fwm::DeviceInfo>& devices) {
          py::gil_scoped_acquire gil;
          return on_change(fwm::json_line(fwm::devices_document(devices)));
        },
        deadline_from(timeout_ms));
    return 0;
  });
}

py::tuple shell_tuple(const fwm::api::DeviceShellResult& outcome, const std::vector<std::string>& argv) {
  return py::make_tuple(outcome.serial, py::bytes(outcome.result.out), py::bytes(outcome.result.err),
                        outcome.result.exit_code, fwm::json_line(fwm::api::device_shell_json(outcome, argv)));
}

py::tuple device_shell(const std::string& requested, const std::vector<std::string>& argv,
                       std::optional<long long> timeout_ms) {
  auto outcome = blocking([&] { return fwm::api::device_shell(requested, argv, deadline_from(timeout_ms)); });
  return shell_tuple(outcome, argv);
}

py::tuple android_shell(const std::string& serial, const std::vector<std::string>& argv,
                        std::optional<long long> timeout_ms) {
  auto outcome = blocking([&] { return fwm::api::android_shell(serial, argv, deadline_from(timeout_ms)); });
  return shell_tuple(outcome, argv);
}

// Transport primitives for the test-suite and the rig (fwm._core.adb_*); not part of the fwm API.
void def_adb_primitives(py::module_& m) {
  m.def(
      "adb_exec",
      [](const std::string& serial, const std::vector<std::string>& argv, std::optional<long long> timeout_ms) {
        auto out = blocking([&] { return fwm::api::adb_client().exec(serial, argv, deadline_from(timeout_ms)); });
        return py::bytes(out);
      },
      py::arg("serial"), py::arg("argv"), py::arg("timeout_ms") = py::none(), "exec: argv on the device; raw stdout.");
  m.def(
      "adb_forward",
      [](const std::string& serial, const std::string& local, const std::string& remote, std::optional<long long> timeout_ms) {
        return blocking([&] { return fwm::api::adb_client().forward(serial, local, remote, deadline_from(timeout_ms)); });
      },
      py::arg("serial"), py::arg("local"), py::arg("remote"), py::arg("timeout_ms") = py::none(),
      "forward LOCAL (e.g. tcp:0) to REMOTE on the device; returns the bound local port.");
  m.def(
      "adb_kill_forward",
      [](const std::string& serial, const std::string& local, std::optional<long long> timeout_ms) {
        blocking([&] {
          fwm::api::adb_client().kill_forward(serial, local, deadline_from(timeout_ms));
          return 0;
        });
      },
      py::arg("serial"), py::arg("local"), py::arg("timeout_ms") = py::none(), "Removes the forward of LOCAL.");
  m.def(
      "adb_list_forward",
      [](std::optional<long long> timeout_ms) {
        return blocking([&] { return fwm::api::adb_client().list_forward(deadline_from(timeout_ms)); });
      },
      py::arg("timeout_ms") = py::none(), "The server's forwards, one 'SERIAL LOCAL REMOTE' line each.");
  m.def(
      "adb_server_version",
      [](std::optional<long long> timeout_ms) {
        return blocking([&] { return fwm::api::adb_client().server_version(deadline_from(timeout_ms)); });
      },
      py::arg("timeout_ms") = py::none(), "The adb server's protocol version.");
}

fwm::TaskFilter task_filter(const std::string& unique_name, const std::string& tag, const std::string& state,
                            bool all_work) {
  return fwm::TaskFilter{unique_name, tag, state, all_work};
}

// The task operations (list, inspect, trigger, wait, logs, doctor); each returns the CLI's JSON line.
void def_task_operations(py::module_& m) {
  py::class_<StopFlag, std::shared_ptr<StopFlag>>(m, "StopFlag", "Asks the blocking call it is passed to to stop.")
      .def(py::init<>())
      .def("set", [](StopFlag& f) { f.value.store(true); }, "Requests the stop (from any thread).")
      .def("is_set", [](const StopFlag& f) { return f.value.load(); }, "Whether set() was called.");
  m.def(
      "list_tasks",
      [](const std::string& device, const std::string& app, const std::string& unique_name, const std::string& tag,
         const std::string& state, bool all_work, std::optional<long long> timeout_ms, bool plugin_view) {
        auto listing = blocking([&] {
          return fwm::api::list_tasks(device, app, task_filter(unique_name, tag, state, all_work), deadline_from(timeout_ms),
                                      plugin_view);
        });
        return fwm::json_line(fwm::task_listing_json(listing));
      },
      py::arg("device"), py::arg("app"), py::arg("unique_name") = "", py::arg("tag") = "", py::arg("state") = "",
      py::arg("all_work") = false, py::arg("timeout_ms") = py::none(), py::arg("plugin_view") = false,
      "`fwm list --json`.");
  m.def(
      "inspect_files",
      [](const std::vector<std::string>& paths, const std::string& app, const std::string& unique_name,
         const std::string& tag, const std::string& state, bool all_work) {
        auto listing = blocking([&] {
          return fwm::api::inspect_files(paths, app, task_filter(unique_name, tag, state, all_work));
        });
        return fwm::json_line(fwm::task_listing_json(listing));
      },
      py::arg("paths"), py::arg("app") = "", py::arg("unique_name") = "", py::arg("tag") = "", py::arg("state") = "",
      py::arg("all_work") = false, "`fwm inspect --json`.");
  m.def(
      "trigger_tasks",
      [](const std::string& device, const std::string& app, const std::string& unique_name, const std::string& tag,
         bool wait, bool expire, std::optional<long long> timeout_ms) {
        auto report = blocking([&] {
          return fwm::api::trigger_tasks(device, app, unique_name, tag, wait, expire, deadline_from(timeout_ms));
        });
        return py::make_tuple(fwm::json_line(fwm::trigger_report_json(report)), report.exit_code());
      },
      py::arg("device"), py::arg("app"), py::arg("unique_name") = "", py::arg("tag") = "", py::arg("wait") = false,
      py::arg("expire") = false, py::arg("timeout_ms") = py::none(), "`fwm trigger --json`: (document, exit code).");
  m.def(
      "wait_for_task",
      [](const std::string& device, const std::string& app, const std::string& unique_name, const std::string& until,
         std::optional<long long> timeout_ms) {
        auto report = blocking([&] {
          return fwm::api::wait_for_task(device, app, unique_name, until, deadline_from(timeout_ms));
        });
        return py::make_tuple(fwm::json_line(fwm::trigger_report_json(report)), report.exit_code());
      },
      py::arg("device"), py::arg("app"), py::arg("unique_name"), py::arg("until") = "finished",
      py::arg("timeout_ms") = py::none(), "`fwm wait --json`: (document, exit code).");
  m.def(
      "task_logs",
      [](const std::string& device, const std::string& app, bool follow, const std::function<bool(const std::string&)>& on_line,
         std::optional<long long> timeout_ms, std::shared_ptr<StopFlag> stop) {
        blocking([&] {
          std::atomic<bool> never{false};
          fwm::ThreadStopScope scope(stop ? stop->value : never);
          fwm::api::task_logs(device, app, follow,
                              [&](const fwm::LogRecord& record) {
                                py::gil_scoped_acquire gil;
                                return on_line(fwm::json_line(fwm::log_record_json(record)));
                              },
                              deadline_from(timeout_ms));
          return 0;
        });
      },
      py::arg("device"), py::arg("app"), py::arg("follow"), py::arg("on_line"), py::arg("timeout_ms") = py::none(),
      py::arg("stop") = nullptr,
      "Calls on_line(`fwm logs --json` line) per task log line until it returns False; once `stop` is set "
      "(from another thread) it ends within about 100 ms by raising KeyboardInterrupt.");
  m.def(
      "capture",
      [](const std::string& device, const std::string& app, const std::string& path, bool redact,
         std::optional<long long> timeout_ms) {
        auto report = blocking([&] { return fwm::api::capture(device, app, path, redact, deadline_from(timeout_ms)); });
        return fwm::json_line(fwm::capture_report_json(report));
      },
      py::arg("device"), py::arg("app"), py::arg("path") = "", py::arg("redact") = false,
      py::arg("timeout_ms") = py::none(), "`fwm capture --json`.");
  m.def(
      "doctor",
      [](const std::string& device, const std::string& app, std::optional<long long> timeout_ms) {
        auto report = blocking([&] { return fwm::api::doctor(device, app, deadline_from(timeout_ms)); });
        return py::make_tuple(fwm::json_line(fwm::doctor_report_json(report)), report.exit_code());
      },
      py::arg("device"), py::arg("app"), py::arg("timeout_ms") = py::none(), "`fwm doctor --json`: (document, exit code).");
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "The fwm C++ library API (internal; use the fwm package).";
  g_main_thread = std::this_thread::get_id();
  fwm::set_interrupt_probe(&python_interrupt_probe);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const fwm::Error& e) {
      raise_python_error(e);
    }
  });
  m.def("version", &fwm::api::version, "fwm's version.");
  m.def("default_timeout_ms", [] { return fwm::api::default_timeout().count(); },
        "The deadline, in milliseconds, of an operation given no timeout.");
  m.def("plan_register", &plan_register, py::arg("request"), py::arg("app"), py::arg("platform"),
        "Checks a register request (JSON) against a platform's rules; returns the dry-run document as "
        "one JSON line. Raises fwm.ValidationError.");
  m.def("use_xcrun", &fwm::api::use_xcrun, py::arg("path"),
        "Makes later operations run this xcrun (\"\" = find it through DEVELOPER_DIR and PATH), as --xcrun does.");
  m.def("list_devices", &list_devices, py::arg("timeout_ms") = py::none(),
        "The devices document (one JSON line), as `fwm devices --json` prints it.");
  m.def("watch_devices", &watch_devices, py::arg("on_change"), py::arg("timeout_ms") = py::none(),
        "Calls on_change(devices document) now and on every change until it returns False or the timeout.");
  m.def("device_shell", &device_shell, py::arg("requested"), py::arg("argv"), py::arg("timeout_ms") = py::none(),
        "Runs argv on the chosen device; returns (serial, stdout, stderr, exit code, `fwm shell --json` line).");
  def_adb_primitives(m);
  def_android_parsers(m);
  def_ios_parsers(m);
  def_task_operations(m);
  def_bridge(m);
  m.def("android_shell", &android_shell, py::arg("serial"), py::arg("argv"), py::arg("timeout_ms") = py::none(),
        "Runs argv on the Android device with exactly this serial; returns what device_shell returns.");
  m.def(
      "parse_duration_ms",
      [](const std::string& text) -> py::object {
        auto value = fwm::parse_duration(text);
        if (!value) return py::none();
        return py::int_(value->count());
      },
      py::arg("text"), "Milliseconds of a duration such as '1h30m' or 'PT15M'; None when it does not parse.");
  m.def(
      "format_duration_ms", [](long long ms) { return fwm::format_duration(fwm::Millis(ms)); }, py::arg("ms"),
      "The canonical spelling of a duration given in milliseconds.");
}
