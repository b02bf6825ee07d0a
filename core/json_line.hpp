// The one way fwm serializes a JSON document for output, shared by the CLI and Python.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace fwm {

// The document on one line, no trailing newline; invalid UTF-8 is replaced, never thrown on.
std::string json_line(const nlohmann::json& document);

}  // namespace fwm
