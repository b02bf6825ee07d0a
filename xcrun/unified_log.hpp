// Parser of the unified log as `log show|stream --style json` (a JSON array) or `--style ndjson` prints it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fwm::ios {

// One log event; an empty string is a key the record did not carry.
struct UnifiedLogRecord {
  std::string timestamp;     // "2025-07-27 15:47:10.504275-0400"
  std::string process;       // "process" when present, else the last component of processImagePath
  std::string subsystem;
  std::string category;
  std::string message_type;  // Default, Info, Debug, Error, Fault
  std::string event_type;    // logEvent, activityCreateEvent, ...
  std::string event_message;
  std::string sender_image_path;
  std::optional<long long> process_id;
};

// Turns log output into records as it arrives, in either style: each top-level `{...}` object is
// one record, whether inside the array (`[{`, `},{`, `}]`) or one per line. Text outside objects
// (the "Filtering the log data using ..." and "Skipping info and debug messages ..." lines, array
// punctuation, blank lines, CRs) is ignored; an object starts only at the beginning of a line or
// after `[` or `,`, so a brace in those lines is not mistaken for one.
class UnifiedLogDecoder {
 public:
  // The records completed by `chunk` (which may end anywhere, even inside a string). Throws
  // std::invalid_argument when a completed object is not valid JSON.
  std::vector<UnifiedLogRecord> feed(std::string_view chunk);
  // True while an object has started and not ended (output cut short ends like this).
  bool inside_record() const { return depth_ > 0; }

 private:
  std::string pending_;         // the object being read
  int depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  bool skipping_line_ = false;  // in a line of text outside the records (not only blanks, '[', ',', ']')
};

// The moment of a record's timestamp ("2025-07-27 15:47:10.504275-0400": local time with its UTC
// offset) as microseconds since 1970 UTC; nullopt when it is not in that form.
std::optional<std::int64_t> unified_log_time_us(std::string_view timestamp);

// Every complete record of `text`; an unfinished last record is dropped. Throws as feed() does.
std::vector<UnifiedLogRecord> parse_unified_log(std::string_view text);

}  // namespace fwm::ios
