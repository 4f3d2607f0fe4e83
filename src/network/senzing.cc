// Senzing CSV / JSONL readers (see senzing.h).
#include "network/senzing.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"

namespace interdict::network {
namespace {

// Senzing attribute names we read; a column or key is one of these with an optional
// "<PREFIX>_" in front (the prefix groups the parts of one name or address).
constexpr const char* kBases[] = {"NAME_FULL",
                                  "NAME_ORG",
                                  "NAME_LAST",
                                  "NAME_FIRST",
                                  "NAME_MIDDLE",
                                  "NAME_TYPE",
                                  "GENDER",
                                  "DATE_OF_BIRTH",
                                  "PASSPORT_NUMBER",
                                  "PASSPORT_COUNTRY",
                                  "DRIVERS_LICENSE_NUMBER",
                                  "DRIVERS_LICENSE_STATE",
                                  "SSN_NUMBER",
                                  "NATIONAL_ID_NUMBER",
                                  "NATIONAL_ID_TYPE",
                                  "NATIONAL_ID_COUNTRY",
                                  "TAX_ID_NUMBER",
                                  "TAX_ID_TYPE",
                                  "TAX_ID_COUNTRY",
                                  "LEI_NUMBER",
                                  "EMAIL_ADDRESS",
                                  "PHONE_NUMBER",
                                  "ADDR_FULL",
                                  "ADDR_LINE1",
                                  "ADDR_LINE2",
                                  "ADDR_LINE3",
                                  "ADDR_CITY",
                                  "ADDR_STATE",
                                  "ADDR_POSTAL_CODE",
                                  "ADDR_COUNTRY",
                                  "EMPLOYER",
                                  "RECORD_TYPE",
                                  "DATA_SOURCE",
                                  "RECORD_ID"};

// prefix -> base -> value
using Groups = std::map<std::string, std::map<std::string, std::string>>;

void AddAttribute(const std::string& key, std::string_view value, Groups* g) {
  std::string_view v = Trim(value);
  if (v.empty()) return;
  std::string k = AsciiUpper(Trim(key));
  const char* best = nullptr;
  size_t best_len = 0;
  for (const char* b : kBases) {
    std::string_view bv(b);
    if (bv.size() <= best_len || !EndsWith(k, bv)) continue;
    if (k.size() > bv.size() && k[k.size() - bv.size() - 1] != '_') continue;
    best = b;
    best_len = bv.size();
  }
  if (!best) return;
  std::string prefix = k.substr(0, k.size() - best_len);
  (*g)[prefix][best] = std::string(v);
}

std::string Get(const std::map<std::string, std::string>& m, const char* k) {
  auto it = m.find(k);
  return it == m.end() ? "" : it->second;
}

// Turns the attribute groups of one record (or one FEATURES element) into record fields.
void ApplyGroups(const Groups& groups, ErRecord* r) {
  for (const auto& [prefix, m] : groups) {
    if (auto v = Get(m, "DATA_SOURCE"); !v.empty() && prefix.empty()) r->source = v;
    if (auto v = Get(m, "RECORD_ID"); !v.empty() && prefix.empty()) r->record_id = v;
    if (auto v = AsciiUpper(Get(m, "RECORD_TYPE")); !v.empty()) {
      if (v == "PERSON") r->schema = "Person";
      if (v == "ORGANIZATION" || v == "ORGANISATION" || v == "COMPANY") r->schema = "Organization";
      if (v == "VESSEL") r->schema = "Vessel";
    }
    std::string type = AsciiUpper(Get(m, "NAME_TYPE"));
    bool alias = type == "AKA" || type == "FORMER" || prefix == "SECONDARY_" || prefix == "AKA_";
    auto& names = alias ? r->aliases : r->names;
    if (auto v = Get(m, "NAME_FULL"); !v.empty()) names.push_back(v);
    if (auto v = Get(m, "NAME_ORG"); !v.empty()) names.push_back(v);
    std::vector<std::string> parts;
    for (const char* k : {"NAME_FIRST", "NAME_MIDDLE", "NAME_LAST"})
      if (auto v = Get(m, k); !v.empty()) parts.push_back(v);
    if (!parts.empty()) names.push_back(Join(parts, " "));
    if (auto v = Get(m, "NAME_FIRST"); !v.empty() && !alias) r->given_names.push_back(v);
    if (auto v = Get(m, "GENDER"); !v.empty()) r->gender = v;
    if (auto v = Get(m, "DATE_OF_BIRTH"); !v.empty()) r->birth_dates.push_back(v);
    if (auto v = Get(m, "PASSPORT_NUMBER"); !v.empty())
      r->identifiers.push_back({"passport", v, Get(m, "PASSPORT_COUNTRY"), ""});
    if (auto v = Get(m, "DRIVERS_LICENSE_NUMBER"); !v.empty())
      r->identifiers.push_back({"drivers_license", v, Get(m, "DRIVERS_LICENSE_STATE"), ""});
    if (auto v = Get(m, "SSN_NUMBER"); !v.empty()) r->identifiers.push_back({"ssn", v, "US", ""});
    if (auto v = Get(m, "NATIONAL_ID_NUMBER"); !v.empty())
      r->identifiers.push_back(
          {"national_id", v, Get(m, "NATIONAL_ID_COUNTRY"), Get(m, "NATIONAL_ID_TYPE")});
    if (auto v = Get(m, "TAX_ID_NUMBER"); !v.empty())
      r->identifiers.push_back({"tax", v, Get(m, "TAX_ID_COUNTRY"), Get(m, "TAX_ID_TYPE")});
    if (auto v = Get(m, "LEI_NUMBER"); !v.empty()) r->identifiers.push_back({"lei", v, "", ""});
    if (auto v = Get(m, "EMAIL_ADDRESS"); !v.empty()) r->emails.push_back(v);
    if (auto v = Get(m, "PHONE_NUMBER"); !v.empty()) r->phones.push_back(v);
    if (auto v = Get(m, "EMPLOYER"); !v.empty()) r->employers.push_back(v);
    std::vector<std::string> addr;
    for (const char* k : {"ADDR_FULL", "ADDR_LINE1", "ADDR_LINE2", "ADDR_LINE3", "ADDR_CITY",
                          "ADDR_STATE", "ADDR_POSTAL_CODE", "ADDR_COUNTRY"})
      if (auto v = Get(m, k); !v.empty()) addr.push_back(v);
    if (!addr.empty()) r->addresses.push_back(Join(addr, ", "));
    if (auto v = Get(m, "ADDR_COUNTRY"); !v.empty()) r->countries.push_back(v);
  }
}

Status CheckRecord(const ErRecord& r, const std::string& name, int64_t line) {
  if (r.record_id.empty())
    return Status::Corruption(name + ":" + std::to_string(line) + ": no RECORD_ID");
  return Status::Ok();
}

std::string JsonScalar(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean()) return v.dump();
  return "";
}

std::string_view StripBom(std::string_view d) {
  if (d.size() >= 3 && d.substr(0, 3) == "\xEF\xBB\xBF") d.remove_prefix(3);
  return d;
}

}  // namespace

Result<std::vector<ErRecord>> ParseSenzingCsv(std::string_view data, const std::string& name,
                                              const std::string& default_source) {
  data = StripBom(data);
  CsvReader reader(data);
  CsvRecord rec;
  std::vector<ErRecord> out;
  if (!reader.Next(&rec)) return out;
  if (!rec.error.empty())
    return Status::Corruption(name + ":" + std::to_string(rec.line) + ": " + rec.error);
  std::vector<std::string> header = rec.fields;
  while (reader.Next(&rec)) {
    if (!rec.error.empty())
      return Status::Corruption(name + ":" + std::to_string(rec.line) + ": " + rec.error);
    Groups g;
    for (size_t i = 0; i < rec.fields.size() && i < header.size(); ++i)
      AddAttribute(header[i], rec.fields[i], &g);
    ErRecord r;
    r.source = default_source;
    r.file = name;
    r.line = rec.line;
    ApplyGroups(g, &r);
    RETURN_IF_ERROR(CheckRecord(r, name, rec.line));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<ErRecord>> ParseSenzingJsonl(std::string_view data, const std::string& name,
                                                const std::string& default_source) {
  using nlohmann::json;
  data = StripBom(data);
  std::vector<ErRecord> out;
  int64_t line_no = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = Trim(data.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    std::string where = name + ":" + std::to_string(line_no);
    if (!IsValidUtf8(line)) return Status::Corruption(where + ": invalid UTF-8");
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object())
      return Status::Corruption(where + ": not a JSON object");
    ErRecord r;
    r.source = default_source;
    r.file = name;
    r.line = line_no;
    Groups top;
    for (const auto& [k, v] : j.items()) {
      if (k == "FEATURES") continue;
      AddAttribute(k, JsonScalar(v), &top);
    }
    ApplyGroups(top, &r);
    if (auto f = j.find("FEATURES"); f != j.end()) {
      if (!f->is_array()) return Status::Corruption(where + ": FEATURES must be an array");
      for (const auto& feat : *f) {
        if (!feat.is_object())
          return Status::Corruption(where + ": a FEATURES item is not an object");
        Groups g;
        for (const auto& [k, v] : feat.items()) AddAttribute(k, JsonScalar(v), &g);
        ApplyGroups(g, &r);
      }
    }
    RETURN_IF_ERROR(CheckRecord(r, name, line_no));
    out.push_back(std::move(r));
  }
  return out;
}

bool LooksLikeSenzing(const std::string& path) {
  auto file = MappedFile::Open(path);  // mapped: only the first line is touched
  if (!file.ok()) return false;
  std::string_view d = StripBom((*file)->data());
  size_t nl = d.find('\n');
  std::string first(Trim(d.substr(0, nl == std::string_view::npos ? d.size() : nl)));
  if (first.empty()) return false;
  if (first[0] == '{') {
    return first.find("\"RECORD_ID\"") != std::string::npos &&
           (first.find("\"FEATURES\"") != std::string::npos ||
            first.find("\"DATA_SOURCE\"") != std::string::npos);
  }
  std::vector<std::string> cols = Split(AsciiUpper(first), ',');
  bool id = std::find(cols.begin(), cols.end(), "RECORD_ID") != cols.end();
  bool ds = std::find(cols.begin(), cols.end(), "DATA_SOURCE") != cols.end() ||
            std::find(cols.begin(), cols.end(), "RECORD_TYPE") != cols.end();
  return id && ds;
}

Result<std::vector<ErRecord>> ReadSenzingFile(const std::string& path,
                                              const std::string& default_source) {
  ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  std::string_view d = StripBom(file->data());
  size_t i = d.find_first_not_of(" \t\r\n");
  if (i != std::string_view::npos && d[i] == '{') return ParseSenzingJsonl(d, path, default_source);
  return ParseSenzingCsv(d, path, default_source);
}

}  // namespace interdict::network
