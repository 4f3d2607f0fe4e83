// UN Security Council Consolidated List (XML, sc-sanctions.xsd) -> FtM-style entities.
//
// INDIVIDUAL -> Person, ENTITY -> Organization; id "un-<DATAID>"; name = FIRST..FOURTH
// names joined; aliases QUALITY Good/a.k.a. -> alias, Low -> weakAlias;
// NAME_ORIGINAL_SCRIPT -> alias (the original script is kept); dates of birth EXACT (DATE
// or YEAR), APPROXIMATELY (year +-1) and BETWEEN (every year FROM..TO, at most 25);
// documents -> passportNumber / idNumber; nationality and address countries -> ISO codes
// where known. A record without DATAID or without any name is quarantined.
#include <algorithm>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"
#include "ingest/readers.h"
#include "ingest/xml_list.h"
#include "interdict/screen.h"
#include "screen/readers.h"

namespace interdict::screen {
namespace {

std::string Text(const pugi::xml_node& n, const char* child) {
  return std::string(Trim(n.child(child).text().as_string()));
}

class UnXmlReader : public Reader {
 public:
  std::string name() const override { return "un-xml"; }

  Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx, RecordSink* sink) override {
    ASSIGN_OR_RETURN(auto x, XmlList::Open(unit, ctx, "un-xml", "CONSOLIDATED_LIST",
                                           "a UN consolidated list"));
    int64_t rows = 0;
    for (const char* group : {"INDIVIDUALS", "ENTITIES"}) {
      bool person = std::string_view(group) == "INDIVIDUALS";
      const char* tag = person ? "INDIVIDUAL" : "ENTITY";
      for (pugi::xml_node n : x->root().child(group).children(tag)) {
        ++rows;
        RETURN_IF_ERROR(
            ReadOne(n, person, x->display(), x->LineOf(n), x->Raw(n), ctx.ingest_time, sink));
      }
    }
    return rows;
  }

 private:
  static Status Quarantine(RecordSink* sink, const std::string& file, int64_t line, std::string id,
                           std::string field, std::string reason, std::string_view raw) {
    QuarantineEntry q;
    q.file = file;
    q.line = line;
    q.record_id = std::move(id);
    q.field = std::move(field);
    q.reason = std::move(reason);
    q.raw = std::string(raw.substr(0, 4096));
    return sink->Quarantine(std::move(q));
  }

  static Status ReadOne(const pugi::xml_node& n, bool person, const std::string& file, int64_t line,
                        std::string_view raw, int64_t ingest_time, RecordSink* sink) {
    std::string dataid = Text(n, "DATAID");
    if (dataid.empty()) return Quarantine(sink, file, line, "", "DATAID", "missing DATAID", raw);
    std::string id = "un-" + dataid;
    std::vector<std::string> parts;
    for (const char* f : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
      std::string v = Text(n, f);
      if (!v.empty()) parts.push_back(v);
    }
    std::string name = Join(parts, " ");
    std::string original = Text(n, "NAME_ORIGINAL_SCRIPT");
    if (name.empty() && original.empty())
      return Quarantine(sink, file, line, id, "FIRST_NAME", "no name", raw);
    if (name.empty()) name = original;

    Entity e(id, Schema::Get(person ? "Person" : "Organization"));
    uint32_t ref = e.AddReferent(MakeProvenance(file, dataid, line, ingest_time, raw));
    e.Add("name", name, ref);
    if (original != name) e.Add("alias", original, ref);
    e.Add("topics", "sanction", ref);
    e.Add("program", Text(n, "UN_LIST_TYPE"), ref);
    e.Add("unscId", Text(n, "REFERENCE_NUMBER"), ref);
    e.Add("createdAt", Text(n, "LISTED_ON"), ref);
    e.Add("notes", Text(n, "COMMENTS1"), ref);
    std::string gender = AsciiLower(Text(n, "GENDER"));
    if (gender == "male" || gender == "female") e.Add("gender", gender, ref);
    for (const char* group : {"TITLE", "DESIGNATION", "NATIONALITY"}) {
      for (pugi::xml_node v : n.child(group).children("VALUE")) {
        std::string s(Trim(v.text().as_string()));
        if (s.empty()) continue;
        if (std::string_view(group) == "NATIONALITY") {
          std::string cc = CountryCode(s);
          e.Add("nationality", cc.empty() ? s : AsciiLower(cc), ref);
        } else {
          e.Add(std::string_view(group) == "TITLE" ? "title" : "position", s, ref);
        }
      }
    }
    const char* alias_tag = person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS";
    for (pugi::xml_node a : n.children(alias_tag)) {
      std::string an = Text(a, "ALIAS_NAME");
      if (an.empty()) continue;
      std::string quality = AsciiLower(Text(a, "QUALITY"));
      e.Add(quality == "low" ? "weakAlias" : "alias", an, ref);
    }
    const char* addr_tag = person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS";
    for (pugi::xml_node a : n.children(addr_tag)) {
      std::vector<std::string> ap;
      for (const char* f : {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"}) {
        std::string v = Text(a, f);
        if (!v.empty()) ap.push_back(v);
      }
      if (!ap.empty()) e.Add("address", Join(ap, ", "), ref);
      std::string cc = CountryCode(Text(a, "COUNTRY"));
      if (!cc.empty()) e.Add("country", AsciiLower(cc), ref);
    }
    if (person) {
      for (pugi::xml_node d : n.children("INDIVIDUAL_DATE_OF_BIRTH")) {
        std::string type = AsciiUpper(Text(d, "TYPE_OF_DATE"));
        std::string date = Text(d, "DATE");
        std::string year = Text(d, "YEAR");
        if (!date.empty()) {
          if (!ValidateDate(date).empty())
            return Quarantine(sink, file, line, id, "DATE", "bad date of birth '" + date + "'",
                              raw);
          date = date.substr(0, 10);
        }
        auto year_ok = [](const std::string& y) {
          return y.size() == 4 && std::all_of(y.begin(), y.end(), ::isdigit);
        };
        if (!year.empty() && !year_ok(year))
          return Quarantine(sink, file, line, id, "YEAR", "bad year of birth '" + year + "'", raw);
        if (type == "BETWEEN") {
          std::string from = Text(d, "FROM_YEAR"), to = Text(d, "TO_YEAR");
          if (!year_ok(from) || !year_ok(to) || std::stoi(to) < std::stoi(from))
            return Quarantine(sink, file, line, id, "FROM_YEAR",
                              "bad BETWEEN range '" + from + "'..'" + to + "'", raw);
          int a = std::stoi(from), b = std::min(std::stoi(to), std::stoi(from) + 24);
          for (int y = a; y <= b; ++y) e.Add("birthDate", std::to_string(y), ref);
        } else if (type == "APPROXIMATELY") {
          std::string y = !year.empty() ? year : date.substr(0, 4);
          if (year_ok(y)) {
            int yy = std::stoi(y);
            if (!date.empty()) e.Add("birthDate", date, ref);
            for (int k = -1; k <= 1; ++k) e.Add("birthDate", std::to_string(yy + k), ref);
          }
        } else {
          if (!date.empty()) e.Add("birthDate", date, ref);
          if (!year.empty()) e.Add("birthDate", year, ref);
        }
      }
      for (pugi::xml_node p : n.children("INDIVIDUAL_PLACE_OF_BIRTH")) {
        std::vector<std::string> pp;
        for (const char* f : {"CITY", "STATE_PROVINCE", "COUNTRY"}) {
          std::string v = Text(p, f);
          if (!v.empty()) pp.push_back(v);
        }
        if (!pp.empty()) e.Add("birthPlace", Join(pp, ", "), ref);
      }
      for (pugi::xml_node d : n.children("INDIVIDUAL_DOCUMENT")) {
        std::string number = Text(d, "NUMBER");
        if (number.empty()) continue;
        std::string type = AsciiLower(Text(d, "TYPE_OF_DOCUMENT"));
        bool passport = type.find("passport") != std::string::npos ||
                        type.find("pasaporte") != std::string::npos ||
                        type.find("passeport") != std::string::npos;
        e.Add(passport ? "passportNumber" : "idNumber", number, ref);
      }
    }
    return sink->Record(std::move(e), 1);
  }
};

}  // namespace

std::unique_ptr<Reader> NewUnXmlReader() { return std::make_unique<UnXmlReader>(); }

}  // namespace interdict::screen
