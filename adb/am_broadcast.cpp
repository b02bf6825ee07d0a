// `am broadcast` output: the `Broadcast completed:` line.
#include "adb/am_broadcast.hpp"

#include <charconv>

namespace fwm::android {

BroadcastReply parse_am_broadcast(std::string_view text) {
  constexpr std::string_view kCompleted = "Broadcast completed:";
  constexpr std::string_view kResult = "result=";
  constexpr std::string_view kData = ", data=\"";
  constexpr std::string_view kExtras = ", extras: ";
  BroadcastReply reply;
  std::size_t at = text.find(kCompleted);
  if (at == std::string_view::npos) return reply;
  reply.completed = true;
  std::string_view line = text.substr(at + kCompleted.size());
  line = line.substr(0, line.find('\n'));
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);

  std::size_t result_at = line.find(kResult);
  if (result_at != std::string_view::npos) {
    std::string_view digits = line.substr(result_at + kResult.size());
    int value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error == std::errc() && end != digits.data()) reply.result = value;
  }
  std::size_t data_at = line.find(kData);
  std::size_t first_extras_at = line.find(kExtras);
  if (data_at != std::string_view::npos && (first_extras_at == std::string_view::npos || data_at < first_extras_at)) {
    std::string_view data = line.substr(data_at + kData.size());
    std::size_t extras_at = data.rfind(std::string("\"") + std::string(kExtras));
    std::size_t close = extras_at != std::string_view::npos ? extras_at : data.rfind('"');
    reply.data = std::string(data.substr(0, close));
  }
  return reply;
}

}  // namespace fwm::android
