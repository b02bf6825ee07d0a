// fwm._core's bridge functions: register, cancel, run-now and the plugin's view.
#pragma once

#include <pybind11/pybind11.h>

// Adds register_task, cancel_tasks, run_now and plugin_view to the module.
void def_bridge(pybind11::module_& m);
