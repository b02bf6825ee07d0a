// Running a host tool for one device step, its failures as fwm errors that name the device and the step.
#pragma once

#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "core/process.hpp"

namespace fwm {

// run_process(argv), whatever the exit code. Throws Error(Timeout) at the deadline and
// Error(Interrupted) on interrupt ("<step> did not finish in time" / "was interrupted"), and
// Error(HostTool) "cannot run <tool>: <why>. <missing_hint>" when it cannot be started; each names
// `device` and `step`.
ProcessResult run_host_tool(const std::vector<std::string>& argv, const Deadline& deadline, const std::string& device,
                            const std::string& step, const std::string& missing_hint);

}  // namespace fwm
