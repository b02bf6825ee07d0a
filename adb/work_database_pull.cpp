// The database pull: run-as wc -c, then one exec of run-as cat, split by size.
#include "adb/work_database_pull.hpp"

#include <sstream>
#include <vector>

namespace fwm::android {
namespace {

const std::vector<std::string> kFiles{std::string(kWorkDatabasePath), std::string(kWorkDatabasePath) + "-wal",
                                      std::string(kWorkDatabasePath) + "-shm"};

DatabasePull refused(const std::string& err, const std::string& package) {
  DatabasePull pull;
  pull.message = err.empty() ? "run-as failed for " + package : err;
  while (!pull.message.empty() && (pull.message.back() == '\n' || pull.message.back() == '\r')) pull.message.pop_back();
  if (err.find("not debuggable") != std::string::npos) {
    pull.status = DatabasePull::Status::NotDebuggable;
  } else if (err.find("unknown package") != std::string::npos || err.find("is unknown") != std::string::npos) {
    pull.status = DatabasePull::Status::UnknownPackage;
  } else {
    pull.status = DatabasePull::Status::Failed;
  }
  return pull;
}

}  // namespace

std::map<std::string, std::int64_t> parse_wc_sizes(std::string_view text) {
  std::map<std::string, std::int64_t> sizes;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::int64_t size = 0;
    std::string path;
    if (!(fields >> size >> path)) continue;
    if (path == "total") continue;
    sizes[path] = size;
  }
  return sizes;
}

DatabasePull pull_work_database(AdbClient& client, const std::string& serial, const std::string& package,
                                const TempDir& into, const Deadline& deadline) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::vector<std::string> wc{"run-as", package, "wc", "-c"};
    wc.insert(wc.end(), kFiles.begin(), kFiles.end());
    ShellResult sizes_reply = client.shell(serial, wc, deadline);
    auto sizes = parse_wc_sizes(sizes_reply.out);
    if (sizes.empty()) {
      if (sizes_reply.err.find("run-as:") != std::string::npos) return refused(sizes_reply.err, package);
      if (sizes_reply.err.find(kWorkDatabasePath) != std::string::npos) {
        return {DatabasePull::Status::NoDatabase, "", package + " has no " + kWorkDatabasePath +
                                                          " (WorkManager never ran, or the app data was cleared)"};
      }
      return refused(sizes_reply.err, package);
    }
    if (!sizes.count(kFiles[0])) {
      return {DatabasePull::Status::NoDatabase, "", package + " has no " + std::string(kWorkDatabasePath)};
    }
    std::vector<std::string> cat{"run-as", package, "cat"};
    std::int64_t expected = 0;
    for (const auto& file : kFiles) {
      if (sizes.count(file)) {
        cat.push_back(file);
        expected += sizes[file];
      }
    }
    std::string bytes = client.exec(serial, cat, deadline);
    if (static_cast<std::int64_t>(bytes.size()) != expected) continue;
    std::size_t offset = 0;
    DatabasePull pull{DatabasePull::Status::Pulled, "", "", {}};
    for (const auto& file : kFiles) {
      if (!sizes.count(file)) continue;
      auto size = static_cast<std::size_t>(sizes[file]);
      pull.files[file] = bytes.substr(offset, size);
      std::string local = into.write("androidx.work.workdb" + file.substr(kFiles[0].size()), pull.files[file]);
      if (file == kFiles[0]) pull.path = local;
      offset += size;
    }
    return pull;
  }
  return {DatabasePull::Status::Failed, "", "the database of " + package + " kept changing while it was copied; try again"};
}

}  // namespace fwm::android
