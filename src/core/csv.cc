#include "core/csv.h"

namespace interdict {

CsvReader::CsvReader(std::string_view data, char delimiter) : data_(data), delim_(delimiter) {
  if (data_.size() >= 3 && static_cast<unsigned char>(data_[0]) == 0xEF &&
      static_cast<unsigned char>(data_[1]) == 0xBB && static_cast<unsigned char>(data_[2]) == 0xBF) {
    pos_ = 3;
  }
  // DOS end-of-file marker: everything from a 0x1A that ends the data is ignored.
  while (!data_.empty() && (data_.back() == '\x1a')) data_.remove_suffix(1);
}

bool CsvReader::Next(CsvRecord* rec) {
  rec->fields.clear();
  rec->error.clear();
  rec->error_field = SIZE_MAX;
  for (;;) {
    if (pos_ >= data_.size()) return false;
    // Skip blank lines (CRLF or LF) between records.
    char c = data_[pos_];
    if (c == '\n') {
      ++pos_;
      ++line_;
      continue;
    }
    if (c == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n') {
      pos_ += 2;
      ++line_;
      continue;
    }
    if (c == '\x1a') {  // embedded EOF marker
      pos_ = data_.size();
      return false;
    }
    break;
  }
  rec->line = line_;
  size_t start = pos_;
  std::string field;
  bool in_quotes = false;
  bool was_quoted = false;
  bool after_quote = false;  // closed a quoted field, only blanks may follow
  size_t n = data_.size();
  while (pos_ < n) {
    char c = data_[pos_];
    if (in_quotes) {
      // Copy the run up to the next quote or newline at once (per-byte push_back dominated
      // ingest profiles).
      size_t run = pos_;
      while (run < n && data_[run] != '"' && data_[run] != '\n') ++run;
      field.append(data_.data() + pos_, run - pos_);
      pos_ = run;
      if (pos_ >= n) break;
      c = data_[pos_];
      if (c == '"') {
        if (pos_ + 1 < n && data_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
          continue;
        }
        in_quotes = false;
        after_quote = true;
        ++pos_;
        continue;
      }
      ++line_;  // newline inside quotes
      field.push_back(c);
      ++pos_;
      continue;
    }
    if (c == delim_) {
      rec->fields.push_back(std::move(field));
      field.clear();
      was_quoted = after_quote = false;
      ++pos_;
      continue;
    }
    if (c == '\n' || (c == '\r' && pos_ + 1 < n && data_[pos_ + 1] == '\n') ||
        (c == '\r' && pos_ + 1 == n)) {
      break;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      in_quotes = was_quoted = true;
      ++pos_;
      continue;
    }
    if (after_quote) {
      if (c == ' ' || c == '\t') {
        ++pos_;
        continue;
      }
      if (rec->error.empty()) {
        rec->error = "unexpected character after closing quote in field " +
                     std::to_string(rec->fields.size() + 1);
        rec->error_field = rec->fields.size();
      }
      after_quote = false;
    }
    // Unquoted run: up to the next delimiter, quote, CR or LF.
    size_t run = pos_ + 1;
    while (run < n) {
      char d = data_[run];
      if (d == delim_ || d == '\n' || d == '\r' || d == '"') break;
      ++run;
    }
    field.append(data_.data() + pos_, run - pos_);
    pos_ = run;
  }
  if (in_quotes && rec->error.empty()) {
    rec->error_field = rec->fields.size();
    rec->error = "unterminated quoted field " + std::to_string(rec->fields.size() + 1) +
                 " (record starts on line " + std::to_string(rec->line) + ")";
  }
  rec->fields.push_back(std::move(field));
  rec->end_line = line_;
  size_t end = pos_;
  rec->raw = data_.substr(start, end - start);
  // Consume the terminator.
  if (pos_ < n && data_[pos_] == '\r') ++pos_;
  if (pos_ < n && data_[pos_] == '\n') {
    ++pos_;
    ++line_;
  }
  return true;
}

std::string CsvEscape(std::string_view f) {
  bool quote = f.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!f.empty() && (f.front() == ' ' || f.back() == ' '));
  if (!quote) return std::string(f);
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    out += CsvEscape(fields[i]);
  }
  return out;
}

}  // namespace interdict
