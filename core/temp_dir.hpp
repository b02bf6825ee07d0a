// A private temporary folder that is removed with everything in it when it goes out of scope.
#pragma once

#include <string>
#include <string_view>

namespace fwm {

// Creates a fresh folder under TMPDIR (or /tmp), readable only by this user.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `bytes` to `name` inside the folder and returns the full path.
  std::string write(const std::string& name, std::string_view bytes) const;
  // Copies the file at `source` to `name` inside the folder; returns the full path, or "" when
  // `source` does not exist.
  std::string copy_in(const std::string& source, const std::string& name) const;

 private:
  std::string path_;
};

}  // namespace fwm
