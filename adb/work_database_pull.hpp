// Copying an app's WorkManager database off a device (debuggable apps, through run-as) in two round trips.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "adb/adb_client.hpp"
#include "core/temp_dir.hpp"

namespace fwm::android {

// The database file and its side files, relative to the app's data directory.
inline constexpr const char* kWorkDatabasePath = "no_backup/androidx.work.workdb";

// The sizes in `wc -c` output ("SIZE PATH" lines; the "total" line ignored).
std::map<std::string, std::int64_t> parse_wc_sizes(std::string_view text);

// What pulling the database found.
struct DatabasePull {
  enum class Status { Pulled, NotDebuggable, UnknownPackage, NoDatabase, Failed };
  Status status = Status::Failed;
  std::string path;      // the local copy of the database when Pulled (its -wal and -shm beside it)
  std::string message;   // what the device said otherwise
  std::map<std::string, std::string> files;  // when Pulled: each copied file's bytes by its path in the app's data directory
};

// Reads the sizes (`run-as PKG wc -c FILES`), then the bytes of the files that exist
// (`exec: run-as PKG cat FILES`), and writes them into `into`. A size mismatch (the app wrote
// meanwhile) is retried once.
DatabasePull pull_work_database(AdbClient& client, const std::string& serial, const std::string& package,
                                const TempDir& into, const Deadline& deadline);

}  // namespace fwm::android
