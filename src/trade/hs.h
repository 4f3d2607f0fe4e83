// The Harmonized System nomenclature (WCO HS 2017 and HS 2022): its hierarchy, code
// validation, the correlation between the two editions, and the Common High Priority List
// read in either edition (issue 7, "HS reference"; docs/trade.md#hs-reference).
//
// Levels: chapter (2 digits) > heading (4) > subheading (6). Declared codes may carry a
// national extension (7-10 digits: CN, HTS, ...); it is kept and validated for form, but
// the nomenclature only knows the international six digits.
//
// Two sources of the nomenclature:
//  - HsNomenclature::BuiltIn(): chapters and headings of both editions with shortened
//    texts, compiled in (hs_builtin.cc), so every part of the project works without
//    ../shared;
//  - HsNomenclature::LoadCsv(): the full nomenclature (with subheadings) in the
//    datasets/harmonized-system layout `section,hscode,description,parent,level`
//    (config key trade.hs_path; docs/trade.md).
//
// Thread-safety: objects are immutable after construction; const methods are safe from any
// thread. BuiltIn() builds its tables once (thread-safe static initialisation).
#ifndef INTERDICT_TRADE_HS_H_
#define INTERDICT_TRADE_HS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interdict/status.h"
#include "model/reference.h"

namespace interdict {
namespace trade {

enum class HsEdition { kHs2017 = 2017, kHs2022 = 2022 };
const char* HsEditionName(HsEdition e);  // "HS2017", "HS2022"
// "2017", "HS2017", "hs 2017", "2022", ... -> edition; nullopt otherwise.
std::optional<HsEdition> ParseHsEdition(std::string_view s);

struct HsEntry {
  std::string code;         // 2, 4 or 6 digits
  std::string section;      // Roman numeral of the HS section ("" when unknown)
  std::string description;  // official text (shortened in the built-in table)
  // Built-in headings only: words of the subheadings the built-in table leaves out, so the
  // text model still knows them ("lithium" for 8507). Empty for a loaded nomenclature.
  std::string keywords;
  int level() const { return static_cast<int>(code.size()); }
};

// A declared code taken apart and checked against a nomenclature.
struct HsCodeInfo {
  std::string error;   // non-empty: not an HS code at all (format); other fields empty
  std::string digits;  // normalised (separators removed, leading zeros kept)
  std::string chapter, heading, subheading;  // prefixes ("" when the code is shorter)
  std::string national;                      // digits beyond the sixth ("" if none)
  bool chapter_known = false, heading_known = false, subheading_known = false;
  // The deepest level the nomenclature confirms the code to (0, 2, 4 or 6). A built-in
  // nomenclature has no subheadings, so 4 is the best it can confirm.
  int known_level() const;
};

class HsNomenclature {
 public:
  // Reads the datasets/harmonized-system layout. Rows with an empty code (the HS 2017 file
  // ends with ",,,,") and the TOTAL row are skipped; a code whose length does not match its
  // level, or whose parent is missing, is an error naming the line.
  static Result<HsNomenclature> LoadCsv(const std::string& path, HsEdition edition);
  static Result<HsNomenclature> ParseCsv(std::string_view data, HsEdition edition,
                                         const std::string& source_name);
  // Chapters and headings of `edition` (compiled in; no subheadings).
  static const HsNomenclature& BuiltIn(HsEdition edition);

  HsEdition edition() const { return edition_; }
  bool has_subheadings() const { return count_[6] > 0; }
  size_t CountLevel(int level) const { return level >= 0 && level <= 6 ? count_[level] : 0; }
  const std::vector<HsEntry>& entries() const { return entries_; }
  // Exact lookup of a 2-, 4- or 6-digit code; nullptr when absent.
  const HsEntry* Find(std::string_view code) const;
  // Chapter, heading and subheading entries above (and including) `code`, as far as known.
  std::vector<const HsEntry*> Path(std::string_view code) const;
  // Validates form (6-10 digits, chapter 01-99, via core/validate) and looks the code up.
  HsCodeInfo Check(std::string_view declared) const;

 private:
  void Index();
  HsEdition edition_ = HsEdition::kHs2022;
  std::vector<HsEntry> entries_;  // in file order (chapters before their headings)
  std::unordered_map<std::string, size_t> by_code_;
  size_t count_[7] = {0, 0, 0, 0, 0, 0, 0};
};

// The correlation between HS 2022 and HS 2017 subheadings (UN Statistics Division tables as
// converted in ../shared/data/trade/hs: `hs2022,hs2017,relationship` with 1:1, n:1, 1:n,
// n:n; or the two-column one-to-one "conversion" table `hs2022,hs2017`).
class HsCorrelation {
 public:
  enum class Relation { kOneToOne, kManyToOne, kOneToMany, kManyToMany, kConversion };
  struct Link {
    std::string hs2022, hs2017;
    Relation relation;
  };
  // Header must name hs2022 and hs2017 (any order, extra columns ignored); relationship
  // optional. Codes must be 6 digits; a bad row is an error naming the line.
  static Result<HsCorrelation> LoadCsv(const std::string& path);
  static Result<HsCorrelation> ParseCsv(std::string_view data, const std::string& source_name);

  size_t size() const { return links_.size(); }
  // Links of a 6-digit code read in `from` (empty when the code is not in the table).
  std::vector<Link> LinksOf(std::string_view hs6, HsEdition from) const;
  // The codes of the other edition that `hs6` (read in `from`) corresponds to. With
  // `narrow_only`, n:n links are left out: HS 2022 rewrote the "parts" notes of chapters
  // 84/85/90, which ties hundreds of codes together in n:n groups that say little.
  std::vector<std::string> Map(std::string_view hs6, HsEdition from, bool narrow_only) const;

 private:
  std::vector<Link> links_;
  std::multimap<std::string, size_t> by2022_, by2017_;
};

const char* RelationName(HsCorrelation::Relation r);

// A CHPL entry found for a code read in some edition.
struct ChplHit {
  const ChplEntry* entry = nullptr;  // the HS 2022 list entry
  // True when the code covers more than the listed goods: an HS 2017 predecessor that was
  // split in 2022 into CHPL and non-CHPL subheadings (e.g. 854140 -> 854141..854149).
  bool partial = false;
};
// The CHPL entry covering `code` (6-10 digits) read in `edition`. HS 2022: the list itself.
// HS 2017: codes that exist unchanged in both editions map to themselves, and the list's
// subheadings created in 2022 map from their HS 2017 predecessors (built-in table below,
// from the WCO/UN correlation); with `corr`, its 1:1 and n:1 links are used as well.
std::optional<ChplHit> FindChplIn(std::string_view code, HsEdition edition,
                                  const HsCorrelation* corr = nullptr);
// The HS 2017 codes under which the goods of a CHPL (HS 2022) code were declared.
std::vector<std::string> ChplHs2017Codes(std::string_view chpl_hs2022);

}  // namespace trade
}  // namespace interdict

#endif  // INTERDICT_TRADE_HS_H_
