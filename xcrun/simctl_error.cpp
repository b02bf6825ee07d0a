// The simctl stderr parser.
#include "xcrun/simctl_error.hpp"

#include <charconv>

namespace fwm::ios {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::string_view between(std::string_view text, std::string_view open, std::string_view close) {
  size_t at = text.find(open);
  if (at == std::string_view::npos) return {};
  text = text.substr(at + open.size());
  return text.substr(0, text.find_first_of(close));
}

}  // namespace

SimctlError parse_simctl_error(std::string_view err) {
  const std::string_view header = "An error was encountered processing the command";
  SimctlError out;
  while (!err.empty()) {
    size_t end = err.find('\n');
    std::string_view line = trimmed(err.substr(0, end));
    err = end == std::string_view::npos ? std::string_view() : err.substr(end + 1);
    if (line.empty()) continue;
    if (line.substr(0, header.size()) == header) {
      out.domain = std::string(between(line, "domain=", ",)"));
      std::string_view code = between(line, "code=", ",)");
      int value = 0;
      auto [ptr, error] = std::from_chars(code.data(), code.data() + code.size(), value);
      if (error == std::errc() && ptr == code.data() + code.size() && !code.empty()) out.code = value;
      continue;
    }
    if (!out.message.empty()) out.message += "; ";
    out.message += line;
  }
  return out;
}

ErrorKind simctl_error_kind(const SimctlError& error) {
  for (const char* marker : {"Invalid device", "No devices are booted", "current state", "device is not booted"}) {
    if (error.message.find(marker) != std::string::npos) return ErrorKind::Device;
  }
  return ErrorKind::Failed;
}

}  // namespace fwm::ios
