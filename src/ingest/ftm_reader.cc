// Reader for FollowTheMoney JSON lines (`*.ftm.json`, `*.ftm.jsonl`; docs/formats/inputs.md).
//
// One entity per line: {"id": .., "schema": .., "properties": {prop: [values]}}. Other
// top-level keys (caption, datasets, referents, first_seen, last_seen, last_change,
// target) are tolerated and ignored. Property values are kept verbatim as strings. A line
// that is not valid UTF-8 or JSON, lacks an id or schema, names a schema interdict does
// not know, carries a value that is not a string, or an imoNumber whose check digit is
// wrong is quarantined whole. Parsing never throws out of this file: nlohmann::json is
// called in its non-throwing mode, and the parser's message is recovered through a SAX
// pass on the error path only.
#include <exception>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"
#include "ingest/readers.h"

namespace interdict {
namespace {

using nlohmann::json;

// Records where a failed parse stopped: the parser's message and the key being read
// (a property name when inside "properties", else the top-level key).
class ErrorLocator : public nlohmann::json_sax<json> {
 public:
  std::string message;
  std::string field;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& k) override {
    if (!keys_.empty()) keys_.back() = k;
    return true;
  }
  bool end_object() override {
    if (!keys_.empty()) keys_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    message = ex.what();
    if (keys_.size() >= 2 && keys_[0] == "properties") {
      field = keys_[1];
    } else if (!keys_.empty()) {
      field = keys_[0];
    }
    return false;
  }

 private:
  std::vector<std::string> keys_;  // the current key of each open object
};

const char* TypeName(const json& v) { return v.type_name(); }


// "" if `values` is a string or an array of strings (and every imoNumber has a valid check
// digit), else the reason.
std::string CheckValues(const std::string& prop, const json& values) {
  auto check = [&](const json& v) -> std::string {
    if (!v.is_string()) return std::string("values must be strings, found ") + TypeName(v);
    if (prop == "imoNumber") {
      const std::string& s = v.get_ref<const std::string&>();
      std::string reason = ValidateImo(s);
      if (!reason.empty()) return QuoteForMessage(s) + ": " + reason;
    }
    return "";
  };
  if (values.is_string()) return check(values);
  if (!values.is_array()) {
    return std::string("values must be a string or an array of strings, found ") + TypeName(values);
  }
  for (const json& v : values) {
    std::string reason = check(v);
    if (!reason.empty()) return reason;
  }
  return "";
}

class FtmReader : public Reader {
 public:
  std::string name() const override { return "ftm-jsonl"; }
  Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx, RecordSink* sink) override;
};

struct LineRead {
  const std::string& display;
  const ReadContext& ctx;
  RecordSink* sink;
  std::string_view raw;
  int64_t line;

  Status Quarantine(std::string record_id, std::string field, std::string reason) const {
    QuarantineEntry q;
    q.file = display;
    q.line = line;
    q.record_id = std::move(record_id);
    q.field = std::move(field);
    q.reason = std::move(reason);
    q.raw = std::string(raw.substr(0, 4096));
    return sink->Quarantine(std::move(q));
  }

  Status Process() const {
    if (!IsValidUtf8(raw)) {
      ErrorLocator loc;
      json::sax_parse(raw, &loc, json::input_format_t::json, /*strict=*/true);
      return Quarantine("", loc.field, "invalid UTF-8");
    }
    json j = json::parse(raw, /*cb=*/nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      ErrorLocator loc;
      json::sax_parse(raw, &loc, json::input_format_t::json, /*strict=*/true);
      return Quarantine("", "", "invalid JSON: " + loc.message);
    }
    if (!j.is_object()) {
      return Quarantine("", "", std::string("expected a JSON object, found ") + TypeName(j));
    }
    auto id_it = j.find("id");
    if (id_it == j.end() || !id_it->is_string() || id_it->get_ref<const std::string&>().empty()) {
      return Quarantine("", "id", "missing or empty 'id' (must be a non-empty string)");
    }
    const std::string& id = id_it->get_ref<const std::string&>();
    auto schema_it = j.find("schema");
    if (schema_it == j.end() || !schema_it->is_string()) {
      return Quarantine(id, "schema", "missing 'schema' (must be a string)");
    }
    const std::string& schema_name = schema_it->get_ref<const std::string&>();
    const Schema* schema = Schema::Get(schema_name);
    if (!schema) return Quarantine(id, "schema", "unknown schema '" + schema_name + "'");

    // Validate everything first: a bad record is quarantined whole, never half-stored.
    auto props_it = j.find("properties");
    const bool has_props = props_it != j.end() && !props_it->is_null();
    if (has_props) {
      if (!props_it->is_object()) {
        return Quarantine(
            id, "properties",
            std::string("'properties' must be an object, found ") + TypeName(*props_it));
      }
      for (const auto& [prop, values] : props_it->items()) {
        std::string reason = CheckValues(prop, values);
        if (!reason.empty()) return Quarantine(id, prop, std::move(reason));
      }
    }
    Entity e(id, schema);
    if (has_props) {
      for (const auto& [prop, values] : props_it->items()) {
        PropId pid = InternProp(prop);
        if (values.is_string()) {
          e.Add(pid, values.get_ref<const std::string&>());
        } else {
          for (const json& v : values) e.Add(pid, v.get_ref<const std::string&>());
        }
      }
    }
    e.AddReferent(MakeProvenance(display, id, line, ctx.ingest_time, raw));
    return sink->Record(std::move(e));
  }
};

Result<int64_t> FtmReader::Read(const InputUnit& unit, const ReadContext& ctx, RecordSink* sink) {
  if (unit.paths.empty()) return Status::InvalidArgument("ftm-jsonl: input unit has no file");
  const std::string display = !ctx.display_names.empty() ? ctx.display_names[0]
                              : !unit.display.empty()    ? unit.display
                                                         : unit.paths[0];
  ASSIGN_OR_RETURN(auto file, MappedFile::Open(unit.paths[0]));
  std::string_view data = file->data();
  if (data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  int64_t rows = 0;
  int64_t line_no = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    // A DOS end-of-file byte and CR are line-ending debris, not content.
    while (!line.empty() && (line.back() == '\r' || line.back() == '\x1a')) line.remove_suffix(1);
    // Blank lines separate nothing and are not records.
    if (Trim(line).empty()) continue;
    ++rows;
    LineRead lr{display, ctx, sink, line, line_no};
    Status st;
    try {
      st = lr.Process();
    } catch (const std::exception& ex) {  // nothing here should throw; never let it escape
      st = lr.Quarantine("", "", std::string("cannot read record: ") + ex.what());
    }
    RETURN_IF_ERROR(st);
  }
  return rows;
}

}  // namespace

std::unique_ptr<Reader> NewFtmReader() { return std::make_unique<FtmReader>(); }

}  // namespace interdict
