// One line of a device log, as fwm logs prints it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace fwm {

// A parsed log line; `raw` is the line as the device printed it.
struct LogRecord {
  std::string time;     // "07-14 10:22:31.456" (device local time)
  int pid = 0;
  int tid = 0;
  std::string level;    // V, D, I, W, E, F
  std::string tag;
  std::string message;
  std::string raw;
};

// {"schema": "fwm/1", "time", "pid", "tid", "level", "tag", "message"}.
nlohmann::json log_record_json(const LogRecord& record);

}  // namespace fwm
