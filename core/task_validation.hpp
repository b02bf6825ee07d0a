// The rules every platform shares (the plugin's Dart API), and the interface for a platform's own.
#pragma once

#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/task.hpp"

namespace fwm {

// What checking a request found: problems stop it; warnings travel with the effective request.
struct Findings {
  std::vector<FieldNote> problems;
  std::vector<FieldNote> warnings;
};

// The longest name, in UTF-8 bytes, fwm accepts for uniqueName, taskName and tag.
constexpr std::size_t kMaxNameBytes = 255;

// Checks a name field: non-empty, valid UTF-8, no NUL, at most kMaxNameBytes.
void check_name(std::string_view field, std::string_view value, Findings& out);

// Checks what the plugin's Dart API allows regardless of platform (which parameters each kind
// takes, backoffPolicy with backoffPolicyDelay, outOfQuotaPolicy only with expedited) and turns
// sub-second delays into the whole seconds the plugin sends, with a warning.
void apply_common_rules(TaskRequest& effective, Findings& out);

// One platform's rules: how its OS and the plugin's native side treat a request.
class PlatformRules {
 public:
  virtual ~PlatformRules() = default;

  // Which platform these rules are for.
  virtual PlatformId platform() const = 0;

  // Checks an app identifier (Android package name, iOS bundle identifier).
  virtual void check_app(std::string_view app, Findings& out) const = 0;

  // Turns a request that passed the common rules into what the platform will actually do:
  // defaults filled in, clamped values clamped, ignored values removed, each change warned about;
  // requests the platform cannot take are problems.
  virtual void apply(TaskRequest& effective, Findings& out) const = 0;
};

}  // namespace fwm
