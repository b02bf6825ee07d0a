// Line splitting and trimming shared by the parsers of device output.
#pragma once

#include <string_view>
#include <vector>

namespace fwm::android {

// The lines of `text` (split at '\n', a trailing '\r' dropped from each; no empty last line for a
// final '\n'). The views point into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

// `text` without leading and trailing whitespace (spaces, tabs, CR, LF).
std::string_view trim(std::string_view text);

}  // namespace fwm::android
