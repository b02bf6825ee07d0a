// How the Python module runs device operations: a deadline from an optional timeout, the GIL released.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>

#include "api/fwm_api.hpp"

namespace fwm::python {

// A deadline `timeout_ms` from now, or the library's default when it is None.
inline Deadline deadline_from(std::optional<long long> timeout_ms) {
  return Deadline::after(timeout_ms ? Millis(*timeout_ms) : api::default_timeout());
}

// Runs a device operation with the GIL released, after forgetting an earlier interrupt; Ctrl-C is
// noticed through the interrupt probe the module installs.
template <typename F>
auto blocking(F&& operation) {
  clear_interrupt();
  pybind11::gil_scoped_release release;
  return operation();
}

}  // namespace fwm::python
