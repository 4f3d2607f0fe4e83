// BM25 model of the HS texts (see hs_text.h). Hand-written: BM25 over ~6 k short documents
// is a few dozen lines, and the Debian search engines (Xapian, Lucene++) would bring a
// database and their own tokenisers for no gain at this size.
#include "trade/hs_text.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <unordered_set>

namespace interdict {
namespace trade {
namespace {

// English function words and the nomenclature's boilerplate.
const std::unordered_set<std::string>& StopWords() {
  static const auto* s = new std::unordered_set<std::string>{
      "a",          "an",      "the",       "and",        "or",        "of",          "in",
      "on",         "for",     "with",      "without",    "to",        "by",          "from",
      "at",         "as",      "be",        "is",         "are",       "its",         "it",
      "their",      "thereof", "therefor",  "whether",    "not",       "no",          "nor",
      "other",      "than",    "such",      "including",  "excluding", "incl",        "etc",
      "nes",        "nec",     "elsewhere", "specified",  "included",  "heading",     "chapter",
      "subheading", "kind",    "type",      "form",       "which",     "this",        "that",
      "these",      "those",   "any",       "all",        "but",       "only",        "per",
      "put",        "up",      "made",      "containing", "whereof",   "ex",          "also",
      "into",       "like",    "similar",   "more",       "less",      "exceeding",   "weighing",
      "having",     "being",   "nos",       "hs",         "code",      "description", "declared",
      "under",      "over",    "about",     "via",        "use",       "used",        "using",
      "ie",         "eg",      "wholly",    "mainly",     "solely",    "principally", "chiefly"};
  return *s;
}

// Words that name no kind of goods: a description made only of them is uninformative.
// Checked on the normalised (singular) form.
const std::unordered_set<std::string>& GenericWords() {
  static const auto* s = new std::unordered_set<std::string>{
      "part",          "spare",    "accessory", "good",       "general",   "merchandise",
      "article",       "product",  "item",      "material",   "equipment", "supply",
      "sundry",        "sundrie",  "various",   "assorted",   "misc",      "miscellaneous",
      "sample",        "cargo",    "commodity", "stuff",      "unit",      "set",
      "kit",           "new",      "pc",        "pcs",        "piece",     "component",
      "consumer",      "personal", "effect",    "industrial", "mixed",     "lot",
      "consignment",   "shipment", "order",     "quantity",   "package",   "packed",
      "brand",         "model",    "standard",  "quality",    "grade",     "spec",
      "specification", "general",  "stock",     "item",       "sku",       "batch",
      "bulk",          "loose",    "box",       "carton",     "pallet",    "container",
      "bag",           "case",     "crate",     "drum",       "parcel"};
  return *s;
}

// British spellings of the nomenclature for common American ones.
const std::unordered_map<std::string, std::string>& Spelling() {
  static const auto* m = new std::unordered_map<std::string, std::string>{
      {"aluminum", "aluminium"}, {"jewelry", "jewellery"}, {"color", "colour"},
      {"fiber", "fibre"},        {"center", "centre"},     {"tire", "tyre"},
      {"sulfur", "sulphur"},     {"sulfate", "sulphate"},  {"sulfide", "sulphide"},
      {"liter", "litre"},        {"meter", "metre"},       {"gasoline", "petrol"}};
  return *m;
}

// Trade words the nomenclature does not use, expanded to its own terms (written for this
// project from the HS texts: e.g. the HS says "automatic data processing machines", never
// "computer"). Applied after singularisation and spelling.
const std::unordered_map<std::string, std::vector<std::string>>& Synonyms() {
  static const auto* m = new std::unordered_map<std::string, std::vector<std::string>>{
      {"computer", {"automatic", "data", "processing"}},
      {"laptop", {"automatic", "data", "processing", "portable"}},
      {"notebook", {"automatic", "data", "processing", "portable"}},
      {"server", {"automatic", "data", "processing"}},
      {"smartphone", {"telephone", "cellular", "wireless"}},
      {"cellphone", {"telephone", "cellular", "wireless"}},
      {"phone", {"telephone"}},
      {"microprocessor", {"processor", "integrated", "circuit"}},
      {"cpu", {"processor", "integrated", "circuit"}},
      {"microcontroller", {"controller", "integrated", "circuit"}},
      {"mcu", {"controller", "integrated", "circuit"}},
      {"dram", {"memory", "integrated", "circuit"}},
      {"ic", {"integrated", "circuit"}},
      {"pcb", {"printed", "circuit"}},
      {"led", {"light", "emitting", "diode"}},
      {"gps", {"radio", "navigational"}},
      {"gnss", {"radio", "navigational"}},
      {"car", {"motor", "car"}},
      {"automobile", {"motor", "car"}},
      {"sedan", {"motor", "car"}},
      {"suv", {"motor", "car"}},
      {"truck", {"motor", "vehicle", "transport"}},
      {"lorry", {"motor", "vehicle", "transport"}},
      {"drone", {"unmanned", "aircraft"}},
      {"uav", {"unmanned", "aircraft"}},
      {"tv", {"television"}},
      {"fridge", {"refrigerator"}},
      {"whiskey", {"whisky"}},
      {"medicine", {"medicament"}},
      {"sneaker", {"footwear"}},
      {"shoe", {"footwear", "shoe"}}};
  return *m;
}

// English plural -> singular, light (no full stemmer: the HS vocabulary is nouns, and an
// aggressive stemmer merges unrelated goods, e.g. "organ"/"organic").
std::string Singular(std::string w) {
  auto ends = [&](const char* suf) {
    size_t n = std::char_traits<char>::length(suf);
    return w.size() > n && w.compare(w.size() - n, n, suf) == 0;
  };
  if (w.size() <= 3) return w;
  if (ends("ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses")) return w.substr(0, w.size() - 2);
  if (ends("xes") || ends("ches") || ends("shes") || ends("zes")) return w.substr(0, w.size() - 2);
  if (ends("oes") && w.size() > 5) return w.substr(0, w.size() - 2);
  if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return w.substr(0, w.size() - 1);
  return w;
}

// Tokens with stop words removed but generic words kept (documents keep them: they are
// harmless there, and removing them from both sides keeps the vocabularies aligned).
// `words` (optional) receives, per token, the index of the text word it came from: a
// synonym expansion (laptop -> automatic data processing portable) is one word.
std::vector<std::string> RawTokens(std::string_view text, std::vector<int>* words = nullptr) {
  std::vector<std::string> out;
  std::string cur;
  int word = 0;
  auto flush = [&] {
    size_t before = out.size();
    if (cur.size() >= 2 && !StopWords().count(cur)) {
      std::string w = Singular(cur);
      auto sp = Spelling().find(w);
      if (sp != Spelling().end()) w = sp->second;
      auto syn = Synonyms().find(w);
      if (syn != Synonyms().end()) {
        for (const std::string& x : syn->second) out.push_back(x);
      } else if (!StopWords().count(w)) {
        out.push_back(std::move(w));
      }
    }
    if (words && out.size() > before) {
      words->resize(out.size(), word);
      ++word;
    }
    cur.clear();
  };
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80 && std::isalpha(c)) {
      cur += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace

double HsTextScores::ScoreOf(std::string_view prefix) const {
  const auto& v = prefix.size() == 2 ? chapters : headings;
  for (const HsFit& f : v)
    if (f.code == prefix) return f.score;
  return 0;
}

int HsTextScores::RankOf(std::string_view prefix) const {
  const auto& v = prefix.size() == 2 ? chapters : headings;
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i].code == prefix) return static_cast<int>(i) + 1;
  return 0;
}

std::vector<std::string> HsTextModel::Tokenize(std::string_view text) {
  std::vector<std::string> out;
  for (std::string& w : RawTokens(text))
    if (!GenericWords().count(w)) out.push_back(std::move(w));
  return out;
}

std::vector<HsTextModel::QueryTerm> HsTextModel::QueryTerms(std::string_view text) {
  std::vector<int> words;
  std::vector<std::string> tokens = RawTokens(text, &words);
  std::vector<QueryTerm> out;
  std::unordered_map<int, int> group_size;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (GenericWords().count(tokens[i])) continue;
    bool dup = false;
    for (const QueryTerm& q : out) dup = dup || q.term == tokens[i];
    if (dup) continue;
    out.push_back({tokens[i], 1.0, std::min(words[i], 63)});
    ++group_size[out.back().word];
  }
  // A word expanded into k terms weighs 1 in total, like any other word.
  for (QueryTerm& q : out) q.weight = 1.0 / group_size[q.word];
  return out;
}

double HsTextModel::Index::IdfOf(size_t df) const {
  double n = static_cast<double>(docs.size());
  return std::log(1.0 + (n - static_cast<double>(df) + 0.5) / (static_cast<double>(df) + 0.5));
}

void HsTextModel::Finish(Index* ix) {
  double total = 0;
  for (const Doc& d : ix->docs) total += d.length;
  ix->avg_length = ix->docs.empty() ? 1 : std::max(1e-9, total / ix->docs.size());
}

HsTextModel::HsTextModel(const HsNomenclature& nomenclature, HsTextOptions options)
    : nom_(&nomenclature), opt_(options) {
  // Documents are the finest codes: every code without a child entry.
  std::unordered_set<std::string> has_child;
  for (const HsEntry& e : nom_->entries())
    if (e.level() > 2) has_child.insert(e.code.substr(0, e.code.size() - 2));
  auto add_terms = [](std::unordered_map<std::string, float>* tf, std::string_view text, double w) {
    for (const std::string& t : RawTokens(text)) (*tf)[t] += static_cast<float>(w);
  };
  std::unordered_map<std::string, std::unordered_map<std::string, float>> chapter_tf;
  for (const HsEntry& e : nom_->entries()) {
    add_terms(&chapter_tf[e.code.substr(0, 2)], e.description, 1.0);
    add_terms(&chapter_tf[e.code.substr(0, 2)], e.keywords, 1.0);
    if (e.level() == 2 || has_child.count(e.code)) continue;
    std::unordered_map<std::string, float> tf;
    add_terms(&tf, e.description, 1.0);
    add_terms(&tf, e.keywords, 1.0);
    if (e.level() == 6)
      if (const HsEntry* h = nom_->Find(e.code.substr(0, 4)))
        add_terms(&tf, h->description, opt_.heading_weight);
    if (const HsEntry* c = nom_->Find(e.code.substr(0, 2)))
      add_terms(&tf, c->description, opt_.chapter_weight);
    Doc d{e.code, 0};
    uint32_t id = static_cast<uint32_t>(codes_.docs.size());
    for (const auto& [t, f] : tf) {
      codes_.postings[t].push_back({id, f});
      d.length += f;
    }
    codes_.docs.push_back(std::move(d));
  }
  Finish(&codes_);
  std::vector<std::string> chapter_codes;
  for (const auto& kv : chapter_tf) chapter_codes.push_back(kv.first);
  std::sort(chapter_codes.begin(), chapter_codes.end());
  for (const std::string& ch : chapter_codes) {
    Doc d{ch, 0};
    uint32_t id = static_cast<uint32_t>(chapters_.docs.size());
    for (const auto& [t, f] : chapter_tf[ch]) {
      chapters_.postings[t].push_back({id, f});
      d.length += f;
    }
    chapter_doc_[ch] = id;
    chapters_.docs.push_back(std::move(d));
  }
  Finish(&chapters_);
}

double HsTextModel::Idf(const std::string& term) const {
  auto it = codes_.postings.find(term);
  return it == codes_.postings.end() ? 0 : codes_.IdfOf(it->second.size());
}

void HsTextModel::Accumulate(const Index& ix, const std::vector<QueryTerm>& terms,
                             std::vector<double>* acc, std::vector<uint64_t>* words) const {
  acc->assign(ix.docs.size(), 0);
  if (words) words->assign(ix.docs.size(), 0);
  for (const QueryTerm& q : terms) {
    auto it = ix.postings.find(q.term);
    if (it == ix.postings.end()) continue;
    double idf = ix.IdfOf(it->second.size());
    for (const Posting& p : it->second) {
      double len = ix.docs[p.doc].length / ix.avg_length;
      double tf = p.tf;
      (*acc)[p.doc] +=
          q.weight * idf * tf * (opt_.k1 + 1) / (tf + opt_.k1 * (1 - opt_.b + opt_.b * len));
      if (words) (*words)[p.doc] |= uint64_t{1} << q.word;
    }
  }
}

HsTextScores HsTextModel::Score(std::string_view description, size_t top) const {
  HsTextScores s;
  std::vector<QueryTerm> all = QueryTerms(description), terms;
  for (const QueryTerm& q : all)
    if (codes_.postings.count(q.term)) {
      terms.push_back(q);
      s.terms.push_back(q.term);
    }
  s.informative = all.size();
  if (terms.empty()) return s;
  std::vector<double> acc, prior;
  std::vector<uint64_t> words;
  Accumulate(codes_, terms, &acc, &words);
  Accumulate(chapters_, terms, &prior, nullptr);
  std::unordered_map<std::string, HsFit> by_heading, by_chapter;
  for (size_t i = 0; i < acc.size(); ++i) {
    if (acc[i] <= 0) continue;
    const std::string& code = codes_.docs[i].code;
    auto ch = chapter_doc_.find(code.substr(0, 2));
    double score = acc[i] + (ch == chapter_doc_.end() ? 0 : opt_.prior_weight * prior[ch->second]);
    HsFit fit{code, score, std::popcount(words[i])};
    s.codes.push_back(fit);
    for (auto* m : {&by_heading, &by_chapter}) {
      std::string key = code.substr(0, m == &by_heading ? 4 : 2);
      HsFit& best = (*m)[key];
      if (best.code.empty() || score > best.score) best = {key, score, fit.words};
    }
  }
  auto better = [](const HsFit& a, const HsFit& b) {
    return a.score != b.score ? a.score > b.score : a.code < b.code;
  };
  for (const auto& kv : by_heading) s.headings.push_back(kv.second);
  for (const auto& kv : by_chapter) s.chapters.push_back(kv.second);
  std::sort(s.headings.begin(), s.headings.end(), better);
  std::sort(s.chapters.begin(), s.chapters.end(), better);
  size_t keep = std::min(top, s.codes.size());
  std::partial_sort(s.codes.begin(), s.codes.begin() + static_cast<long>(keep), s.codes.end(),
                    better);
  s.codes.resize(keep);
  return s;
}

HsConsistency CheckDescription(const HsTextModel& model,
                               const std::vector<std::string>& declared_headings,
                               std::string_view description, const HsConsistencyOptions& opt) {
  HsConsistency c;
  c.scores = model.Score(description, 5);
  const HsTextScores& s = c.scores;
  if (declared_headings.empty()) {
    c.reason = "declared code not in the nomenclature";
    return c;
  }
  if (s.terms.empty()) {
    c.reason = "uninformative description";
    return c;
  }
  if (s.coverage() < opt.min_coverage) {
    c.reason = "description mostly in words the nomenclature does not use";
    return c;
  }
  if (s.best() < opt.min_score) {
    c.reason = "weak best match";
    return c;
  }
  if (s.codes[0].words < opt.min_words) {
    c.reason = "best fit rests on a single word";
    return c;
  }
  bool first = true;
  for (const std::string& h : declared_headings) {
    double hs = s.ScoreOf(h), cs = s.ScoreOf(h.substr(0, 2));
    if (first || hs > c.heading_score) {
      c.heading_score = hs;
      c.heading_rank = s.RankOf(h);
    }
    if (first || cs > c.chapter_score) {
      c.chapter_score = cs;
      c.chapter_rank = s.RankOf(h.substr(0, 2));
    }
    first = false;
  }
  double best = s.best();
  if (c.chapter_score < opt.chapter_ratio * best) {
    c.verdict = HsConsistency::Verdict::kChapterMismatch;
    c.strength = 1.0 - c.chapter_score / best;
  } else if (c.heading_score < opt.heading_ratio * best &&
             (c.heading_rank == 0 || c.heading_rank >= opt.heading_min_rank)) {
    c.verdict = HsConsistency::Verdict::kHeadingMismatch;
    c.strength = 0.6 * (1.0 - c.heading_score / best);
  } else {
    c.verdict = HsConsistency::Verdict::kConsistent;
  }
  return c;
}

}  // namespace trade
}  // namespace interdict
