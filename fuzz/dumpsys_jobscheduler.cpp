// Fuzzes parse_dumpsys_jobscheduler (input: "PACKAGE\n" then the dump); each job must name that package and its id.
#include <string>

#include "adb/dumpsys_jobscheduler.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [package, text] = fwm::fuzz::split_first(fwm::fuzz::as_text(data, size), '\n');
  for (const auto& job : fwm::android::parse_dumpsys_jobscheduler(text, package)) {
    fwm::fuzz::require(job.package == package, "a job belongs to the package asked for");
    fwm::fuzz::require(text.find("/" + std::to_string(job.job_id) + ":") != std::string_view::npos,
                       "a job's id appears in the dump as /ID:");
  }
  fwm::android::parse_android_duration(text.substr(0, 64));
  return 0;
}
