// Fuzzes parse_diagnostics_report on logcat text; rows only in a found report, sections named as the report names them.
#include "adb/diagnostics_report.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto report = fwm::android::parse_diagnostics_report(fwm::fuzz::as_text(data, size));
  fwm::fuzz::require(report.found || report.rows.empty(), "no rows without a report");
  fwm::fuzz::require(!report.truncated || !report.notes.empty(), "a truncated report says why");
  for (const auto& row : report.rows) {
    fwm::fuzz::require(row.section == "completed" || row.section == "running" || row.section == "enqueued",
                       "a row's section is completed, running or enqueued");
  }
  return 0;
}
