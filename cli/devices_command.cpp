// The devices command: a table or JSON of the attached devices, once or on every change.
#include "cli/devices_command.hpp"

#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>

#include "api/fwm_api.hpp"
#include "cli/render.hpp"

namespace fwm::cli {
namespace {

constexpr Millis kWatchForever{100LL * 365 * 24 * 3600 * 1000};

std::string clock_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char text[16];
  std::strftime(text, sizeof text, "%H:%M:%S", std::localtime(&now));
  return text;
}

int run_devices(bool watch, const GlobalOptions& g) {
  if (!watch) {
    api::DeviceList list = api::list_devices(g.deadline());
    if (g.json) {
      print_json(std::cout, devices_document(list.devices, list.problems));
    } else {
      print_device_table(std::cout, list.devices);
      for (const auto& p : list.problems) std::cerr << "note: " << p << "\n";
    }
    return 0;
  }
  Deadline deadline = Deadline::after(g.timeout().value_or(kWatchForever));
  api::watch_devices(
      [&](const std::vector<DeviceInfo>& devices) {
        if (g.json) {
          print_json(std::cout, devices_document(devices));
        } else {
          std::cout << "-- " << clock_now() << "\n";
          print_device_table(std::cout, devices);
        }
        std::cout.flush();
        return true;
      },
      deadline);
  return 0;
}

}  // namespace

void add_devices_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto watch = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("devices", "List attached devices: Android (serial, state, model, release, SDK) and, with Xcode, iOS simulators and paired devices");
  cmd->fallthrough();
  cmd->add_flag("--watch", *watch, "Print the list again on every change until interrupted (or --timeout)");
  cmd->footer(
      "Examples:\n"
      "  fwm devices\n"
      "  fwm devices --json | jq -r '.devices[] | select(.state == \"device\") | .serial'\n"
      "  fwm devices --json | jq -r '.devices[] | select(.kind == \"simulator\" and .state == \"Booted\") | .udid'\n"
      "  fwm devices --watch --json        # one JSON line per change");
  cmd->callback([watch, &global, &exit_code] { exit_code = run_devices(*watch, global); });
}

}  // namespace fwm::cli
