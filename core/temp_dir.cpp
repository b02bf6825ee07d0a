// TempDir over std::filesystem and mkdtemp (declared in <stdlib.h> on Linux, <unistd.h> on macOS).
#include "core/temp_dir.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace fwm {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/fwm-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder in " + pattern);
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, std::string_view bytes) const {
  std::string target = path_ + "/" + name;
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + target);
  return target;
}

std::string TempDir::copy_in(const std::string& source, const std::string& name) const {
  std::error_code error;
  if (!std::filesystem::is_regular_file(source, error)) return "";
  std::string target = path_ + "/" + name;
  std::filesystem::copy_file(source, target, std::filesystem::copy_options::overwrite_existing, error);
  if (error) throw std::runtime_error("cannot copy " + source + ": " + error.message());
  return target;
}

}  // namespace fwm
