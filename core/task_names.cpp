// Name tables for the task model's enums.
#include "core/task_names.hpp"

#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace fwm {
namespace {

// Lower-case with '-' and '_' removed, so "not-required", "not_required" and "notRequired" meet.
std::string fold(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '-' || c == '_') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

template <typename E, size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view text) {
  std::string folded = fold(text);
  if (folded.empty()) return std::nullopt;
  for (const auto& [value, name] : table) {
    if (fold(name) == folded) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::string_view name_in(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return {};
}

constexpr std::array<std::pair<PlatformId, std::string_view>, 2> kPlatforms{{
    {PlatformId::Android, "android"}, {PlatformId::Ios, "ios"}}};

constexpr std::array<std::pair<TaskKind, std::string_view>, 3> kKinds{{
    {TaskKind::OneOff, "one-off"}, {TaskKind::Periodic, "periodic"},
    {TaskKind::Processing, "processing"}}};

constexpr std::array<std::pair<NetworkType, std::string_view>, 6> kNetworkTypes{{
    {NetworkType::Connected, "connected"},
    {NetworkType::Metered, "metered"},
    {NetworkType::NotRequired, "notRequired"},
    {NetworkType::NotRoaming, "notRoaming"},
    {NetworkType::Unmetered, "unmetered"},
    {NetworkType::TemporarilyUnmetered, "temporarilyUnmetered"}}};

constexpr std::array<std::pair<ExistingWorkPolicy, std::string_view>, 5> kPolicies{{
    {ExistingWorkPolicy::Append, "append"},
    {ExistingWorkPolicy::Keep, "keep"},
    {ExistingWorkPolicy::Replace, "replace"},
    {ExistingWorkPolicy::Update, "update"},
    {ExistingWorkPolicy::AppendOrReplace, "appendOrReplace"}}};

constexpr std::array<std::pair<BackoffPolicy, std::string_view>, 2> kBackoffPolicies{{
    {BackoffPolicy::Exponential, "exponential"}, {BackoffPolicy::Linear, "linear"}}};

constexpr std::array<std::pair<OutOfQuotaPolicy, std::string_view>, 4> kOutOfQuota{{
    {OutOfQuotaPolicy::RunAsNonExpeditedWorkRequest, "runAsNonExpeditedWorkRequest"},
    {OutOfQuotaPolicy::DropWorkRequest, "dropWorkRequest"},
    {OutOfQuotaPolicy::RunAsNonExpeditedWorkRequest, "run-as-non-expedited"},
    {OutOfQuotaPolicy::DropWorkRequest, "drop"}}};

}  // namespace

std::string_view name_of(PlatformId value) { return name_in(kPlatforms, value); }
std::string_view name_of(TaskKind value) { return name_in(kKinds, value); }
std::string_view name_of(NetworkType value) { return name_in(kNetworkTypes, value); }
std::string_view name_of(ExistingWorkPolicy value) { return name_in(kPolicies, value); }
std::string_view name_of(BackoffPolicy value) { return name_in(kBackoffPolicies, value); }
std::string_view name_of(OutOfQuotaPolicy value) { return name_in(kOutOfQuota, value); }

std::optional<PlatformId> parse_platform(std::string_view text) { return lookup(kPlatforms, text); }
std::optional<TaskKind> parse_task_kind(std::string_view text) { return lookup(kKinds, text); }
std::optional<NetworkType> parse_network_type(std::string_view text) {
  return lookup(kNetworkTypes, text);
}
std::optional<ExistingWorkPolicy> parse_existing_work_policy(std::string_view text) {
  auto value = lookup(kPolicies, text);
  if (value == ExistingWorkPolicy::AppendOrReplace) return std::nullopt;  // effective-only
  return value;
}
std::optional<BackoffPolicy> parse_backoff_policy(std::string_view text) {
  return lookup(kBackoffPolicies, text);
}
std::optional<OutOfQuotaPolicy> parse_out_of_quota_policy(std::string_view text) {
  return lookup(kOutOfQuota, text);
}

}  // namespace fwm
