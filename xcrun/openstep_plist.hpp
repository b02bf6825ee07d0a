// Parser of old-style (OpenStep/NeXTSTEP) property lists, as `simctl listapps` prints them.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace fwm::ios {

// The property list in `text` as JSON: a dictionary `{ key = value; ... }` becomes an object, an
// array `( a, b, )` an array, a quoted ("..." or '...') or unquoted string a string (old-style
// plists have no numbers or booleans), and `<hex digits>` data a JSON binary value. Quoted strings
// take the escapes \a \b \f \n \r \t \v \\ \" \' , \NNN (octal) and \Uhhhh (UTF-16, surrogate pairs
// joined); the result is UTF-8. `//` and `/* */` comments, blank lines and CRLF are ignored; the
// last entry may lack its `;` and arrays may end with a `,`. A repeated key keeps its last value.
// Throws std::invalid_argument naming the line and column of anything else, of text left over, or
// of containers nested deeper than kMaxNesting (core/nesting_limit.hpp).
nlohmann::json parse_openstep_plist(std::string_view text);

}  // namespace fwm::ios
