// Reader for OFAC's legacy CSV set ("ofac-csv"): sdn.csv plus its companions alt.csv,
// add.csv and sdn_comments.csv (or the consolidated non-SDN set cons_prim.csv + cons_alt.csv,
// cons_add.csv, cons_comments.csv). docs/formats/inputs.md §4 describes the layout.
//
// The unit is read in three passes, because companions refer to primary rows by ent_num
// and may come in any order:
//   1. the primary file: every well-formed row becomes a pending entry keyed by ent_num;
//   2. each companion: every well-formed row is attached to its entry, or quarantined when
//      its ent_num has no (stored) primary row; OFAC publishes the companions more often
//      than some users refresh sdn.csv, so unjoinable rows are expected and are counted;
//   3. each entry is turned into one Entity (the Remarks parsed into FtM properties) and sent
//      with rows = 1 + its companion rows, or, when a value is invalid, quarantined together
//      with every companion row it absorbed, so rows read = sum(rows) + quarantined.
//
// Remarks are `;`-separated items. Parsing is deliberately conservative: an item whose
// label is not recognised, or whose value cannot be read (an odd DOB), is left in `notes`
// (which always holds the full text) rather than guessed at. Only identifiers that
// screening relies on are validated hard: a vessel's IMO number (check digit) and MMSI.
//
// IMO numbers on rows that are not vessels ("Company Number IMO 5342883", and a few DPRK
// shipping companies whose remark says "Vessel Registration Identification IMO") are IMO
// company and registered-owner numbers, which have no ship check digit: they are kept as
// imoNumber on the (non-vessel) entity without that check.
#include <array>
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
#include "model/reference.h"

namespace interdict {
namespace {

enum class Part { kPrimary, kAlt, kAdd, kComments };

constexpr std::array<std::string_view, 12> kSdnColumns = {
    "ent_num",   "SDN_Name", "SDN_Type", "Program",   "Title",      "Call_Sign",
    "Vess_type", "Tonnage",  "GRT",      "Vess_flag", "Vess_owner", "Remarks"};
constexpr std::array<std::string_view, 5> kAltColumns = {"ent_num", "alt_num", "alt_type",
                                                         "alt_name", "alt_remarks"};
constexpr std::array<std::string_view, 6> kAddColumns = {
    "ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks"};
constexpr std::array<std::string_view, 2> kCommentColumns = {"ent_num", "remarks_extended"};

// sdn.csv column indexes.
enum SdnCol {
  kEntNum = 0,
  kName,
  kType,
  kProgram,
  kTitle,
  kCallSign,
  kVessType,
  kTonnage,
  kGrt,
  kVessFlag,
  kVessOwner,
  kRemarks
};

// One file of the unit.
struct PartFile {
  Part part = Part::kPrimary;
  std::string display;  // name used in provenance and quarantine entries
  std::unique_ptr<MappedFile> file;
  const std::string_view* columns = nullptr;
  size_t num_columns = 0;
};

// A well-formed row, fields still raw. `raw` points into the mapped file.
struct Row {
  const PartFile* file = nullptr;
  std::vector<std::string> fields;
  int64_t line = 0;
  std::string_view raw;
};

// A primary row and the companion rows joined to it, in file order.
struct Entry {
  Row primary;
  std::vector<Row> absorbed;
};

bool IsNull(std::string_view f) { return Trim(f) == "-0-"; }
// A field's value: trimmed, "" for OFAC's `-0-` placeholder.
std::string_view Val(std::string_view f) {
  f = Trim(f);
  return f == "-0-" ? std::string_view() : f;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}


std::string StripTrailingDot(std::string_view v) {
  v = Trim(v);
  while (!v.empty() && v.back() == '.') v.remove_suffix(1);
  return std::string(Trim(v));
}


// ---------------------------------------------------------------------------------------
// Values inside Remarks.

// A country named in OFAC's text ("Russia", "Korea, North", "Region: Crimea") as ISO2, or "".
std::string OfacCountry(std::string_view name) {
  std::string n = StripTrailingDot(name);
  std::string_view v = n;
  if (StartsWith(v, "Region:")) v = Trim(v.substr(7));
  return CountryCodeFromName(v);
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

// One OFAC date ("28 Jul 1963", "Jul 1963", "1963") as ISO 8601 ("1963-07-28", "1963-07",
// "1963"); "" if it is not one of those forms or not a real calendar date.
std::string OfacDate(std::string_view s) {
  std::vector<std::string> w = Split(StripTrailingDot(s), ' ');
  auto year_ok = [](const std::string& y) { return y.size() == 4 && AllDigits(y); };
  if (w.size() == 1 && year_ok(w[0])) return w[0];
  if (w.size() == 2 && year_ok(w[1]) && w[0].size() == 3) {
    int m = MonthNumber(w[0]);
    if (m == 0) return "";
    return w[1] + (m < 10 ? "-0" : "-") + std::to_string(m);
  }
  if (w.size() == 3 && year_ok(w[2]) && w[1].size() == 3 && w[0].size() <= 2 && AllDigits(w[0])) {
    int m = MonthNumber(w[1]);
    if (m == 0) return "";
    std::string d =
        w[2] + (m < 10 ? "-0" : "-") + std::to_string(m) + (w[0].size() == 1 ? "-0" : "-") + w[0];
    return ValidateDate(d).empty() ? d : "";
  }
  return "";
}

// A DOB-like value: one date, "circa <date>", or a range "<date> to <date>" / "1979-1982"
// whose two ends are both kept. Appends ISO dates; false if nothing could be read.
bool OfacDates(std::string_view s, std::vector<std::string>* out) {
  std::string v = StripTrailingDot(s);
  std::string_view t = v;
  if (StartsWith(t, "circa ")) t = Trim(t.substr(6));
  size_t to = t.find(" to ");
  std::vector<std::string_view> parts;
  if (to != std::string_view::npos) {
    parts = {t.substr(0, to), t.substr(to + 4)};
  } else if (t.size() == 9 && t[4] == '-' && AllDigits(t.substr(0, 4)) && AllDigits(t.substr(5))) {
    parts = {t.substr(0, 4), t.substr(5)};
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

// The identifier in "<label> <value> (<country>) [issued ...] [expires ...]".
std::string IdValue(std::string_view rest) {
  std::string_view v = Trim(rest);
  while (!v.empty() && (v.front() == ':' || v.front() == '#')) v = Trim(v.substr(1));
  if (v.size() >= 2 && v.front() == '(' && v.find(')') == v.size() - 1) {
    v = Trim(v.substr(1, v.size() - 2));  // "International Maritime Organization No. (5777731)"
  }
  size_t cut = v.find(" (");
  for (std::string_view stop : {" issued ", " expires ", " Issue Date "}) {
    size_t p = v.find(stop);
    if (p < cut) cut = p;
  }
  if (cut != std::string_view::npos) v = v.substr(0, cut);
  return StripTrailingDot(v);
}

// The name in "a.k.a. 'NAME'" (the quotes stripped; a quote lost to truncation tolerated).
std::string QuotedName(std::string_view rest) {
  std::string_view v = Trim(rest);
  if (!v.empty() && v.front() == '\'') v.remove_prefix(1);
  while (!v.empty() && (v.back() == '.' || v.back() == ' ')) v.remove_suffix(1);
  if (!v.empty() && v.back() == '\'') v.remove_suffix(1);
  return std::string(Trim(v));
}

// Splits Remarks into items on ';'. A quoted a.k.a./f.k.a./n.k.a. name may itself hold a
// ';': such an item is joined with the following pieces up to the one that closes the
// quote, if one of the next few does (otherwise the quote was lost and nothing is joined).
std::vector<std::string_view> SplitRemarks(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);  // OFAC's final full stop
  std::vector<std::string_view> pieces;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    pieces.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  auto opens_quote = [](std::string_view p) {
    p = Trim(p);
    if (StartsWith(p, "alt. ")) p.remove_prefix(5);
    if (!(StartsWith(p, "a.k.a. '") || StartsWith(p, "f.k.a. '") || StartsWith(p, "n.k.a. '")))
      return false;
    std::string_view after = p.substr(8);
    while (!after.empty() && (after.back() == '.' || after.back() == ' ')) after.remove_suffix(1);
    return after.empty() || after.back() != '\'';
  };
  auto closes_quote = [](std::string_view p) {
    p = Trim(p);
    while (!p.empty() && p.back() == '.') p.remove_suffix(1);
    return !p.empty() && p.back() == '\'';
  };
  std::vector<std::string_view> items;
  for (size_t i = 0; i < pieces.size(); ++i) {
    std::string_view item = pieces[i];
    if (opens_quote(item)) {
      for (size_t j = i + 1; j < pieces.size() && j <= i + 3; ++j) {
        if (closes_quote(pieces[j])) {
          const char* b = pieces[i].data();
          const char* e = pieces[j].data() + pieces[j].size();
          item = std::string_view(b, static_cast<size_t>(e - b));
          i = j;
          break;
        }
      }
    }
    item = Trim(item);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

// What a remark label means.
enum class Kind {
  kDob,
  kPob,
  kNationality,
  kCitizen,
  kGender,
  kPassport,
  kIdNumber,
  kTaxNumber,
  kRegistration,
  kLei,
  kSwift,
  kImo,
  kMmsi,
  kCallSign,
  kPastFlag,
  kEmail,
  kWebsite,
  kPhone,
  kLinkedTo,
  kAka,
  kFka,
  kNka,
  kEstablished,
  kBuildDate,
  kModel,
  kSerial,
};

struct Label {
  std::string_view text;  // matched at the start of the item (after "alt. ")
  Kind kind;
};

// Ordered: a label that is a prefix of another comes after it.
constexpr Label kLabels[] = {
    {"DOB ", Kind::kDob},
    {"POB ", Kind::kPob},
    {"nationality ", Kind::kNationality},
    {"citizen ", Kind::kCitizen},
    {"Gender ", Kind::kGender},
    {"a.k.a. ", Kind::kAka},
    {"f.k.a. ", Kind::kFka},
    {"n.k.a. ", Kind::kNka},
    {"Linked To:", Kind::kLinkedTo},
    // Vessels and IMO numbers.
    {"Vessel Registration Identification IMO", Kind::kImo},
    {"Identification Number IMO", Kind::kImo},
    {"Company Number IMO", Kind::kImo},
    {"International Maritime Organization No.", Kind::kImo},
    {"IMO ", Kind::kImo},
    {"Vessel Registration Identification ", Kind::kRegistration},
    {"MMSI ", Kind::kMmsi},
    {"Other Vessel Call Sign ", Kind::kCallSign},
    {"Call Sign ", Kind::kCallSign},
    {"Former Vessel Flag ", Kind::kPastFlag},
    {"Vessel Year of Build ", Kind::kBuildDate},
    // Aircraft.
    {"Aircraft Tail Number ", Kind::kRegistration},
    {"Aircraft Model ", Kind::kModel},
    {"Aircraft Manufacturer's Serial Number (MSN) ", Kind::kSerial},
    {"Aircraft Manufacture Date ", Kind::kBuildDate},
    // Contact details.
    {"Email Address ", Kind::kEmail},
    {"Website", Kind::kWebsite},
    {"Phone Number ", Kind::kPhone},
    {"Telephone Number", Kind::kPhone},
    {"Telephone No.", Kind::kPhone},
    {"Telephone", Kind::kPhone},
    {"Phone No.", Kind::kPhone},
    // Organisations.
    {"Organization Established Date ", Kind::kEstablished},
    {"Legal Entity Number ", Kind::kLei},
    {"SWIFT/BIC ", Kind::kSwift},
    // Travel and identity documents.
    {"Passport ", Kind::kPassport},
    {"Diplomatic Passport ", Kind::kPassport},
    {"British National Overseas Passport ", Kind::kPassport},
    {"Stateless Person Passport ", Kind::kPassport},
    {"National ID No.", Kind::kIdNumber},
    {"Cedula No.", Kind::kIdNumber},
    {"Identification Number ", Kind::kIdNumber},
    {"Personal ID Card ", Kind::kIdNumber},
    {"D.N.I. ", Kind::kIdNumber},
    {"C.U.R.P.", Kind::kIdNumber},
    {"Birth Certificate Number ", Kind::kIdNumber},
    {"Electoral Registry No. ", Kind::kIdNumber},
    {"Credencial electoral ", Kind::kIdNumber},
    {"National Foreign ID Number", Kind::kIdNumber},
    {"Driver's License No. ", Kind::kIdNumber},
    {"SSN ", Kind::kIdNumber},
    {"Kenyan ID No. ", Kind::kIdNumber},
    {"Residency Number ", Kind::kIdNumber},
    {"Turkish Identification Number ", Kind::kIdNumber},
    {"Numero de Identidad ", Kind::kIdNumber},
    {"Citizen's Card Number ", Kind::kIdNumber},
    {"Travel Document Number ", Kind::kIdNumber},
    {"Refugee ID Card ", Kind::kIdNumber},
    {"I.F.E. ", Kind::kIdNumber},
    {"C.U.I.P. ", Kind::kIdNumber},
    {"Tazkira National ID Card ", Kind::kIdNumber},
    {"Stateless Person ID Card ", Kind::kIdNumber},
    {"CNP (Personal Numerical Code) ", Kind::kIdNumber},
    {"N.I.E. ", Kind::kIdNumber},
    // Tax identifiers.
    {"Tax ID No.", Kind::kTaxNumber},
    {"R.F.C.", Kind::kTaxNumber},
    {"RFC ", Kind::kTaxNumber},
    {"NIT #", Kind::kTaxNumber},
    {"RUC #", Kind::kTaxNumber},
    {"RIF #", Kind::kTaxNumber},
    {"V.A.T. Number ", Kind::kTaxNumber},
    {"C.U.I.T. ", Kind::kTaxNumber},
    {"C.U.I. ", Kind::kTaxNumber},
    {"C.I.F. ", Kind::kTaxNumber},
    {"Italian Fiscal Code", Kind::kTaxNumber},
    {"Fiscal Code ", Kind::kTaxNumber},
    {"US FEIN ", Kind::kTaxNumber},
    {"Paraguayan tax identification number ", Kind::kTaxNumber},
    {"Numero Unico de Identificacao Tributaria (NUIT) ", Kind::kTaxNumber},
    {"Romanian Tax Registration ", Kind::kTaxNumber},
    // Company registers.
    {"Registration Number ", Kind::kRegistration},
    {"Registration ID ", Kind::kRegistration},
    {"Business Registration Number ", Kind::kRegistration},
    {"Business Registration Document #", Kind::kRegistration},
    {"Business Number ", Kind::kRegistration},
    {"Company Number ", Kind::kRegistration},
    {"UK Company Number ", Kind::kRegistration},
    {"Commercial Registry Number ", Kind::kRegistration},
    {"Chamber of Commerce Number ", Kind::kRegistration},
    {"Istanbul Chamber of Comm. No. ", Kind::kRegistration},
    {"Trade License No. ", Kind::kRegistration},
    {"Unified Social Credit Code (USCC) ", Kind::kRegistration},
    {"United Social Credit Code Certificate (USCCC) ", Kind::kRegistration},
    {"Government Gazette Number ", Kind::kRegistration},
    {"Folio Mercantil No. ", Kind::kRegistration},
    {"Matricula Mercantil No ", Kind::kRegistration},
    {"C.R. No. ", Kind::kRegistration},
    {"Economic Register Number (CBLS) ", Kind::kRegistration},
    {"Central Registration System Number ", Kind::kRegistration},
    {"Public Registration Number ", Kind::kRegistration},
    {"Enterprise Number ", Kind::kRegistration},
    {"Certificate of Incorporation Number ", Kind::kRegistration},
    {"Registered Charity No. ", Kind::kRegistration},
    {"Romanian C.R. ", Kind::kRegistration},
};

const Label* MatchLabel(std::string_view item, std::string_view* rest) {
  for (const Label& l : kLabels) {
    if (StartsWith(item, l.text)) {
      *rest = item.substr(l.text.size());
      return &l;
    }
  }
  return nullptr;
}

// Interned property ids, so the hot loop does not hash property names.
struct Props {
  PropId name = InternProp("name"), alias = InternProp("alias"),
         weak_alias = InternProp("weakAlias"), previous_name = InternProp("previousName"),
         program = InternProp("program"), topics = InternProp("topics"),
         authority = InternProp("authority"), notes = InternProp("notes"),
         title = InternProp("title"), birth_date = InternProp("birthDate"),
         birth_place = InternProp("birthPlace"), nationality = InternProp("nationality"),
         citizenship = InternProp("citizenship"), gender = InternProp("gender"),
         passport = InternProp("passportNumber"), id_number = InternProp("idNumber"),
         registration = InternProp("registrationNumber"), tax = InternProp("taxNumber"),
         lei = InternProp("leiCode"), swift = InternProp("swiftBic"), imo = InternProp("imoNumber"),
         mmsi = InternProp("mmsi"), call_sign = InternProp("callSign"), flag = InternProp("flag"),
         past_flags = InternProp("pastFlags"), type = InternProp("type"),
         tonnage = InternProp("tonnage"), grt = InternProp("grossRegisteredTonnage"),
         owner = InternProp("owner"), email = InternProp("email"), website = InternProp("website"),
         phone = InternProp("phone"), address = InternProp("address"),
         country = InternProp("country"), linked_to = InternProp("linkedTo"),
         incorporation = InternProp("incorporationDate"), build_date = InternProp("buildDate"),
         model = InternProp("model"), serial = InternProp("serialNumber");
};

const Props& P() {
  static const Props* p = new Props();
  return *p;
}

// Why an entry cannot be stored: the sdn.csv column and a reason.
struct Problem {
  std::string field;
  std::string reason;
  bool any() const { return !reason.empty(); }
};

// Builds the entity of one entry. On an invalid value fills `problem` (first one wins).
class EntityBuilder {
 public:
  EntityBuilder(const Entry& entry, const ReadContext& ctx) : entry_(entry), ctx_(ctx) {}

  Problem Build(Entity* out) {
    const Row& r = entry_.primary;
    const auto& f = r.fields;
    std::string ent_num(Trim(f[kEntNum]));
    std::string_view name = Val(f[kName]);
    if (name.empty()) return {"SDN_Name", "required value is empty"};
    std::string type = AsciiLower(Val(f[kType]));
    const char* schema = type.empty()           ? "LegalEntity"
                         : type == "individual" ? "Person"
                         : type == "vessel"     ? "Vessel"
                         : type == "aircraft"   ? "Airplane"
                                                : nullptr;
    if (!schema) {
      return {"SDN_Type", "unknown SDN_Type " + QuoteForMessage(Val(f[kType])) +
                              " (expected individual, vessel, aircraft or -0-)"};
    }
    vessel_ = type == "vessel";
    e_ = Entity("ofac-" + ent_num, Schema::Get(schema));
    ref_ =
        e_.AddReferent(MakeProvenance(r.file->display, ent_num, r.line, ctx_.ingest_time, r.raw));
    const Props& p = P();
    Add(p.name, name);
    Add(p.topics, "sanction");
    Add(p.authority, "OFAC");
    // Program tags are joined as "IRAN] [RUSSIA-EO14024".
    std::string programs(Val(f[kProgram]));
    for (size_t start = 0; start <= programs.size();) {
      size_t end = programs.find("] [", start);
      if (end == std::string::npos) end = programs.size();
      std::string_view tag = Trim(std::string_view(programs).substr(start, end - start));
      while (!tag.empty() && (tag.front() == '[' || tag.front() == ' ')) tag.remove_prefix(1);
      while (!tag.empty() && (tag.back() == ']' || tag.back() == ' ')) tag.remove_suffix(1);
      Add(p.program, tag);
      start = end + 3;
    }
    Add(p.title, Val(f[kTitle]));
    Add(p.call_sign, Val(f[kCallSign]));
    Add(p.type, Val(f[kVessType]));
    if (!Tonnage(f[kTonnage], "Tonnage", p.tonnage)) return problem_;
    if (!Tonnage(f[kGrt], "GRT", p.grt)) return problem_;
    std::string_view flag = Val(f[kVessFlag]);
    if (!flag.empty() && flag != "None Identified") {
      std::string cc = OfacCountry(flag);
      if (cc.empty()) return {"Vess_flag", "unknown country " + QuoteForMessage(flag)};
      Add(p.flag, cc);
    }
    Add(p.owner, Val(f[kVessOwner]));

    // Remarks, continued by sdn_comments.csv rows: OFAC cuts Remarks at 1,000 characters
    // (mid-word) and publishes the rest there, so the pieces are concatenated as they are.
    std::string remarks = IsNull(f[kRemarks]) ? std::string() : f[kRemarks];
    for (const Row& a : entry_.absorbed) {
      if (a.file->part == Part::kComments && !IsNull(a.fields[1])) remarks += a.fields[1];
    }
    std::string_view notes = Trim(remarks);
    Add(p.notes, notes);
    for (std::string_view item : SplitRemarks(notes)) {
      Remark(item);
      if (problem_.any()) return problem_;
    }

    for (const Row& a : entry_.absorbed) {
      if (a.file->part == Part::kAlt) AltRow(a);
      if (a.file->part == Part::kAdd) AddRow(a);
    }
    *out = std::move(e_);
    return {};
  }

 private:
  void Add(PropId prop, std::string_view v) { e_.Add(prop, v, ref_); }

  bool Tonnage(std::string_view raw, const char* column, PropId prop) {
    std::string v;
    for (char c : Val(raw))
      if (c != ',') v.push_back(c);
    if (v.empty()) return true;
    if (!ValidateNumber(v).empty()) {
      problem_ = {column, "not a number: " + QuoteForMessage(Val(raw))};
      return false;
    }
    Add(prop, v);
    return true;
  }

  void Remark(std::string_view item) {
    if (StartsWith(item, "alt. ")) item = Trim(item.substr(5));
    std::string_view rest;
    const Label* label = MatchLabel(item, &rest);
    if (!label) return;  // kept in notes only
    const Props& p = P();
    switch (label->kind) {
      case Kind::kDob: {
        std::vector<std::string> dates;
        if (OfacDates(rest, &dates))
          for (const auto& d : dates) Add(p.birth_date, d);
        break;
      }
      case Kind::kEstablished:
      case Kind::kBuildDate: {
        std::vector<std::string> dates;
        if (OfacDates(rest, &dates))
          for (const auto& d : dates)
            Add(label->kind == Kind::kEstablished ? p.incorporation : p.build_date, d);
        break;
      }
      case Kind::kPob:
        Add(p.birth_place, StripTrailingDot(rest));
        break;
      case Kind::kNationality:
        Add(p.nationality, OfacCountry(rest));
        break;
      case Kind::kCitizen:
        Add(p.citizenship, OfacCountry(rest));
        break;
      case Kind::kGender: {
        std::string g = AsciiLower(StripTrailingDot(rest));
        if (g == "male" || g == "female") Add(p.gender, g);
        break;
      }
      case Kind::kAka:
        Add(p.weak_alias, QuotedName(rest));
        break;
      case Kind::kFka:
        Add(p.previous_name, QuotedName(rest));
        break;
      case Kind::kNka:
        Add(p.alias, QuotedName(rest));
        break;
      case Kind::kLinkedTo:
        Add(p.linked_to, Trim(rest));
        break;
      case Kind::kImo:
        Imo(item, IdValue(rest));
        break;
      case Kind::kMmsi: {
        std::string v = IdValue(rest);
        std::string why = ValidateMmsi(v);
        if (!why.empty()) {
          problem_ = {"Remarks", why + ": " + QuoteForMessage(item)};
          return;
        }
        Add(p.mmsi, v);
        break;
      }
      case Kind::kCallSign:
        Add(p.call_sign, IdValue(rest));
        break;
      case Kind::kPastFlag:
        Add(p.past_flags, OfacCountry(rest));
        break;
      case Kind::kPassport:
        Add(p.passport, IdValue(rest));
        break;
      case Kind::kIdNumber:
        Add(p.id_number, IdValue(rest));
        break;
      case Kind::kTaxNumber:
        Add(p.tax, IdValue(rest));
        break;
      case Kind::kRegistration:
        Add(p.registration, IdValue(rest));
        break;
      case Kind::kLei:
        Add(p.lei, IdValue(rest));
        break;
      case Kind::kSwift:
        Add(p.swift, IdValue(rest));
        break;
      case Kind::kEmail:
        Add(p.email, StripTrailingDot(rest));
        break;
      case Kind::kWebsite: {
        std::string_view v = Trim(rest);
        while (!v.empty() && (v.front() == ':' || v.front() == ' ')) v.remove_prefix(1);
        Add(p.website, StripTrailingDot(v));
        break;
      }
      case Kind::kPhone: {
        std::string_view v = Trim(rest);
        while (!v.empty() && (v.front() == ':' || v.front() == ' ')) v.remove_prefix(1);
        Add(p.phone, StripTrailingDot(v));
        break;
      }
      case Kind::kModel:
        Add(p.model, StripTrailingDot(rest));
        break;
      case Kind::kSerial:
        Add(p.serial, IdValue(rest));
        break;
    }
  }

  // A vessel's IMO number must carry a valid check digit; on other entities the number is
  // an IMO company/owner number (see the file comment) and only its shape is checked.
  void Imo(std::string_view item, const std::string& value) {
    if (vessel_) {
      std::string why = ValidateImo(value);
      if (!why.empty()) {
        problem_ = {"Remarks", why + ": " + QuoteForMessage(item)};
        return;
      }
    }
    Add(P().imo, NormalizeImo(value));
  }

  void AltRow(const Row& a) {
    std::string type = AsciiLower(Val(a.fields[2]));
    std::string_view name = Val(a.fields[3]);
    Add(type == "fka" ? P().previous_name : P().alias, name);
  }

  void AddRow(const Row& a) {
    std::vector<std::string> parts;
    for (int i : {2, 3, 4}) {
      std::string_view v = Val(a.fields[i]);
      if (!v.empty()) parts.emplace_back(v);
    }
    Add(P().address, Join(parts, ", "));
    Add(P().country, OfacCountry(Val(a.fields[4])));
    Add(P().notes, Val(a.fields[5]));
  }

  const Entry& entry_;
  const ReadContext& ctx_;
  Entity e_;
  uint32_t ref_ = 0;
  bool vessel_ = false;
  Problem problem_;
};

// ---------------------------------------------------------------------------------------

class OfacRead {
 public:
  OfacRead(const InputUnit& unit, const ReadContext& ctx, RecordSink* sink)
      : unit_(unit), ctx_(ctx), sink_(sink) {}

  Result<int64_t> Run() {
    if (unit_.paths.empty()) return Status::InvalidArgument("ofac-csv: input unit has no files");
    RETURN_IF_ERROR(OpenFiles());
    RETURN_IF_ERROR(ReadPrimary());
    for (size_t i = 1; i < files_.size(); ++i) RETURN_IF_ERROR(ReadCompanion(files_[i]));
    for (const Entry& entry : entries_) RETURN_IF_ERROR(Emit(entry));
    return rows_;
  }

 private:
  Status OpenFiles() {
    for (size_t i = 0; i < unit_.paths.size(); ++i) {
      const std::string& path = unit_.paths[i];
      std::string base = path.substr(path.find_last_of('/') + 1);
      PartFile pf;
      pf.display = i < ctx_.display_names.size() && !ctx_.display_names[i].empty()
                       ? ctx_.display_names[i]
                       : (i == 0 && !unit_.display.empty() ? unit_.display : base);
      std::string lower = AsciiLower(base);
      if (i == 0) {
        pf.part = Part::kPrimary;
      } else if (lower == "alt.csv" || lower == "cons_alt.csv") {
        pf.part = Part::kAlt;
      } else if (lower == "add.csv" || lower == "cons_add.csv") {
        pf.part = Part::kAdd;
      } else if (lower == "sdn_comments.csv" || lower == "cons_comments.csv") {
        pf.part = Part::kComments;
      } else {
        return Status::InvalidArgument(pf.display +
                                       ": not an OFAC companion file (expected alt.csv, add.csv or "
                                       "sdn_comments.csv, or their cons_ forms)");
      }
      switch (pf.part) {
        case Part::kPrimary:
          pf.columns = kSdnColumns.data(), pf.num_columns = kSdnColumns.size();
          break;
        case Part::kAlt:
          pf.columns = kAltColumns.data(), pf.num_columns = kAltColumns.size();
          break;
        case Part::kAdd:
          pf.columns = kAddColumns.data(), pf.num_columns = kAddColumns.size();
          break;
        case Part::kComments:
          pf.columns = kCommentColumns.data(), pf.num_columns = kCommentColumns.size();
          break;
      }
      auto file = MappedFile::Open(path);
      if (!file.ok()) {
        Status st = file.status();
        return st.Annotate(pf.display);
      }
      pf.file = std::move(file).value();
      files_.push_back(std::move(pf));
    }
    primary_name_ = files_[0].display.substr(files_[0].display.find_last_of('/') + 1);
    return Status::Ok();
  }

  Status Quarantine(const PartFile& f, const CsvRecord& rec, std::string_view ent_num,
                    std::string field, std::string reason) {
    std::string rid = AllDigits(ent_num) ? std::string(ent_num) : std::string();
    return sink_->Quarantine(
        MakeQuarantine(f.display, rec, std::move(rid), std::move(field), std::move(reason)));
  }

  // Checks the shape of a row: quoting, field count, UTF-8, ent_num. Quarantines it and
  // sets *ok = false if it is malformed.
  Status CheckShape(const PartFile& f, const CsvRecord& rec, bool* ok) {
    *ok = false;
    std::string_view ent_num = rec.fields.empty() ? "" : Trim(rec.fields[0]);
    if (!rec.error.empty()) {
      size_t c = rec.error_field;
      return Quarantine(f, rec, ent_num, c < f.num_columns ? std::string(f.columns[c]) : "",
                        rec.error);
    }
    if (rec.fields.size() != f.num_columns) {
      return Quarantine(f, rec, ent_num, "",
                        "expected " + std::to_string(f.num_columns) + " fields, found " +
                            std::to_string(rec.fields.size()));
    }
    if (!IsValidUtf8(rec.raw)) {
      for (size_t i = 0; i < f.num_columns; ++i) {
        if (!IsValidUtf8(rec.fields[i]))
          return Quarantine(f, rec, ent_num, std::string(f.columns[i]), "invalid UTF-8");
      }
      return Quarantine(f, rec, ent_num, "", "invalid UTF-8");
    }
    if (ent_num.empty() || ent_num == "-0-") {
      return Quarantine(f, rec, "", "ent_num", "required value is empty");
    }
    if (!AllDigits(ent_num)) {
      return Quarantine(f, rec, "", "ent_num", "not a number: " + QuoteForMessage(ent_num));
    }
    *ok = true;
    return Status::Ok();
  }

  static Row MakeRow(const PartFile& f, CsvRecord& rec) {
    Row r;
    r.file = &f;
    r.fields = std::move(rec.fields);
    r.line = rec.line;
    r.raw = rec.raw;
    return r;
  }

  Status ReadPrimary() {
    const PartFile& f = files_[0];
    CsvReader csv(f.file->data());
    CsvRecord rec;
    int64_t n = 0;
    while (csv.Next(&rec)) {
      ++n;
      ++rows_;
      bool ok = false;
      RETURN_IF_ERROR(CheckShape(f, rec, &ok));
      if (!ok) {
        RememberQuarantined(rec);
        continue;
      }
      std::string ent_num(Trim(rec.fields[0]));
      auto [it, inserted] = index_.emplace(ent_num, entries_.size());
      if (!inserted) {
        RETURN_IF_ERROR(Quarantine(f, rec, ent_num, "ent_num",
                                   "duplicate ent_num " + ent_num + " (first on line " +
                                       std::to_string(entries_[it->second].primary.line) + ")"));
        continue;
      }
      entries_.push_back(Entry{MakeRow(f, rec), {}});
    }
    if (n == 0) return Status::Corruption(f.display + ": empty file (no OFAC rows)");
    return Status::Ok();
  }

  // A primary row quarantined for its shape still has an ent_num worth remembering, so that
  // its companion rows can say why they cannot be joined.
  void RememberQuarantined(const CsvRecord& rec) {
    if (rec.fields.empty()) return;
    std::string_view ent_num = Trim(rec.fields[0]);
    if (AllDigits(ent_num)) quarantined_.emplace(std::string(ent_num), rec.line);
  }

  Status ReadCompanion(const PartFile& f) {
    CsvReader csv(f.file->data());
    CsvRecord rec;
    while (csv.Next(&rec)) {
      ++rows_;
      bool ok = false;
      RETURN_IF_ERROR(CheckShape(f, rec, &ok));
      if (!ok) continue;
      std::string ent_num(Trim(rec.fields[0]));
      if (f.part == Part::kAlt) {
        std::string type = AsciiLower(Val(rec.fields[2]));
        if (type != "aka" && type != "fka" && type != "nka") {
          RETURN_IF_ERROR(Quarantine(
              f, rec, ent_num, "alt_type",
              "unknown alt_type " + QuoteForMessage(Val(rec.fields[2])) + " (expected aka, fka or nka)"));
          continue;
        }
        if (Val(rec.fields[3]).empty()) {
          RETURN_IF_ERROR(Quarantine(f, rec, ent_num, "alt_name", "required value is empty"));
          continue;
        }
      }
      auto it = index_.find(ent_num);
      if (it == index_.end()) {
        auto q = quarantined_.find(ent_num);
        std::string why = q == quarantined_.end()
                              ? "no primary entry " + ent_num + " in " + primary_name_
                              : "primary entry " + ent_num + " (" + primary_name_ + " line " +
                                    std::to_string(q->second) + ") is quarantined";
        RETURN_IF_ERROR(Quarantine(f, rec, ent_num, "ent_num", std::move(why)));
        continue;
      }
      entries_[it->second].absorbed.push_back(MakeRow(f, rec));
    }
    return Status::Ok();
  }

  Status Emit(const Entry& entry) {
    Entity e;
    Problem problem = EntityBuilder(entry, ctx_).Build(&e);
    if (!problem.any()) {
      return sink_->Record(std::move(e), 1 + static_cast<int64_t>(entry.absorbed.size()));
    }
    const Row& r = entry.primary;
    std::string ent_num(Trim(r.fields[0]));
    RETURN_IF_ERROR(sink_->Quarantine(RowQuarantine(r, ent_num, problem.field, problem.reason)));
    for (const Row& a : entry.absorbed) {
      RETURN_IF_ERROR(sink_->Quarantine(
          RowQuarantine(a, ent_num, "ent_num",
                        "primary entry " + ent_num + " (" + primary_name_ + " line " +
                            std::to_string(r.line) + ") is quarantined")));
    }
    return Status::Ok();
  }

  static QuarantineEntry RowQuarantine(const Row& r, const std::string& ent_num, std::string field,
                                       std::string reason) {
    CsvRecord rec;
    rec.line = r.line;
    rec.raw = r.raw;
    return MakeQuarantine(r.file->display, rec, ent_num, std::move(field), std::move(reason));
  }

  const InputUnit& unit_;
  const ReadContext& ctx_;
  RecordSink* sink_;
  std::vector<PartFile> files_;
  std::string primary_name_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> index_;         // ent_num -> entries_ index
  std::unordered_map<std::string, int64_t> quarantined_;  // ent_num -> line, primary rows
  int64_t rows_ = 0;
};

class OfacCsvReader : public Reader {
 public:
  std::string name() const override { return "ofac-csv"; }
  Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx, RecordSink* sink) override {
    try {
      return OfacRead(unit, ctx, sink).Run();
    } catch (const std::exception& ex) {
      return Status::Internal(unit.display + ": ofac-csv reader failed: " + ex.what());
    }
  }
};

}  // namespace

std::unique_ptr<Reader> NewOfacCsvReader() { return std::make_unique<OfacCsvReader>(); }

}  // namespace interdict
