// Small RAII helpers over the SQLite C API, shared by every SQLite user (store/, act/):
// prepared statements, errors as Status, never exceptions. Not thread-safe; one per thread.
#ifndef INTERDICT_STORE_SQLITE_UTIL_H_
#define INTERDICT_STORE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "interdict/status.h"

namespace interdict {

class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }
  Status Prepare(sqlite3* db, const char* sql) {
    db_ = db;
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK)
      return Status::Internal(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
    return Status::Ok();
  }
  void Text(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Int(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  // SQLITE_ROW -> true, SQLITE_DONE -> false, anything else -> error.
  Result<bool> Step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Status::IoError(std::string("sqlite step: ") + sqlite3_errmsg(db_));
  }
  // Steps once and resets the statement (bindings cleared) so it can be run again.
  Status Done() {
    auto row = Step();
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    return row.ok() ? Status::Ok() : row.status();
  }
  sqlite3_stmt* get() { return s_; }
  std::string ColText(int i) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return t ? std::string(t, static_cast<size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }
  int64_t ColInt(int i) { return sqlite3_column_int64(s_, i); }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
};

inline Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown";
    sqlite3_free(err);
    return Status::IoError("sqlite: " + m + " (in: " + std::string(sql).substr(0, 80) + ")");
  }
  return Status::Ok();
}

}  // namespace interdict

#endif  // INTERDICT_STORE_SQLITE_UTIL_H_
