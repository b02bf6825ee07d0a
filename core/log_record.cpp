// Log records to JSON.
#include "core/log_record.hpp"

namespace fwm {

nlohmann::json log_record_json(const LogRecord& r) {
  return {{"schema", "fwm/1"}, {"time", r.time}, {"pid", r.pid}, {"tid", r.tid},
          {"level", r.level},  {"tag", r.tag},   {"message", r.message}};
}

}  // namespace fwm
