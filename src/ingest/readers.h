// Factories for the concrete readers (one per input format) and their shared helpers.
// ingest.cc maps format names to these; DiscoverInputs() decides which files they get.
//
// Conventions every reader follows (docs/formats/inputs.md §1):
// - One Entity per source record, with exactly one referent: Provenance{display name,
//   record id, 1-based start line, ingest time, SHA-256 of the raw record bytes}.
// - A record with any invalid value is quarantined whole (file, line, record id, field,
//   reason, raw), never stored half-valid and never dropped silently.
// - Read() returns the number of source rows it read, counted independently of the sink.
#ifndef INTERDICT_INGEST_READERS_H_
#define INTERDICT_INGEST_READERS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "interdict/ingest.h"

namespace interdict {

// Sanctions lists (DESIGN.md §3).
std::unique_ptr<Reader> NewOfacCsvReader();    // "ofac-csv": sdn.csv (+add/alt/sdn_comments)
std::unique_ptr<Reader> NewWatchlistReader();  // "watchlist-csv"
std::unique_ptr<Reader> NewSdnXmlReader();     // "ofac-xml": sdn.xml / consolidated.xml
std::unique_ptr<Reader> NewEuXmlReader();      // "eu-xml": EU FSF XML export
// Canonical trade/finance files and registries.
std::unique_ptr<Reader> NewDeclarationsReader();  // "declarations-csv"
std::unique_ptr<Reader> NewPaymentsReader();      // "payments-csv"
std::unique_ptr<Reader> NewLicensesReader();      // "licenses-csv"
std::unique_ptr<Reader> NewPortsReader();         // "ports-csv"
std::unique_ptr<Reader> NewFtmReader();           // "ftm-jsonl"

// A quarantine entry for a CSV record (raw truncated to 4 KiB).
QuarantineEntry MakeQuarantine(const std::string& file, const CsvRecord& rec,
                               std::string record_id, std::string field, std::string reason);
// A value quoted for an error message, cut at 60 bytes (on a UTF-8 boundary) with "...".
std::string QuoteForMessage(std::string_view v);
Provenance MakeProvenance(const std::string& file, std::string record_id, int64_t line,
                          int64_t ingest_time, std::string_view raw);

}  // namespace interdict

#endif  // INTERDICT_INGEST_READERS_H_
