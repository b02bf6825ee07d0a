// Decoding of WorkManager Data blobs (WorkSpec input, output, progress) in both stored formats.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace fwm::android {

// The blob's entries as a JSON object, keys in blob order (a repeated key keeps its first place and
// its last value). Empty blob -> {}; `AB EF` -> V1 (DataOutputStream); `AC ED` -> V0 (Java Object
// Serialization). Booleans, integers (byte, int, long), strings, arrays and null map to their JSON
// kinds; a float is widened through its shortest decimal spelling (1.5f -> 1.5, 0.1f -> 0.1); a
// non-finite float or double becomes null; modified UTF-8 becomes UTF-8 (an unpaired surrogate
// becomes U+FFFD). Throws std::invalid_argument naming the byte offset when the blob is malformed,
// cut short, or holds something Data never holds (e.g. an object other than a boxed primitive, a
// class in its own superclass chain, TC_RESET inside an object), or when back-references would
// expand it beyond 64 times its length (and beyond 4 MiB).
nlohmann::ordered_json decode_work_data_ordered(std::string_view blob);

// decode_work_data_ordered as a plain nlohmann::json, whose objects order their keys by name.
nlohmann::json decode_work_data(std::string_view blob);

}  // namespace fwm::android
