// Running one job per item on a bounded number of threads.
#pragma once

#include <cstddef>
#include <functional>

namespace fwm {

// Calls job(i) for every i in [0, count) on at most `max_workers` threads (at least one) and
// returns when all are done. `job` must not throw; it records its own outcome.
void for_each_concurrently(std::size_t count, std::size_t max_workers, const std::function<void(std::size_t)>& job);

}  // namespace fwm
