// Invariant checks shared by the fuzz targets and list_parsers_robust_test.cc.
#include <filesystem>

#include "ingest/readers.h"
#include "screen/fuzz/list_fuzz.h"
#include "screen/readers.h"

namespace interdict::screen::fuzz {
namespace {

// docs/formats/inputs.md §1: `field` is empty only for whole-record problems (a wrong field
// count, a line that is not JSON or not UTF-8 as a whole, a stray character after a
// closing quote in a field past the last column).
bool WholeRecordProblem(const std::string& reason) {
  for (const char* p : {"expected ", "invalid JSON", "invalid UTF-8", "unexpected character"})
    if (reason.rfind(p, 0) == 0) return true;
  return false;
}

class CheckingSink : public RecordSink {
 public:
  explicit CheckingSink(std::string display) : display_(std::move(display)) {}
  Status Record(Entity record, int64_t rows) override {
    if (rows < 1 && problem.empty()) problem = "record with rows < 1: " + record.id();
    stored += rows;
    return Status::Ok();
  }
  Status Quarantine(QuarantineEntry q) override {
    ++quarantined;
    if (!problem.empty()) return Status::Ok();
    if (q.file.empty())
      problem = "quarantine entry without file";
    else if (q.line < 0)
      problem = "quarantine entry with line < 0";
    else if (q.field.empty() && !WholeRecordProblem(q.reason))
      problem = "quarantine entry without field: " + q.reason;
    else if (q.reason.empty())
      problem = "quarantine entry without reason";
    return Status::Ok();
  }
  int64_t stored = 0, quarantined = 0;
  std::string problem;

 private:
  std::string display_;
};

}  // namespace

const std::vector<Format>& ListFormats() {
  static const std::vector<Format> k = {{"ofac-csv", "sdn.csv"},      {"ofac-xml", "sdn.xml"},
                                        {"un-xml", "un.xml"},         {"eu-xml", "eu.xml"},
                                        {"ftm-jsonl", "e.ftm.jsonl"}, {"watchlist-csv", "wl.csv"}};
  return k;
}

std::unique_ptr<Reader> MakeListReader(const std::string& format) {
  if (format == "un-xml") return NewUnXmlReader();
  return MakeReader(format);  // ingest's registry: ofac-csv, ofac-xml, eu-xml, ftm, watchlist
}

std::string CheckReader(const std::string& format, const std::string& path,
                        const std::string& display, const std::vector<std::string>& companions) {
  auto reader = MakeListReader(format);
  if (!reader) return "no reader for " + format;
  InputUnit unit{format, {path}, display};
  ReadContext ctx;
  ctx.ingest_time = 1700000000;
  ctx.display_names = {display};
  for (const auto& c : companions) {
    unit.paths.push_back(c);
    ctx.display_names.push_back(std::filesystem::path(c).filename().string());
  }
  CheckingSink sink(display);
  auto rows = reader->Read(unit, ctx, &sink);
  if (!rows.ok()) {
    const std::string& msg = rows.status().message();
    bool names_file = false;
    for (const auto& d : ctx.display_names) names_file |= msg.find(d) != std::string::npos;
    if (!names_file) return "error does not name the file: " + rows.status().ToString();
    return "";
  }
  if (!sink.problem.empty()) return sink.problem;
  if (*rows != sink.stored + sink.quarantined)
    return "rows " + std::to_string(*rows) + " != stored " + std::to_string(sink.stored) +
           " + quarantined " + std::to_string(sink.quarantined);
  return "";
}

}  // namespace interdict::screen::fuzz
