// Android captures: a recording AdbClient runs what list, doctor, logs and trigger read; the listing's outputs are kept by role.
#include "adb/android_capture.hpp"

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "adb/adb_client.hpp"
#include "adb/android_devices.hpp"
#include "adb/android_doctor.hpp"
#include "adb/android_listing.hpp"
#include "adb/android_logs.hpp"
#include "adb/work_redaction.hpp"
#include "adb/work_sources.hpp"
#include "core/errors.hpp"

namespace fwm::android {
namespace {

const char* const kWithheld =
    "the raw database bytes hold the tasks' input data, withheld by --redact: the redacted copy is under android/";

// The commands a client ran, each under the purpose set when it ran.
struct Recording {
  std::mutex mutex;
  std::string purpose;
  std::vector<std::pair<std::string, RecordedCommand>> commands;

  void set_purpose(std::string next) {
    std::lock_guard<std::mutex> lock(mutex);
    purpose = std::move(next);
  }
};

const std::pair<DatabasePull::Status, const char*> kStatusNames[] = {
    {DatabasePull::Status::Pulled, "pulled"},         {DatabasePull::Status::NotDebuggable, "notDebuggable"},
    {DatabasePull::Status::UnknownPackage, "unknownPackage"}, {DatabasePull::Status::NoDatabase, "noDatabase"},
    {DatabasePull::Status::Failed, "failed"}};

std::string status_name(DatabasePull::Status status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "failed";
}

DatabasePull::Status status_named(const std::string& text) {
  for (const auto& [value, name] : kStatusNames) {
    if (text == name) return value;
  }
  throw ValidationError("file", "the capture's database status '" + text + "' is unknown");
}

// {"stdout", "stderr", "exitCode"} with the outputs stored in the bundle (shared with the command's files).
nlohmann::json output_json(CaptureBundle& bundle, const std::string& base, const ShellResult& result) {
  nlohmann::json out = {{"stdout", add_capture_file(bundle, base + ".stdout", result.out)},
                        {"exitCode", result.exit_code}};
  if (!result.err.empty()) out["stderr"] = add_capture_file(bundle, base + ".stderr", result.err);
  return out;
}

ShellResult output_from(const CaptureBundle& bundle, const nlohmann::json& json) {
  ShellResult result;
  result.out = capture_file(bundle, json.at("stdout").get<std::string>());
  if (json.contains("stderr")) result.err = capture_file(bundle, json.at("stderr").get<std::string>());
  result.exit_code = json.value("exitCode", 0);
  return result;
}

nlohmann::json listing_json(CaptureBundle& bundle, WorkSourceReplies replies, bool redact) {
  if (redact && !replies.pull.files.empty()) replies.pull.files = redact_work_database(replies.pull.files);
  nlohmann::json files = nlohmann::json::object();
  for (const auto& [path, bytes] : replies.pull.files) files[path] = add_capture_file(bundle, "android/" + path, bytes);
  nlohmann::json listing = {
      {"readAtMs", replies.read_at_ms},
      {"database", {{"status", status_name(replies.pull.status)}, {"message", replies.pull.message}, {"files", files}}},
      {"dumpsys", output_json(bundle, "listing/dumpsys-jobscheduler", replies.dumpsys)}};
  if (replies.diagnostics) {
    nlohmann::json diagnostics = {{"request", output_json(bundle, "listing/diagnostics-request", replies.diagnostics->request)},
                                  {"budgetMs", replies.diagnostics->budget.count()}};
    if (replies.diagnostics->log) diagnostics["log"] = output_json(bundle, "listing/diagnostics-logcat", *replies.diagnostics->log);
    listing["diagnostics"] = diagnostics;
  }
  if (replies.plugin_prefs) listing["pluginPrefs"] = output_json(bundle, "listing/plugin-prefs", *replies.plugin_prefs);
  return listing;
}

}  // namespace

void capture_android(const AdbEndpoint& endpoint, const DeviceInfo& device, const std::string& package, bool redact,
                     const Deadline& deadline, CaptureBundle& bundle) {
  auto recording = std::make_shared<Recording>();
  AdbClient client(endpoint);
  client.record_commands([recording](const RecordedCommand& command) {
    std::lock_guard<std::mutex> lock(recording->mutex);
    recording->commands.emplace_back(recording->purpose, command);
  });
  const std::string& serial = device.id;
  recording->set_purpose("devices");
  DeviceInfo described = device;
  for (const auto& entry : client.devices(deadline)) {
    if (entry.serial == serial) described = describe_android_devices(client, {entry}, deadline).front();
  }
  recording->set_purpose("list");
  WorkSourceReplies replies = gather_work_sources(client, serial, package, {}, deadline);
  android_listing_from(device, package, {}, work_sources_from(replies, serial, package));
  recording->set_purpose("doctor");
  doctor_android(client, described, package, deadline);
  recording->set_purpose("logs");
  read_task_logs(client, serial, false, [](const LogRecord&) { return true; }, deadline);
  recording->set_purpose("trigger");
  client.shell(serial, {"cmd", "jobscheduler", "help"}, deadline);

  bundle.manifest["device"] = device_json(described);
  bundle.manifest["listingDevice"] = device_json(device);
  for (const auto& [purpose, command] : recording->commands) {
    bool exec = command.service == "exec";
    std::size_t index = add_capture_command(bundle, purpose, command.argv,
                                            exec ? std::nullopt : std::optional<int>(command.result.exit_code),
                                            command.result.out, command.result.err, exec && redact ? kWithheld : "");
    bundle.manifest["commands"][index]["service"] = command.service;
  }
  bundle.manifest["listing"] = listing_json(bundle, std::move(replies), redact);
}

TaskListing android_listing_from_capture(const CaptureBundle& bundle, const TaskFilter& filter) {
  const nlohmann::json& listing = bundle.manifest.at("listing");
  WorkSourceReplies replies;
  replies.read_at_ms = listing.at("readAtMs").get<std::int64_t>();
  const nlohmann::json& database = listing.at("database");
  replies.pull.status = status_named(database.at("status").get<std::string>());
  replies.pull.message = database.value("message", "");
  for (const auto& [path, name] : database.at("files").items()) replies.pull.files[path] = capture_file(bundle, name);
  replies.dumpsys = output_from(bundle, listing.at("dumpsys"));
  if (listing.contains("diagnostics")) {
    const nlohmann::json& diagnostics = listing["diagnostics"];
    DiagnosticsReplies d;
    d.request = output_from(bundle, diagnostics.at("request"));
    if (diagnostics.contains("log")) d.log = output_from(bundle, diagnostics["log"]);
    d.budget = Millis(diagnostics.value("budgetMs", 0));
    replies.diagnostics = d;
  }
  if (listing.contains("pluginPrefs")) replies.plugin_prefs = output_from(bundle, listing["pluginPrefs"]);
  DeviceInfo device = device_from_json(bundle.manifest.value("listingDevice", bundle.manifest.at("device")));
  std::string package = bundle.manifest.at("app").get<std::string>();
  return android_listing_from(device, package, filter, work_sources_from(replies, device.id, package));
}

}  // namespace fwm::android
