// The Android parsers for Python (fwm._core.parse_*): each takes text or bytes and returns JSON.
#pragma once

#include <pybind11/pybind11.h>

// Adds the parse_* functions to the module.
void def_android_parsers(pybind11::module_& m);
