// Fuzzes parse_launchctl_list; an app's bundle id is part of its label, and running_app_pid finds running apps.
#include "fuzz/fuzz_input.hpp"
#include "xcrun/launchctl_list.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto jobs = fwm::ios::parse_launchctl_list(fwm::fuzz::as_text(data, size));
  for (const auto& job : jobs) {
    if (job.bundle_id.empty()) continue;
    fwm::fuzz::require(job.label.find(job.bundle_id) != std::string::npos, "the bundle id is in the label");
    auto pid = fwm::ios::running_app_pid(jobs, job.bundle_id);
    fwm::fuzz::require(!job.pid || pid.has_value(), "a running app's pid is found");
  }
  return 0;
}
