// Which HS codes does a goods description fit? A BM25 text model built only from the
// nomenclature's own texts (issue 7, "Description <-> code consistency"; docs/trade.md).
//
// Documents are the finest codes of the nomenclature (subheadings of a full nomenclature,
// headings of the built-in one). A document's terms are its own text plus its heading's
// and chapter's texts at lower field weights (BM25F-style weighted term frequencies), so a
// short subheading such as "Other" still carries the words of its heading. A second BM25
// index over whole chapters (every text in the chapter) gives each chapter a prior that is
// added to its codes' scores: a description whose words are common in a chapter's
// vocabulary leans towards that chapter even when no single code matches well.
//
// Normalisation is deliberately light: lower case, letters only, English plural stripping
// (batteries -> battery, boxes -> box, circuits -> circuit), stop words and the
// nomenclature's boilerplate ("other", "n.e.c.", "whether or not", "parts thereof") dropped.
// Generic shipping words ("parts", "goods", "spare", "merchandise", "accessories") are
// dropped too: they say nothing about the chapter, and a description made only of them is
// uninformative (the model then returns no terms and callers abstain).
//
// Thread-safety: immutable after construction; Score() is const and safe from any thread.
#ifndef INTERDICT_TRADE_HS_TEXT_H_
#define INTERDICT_TRADE_HS_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "trade/hs.h"

namespace interdict {
namespace trade {

struct HsTextOptions {
  double k1 = 1.2, b = 0.75;     // BM25
  double heading_weight = 0.5;   // field weight of the parent heading's text in a subheading
  double chapter_weight = 0.25;  // field weight of the chapter's text in a code's document
  double prior_weight = 0.3;     // chapter-index score added to every code of the chapter
};

struct HsFit {
  std::string code;
  double score = 0;
  int words = 0;  // distinct description words the code's text contains
};

struct HsTextScores {
  // Query terms the model knows (normalised; unknown and generic words dropped). Empty:
  // the description is uninformative and every score below is 0.
  std::vector<std::string> terms;
  // Distinct informative words of the description (known to the model or not): with
  // `terms`, the share of the description the model understood.
  size_t informative = 0;
  double coverage() const {
    return informative == 0 ? 0 : static_cast<double>(terms.size()) / informative;
  }
  std::vector<HsFit> codes;     // best first (document codes: 6 or 4 digits)
  std::vector<HsFit> headings;  // best first: a heading's score is its best code's
  std::vector<HsFit> chapters;  // best first: likewise
  double best() const { return codes.empty() ? 0 : codes[0].score; }
  // The score of a heading (4 digits) or chapter (2 digits); 0 when it matched nothing.
  double ScoreOf(std::string_view prefix) const;
  // 1-based rank of a heading or chapter among those that matched; 0 when it matched nothing.
  int RankOf(std::string_view prefix) const;
};

class HsTextModel {
 public:
  // Keeps a pointer to `nomenclature`, which must outlive the model.
  explicit HsTextModel(const HsNomenclature& nomenclature, HsTextOptions options = {});

  // Normalised tokens of a text, generic and stop words removed (no vocabulary check).
  static std::vector<std::string> Tokenize(std::string_view text);
  // Scores every code; `top` limits HsTextScores::codes (headings/chapters are complete).
  HsTextScores Score(std::string_view description, size_t top = 10) const;
  // Inverse document frequency of a normalised term (0 when unknown).
  double Idf(const std::string& term) const;
  size_t documents() const { return codes_.docs.size(); }
  const HsNomenclature& nomenclature() const { return *nom_; }

 private:
  struct Doc {
    std::string code;
    double length = 0;  // weighted term count
  };
  struct Posting {
    uint32_t doc;
    float tf;  // weighted term frequency
  };
  struct Index {
    std::vector<Doc> docs;
    std::unordered_map<std::string, std::vector<Posting>> postings;
    double avg_length = 1;
    double IdfOf(size_t df) const;
  };
  struct QueryTerm {
    std::string term;
    double weight;  // 1, or 1/k for each of the k terms a synonym expands to
    int word;       // index of the description word it came from (capped at 63)
  };
  static std::vector<QueryTerm> QueryTerms(std::string_view text);
  static void Finish(Index* ix);
  // BM25 scores of `terms` over `ix` into `acc` (indexed by doc); `words` (optional): per
  // doc, the bit set of description words matched.
  void Accumulate(const Index& ix, const std::vector<QueryTerm>& terms, std::vector<double>* acc,
                  std::vector<uint64_t>* words) const;

  const HsNomenclature* nom_;
  HsTextOptions opt_;
  Index codes_, chapters_;
  std::unordered_map<std::string, uint32_t> chapter_doc_;  // chapter code -> doc in chapters_
};

// Does a goods description fit the declared code? Thresholds (config trade.hs.*;
// docs/trade.md#description--code-consistency).
struct HsConsistencyOptions {
  double min_score = 6.0;     // best code's score below this: too weak a match, abstain
  double min_coverage = 0.6;  // share of the description's words the model knows
  // The best code must contain this many distinct description words: a fit resting on one
  // word is as often a vocabulary gap ("alumina" is "aluminium oxide" in the HS, and the
  // word appears only in refractory bricks) as a misdeclaration.
  int min_words = 2;
  double chapter_ratio = 0.4;  // declared chapter's score / best below this: chapter mismatch
  // Declared heading's score / best below this ... (stricter than the chapter test: headings
  // of one chapter share much vocabulary, "preparations", "parts", "apparatus").
  double heading_ratio = 0.25;
  int heading_min_rank = 4;  // ... and ranked at least this low: heading mismatch
};

struct HsConsistency {
  enum class Verdict { kAbstain, kConsistent, kHeadingMismatch, kChapterMismatch };
  Verdict verdict = Verdict::kAbstain;
  std::string reason;  // why it abstained (empty otherwise)
  HsTextScores scores;
  double heading_score = 0, chapter_score = 0;  // the declared code's, best over candidates
  int heading_rank = 0, chapter_rank = 0;       // 0 = matched nothing
  // 0..1: how far the declared code is from the best fit (1 - its score / best) times 1 for
  // another chapter, 0.6 for another heading of the same chapter.
  double strength = 0;
};

// `declared_headings`: the 4-digit heading(s) of the declared code in the model's edition
// (several when a code of the other edition maps to several). Empty: abstain.
HsConsistency CheckDescription(const HsTextModel& model,
                               const std::vector<std::string>& declared_headings,
                               std::string_view description,
                               const HsConsistencyOptions& options = {});

}  // namespace trade
}  // namespace interdict

#endif  // INTERDICT_TRADE_HS_TEXT_H_
