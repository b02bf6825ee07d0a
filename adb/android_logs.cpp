// Filtering logcat down to the task lifecycle.
#include "adb/android_logs.hpp"

#include "adb/logcat_line.hpp"

namespace fwm::android {
namespace {

// Hands complete lines to `on_record`; keeps a trailing partial line for the next chunk.
class LineSplitter {
 public:
  explicit LineSplitter(const std::function<bool(const LogRecord&)>& on_record) : on_record_(on_record) {}

  bool feed(std::string_view chunk) {
    pending_ += chunk;
    size_t start = 0;
    size_t end = 0;
    while ((end = pending_.find('\n', start)) != std::string::npos) {
      std::string line = pending_.substr(start, end - start);
      start = end + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!offer(line)) return false;
    }
    pending_.erase(0, start);
    return true;
  }

  bool finish() { return pending_.empty() || offer(pending_); }

 private:
  bool offer(const std::string& line) {
    auto parsed = parse_log_line(line);
    if (!parsed || !is_task_log_tag(parsed->tag)) return true;
    LogRecord record{parsed->month_day + " " + parsed->time, parsed->pid, parsed->tid, std::string(1, parsed->level),
                     parsed->tag, parsed->message, line};
    return on_record_(record);
  }

  const std::function<bool(const LogRecord&)>& on_record_;
  std::string pending_;
};

}  // namespace

bool is_task_log_tag(std::string_view tag) {
  return tag.substr(0, 3) == "WM-" || tag == "WorkmanagerDebug" || tag == "flutter";
}

void read_task_logs(AdbClient& client, const std::string& serial, bool follow,
                    const std::function<bool(const LogRecord&)>& on_record, const Deadline& deadline) {
  LineSplitter lines(on_record);
  if (!follow) {
    ShellResult log = client.shell(serial, {"logcat", "-d", "-v", "threadtime"}, deadline);
    if (lines.feed(log.out)) lines.finish();
    return;
  }
  client.shell_stream(serial, {"logcat", "-v", "threadtime"}, [&](std::string_view chunk) { return lines.feed(chunk); },
                      deadline);
  lines.finish();
}

}  // namespace fwm::android
