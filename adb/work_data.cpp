// WorkManager Data blobs: the V1 DataOutputStream layout, and V0 through a Java serialization reader.
#include "adb/work_data.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace fwm::android {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kNullStringV1 = "androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d";
constexpr int kMaxNesting = 64;
constexpr std::size_t kSizeFactor = 64;
constexpr std::size_t kSizeFloor = 4u << 20;  // 400 times Data.MAX_DATA_BYTES (10 KiB)
// The grammar of the Java Object Serialization Specification, 6.4 "Grammar for the Stream Format"
// (docs.oracle.com/javase/8/docs/platform/serialization/spec/protocol.html), lists TC_RESET among
// the forms of `object`, so it may appear wherever contents do; ObjectInputStream.handleReset
// refuses it while an object is being read ("unexpected reset; recursion depth"), so it stands only
// between top-level contents (and between their block data segments).
constexpr const char* kNestedReset = "TC_RESET inside an object, array or annotation (a reset may only stand between "
                                     "top-level contents of the stream)";

[[noreturn]] void fail(std::size_t offset, const std::string& reason) {
  throw std::invalid_argument("Data blob, byte " + std::to_string(offset) + ": " + reason);
}

std::string hex_byte(unsigned value) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02x", value & 0xffu);
  return text;
}

// Big-endian reads over the blob; each fails with the offset when the blob ends early.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}

  std::size_t offset() const { return pos_; }
  std::size_t remaining() const { return bytes_.size() - pos_; }

  unsigned peek(const std::string& what) const {
    if (remaining() == 0) fail(pos_, what + " runs past the end of the blob");
    return static_cast<unsigned char>(bytes_[pos_]);
  }

  std::string_view take(std::size_t n, const std::string& what) {
    if (remaining() < n) fail(pos_, what + " runs past the end of the blob");
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }

  std::uint64_t unsigned_be(std::size_t n, const std::string& what) {
    std::uint64_t value = 0;
    for (unsigned char c : take(n, what)) value = (value << 8) | c;
    return value;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// Java's modified UTF-8 (DataInput.readUTF) as UTF-8; `offset` is where `bytes` starts in the blob.
std::string decode_modified_utf8(std::string_view bytes, std::size_t offset) {
  constexpr std::uint32_t kReplacement = 0xfffd;
  std::string out;
  std::uint32_t high = 0;  // a high surrogate waiting for its low half
  auto flush_high = [&] {
    if (high != 0) append_utf8(out, kReplacement);
    high = 0;
  };
  std::size_t i = 0;
  while (i < bytes.size()) {
    auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t length = lead < 0x80 ? 1 : (lead & 0xe0) == 0xc0 ? 2 : (lead & 0xf0) == 0xe0 ? 3 : 0;
    if (length == 0) fail(offset + i, "malformed modified UTF-8 (lead byte " + hex_byte(lead) + ")");
    if (i + length > bytes.size()) fail(offset + i, "modified UTF-8 sequence cut short");
    std::uint32_t unit = length == 1 ? lead : length == 2 ? (lead & 0x1fu) : (lead & 0x0fu);
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xc0) != 0x80) fail(offset + i + k, "malformed modified UTF-8 (expected a continuation byte)");
      unit = (unit << 6) | (next & 0x3fu);
    }
    i += length;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      flush_high();
      high = unit;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      append_utf8(out, high != 0 ? 0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00) : kReplacement);
      high = 0;
    } else {
      flush_high();
      append_utf8(out, unit);
    }
  }
  flush_high();
  return out;
}

Json float_value(float value) {
  if (!std::isfinite(value)) return nullptr;
  char text[32];
  auto printed = std::to_chars(text, text + sizeof text, value);
  double widened = 0;
  std::from_chars(text, printed.ptr, widened);
  return widened;
}

Json double_value(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

Json char_value(std::uint32_t unit) {
  std::string text;
  append_utf8(text, unit >= 0xd800 && unit <= 0xdfff ? 0xfffd : unit);
  return text;
}

// An i32 count of elements that follow, each at least one byte long.
std::size_t read_count(Cursor& in, const std::string& what) {
  std::size_t at = in.offset();
  auto count = static_cast<std::int32_t>(in.unsigned_be(4, what));
  if (count < 0) fail(at, what + " is negative (" + std::to_string(count) + ")");
  if (static_cast<std::size_t>(count) > in.remaining()) fail(at, what + " " + std::to_string(count) + " exceeds the bytes left");
  return static_cast<std::size_t>(count);
}

// A primitive of Java type code `type` (B C D F I J S Z) read as DataInput does.
Json read_primitive(Cursor& in, char type) {
  switch (type) {
    case 'Z': return in.unsigned_be(1, "a boolean") != 0;
    case 'B': return static_cast<std::int8_t>(in.unsigned_be(1, "a byte"));
    case 'C': return char_value(static_cast<std::uint32_t>(in.unsigned_be(2, "a char")));
    case 'S': return static_cast<std::int16_t>(in.unsigned_be(2, "a short"));
    case 'I': return static_cast<std::int32_t>(in.unsigned_be(4, "an int"));
    case 'J': return static_cast<std::int64_t>(in.unsigned_be(8, "a long"));
    case 'F': return float_value(std::bit_cast<float>(static_cast<std::uint32_t>(in.unsigned_be(4, "a float"))));
    case 'D': return double_value(std::bit_cast<double>(in.unsigned_be(8, "a double")));
    default: fail(in.offset(), std::string("unknown primitive type code '") + type + "'");
  }
}

std::string read_data_utf(Cursor& in, const std::string& what) {
  auto length = in.unsigned_be(2, what + " length");
  std::size_t at = in.offset();
  return decode_modified_utf8(in.take(length, what), at);
}

Json decode_v1(std::string_view blob) {
  Cursor in(blob);
  in.take(2, "the magic");
  std::size_t version_at = in.offset();
  auto version = in.unsigned_be(2, "the version");
  if (version != 1) fail(version_at, "unsupported V1 version " + std::to_string(version));
  std::size_t entries = read_count(in, "the entry count");
  static constexpr std::string_view kPrimitives = "ZBIJFD";  // types 1..6 and, as arrays, 8..13
  Json out = Json::object();
  for (std::size_t i = 0; i < entries; ++i) {
    std::size_t type_at = in.offset();
    auto type = in.unsigned_be(1, "an entry type");
    Json value;
    if (type >= 1 && type <= 6) {
      value = read_primitive(in, kPrimitives[type - 1]);
    } else if (type == 7) {
      value = read_data_utf(in, "a string");
    } else if (type >= 8 && type <= 14) {
      std::size_t count = read_count(in, "an array length");
      value = Json::array();
      for (std::size_t k = 0; k < count; ++k) {
        if (type == 14) {
          std::string element = read_data_utf(in, "a string array element");
          value.push_back(element == kNullStringV1 ? Json(nullptr) : Json(element));
        } else {
          value.push_back(read_primitive(in, kPrimitives[type - 8]));
        }
      }
    } else if (type != 0) {
      fail(type_at, "unknown value type " + std::to_string(type));
    }
    out[read_data_utf(in, "a key")] = std::move(value);
  }
  return out;
}

// Type codes and class flags of java.io.ObjectStreamConstants.
enum : unsigned {
  TC_NULL = 0x70, TC_REFERENCE = 0x71, TC_CLASSDESC = 0x72, TC_OBJECT = 0x73, TC_STRING = 0x74,
  TC_ARRAY = 0x75, TC_BLOCKDATA = 0x77, TC_ENDBLOCKDATA = 0x78, TC_RESET = 0x79,
  TC_BLOCKDATALONG = 0x7a, TC_LONGSTRING = 0x7c, TC_PROXYCLASSDESC = 0x7d,
};
enum : unsigned { SC_WRITE_METHOD = 0x01, SC_SERIALIZABLE = 0x02, SC_EXTERNALIZABLE = 0x04 };
constexpr std::uint32_t kBaseWireHandle = 0x7e0000;

struct ClassDesc {
  struct Field {
    char type;
    std::string name;
  };
  std::string name;
  unsigned flags = 0;
  std::vector<Field> fields;
  std::shared_ptr<const ClassDesc> super;
};

bool is_boxed_primitive(const std::string& class_name) {
  for (const char* boxed : {"java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
                            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double"}) {
    if (class_name == boxed) return true;
  }
  return false;
}

// java.io.ObjectInputStream's side of the stream protocol, for what Data holds: primitives written in
// block data, then strings, arrays and serializable objects, with back-references.
class ObjectStream {
 public:
  explicit ObjectStream(std::string_view blob) : in_(blob), budget_(std::max(kSizeFactor * blob.size(), kSizeFloor)) {
    in_.take(2, "the stream magic");
    std::size_t version_at = in_.offset();
    auto version = in_.unsigned_be(2, "the stream version");
    if (version != 5) fail(version_at, "unsupported serialization stream version " + std::to_string(version));
  }

  std::size_t offset() const { return in_.offset(); }

  std::int32_t read_int() { return static_cast<std::int32_t>(block_unsigned_be(4, "an int")); }

  std::string read_utf() {
    auto length = block_unsigned_be(2, "a string length");
    std::size_t at = in_.offset();
    std::string bytes;
    for (std::uint64_t i = 0; i < length; ++i) bytes += static_cast<char>(block_byte("a string"));
    return decode_modified_utf8(bytes, at);
  }

  Json read_object() {
    while (depth_ == 0 && block_left_ == 0 && in_.remaining() > 0 && in_.peek("an object") == TC_RESET) {
      in_.take(1, "TC_RESET");
      handles_.clear();
    }
    Nesting nesting(*this);
    std::size_t at = in_.offset();
    if (block_left_ != 0) fail(at, std::to_string(block_left_) + " bytes of block data left unread before an object");
    unsigned code = static_cast<unsigned>(in_.unsigned_be(1, "an object"));
    switch (code) {
      case TC_NULL: return nullptr;
      case TC_REFERENCE: {
        const auto& entry = handle_at(at);
        if (const auto* value = std::get_if<Value>(&entry)) {
          spend(value->size, at);
          return value->json;
        }
        fail(at, "a reference to a class description where an object was expected");
      }
      case TC_STRING: return new_string(in_.unsigned_be(2, "a string length"));
      case TC_LONGSTRING: return new_string(in_.unsigned_be(8, "a long string length"));
      case TC_ARRAY: return read_array(at);
      case TC_OBJECT: return read_plain_object(at);
      case TC_RESET: fail(at, kNestedReset);
      default: fail(at, "type code " + hex_byte(code) + " where an object was expected");
    }
  }

 private:
  // A value a back-reference can name, with its size (see spend).
  struct Value {
    Json json;
    std::size_t size = 0;
  };
  using Handle = std::variant<std::shared_ptr<const ClassDesc>, Value>;

  // Counts `size` more bytes of decoded values (a string's bytes, one per other value); a blob
  // may decode to at most kSizeFactor times its own length (and at least kSizeFloor), so that
  // back-references that copy arrays into arrays cannot multiply it without bound.
  void spend(std::size_t size, std::size_t at) {
    spent_ += size;
    if (spent_ > budget_) fail(at, "back-references copy more values than a blob of this size can hold");
  }

  class Nesting {
   public:
    explicit Nesting(ObjectStream& stream) : stream_(stream) {
      if (++stream_.depth_ > kMaxNesting) fail(stream_.in_.offset(), "objects nested too deeply");
    }
    ~Nesting() { --stream_.depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    ObjectStream& stream_;
  };

  const Handle& handle_at(std::size_t at) {
    auto wire = static_cast<std::uint32_t>(in_.unsigned_be(4, "a handle"));
    if (wire < kBaseWireHandle || wire - kBaseWireHandle >= handles_.size()) {
      fail(at, "reference to unknown handle " + std::to_string(wire));
    }
    return handles_[wire - kBaseWireHandle];
  }

  void start_block(const std::string& what) {
    std::size_t at = in_.offset();
    unsigned code = static_cast<unsigned>(in_.unsigned_be(1, what));
    if (code == TC_BLOCKDATA) {
      block_left_ = in_.unsigned_be(1, "a block data length");
    } else if (code == TC_BLOCKDATALONG) {
      auto length = static_cast<std::int32_t>(in_.unsigned_be(4, "a block data length"));
      if (length < 0) fail(at, "negative block data length");
      block_left_ = static_cast<std::size_t>(length);
    } else if (code == TC_RESET && depth_ == 0) {
      handles_.clear();
    } else if (code == TC_RESET) {
      fail(at, kNestedReset);
    } else {
      fail(at, "type code " + hex_byte(code) + " where block data holding " + what + " was expected");
    }
  }

  unsigned char block_byte(const std::string& what) {
    while (block_left_ == 0) start_block(what);
    --block_left_;
    return static_cast<unsigned char>(in_.take(1, what)[0]);
  }

  std::uint64_t block_unsigned_be(std::size_t n, const std::string& what) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < n; ++i) value = (value << 8) | block_byte(what);
    return value;
  }

  Json new_string(std::uint64_t length) {
    std::size_t at = in_.offset();
    if (length > in_.remaining()) fail(at, "a string runs past the end of the blob");
    Json value = decode_modified_utf8(in_.take(static_cast<std::size_t>(length), "a string"), at);
    spend(static_cast<std::size_t>(length) + 1, at);
    handles_.emplace_back(Value{value, static_cast<std::size_t>(length) + 1});
    return value;
  }

  std::string read_string_object(const std::string& what) {
    std::size_t at = in_.offset();
    Json value = read_object();
    if (!value.is_string()) fail(at, what + " is not a string");
    return value.get<std::string>();
  }

  // Skips an annotation (block data and objects) up to and including its TC_ENDBLOCKDATA.
  void skip_annotation() {
    for (;;) {
      unsigned code = in_.peek("an annotation without TC_ENDBLOCKDATA");
      if (code == TC_ENDBLOCKDATA) {
        in_.take(1, "TC_ENDBLOCKDATA");
        return;
      }
      if (code == TC_BLOCKDATA || code == TC_BLOCKDATALONG) {
        start_block("annotation data");
        in_.take(block_left_, "annotation data");
        block_left_ = 0;
      } else {
        read_object();
      }
    }
  }

  std::shared_ptr<const ClassDesc> read_class_desc() {
    Nesting nesting(*this);
    std::size_t at = in_.offset();
    unsigned code = static_cast<unsigned>(in_.unsigned_be(1, "a class description"));
    if (code == TC_NULL) return nullptr;
    if (code == TC_REFERENCE) {
      const auto& entry = handle_at(at);
      if (const auto* desc = std::get_if<std::shared_ptr<const ClassDesc>>(&entry)) return *desc;
      fail(at, "a reference to an object where a class description was expected");
    }
    if (code == TC_PROXYCLASSDESC) fail(at, "proxy class descriptions are not supported");
    if (code != TC_CLASSDESC) fail(at, "type code " + hex_byte(code) + " where a class description was expected");
    auto desc = std::make_shared<ClassDesc>();
    desc->name = read_data_utf(in_, "a class name");
    in_.take(8, "a serialVersionUID");
    handles_.emplace_back(std::shared_ptr<const ClassDesc>(desc));
    desc->flags = static_cast<unsigned>(in_.unsigned_be(1, "class flags"));
    auto field_count = in_.unsigned_be(2, "a field count");
    for (std::uint64_t i = 0; i < field_count; ++i) {
      std::size_t field_at = in_.offset();
      auto type = static_cast<char>(in_.unsigned_be(1, "a field type code"));
      std::string name = read_data_utf(in_, "a field name");
      if (type == '[' || type == 'L') {
        read_string_object("a field's class name");
      } else if (std::string_view("BCDFIJSZ").find(type) == std::string_view::npos) {
        fail(field_at, "unknown field type code " + hex_byte(static_cast<unsigned char>(type)));
      }
      desc->fields.push_back({type, std::move(name)});
    }
    skip_annotation();
    // classDescInfo: classDescFlags fields classAnnotation superClassDesc (6.4): superClassDesc may
    // name, by handle, a description still being read, this one included.
    std::size_t super_at = in_.offset();
    auto super = read_class_desc();
    int length = 0;
    for (const ClassDesc* c = super.get(); c != nullptr; c = c->super.get()) {
      if (c == desc.get()) fail(super_at, "the superclass chain of " + desc->name + " leads back to itself");
      if (++length > kMaxNesting) fail(super_at, "the superclass chain of " + desc->name + " is too long");
    }
    desc->super = std::move(super);
    return desc;
  }

  Json read_value(char type) { return type == '[' || type == 'L' ? read_object() : read_primitive(in_, type); }

  Json read_array(std::size_t at) {
    auto desc = read_class_desc();
    if (!desc || desc->name.size() < 2 || desc->name[0] != '[') fail(at, "an array whose class is not an array type");
    std::size_t handle = handles_.size();
    std::size_t spent_before = spent_;
    handles_.emplace_back(Value{});
    std::size_t count = read_count(in_, "an array length");
    Json array = Json::array();
    for (std::size_t i = 0; i < count; ++i) {
      spend(1, in_.offset());
      array.push_back(read_value(desc->name[1]));
    }
    handles_[handle] = Value{array, spent_ - spent_before};
    return array;
  }

  Json read_plain_object(std::size_t at) {
    auto desc = read_class_desc();
    if (!desc) fail(at, "an object without a class description");
    std::size_t handle = handles_.size();
    handles_.emplace_back(Value{});
    std::vector<const ClassDesc*> chain;
    for (const ClassDesc* c = desc.get(); c != nullptr; c = c->super.get()) chain.insert(chain.begin(), c);
    Json fields = Json::object();
    for (const ClassDesc* c : chain) {
      if ((c->flags & SC_EXTERNALIZABLE) != 0) fail(at, c->name + " is Externalizable, which Data never holds");
      if ((c->flags & SC_SERIALIZABLE) == 0) continue;
      for (const auto& field : c->fields) fields[field.name] = read_value(field.type);
      if ((c->flags & SC_WRITE_METHOD) != 0) skip_annotation();
    }
    if (!is_boxed_primitive(desc->name) || !fields.contains("value")) {
      fail(at, "an object of class " + desc->name + ", which Data never holds");
    }
    spend(1, at);
    handles_[handle] = Value{fields["value"], 1};
    return fields["value"];
  }

  Cursor in_;
  std::size_t block_left_ = 0;  // unread bytes of the current block data segment
  std::vector<Handle> handles_;
  int depth_ = 0;
  std::size_t spent_ = 0;
  std::size_t budget_;
};

Json decode_v0(std::string_view blob) {
  ObjectStream stream(blob);
  std::size_t at = stream.offset();
  std::int32_t entries = stream.read_int();
  if (entries < 0) fail(at, "negative entry count " + std::to_string(entries));
  Json out = Json::object();
  for (std::int32_t i = 0; i < entries; ++i) {
    std::string key = stream.read_utf();
    out[key] = stream.read_object();
  }
  return out;
}

}  // namespace

nlohmann::ordered_json decode_work_data_ordered(std::string_view blob) {
  if (blob.empty()) return Json::object();
  if (blob.size() < 2) fail(0, "too short for a format header");
  auto first = static_cast<unsigned char>(blob[0]);
  auto second = static_cast<unsigned char>(blob[1]);
  if (first == 0xab && second == 0xef) return decode_v1(blob);
  if (first == 0xac && second == 0xed) return decode_v0(blob);
  fail(0, "unknown format " + hex_byte(first) + " " + hex_byte(second) + " (V1 starts 0xab 0xef, V0 0xac 0xed)");
}

nlohmann::json decode_work_data(std::string_view blob) { return nlohmann::json(decode_work_data_ordered(blob)); }

}  // namespace fwm::android
