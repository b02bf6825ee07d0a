// Parser of what `am broadcast` prints.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fwm::android {

// The completion line of a broadcast that `am broadcast` waited for.
struct BroadcastReply {
  bool completed = false;     // a `Broadcast completed:` line was printed
  std::optional<int> result;  // its result code
  std::string data;           // its `data="..."` text; "" when absent
};

// Reads `Broadcast completed: result=N[, data="..."][, extras: Bundle[...]]` anywhere in the text
// (other lines such as `Broadcasting: Intent { ... }` are ignored; CRLF is fine).
BroadcastReply parse_am_broadcast(std::string_view text);

}  // namespace fwm::android
