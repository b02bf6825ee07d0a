// The WorkManager diagnostics report assembled from WM-DiagnosticsWrkr log lines.
#include "adb/diagnostics_report.hpp"

#include <array>
#include <cctype>
#include <charconv>

#include "adb/logcat_line.hpp"

namespace fwm::android {
namespace {

constexpr std::string_view kTag = "WM-DiagnosticsWrkr";

struct Section {
  std::string_view header;
  std::string_view name;
};
constexpr std::array<Section, 3> kSections = {{
    {"Recently completed work:", "completed"},
    {"Running work:", "running"},
    {"Enqueued work:", "enqueued"},
}};
constexpr std::array<std::string_view, 6> kColumns = {"Id", "Class Name", "Job Id", "State", "Unique Name", "Tags"};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> comma_list(std::string_view text) {
  std::vector<std::string> items;
  for (std::string_view item : split(text, ',')) {
    item = trim(item);
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

std::optional<long long> job_id(std::string_view text) {
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A WorkSpec id: UUID.randomUUID().toString(), 8-4-4-4-12 hex digits.
bool is_work_id(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

class ReportBuilder {
 public:
  void add(std::string_view message) {
    std::string_view text = trim(message);
    if (text.empty() || text.starts_with("--------- ")) return;  // blank, or a logcat buffer banner
    for (std::size_t i = 0; i < kSections.size(); ++i) {
      if (text == kSections[i].header) return open_section(static_cast<int>(i));
    }
    if (text.find('\t') == std::string_view::npos) {
      // Past the column header every line of the rows message has TABs: this one was cut in its Id.
      if (section_ >= 0 && columns_seen_) {
        section_has_rows_ = true;
        report_.truncated = true;
        report_.notes.push_back("a row in " + std::string(kSections[section_].name) + " is cut short inside its Id and was skipped");
      }
      return;
    }
    std::vector<std::string_view> fields = split(message, '\t');
    bool closed = trim(fields.back()).empty();  // the row ended with its TAB
    if (closed) fields.pop_back();
    for (auto& field : fields) field = trim(field);
    if (fields.front() == kColumns[0]) {
      columns_seen_ = true;
      return;
    }
    if (fields.front().empty()) return;
    if (section_ < 0) {
      if (is_work_id(fields.front())) ++orphan_rows_;
      return;
    }
    section_has_rows_ = true;
    add_row(fields, closed);
  }

  DiagnosticsReport finish() {
    close_section();
    if (!report_.found && orphan_rows_ > 0) {
      report_.found = true;
      report_.truncated = true;
      report_.notes.push_back(std::to_string(orphan_rows_) + " rows without a section header (the start of the report is missing)");
    }
    return std::move(report_);
  }

 private:
  void open_section(int index) {
    close_section();
    if (section_ < 0 && orphan_rows_ > 0) {
      report_.notes.push_back(std::to_string(orphan_rows_) + " rows before the first section header were skipped");
    } else if (index <= section_) {
      report_ = DiagnosticsReport{};
    }
    report_.found = true;
    section_ = index;
    section_has_rows_ = false;
    columns_seen_ = false;
  }

  void close_section() {
    if (section_ < 0 || section_has_rows_) return;
    report_.truncated = true;
    report_.notes.push_back("\"" + std::string(kSections[section_].header) +
                            "\" has no rows (cut at the log size limit, or not logged yet)");
  }

  // `fields` (one or more, trimmed) of a row; without its closing TAB the last one may be cut short.
  void add_row(const std::vector<std::string_view>& fields, bool closed) {
    std::string_view section = kSections[section_].name;
    std::size_t complete = fields.size() >= kColumns.size() || closed ? fields.size() : fields.size() - 1;
    if (complete < kColumns.size()) {
      report_.truncated = true;
      std::string missing;
      for (std::size_t i = complete; i < kColumns.size(); ++i) missing += (missing.empty() ? "" : ", ") + std::string(kColumns[i]);
      report_.notes.push_back("row " + std::string(fields[0]) + " in " + std::string(section) + " is cut short: " + missing + " missing");
    }
    auto field = [&](std::size_t i) { return i < complete ? fields[i] : std::string_view(); };
    DiagnosticsRow row;
    row.section = std::string(section);
    row.id = std::string(field(0));
    row.worker_class = std::string(field(1));
    row.job_id = job_id(field(2));
    row.state = std::string(field(3));
    row.unique_names = comma_list(field(4));
    row.tags = comma_list(field(5));
    report_.rows.push_back(std::move(row));
  }

  DiagnosticsReport report_;
  int section_ = -1;  // index in kSections of the report's latest section, -1 before the first
  bool section_has_rows_ = false;
  bool columns_seen_ = false;  // the open section's column header was logged
  std::size_t orphan_rows_ = 0;
};

}  // namespace

DiagnosticsReport parse_diagnostics_report(std::string_view logcat_text) {
  ReportBuilder builder;
  for (const LogMessage& line : log_messages(logcat_text)) {
    if (line.tag == kTag || line.tag.empty()) builder.add(line.message);
  }
  return builder.finish();
}

}  // namespace fwm::android
