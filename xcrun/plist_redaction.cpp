// Suite redaction through libplist: read (after property_list's checks), redact in place, write binary.
#include "xcrun/plist_redaction.hpp"

#include <plist/plist.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <vector>

#include "xcrun/property_list.hpp"

namespace fwm::ios {
namespace {

const char* const kInputKeys[] = {"dev.fluttercommunity.workmanager.periodicTaskInputData.",
                                  "be.tramckrijte.workmanager.periodicTaskInputData."};

struct PlistFree {
  void operator()(void* node) const { plist_free(static_cast<plist_t>(node)); }
};

void redact(plist_t node) {
  switch (plist_get_node_type(node)) {
    case PLIST_STRING: plist_set_string_val(node, kRedactedPlistText); break;
    case PLIST_UINT: plist_set_uint_val(node, 0); break;
    case PLIST_REAL: plist_set_real_val(node, 0.0); break;
    case PLIST_BOOLEAN: plist_set_bool_val(node, 0); break;
    case PLIST_DATA: plist_set_data_val(node, "", 0); break;
    case PLIST_DATE: plist_set_date_val(node, 0, 0); break;
    case PLIST_ARRAY:
      for (uint32_t i = 0; i < plist_array_get_size(node); ++i) redact(plist_array_get_item(node, i));
      break;
    case PLIST_DICT: {
      plist_dict_iter it = nullptr;
      plist_dict_new_iter(node, &it);
      for (;;) {
        char* key = nullptr;
        plist_t value = nullptr;
        plist_dict_next_item(node, it, &key, &value);
        if (key == nullptr) break;
        std::free(key);
        redact(value);
      }
      std::free(it);
      break;
    }
    default: break;
  }
}

bool is_input_key(const std::string& key) {
  for (const char* prefix : kInputKeys) {
    if (key.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace

std::string redact_plugin_suite(std::string_view bytes) {
  read_property_list(bytes);
  plist_t root = nullptr;
  auto size = static_cast<uint32_t>(bytes.size());
  if (bytes.rfind("bplist00", 0) == 0) {
    plist_from_bin(bytes.data(), size, &root);
  } else {
    plist_from_xml(bytes.data(), size, &root);
  }
  std::unique_ptr<void, PlistFree> owner(root);
  if (root == nullptr || plist_get_node_type(root) != PLIST_DICT) {
    throw std::invalid_argument("the suite's root is not a dictionary");
  }
  std::vector<plist_t> inputs;
  plist_dict_iter it = nullptr;
  plist_dict_new_iter(root, &it);
  for (;;) {
    char* key = nullptr;
    plist_t value = nullptr;
    plist_dict_next_item(root, it, &key, &value);
    if (key == nullptr) break;
    if (is_input_key(key)) inputs.push_back(value);
    std::free(key);
  }
  std::free(it);
  for (plist_t input : inputs) redact(input);
  char* out = nullptr;
  uint32_t length = 0;
  plist_to_bin(root, &out, &length);
  if (out == nullptr) throw std::invalid_argument("the redacted suite could not be written");
  std::string written(out, length);
  plist_to_bin_free(out);
  return written;
}

}  // namespace fwm::ios
