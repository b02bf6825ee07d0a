// read_property_list over libplist 2.x's C API.
#include "xcrun/property_list.hpp"

#include <plist/plist.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/nesting_limit.hpp"
#include "xcrun/binary_plist_check.hpp"

namespace fwm::ios {
namespace {

// Seconds from 1970-01-01 to 2001-01-01, the epoch of plist dates.
constexpr std::int64_t kAppleEpoch = 978307200;

struct PlistFree {
  void operator()(void* node) const { plist_free(static_cast<plist_t>(node)); }
};

std::string iso_date(std::int32_t sec, std::int32_t usec) {
  std::time_t t = static_cast<std::time_t>(kAppleEpoch + sec);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string out = buffer;
  if (usec != 0) {
    char fraction[16];
    std::snprintf(fraction, sizeof fraction, ".%06d", static_cast<int>(usec));
    out += fraction;
  }
  return out + "Z";
}

std::string owned_string(char* text) {
  std::string out = text != nullptr ? text : "";
  std::free(text);
  return out;
}

nlohmann::json to_json(plist_t node) {
  switch (plist_get_node_type(node)) {
    case PLIST_DICT: {
      nlohmann::json object = nlohmann::json::object();
      plist_dict_iter it = nullptr;
      plist_dict_new_iter(node, &it);
      for (;;) {
        char* key = nullptr;
        plist_t value = nullptr;
        plist_dict_next_item(node, it, &key, &value);
        if (value == nullptr) {
          std::free(key);
          break;
        }
        object[owned_string(key)] = to_json(value);
      }
      std::free(it);
      return object;
    }
    case PLIST_ARRAY: {
      nlohmann::json array = nlohmann::json::array();
      for (uint32_t i = 0; i < plist_array_get_size(node); ++i) array.push_back(to_json(plist_array_get_item(node, i)));
      return array;
    }
    case PLIST_BOOLEAN: {
      uint8_t value = 0;
      plist_get_bool_val(node, &value);
      return value != 0;
    }
    case PLIST_UINT: {
      uint64_t value = 0;
      plist_get_uint_val(node, &value);
      return static_cast<std::int64_t>(value);
    }
    case PLIST_REAL: {
      double value = 0;
      plist_get_real_val(node, &value);
      return value;
    }
    case PLIST_STRING: {
      std::uint64_t length = 0;
      const char* value = plist_get_string_ptr(node, &length);
      return value != nullptr ? std::string(value, static_cast<std::size_t>(length)) : std::string();
    }
    case PLIST_KEY: {
      char* value = nullptr;
      plist_get_key_val(node, &value);
      return owned_string(value);
    }
    case PLIST_DATA: {
      char* value = nullptr;
      uint64_t length = 0;
      plist_get_data_val(node, &value, &length);
      std::vector<std::uint8_t> bytes(value, value + length);
      std::free(value);
      return nlohmann::json::binary(std::move(bytes));
    }
    case PLIST_DATE: {
      std::int32_t sec = 0, usec = 0;
      plist_get_date_val(node, &sec, &usec);
      return iso_date(sec, usec);
    }
    case PLIST_UID: {
      uint64_t value = 0;
      plist_get_uid_val(node, &value);
      return value;
    }
    default:
      return nullptr;
  }
}

// Refuses an XML plist whose <dict> and <array> elements nest deeper than kMaxNesting (libplist
// frees and fwm converts its tree recursively). Comments, CDATA sections and processing
// instructions are skipped so that no tag inside them is counted.
void check_xml_nesting(std::string_view xml) {
  int depth = 0;
  std::size_t pos = 0;
  auto skip_past = [&](std::string_view end) {
    std::size_t found = xml.find(end, pos);
    pos = found == std::string_view::npos ? xml.size() : found + end.size();
  };
  while ((pos = xml.find('<', pos)) != std::string_view::npos) {
    std::string_view rest = xml.substr(pos);
    if (rest.rfind("<!--", 0) == 0) {
      skip_past("-->");
    } else if (rest.rfind("<![CDATA[", 0) == 0) {
      skip_past("]]>");
    } else if (rest.rfind("<?", 0) == 0) {
      skip_past("?>");
    } else {
      std::size_t end = rest.find('>');
      std::string_view tag = rest.substr(0, end == std::string_view::npos ? rest.size() : end + 1);
      bool opens = tag.rfind("<dict", 0) == 0 || tag.rfind("<array", 0) == 0;
      bool closes = tag.rfind("</dict", 0) == 0 || tag.rfind("</array", 0) == 0;
      bool empty = tag.size() >= 2 && tag.substr(tag.size() - 2) == "/>";
      if (opens && !empty && ++depth > kMaxNesting) {
        throw std::invalid_argument("XML plist, byte " + std::to_string(pos) + ": <dict> and <array> nested deeper than " +
                                    std::to_string(kMaxNesting) + " levels");
      }
      if (closes && depth > 0) --depth;
      pos += tag.size();
    }
  }
}

}  // namespace

nlohmann::json read_property_list(std::string_view bytes) {
  if (bytes.size() > UINT32_MAX) throw std::invalid_argument("the property list is larger than 4 GiB");
  plist_t root = nullptr;
  auto size = static_cast<uint32_t>(bytes.size());
  if (bytes.size() >= 8 && bytes.substr(0, 6) == "bplist") {
    check_binary_plist(bytes);
    plist_from_bin(bytes.data(), size, &root);
  } else if (bytes.find("<plist") != std::string_view::npos) {
    check_xml_nesting(bytes);
    plist_from_xml(bytes.data(), size, &root);
  }
  if (root == nullptr) throw std::invalid_argument("the file is not a binary or XML property list");
  std::unique_ptr<void, PlistFree> owner(root);
  return to_json(root);
}

}  // namespace fwm::ios
