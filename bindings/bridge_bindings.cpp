// The bridge operations for Python: each returns the CLI's JSON line (and its exit code).
#include "bindings/bridge_bindings.hpp"

#include <pybind11/stl.h>

#include <optional>

#include "api/bridge_api.hpp"
#include "api/fwm_api.hpp"
#include "bindings/blocking_call.hpp"
#include "core/json_line.hpp"

namespace py = pybind11;
using fwm::python::blocking;
using fwm::python::deadline_from;

void def_bridge(py::module_& m) {
  m.def(
      "register_task",
      [](const std::string& device, const std::string& request, const std::string& app, const std::string& vm_service,
         bool verbose, std::optional<long long> timeout_ms) {
        auto parsed = nlohmann::json::parse(request, nullptr, false);
        if (parsed.is_discarded()) throw fwm::ValidationError("request", "is not valid JSON");
        auto report = blocking([&] {
          return fwm::api::register_request(device, parsed, app, {vm_service, verbose}, deadline_from(timeout_ms));
        });
        return py::make_tuple(fwm::json_line(fwm::register_report_json(report)), report.exit_code());
      },
      py::arg("device"), py::arg("request"), py::arg("app"), py::arg("vm_service") = "", py::arg("verbose") = false,
      py::arg("timeout_ms") = py::none(), "`fwm register --json` (the device's platform's rules apply): (document, exit code).");
  m.def(
      "cancel_tasks",
      [](const std::string& device, const std::string& app, const std::string& unique_name, const std::string& tag,
         bool all, const std::string& vm_service, bool verbose, std::optional<long long> timeout_ms) {
        auto report = blocking([&] {
          return fwm::api::cancel_tasks(device, app, {unique_name, tag, all}, {vm_service, verbose},
                                        deadline_from(timeout_ms));
        });
        return py::make_tuple(fwm::json_line(fwm::cancel_report_json(report)), report.exit_code());
      },
      py::arg("device"), py::arg("app"), py::arg("unique_name") = "", py::arg("tag") = "", py::arg("all") = false,
      py::arg("vm_service") = "", py::arg("verbose") = false, py::arg("timeout_ms") = py::none(),
      "`fwm cancel --json`: (document, exit code).");
  m.def(
      "run_now",
      [](const std::string& device, const std::string& app, const std::string& unique_name, const std::string& tag,
         bool wait, const std::string& vm_service, bool verbose, std::optional<long long> timeout_ms) {
        auto report = blocking([&] {
          return fwm::api::run_now(device, app, unique_name, tag, wait, {vm_service, verbose}, deadline_from(timeout_ms));
        });
        return py::make_tuple(fwm::json_line(fwm::trigger_report_json(report)), report.exit_code());
      },
      py::arg("device"), py::arg("app"), py::arg("unique_name") = "", py::arg("tag") = "", py::arg("wait") = false,
      py::arg("vm_service") = "", py::arg("verbose") = false, py::arg("timeout_ms") = py::none(),
      "`fwm trigger --run-now --json`: (document, exit code).");
  m.def(
      "plugin_view",
      [](const std::string& device, const std::string& app, const std::string& vm_service, bool verbose,
         std::optional<long long> timeout_ms) {
        auto view = blocking([&] {
          fwm::Deadline deadline = deadline_from(timeout_ms);
          auto listing = fwm::api::list_tasks(device, app, fwm::TaskFilter{}, deadline);
          return fwm::api::plugin_view(listing, {vm_service, verbose}, deadline);
        });
        return fwm::json_line(view);
      },
      py::arg("device"), py::arg("app"), py::arg("vm_service") = "", py::arg("verbose") = false,
      py::arg("timeout_ms") = py::none(), "The plugin's view of the app's tasks through the bridge (one JSON line).");
}
