// Device-shell quoting.
#include "adb/device_shell_quote.hpp"

#include <stdexcept>

namespace fwm::android {
namespace {

bool is_safe(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '@' ||
         c == '%' || c == '+' || c == '=' || c == ':' || c == ',' || c == '.' || c == '/' || c == '-';
}

}  // namespace

std::string quote_for_device_shell(std::string_view argument) {
  bool safe = !argument.empty();
  for (char c : argument) safe = safe && is_safe(c);
  if (safe) return std::string(argument);
  std::string quoted = "'";
  for (char c : argument) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  quoted += "'";
  return quoted;
}

std::string device_command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& argument : argv) {
    if (argument.find('\0') != std::string::npos) {
      throw std::invalid_argument("a device command argument cannot contain a NUL byte");
    }
    if (!line.empty()) line += ' ';
    line += quote_for_device_shell(argument);
  }
  return line;
}

std::string device_script_line(const std::vector<std::vector<std::string>>& commands) {
  std::string line;
  for (const auto& argv : commands) {
    if (!line.empty()) line += " ; ";
    line += device_command_line(argv);
  }
  return line;
}

}  // namespace fwm::android
