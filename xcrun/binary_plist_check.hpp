// Checks a binary property list against Apple's bplist00 format before libplist reads it.
#pragma once

#include <cstddef>
#include <string_view>

namespace fwm::ios {

// At most this many values once shared objects are counted at each place they are referenced
// (libplist 2.2 copies a shared object wherever it is referenced).
inline constexpr std::size_t kMaxPlistValues = 1'000'000;
// At most this many bytes of strings and data counted the same way.
inline constexpr std::size_t kMaxPlistBytes = 64u << 20;

// Throws std::invalid_argument naming the first problem (and the object's byte offset) unless
// `bytes` is a `bplist00` file, as CoreFoundation's CFBinaryPList.c describes and checks it, that
// libplist 2.2 reads safely: a trailer whose offset table and object references fit the file, every
// offset inside the object table, every object of a bplist00 type (no v1 null/url/uuid/utf8/ordset,
// no fill) within the object table, integers of 1-16 bytes, reals of 4 or 8, dictionary keys that
// are strings without U+0000, no object that contains itself, dictionaries and arrays nested at
// most kMaxNesting (core/nesting_limit.hpp) deep, and at most kMaxPlistValues values and
// kMaxPlistBytes bytes once shared objects are expanded.
void check_binary_plist(std::string_view bytes);

}  // namespace fwm::ios
