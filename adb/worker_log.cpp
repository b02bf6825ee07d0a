// Finding WorkerWrapper's result lines in logcat text.
#include "adb/worker_log.hpp"

namespace fwm::android {

std::optional<std::string> worker_result_for(std::string_view logcat, std::string_view work_id) {
  constexpr std::string_view kMarker = "Worker result ";
  const std::string id = "id=" + std::string(work_id);
  std::optional<std::string> result;
  size_t pos = 0;
  while ((pos = logcat.find(kMarker, pos)) != std::string_view::npos) {
    size_t line_end = logcat.find('\n', pos);
    std::string_view line = logcat.substr(pos, line_end == std::string_view::npos ? std::string_view::npos : line_end - pos);
    size_t word_end = line.find(' ', kMarker.size());
    if (line.find(id) != std::string_view::npos && word_end != std::string_view::npos) {
      result = std::string(line.substr(kMarker.size(), word_end - kMarker.size()));
    }
    pos += kMarker.size();
  }
  return result;
}

}  // namespace fwm::android
