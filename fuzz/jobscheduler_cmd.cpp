// Fuzzes the `cmd jobscheduler help` and `run` reply parsers (input: stdout, NUL, stderr).
#include "adb/jobscheduler_cmd.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto input = fwm::fuzz::as_text(data, size);
  auto help = fwm::android::parse_jobscheduler_help(input);
  fwm::fuzz::require(help.has_run || !(help.supports_force || help.supports_namespace || help.supports_satisfied),
                     "no run options without a run usage line");
  auto [out, err] = fwm::fuzz::split_first(input, '\0');
  auto reply = fwm::android::parse_jobscheduler_run_reply(out, err);
  if (reply.kind != fwm::android::RunReplyKind::Other) {
    fwm::fuzz::require(out.find(reply.message) != std::string_view::npos ||
                           err.find(reply.message) != std::string_view::npos,
                       "the deciding line is in the reply");
  }
  return 0;
}
