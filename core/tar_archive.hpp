// Writing and reading uncompressed POSIX ustar archives (the file format of `fwm capture`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fwm {

// One regular file of an archive.
struct TarEntry {
  std::string name;   // a relative path with '/' separators, at most 100 bytes
  std::string bytes;
};

// The ustar archive (POSIX.1-1988) of `entries` in their order: each a regular file (mode 0644,
// owner and group 0, modified at `mtime` seconds since 1970), then the two zero blocks that end an
// archive. Throws std::invalid_argument for a name that is empty, absolute, holds "..", or is longer
// than 100 bytes.
std::string write_tar(const std::vector<TarEntry>& entries, std::int64_t mtime);

// The regular files of the tar archive `archive`, in order (directories and other entry types are
// skipped). Throws std::invalid_argument saying where when a header's checksum does not match, a
// size is not octal, a file is cut off, or the archive ends without its end-of-archive block.
std::vector<TarEntry> read_tar(std::string_view archive);

}  // namespace fwm
