// Capture bundles: files stored once, commands numbered, the archive written and read through tar_archive.
#include "core/capture_bundle.hpp"

#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/tar_archive.hpp"

namespace fwm {
namespace {

const char* const kManifest = "manifest.json";

// The first word of argv that names the command, for file names ("dumpsys", "run-as", ...).
std::string slug(const std::vector<std::string>& argv) {
  std::string word = argv.empty() ? "command" : argv.front();
  std::string out;
  for (char c : word.substr(word.rfind('/') + 1)) {
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  }
  return out.empty() ? "command" : out;
}

// Every file name the manifest's commands and sections refer to.
void named_files(const nlohmann::json& node, std::vector<std::string>& names) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if ((key == "stdout" || key == "stderr" || key == "file") && value.is_string()) names.push_back(value);
      if (key == "files" && value.is_object()) {
        for (const auto& [_, name] : value.items()) {
          if (name.is_string()) names.push_back(name);
        }
      } else {
        named_files(value, names);
      }
    }
  } else if (node.is_array()) {
    for (const auto& item : node) named_files(item, names);
  }
}

}  // namespace

std::string add_capture_file(CaptureBundle& bundle, const std::string& name, std::string bytes) {
  for (const auto& [existing, content] : bundle.files) {
    if (content == bytes) return existing;
  }
  bundle.files[name] = std::move(bytes);
  return name;
}

std::size_t add_capture_command(CaptureBundle& bundle, const std::string& purpose, const std::vector<std::string>& argv,
                                std::optional<int> exit_code, std::string out, std::string err,
                                const std::string& stdout_withheld) {
  nlohmann::json& commands = bundle.manifest["commands"];
  if (!commands.is_array()) commands = nlohmann::json::array();
  std::size_t index = commands.size();
  char number[16];
  std::snprintf(number, sizeof number, "%02zu", index);
  std::string base = "commands/" + std::string(number) + "-" + slug(argv);
  nlohmann::json entry = {{"purpose", purpose}, {"argv", argv}, {"exitCode", nullptr}};
  if (exit_code) entry["exitCode"] = *exit_code;
  if (stdout_withheld.empty()) {
    entry["stdout"] = add_capture_file(bundle, base + ".stdout", std::move(out));
  } else {
    entry["withheld"] = stdout_withheld;
  }
  if (!err.empty()) entry["stderr"] = add_capture_file(bundle, base + ".stderr", std::move(err));
  commands.push_back(std::move(entry));
  return index;
}

std::string capture_archive(const CaptureBundle& bundle, std::int64_t mtime) {
  std::vector<TarEntry> entries{{kManifest, bundle.manifest.dump(2) + "\n"}};
  for (const auto& [name, bytes] : bundle.files) entries.push_back({name, bytes});
  return write_tar(entries, mtime);
}

bool looks_like_capture(std::string_view head) {
  return head.size() >= 512 && head.substr(0, 14) == std::string_view("manifest.json\0", 14) &&
         head.substr(257, 5) == "ustar";
}

CaptureBundle read_capture_archive(const std::string& path, std::string_view bytes) {
  std::vector<TarEntry> entries;
  try {
    entries = read_tar(bytes);
  } catch (const std::invalid_argument& e) {
    throw ValidationError("file", "'" + path + "' cannot be read completely as an fwm capture: " + e.what());
  }
  CaptureBundle bundle;
  bool manifest = false;
  for (auto& entry : entries) {
    if (entry.name == kManifest) {
      bundle.manifest = nlohmann::json::parse(entry.bytes, nullptr, false);
      manifest = true;
    } else {
      bundle.files[entry.name] = std::move(entry.bytes);
    }
  }
  if (!manifest || !bundle.manifest.is_object() || bundle.manifest.value("kind", "") != kCaptureKind) {
    throw ValidationError("file", "'" + path + "' holds no fwm capture manifest (manifest.json of kind fwm-capture)");
  }
  std::vector<std::string> names;
  named_files(bundle.manifest, names);
  for (const auto& name : names) {
    if (!bundle.files.count(name)) {
      throw ValidationError("file", "'" + path + "' lacks " + name + ", which its manifest names: the capture is incomplete");
    }
  }
  return bundle;
}

const std::string& capture_file(const CaptureBundle& bundle, const std::string& name) { return bundle.files.at(name); }

nlohmann::json capture_report_json(const CaptureReport& report) {
  return {{"schema", "fwm/1"},       {"path", report.path},         {"device", report.device},
          {"app", report.app},         {"redacted", report.redacted}, {"commands", report.commands},
          {"files", report.files},     {"bytes", report.bytes}};
}

}  // namespace fwm
