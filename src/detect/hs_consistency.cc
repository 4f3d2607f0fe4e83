// TRD-HS-MISMATCH: the goods description does not fit the declared HS code (issue 7,
// "Description <-> code consistency"; docs/trade.md#description--code-consistency).
//
// The text model (trade/hs_text.h) ranks the nomenclature's codes for the description; the
// declared code's heading and chapter are compared with the best fit. It abstains when the
// description is uninformative ("spare parts", "goods"), mostly in words the nomenclature
// does not use, or matches nothing strongly, because misdeclaration hides behind vague
// descriptions and a flag there would only measure the vagueness.
//
// Nomenclature: the built-in chapters and headings, or the full one (with subheadings) from
// trade.hs_path, a folder holding the datasets/harmonized-system files (and optionally the
// HS 2022 -> HS 2017 correlation) or a single nomenclature CSV.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "detect/detectors.h"
#include "trade/hs.h"
#include "trade/hs_text.h"

namespace interdict {
namespace {

using trade::HsCorrelation;
using trade::HsEdition;
using trade::HsNomenclature;

std::string Fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

std::string Quote(const std::string& s) {
  return "'" + (s.size() > 80 ? s.substr(0, 77) + "..." : s) + "'";
}

// The nomenclatures and correlation the detector works with.
struct HsReference {
  std::optional<HsNomenclature> main_loaded, other_loaded;
  std::optional<HsCorrelation> correlation;
  const HsNomenclature* main = nullptr;   // the model's edition
  const HsNomenclature* other = nullptr;  // the other edition (for codes declared in it)
};

Status LoadReference(const Config& cfg, HsEdition edition, HsReference* ref) {
  namespace fs = std::filesystem;
  HsEdition other_ed = edition == HsEdition::kHs2022 ? HsEdition::kHs2017 : HsEdition::kHs2022;
  std::string path = cfg.GetString("trade.hs_path", "");
  auto file_of = [](HsEdition e) {
    return std::string("harmonized-system-") + (e == HsEdition::kHs2017 ? "hs2017" : "hs2022") +
           ".csv";
  };
  std::error_code ec;
  if (!path.empty() && fs::is_directory(path, ec)) {
    auto m = HsNomenclature::LoadCsv((fs::path(path) / file_of(edition)).string(), edition);
    if (!m.ok()) return m.status();
    ref->main_loaded = std::move(*m);
    fs::path o = fs::path(path) / file_of(other_ed);
    if (fs::exists(o, ec)) {
      auto n = HsNomenclature::LoadCsv(o.string(), other_ed);
      if (!n.ok()) return n.status();
      ref->other_loaded = std::move(*n);
    }
    fs::path c = fs::path(path) / "hs2022_to_hs2017_correlation.csv";
    if (fs::exists(c, ec)) {
      auto k = HsCorrelation::LoadCsv(c.string());
      if (!k.ok()) return k.status();
      ref->correlation = std::move(*k);
    }
  } else if (!path.empty()) {
    auto m = HsNomenclature::LoadCsv(path, edition);
    if (!m.ok()) return m.status();
    ref->main_loaded = std::move(*m);
  }
  ref->main = ref->main_loaded ? &*ref->main_loaded : &HsNomenclature::BuiltIn(edition);
  ref->other = ref->other_loaded ? &*ref->other_loaded : &HsNomenclature::BuiltIn(other_ed);
  return Status::Ok();
}

// The declared code's heading(s) in the model's edition: its own heading when that exists
// there; else, for a code of the other edition, the headings its subheading corresponds to
// (correlation, n:n groups left out) or, without a correlation, the two headings that were
// renumbered between HS 2017 and HS 2022. Empty when nothing fits.
std::vector<std::string> DeclaredHeadings(const HsReference& ref, const std::string& digits) {
  std::string heading = digits.substr(0, 4);
  if (ref.main->Find(heading)) return {heading};
  if (!ref.other->Find(heading)) return {};
  std::vector<std::string> out;
  if (ref.correlation) {
    HsEdition from = ref.other->edition();
    for (const std::string& c : ref.correlation->Map(digits.substr(0, 6), from, true))
      if (ref.main->Find(c.substr(0, 4)) &&
          std::find(out.begin(), out.end(), c.substr(0, 4)) == out.end())
        out.push_back(c.substr(0, 4));
    return out;
  }
  static const std::pair<const char*, const char*> kRenumbered[] = {
      {"8107", "8112"},  // cadmium moved into "other base metals"
      {"8803", "8807"},  // aircraft parts
  };
  for (const auto& [h17, h22] : kRenumbered) {
    if (ref.other->edition() == HsEdition::kHs2017 && heading == h17) out.push_back(h22);
    if (ref.other->edition() == HsEdition::kHs2022 && heading == h22) out.push_back(h17);
  }
  return out;
}

std::string Describe(const HsNomenclature& nom, const std::string& code) {
  const trade::HsEntry* e = nom.Find(code);
  if (!e) return code;
  std::string d =
      e->description.size() > 60 ? e->description.substr(0, 57) + "..." : e->description;
  return code + " (" + d + ")";
}

class HsConsistencyDetector : public Detector {
 public:
  std::string name() const override { return "hs-consistency"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    if (w.declarations.empty()) return Status::Ok();
    auto edition = trade::ParseHsEdition(cfg.GetString("trade.hs.edition", "2022"));
    if (!edition)
      return Status::InvalidArgument("trade.hs.edition must be 2017 or 2022, not '" +
                                     cfg.GetString("trade.hs.edition", "") + "'");
    HsReference ref;
    if (Status s = LoadReference(cfg, *edition, &ref); !s.ok()) return s;
    trade::HsTextModel model(*ref.main);
    trade::HsConsistencyOptions opt;
    opt.min_score = cfg.GetDouble("trade.hs.min_score", opt.min_score);
    opt.min_coverage = cfg.GetDouble("trade.hs.min_coverage", opt.min_coverage);
    opt.min_words = static_cast<int>(cfg.GetInt("trade.hs.min_words", opt.min_words));
    opt.chapter_ratio = cfg.GetDouble("trade.hs.chapter_ratio", opt.chapter_ratio);
    opt.heading_ratio = cfg.GetDouble("trade.hs.heading_ratio", opt.heading_ratio);
    opt.heading_min_rank =
        static_cast<int>(cfg.GetInt("trade.hs.heading_min_rank", opt.heading_min_rank));
    size_t top = static_cast<size_t>(std::max<int64_t>(1, cfg.GetInt("trade.hs.top", 3)));
    double weight = FlagWeight(cfg, "TRD-HS-MISMATCH");

    for (const Entity& d : w.declarations) {
      const std::string& desc = d.First("goods_description");
      if (desc.empty()) continue;
      trade::HsCodeInfo info = ref.main->Check(d.First("hs_code"));
      if (!info.error.empty()) continue;  // malformed codes are the reader's business
      std::vector<std::string> headings = DeclaredHeadings(ref, info.digits);
      trade::HsConsistency c = trade::CheckDescription(model, headings, desc, opt);
      using V = trade::HsConsistency::Verdict;
      if (c.verdict != V::kChapterMismatch && c.verdict != V::kHeadingMismatch) continue;
      bool chapter = c.verdict == V::kChapterMismatch;
      Finding f;
      f.code = "TRD-HS-MISMATCH";
      f.subject_id = d.id();
      f.score = weight * c.strength;
      std::string fits;
      const auto& best = chapter ? c.scores.chapters : c.scores.headings;
      for (size_t i = 0; i < best.size() && i < top; ++i) {
        // Name the best code inside each of the best chapters/headings.
        std::string code = best[i].code;
        for (const trade::HsFit& x : c.scores.codes)
          if (x.code.rfind(best[i].code, 0) == 0) {
            code = x.code;
            break;
          }
        fits += (i ? "; " : "") + Describe(*ref.main, code) + " " + Fmt(best[i].score);
      }
      std::string declared = info.digits.substr(0, chapter ? 2 : 4);
      f.explanation = "goods description " + Quote(desc) + " fits " + fits + "; declared HS " +
                      info.digits + " is in " + (chapter ? "chapter " : "heading ") +
                      Describe(*ref.main, declared) + ", scored " +
                      Fmt(chapter ? c.chapter_score : c.heading_score) + " (" +
                      HsEditionName(ref.main->edition()) +
                      (ref.main->has_subheadings() ? "" : " built-in headings") + ")";
      f.evidence = {EvidenceOf(d)};
      f.related_declarations = {d.id()};
      out->push_back(std::move(f));
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Detector> NewHsConsistencyDetector() {
  return std::make_unique<HsConsistencyDetector>();
}

}  // namespace interdict
