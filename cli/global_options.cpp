// Declaring and reading the global options.
#include "cli/global_options.hpp"

#include "api/fwm_api.hpp"
#include "core/errors.hpp"

namespace fwm::cli {

std::optional<Millis> GlobalOptions::timeout() const {
  if (timeout_text.empty()) return std::nullopt;
  auto value = parse_duration(timeout_text);
  if (!value || value->count() == 0) {
    throw ValidationError("timeout", "'" + timeout_text + "' is not a positive duration: " +
                                           duration_syntax_hint());
  }
  return value;
}

Deadline GlobalOptions::deadline() const { return Deadline::after(timeout().value_or(api::default_timeout())); }

void add_global_options(CLI::App& app, GlobalOptions& o) {
  app.add_option("-s,--device", o.devices,
                 "Device to act on: Android serial, simulator or device UDID, or name (repeatable; "
                 "ANDROID_SERIAL is honoured)")
      ->group("Global options");
  app.add_flag("--all-devices", o.all_devices, "Act on every attached device")->group("Global options");
  app.add_option("--platform", o.platform,
                 "android or ios; with --dry-run, the platform whose rules apply")
      ->group("Global options");
  app.add_flag("--json", o.json, "Print JSON (schema fwm/1) instead of text")->group("Global options");
  app.add_option("--timeout", o.timeout_text, "Deadline for the whole command, e.g. 30s, 2m")
      ->group("Global options");
  app.add_flag("-v,--verbose", o.verbose, "Say what is sent and received")->group("Global options");
  app.add_option("--xcrun", o.xcrun, "The xcrun to run (default: found through DEVELOPER_DIR and PATH)")
      ->each([](const std::string& path) { api::use_xcrun(path); })
      ->group("Global options");
}

}  // namespace fwm::cli
