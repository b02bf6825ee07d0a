// Redacting the tasks' input data in a WorkManager database copy for `fwm capture --redact`, keeping keys and types.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace fwm::android {

// What a redacted string reads.
inline constexpr const char* kRedactedText = "<redacted>";

// `blob` (a Data blob, V0 or V1) written again as V1 (androidx Data_.kt toByteArrayInternalV1) with
// the values of the plugin's input keys (payload_*, json_payload_* — inside its JSON text —, and
// <plugin>.INPUT_DATA — inside its JSON object) replaced, keeping keys and JSON types: strings become
// kRedactedText, numbers 0, booleans false, arrays and objects keep their length and keys with their
// elements redacted, null stays null. The plugin's own keys (task name, unique name, debug flag) are
// kept. Throws std::invalid_argument when the blob cannot be decoded.
std::string redacted_work_data(std::string_view blob);

// The database files of a pull (device path -> bytes, the database with its -wal and -shm) as one
// self-contained database file (same device path, rollback-journal mode, the WAL checkpointed into
// it, vacuumed with secure_delete so no old value survives in a free page) whose WorkSpec input blobs
// are redacted_work_data; a blob that cannot be decoded becomes an empty Data. Throws
// std::runtime_error when SQLite cannot rewrite the copy.
std::map<std::string, std::string> redact_work_database(const std::map<std::string, std::string>& files);

}  // namespace fwm::android
