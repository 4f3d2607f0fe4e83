// HS nomenclature, correlation and CHPL-by-edition (see hs.h).
#include "trade/hs.h"

#include <algorithm>
#include <cctype>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"
#include "trade/hs_builtin.h"

namespace interdict {
namespace trade {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Column index of `name` in a header (case-insensitive, blanks and a BOM trimmed); -1 if absent.
int Column(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = Trim(header[i]);
    if (h.rfind("\xEF\xBB\xBF", 0) == 0) h = h.substr(3);
    if (h.size() == name.size() && std::equal(h.begin(), h.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return static_cast<int>(i);
  }
  return -1;
}

std::string Field(const CsvRecord& r, int col) {
  return col >= 0 && static_cast<size_t>(col) < r.fields.size() ? Trim(r.fields[col]) : "";
}

// The CHPL subheadings created in HS 2022 and the HS 2017 subheadings their goods were
// declared under. From the UN correlation HS 2022 -> HS 2017 (n:1 links: 854800 <- 854890,
// 852589 <- 852580, 854149 <- 854140, 880730 <- 880330) and the WCO correlation table for
// the 2022 split of 8541.50 "other semiconductor devices" into 8541.51 (semiconductor-based
// transducers) and 8541.59 (the UN table lists that split only through its n:n groups).
// `partial`: the HS 2017 code also covers goods that went to non-CHPL HS 2022 codes.
struct Predecessor {
  const char* hs2022;
  const char* hs2017;
  bool partial;
};
constexpr Predecessor kChplPredecessors[] = {
    {"854800", "854890", true},   // also flat-panel modules (8524) and e-waste (8549)
    {"852589", "852580", true},   // also 852581..852583 (high-speed, radiation-hardened, night)
    {"854149", "854140", true},   // also LEDs and photovoltaic cells (854141..854143)
    {"880730", "880330", false},  // parts of aeroplanes and helicopters
    {"854151", "854150", false},  // 854150 split into 854151 and 854159, both listed
    {"854159", "854150", false},
};

}  // namespace

const char* HsEditionName(HsEdition e) { return e == HsEdition::kHs2017 ? "HS2017" : "HS2022"; }

std::optional<HsEdition> ParseHsEdition(std::string_view s) {
  std::string d;
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) d += c;
  if (d == "2017" || d == "17") return HsEdition::kHs2017;
  if (d == "2022" || d == "22") return HsEdition::kHs2022;
  return std::nullopt;
}

int HsCodeInfo::known_level() const {
  if (subheading_known) return 6;
  if (heading_known) return 4;
  if (chapter_known) return 2;
  return 0;
}

void HsNomenclature::Index() {
  by_code_.clear();
  std::fill(std::begin(count_), std::end(count_), 0);
  for (size_t i = 0; i < entries_.size(); ++i) {
    by_code_[entries_[i].code] = i;
    ++count_[entries_[i].code.size()];
  }
}

Result<HsNomenclature> HsNomenclature::ParseCsv(std::string_view data, HsEdition edition,
                                                const std::string& source_name) {
  HsNomenclature n;
  n.edition_ = edition;
  CsvReader reader(data);
  CsvRecord rec;
  if (!reader.Next(&rec)) return Status::InvalidArgument(source_name + ": empty file");
  int c_code = Column(rec.fields, "hscode"), c_desc = Column(rec.fields, "description"),
      c_parent = Column(rec.fields, "parent"), c_level = Column(rec.fields, "level"),
      c_section = Column(rec.fields, "section");
  if (c_code < 0 || c_desc < 0 || c_level < 0)
    return Status::InvalidArgument(source_name +
                                   ": header must name hscode, description and level");
  std::vector<std::pair<std::string, int64_t>> parents;  // checked once all rows are in
  while (reader.Next(&rec)) {
    std::string where = source_name + ":" + std::to_string(rec.line);
    if (!rec.error.empty()) return Status::InvalidArgument(where + ": " + rec.error);
    std::string code = Field(rec, c_code), level = Field(rec, c_level);
    if (code.empty() || code == "TOTAL") continue;  // trailing ",,,," row; the root
    if (!AllDigits(code) || (code.size() != 2 && code.size() != 4 && code.size() != 6))
      return Status::InvalidArgument(where + ": hscode '" + code + "' is not 2, 4 or 6 digits");
    if (level != std::to_string(code.size()))
      return Status::InvalidArgument(where + ": level " + level + " does not fit code " + code);
    HsEntry e{code, Field(rec, c_section), Field(rec, c_desc), ""};
    if (code.size() > 2) {
      std::string parent = Field(rec, c_parent);
      if (c_parent >= 0 && parent != code.substr(0, code.size() - 2))
        return Status::InvalidArgument(where + ": parent '" + parent + "' of " + code +
                                       " is not its prefix");
      parents.push_back({code.substr(0, code.size() - 2), rec.line});
    }
    n.entries_.push_back(std::move(e));
  }
  n.Index();
  for (const auto& [p, line] : parents)
    if (!n.by_code_.count(p))
      return Status::InvalidArgument(source_name + ":" + std::to_string(line) + ": parent " + p +
                                     " is not in the file");
  if (n.entries_.empty()) return Status::InvalidArgument(source_name + ": no HS codes");
  return n;
}

Result<HsNomenclature> HsNomenclature::LoadCsv(const std::string& path, HsEdition edition) {
  auto f = MappedFile::Open(path);
  if (!f.ok()) return f.status();
  return ParseCsv((*f)->data(), edition, path);
}

const HsNomenclature& HsNomenclature::BuiltIn(HsEdition edition) {
  auto build = [](HsEdition ed) {
    auto* n = new HsNomenclature();  // never freed: no static destruction order issues
    n->edition_ = ed;
    int bit = ed == HsEdition::kHs2017 ? 1 : 2;
    for (size_t i = 0; i < kBuiltinHsSize; ++i)
      if (kBuiltinHs[i].editions & bit)
        n->entries_.push_back({kBuiltinHs[i].code, kBuiltinHs[i].section, kBuiltinHs[i].description,
                               kBuiltinHs[i].keywords});
    n->Index();
    return n;
  };
  static const HsNomenclature* hs2017 = build(HsEdition::kHs2017);
  static const HsNomenclature* hs2022 = build(HsEdition::kHs2022);
  return edition == HsEdition::kHs2017 ? *hs2017 : *hs2022;
}

const HsEntry* HsNomenclature::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &entries_[it->second];
}

std::vector<const HsEntry*> HsNomenclature::Path(std::string_view code) const {
  std::vector<const HsEntry*> out;
  for (size_t len : {2, 4, 6})
    if (code.size() >= len)
      if (const HsEntry* e = Find(code.substr(0, len))) out.push_back(e);
  return out;
}

HsCodeInfo HsNomenclature::Check(std::string_view declared) const {
  HsCodeInfo info;
  info.error = ValidateHsCode(declared);
  if (!info.error.empty()) return info;
  info.digits = NormalizeHsCode(declared);
  info.chapter = info.digits.substr(0, 2);
  info.heading = info.digits.substr(0, 4);
  info.subheading = info.digits.substr(0, 6);
  info.national = info.digits.substr(6);
  info.chapter_known = Find(info.chapter) != nullptr;
  info.heading_known = info.chapter_known && Find(info.heading) != nullptr;
  info.subheading_known = info.heading_known && Find(info.subheading) != nullptr;
  return info;
}

const char* RelationName(HsCorrelation::Relation r) {
  switch (r) {
    case HsCorrelation::Relation::kOneToOne:
      return "1:1";
    case HsCorrelation::Relation::kManyToOne:
      return "n:1";
    case HsCorrelation::Relation::kOneToMany:
      return "1:n";
    case HsCorrelation::Relation::kManyToMany:
      return "n:n";
    case HsCorrelation::Relation::kConversion:
      return "conversion";
  }
  return "?";
}

Result<HsCorrelation> HsCorrelation::ParseCsv(std::string_view data,
                                              const std::string& source_name) {
  HsCorrelation c;
  CsvReader reader(data);
  CsvRecord rec;
  if (!reader.Next(&rec)) return Status::InvalidArgument(source_name + ": empty file");
  int c22 = Column(rec.fields, "hs2022"), c17 = Column(rec.fields, "hs2017"),
      crel = Column(rec.fields, "relationship");
  if (c22 < 0 || c17 < 0)
    return Status::InvalidArgument(source_name + ": header must name hs2022 and hs2017");
  while (reader.Next(&rec)) {
    std::string where = source_name + ":" + std::to_string(rec.line);
    if (!rec.error.empty()) return Status::InvalidArgument(where + ": " + rec.error);
    Link l{Field(rec, c22), Field(rec, c17), Relation::kConversion};
    if (l.hs2022.empty() && l.hs2017.empty()) continue;
    if (l.hs2022.size() != 6 || !AllDigits(l.hs2022) || l.hs2017.size() != 6 ||
        !AllDigits(l.hs2017))
      return Status::InvalidArgument(where + ": codes must be 6 digits ('" + l.hs2022 + "', '" +
                                     l.hs2017 + "')");
    if (crel >= 0) {
      std::string r = Field(rec, crel);
      if (r == "1:1")
        l.relation = Relation::kOneToOne;
      else if (r == "n:1")
        l.relation = Relation::kManyToOne;
      else if (r == "1:n")
        l.relation = Relation::kOneToMany;
      else if (r == "n:n")
        l.relation = Relation::kManyToMany;
      else
        return Status::InvalidArgument(where + ": unknown relationship '" + r + "'");
    }
    c.by2022_.insert({l.hs2022, c.links_.size()});
    c.by2017_.insert({l.hs2017, c.links_.size()});
    c.links_.push_back(std::move(l));
  }
  if (c.links_.empty()) return Status::InvalidArgument(source_name + ": no correlation rows");
  return c;
}

Result<HsCorrelation> HsCorrelation::LoadCsv(const std::string& path) {
  auto f = MappedFile::Open(path);
  if (!f.ok()) return f.status();
  return ParseCsv((*f)->data(), path);
}

std::vector<HsCorrelation::Link> HsCorrelation::LinksOf(std::string_view hs6,
                                                        HsEdition from) const {
  const auto& idx = from == HsEdition::kHs2022 ? by2022_ : by2017_;
  std::vector<Link> out;
  auto [b, e] = idx.equal_range(std::string(hs6.substr(0, 6)));
  for (auto it = b; it != e; ++it) out.push_back(links_[it->second]);
  return out;
}

std::vector<std::string> HsCorrelation::Map(std::string_view hs6, HsEdition from,
                                            bool narrow_only) const {
  std::vector<std::string> out;
  for (const Link& l : LinksOf(hs6, from)) {
    if (narrow_only && l.relation == Relation::kManyToMany) continue;
    const std::string& other = from == HsEdition::kHs2022 ? l.hs2017 : l.hs2022;
    if (std::find(out.begin(), out.end(), other) == out.end()) out.push_back(other);
  }
  return out;
}

std::optional<ChplHit> FindChplIn(std::string_view code, HsEdition edition,
                                  const HsCorrelation* corr) {
  std::string digits = NormalizeHsCode(code);
  if (digits.size() < 6) return std::nullopt;
  std::string hs6 = digits.substr(0, 6);
  if (edition == HsEdition::kHs2022) {
    if (const ChplEntry* e = FindChpl(hs6)) return ChplHit{e, false};
    return std::nullopt;
  }
  for (const Predecessor& p : kChplPredecessors)
    if (hs6 == p.hs2017) return ChplHit{FindChpl(p.hs2022), p.partial};
  // Codes not listed as predecessors exist unchanged in both editions (the built-in
  // table lists every CHPL code that was created in 2022).
  if (const ChplEntry* e = FindChpl(hs6)) return ChplHit{e, false};
  if (corr) {
    std::vector<std::string> next = corr->Map(hs6, HsEdition::kHs2017, /*narrow_only=*/true);
    size_t listed = 0;
    const ChplEntry* first = nullptr;
    for (const std::string& c : next)
      if (const ChplEntry* e = FindChpl(c)) {
        ++listed;
        if (!first) first = e;
      }
    if (first) return ChplHit{first, listed < next.size()};
  }
  return std::nullopt;
}

std::vector<std::string> ChplHs2017Codes(std::string_view chpl_hs2022) {
  std::vector<std::string> out;
  for (const Predecessor& p : kChplPredecessors)
    if (chpl_hs2022 == p.hs2022) out.push_back(p.hs2017);
  if (out.empty() && FindChpl(chpl_hs2022)) out.push_back(std::string(chpl_hs2022));
  return out;
}

}  // namespace trade
}  // namespace interdict
