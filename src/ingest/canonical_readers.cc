// Readers for interdict's canonical CSV files: declarations.csv, payments.csv,
// licenses.csv and ports.csv (DESIGN.md §3, docs/formats/inputs.md).
//
// The four share one table-driven implementation: a TableSpec lists the canonical columns
// with their kind (text, date, number, country, HS code, UN/LOCODE, IMO, MMSI, enum, or a
// `;`-separated list of one of those) and whether a value is required. The header row is
// matched against the spec case-insensitively; unknown columns become extra properties
// under their own name. Every data row becomes one Entity whose properties are the
// canonical column names with normalised values, or is quarantined whole naming the
// first offending column.
//
// Speed: this path is benchmarked at 1 M declaration rows. Property ids are interned once
// per column, values are validated in place (string_views into the parsed fields, one
// reused buffer for normalised forms), and duplicate ids are found with a flat hash table
// of (hash, offset, line) rather than a set of strings; a hash hit is confirmed by
// re-parsing the earlier record, so a collision can never quarantine a good row.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"
#include "ingest/readers.h"

namespace interdict {
namespace {

enum class Kind : uint8_t {
  kText,       // kept as written (trimmed)
  kDate,       // YYYY-MM-DD (optionally with a THH:MM[:SS][Z] time)
  kNumber,     // finite decimal, not negative; kept as written
  kLatitude,   // finite decimal within [-90, 90]
  kLongitude,  // finite decimal within [-180, 180]
  kCountry,    // ISO 3166-1 alpha-2, upper-cased
  kHs,         // HS code, 6..10 digits; stored digits only with leading zeros kept
  kLocode,     // UN/LOCODE; stored upper-case without blanks
  kImo,        // IMO number with a valid check digit; stored as the 7 digits
  kMmsi,       // 9 digits
  kEnum,       // one of `values` (case-insensitive); stored in the spec's spelling
};

struct ColumnSpec {
  const char* name;
  bool required;  // the column must be in the header and non-empty in every row
  Kind kind;
  bool list = false;        // `;`-separated list of values of `kind`
  const char* values = "";  // kEnum: allowed values, `|`-separated
};

struct TableSpec {
  const char* reader_name;  // "declarations-csv"
  const char* schema;       // "Declaration"
  const char* id_column;    // its value is the entity id and the record id
  std::vector<ColumnSpec> columns;
};

constexpr bool kReq = true;
constexpr bool kOpt = false;
constexpr bool kList = true;

const TableSpec& DeclarationsSpec() {
  static const TableSpec* spec = new TableSpec{
      "declarations-csv",
      "Declaration",
      "declaration_id",
      {
          {"declaration_id", kReq, Kind::kText},
          {"declaration_date", kReq, Kind::kDate},
          {"direction", kOpt, Kind::kEnum, false, "import|export|transit"},
          {"office", kOpt, Kind::kText},
          {"declarant", kOpt, Kind::kText},
          {"exporter", kOpt, Kind::kText},
          {"exporter_country", kOpt, Kind::kCountry},
          {"exporter_address", kOpt, Kind::kText},
          {"importer", kOpt, Kind::kText},
          {"importer_country", kOpt, Kind::kCountry},
          {"importer_address", kOpt, Kind::kText},
          {"consignee", kOpt, Kind::kText},
          {"consignee_country", kOpt, Kind::kCountry},
          {"notify_party", kOpt, Kind::kText},
          {"end_user", kOpt, Kind::kText},
          {"end_user_country", kOpt, Kind::kCountry},
          {"hs_code", kReq, Kind::kHs},
          {"goods_description", kOpt, Kind::kText},
          {"quantity", kOpt, Kind::kNumber},
          {"quantity_unit", kOpt, Kind::kText},
          {"gross_weight_kg", kOpt, Kind::kNumber},
          {"net_weight_kg", kOpt, Kind::kNumber},
          {"invoice_value", kOpt, Kind::kNumber},
          {"currency", kOpt, Kind::kText},
          {"origin_country", kOpt, Kind::kCountry},
          {"departure_country", kOpt, Kind::kCountry},
          {"destination_country", kOpt, Kind::kCountry},
          {"port_of_loading", kOpt, Kind::kLocode},
          {"port_of_discharge", kOpt, Kind::kLocode},
          {"transshipment_ports", kOpt, Kind::kLocode, kList},
          {"vessel_imo", kOpt, Kind::kImo},
          // Not in DESIGN.md's column list: an optional extension, validated when present.
          {"vessel_mmsi", kOpt, Kind::kMmsi},
          {"vessel_name", kOpt, Kind::kText},
          {"voyage", kOpt, Kind::kText},
          {"bill_of_lading", kOpt, Kind::kText},
          {"container_ids", kOpt, Kind::kText, kList},
          {"invoice_number", kOpt, Kind::kText},
          {"license_number", kOpt, Kind::kText},
          {"departure_date", kOpt, Kind::kDate},
          {"arrival_date", kOpt, Kind::kDate},
      }};
  return *spec;
}

const TableSpec& PaymentsSpec() {
  static const TableSpec* spec = new TableSpec{
      "payments-csv",
      "Payment",
      "payment_id",
      {
          {"payment_id", kReq, Kind::kText},
          {"value_date", kReq, Kind::kDate},
          {"payer", kOpt, Kind::kText},
          {"payer_account", kOpt, Kind::kText},
          {"payer_bank_bic", kOpt, Kind::kText},
          {"payer_country", kOpt, Kind::kCountry},
          {"payee", kOpt, Kind::kText},
          {"payee_account", kOpt, Kind::kText},
          {"payee_bank_bic", kOpt, Kind::kText},
          {"payee_country", kOpt, Kind::kCountry},
          {"amount", kReq, Kind::kNumber},
          {"currency", kOpt, Kind::kText},
          {"reference", kOpt, Kind::kText},
          {"instrument", kOpt, Kind::kEnum, false, "wire|letter_of_credit|cash|card|crypto|other"},
      }};
  return *spec;
}

const TableSpec& LicensesSpec() {
  static const TableSpec* spec =
      new TableSpec{"licenses-csv",
                    "License",
                    "license_number",
                    {
                        {"license_number", kReq, Kind::kText},
                        {"holder", kOpt, Kind::kText},
                        {"issuing_country", kOpt, Kind::kCountry},
                        {"hs_codes", kOpt, Kind::kHs, kList},
                        {"destination_country", kOpt, Kind::kCountry},
                        {"end_user", kOpt, Kind::kText},
                        {"max_quantity", kOpt, Kind::kNumber},
                        {"quantity_unit", kOpt, Kind::kText},
                        {"max_value", kOpt, Kind::kNumber},
                        {"currency", kOpt, Kind::kText},
                        {"valid_from", kOpt, Kind::kDate},
                        {"valid_to", kOpt, Kind::kDate},
                        {"status", kOpt, Kind::kEnum, false, "active|suspended|revoked|expired"},
                    }};
  return *spec;
}

const TableSpec& PortsSpec() {
  static const TableSpec* spec = new TableSpec{"ports-csv",
                                               "Port",
                                               "locode",
                                               {
                                                   {"locode", kReq, Kind::kLocode},
                                                   {"name", kReq, Kind::kText},
                                                   {"country", kOpt, Kind::kCountry},
                                                   {"lat", kReq, Kind::kLatitude},
                                                   {"lon", kReq, Kind::kLongitude},
                                                   {"radius_km", kOpt, Kind::kNumber},
                                               }};
  return *spec;
}


bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// Validates one (trimmed, non-empty) value of `col` and sets `*out` to its normalised form,
// which may point into `buf`. Returns "" or the reason it is invalid.
std::string CheckValue(const ColumnSpec& col, std::string_view v, std::string_view* out,
                       std::string* buf) {
  *out = v;
  switch (col.kind) {
    case Kind::kText:
      return "";
    case Kind::kDate:
      return ValidateDate(v);
    case Kind::kNumber:
      return ValidateNumber(v, /*allow_negative=*/false);
    case Kind::kLatitude:
    case Kind::kLongitude: {
      auto x = ParseNumber(v);
      if (!x) return "not a number";
      double limit = col.kind == Kind::kLatitude ? 90 : 180;
      if (*x < -limit || *x > limit) {
        return col.kind == Kind::kLatitude ? "latitude outside -90..90"
                                           : "longitude outside -180..180";
      }
      return "";
    }
    case Kind::kCountry: {
      buf->assign(v);
      for (char& c : *buf)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      *out = *buf;
      return ValidateCountry(*buf);
    }
    case Kind::kHs: {
      std::string reason = ValidateHsCode(v);
      if (!reason.empty()) return reason;
      *buf = NormalizeHsCode(v);
      *out = *buf;
      return "";
    }
    case Kind::kLocode: {
      std::string reason = ValidateLocode(v);
      if (!reason.empty()) return reason;
      *buf = NormalizeLocode(v);
      *out = *buf;
      return "";
    }
    case Kind::kImo: {
      std::string reason = ValidateImo(v);
      if (!reason.empty()) return reason;
      *buf = NormalizeImo(v);
      *out = *buf;
      return "";
    }
    case Kind::kMmsi:
      return ValidateMmsi(v);
    case Kind::kEnum: {
      std::string_view allowed = col.values;
      size_t start = 0;
      while (start <= allowed.size()) {
        size_t end = allowed.find('|', start);
        if (end == std::string_view::npos) end = allowed.size();
        std::string_view option = allowed.substr(start, end - start);
        if (EqualsIgnoreCase(option, v)) {
          *out = option;
          return "";
        }
        start = end + 1;
      }
      return "must be one of " + std::string(allowed);
    }
  }
  return "unknown column kind";
}


// Ids already stored from this file: open addressing over (hash, offset, line). The id's
// text is not kept; a hash hit is confirmed by the caller re-reading the earlier record.
class IdTable {
 public:
  struct Slot {
    uint64_t hash = 0;
    uint64_t offset = 0;  // byte offset of the record in the file
    int64_t line = 0;     // 0 = empty slot
  };
  // Calls `same(slot)` for each earlier record with this hash; returns the first slot for
  // which it is true, or nullptr.
  template <typename Same>
  const Slot* Find(uint64_t hash, Same same) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.line == 0) return nullptr;
      if (s.hash == hash && same(s)) return &s;
    }
  }
  void Insert(uint64_t hash, uint64_t offset, int64_t line) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t i = hash & mask_;
    while (slots_[i].line != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{hash, offset, line};
    ++size_;
  }

 private:
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.line == 0) continue;
      size_t i = s.hash & mask_;
      while (slots_[i].line != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

class CanonicalCsvReader : public Reader {
 public:
  explicit CanonicalCsvReader(const TableSpec& spec) : spec_(spec) {}
  std::string name() const override { return spec_.reader_name; }
  Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx, RecordSink* sink) override;

 private:
  const TableSpec& spec_;
};

// One column of the file being read, as bound from its header.
struct Binding {
  const ColumnSpec* spec = nullptr;  // nullptr: an extra column, kept as text
  std::string name;                  // canonical name, or the extra column's own name
  PropId prop = 0;
};

// The state of one Read() call.
class TableRead {
 public:
  TableRead(const TableSpec& spec, std::string display, std::string_view data,
            const ReadContext& ctx, RecordSink* sink)
      : spec_(spec),
        schema_(Schema::Get(spec.schema)),
        display_(std::move(display)),
        data_(data),
        ctx_(ctx),
        sink_(sink) {}

  Result<int64_t> Run() {
    CsvReader csv(data_);
    CsvRecord rec;
    if (!csv.Next(&rec)) {
      return Status::Corruption(display_ + ": empty file; a header row is required (" +
                                RequiredColumns() + ")");
    }
    RETURN_IF_ERROR(BindHeader(rec));
    int64_t rows = 0;
    while (csv.Next(&rec)) {
      ++rows;
      RETURN_IF_ERROR(Row(rec));
    }
    return rows;
  }

 private:
  std::string RequiredColumns() const {
    std::string s = "required columns: ";
    bool first = true;
    for (const auto& c : spec_.columns) {
      if (!c.required) continue;
      if (!first) s += ", ";
      s += c.name;
      first = false;
    }
    return s;
  }

  Status BindHeader(const CsvRecord& rec) {
    std::string where = display_ + ":" + std::to_string(rec.line) + ": header: ";
    if (!rec.error.empty()) return Status::Corruption(where + rec.error);
    if (!IsValidUtf8(rec.raw)) return Status::Corruption(where + "invalid UTF-8");
    cols_.resize(rec.fields.size());
    std::vector<bool> bound(spec_.columns.size(), false);
    for (size_t i = 0; i < rec.fields.size(); ++i) {
      std::string_view name = Trim(rec.fields[i]);
      Binding& b = cols_[i];
      for (size_t k = 0; k < spec_.columns.size(); ++k) {
        if (!EqualsIgnoreCase(name, spec_.columns[k].name)) continue;
        if (bound[k]) {
          return Status::Corruption(where + "column '" + spec_.columns[k].name + "' appears twice");
        }
        bound[k] = true;
        b.spec = &spec_.columns[k];
        break;
      }
      if (b.spec) {
        b.name = b.spec->name;
        if (b.name == spec_.id_column) id_col_ = i;
      } else {
        b.name = name.empty() ? "column_" + std::to_string(i + 1) : std::string(name);
      }
      b.prop = InternProp(b.name);
    }
    for (size_t k = 0; k < spec_.columns.size(); ++k) {
      if (spec_.columns[k].required && !bound[k]) {
        return Status::Corruption(where + "missing required column '" + spec_.columns[k].name +
                                  "' (" + RequiredColumns() + ")");
      }
    }
    return Status::Ok();
  }

  // The normalised id of a record (may point into `buf`), or "" if it has none.
  std::string_view IdOf(const CsvRecord& rec, std::string* buf) const {
    if (id_col_ >= rec.fields.size()) return {};
    std::string_view v = Trim(rec.fields[id_col_]);
    if (cols_[id_col_].spec->kind == Kind::kLocode) {
      *buf = NormalizeLocode(v);
      return *buf;
    }
    return v;
  }

  Status Quarantine(const CsvRecord& rec, std::string_view id, std::string field,
                    std::string reason) {
    // An id that is not valid UTF-8 is not worth storing as a record id.
    std::string rid = IsValidUtf8(id) ? std::string(id) : std::string();
    return sink_->Quarantine(
        MakeQuarantine(display_, rec, std::move(rid), std::move(field), std::move(reason)));
  }

  Status Row(const CsvRecord& rec) {
    std::string_view id = IdOf(rec, &id_buf_);
    if (!rec.error.empty()) {
      size_t c = rec.error_field;
      return Quarantine(rec, id, c < cols_.size() ? cols_[c].name : "", rec.error);
    }
    if (rec.fields.size() != cols_.size()) {
      return Quarantine(rec, id, "",
                        "expected " + std::to_string(cols_.size()) +
                            " fields (as in the header), found " +
                            std::to_string(rec.fields.size()));
    }
    if (!IsValidUtf8(rec.raw)) {
      for (size_t i = 0; i < cols_.size(); ++i) {
        if (!IsValidUtf8(rec.fields[i])) return Quarantine(rec, id, cols_[i].name, "invalid UTF-8");
      }
      return Quarantine(rec, id, "", "invalid UTF-8");
    }

    Entity e(std::string(id), schema_);
    for (size_t i = 0; i < cols_.size(); ++i) {
      const Binding& b = cols_[i];
      std::string_view v = Trim(rec.fields[i]);
      if (!b.spec) {
        e.Add(b.prop, v);
        continue;
      }
      const ColumnSpec& col = *b.spec;
      if (!col.list) {
        if (v.empty()) {
          if (col.required) return Quarantine(rec, id, b.name, "required value is empty");
          continue;
        }
        std::string_view out;
        std::string reason = CheckValue(col, v, &out, &buf_);
        if (!reason.empty()) {
          return Quarantine(rec, id, b.name, QuoteForMessage(v) + ": " + reason);
        }
        e.Add(b.prop, out);
        continue;
      }
      bool any = false;
      size_t start = 0;
      while (start <= v.size()) {
        size_t end = v.find(';', start);
        if (end == std::string_view::npos) end = v.size();
        std::string_view item = Trim(v.substr(start, end - start));
        start = end + 1;
        if (item.empty()) continue;
        std::string_view out;
        std::string reason = CheckValue(col, item, &out, &buf_);
        if (!reason.empty()) {
          return Quarantine(rec, id, b.name, "item " + QuoteForMessage(item) + ": " + reason);
        }
        e.Add(b.prop, out);
        any = true;
      }
      if (!any && col.required) return Quarantine(rec, id, b.name, "required value is empty");
    }

    // Duplicate id: an earlier record of this file with the same id was stored.
    uint64_t offset = static_cast<uint64_t>(rec.raw.data() - data_.data());
    uint64_t hash = std::hash<std::string_view>{}(id);
    const IdTable::Slot* first = ids_.Find(hash, [&](const IdTable::Slot& s) {
      CsvReader again(data_.substr(s.offset));
      CsvRecord earlier;
      return again.Next(&earlier) && IdOf(earlier, &id_buf2_) == id;
    });
    if (first) {
      return Quarantine(rec, id, spec_.id_column,
                        "duplicate " + std::string(spec_.id_column) + " " + QuoteForMessage(id) +
                            " (first on line " + std::to_string(first->line) + ")");
    }
    ids_.Insert(hash, offset, rec.line);

    e.AddReferent(MakeProvenance(display_, std::string(id), rec.line, ctx_.ingest_time, rec.raw));
    return sink_->Record(std::move(e));
  }

  const TableSpec& spec_;
  const Schema* schema_;
  std::string display_;
  std::string_view data_;
  const ReadContext& ctx_;
  RecordSink* sink_;
  std::vector<Binding> cols_;
  size_t id_col_ = SIZE_MAX;
  IdTable ids_;
  std::string buf_, id_buf_, id_buf2_;  // reused for normalised values
};

Result<int64_t> CanonicalCsvReader::Read(const InputUnit& unit, const ReadContext& ctx,
                                         RecordSink* sink) {
  if (unit.paths.empty()) return Status::InvalidArgument(name() + ": input unit has no file");
  std::string display = !ctx.display_names.empty() ? ctx.display_names[0]
                        : !unit.display.empty()    ? unit.display
                                                   : unit.paths[0];
  ASSIGN_OR_RETURN(auto file, MappedFile::Open(unit.paths[0]));
  TableRead read(spec_, std::move(display), file->data(), ctx, sink);
  return read.Run();
}

}  // namespace

std::unique_ptr<Reader> NewDeclarationsReader() {
  return std::make_unique<CanonicalCsvReader>(DeclarationsSpec());
}
std::unique_ptr<Reader> NewPaymentsReader() {
  return std::make_unique<CanonicalCsvReader>(PaymentsSpec());
}
std::unique_ptr<Reader> NewLicensesReader() {
  return std::make_unique<CanonicalCsvReader>(LicensesSpec());
}
std::unique_ptr<Reader> NewPortsReader() {
  return std::make_unique<CanonicalCsvReader>(PortsSpec());
}

}  // namespace interdict
