// Helpers the fuzz harnesses share: splitting one input into arguments, and property checks.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace fwm::fuzz {

// The input bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input cut at its first `separator`: (before, after); (input, "") when there is none.
inline std::pair<std::string_view, std::string_view> split_first(std::string_view input, char separator) {
  auto at = input.find(separator);
  if (at == std::string_view::npos) return {input, {}};
  return {input.substr(0, at), input.substr(at + 1)};
}

// Aborts (a libFuzzer crash) naming the property that does not hold.
inline void require(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property violated: %s\n", property);
  std::abort();
}

}  // namespace fwm::fuzz
