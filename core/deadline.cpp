// Deadline arithmetic and the process-wide interrupt flag.
#include "core/deadline.hpp"

#include <algorithm>
#include <atomic>

namespace fwm {
namespace {
std::atomic<bool> g_interrupted{false};
std::atomic<bool (*)()> g_probe{nullptr};
thread_local const std::atomic<bool>* t_stop = nullptr;
}  // namespace

Deadline Deadline::after(Millis budget) { return Deadline(Clock::now() + budget, budget); }

Millis Deadline::remaining() const {
  auto left = std::chrono::duration_cast<Millis>(at_ - Clock::now());
  return std::max(left, Millis(0));
}

Deadline Deadline::capped(Millis budget) const {
  auto other = Clock::now() + budget;
  return other < at_ ? Deadline(other, budget) : *this;
}

void request_interrupt() noexcept { g_interrupted.store(true); }

void clear_interrupt() noexcept { g_interrupted.store(false); }

bool interrupt_requested() {
  if (g_interrupted.load()) return true;
  if (t_stop != nullptr && t_stop->load()) return true;
  auto probe = g_probe.load();
  if (probe == nullptr || !probe()) return false;
  request_interrupt();
  return true;
}

ThreadStopScope::ThreadStopScope(const std::atomic<bool>& stop) : previous_(t_stop) { t_stop = &stop; }

ThreadStopScope::~ThreadStopScope() { t_stop = previous_; }

void set_interrupt_probe(bool (*probe)()) { g_probe.store(probe); }

}  // namespace fwm
