// fwm._core: the library API for Python; JSON crosses the boundary so both faces print the same.
#include <pybind11/pybind11.h>

#include "api/fwm_api.hpp"
#include "core/duration.hpp"
#include "core/json_line.hpp"

namespace py = pybind11;

namespace {

// Raises the fwm.errors class for an error's kind, with its problems, device and step.
void raise_python_error(const fwm::Error& error) {
  py::module_ errors = py::module_::import("fwm.errors");
  py::list problems;
  if (const auto* validation = dynamic_cast<const fwm::ValidationError*>(&error)) {
    for (const auto& p : validation->problems()) problems.append(py::make_tuple(p.field, p.message));
  }
  py::object exception = errors.attr("error_for_kind")(fwm::kind_name(error.kind()), error.what(), problems,
                                                         error.device(), error.step());
  PyErr_SetObject(exception.get_type().ptr(), exception.ptr());
}

std::string plan_register(const std::string& request, const std::string& app, const std::string& platform) {
  auto parsed = nlohmann::json::parse(request, nullptr, false);
  if (parsed.is_discarded()) throw fwm::ValidationError("request", "is not valid JSON");
  fwm::RegisterPlan plan = fwm::api::plan_register(parsed, app, fwm::api::platform_named(platform));
  return fwm::json_line(fwm::register_plan_json(plan));
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "The fwm C++ library API (internal; use the fwm package).";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const fwm::Error& e) {
      raise_python_error(e);
    }
  });
  m.def("version", &fwm::api::version, "fwm's version.");
  m.def("plan_register", &plan_register, py::arg("request"), py::arg("app"), py::arg("platform"),
        "Checks a register request (JSON) against a platform's rules; returns the dry-run document as "
        "one JSON line. Raises fwm.ValidationError.");
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
