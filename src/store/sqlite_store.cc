// SQLite implementation of Store (docs/formats/store.md).
//
// One database file in WAL mode. Each ingest is one IMMEDIATE transaction, so a killed
// process leaves the file as it was before that ingest began (SQLite's journal makes the
// rollback on next open). Statements are prepared once per transaction and reused.
#include <sqlite3.h>


#include "interdict/store.h"
#include "store/record_codec.h"
#include "store/sqlite_util.h"

namespace interdict {
namespace {

constexpr int kSchemaVersion = 1;

// Migrations, applied in order; PRAGMA user_version records how many have run.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE ingest_log(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  started INTEGER NOT NULL,
  finished INTEGER,
  records_in INTEGER NOT NULL DEFAULT 0,
  stored INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  entities INTEGER NOT NULL DEFAULT 0);
CREATE INDEX ingest_log_path ON ingest_log(path);
CREATE TABLE records(
  id INTEGER PRIMARY KEY,
  ingest_id INTEGER NOT NULL REFERENCES ingest_log(id),
  entity_id TEXT NOT NULL,
  schema TEXT NOT NULL,
  source TEXT NOT NULL,
  record_id TEXT NOT NULL,
  line INTEGER NOT NULL,
  ingest_time INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  data TEXT NOT NULL);
CREATE INDEX records_ingest ON records(ingest_id);
CREATE TABLE quarantine(
  id INTEGER PRIMARY KEY,
  ingest_id INTEGER NOT NULL REFERENCES ingest_log(id),
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL);
CREATE INDEX quarantine_ingest ON quarantine(ingest_id);
)sql",
};


class SqliteIngestTxn : public IngestTxn {
 public:
  SqliteIngestTxn(sqlite3* db, int64_t ingest_id) : db_(db), ingest_id_(ingest_id) {}
  ~SqliteIngestTxn() override {
    if (!done_) (void)Exec(db_, "ROLLBACK");
  }
  Status Init() {
    RETURN_IF_ERROR(rec_.Prepare(
        db_,
        "INSERT INTO records(ingest_id,entity_id,schema,source,record_id,line,ingest_time,"
        "content_hash,data) VALUES(?,?,?,?,?,?,?,?,?)"));
    return q_.Prepare(db_,
                      "INSERT INTO quarantine(ingest_id,file,line,record_id,field,reason,raw) "
                      "VALUES(?,?,?,?,?,?,?)");
  }
  Status AddRecord(const Entity& r) override {
    if (r.referents().empty())
      return Status::Internal("record " + r.id() + " has no provenance");
    const Provenance& p = r.referents()[0];
    rec_.Int(1, ingest_id_);
    rec_.Text(2, r.id());
    rec_.Text(3, r.schema().name());
    rec_.Text(4, p.source);
    rec_.Text(5, p.record_id);
    rec_.Int(6, p.line);
    rec_.Int(7, p.ingest_time);
    rec_.Text(8, p.content_hash);
    data_.clear();
    EncodeRecordData(r, &data_);
    rec_.Text(9, data_);
    return rec_.Done();
  }
  Status AddQuarantine(const QuarantineEntry& q) override {
    q_.Int(1, ingest_id_);
    q_.Text(2, q.file);
    q_.Int(3, q.line);
    q_.Text(4, q.record_id);
    q_.Text(5, q.field);
    q_.Text(6, q.reason);
    q_.Text(7, q.raw);
    return q_.Done();
  }
  Status Commit(const IngestLogEntry& log) override {
    Stmt up;
    RETURN_IF_ERROR(up.Prepare(db_,
                               "UPDATE ingest_log SET sha256=?,format=?,started=?,finished=?,"
                               "records_in=?,stored=?,quarantined=?,entities=? WHERE id=?"));
    up.Text(1, log.sha256);
    up.Text(2, log.format);
    up.Int(3, log.started);
    up.Int(4, log.finished);
    up.Int(5, log.records_in);
    up.Int(6, log.stored);
    up.Int(7, log.quarantined);
    up.Int(8, log.entities);
    up.Int(9, ingest_id_);
    RETURN_IF_ERROR(up.Done());
    RETURN_IF_ERROR(Exec(db_, "COMMIT"));
    done_ = true;
    return Status::Ok();
  }

 private:
  sqlite3* db_;
  int64_t ingest_id_;
  Stmt rec_, q_;
  std::string data_;  // reused encoding buffer
  bool done_ = false;
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Init() {
    RETURN_IF_ERROR(Exec(db_, "PRAGMA journal_mode=WAL"));
    RETURN_IF_ERROR(Exec(db_, "PRAGMA synchronous=NORMAL"));
    RETURN_IF_ERROR(Exec(db_, "PRAGMA foreign_keys=ON"));
    sqlite3_busy_timeout(db_, 10000);
    Stmt v;
    RETURN_IF_ERROR(v.Prepare(db_, "PRAGMA user_version"));
    int version = 0;
    if (sqlite3_step(v.get()) == SQLITE_ROW) version = static_cast<int>(v.ColInt(0));
    if (version > kSchemaVersion)
      return Status::FailedPrecondition("database schema version " + std::to_string(version) +
                                        " is newer than this interdict (" +
                                        std::to_string(kSchemaVersion) + ")");
    for (int i = version; i < kSchemaVersion; ++i) {
      RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
      Status st = Exec(db_, kMigrations[i]);
      if (st.ok())
        st = Exec(db_, ("PRAGMA user_version=" + std::to_string(i + 1)).c_str());
      if (!st.ok()) {
        (void)Exec(db_, "ROLLBACK");
        return st;
      }
      RETURN_IF_ERROR(Exec(db_, "COMMIT"));
    }
    return Status::Ok();
  }

  Result<std::optional<IngestLogEntry>> FindIngest(const std::string& path,
                                                   const std::string& sha256) override {
    ASSIGN_OR_RETURN(auto all, IngestLog());
    for (auto& e : all)
      if (e.path == path && e.sha256 == sha256 && e.finished > 0)
        return std::optional<IngestLogEntry>(e);
    return std::optional<IngestLogEntry>();
  }

  Result<std::unique_ptr<IngestTxn>> BeginIngest(const std::string& path) override {
    RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
    auto fail = [&](Status st) -> Result<std::unique_ptr<IngestTxn>> {
      (void)Exec(db_, "ROLLBACK");
      return st;
    };
    // Replace what an earlier ingest of the same path stored.
    for (const char* sql :
         {"DELETE FROM records WHERE ingest_id IN (SELECT id FROM ingest_log WHERE path=?)",
          "DELETE FROM quarantine WHERE ingest_id IN (SELECT id FROM ingest_log WHERE path=?)",
          "DELETE FROM ingest_log WHERE path=?"}) {
      Stmt d;
      Status st = d.Prepare(db_, sql);
      if (!st.ok()) return fail(st);
      d.Text(1, path);
      st = d.Done();
      if (!st.ok()) return fail(st);
    }
    Stmt ins;
    Status st = ins.Prepare(db_, "INSERT INTO ingest_log(path,sha256,format,started) "
                                 "VALUES(?,'','',0)");
    if (!st.ok()) return fail(st);
    ins.Text(1, path);
    st = ins.Done();
    if (!st.ok()) return fail(st);
    auto txn = std::make_unique<SqliteIngestTxn>(db_, sqlite3_last_insert_rowid(db_));
    st = txn->Init();
    if (!st.ok()) return st;  // txn destructor rolls back
    return std::unique_ptr<IngestTxn>(std::move(txn));
  }

  Status ForEachRecord(const std::function<void(Entity&&)>& fn) override {
    Stmt st;
    RETURN_IF_ERROR(st.Prepare(db_,
                               "SELECT entity_id,schema,source,record_id,line,ingest_time,"
                               "content_hash,data FROM records ORDER BY id"));
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      std::string schema = st.ColText(1);
      const Schema* s = Schema::Get(schema);
      if (!s) return Status::Corruption("store: record with unknown schema " + schema);
      Entity e(st.ColText(0), s);
      Provenance p;
      p.source = st.ColText(2);
      p.record_id = st.ColText(3);
      p.line = st.ColInt(4);
      p.ingest_time = st.ColInt(5);
      p.content_hash = st.ColText(6);
      e.AddReferent(std::move(p));
      const auto* blob = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 7));
      std::string_view data(blob ? blob : "", static_cast<size_t>(sqlite3_column_bytes(st.get(), 7)));
      Status decoded = DecodeRecordData(data, &e);
      if (!decoded.ok()) return decoded.Annotate("store: record " + e.id());
      fn(std::move(e));
    }
    if (rc != SQLITE_DONE) return Status::IoError(std::string("sqlite: ") + sqlite3_errmsg(db_));
    return Status::Ok();
  }

  Result<std::vector<IngestLogEntry>> IngestLog() override {
    Stmt st;
    RETURN_IF_ERROR(st.Prepare(db_,
                               "SELECT id,path,sha256,format,started,IFNULL(finished,0),"
                               "records_in,stored,quarantined,entities FROM ingest_log ORDER BY id"));
    std::vector<IngestLogEntry> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
      IngestLogEntry e;
      e.id = st.ColInt(0);
      e.path = st.ColText(1);
      e.sha256 = st.ColText(2);
      e.format = st.ColText(3);
      e.started = st.ColInt(4);
      e.finished = st.ColInt(5);
      e.records_in = st.ColInt(6);
      e.stored = st.ColInt(7);
      e.quarantined = st.ColInt(8);
      e.entities = st.ColInt(9);
      out.push_back(std::move(e));
    }
    return out;
  }

  Result<std::vector<QuarantineEntry>> Quarantine() override {
    Stmt st;
    RETURN_IF_ERROR(st.Prepare(
        db_, "SELECT file,line,record_id,field,reason,raw FROM quarantine ORDER BY id"));
    std::vector<QuarantineEntry> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
      QuarantineEntry q;
      q.file = st.ColText(0);
      q.line = st.ColInt(1);
      q.record_id = st.ColText(2);
      q.field = st.ColText(3);
      q.reason = st.ColText(4);
      q.raw = st.ColText(5);
      out.push_back(std::move(q));
    }
    return out;
  }

  Result<int64_t> CountRecords() override {
    Stmt st;
    RETURN_IF_ERROR(st.Prepare(db_, "SELECT COUNT(*) FROM records"));
    if (sqlite3_step(st.get()) != SQLITE_ROW) return Status::IoError("sqlite: count failed");
    return st.ColInt(0);
  }

  Status Verify() override {
    Stmt ic;
    RETURN_IF_ERROR(ic.Prepare(db_, "PRAGMA integrity_check"));
    if (sqlite3_step(ic.get()) != SQLITE_ROW || ic.ColText(0) != "ok")
      return Status::Corruption("store: integrity_check failed: " + ic.ColText(0));
    Stmt st;
    RETURN_IF_ERROR(st.Prepare(
        db_,
        "SELECT l.path, l.records_in, l.stored, l.quarantined, l.entities, IFNULL(l.finished,0),"
        " (SELECT COUNT(*) FROM records r WHERE r.ingest_id=l.id),"
        " (SELECT COUNT(*) FROM quarantine q WHERE q.ingest_id=l.id) FROM ingest_log l"));
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
      std::string path = st.ColText(0);
      if (st.ColInt(5) == 0) return Status::Corruption("store: unfinished ingest of " + path);
      if (st.ColInt(1) != st.ColInt(2) + st.ColInt(3))
        return Status::Corruption("store: " + path + ": records in != stored + quarantined");
      if (st.ColInt(4) != st.ColInt(6))
        return Status::Corruption("store: " + path + ": logged record count != stored rows");
      if (st.ColInt(3) != st.ColInt(7))
        return Status::Corruption("store: " + path + ": logged quarantine count != rows");
    }
    Stmt orphan;
    RETURN_IF_ERROR(orphan.Prepare(
        db_, "SELECT COUNT(*) FROM records WHERE ingest_id NOT IN (SELECT id FROM ingest_log)"));
    if (sqlite3_step(orphan.get()) == SQLITE_ROW && orphan.ColInt(0) != 0)
      return Status::Corruption("store: records without an ingest log row");
    return Status::Ok();
  }

 private:
  sqlite3* db_;
};

}  // namespace

std::string QuarantineEntry::ToString() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (!record_id.empty()) s += ": record '" + record_id + "'";
  if (!field.empty()) s += ": field '" + field + "'";
  s += ": " + reason;
  return s;
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::IoError(path + ": cannot open database: " + m);
  }
  auto store = std::make_unique<SqliteStore>(db);
  Status st = store->Init();
  if (!st.ok()) return st.Annotate(path);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace interdict
