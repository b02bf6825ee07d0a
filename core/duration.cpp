// Parsing and canonical printing of durations.
#include "core/duration.hpp"

#include <array>
#include <cctype>
#include <cstdint>

namespace fwm {
namespace {

constexpr std::int64_t kMaxMillis = 100LL * 366 * 24 * 3600 * 1000;

struct Unit {
  std::string_view name;
  std::int64_t millis;
};

constexpr std::array<Unit, 5> kCompactUnits{{
    {"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}, {"ms", 1}}};

// Reads a run of digits; nullopt when there is none or it is absurdly long.
std::optional<std::int64_t> read_integer(std::string_view text, size_t& pos) {
  size_t start = pos;
  std::int64_t value = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    if (pos - start >= 15) return std::nullopt;
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return value;
}

std::optional<Millis> parse_compact(std::string_view text) {
  size_t pos = 0;
  size_t next_unit = 0;
  std::int64_t total = 0;
  while (pos < text.size()) {
    auto number = read_integer(text, pos);
    if (!number) return std::nullopt;
    size_t unit_start = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
    std::string_view unit = text.substr(unit_start, pos - unit_start);
    bool matched = false;
    for (size_t i = next_unit; i < kCompactUnits.size(); ++i) {
      if (kCompactUnits[i].name == unit) {
        if (*number > (kMaxMillis - total) / kCompactUnits[i].millis) return std::nullopt;
        total += *number * kCompactUnits[i].millis;
        next_unit = i + 1;
        matched = true;
        break;
      }
    }
    if (!matched || total > kMaxMillis) return std::nullopt;
  }
  return Millis(total);
}

// ISO 8601 durations: P[nW][nD][T[nH][nM][n[.fff]S]].
std::optional<Millis> parse_iso8601(std::string_view text) {
  size_t pos = 1;  // after 'P'
  bool in_time = false;
  bool any = false;
  std::int64_t total = 0;
  std::string_view order_date = "WD";
  std::string_view order_time = "HMS";
  size_t date_next = 0;
  size_t time_next = 0;
  while (pos < text.size()) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos])));
    if (c == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++pos;
      if (pos == text.size()) return std::nullopt;
      continue;
    }
    auto number = read_integer(text, pos);
    if (!number) return std::nullopt;
    std::int64_t fraction_ms = 0;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      size_t digits = 0;
      std::int64_t scale = 100;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (digits < 3) fraction_ms += (text[pos] - '0') * scale;
        scale /= 10;
        ++digits;
        ++pos;
      }
      if (digits == 0) return std::nullopt;
    }
    if (pos >= text.size()) return std::nullopt;
    char designator = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos++])));
    std::string_view order = in_time ? order_time : order_date;
    size_t& next = in_time ? time_next : date_next;
    size_t index = order.find(designator, next);
    if (index == std::string_view::npos) return std::nullopt;
    next = index + 1;
    if (fraction_ms != 0 && designator != 'S') return std::nullopt;
    std::int64_t unit_ms = 0;
    switch (designator) {
      case 'W': unit_ms = 7 * 86'400'000LL; break;
      case 'D': unit_ms = 86'400'000LL; break;
      case 'H': unit_ms = 3'600'000LL; break;
      case 'M': unit_ms = 60'000LL; break;
      case 'S': unit_ms = 1'000LL; break;
      default: return std::nullopt;
    }
    if (*number > (kMaxMillis - total) / unit_ms) return std::nullopt;
    total += *number * unit_ms;
    if (fraction_ms > kMaxMillis - total) return std::nullopt;
    total += fraction_ms;
    any = true;
  }
  if (!any) return std::nullopt;
  return Millis(total);
}

}  // namespace

std::optional<Millis> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text[0] == 'P' || text[0] == 'p') return parse_iso8601(text);
  return parse_compact(text);
}

std::string format_duration(Millis value) {
  if (value.count() == 0) return "0s";
  std::string text = value.count() < 0 ? "-" : "";
  // The magnitude as unsigned, so that the most negative value has one too.
  std::uint64_t rest = value.count() < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(value.count())
                                         : static_cast<std::uint64_t>(value.count());
  for (const auto& unit : kCompactUnits) {
    std::uint64_t count = rest / static_cast<std::uint64_t>(unit.millis);
    if (count > 0) {
      text += std::to_string(count);
      text += unit.name;
      rest -= count * static_cast<std::uint64_t>(unit.millis);
    }
  }
  return text;
}

const char* duration_syntax_hint() {
  return "write a duration of at most 100 years like 500ms, 90s, 15m, 1h30m, 2d or ISO 8601 PT15M";
}

}  // namespace fwm
