// Redaction of Data blobs (decoded by work_data, written as V1) and of a database copy through SQLite.
#include "adb/work_redaction.hpp"

#include <sqlite3.h>

#include <bit>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "adb/work_data.hpp"
#include "adb/work_database_pull.hpp"
#include "core/temp_dir.hpp"

namespace fwm::android {
namespace {

using Json = nlohmann::ordered_json;

// V1 type codes of androidx Data_.kt.
enum : unsigned char {
  kNull = 0, kBoolean = 1, kInteger = 3, kLong = 4, kDouble = 6, kString = 7,
  kBooleanArray = 8, kIntegerArray = 10, kLongArray = 11, kDoubleArray = 13, kStringArray = 14,
};

constexpr std::string_view kNullStringV1 = "androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d";

// The value with every leaf replaced by its type's marker.
Json redacted(const Json& value) {
  if (value.is_string()) return kRedactedText;
  if (value.is_boolean()) return false;
  if (value.is_number_float()) return 0.0;
  if (value.is_number()) return 0;
  if (value.is_array() || value.is_object()) {
    Json out = value;
    for (auto& item : out) item = redacted(item);
    return out;
  }
  return value;
}

// A JSON text with its values redacted (a text that is not JSON becomes the marker).
Json redacted_json_text(const Json& value) {
  if (!value.is_string()) return redacted(value);
  Json parsed = Json::parse(value.get<std::string>(), nullptr, false);
  if (parsed.is_discarded()) return kRedactedText;
  return redacted(parsed).dump();
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

void put_be(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

// DataOutput.writeUTF: a u16 length, then modified UTF-8 (U+0000 as C0 80, supplementary characters as
// two 3-byte surrogates).
void put_utf(std::string& out, std::string_view text) {
  std::string body;
  auto put_unit = [&](std::uint32_t unit) {
    if (unit != 0 && unit < 0x80) {
      body += static_cast<char>(unit);
    } else if (unit < 0x800) {
      body += static_cast<char>(0xc0 | (unit >> 6));
      body += static_cast<char>(0x80 | (unit & 0x3f));
    } else {
      body += static_cast<char>(0xe0 | (unit >> 12));
      body += static_cast<char>(0x80 | ((unit >> 6) & 0x3f));
      body += static_cast<char>(0x80 | (unit & 0x3f));
    }
  };
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    int extra = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
    std::uint32_t cp = extra == 0 ? c : c & (0x3f >> extra);
    for (int k = 1; k <= extra && i + k < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
    i += static_cast<std::size_t>(extra) + 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put_unit(0xd800 | (cp >> 10));
      put_unit(0xdc00 | (cp & 0x3ff));
    } else {
      put_unit(cp);
    }
  }
  if (body.size() > 0xffff) throw std::invalid_argument("a string too long for writeUTF");
  put_be(out, body.size(), 2);
  out += body;
}

bool fits_int(const Json& v) {
  return v.is_number_integer() && v.get<std::int64_t>() >= std::numeric_limits<std::int32_t>::min() &&
         v.get<std::int64_t>() <= std::numeric_limits<std::int32_t>::max();
}

void put_scalar(std::string& out, unsigned char type, const Json& v) {
  switch (type) {
    case kBoolean: out += static_cast<char>(v.get<bool>() ? 1 : 0); break;
    case kInteger: put_be(out, static_cast<std::uint32_t>(v.get<std::int32_t>()), 4); break;
    case kLong: put_be(out, static_cast<std::uint64_t>(v.get<std::int64_t>()), 8); break;
    case kDouble: put_be(out, std::bit_cast<std::uint64_t>(v.get<double>()), 8); break;
    default: put_utf(out, v.is_null() ? kNullStringV1 : std::string_view(v.get_ref<const std::string&>())); break;
  }
}

unsigned char scalar_type(const Json& v) {
  if (v.is_null()) return kNull;
  if (v.is_boolean()) return kBoolean;
  if (v.is_number_float()) return kDouble;
  if (v.is_number()) return fits_int(v) ? kInteger : kLong;
  return kString;
}

unsigned char array_type(const Json& array) {
  bool all_bool = !array.empty(), all_int = !array.empty(), all_number = !array.empty(), wide = false;
  for (const auto& e : array) {
    all_bool = all_bool && e.is_boolean();
    all_int = all_int && e.is_number_integer();
    all_number = all_number && e.is_number();
    wide = wide || (e.is_number_integer() && !fits_int(e));
  }
  if (all_bool) return kBooleanArray;
  if (all_int) return wide ? kLongArray : kIntegerArray;
  if (all_number) return kDoubleArray;
  return kStringArray;
}

std::string encode_v1(const Json& data) {
  std::string out = "\xab\xef";
  put_be(out, 1, 2);
  put_be(out, data.size(), 4);
  for (const auto& [key, value] : data.items()) {
    if (value.is_array()) {
      unsigned char type = array_type(value);
      out += static_cast<char>(type);
      put_be(out, value.size(), 4);
      unsigned char element = type == kStringArray ? kString : static_cast<unsigned char>(type - 7);
      for (const auto& e : value) put_scalar(out, element, element == kDouble ? Json(e.get<double>()) : e);
    } else {
      unsigned char type = scalar_type(value);
      out += static_cast<char>(type);
      if (type != kNull) put_scalar(out, type, value.is_object() ? Json(value.dump()) : value);
    }
    put_utf(out, key);
  }
  return out;
}

std::string read_host_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error(std::string("redacting the database copy failed (") + sql + "): " + text);
  }
}

}  // namespace

std::string redacted_work_data(std::string_view blob) {
  Json data = decode_work_data_ordered(blob);
  for (auto& [key, value] : data.items()) {  // the input keys as plugin_input_from (plugin_work.cpp) reads them
    if (key.rfind("json_payload_", 0) == 0 || ends_with(key, ".INPUT_DATA")) {
      value = redacted_json_text(value);
    } else if (key.rfind("payload_", 0) == 0) {
      value = redacted(value);
    }
  }
  return encode_v1(data);
}

std::map<std::string, std::string> redact_work_database(const std::map<std::string, std::string>& files) {
  TempDir scratch;
  std::string path;
  const std::string main_file = kWorkDatabasePath;
  for (const auto& [file, bytes] : files) {
    std::string local = scratch.write("workdb" + file.substr(main_file.size()), bytes);
    if (file == main_file) path = local;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("the database copy cannot be opened to redact it");
  }
  try {
    exec(db, "PRAGMA secure_delete=ON");
    sqlite3_stmt* select = nullptr;
    sqlite3_stmt* update = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT id, input FROM WorkSpec", -1, &select, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "UPDATE WorkSpec SET input = ? WHERE id = ?", -1, &update, nullptr) != SQLITE_OK) {
      sqlite3_finalize(select);
      throw std::runtime_error(std::string("the database copy has no readable WorkSpec table: ") + sqlite3_errmsg(db));
    }
    std::map<std::string, std::string> rewritten;
    while (sqlite3_step(select) == SQLITE_ROW) {
      const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(select, 0));
      const auto* input = static_cast<const char*>(sqlite3_column_blob(select, 1));
      std::string_view blob(input != nullptr ? input : "", static_cast<std::size_t>(sqlite3_column_bytes(select, 1)));
      std::string redacted_blob;
      try {
        redacted_blob = redacted_work_data(blob);
      } catch (const std::invalid_argument&) {
        redacted_blob = encode_v1(Json::object());
      }
      rewritten[id != nullptr ? id : ""] = redacted_blob;
    }
    sqlite3_finalize(select);
    exec(db, "BEGIN");
    for (const auto& [id, blob] : rewritten) {
      sqlite3_bind_blob(update, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(update, 2, id.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(update) != SQLITE_DONE) {
        sqlite3_finalize(update);
        throw std::runtime_error(std::string("redacting a WorkSpec row failed: ") + sqlite3_errmsg(db));
      }
      sqlite3_reset(update);
    }
    sqlite3_finalize(update);
    exec(db, "COMMIT");
    exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    exec(db, "PRAGMA journal_mode=DELETE");
    exec(db, "VACUUM");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
  return {{main_file, read_host_file(path)}};
}

}  // namespace fwm::android
