// The iOS parsers and xcrun runner for Python (fwm._core.ios_*): text or bytes in, JSON out.
#pragma once

#include <pybind11/pybind11.h>

// Adds the ios_parse_* functions, the lldb script builder and the xcrun runner primitives to the module.
void def_ios_parsers(pybind11::module_& m);
