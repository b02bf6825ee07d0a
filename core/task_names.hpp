// The spellings of the task model's enums: the plugin's camelCase names and the CLI's kebab-case.
#pragma once

#include <optional>
#include <string_view>

#include "core/task.hpp"

namespace fwm {

// Canonical names (the plugin's Dart names; kinds and platforms as the CLI spells them).
std::string_view name_of(PlatformId value);
std::string_view name_of(TaskKind value);
std::string_view name_of(NetworkType value);
std::string_view name_of(ExistingWorkPolicy value);
std::string_view name_of(BackoffPolicy value);
std::string_view name_of(OutOfQuotaPolicy value);

// Parsers accept the canonical name, its kebab-case or snake_case form (case-insensitive) and
// the CLI's short aliases (e.g. "drop", "run-as-non-expedited"); nullopt for anything else.
std::optional<PlatformId> parse_platform(std::string_view text);
std::optional<TaskKind> parse_task_kind(std::string_view text);
std::optional<NetworkType> parse_network_type(std::string_view text);
std::optional<ExistingWorkPolicy> parse_existing_work_policy(std::string_view text);
std::optional<BackoffPolicy> parse_backoff_policy(std::string_view text);
std::optional<OutOfQuotaPolicy> parse_out_of_quota_policy(std::string_view text);

}  // namespace fwm
