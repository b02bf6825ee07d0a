// A small bounded thread pool for device fan-out.
#include "core/fan_out.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace fwm {

void for_each_concurrently(std::size_t count, std::size_t max_workers, const std::function<void(std::size_t)>& job) {
  if (count == 0) return;
  std::size_t workers = std::clamp<std::size_t>(max_workers, 1, count);
  if (workers == 1) {
    for (std::size_t i = 0; i < count; ++i) job(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) job(i);
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(work);
  work();  // the calling thread works too, so checks that only it can make (Ctrl-C in Python) still run
  for (auto& t : threads) t.join();
}

}  // namespace fwm
