// The launchctl list table parser.
#include "xcrun/launchctl_list.hpp"

#include <cctype>
#include <charconv>

namespace fwm::ios {
namespace {

template <typename T>
std::optional<T> number(std::string_view text) {
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string bundle_of(std::string_view label) {
  const std::string_view uikit = "UIKitApplication:";
  if (label.substr(0, uikit.size()) == uikit) {
    std::string_view rest = label.substr(uikit.size());
    return std::string(rest.substr(0, rest.find('[')));
  }
  const std::string_view application = "application.";
  if (label.substr(0, application.size()) == application) {
    std::string_view rest = label.substr(application.size());
    size_t last = rest.rfind('.');
    if (last == std::string_view::npos || !all_digits(rest.substr(last + 1))) return {};
    size_t before = rest.rfind('.', last - 1);
    if (before == std::string_view::npos || !all_digits(rest.substr(before + 1, last - before - 1))) return {};
    return std::string(rest.substr(0, before));
  }
  return {};
}

std::vector<std::string_view> fields(std::string_view line, size_t max) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size() && out.size() + 1 < max) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i < line.size()) out.push_back(line.substr(i));
  return out;
}

}  // namespace

std::vector<LaunchdJob> parse_launchctl_list(std::string_view text) {
  std::vector<LaunchdJob> jobs;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    auto parts = fields(line, 3);
    if (parts.size() != 3) continue;
    auto pid = number<long long>(parts[0]);
    auto status = number<int>(parts[1]);
    if ((!pid && parts[0] != "-") || (!status && parts[1] != "-")) continue;
    jobs.push_back({pid, status, std::string(parts[2]), bundle_of(parts[2])});
  }
  return jobs;
}

std::optional<long long> running_app_pid(const std::vector<LaunchdJob>& jobs, std::string_view bundle_id) {
  for (const auto& job : jobs) {
    if (job.bundle_id == bundle_id && job.pid) return job.pid;
  }
  return std::nullopt;
}

}  // namespace fwm::ios
