// Running one command on the chosen device, or on several at once (--all-devices, repeated -s).
#pragma once

#include <functional>
#include <iostream>
#include <string>
#include <unistd.h>

#include "api/fwm_api.hpp"
#include "cli/global_options.hpp"
#include "cli/render.hpp"
#include "core/fan_out.hpp"

namespace fwm::cli {

// How a command's result is shown and what it exits with.
template <typename T>
struct ResultView {
  std::function<nlohmann::json(const T&)> json;
  std::function<void(const T&)> print;   // human output
  std::function<int(const T&)> exit_code;
};

// The most devices one command talks to at once.
inline constexpr std::size_t kMaxParallelDevices = 16;

// With one device (no --all-devices, at most one -s): runs `operation(requested serial or "")` and
// shows its result; errors propagate. With several: runs it on every selected device at once, shows
// a progress line on a terminal (not with --json or when stderr is piped), then each device's result
// (one JSON line per device, errors as {"schema", "device", "error"} lines) and returns the worst exit
// code. `validate` runs first, before anything is sent.
template <typename T>
int run_per_device(const GlobalOptions& g, const std::function<void()>& validate,
                   const std::function<T(const std::string&)>& operation, const ResultView<T>& view) {
  validate();
  if (!g.all_devices && g.devices.size() <= 1) {
    T result = operation(g.devices.empty() ? "" : g.devices.front());
    if (g.json) {
      print_json(std::cout, view.json(result));
    } else {
      view.print(result);
    }
    return view.exit_code(result);
  }
  auto devices = api::select_devices(g.devices, g.all_devices, g.deadline());
  bool progress = !g.json && ::isatty(STDERR_FILENO);
  auto results = run_on_devices<T>(
      devices, kMaxParallelDevices, [&](const DeviceInfo& d) { return operation(d.id); },
      [&](std::size_t done, std::size_t total) {
        if (progress) std::cerr << "\r[" << done << "/" << total << "] devices done" << (done == total ? "\n" : "") << std::flush;
      });
  int worst = 0;
  for (const auto& r : results) {
    if (r.value) {
      if (g.json) {
        print_json(std::cout, view.json(*r.value));
      } else {
        std::cout << "== " << r.device.id << "\n";
        view.print(*r.value);
      }
      worst = std::max(worst, view.exit_code(*r.value));
    } else {
      Error error(r.failure->kind, r.failure->message, r.failure->device.empty() ? r.device.id : r.failure->device,
                  r.failure->step);
      if (!g.json) std::cout << "== " << r.device.id << "\n";
      worst = std::max(worst, report_error(error, g.json, std::cout, std::cerr));
    }
  }
  return worst;
}

}  // namespace fwm::cli
