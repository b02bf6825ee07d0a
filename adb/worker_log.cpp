// Finding WorkerWrapper's result lines in logcat text, in any layout log_messages() reads.
#include "adb/worker_log.hpp"

#include "adb/logcat_line.hpp"

namespace fwm::android {

std::optional<std::string> worker_result_for(std::string_view logcat, std::string_view work_id) {
  constexpr std::string_view kMarker = "Worker result ";
  const std::string id = "id=" + std::string(work_id);
  std::optional<std::string> result;
  for (const LogMessage& line : log_messages(logcat)) {
    if (line.tag != "WM-WorkerWrapper" && !line.tag.empty()) continue;
    std::string_view message = line.message;
    std::size_t start = message.find(kMarker);
    if (start == std::string_view::npos || message.find(id) == std::string_view::npos) continue;
    std::size_t word_end = message.find(' ', start + kMarker.size());
    if (word_end != std::string_view::npos) {
      result = std::string(message.substr(start + kMarker.size(), word_end - start - kMarker.size()));
    }
  }
  return result;
}

}  // namespace fwm::android
