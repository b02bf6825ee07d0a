// The database header and WAL checks, after https://www.sqlite.org/fileformat2.html (§1.3 header, §4.1 WAL).
#include "adb/sqlite_files.hpp"

#include <cstdint>

namespace fwm::android {
namespace {

constexpr std::size_t kWalHeader = 32;
constexpr std::size_t kFrameHeader = 24;

std::uint32_t be32(std::string_view bytes, std::size_t at) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])); };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

std::uint32_t le32(std::string_view bytes, std::size_t at) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])); };
  return b(3) << 24 | b(2) << 16 | b(1) << 8 | b(0);
}

// SQLite's WAL checksum (fileformat2 §4.1): s0 += x[i] + s1; s1 += x[i+1] + s0 over 32-bit word pairs.
struct Checksum {
  std::uint32_t s0 = 0;
  std::uint32_t s1 = 0;
  void add(std::string_view bytes, bool big_endian) {
    for (std::size_t i = 0; i + 8 <= bytes.size(); i += 8) {
      s0 += (big_endian ? be32(bytes, i) : le32(bytes, i)) + s1;
      s1 += (big_endian ? be32(bytes, i + 4) : le32(bytes, i + 4)) + s0;
    }
  }
};

}  // namespace

bool is_wal_mode_database(std::string_view database_header) {
  return database_header.size() > 19 && database_header[18] == 2 && database_header[19] == 2;
}

std::optional<std::string> database_size_problem(std::string_view bytes) {
  if (bytes.size() < 100) return "it ends after " + std::to_string(bytes.size()) + " bytes, inside the 100-byte header";
  std::uint32_t page_size = be32(bytes, 14) & 0xffff;
  if (page_size == 1) page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0) return "its header names no valid page size";
  if (bytes.size() % page_size != 0) {
    return "its " + std::to_string(bytes.size()) + " bytes are not whole pages of " + std::to_string(page_size) +
           " bytes: the copy was cut short";
  }
  std::uint64_t pages = be32(bytes, 28);
  if (be32(bytes, 92) == be32(bytes, 24) && pages * page_size > bytes.size()) {
    return "its header counts " + std::to_string(pages) + " pages but the file holds " +
           std::to_string(bytes.size() / page_size) + ": the copy was cut short";
  }
  return std::nullopt;
}

std::optional<std::string> wal_problem(std::string_view bytes) {
  if (bytes.empty()) return std::nullopt;
  if (bytes.size() < kWalHeader) {
    return "it ends after " + std::to_string(bytes.size()) + " bytes, inside the 32-byte WAL header";
  }
  std::uint32_t magic = be32(bytes, 0);
  if (magic != 0x377f0682 && magic != 0x377f0683) return "it does not start with the WAL magic number";
  if (be32(bytes, 4) != 3007000) return "its WAL format version is not 3007000";
  std::uint32_t page_size = be32(bytes, 8);
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0) {
    return "its WAL header names no valid page size";
  }
  bool big_endian = (magic & 1) != 0;
  Checksum sum;
  sum.add(bytes.substr(0, 24), big_endian);
  if (sum.s0 != be32(bytes, 24) || sum.s1 != be32(bytes, 28)) return "its WAL header checksum does not match";
  const std::uint32_t salt1 = be32(bytes, 16);
  const std::uint32_t salt2 = be32(bytes, 20);
  const std::size_t frame_size = kFrameHeader + page_size;
  std::size_t frame = 0;
  for (std::size_t at = kWalHeader; at < bytes.size(); at += frame_size, ++frame) {
    bool current = bytes.size() - at >= 16 && be32(bytes, at + 8) == salt1 && be32(bytes, at + 12) == salt2;
    if (!current) return std::nullopt;  // stale frames of an earlier generation (or too little to tell) follow
    if (bytes.size() - at < frame_size) {
      return "frame " + std::to_string(frame + 1) + " is cut off after " + std::to_string(bytes.size() - at) + " of " +
             std::to_string(frame_size) + " bytes: the copy was truncated";
    }
    Checksum next = sum;
    next.add(bytes.substr(at, 8), big_endian);
    next.add(bytes.substr(at + kFrameHeader, page_size), big_endian);
    if (next.s0 != be32(bytes, at + 16) || next.s1 != be32(bytes, at + 20)) {
      return "frame " + std::to_string(frame + 1) + "'s checksum does not match: the file is damaged";
    }
    sum = next;
  }
  return std::nullopt;
}

}  // namespace fwm::android
