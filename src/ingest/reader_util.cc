#include "core/hash.h"
#include "ingest/readers.h"

namespace interdict {

QuarantineEntry MakeQuarantine(const std::string& file, const CsvRecord& rec,
                               std::string record_id, std::string field, std::string reason) {
  QuarantineEntry q;
  q.file = file;
  q.line = rec.line;
  q.record_id = std::move(record_id);
  q.field = std::move(field);
  q.reason = std::move(reason);
  q.raw = std::string(rec.raw.substr(0, 4096));
  return q;
}

std::string QuoteForMessage(std::string_view v) {
  if (v.size() <= 60) return "'" + std::string(v) + "'";
  size_t cut = 60;  // not inside a UTF-8 sequence
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(v.substr(0, cut)) + "...'";
}

Provenance MakeProvenance(const std::string& file, std::string record_id, int64_t line,
                          int64_t ingest_time, std::string_view raw) {
  Provenance p;
  p.source = file;
  p.record_id = std::move(record_id);
  p.line = line;
  p.ingest_time = ingest_time;
  p.content_hash = Sha256Hex(raw);
  return p;
}

}  // namespace interdict
