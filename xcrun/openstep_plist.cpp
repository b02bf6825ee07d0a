// A recursive-descent reader of old-style property lists.
#include "xcrun/openstep_plist.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/nesting_limit.hpp"

namespace fwm::ios {
namespace {

bool is_unquoted_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         c == '+' || c == '/' || c == ':' || c == '.' || c == '-';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  nlohmann::json document() {
    skip_blanks();
    nlohmann::json value = parse_value();
    skip_blanks();
    if (pos_ < text_.size()) fail("text after the end of the property list");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw std::invalid_argument("old-style plist: " + what + " at line " + std::to_string(line) + ", column " +
                                std::to_string(column));
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skip_blanks() {
    while (!at_end()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "//") {
        while (!at_end() && peek() != '\n') ++pos_;
      } else if (text_.substr(pos_, 2) == "/*") {
        size_t end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) fail("unterminated comment");
        pos_ = end + 2;
      } else {
        return;
      }
    }
  }

  void expect(char c) {
    skip_blanks();
    if (at_end() || peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  nlohmann::json parse_value() {
    skip_blanks();
    if (at_end()) fail("unexpected end of text");
    char c = peek();
    if (c == '{' || c == '(') {
      if (depth_ >= kMaxNesting) fail("dictionaries and arrays nested deeper than " + std::to_string(kMaxNesting) + " levels");
      ++depth_;
      nlohmann::json container = c == '{' ? parse_dict() : parse_array();
      --depth_;
      return container;
    }
    if (c == '<') return parse_data();
    if (c == '"' || c == '\'') return parse_quoted();
    if (is_unquoted_char(c)) return parse_unquoted();
    fail(std::string("unexpected character '") + c + "'");
  }

  nlohmann::json parse_dict() {
    ++pos_;
    nlohmann::json object = nlohmann::json::object();
    for (;;) {
      skip_blanks();
      if (at_end()) fail("unterminated dictionary");
      if (peek() == '}') {
        ++pos_;
        return object;
      }
      nlohmann::json key = parse_value();
      if (!key.is_string()) fail("a dictionary key must be a string");
      expect('=');
      nlohmann::json value = parse_value();
      object[key.get<std::string>()] = std::move(value);
      skip_blanks();
      if (!at_end() && peek() == ';') {
        ++pos_;
      } else if (at_end() || peek() != '}') {
        fail("expected ';' or '}' after a dictionary value");
      }
    }
  }

  nlohmann::json parse_array() {
    ++pos_;
    nlohmann::json array = nlohmann::json::array();
    for (;;) {
      skip_blanks();
      if (at_end()) fail("unterminated array");
      if (peek() == ')') {
        ++pos_;
        return array;
      }
      array.push_back(parse_value());
      skip_blanks();
      if (!at_end() && peek() == ',') {
        ++pos_;
      } else if (at_end() || peek() != ')') {
        fail("expected ',' or ')' after an array element");
      }
    }
  }

  nlohmann::json parse_data() {
    ++pos_;
    std::vector<std::uint8_t> bytes;
    int high = -1;
    for (;;) {
      skip_blanks();
      if (at_end()) fail("unterminated data");
      char c = peek();
      ++pos_;
      if (c == '>') break;
      int v = hex_value(c);
      if (v < 0) fail("a data value holds a character that is not a hex digit");
      if (high < 0) {
        high = v;
      } else {
        bytes.push_back(static_cast<std::uint8_t>(high * 16 + v));
        high = -1;
      }
    }
    if (high >= 0) fail("a data value has an odd number of hex digits");
    return nlohmann::json::binary(std::move(bytes));
  }

  nlohmann::json parse_unquoted() {
    size_t start = pos_;
    while (!at_end() && is_unquoted_char(peek())) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  uint32_t read_digits(int base, int max_digits) {
    uint32_t value = 0;
    int n = 0;
    while (n < max_digits && !at_end()) {
      int v = hex_value(peek());
      if (v < 0 || v >= base) break;
      value = value * static_cast<uint32_t>(base) + static_cast<uint32_t>(v);
      ++pos_;
      ++n;
    }
    if (n == 0) fail("an escape without digits");
    return value;
  }

  nlohmann::json parse_quoted() {
    char quote = peek();
    ++pos_;
    std::string out;
    for (;;) {
      if (at_end()) fail("unterminated string");
      char c = peek();
      ++pos_;
      if (c == quote) break;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_end()) fail("unterminated string");
      char e = peek();
      ++pos_;
      uint32_t unit = 0;
      switch (e) {
        case 'a': out += '\a'; continue;
        case 'b': out += '\b'; continue;
        case 'f': out += '\f'; continue;
        case 'n': out += '\n'; continue;
        case 'r': out += '\r'; continue;
        case 't': out += '\t'; continue;
        case 'v': out += '\v'; continue;
        case 'U':
        case 'u': unit = read_digits(16, 4); break;
        default:
          if (e >= '0' && e <= '7') {
            --pos_;
            append_utf8(out, read_digits(8, 3) & 0xFF);
          } else {
            out += e;
          }
          continue;
      }
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        if (text_.substr(pos_, 2) == "\\U" || text_.substr(pos_, 2) == "\\u") {
          pos_ += 2;
          uint32_t low = read_digits(16, 4);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            append_utf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
            continue;
          }
          append_utf8(out, 0xFFFD);
          append_utf8(out, low);
          continue;
        }
        append_utf8(out, 0xFFFD);
        continue;
      }
      append_utf8(out, (unit >= 0xDC00 && unit <= 0xDFFF) ? 0xFFFD : unit);
    }
    return out;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;  // dictionaries and arrays open around the current value
};

}  // namespace

nlohmann::json parse_openstep_plist(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return Reader(text).document();
}

}  // namespace fwm::ios
