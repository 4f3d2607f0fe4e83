// RFC 4180 CSV reader over an in-memory buffer (usually an mmapped file).
//
// Written by hand rather than taken from libcsv/rapidcsv because provenance needs the
// physical line span of every record (quoted fields may hold newlines), errors must
// name the line where a record went wrong, and real feeds carry a UTF-8 BOM, CRLF line
// ends, a DOS 0x1A end-of-file byte (OFAC) and blanks after closing quotes; none of the
// Debian-packaged parsers reports positions.
//
// Thread-safety: one reader per thread; the buffer must outlive the reader.
#ifndef INTERDICT_CORE_CSV_H_
#define INTERDICT_CORE_CSV_H_

#include <cstdint>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace interdict {

struct CsvRecord {
  std::vector<std::string> fields;
  int64_t line = 0;      // 1-based physical line where the record starts
  int64_t end_line = 0;  // physical line where it ends (differs when quoted newlines)
  std::string_view raw;  // the record's bytes, without the line terminator
  std::string error;     // non-empty when the record is malformed (still returned)
  size_t error_field = SIZE_MAX;  // 0-based field the error is in, SIZE_MAX if none
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view data, char delimiter = ',');
  // The reader keeps a view: a temporary string would dangle.
  explicit CsvReader(std::string&& data, char delimiter = ',') = delete;
  // Reads the next non-empty record. Returns false at end of input.
  bool Next(CsvRecord* rec);
  int64_t line() const { return line_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  char delim_;
};

// Escapes one field for CSV output (quotes when it holds , " CR LF or leading/trailing blanks).
std::string CsvEscape(std::string_view field);
// Joins fields into one CSV line (no terminator).
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace interdict

#endif  // INTERDICT_CORE_CSV_H_
