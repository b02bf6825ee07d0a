// Durations as users type them (90s, 1h30m, PT15M) and as fwm prints them back.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fwm {

using Millis = std::chrono::milliseconds;

// Parses a non-negative duration: a sequence of <integer><unit> with units d, h, m, s, ms in
// decreasing order, each at most once ("500ms", "90s", "1h30m", "2d"), or ISO 8601
// ("PT15M", "P1DT2H", "PT0.5S", "P2W"; no years or months). Returns nullopt for anything else,
// including a bare number without a unit and values beyond 100 years.
std::optional<Millis> parse_duration(std::string_view text);

// The canonical spelling of a duration: largest units first, zero parts left out ("1h30m",
// "1m30s", "500ms", "0s").
std::string format_duration(Millis value);

// The sentence that tells a user which spellings parse_duration accepts.
const char* duration_syntax_hint();

}  // namespace fwm
