// The log record decoder: a brace scanner that respects JSON strings, then nlohmann::json per record.
#include "xcrun/unified_log.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace fwm::ios {
namespace {

std::string string_at(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

UnifiedLogRecord record_of(const std::string& text) {
  nlohmann::json object = nlohmann::json::parse(text, nullptr, false);
  if (object.is_discarded() || !object.is_object()) {
    throw std::invalid_argument("unified log: a record is not valid JSON: " + text.substr(0, 200));
  }
  UnifiedLogRecord record;
  record.timestamp = string_at(object, "timestamp");
  record.process = string_at(object, "process");
  if (record.process.empty()) {
    std::string image = string_at(object, "processImagePath");
    record.process = image.substr(image.rfind('/') + 1);
  }
  record.subsystem = string_at(object, "subsystem");
  record.category = string_at(object, "category");
  record.message_type = string_at(object, "messageType");
  record.event_type = string_at(object, "eventType");
  record.event_message = string_at(object, "eventMessage");
  record.sender_image_path = string_at(object, "senderImagePath");
  auto pid = object.find("processID");
  if (pid != object.end() && pid->is_number_integer()) record.process_id = pid->get<long long>();
  return record;
}

}  // namespace

std::vector<UnifiedLogRecord> UnifiedLogDecoder::feed(std::string_view chunk) {
  std::vector<UnifiedLogRecord> records;
  for (char c : chunk) {
    if (depth_ == 0) {
      if (c == '\n') {
        skipping_line_ = false;
      } else if (c == '{' && !skipping_line_) {
        depth_ = 1;
        pending_ = "{";
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '[' && c != ',' && c != ']') {
        skipping_line_ = true;
      }
      continue;
    }
    pending_ += c;
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
    } else if (c == '"') {
      in_string_ = true;
    } else if (c == '{') {
      ++depth_;
    } else if (c == '}' && --depth_ == 0) {
      records.push_back(record_of(pending_));
      pending_.clear();
    }
  }
  return records;
}

std::vector<UnifiedLogRecord> parse_unified_log(std::string_view text) {
  UnifiedLogDecoder decoder;
  return decoder.feed(text);
}

}  // namespace fwm::ios
