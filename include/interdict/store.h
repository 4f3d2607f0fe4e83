// The store: where ingested records, the ingest log and the quarantine live.
//
// SQLite (one file, WAL) is the default; a PostgreSQL backend implements the same
// interface for multi-agency deployments. Callers only see this interface.
// Every file ingest is one transaction: a killed process leaves either the whole file
// stored (with its log row) or nothing of it, and re-ingesting a file whose content hash
// is already logged as complete is a no-op.
// Thread-safety: a Store is used from one thread at a time.
#ifndef INTERDICT_STORE_H_
#define INTERDICT_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interdict/model.h"
#include "interdict/status.h"

namespace interdict {

struct IngestLogEntry {
  int64_t id = 0;
  std::string path;    // primary file of the input unit, relative to the investigated folder
  std::string sha256;  // content hash of the unit (all its files)
  std::string format;  // reader name, e.g. "ofac-csv"
  int64_t started = 0;
  int64_t finished = 0;
  int64_t records_in = 0;   // source rows read
  int64_t stored = 0;       // source rows that became (part of) a stored record
  int64_t quarantined = 0;  // source rows quarantined; records_in = stored + quarantined
  int64_t entities = 0;     // records written (an OFAC entry absorbs its alt/add rows)
};

struct QuarantineEntry {
  std::string file;       // the file the bad record is in
  int64_t line = 0;       // 1-based line (0 if not line-based)
  std::string record_id;  // the record's id if it could be read
  std::string field;      // the offending field/column ("" for whole-record problems)
  std::string reason;     // human-readable reason
  std::string raw;        // the raw record bytes (truncated to 4 KiB)
  std::string ToString() const;  // "file:line: field 'x': reason"
};

// An open ingest transaction. Destroying it without Commit() rolls everything back.
class IngestTxn {
 public:
  virtual ~IngestTxn() = default;
  virtual Status AddRecord(const Entity& record) = 0;
  virtual Status AddQuarantine(const QuarantineEntry& q) = 0;
  // Writes the log row (with its final counts) and commits.
  virtual Status Commit(const IngestLogEntry& log) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // A completed ingest of content `sha256` at `path`, if any.
  virtual Result<std::optional<IngestLogEntry>> FindIngest(const std::string& path,
                                                           const std::string& sha256) = 0;
  // Starts a transaction that replaces whatever an earlier ingest of `path` stored.
  virtual Result<std::unique_ptr<IngestTxn>> BeginIngest(const std::string& path) = 0;
  // Calls `fn` for every stored record (one referent each), in ingest order.
  virtual Status ForEachRecord(const std::function<void(Entity&&)>& fn) = 0;
  virtual Result<std::vector<IngestLogEntry>> IngestLog() = 0;
  virtual Result<std::vector<QuarantineEntry>> Quarantine() = 0;
  virtual Result<int64_t> CountRecords() = 0;
  // Checks internal consistency (SQLite integrity_check + log counts vs. rows).
  virtual Status Verify() = 0;
};

// Opens (creating and migrating as needed) a SQLite store at `path` (":memory:" allowed).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace interdict

#endif  // INTERDICT_STORE_H_
