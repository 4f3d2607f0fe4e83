// Shared by the list-parser libFuzzer targets and the deterministic robustness test: the
// readers under test, one input unit per format, and the invariants a reader must keep on
// any input (docs/screening.md, "Robustness").
#ifndef INTERDICT_SCREEN_FUZZ_LIST_FUZZ_H_
#define INTERDICT_SCREEN_FUZZ_LIST_FUZZ_H_

#include <memory>
#include <string>
#include <vector>

#include "interdict/ingest.h"

namespace interdict::screen::fuzz {

struct Format {
  const char* name;       // reader format name
  const char* file_name;  // name the fuzzed bytes are written under
};

// Every list format: ofac-csv, ofac-xml, un-xml, eu-xml, ftm-jsonl, watchlist-csv.
const std::vector<Format>& ListFormats();
std::unique_ptr<Reader> MakeListReader(const std::string& format);

// Runs the reader of `format` on the file at `path` (display name `display`; for
// ofac-csv the companions `companions` are added to the unit). Returns "" when every
// invariant held, else what broke:
//   - an error Status names the file (its display name);
//   - on success rows read = rows stored + quarantined;
//   - every quarantine entry names the file, a line >= 0, a reason and the field (empty
//     only for whole-record problems, as docs/formats/inputs.md §1 allows).
std::string CheckReader(const std::string& format, const std::string& path,
                        const std::string& display, const std::vector<std::string>& companions);

}  // namespace interdict::screen::fuzz

#endif  // INTERDICT_SCREEN_FUZZ_LIST_FUZZ_H_
