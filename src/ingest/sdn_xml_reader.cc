// Reader for OFAC's `sdn.xml` / `consolidated.xml` ("ofac-xml"): <sdnList> of <sdnEntry>
// (docs/formats/inputs.md §6). It produces the same FtM entities as the legacy CSV reader
// (ofac_csv_reader.cc) for the same entry, so screening and resolve cannot tell them apart:
//
//   uid -> id "ofac-<uid>"; sdnType Individual/Entity/Vessel/Aircraft -> Person/LegalEntity/
//   Vessel/Airplane; name = "LASTNAME, Firstname" as in sdn.csv (lastName alone otherwise);
//   akaList: category strong -> alias, weak -> weakAlias, type f.k.a. -> previousName;
//   programList -> program; idList by idType (passport, national/tax/registration ids, IMO,
//   MMSI, LEI, SWIFT, gender, email, website, former flags, "Linked To:"...); vesselInfo ->
//   callSign, type, flag, owner, tonnage, grossRegisteredTonnage; date/place of birth,
//   nationality, citizenship and addresses from their lists; remarks -> notes.
//
// Validation matches the CSV reader: a vessel's IMO number must carry a valid check digit,
// an MMSI must have 9 digits, a vessel flag must be a known country; an entry that fails is
// quarantined whole with its line, uid and the failing element. A file that is not
// well-formed XML is an error naming the file and line (pugixml gives the byte offset).
#include <algorithm>
#include <array>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"
#include "ingest/readers.h"
#include "ingest/xml_list.h"
#include "model/reference.h"

namespace interdict {
namespace {

std::string Text(const pugi::xml_node& n, const char* child) {
  return std::string(Trim(n.child(child).text().as_string()));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int MonthNumber(std::string_view m) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  std::string lower = AsciiLower(m.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  return 0;
}

// OFAC's date forms ("28 Jul 1963", "Jul 1963", "1963") as ISO 8601; "" otherwise. The same
// forms the CSV reader accepts in Remarks.
std::string OfacDate(std::string_view s) {
  std::vector<std::string> w = Split(Trim(s), ' ');
  w.erase(std::remove(w.begin(), w.end(), std::string()), w.end());
  auto year_ok = [](const std::string& y) { return y.size() == 4 && AllDigits(y); };
  auto mm = [](int m) { return std::string(m < 10 ? "-0" : "-") + std::to_string(m); };
  if (w.size() == 1 && year_ok(w[0])) return w[0];
  if (w.size() == 2 && year_ok(w[1])) {
    int m = MonthNumber(w[0]);
    return m == 0 ? "" : w[1] + mm(m);
  }
  if (w.size() == 3 && year_ok(w[2]) && w[0].size() <= 2 && AllDigits(w[0])) {
    int m = MonthNumber(w[1]);
    if (m == 0) return "";
    std::string d = w[2] + mm(m) + (w[0].size() == 1 ? "-0" : "-") + w[0];
    return ValidateDate(d).empty() ? d : "";
  }
  return "";
}

// "circa 1963", "1960 to 1965", "01 Jan 1960 to 31 Dec 1962": both ends kept, as the CSV
// reader keeps them. False when a part cannot be read.
bool OfacDates(std::string_view s, std::vector<std::string>* out) {
  std::string_view t = Trim(s);
  if (StartsWith(t, "circa ")) t = Trim(t.substr(6));
  std::vector<std::string_view> parts;
  size_t to = t.find(" to ");
  if (to != std::string_view::npos) {
    parts = {t.substr(0, to), t.substr(to + 4)};
  } else {
    parts = {t};
  }
  std::vector<std::string> dates;
  for (auto p : parts) {
    std::string d = OfacDate(p);
    if (d.empty()) return false;
    dates.push_back(std::move(d));
  }
  out->insert(out->end(), dates.begin(), dates.end());
  return true;
}

std::string Country(std::string_view name) {
  std::string_view v = Trim(name);
  if (StartsWith(v, "Region:")) v = Trim(v.substr(7));
  return CountryCodeFromName(v);
}

// What an idList <idType> means. Matched on the lower-cased type, first hit wins; types not
// listed (e.g. "Secondary sanctions risk:", "Additional Sanctions Information -") are kept
// in notes as "<type> <number>".
enum class IdKind {
  kNote,
  kPassport,
  kIdNumber,
  kTax,
  kRegistration,
  kLei,
  kSwift,
  kImo,
  kMmsi,
  kCallSign,
  kPastFlag,
  kGender,
  kEmail,
  kWebsite,
  kPhone,
  kLinkedTo,
  kEstablished,
  kBuildDate,
  kSerial,
  kModel,
};

struct IdRule {
  std::string_view needle;  // substring of the lower-cased idType
  IdKind kind;
};

constexpr IdRule kIdRules[] = {
    {"linked to", IdKind::kLinkedTo},
    {"gender", IdKind::kGender},
    {"secondary sanctions", IdKind::kNote},
    {"additional sanctions", IdKind::kNote},
    {"vessel registration identification", IdKind::kImo},
    {"international maritime organization", IdKind::kImo},
    {"imo", IdKind::kImo},
    {"mmsi", IdKind::kMmsi},
    {"call sign", IdKind::kCallSign},
    {"former vessel flag", IdKind::kPastFlag},
    {"vessel year of build", IdKind::kBuildDate},
    {"manufacture date", IdKind::kBuildDate},
    {"serial number", IdKind::kSerial},
    {"aircraft model", IdKind::kModel},
    {"tail number", IdKind::kRegistration},
    {"email", IdKind::kEmail},
    {"website", IdKind::kWebsite},
    {"phone", IdKind::kPhone},
    {"telephone", IdKind::kPhone},
    {"established date", IdKind::kEstablished},
    {"legal entity number", IdKind::kLei},
    {"swift", IdKind::kSwift},
    {"passport", IdKind::kPassport},
    {"tax", IdKind::kTax},
    {"fiscal", IdKind::kTax},
    {"r.f.c", IdKind::kTax},
    {"nit #", IdKind::kTax},
    {"ruc #", IdKind::kTax},
    {"registration", IdKind::kRegistration},
    {"registry", IdKind::kRegistration},
    {"company number", IdKind::kRegistration},
    {"business number", IdKind::kRegistration},
    {"chamber of comm", IdKind::kRegistration},
    {"trade license", IdKind::kRegistration},
    {"credit code", IdKind::kRegistration},
    {"c.r. no", IdKind::kRegistration},
    {"id", IdKind::kIdNumber},
    {"cedula", IdKind::kIdNumber},
    {"d.n.i", IdKind::kIdNumber},
    {"c.u.r.p", IdKind::kIdNumber},
    {"ssn", IdKind::kIdNumber},
    {"certificate", IdKind::kIdNumber},
    {"card", IdKind::kIdNumber},
    {"number", IdKind::kIdNumber},
};

IdKind ClassifyIdType(std::string_view type) {
  std::string t = AsciiLower(type);
  for (const IdRule& r : kIdRules)
    if (t.find(r.needle) != std::string::npos) return r.kind;
  return IdKind::kNote;
}

// "IMO 9305609" / "9305609" -> "9305609".
std::string StripImoPrefix(std::string_view v) {
  v = Trim(v);
  if (v.size() > 3 && AsciiUpper(v.substr(0, 3)) == "IMO") v = Trim(v.substr(3));
  return std::string(v);
}

class EntryBuilder {
 public:
  EntryBuilder(const pugi::xml_node& n, const std::string& file, int64_t line, std::string_view raw,
               int64_t ingest_time)
      : n_(n), file_(file), line_(line), raw_(raw), ingest_time_(ingest_time) {}

  // The entity, or a quarantine entry when a value is invalid (field = element name).
  Status Build(RecordSink* sink) {
    std::string uid = Text(n_, "uid");
    if (uid.empty() || !AllDigits(uid)) {
      return Quarantine(
          sink, uid.empty() ? "" : "ofac-" + uid, "uid",
          uid.empty() ? "missing uid" : "uid is not a number: " + QuoteForMessage(uid));
    }
    id_ = "ofac-" + uid;
    std::string last = Text(n_, "lastName"), first = Text(n_, "firstName");
    if (last.empty() && first.empty()) return Quarantine(sink, id_, "lastName", "no name");
    std::string type = AsciiLower(Text(n_, "sdnType"));
    const char* schema = type == "individual" ? "Person"
                         : type == "vessel"   ? "Vessel"
                         : type == "aircraft" ? "Airplane"
                         : type == "entity"   ? "LegalEntity"
                                              : nullptr;
    if (!schema)
      return Quarantine(sink, id_, "sdnType",
                        "unknown sdnType " + QuoteForMessage(Text(n_, "sdnType")) +
                            " (expected Individual, Entity, Vessel or Aircraft)");
    vessel_ = type == "vessel";
    e_ = Entity(id_, Schema::Get(schema));
    ref_ = e_.AddReferent(MakeProvenance(file_, uid, line_, ingest_time_, raw_));
    Add("name", JoinName(last, first));
    Add("topics", "sanction");
    Add("authority", "OFAC");
    for (pugi::xml_node p : n_.child("programList").children("program"))
      Add("program", Trim(p.text().as_string()));
    Add("title", Text(n_, "title"));
    Add("notes", Text(n_, "remarks"));

    for (pugi::xml_node a : n_.child("akaList").children("aka")) {
      std::string name = JoinName(Text(a, "lastName"), Text(a, "firstName"));
      if (name.empty()) continue;
      std::string t = AsciiLower(Text(a, "type"));
      if (t == "f.k.a.") {
        Add("previousName", name);
      } else if (AsciiLower(Text(a, "category")) == "weak") {
        Add("weakAlias", name);
      } else {
        Add("alias", name);
      }
    }
    if (pugi::xml_node v = n_.child("vesselInfo")) {
      Add("callSign", Text(v, "callSign"));
      Add("type", Text(v, "vesselType"));
      std::string flag = Text(v, "vesselFlag");
      if (!flag.empty() && flag != "None Identified") {
        std::string cc = Country(flag);
        if (cc.empty())
          return Quarantine(sink, id_, "vesselFlag", "unknown country " + QuoteForMessage(flag));
        Add("flag", cc);
      }
      Add("owner", Text(v, "vesselOwner"));
      if (!Tonnage(v, "tonnage", "tonnage") ||
          !Tonnage(v, "grossRegisteredTonnage", "grossRegisteredTonnage"))
        return Quarantine(sink, id_, problem_field_, problem_);
    }
    for (pugi::xml_node d : n_.child("dateOfBirthList").children("dateOfBirthItem")) {
      std::string v = Text(d, "dateOfBirth");
      std::vector<std::string> dates;
      if (!v.empty() && OfacDates(v, &dates)) {
        for (const auto& s : dates) Add("birthDate", s);
      } else if (!v.empty()) {
        Add("notes", "DOB " + v);  // unreadable: kept, not guessed at (as in the CSV reader)
      }
    }
    for (pugi::xml_node p : n_.child("placeOfBirthList").children("placeOfBirthItem"))
      Add("birthPlace", Text(p, "placeOfBirth"));
    for (pugi::xml_node c : n_.child("nationalityList").children("nationality"))
      Add("nationality", Country(Text(c, "country")));
    for (pugi::xml_node c : n_.child("citizenshipList").children("citizenship"))
      Add("citizenship", Country(Text(c, "country")));
    for (pugi::xml_node a : n_.child("addressList").children("address")) {
      // Joined as add.csv writes them: street lines, "city state postal code", country.
      std::vector<std::string> parts, locality;
      for (const char* f : {"address1", "address2", "address3"}) {
        std::string v = Text(a, f);
        if (!v.empty()) parts.push_back(v);
      }
      for (const char* f : {"city", "stateOrProvince", "postalCode"}) {
        std::string v = Text(a, f);
        if (!v.empty()) locality.push_back(v);
      }
      if (!locality.empty()) parts.push_back(Join(locality, " "));
      if (!Text(a, "country").empty()) parts.push_back(Text(a, "country"));
      Add("address", Join(parts, ", "));
      Add("country", Country(Text(a, "country")));
    }
    for (pugi::xml_node id : n_.child("idList").children("id")) {
      if (!IdItem(id)) return Quarantine(sink, id_, problem_field_, problem_);
    }
    return sink->Record(std::move(e_), 1);
  }

 private:
  static std::string JoinName(const std::string& last, const std::string& first) {
    if (first.empty()) return last;
    if (last.empty()) return first;
    return last + ", " + first;  // sdn.csv's SDN_Name form
  }

  void Add(const char* prop, std::string_view v) {
    v = Trim(v);
    if (!v.empty()) e_.Add(prop, v, ref_);
  }

  bool Fail(std::string field, std::string why) {
    problem_field_ = std::move(field);
    problem_ = std::move(why);
    return false;
  }

  bool Tonnage(const pugi::xml_node& v, const char* elem, const char* prop) {
    std::string t;
    for (char c : Text(v, elem))
      if (c != ',') t.push_back(c);
    if (t.empty()) return true;
    if (!ValidateNumber(t).empty()) return Fail(elem, "not a number: " + QuoteForMessage(t));
    Add(prop, t);
    return true;
  }

  bool IdItem(const pugi::xml_node& id) {
    std::string type = Text(id, "idType");
    std::string number = Text(id, "idNumber");
    if (number.empty()) return true;
    switch (ClassifyIdType(type)) {
      case IdKind::kNote:
        Add("notes", type + " " + number);
        break;
      case IdKind::kPassport:
        Add("passportNumber", number);
        break;
      case IdKind::kIdNumber:
        Add("idNumber", number);
        break;
      case IdKind::kTax:
        Add("taxNumber", number);
        break;
      case IdKind::kRegistration:
        Add("registrationNumber", number);
        break;
      case IdKind::kLei:
        Add("leiCode", number);
        break;
      case IdKind::kSwift:
        Add("swiftBic", number);
        break;
      case IdKind::kImo: {
        std::string v = StripImoPrefix(number);
        if (!AllDigits(v)) {
          // "Vessel Registration Identification" without an IMO number is a national
          // registration, as in the CSV reader.
          Add("registrationNumber", number);
          break;
        }
        if (vessel_) {
          std::string why = ValidateImo(v);
          if (!why.empty()) return Fail("idNumber", why + ": " + QuoteForMessage(number));
        }
        Add("imoNumber", NormalizeImo(v));
        break;
      }
      case IdKind::kMmsi: {
        std::string why = ValidateMmsi(number);
        if (!why.empty()) return Fail("idNumber", why + ": " + QuoteForMessage(number));
        Add("mmsi", number);
        break;
      }
      case IdKind::kCallSign:
        Add("callSign", number);
        break;
      case IdKind::kPastFlag:
        Add("pastFlags", Country(number));
        break;
      case IdKind::kGender: {
        std::string g = AsciiLower(number);
        if (g == "male" || g == "female") Add("gender", g);
        break;
      }
      case IdKind::kEmail:
        Add("email", number);
        break;
      case IdKind::kWebsite:
        Add("website", number);
        break;
      case IdKind::kPhone:
        Add("phone", number);
        break;
      case IdKind::kLinkedTo:
        Add("linkedTo", number);
        break;
      case IdKind::kEstablished:
      case IdKind::kBuildDate: {
        std::vector<std::string> dates;
        if (OfacDates(number, &dates))
          for (const auto& d : dates)
            Add(ClassifyIdType(type) == IdKind::kEstablished ? "incorporationDate" : "buildDate",
                d);
        break;
      }
      case IdKind::kSerial:
        Add("serialNumber", number);
        break;
      case IdKind::kModel:
        Add("model", number);
        break;
    }
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
  bool vessel_ = false;
  std::string problem_field_, problem_;
};

class SdnXmlReader : public Reader {
 public:
  std::string name() const override { return "ofac-xml"; }

  Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx, RecordSink* sink) override {
    ASSIGN_OR_RETURN(auto x,
                     XmlList::Open(unit, ctx, "ofac-xml", "sdnList", "an OFAC sdn.xml list"));
    int64_t rows = 0;
    for (pugi::xml_node n : x->root().children("sdnEntry")) {
      ++rows;
      EntryBuilder b(n, x->display(), x->LineOf(n), x->Raw(n), ctx.ingest_time);
      RETURN_IF_ERROR(b.Build(sink));
    }
    return rows;
  }
};

}  // namespace

std::unique_ptr<Reader> NewSdnXmlReader() { return std::make_unique<SdnXmlReader>(); }

}  // namespace interdict
