// check_binary_plist: the trailer and offset table as __CFBinaryPlistGetTopLevelInfo checks them, then
// every object reachable from the top one, depth first without recursion. The layout is the one
// described at the top of swift-corelibs-foundation CoreFoundation/Parsing.subproj/CFBinaryPList.c
// (HEADER "bplist00", OBJECT TABLE, OFFSET TABLE, 32-byte TRAILER); the limits are where libplist
// 2.2's bplist.c would otherwise assert, recurse without bound or copy shared objects without bound.
#include "xcrun/binary_plist_check.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/nesting_limit.hpp"

namespace fwm::ios {
namespace {

constexpr std::size_t kHeaderSize = 8;
constexpr std::size_t kTrailerSize = 32;

[[noreturn]] void fail(std::size_t at, const std::string& what) {
  throw std::invalid_argument("binary plist, byte " + std::to_string(at) + ": " + what);
}

std::string hex_byte(unsigned value) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02x", value & 0xffu);
  return text;
}

// One object as the object table holds it.
struct Object {
  unsigned marker = 0;
  std::vector<std::uint64_t> refs;  // array and set elements; dictionary keys, then values
  std::size_t keys = 0;             // how many of `refs` are dictionary keys
  std::size_t payload = 0;          // bytes of a string's or data's contents
  bool has_nul = false;             // a string holding U+0000
  bool container() const { return (marker >> 4) == 0xa || (marker >> 4) == 0xc || (marker >> 4) == 0xd; }
  bool string() const { return (marker >> 4) == 0x5 || (marker >> 4) == 0x6; }
};

class Checker {
 public:
  explicit Checker(std::string_view bytes) : b_(bytes) { read_trailer(); }

  void check_graph() {
    enum class State : std::uint8_t { Unseen, Open, Done };
    struct Totals {
      std::size_t values = 0;
      std::size_t bytes = 0;
    };
    struct Frame {
      std::uint64_t index;
      Object object;
      std::size_t next = 0;
    };
    std::vector<State> state(static_cast<std::size_t>(count_), State::Unseen);
    std::vector<Totals> totals(static_cast<std::size_t>(count_));
    std::vector<bool> usable_key(static_cast<std::size_t>(count_));
    std::vector<Frame> path;
    path.push_back({top_, read_object(top_)});
    state[top_] = State::Open;
    while (!path.empty()) {
      Frame& frame = path.back();
      if (frame.next < frame.object.refs.size()) {
        bool is_key = frame.next < frame.object.keys;
        std::uint64_t child = frame.object.refs[frame.next++];
        if (state[child] == State::Open) fail(offset_of(child), "an object that contains itself");
        if (state[child] == State::Done) {
          if (is_key && !usable_key[child]) fail(offset_of(child), "a dictionary key that is not a string without U+0000");
          continue;
        }
        Object object = read_object(child);
        usable_key[child] = object.string() && !object.has_nul;
        if (is_key && !usable_key[child]) fail(offset_of(child), "a dictionary key that is not a string without U+0000");
        if (object.container() && path.size() >= static_cast<std::size_t>(kMaxNesting)) {
          fail(offset_of(child), "dictionaries and arrays nested deeper than " + std::to_string(kMaxNesting) + " levels");
        }
        state[child] = State::Open;
        path.push_back({child, std::move(object)});
        continue;
      }
      Totals sum{1, frame.object.payload};
      for (std::uint64_t child : frame.object.refs) {
        sum.values = std::min(sum.values + totals[child].values, kMaxPlistValues + 1);
        sum.bytes = std::min(sum.bytes + totals[child].bytes, kMaxPlistBytes + 1);
      }
      std::size_t at = offset_of(frame.index);
      if (sum.values > kMaxPlistValues) {
        fail(at, "more than " + std::to_string(kMaxPlistValues) + " values once shared objects are expanded");
      }
      if (sum.bytes > kMaxPlistBytes) {
        fail(at, "more than " + std::to_string(kMaxPlistBytes) + " bytes of strings and data once shared objects are "
                 "expanded");
      }
      totals[frame.index] = sum;
      state[frame.index] = State::Done;
      path.pop_back();
    }
  }

 private:
  unsigned byte_at(std::size_t at) const { return static_cast<unsigned char>(b_[at]); }

  std::uint64_t big_endian(std::size_t at, std::size_t n) const {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < n; ++i) value = (value << 8) | byte_at(at + i);
    return value;
  }

  std::size_t offset_of(std::uint64_t index) const {
    return static_cast<std::size_t>(big_endian(table_ + static_cast<std::size_t>(index) * offset_size_, offset_size_));
  }

  // The trailer: unused[5], sortVersion, offsetIntSize, objectRefSize, numObjects, topObject,
  // offsetTableOffset (big-endian 64-bit).
  void read_trailer() {
    std::size_t size = b_.size();
    if (size < kHeaderSize + 1 + kTrailerSize) fail(0, "too short for a binary property list");
    if (b_.substr(0, kHeaderSize) != "bplist00") fail(0, "not a bplist00 file");
    std::size_t trailer = size - kTrailerSize;
    offset_size_ = byte_at(trailer + 6);
    ref_size_ = byte_at(trailer + 7);
    count_ = big_endian(trailer + 8, 8);
    top_ = big_endian(trailer + 16, 8);
    std::uint64_t table = big_endian(trailer + 24, 8);
    auto sized = [](unsigned n) { return n == 1 || n == 2 || n == 4 || n == 8; };
    if (!sized(offset_size_)) fail(trailer + 6, "offset size " + std::to_string(offset_size_) + " is not 1, 2, 4 or 8");
    if (!sized(ref_size_)) fail(trailer + 7, "object reference size " + std::to_string(ref_size_) + " is not 1, 2, 4 or 8");
    if (count_ == 0) fail(trailer + 8, "no objects");
    if (top_ >= count_) fail(trailer + 16, "the top object is not one of the objects");
    if (table < kHeaderSize + 1 || table >= trailer) fail(trailer + 24, "the offset table is outside the file");
    table_ = static_cast<std::size_t>(table);
    if (count_ > (trailer - table_) / offset_size_ || count_ * offset_size_ != trailer - table_) {
      fail(trailer + 8, "the offset table does not end where the trailer starts");
    }
    if (ref_size_ < 8 && count_ > (std::uint64_t{1} << (8 * ref_size_))) {
      fail(trailer + 7, "object references too small for " + std::to_string(count_) + " objects");
    }
    for (std::uint64_t i = 0; i < count_; ++i) {
      std::size_t offset = offset_of(i);
      if (offset < kHeaderSize || offset >= table_) {
        fail(table_ + static_cast<std::size_t>(i) * offset_size_, "object " + std::to_string(i) + " lies outside the object table");
      }
    }
  }

  void need(std::size_t at, std::size_t pos, std::uint64_t n, std::uint64_t unit) const {
    if (n > (table_ - pos) / unit) fail(at, "an object that runs into the offset table");
  }

  // A count in the marker's low nibble, or in the integer object after it when the nibble is 0xf.
  std::uint64_t length(std::size_t at, std::size_t& pos, unsigned nibble) const {
    if (nibble != 0xf) return nibble;
    if (pos >= table_) fail(at, "an object that runs into the offset table");
    unsigned marker = byte_at(pos);
    if ((marker >> 4) != 0x1 || (marker & 0xf) > 3) fail(pos, "a length that is not a 1, 2, 4 or 8 byte integer");
    std::size_t n = std::size_t{1} << (marker & 0xf);
    need(at, pos + 1, n, 1);
    std::uint64_t value = big_endian(pos + 1, n);
    pos += 1 + n;
    return value;
  }

  std::vector<std::uint64_t> refs(std::size_t at, std::size_t pos, std::uint64_t n) const {
    need(at, pos, n, ref_size_);
    std::vector<std::uint64_t> out(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = big_endian(pos + i * ref_size_, ref_size_);
      if (out[i] >= count_) fail(at, "a reference to object " + std::to_string(out[i]) + " of " + std::to_string(count_));
    }
    return out;
  }

  Object read_object(std::uint64_t index) const {
    std::size_t at = offset_of(index);
    std::size_t pos = at + 1;
    Object o;
    o.marker = byte_at(at);
    unsigned nibble = o.marker & 0xf;
    switch (o.marker >> 4) {
      case 0x0:
        if (o.marker != 0x08 && o.marker != 0x09) fail(at, "marker " + hex_byte(o.marker) + " is not a bplist00 type");
        break;
      case 0x1:
        if (nibble > 4) fail(at, "an integer of " + std::to_string(1u << nibble) + " bytes");
        need(at, pos, std::uint64_t{1} << nibble, 1);
        break;
      case 0x2:
        if (nibble != 2 && nibble != 3) fail(at, "a real of " + std::to_string(1u << nibble) + " bytes");
        need(at, pos, std::uint64_t{1} << nibble, 1);
        break;
      case 0x3:
        if (o.marker != 0x33) fail(at, "marker " + hex_byte(o.marker) + " is not a date");
        need(at, pos, 8, 1);
        break;
      case 0x4:
      case 0x5: {
        std::uint64_t n = length(at, pos, nibble);
        need(at, pos, n, 1);
        o.payload = static_cast<std::size_t>(n);
        o.has_nul = (o.marker >> 4) == 0x5 && b_.substr(pos, o.payload).find('\0') != std::string_view::npos;
        break;
      }
      case 0x6: {
        std::uint64_t n = length(at, pos, nibble);
        if (n == 0) fail(at, "an empty UTF-16 string");
        need(at, pos, n, 2);
        o.payload = static_cast<std::size_t>(n) * 2;
        for (std::size_t i = 0; i < o.payload && !o.has_nul; i += 2) o.has_nul = big_endian(pos + i, 2) == 0;
        break;
      }
      case 0x8:
        need(at, pos, nibble + 1, 1);
        break;
      case 0xa:
      case 0xc:
        o.refs = refs(at, pos, length(at, pos, nibble));
        break;
      case 0xd: {
        std::uint64_t n = length(at, pos, nibble);
        need(at, pos, n, 2 * ref_size_);
        o.refs = refs(at, pos, 2 * n);
        o.keys = static_cast<std::size_t>(n);
        break;
      }
      default:
        fail(at, "marker " + hex_byte(o.marker) + " is not a bplist00 type");
    }
    return o;
  }

  std::string_view b_;
  unsigned offset_size_ = 0;
  unsigned ref_size_ = 0;
  std::uint64_t count_ = 0;
  std::uint64_t top_ = 0;
  std::size_t table_ = 0;
};

}  // namespace

void check_binary_plist(std::string_view bytes) { Checker(bytes).check_graph(); }

}  // namespace fwm::ios
