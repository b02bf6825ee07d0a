// Fuzzes read_work_database on corrupt database files (the input written to a temp file); only its documented error may escape.
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "adb/workmanager_db.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/fwm-fuzz-workdb-" + std::to_string(getpid()) + ".db";
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  std::FILE* file = std::fopen(path.c_str(), "wb");
  fwm::fuzz::require(file != nullptr, "the temp file can be written");
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  try {
    fwm::android::read_work_database(path);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
