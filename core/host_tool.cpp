// Host tool failures as fwm errors.
#include "core/host_tool.hpp"

#include "core/errors.hpp"

namespace fwm {

ProcessResult run_host_tool(const std::vector<std::string>& argv, const Deadline& deadline, const std::string& device,
                            const std::string& step, const std::string& missing_hint) {
  try {
    return run_process(argv, deadline);
  } catch (const ProcessError& e) {
    switch (e.failure()) {
      case ProcessFailure::Timeout:
        throw Error(ErrorKind::Timeout, step + " did not finish in time: " + e.what(), device, step);
      case ProcessFailure::Interrupted:
        throw Error(ErrorKind::Interrupted, step + " was interrupted", device, step);
      case ProcessFailure::NotFound:
      case ProcessFailure::Other:
        break;
    }
    throw Error(ErrorKind::HostTool, "cannot run " + argv.at(0) + ": " + e.what() + ". " + missing_hint, device, step);
  }
}

}  // namespace fwm
