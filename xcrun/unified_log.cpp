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

namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Reads `count` digits at `at` into `value`.
bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<std::int64_t> unified_log_time_us(std::string_view t) {
  int year, month, day, hour, minute, second;
  if (!digits(t, 0, 4, year) || t.size() < 19 || t[4] != '-' || !digits(t, 5, 2, month) || t[7] != '-' ||
      !digits(t, 8, 2, day) || t[10] != ' ' || !digits(t, 11, 2, hour) || t[13] != ':' || !digits(t, 14, 2, minute) ||
      t[16] != ':' || !digits(t, 17, 2, second) || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  std::size_t at = 19;
  std::int64_t micros = 0;
  if (at < t.size() && t[at] == '.') {
    std::int64_t scale = 100000;
    for (++at; at < t.size() && t[at] >= '0' && t[at] <= '9'; ++at) {
      micros += (t[at] - '0') * scale;
      scale /= 10;
    }
  }
  int offset_h = 0, offset_m = 0;
  if (at + 5 > t.size() || (t[at] != '+' && t[at] != '-') || !digits(t, at + 1, 2, offset_h) ||
      !digits(t, at + 3, 2, offset_m)) {
    return std::nullopt;
  }
  std::int64_t offset = (offset_h * 3600 + offset_m * 60) * (t[at] == '-' ? -1 : 1);
  std::int64_t local = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                       hour * 3600 + minute * 60 + second;
  return (local - offset) * 1000000 + micros;
}

}  // namespace fwm::ios
