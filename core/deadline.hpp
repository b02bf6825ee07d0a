// Deadlines and interruption for every blocking step.
#pragma once

#include <atomic>
#include <chrono>

#include "core/duration.hpp"

namespace fwm {

// A point in time by which a step must finish.
class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // A deadline `budget` from now.
  static Deadline after(Millis budget);

  // Time left, never negative.
  Millis remaining() const;
  bool expired() const { return remaining().count() == 0; }
  // The budget this deadline was created with (for messages: "within 10s").
  Millis budget() const { return budget_; }
  // The earlier of this deadline and one `budget` from now.
  Deadline capped(Millis budget) const;

 private:
  Deadline(Clock::time_point at, Millis budget) : at_(at), budget_(budget) {}
  Clock::time_point at_;
  Millis budget_;
};

// Asks every blocking step in this process to stop soon (e.g. from a SIGINT handler; it is
// async-signal-safe). Steps notice within 100 ms and throw an Error naming what they were doing.
void request_interrupt() noexcept;

// Forgets an earlier request_interrupt (a long-lived host such as Python goes on after one).
void clear_interrupt() noexcept;

// True once request_interrupt was called, when the probe set by set_interrupt_probe says so, or
// when the stop flag of this thread's ThreadStopScope is set.
bool interrupt_requested();

// While alive, makes interrupt_requested() true on the constructing thread once `stop` is set, and
// on no other thread (a worker that streams for Python is stopped this way when its reader goes).
class ThreadStopScope {
 public:
  explicit ThreadStopScope(const std::atomic<bool>& stop);
  ~ThreadStopScope();
  ThreadStopScope(const ThreadStopScope&) = delete;
  ThreadStopScope& operator=(const ThreadStopScope&) = delete;

 private:
  const std::atomic<bool>* previous_;
};

// Installs an extra check called by blocking steps about every 100 ms, from any thread (the Python
// module uses it to notice Ctrl-C). When it returns true, request_interrupt is called so that every
// thread stops. Pass nullptr to remove it.
void set_interrupt_probe(bool (*probe)());

}  // namespace fwm
