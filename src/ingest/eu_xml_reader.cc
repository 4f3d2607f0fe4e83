// Reader for the EU Financial Sanctions Files XML ("eu-xml", FSF export 1.1): <export> of
// <sanctionEntity> (docs/formats/inputs.md §7). Each sanctionEntity becomes one entity with
// the property names the OFAC and UN readers use, so screening treats all lists alike:
//
//   logicalId -> id "eu-<logicalId>"; subjectType code person -> Person, enterprise ->
//   Organization (anything else -> LegalEntity); nameAlias wholeName (or first/middle/last
//   joined when wholeName is empty): the first strong English or language-less alias is
//   `name`, other strong aliases -> alias (every language kept: the original script is what
//   cross-script matching needs), strong="false" -> weakAlias; gender M/F; title; function
//   -> position; regulation@programme -> program; euReferenceNumber/unitedNationId ->
//   notes/unscId; citizenship -> nationality (ISO2, "00" = unknown is dropped); birthdate
//   (full date, or year[-month]; circa="true" adds the years either side, as the UN reader
//   does for APPROXIMATELY) and its place -> birthPlace; identification by
//   identificationTypeCode -> passportNumber / idNumber / taxNumber / registrationNumber /
//   swiftBic / imoNumber; address -> address + country.
//
// An entry without logicalId, without any name or with an unreadable birthdate is
// quarantined whole (line, id, element). A file that is not well-formed XML is an error
// naming the file and line.
#include <algorithm>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"
#include "ingest/readers.h"
#include "ingest/xml_list.h"

namespace interdict {
namespace {

std::string Attr(const pugi::xml_node& n, const char* a) {
  return std::string(Trim(n.attribute(a).as_string()));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ISO2 in upper case (as the OFAC reader writes countries), or "" for EU's "00" (unknown).
std::string Iso2(const pugi::xml_node& n) {
  std::string cc = AsciiUpper(Attr(n, "countryIso2Code"));
  if (cc.size() != 2 || cc == "00" || !IsCountryCode(cc)) return "";
  return cc;
}

class EntityBuilder {
 public:
  EntityBuilder(const pugi::xml_node& n, const std::string& file, int64_t line,
                std::string_view raw, int64_t ingest_time)
      : n_(n), file_(file), line_(line), raw_(raw), ingest_time_(ingest_time) {}

  Status Build(RecordSink* sink) {
    std::string lid = Attr(n_, "logicalId");
    if (lid.empty() || !AllDigits(lid))
      return Quarantine(
          sink, "", "logicalId",
          lid.empty() ? "missing logicalId" : "logicalId is not a number: " + QuoteForMessage(lid));
    id_ = "eu-" + lid;
    std::string code = AsciiLower(Attr(n_.child("subjectType"), "code"));
    bool person = code == "person";
    const char* schema = person ? "Person" : code == "enterprise" ? "Organization" : "LegalEntity";
    // Names first: an entry without one is quarantined before anything else is built.
    struct Name {
      std::string text;
      bool strong;
      bool english;
    };
    std::vector<Name> names;
    for (pugi::xml_node a : n_.children("nameAlias")) {
      std::string whole = Attr(a, "wholeName");
      if (whole.empty()) {
        std::vector<std::string> parts;
        for (const char* f : {"firstName", "middleName", "lastName"}) {
          std::string v = Attr(a, f);
          if (!v.empty()) parts.push_back(v);
        }
        whole = Join(parts, " ");
      }
      if (whole.empty()) continue;
      std::string lang = AsciiUpper(Attr(a, "nameLanguage"));
      names.push_back(
          {whole, AsciiLower(Attr(a, "strong")) != "false", lang.empty() || lang == "EN"});
    }
    if (names.empty()) return Quarantine(sink, id_, "nameAlias", "no name");
    size_t primary = 0;
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i].strong && names[i].english) {
        primary = i;
        break;
      }
    }

    e_ = Entity(id_, Schema::Get(schema));
    ref_ = e_.AddReferent(MakeProvenance(file_, lid, line_, ingest_time_, raw_));
    const std::string& name = names[primary].text;
    Add("name", name);
    std::vector<std::string> seen = {name};
    for (size_t i = 0; i < names.size(); ++i) {
      if (i == primary || std::find(seen.begin(), seen.end(), names[i].text) != seen.end())
        continue;
      seen.push_back(names[i].text);
      Add(names[i].strong ? "alias" : "weakAlias", names[i].text);
    }
    Add("topics", "sanction");
    Add("authority", "EU");
    std::string ref_no = Attr(n_, "euReferenceNumber");
    if (!ref_no.empty()) Add("notes", "EU reference " + ref_no);
    Add("unscId", Attr(n_, "unitedNationId"));
    for (pugi::xml_node r : n_.children("remark")) Add("notes", r.text().as_string());
    std::vector<std::string> programs;
    for (pugi::xml_node r : n_.children("regulation")) {
      std::string p = Attr(r, "programme");
      if (!p.empty() && std::find(programs.begin(), programs.end(), p) == programs.end()) {
        programs.push_back(p);
        Add("program", p);
      }
    }
    for (pugi::xml_node a : n_.children("nameAlias")) {
      if (person) {
        std::string g = AsciiUpper(Attr(a, "gender"));
        if (g == "M") AddOnce("gender", "male");
        if (g == "F") AddOnce("gender", "female");
      }
      AddOnce("title", Attr(a, "title"));
      AddOnce("position", Attr(a, "function"));
    }
    for (pugi::xml_node c : n_.children("citizenship")) AddOnce("nationality", Iso2(c));
    for (pugi::xml_node b : n_.children("birthdate")) {
      if (!Birthdate(b)) return Quarantine(sink, id_, "birthdate", problem_);
    }
    for (pugi::xml_node d : n_.children("identification")) {
      std::string number = Attr(d, "number");
      if (number.empty()) number = Attr(d, "latinNumber");
      if (number.empty()) continue;
      std::string type = AsciiLower(Attr(d, "identificationTypeCode"));
      const char* prop = type == "passport"                      ? "passportNumber"
                         : type == "fiscalcode" || type == "tin" ? "taxNumber"
                         : type == "regnumber"                   ? "registrationNumber"
                         : type == "swiftbic"                    ? "swiftBic"
                         : type == "imo"                         ? "imoNumber"
                                                                 : "idNumber";
      if (std::string_view(prop) == "imoNumber") {
        std::string digits = number;
        if (digits.size() > 3 && AsciiUpper(digits.substr(0, 3)) == "IMO")
          digits = std::string(Trim(std::string_view(digits).substr(3)));
        if (AllDigits(digits)) number = NormalizeImo(digits);
      }
      Add(prop, number);
    }
    for (pugi::xml_node a : n_.children("address")) {
      std::vector<std::string> parts;
      for (const char* f :
           {"street", "poBox", "zipCode", "city", "region", "place", "countryDescription"}) {
        std::string v = Attr(a, f);
        if (!v.empty() && v != "UNKNOWN") parts.push_back(v);
      }
      Add("address", Join(parts, ", "));
      AddOnce("country", Iso2(a));
    }
    return sink->Record(std::move(e_), 1);
  }

 private:
  void Add(const char* prop, std::string_view v) {
    v = Trim(v);
    if (!v.empty()) e_.Add(prop, v, ref_);
  }
  void AddOnce(const char* prop, std::string_view v) {
    v = Trim(v);
    if (v.empty()) return;
    for (const auto& have : e_.Values(prop))
      if (have == v) return;
    e_.Add(prop, v, ref_);
  }

  // One <birthdate>: birthdate="YYYY-MM-DD", else year (+ monthOfYear); circa widens the year.
  bool Birthdate(const pugi::xml_node& b) {
    std::string date = Attr(b, "birthdate");
    std::string year = Attr(b, "year");
    std::string month = Attr(b, "monthOfYear");
    if (!date.empty()) {
      if (!ValidateDate(date).empty()) {
        problem_ = "bad birthdate " + QuoteForMessage(date);
        return false;
      }
      date = date.substr(0, 10);
      year = date.substr(0, 4);
      AddOnce("birthDate", date);
    } else if (!year.empty()) {
      if (year.size() != 4 || !AllDigits(year)) {
        problem_ = "bad year " + QuoteForMessage(year);
        return false;
      }
      if (AllDigits(month) && std::stoi(month) >= 1 && std::stoi(month) <= 12) {
        int m = std::stoi(month);
        AddOnce("birthDate", year + (m < 10 ? "-0" : "-") + std::to_string(m));
      } else {
        AddOnce("birthDate", year);
      }
    }
    if (AsciiLower(Attr(b, "circa")) == "true" && year.size() == 4 && AllDigits(year)) {
      int y = std::stoi(year);
      for (int k = -1; k <= 1; ++k) AddOnce("birthDate", std::to_string(y + k));
    }
    std::vector<std::string> place;
    for (const char* f : {"city", "place", "region", "countryDescription"}) {
      std::string v = Attr(b, f);
      if (!v.empty() && v != "UNKNOWN") place.push_back(v);
    }
    AddOnce("birthPlace", Join(place, ", "));
    return true;
  }

  Status Quarantine(RecordSink* sink, std::string id, std::string field, std::string reason) {
    QuarantineEntry q;
    q.file = file_;
    q.line = line_;
    q.record_id = std::move(id);
    q.field = std::move(field);
    q.reason = std::move(reason);
    q.raw = std::string(raw_.substr(0, 4096));
    return sink->Quarantine(std::move(q));
  }

  const pugi::xml_node& n_;
  const std::string& file_;
  int64_t line_;
  std::string_view raw_;
  int64_t ingest_time_;
  std::string id_;
  Entity e_;
  uint32_t ref_ = 0;
  std::string problem_;
};

class EuXmlReader : public Reader {
 public:
  std::string name() const override { return "eu-xml"; }

  Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx, RecordSink* sink) override {
    ASSIGN_OR_RETURN(auto x, XmlList::Open(unit, ctx, "eu-xml", "export", "an EU FSF XML file"));
    int64_t rows = 0;
    for (pugi::xml_node n : x->root().children("sanctionEntity")) {
      ++rows;
      EntityBuilder b(n, x->display(), x->LineOf(n), x->Raw(n), ctx.ingest_time);
      RETURN_IF_ERROR(b.Build(sink));
    }
    return rows;
  }
};

}  // namespace

std::unique_ptr<Reader> NewEuXmlReader() { return std::make_unique<EuXmlReader>(); }

}  // namespace interdict
