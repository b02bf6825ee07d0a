// Reading binary and XML property lists (through libplist) as JSON.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace fwm::ios {

// The property list in `bytes` (`bplist00` binary, else XML) as JSON: dictionaries become objects,
// arrays arrays, strings strings, booleans booleans, integers numbers (signed 64-bit), reals
// numbers, data JSON binary values, dates ISO-8601 UTC strings ("2024-05-10T12:32:23Z", with
// fractional seconds when present) and UIDs numbers; a string keeps a U+0000 it holds. A binary
// plist is first checked by check_binary_plist (xcrun/binary_plist_check.hpp) and an XML one for
// <dict>/<array> nesting deeper than kMaxNesting, since libplist 2.2 asserts or recurses without
// bound on such input. Throws std::invalid_argument, saying why, when the bytes are neither kind of
// property list or fail those checks.
nlohmann::json read_property_list(std::string_view bytes);

}  // namespace fwm::ios
