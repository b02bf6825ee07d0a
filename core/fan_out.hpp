// Running one job per item on a bounded number of threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "core/device_info.hpp"
#include "core/errors.hpp"

namespace fwm {

// Calls job(i) for every i in [0, count) on at most `max_workers` threads (at least one) and
// returns when all are done. `job` must not throw; it records its own outcome.
void for_each_concurrently(std::size_t count, std::size_t max_workers, const std::function<void(std::size_t)>& job);

// One device's outcome of an operation run on several: its value, or the error it raised.
template <typename T>
struct PerDevice {
  DeviceInfo device;
  std::optional<T> value;
  std::optional<Failure> failure;
};

// Runs `operation(device)` for every device on at most `max_workers` threads, keeping each
// device's value or error, in the devices' order. `on_done(done, total)` is called after each
// device, from the worker threads, one call at a time.
template <typename T>
std::vector<PerDevice<T>> run_on_devices(const std::vector<DeviceInfo>& devices, std::size_t max_workers,
                                         const std::function<T(const DeviceInfo&)>& operation,
                                         const std::function<void(std::size_t, std::size_t)>& on_done) {
  std::vector<PerDevice<T>> results(devices.size());
  std::atomic<std::size_t> done{0};
  std::mutex report;
  for_each_concurrently(devices.size(), max_workers, [&](std::size_t i) {
    results[i].device = devices[i];
    try {
      results[i].value = operation(devices[i]);
    } catch (const Error& e) {
      results[i].failure = failure_of(e);
    } catch (const std::exception& e) {
      results[i].failure = Failure{ErrorKind::Failed, e.what(), devices[i].id, ""};
    }
    std::lock_guard<std::mutex> lock(report);
    if (on_done) on_done(++done, devices.size());
  });
  return results;
}

}  // namespace fwm
