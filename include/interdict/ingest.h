// Ingest: one reader per input format; every record keeps its provenance; every bad
// record is quarantined with file, line, field and reason. For each input unit the
// driver checks rows read = records stored + records quarantined.
#ifndef INTERDICT_INGEST_H_
#define INTERDICT_INGEST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "interdict/env.h"
#include "interdict/model.h"
#include "interdict/status.h"
#include "interdict/store.h"

namespace interdict {

// One unit of input: usually one file; the OFAC legacy set is sdn.csv + its companions.
struct InputUnit {
  std::string format;              // reader name
  std::vector<std::string> paths;  // absolute paths; paths[0] is the primary file
  std::string display;             // primary path relative to the investigated folder
};

// Receives what a reader produces. Provenance is filled in by the reader.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // `rows` = source rows this record consumed (an OFAC entry absorbs its alt/add rows).
  virtual Status Record(Entity record, int64_t rows = 1) = 0;
  virtual Status Quarantine(QuarantineEntry q) = 0;
};

struct ReadContext {
  int64_t ingest_time = 0;
  // Relative name of each path in the unit (same order as InputUnit::paths).
  std::vector<std::string> display_names;
};

class Reader {
 public:
  virtual ~Reader() = default;
  virtual std::string name() const = 0;
  // Reads a unit, sending records and quarantined rows to `sink`. Returns the number of
  // source rows read (counted independently of the sink calls), or an error if the unit
  // cannot be read at all (missing file, unknown layout).
  virtual Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx,
                               RecordSink* sink) = 0;
};

// The reader for a format name, or nullptr.
std::unique_ptr<Reader> MakeReader(const std::string& format);
std::vector<std::string> ReaderNames();

// Finds the inputs under `dir`: the files `dir/sources.yaml` names, or every file whose
// name, extension and header a reader recognises. Unrecognised files are listed in
// `skipped` (relative paths).
Result<std::vector<InputUnit>> DiscoverInputs(const std::string& dir,
                                              std::vector<std::string>* skipped);

struct IngestReport {
  std::string path;
  std::string format;
  bool skipped_unchanged = false;  // already ingested with the same content hash
  int64_t records_in = 0;
  int64_t stored = 0;
  int64_t quarantined = 0;
  std::vector<QuarantineEntry> quarantine_sample;  // first few, for the console
};

// Ingests one unit into the store in one transaction.
Result<IngestReport> IngestUnit(const InputUnit& unit, Store* store, const Clock& clock);

}  // namespace interdict

#endif  // INTERDICT_INGEST_H_
