// Checks on copies of an SQLite database and its write-ahead log before SQLite reads them (SQLite skips a damaged WAL tail silently).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fwm::android {

// True when `database_header` (the file's first bytes) marks a database in WAL mode: bytes 18 and
// 19 (file format write and read versions) are both 2 (https://www.sqlite.org/fileformat2.html §1.3).
bool is_wal_mode_database(std::string_view database_header);

// Why the database file `bytes` is cut short, or nullopt when its size agrees with its header: the
// size must be a multiple of the page size (bytes 16-17) and, while the in-header page count (bytes
// 28-31) is valid (bytes 92-95 equal the change counter at 24-27), hold that many pages.
std::optional<std::string> database_size_problem(std::string_view bytes);

// Why the WAL file `bytes` cannot be read completely, or nullopt when it can (an empty file is a
// WAL that was reset; frames with other salts are stale frames of an earlier generation, as
// SQLite's recovery treats them). Follows https://www.sqlite.org/fileformat2.html §4.1: a 32-byte
// header (magic 0x377f0682/0x377f0683, version 3007000, page size, salts, checksum of bytes 0-23),
// then frames of a 24-byte header and one page, each checksummed cumulatively (32-bit words, big
// endian when the magic ends in 3). A header shorter than 32 bytes, a bad magic, version, page size
// or header checksum is corrupt; a frame of the current salts that is cut off is truncated; one whose
// checksum does not continue the chain is corrupt.
std::optional<std::string> wal_problem(std::string_view bytes);

}  // namespace fwm::android
