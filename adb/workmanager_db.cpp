// WorkManager database reading with SQLite, tolerant of the schema's history.
#include "adb/workmanager_db.hpp"

#include <sqlite3.h>

#include <map>
#include <set>
#include <stdexcept>

namespace fwm::android {
namespace {

class Database {
 public:
  Database(const std::string& path, const std::string& shown_as) : shown_(shown_as) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + shown_as + " with SQLite: " + message);
    }
    sqlite3_busy_timeout(db_, 2000);
  }
  ~Database() { sqlite3_close(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `sql`, calling `row` for each result row.
  template <typename F>
  void query(const std::string& sql, F&& row) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(shown_ + " is not a readable WorkManager database: " + sqlite3_errmsg(db_));
    }
    int rc = 0;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) row(statement);
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) throw std::runtime_error("reading " + shown_ + " failed: " + sqlite3_errmsg(db_));
  }

  std::set<std::string> columns(const std::string& table) {
    std::set<std::string> names;
    query("PRAGMA table_info(" + table + ")", [&](sqlite3_stmt* s) { names.insert(text(s, 1)); });
    return names;
  }

  static std::string text(sqlite3_stmt* s, int column) {
    const unsigned char* value = sqlite3_column_text(s, column);
    return value != nullptr ? reinterpret_cast<const char*>(value) : "";
  }

  static std::string blob(sqlite3_stmt* s, int column) {
    const void* value = sqlite3_column_blob(s, column);
    int size = sqlite3_column_bytes(s, column);
    return value != nullptr ? std::string(static_cast<const char*>(value), static_cast<size_t>(size)) : "";
  }

 private:
  std::string shown_;  // the file as messages name it
  sqlite3* db_ = nullptr;
};

// The column if the schema has it, else a constant that stands for its default.
std::string column_or(const std::set<std::string>& columns, const std::string& name, const std::string& fallback) {
  return columns.count(name) ? name : fallback;
}

}  // namespace

WorkDatabase read_work_database(const std::string& path, const std::string& shown_as) {
  const std::string& name = shown_as.empty() ? path : shown_as;
  Database db(path, name);
  WorkDatabase result;
  db.query("PRAGMA user_version", [&](sqlite3_stmt* s) { result.user_version = sqlite3_column_int(s, 0); });
  auto columns = db.columns("WorkSpec");
  if (!columns.count("id") || !columns.count("worker_class_name")) {
    throw std::runtime_error(name + " has no WorkSpec table: it is not a WorkManager database (androidx.work.workdb)");
  }
  result.has_last_enqueue_time = columns.count("last_enqueue_time") > 0;
  const std::string enqueue_column = result.has_last_enqueue_time ? "last_enqueue_time" : "period_start_time";
  const std::string sql =
      "SELECT id, state, worker_class_name, input, initial_delay, interval_duration, flex_duration, "
      "run_attempt_count, backoff_policy, backoff_delay_duration, " + enqueue_column + ", schedule_requested_at, " +
      column_or(columns, "run_in_foreground", "0") + ", " + column_or(columns, "out_of_quota_policy", "0") + ", " +
      column_or(columns, "period_count", "0") + ", " + column_or(columns, "generation", "0") + ", " +
      column_or(columns, "next_schedule_time_override", "9223372036854775807") + ", " +
      column_or(columns, "required_network_type", "0") +
      ", requires_charging, requires_device_idle, requires_battery_not_low, requires_storage_not_low FROM WorkSpec";
  std::map<std::string, size_t> index;
  db.query(sql, [&](sqlite3_stmt* s) {
    WorkSpecRow r;
    r.id = Database::text(s, 0);
    r.state = sqlite3_column_int(s, 1);
    r.worker_class = Database::text(s, 2);
    r.input = Database::blob(s, 3);
    r.initial_delay_ms = sqlite3_column_int64(s, 4);
    r.interval_ms = sqlite3_column_int64(s, 5);
    r.flex_ms = sqlite3_column_int64(s, 6);
    r.run_attempt_count = sqlite3_column_int(s, 7);
    r.backoff_policy = sqlite3_column_int(s, 8);
    r.backoff_delay_ms = sqlite3_column_int64(s, 9);
    r.last_enqueue_time_ms = sqlite3_column_int64(s, 10);
    r.schedule_requested_at = sqlite3_column_int64(s, 11);
    r.expedited = sqlite3_column_int(s, 12) != 0;
    r.out_of_quota_policy = sqlite3_column_int(s, 13);
    r.period_count = sqlite3_column_int(s, 14);
    r.generation = sqlite3_column_int(s, 15);
    r.next_schedule_time_override = sqlite3_column_int64(s, 16);
    r.network_type = sqlite3_column_int(s, 17);
    r.requires_charging = sqlite3_column_int(s, 18) != 0;
    r.requires_device_idle = sqlite3_column_int(s, 19) != 0;
    r.requires_battery_not_low = sqlite3_column_int(s, 20) != 0;
    r.requires_storage_not_low = sqlite3_column_int(s, 21) != 0;
    index[r.id] = result.work.size();
    result.work.push_back(std::move(r));
  });
  auto attach = [&](const std::string& sql, auto&& apply) {
    db.query(sql, [&](sqlite3_stmt* s) {
      auto it = index.find(Database::text(s, 0));
      if (it != index.end()) apply(result.work[it->second], s);
    });
  };
  attach("SELECT work_spec_id, tag FROM WorkTag ORDER BY tag",
         [](WorkSpecRow& r, sqlite3_stmt* s) { r.tags.push_back(Database::text(s, 1)); });
  attach("SELECT work_spec_id, name FROM WorkName ORDER BY name",
         [](WorkSpecRow& r, sqlite3_stmt* s) { r.names.push_back(Database::text(s, 1)); });
  bool generational = db.columns("SystemIdInfo").count("generation") > 0;
  attach(generational ? "SELECT work_spec_id, system_id, generation FROM SystemIdInfo"
                      : "SELECT work_spec_id, system_id, 0 FROM SystemIdInfo",
         [](WorkSpecRow& r, sqlite3_stmt* s) {
           if (sqlite3_column_int(s, 2) == r.generation) r.system_id = sqlite3_column_int64(s, 1);
         });
  return result;
}

}  // namespace fwm::android
