// Placeholder until the parsers land.
#include "bindings/android_parsers.hpp"

void def_android_parsers(pybind11::module_&) {}
