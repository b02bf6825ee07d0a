// The contents of a `fwm capture` archive: a manifest and the raw outputs it names, and the archive's bytes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace fwm {

// The manifest's "kind".
inline constexpr const char* kCaptureKind = "fwm-capture";

// A capture being written or read: manifest.json (see docs/capture.md) and the files it names.
struct CaptureBundle {
  nlohmann::json manifest = nlohmann::json::object();
  std::map<std::string, std::string> files;  // name in the archive -> bytes
};

// Stores `bytes` as `name` and returns the name to put in the manifest: an earlier file with the
// same bytes is named instead of storing them twice.
std::string add_capture_file(CaptureBundle& bundle, const std::string& name, std::string bytes);

// Appends {"purpose", "argv", "exitCode" (null when the tool reports none), "stdout", "stderr"
// (file names; "stderr" only when it printed some)} to manifest["commands"], the outputs stored as
// commands/NN-WORD.stdout and .stderr; returns the command's index. `stdout_withheld` stores no
// stdout and says why in "withheld" instead.
std::size_t add_capture_command(CaptureBundle& bundle, const std::string& purpose, const std::vector<std::string>& argv,
                                std::optional<int> exit_code, std::string out, std::string err,
                                const std::string& stdout_withheld = "");

// The ustar archive of `bundle`: manifest.json first (pretty-printed), then the files by name.
std::string capture_archive(const CaptureBundle& bundle, std::int64_t mtime);

// True when `head` (a file's first 512 bytes or more) is a tar header of a file named manifest.json.
bool looks_like_capture(std::string_view head);

// The capture in the archive bytes read from `path`. Throws ValidationError on field "file" naming
// `path` when the archive is damaged, holds no manifest.json of kind fwm-capture, or lacks a file
// its manifest names.
CaptureBundle read_capture_archive(const std::string& path, std::string_view bytes);

// The bytes of the file `name` the manifest names (see read_capture_archive for the check).
const std::string& capture_file(const CaptureBundle& bundle, const std::string& name);

// What `fwm capture` wrote.
struct CaptureReport {
  std::string path;                 // the archive
  nlohmann::json device;            // the manifest's device
  std::string app;
  bool redacted = false;
  std::size_t commands = 0;         // how many commands the manifest lists
  std::vector<std::string> files;   // the archive's files, manifest.json first
  std::size_t bytes = 0;            // the archive's size
};

// {"schema": "fwm/1", "path", "device", "app", "redacted", "commands", "files", "bytes"}.
nlohmann::json capture_report_json(const CaptureReport& report);

}  // namespace fwm
