// ustar as POSIX.1-1988 defines it (the pax "ustar Interchange Format" of IEEE Std 1003.1): 512-byte
// headers (name 0-99, mode 100, uid 108, gid 116, size 124, mtime 136, chksum 148, typeflag 156,
// linkname 157, magic "ustar\0" 257, version "00" 263, uname 265, gname 297, devmajor 329, devminor
// 337, prefix 345-499), numbers in octal, the checksum the sum of the header's bytes with the
// checksum field taken as spaces; file data padded to 512 bytes; two zero blocks at the end.
#include "core/tar_archive.hpp"

#include <cstdio>
#include <stdexcept>

namespace fwm {
namespace {

constexpr std::size_t kBlock = 512;

void put_octal(std::string& header, std::size_t at, std::size_t width, std::uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "%0*llo", static_cast<int>(width - 1), static_cast<unsigned long long>(value));
  header.replace(at, width - 1, text, width - 1);
  header[at + width - 1] = '\0';
}

void put_text(std::string& header, std::size_t at, std::string_view text) { header.replace(at, text.size(), text); }

unsigned header_sum(std::string_view header) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) {
    sum += (i >= 148 && i < 156) ? static_cast<unsigned>(' ') : static_cast<unsigned char>(header[i]);
  }
  return sum;
}

std::uint64_t read_octal(std::string_view field, std::size_t header_at, const char* what) {
  std::uint64_t value = 0;
  bool digits = false;
  for (char c : field) {
    if (c == '\0' || c == ' ') {
      if (digits) break;
      continue;
    }
    if (c < '0' || c > '7') {
      throw std::invalid_argument("the " + std::string(what) + " of the header at byte " + std::to_string(header_at) +
                                  " is not octal");
    }
    value = value * 8 + static_cast<std::uint64_t>(c - '0');
    digits = true;
  }
  return value;
}

std::string field_text(std::string_view field) { return std::string(field.substr(0, field.find('\0'))); }

}  // namespace

std::string write_tar(const std::vector<TarEntry>& entries, std::int64_t mtime) {
  std::string out;
  for (const auto& entry : entries) {
    if (entry.name.empty() || entry.name.size() > 100 || entry.name.front() == '/' ||
        entry.name.find("..") != std::string::npos) {
      throw std::invalid_argument("'" + entry.name + "' cannot be a file name in the archive");
    }
    std::string header(kBlock, '\0');
    put_text(header, 0, entry.name);
    put_octal(header, 100, 8, 0644);
    put_octal(header, 108, 8, 0);
    put_octal(header, 116, 8, 0);
    put_octal(header, 124, 12, entry.bytes.size());
    put_octal(header, 136, 12, static_cast<std::uint64_t>(mtime < 0 ? 0 : mtime));
    header[156] = '0';
    put_text(header, 257, std::string_view("ustar\0" "00", 8));
    put_text(header, 265, "root");
    put_text(header, 297, "root");
    put_octal(header, 148, 7, header_sum(header));
    header[155] = ' ';
    out += header;
    out += entry.bytes;
    out.append((kBlock - entry.bytes.size() % kBlock) % kBlock, '\0');
  }
  out.append(2 * kBlock, '\0');
  return out;
}

std::vector<TarEntry> read_tar(std::string_view archive) {
  std::vector<TarEntry> entries;
  std::size_t at = 0;
  while (true) {
    if (archive.size() - at < kBlock) {
      throw std::invalid_argument("the archive ends at byte " + std::to_string(archive.size()) +
                                  " without its end-of-archive block: it was cut off");
    }
    std::string_view header = archive.substr(at, kBlock);
    if (header.find_first_not_of('\0') == std::string_view::npos) return entries;
    if (read_octal(header.substr(148, 8), at, "checksum") != header_sum(header)) {
      throw std::invalid_argument("the header at byte " + std::to_string(at) + " has a wrong checksum: the archive is "
                                  "damaged or not a tar archive");
    }
    std::uint64_t size = read_octal(header.substr(124, 12), at, "size");
    std::size_t data_at = at + kBlock;
    if (size > archive.size() - data_at) {
      throw std::invalid_argument("the file at byte " + std::to_string(at) + " is cut off: the archive is incomplete");
    }
    char type = header[156];
    if (type == '0' || type == '\0') {
      std::string name = field_text(header.substr(0, 100));
      std::string prefix = header.substr(257, 5) == "ustar" ? field_text(header.substr(345, 155)) : "";
      entries.push_back({prefix.empty() ? name : prefix + "/" + name, std::string(archive.substr(data_at, size))});
    }
    at = data_at + static_cast<std::size_t>((size + kBlock - 1) / kBlock * kBlock);
  }
}

}  // namespace fwm
