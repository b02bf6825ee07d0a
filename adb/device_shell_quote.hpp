// The one function that quotes values for the device's /system/bin/sh.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fwm::android {

// Quotes one argument so that the device shell passes it to the command unchanged: words made
// only of [A-Za-z0-9_@%+=:,./-] stay as they are; anything else (empty, quotes, $, `, ;, &, |,
// globs, spaces, newlines, non-ASCII) is wrapped in single quotes, with ' written as '\''.
std::string quote_for_device_shell(std::string_view argument);

// A command line for the device shell: each argv element quoted, joined by spaces. Throws
// std::invalid_argument when an element holds a NUL byte (it cannot reach the device).
std::string device_command_line(const std::vector<std::string>& argv);

// Several commands for one round trip: each command line as above, joined by " ; ".
std::string device_script_line(const std::vector<std::vector<std::string>>& commands);

}  // namespace fwm::android
