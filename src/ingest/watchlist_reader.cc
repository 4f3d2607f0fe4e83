// Reader for the simple watchlist CSV ("watchlist-csv", docs/formats/inputs.md §5):
//   id,name,aliases,schema,country,birth_date,imo,mmsi,program,authority,listed_on
// for lists that are neither OFAC's nor FtM: a national list, a bank's internal list.
//
// The header row is required; `id` and `name` must be in it, the other columns may be
// missing, appear in any order and are matched case-insensitively. Unknown columns are kept
// as extra properties under their own name (as in the canonical CSVs). Every row becomes one
// entity whose id is the `id` column as given; a row with any invalid value is quarantined
// whole, naming the first bad column.
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"
#include "ingest/readers.h"

namespace interdict {
namespace {

enum class Col {
  kId,
  kName,
  kAliases,
  kSchema,
  kCountry,
  kBirthDate,
  kImo,
  kMmsi,
  kProgram,
  kAuthority,
  kListedOn,
  kExtra,  // not a watchlist column; kept under its own name
};

struct ColumnDef {
  std::string_view name;
  Col col;
  const char* prop;  // FtM property the value goes to
};

constexpr ColumnDef kColumns[] = {
    {"id", Col::kId, nullptr},
    {"name", Col::kName, "name"},
    {"aliases", Col::kAliases, "alias"},
    {"schema", Col::kSchema, nullptr},
    {"country", Col::kCountry, "country"},
    {"birth_date", Col::kBirthDate, "birthDate"},
    {"imo", Col::kImo, "imoNumber"},
    {"mmsi", Col::kMmsi, "mmsi"},
    {"program", Col::kProgram, "program"},
    {"authority", Col::kAuthority, "authority"},
    {"listed_on", Col::kListedOn, "startDate"},
};

struct Binding {
  Col col = Col::kExtra;
  std::string name;  // header name (canonical spelling for known columns)
  PropId prop = 0;
};


bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// A birth date may be partial, as sanctions lists often know only the year or month:
// YYYY, YYYY-MM or a full YYYY-MM-DD. Returns "" when valid, else the reason.
std::string ValidatePartialDate(std::string_view d) {
  if (d.size() == 4 && AllDigits(d)) return "";
  if (d.size() == 7 && d[4] == '-' && AllDigits(d.substr(0, 4)) && AllDigits(d.substr(5))) {
    int m = (d[5] - '0') * 10 + (d[6] - '0');
    if (m >= 1 && m <= 12) return "";
    return "not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)";
  }
  if (ParseDateDays(d)) return "";
  return "not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)";
}


class WatchlistRead {
 public:
  WatchlistRead(std::string display, const ReadContext& ctx, RecordSink* sink)
      : display_(std::move(display)), ctx_(ctx), sink_(sink) {}

  Result<int64_t> Run(std::string_view data) {
    CsvReader csv(data);
    CsvRecord rec;
    if (!csv.Next(&rec)) {
      return Status::Corruption(display_ + ": empty file; a header row is required (id, name, " +
                                "aliases, schema, country, birth_date, imo, mmsi, program, " +
                                "authority, listed_on)");
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
  Status BindHeader(const CsvRecord& rec) {
    std::string where = display_ + ":" + std::to_string(rec.line) + ": header: ";
    if (!rec.error.empty()) return Status::Corruption(where + rec.error);
    if (!IsValidUtf8(rec.raw)) return Status::Corruption(where + "invalid UTF-8");
    cols_.resize(rec.fields.size());
    std::vector<bool> seen(std::size(kColumns), false);
    for (size_t i = 0; i < rec.fields.size(); ++i) {
      std::string name = AsciiLower(Trim(rec.fields[i]));
      Binding& b = cols_[i];
      b.name = name.empty() ? "column_" + std::to_string(i + 1) : std::string(Trim(rec.fields[i]));
      for (size_t k = 0; k < std::size(kColumns); ++k) {
        if (name != kColumns[k].name) continue;
        if (seen[k]) {
          return Status::Corruption(where + "column '" + std::string(kColumns[k].name) +
                                    "' appears twice");
        }
        seen[k] = true;
        b.col = kColumns[k].col;
        b.name = std::string(kColumns[k].name);
        if (kColumns[k].prop) b.prop = InternProp(kColumns[k].prop);
        if (b.col == Col::kId) id_col_ = i;
        break;
      }
      if (b.col == Col::kExtra) b.prop = InternProp(b.name);
    }
    for (size_t k = 0; k < 2; ++k) {  // id, name
      if (!seen[k]) {
        return Status::Corruption(where + "missing required column '" +
                                  std::string(kColumns[k].name) + "' (required columns: id, name)");
      }
    }
    return Status::Ok();
  }

  Status Quarantine(const CsvRecord& rec, std::string_view id, std::string field,
                    std::string reason) {
    std::string rid = IsValidUtf8(id) ? std::string(id) : std::string();
    return sink_->Quarantine(
        MakeQuarantine(display_, rec, std::move(rid), std::move(field), std::move(reason)));
  }

  Status Row(const CsvRecord& rec) {
    std::string_view id = id_col_ < rec.fields.size() ? Trim(rec.fields[id_col_]) : "";
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
    // The schema decides the entity type, so find it first; its errors are still reported
    // in column order with the others below.
    const Schema* schema = Schema::Get("LegalEntity");
    std::string schema_error;
    for (size_t i = 0; i < cols_.size(); ++i) {
      if (cols_[i].col != Col::kSchema) continue;
      std::string_view v = Trim(rec.fields[i]);
      if (v.empty()) break;
      const Schema* s = Schema::Get(v);
      if (!s) {
        schema_error = "unknown schema " + QuoteForMessage(v);
      } else if (s->is_edge()) {
        schema_error = "schema " + QuoteForMessage(v) + " is a link, not a listed party";
      } else {
        schema = s;
      }
    }

    Entity e(std::string(id), schema);
    uint32_t ref = e.AddReferent(
        MakeProvenance(display_, std::string(id), rec.line, ctx_.ingest_time, rec.raw));
    std::string buf;
    for (size_t i = 0; i < cols_.size(); ++i) {
      const Binding& b = cols_[i];
      std::string_view v = Trim(rec.fields[i]);
      switch (b.col) {
        case Col::kId:
          if (v.empty()) return Quarantine(rec, id, b.name, "required value is empty");
          break;
        case Col::kName:
          if (v.empty()) return Quarantine(rec, id, b.name, "required value is empty");
          e.Add(b.prop, v, ref);
          break;
        case Col::kSchema:
          if (!schema_error.empty()) return Quarantine(rec, id, b.name, schema_error);
          break;
        case Col::kCountry:
          for (const auto& item : Split(v, ';')) {
            buf = AsciiUpper(item);
            if (!IsCountryCode(buf)) {
              return Quarantine(rec, id, b.name,
                                "not an ISO 3166-1 alpha-2 country code: " + QuoteForMessage(item));
            }
            e.Add(b.prop, buf, ref);
          }
          break;
        case Col::kBirthDate:
          for (const auto& item : Split(v, ';')) {
            std::string why = ValidatePartialDate(item);
            if (!why.empty()) return Quarantine(rec, id, b.name, why + ": " + QuoteForMessage(item));
            e.Add(b.prop, item, ref);
          }
          break;
        case Col::kListedOn:
          if (v.empty()) break;
          if (!ParseDateDays(v)) {
            return Quarantine(rec, id, b.name, "not a valid date (YYYY-MM-DD): " + QuoteForMessage(v));
          }
          e.Add(b.prop, v, ref);
          break;
        case Col::kImo:
          for (const auto& item : Split(v, ';')) {
            std::string why = ValidateImo(item);
            if (!why.empty()) return Quarantine(rec, id, b.name, why + ": " + QuoteForMessage(item));
            e.Add(b.prop, NormalizeImo(item), ref);
          }
          break;
        case Col::kMmsi:
          for (const auto& item : Split(v, ';')) {
            std::string why = ValidateMmsi(item);
            if (!why.empty()) return Quarantine(rec, id, b.name, why + ": " + QuoteForMessage(item));
            e.Add(b.prop, item, ref);
          }
          break;
        case Col::kAliases:
        case Col::kProgram:
          for (const auto& item : Split(v, ';')) e.Add(b.prop, item, ref);
          break;
        case Col::kAuthority:
        case Col::kExtra:
          e.Add(b.prop, v, ref);
          break;
      }
    }
    auto [it, inserted] = seen_ids_.emplace(std::string(id), rec.line);
    if (!inserted) {
      return Quarantine(
          rec, id, "id",
          "duplicate id " + QuoteForMessage(id) + " (first on line " + std::to_string(it->second) + ")");
    }
    e.Add("topics", "sanction", ref);
    return sink_->Record(std::move(e), 1);
  }

  std::string display_;
  const ReadContext& ctx_;
  RecordSink* sink_;
  std::vector<Binding> cols_;
  size_t id_col_ = 0;
  std::unordered_map<std::string, int64_t> seen_ids_;  // id -> line of the stored record
};

class WatchlistReader : public Reader {
 public:
  std::string name() const override { return "watchlist-csv"; }
  Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx, RecordSink* sink) override {
    if (unit.paths.empty())
      return Status::InvalidArgument("watchlist-csv: input unit has no files");
    std::string display = !ctx.display_names.empty() && !ctx.display_names[0].empty()
                              ? ctx.display_names[0]
                              : unit.display;
    if (display.empty()) display = unit.paths[0];
    try {
      auto file = MappedFile::Open(unit.paths[0]);
      if (!file.ok()) {
        Status st = file.status();
        return st.Annotate(display);
      }
      return WatchlistRead(display, ctx, sink).Run((*file)->data());
    } catch (const std::exception& ex) {
      return Status::Internal(display + ": watchlist-csv reader failed: " + ex.what());
    }
  }
};

}  // namespace

std::unique_ptr<Reader> NewWatchlistReader() { return std::make_unique<WatchlistReader>(); }

}  // namespace interdict
