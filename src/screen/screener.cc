// The Screener: candidate index over list names plus entity-level scoring.
//
// Index: every indexable name part (words, numbers, generic words) and every pair of
// adjacent parts joined ("siemens"+"ag") is a vocabulary token with a posting list of
// names. Query parts find vocabulary tokens by exact text, by one-deletion
// neighbourhoods (SymSpell: both sides' single deletions meet for edits <= 2), by
// phonetic key and by consonant skeleton; each candidate token is verified with
// TokenSim. Names accumulate the weight of the query parts they cover, which bounds the
// score they can reach; only names whose bound clears the floor are scored in full.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/strings.h"
#include "interdict/screen.h"
#include "screen/screen_internal.h"

namespace interdict::screen {
namespace {

struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
template <typename V>
using SvMap = std::unordered_map<std::string, V, SvHash, std::equal_to<>>;

enum NameProp : uint8_t { kName = 0, kAlias, kPrevious, kWeak };
const char* NamePropName(uint8_t p) {
  switch (p) {
    case kName:
      return "name";
    case kAlias:
      return "alias";
    case kPrevious:
      return "previousName";
    default:
      return "weakAlias";
  }
}

uint8_t TypeMask(NameType t) {
  switch (t) {
    case NameType::kPerson:
      return 1;
    case NameType::kOrganization:
      return 2;
    case NameType::kObject:
      return 4;
    case NameType::kAny:
      return 7;
  }
  return 7;
}

bool Indexable(const NameToken& t) {
  return t.kind == TokenKind::kWord || t.kind == TokenKind::kNumeric ||
         t.kind == TokenKind::kGeneric || t.weight >= 0.99f;
}

// Upper-case alphanumerics only: "IMO 9187629" -> "IMO9187629"; IMO prefix dropped.
std::string NormalizeIdentifier(std::string_view v) {
  std::string s;
  for (char c : v) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) s.push_back(c);
  }
  if (StartsWith(s, "IMO") && s.size() == 10) s.erase(0, 3);
  return s;
}

std::vector<int> YearsOf(const std::vector<std::string>& dates) {
  std::vector<int> y;
  for (const auto& d : dates)
    if (d.size() >= 4 && isdigit(d[0]) && isdigit(d[1]) && isdigit(d[2]) && isdigit(d[3]))
      y.push_back(std::stoi(d.substr(0, 4)));
  return y;
}

std::string NormalizeGender(std::string_view g) {
  std::string s = AsciiLower(Trim(g));
  if (s == "m" || s == "male" || s == "man") return "m";
  if (s == "f" || s == "female" || s == "woman") return "f";
  return "";
}

}  // namespace

struct Screener::Impl {
  struct EntityInfo {
    std::string list, program, caption, schema;
    NameType type = NameType::kAny;
    uint8_t mask = 7;
    std::vector<std::string> countries;  // ISO alpha-2
    std::vector<std::string> dates;      // birth or incorporation dates (YYYY[-MM[-DD]])
    std::vector<int> years;
    std::string gender;
    // Identifiers by property (normalised), for the mismatch qualifier.
    std::vector<std::pair<std::string, std::string>> ids;
  };
  struct NameRec {
    uint32_t entity;
    uint8_t prop;
    uint8_t mask;
    AnalyzedName name;
  };
  std::vector<Entity> entities;
  std::vector<EntityInfo> info;
  std::vector<NameRec> names;
  std::vector<NameToken> vocab;
  std::vector<std::vector<uint32_t>> postings;
  SvMap<uint32_t> vocab_ids;
  SvMap<std::vector<uint32_t>> deletes, phonetic, skeleton;
  SvMap<std::vector<uint32_t>> identifiers;  // normalised identifier -> entities
  uint64_t serial = 0;

  uint32_t AddVocab(const NameToken& t) {
    auto it = vocab_ids.find(t.text);
    if (it != vocab_ids.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(vocab.size());
    vocab.push_back(t);
    postings.emplace_back();
    vocab_ids.emplace(t.text, id);
    return id;
  }
  void IndexName(uint32_t name_idx) {
    const auto& toks = names[name_idx].name.tokens;
    auto post = [&](uint32_t v) {
      auto& p = postings[v];
      if (p.empty() || p.back() != name_idx) p.push_back(name_idx);
    };
    for (size_t i = 0; i < toks.size(); ++i) {
      if (!Indexable(toks[i])) continue;
      post(AddVocab(toks[i]));
      if (i + 1 < toks.size() && toks[i + 1].kind != TokenKind::kNumeric &&
          toks[i].kind != TokenKind::kNumeric) {
        NameToken j;
        j.text = toks[i].text + toks[i + 1].text;
        j.phonetic = PhoneticKey(j.text);
        j.skeleton = ConsonantSkeleton(j.text);
        j.abjad = toks[i].abjad;
        post(AddVocab(j));
      }
    }
  }
  void BuildTokenMaps() {
    std::string d;
    for (uint32_t v = 0; v < vocab.size(); ++v) {
      const NameToken& t = vocab[v];
      if (t.kind != TokenKind::kNumeric && t.text.size() >= 4) {
        for (size_t k = 0; k < t.text.size(); ++k) {
          d = t.text;
          d.erase(k, 1);
          auto& l = deletes[d];
          if (l.empty() || l.back() != v) l.push_back(v);
        }
      }
      if (t.phonetic.size() >= 2 && t.text.size() >= 3) phonetic[t.phonetic].push_back(v);
      if (t.skeleton.size() >= 2) skeleton[t.skeleton].push_back(v);
    }
  }
};

namespace {

std::atomic<uint64_t> g_serial{1};

struct Scratch {
  uint64_t serial = 0;
  std::vector<uint32_t> stamp;
  std::vector<float> acc;
  std::vector<int16_t> last_q;
  std::vector<float> last_sim;
  std::vector<uint32_t> touched;
  uint32_t cur = 0;
  std::vector<uint32_t> seen_vocab;
};

}  // namespace

Screener::Screener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::~Screener() = default;

const std::vector<Entity>& Screener::entities() const { return impl_->entities; }
size_t Screener::name_count() const { return impl_->names.size(); }
size_t Screener::token_count() const { return impl_->vocab.size(); }

Result<std::unique_ptr<Screener>> Screener::Build(std::vector<Entity> entities) {
  auto impl = std::make_unique<Impl>();
  impl->serial = g_serial.fetch_add(1);
  for (auto& e : entities) {
    const Schema& s = e.schema();
    if (s.is_edge()) continue;
    if (!s.IsA("LegalEntity") && !s.IsA("Asset") && s.name() != "Thing") continue;
    impl->entities.push_back(std::move(e));
  }
  impl->info.reserve(impl->entities.size());
  for (uint32_t ei = 0; ei < impl->entities.size(); ++ei) {
    const Entity& e = impl->entities[ei];
    Impl::EntityInfo info;
    info.schema = e.schema().name();
    info.type = NameTypeForSchema(info.schema);
    info.mask =
        info.type == NameType::kAny ? (e.schema().IsA("LegalEntity") ? 3 : 7) : TypeMask(info.type);
    info.caption = e.Caption();
    info.program = Join(e.Values("program"), ";");
    std::string ds = e.First("dataset");
    if (!ds.empty()) {
      info.list = ds;
    } else if (size_t dash = e.id().find('-'); dash != std::string::npos && dash <= 8) {
      info.list = e.id().substr(0, dash);
    } else if (!e.referents().empty()) {
      info.list = e.referents()[0].source;
    }
    for (const char* p : {"nationality", "country", "citizenship", "jurisdiction"})
      for (const auto& v : e.Values(p)) {
        std::string c = CountryCode(v);
        if (!c.empty() &&
            std::find(info.countries.begin(), info.countries.end(), c) == info.countries.end())
          info.countries.push_back(c);
      }
    info.dates = e.Values("birthDate");
    for (const auto& d : e.Values("incorporationDate")) info.dates.push_back(d);
    info.years = YearsOf(info.dates);
    info.gender = NormalizeGender(e.First("gender"));
    impl->info.push_back(std::move(info));
    const auto& inf = impl->info.back();
    std::unordered_set<std::string> seen;
    auto add_names = [&](const char* prop, uint8_t kind) {
      for (const auto& n : e.Values(prop)) {
        AnalyzedName an = AnalyzeName(n, inf.type);
        if (an.tokens.empty() || !seen.insert(an.latin + "|" + std::to_string(kind)).second)
          continue;
        impl->names.push_back({ei, kind, inf.mask, std::move(an)});
        impl->IndexName(static_cast<uint32_t>(impl->names.size() - 1));
      }
    };
    add_names("name", kName);
    add_names("alias", kAlias);
    add_names("previousName", kPrevious);
    add_names("weakAlias", kWeak);
    for (const char* p : {"imoNumber", "mmsi", "passportNumber", "idNumber", "registrationNumber",
                          "taxNumber", "innCode", "ogrnCode", "leiCode", "swiftBic", "callSign"})
      for (const auto& v : e.Values(p)) {
        std::string id = NormalizeIdentifier(v);
        if (id.size() < 5) continue;
        impl->info[ei].ids.push_back({p, id});
        auto& l = impl->identifiers[id];
        if (l.empty() || l.back() != ei) l.push_back(ei);
      }
  }
  impl->BuildTokenMaps();
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

std::string Explanation::ToString() const {
  std::string s;
  char buf[64];
  if (!matched_name.empty()) {
    std::snprintf(buf, sizeof buf, " %.2f", name_score);
    s = matched_property + " '" + matched_name + "' ~ '" + query_name + "'" + buf;
    if (!parts.empty()) {
      s += " [";
      for (size_t i = 0; i < parts.size(); ++i) {
        const auto& p = parts[i];
        if (i) s += ", ";
        if (p.how == "extra-query") {
          s += "+" + p.query + " (query only)";
        } else if (p.how == "extra-result") {
          s += "+" + p.result + " (list only)";
        } else {
          std::snprintf(buf, sizeof buf, " %.2f", p.score);
          s += p.query + (p.query == p.result ? "" : "=" + p.result) + " " + p.how + buf;
        }
      }
      s += "]";
    }
  }
  for (const auto& f : features) {
    if (f.name == "name_match") continue;
    std::snprintf(buf, sizeof buf, " %.2f", f.value);
    s += (s.empty() ? "" : "; ") + f.name + buf + (f.detail.empty() ? "" : " (" + f.detail + ")");
  }
  for (const auto& q : qualifiers) {
    std::snprintf(buf, sizeof buf, " %+.2f", q.value);
    s += (s.empty() ? "" : "; ") + q.name + buf + (q.detail.empty() ? "" : " (" + q.detail + ")");
  }
  return s;
}

std::vector<ScreenMatch> Screener::Screen(const Query& query, const ScreenOptions& opts) const {
  const Impl& ix = *impl_;
  std::vector<ScreenMatch> out;
  const std::string& schema = opts.schema.empty() ? query.schema : opts.schema;
  NameType qtype = NameTypeForSchema(schema);
  uint8_t qmask = TypeMask(qtype);
  if (qtype == NameType::kAny && !schema.empty()) {
    const Schema* s = Schema::Get(schema);
    if (s && s->IsA("LegalEntity")) qmask = 3;
  }
  double min_score = opts.min_score >= 0 ? opts.min_score : opts.threshold;
  const ScorerParams& params = DefaultParams(qtype);
  const bool ofac = opts.algorithm == Algorithm::kOfac;

  thread_local Scratch sc;
  if (sc.serial != ix.serial || sc.stamp.size() != ix.names.size()) {
    sc.serial = ix.serial;
    sc.stamp.assign(ix.names.size(), 0);
    sc.acc.assign(ix.names.size(), 0);
    sc.last_q.assign(ix.names.size(), -1);
    sc.last_sim.assign(ix.names.size(), 0);
    sc.cur = 0;
  }
  if (++sc.cur == 0) {
    std::fill(sc.stamp.begin(), sc.stamp.end(), 0);
    sc.cur = 1;
  }
  sc.touched.clear();

  AnalyzedName qn = AnalyzeName(query.name, qtype);
  const auto& qt = qn.tokens;
  float total = 0;
  for (const auto& t : qt)
    if (Indexable(t)) total += t.weight;

  auto accumulate = [&](int qi, float w, uint32_t v, float sim) {
    for (uint32_t n : ix.postings[v]) {
      if (!(ix.names[n].mask & qmask)) continue;
      if (sc.stamp[n] != sc.cur) {
        sc.stamp[n] = sc.cur;
        sc.acc[n] = 0;
        sc.last_q[n] = -1;
        sc.touched.push_back(n);
      }
      if (sc.last_q[n] == qi) {
        if (sim > sc.last_sim[n]) {
          sc.acc[n] += (sim - sc.last_sim[n]) * w;
          sc.last_sim[n] = sim;
        }
      } else {
        sc.acc[n] += sim * w;
        sc.last_q[n] = static_cast<int16_t>(qi);
        sc.last_sim[n] = sim;
      }
    }
  };
  std::string d;
  auto lookup = [&](int qi, const NameToken& t, float w) {
    sc.seen_vocab.clear();
    auto consider = [&](uint32_t v) {
      if (std::find(sc.seen_vocab.begin(), sc.seen_vocab.end(), v) != sc.seen_vocab.end()) return;
      sc.seen_vocab.push_back(v);
      How how;
      float sim = TokenSim(t, ix.vocab[v], &how);
      if (sim >= params.min_part) accumulate(qi, w, v, sim);
    };
    if (auto it = ix.vocab_ids.find(t.text); it != ix.vocab_ids.end()) consider(it->second);
    if (t.kind != TokenKind::kNumeric && t.text.size() >= 4) {
      if (auto it = ix.deletes.find(t.text); it != ix.deletes.end())
        for (uint32_t v : it->second) consider(v);
      for (size_t k = 0; k < t.text.size(); ++k) {
        d = t.text;
        d.erase(k, 1);
        if (auto it = ix.vocab_ids.find(d); it != ix.vocab_ids.end()) consider(it->second);
        if (auto it = ix.deletes.find(d); it != ix.deletes.end())
          for (uint32_t v : it->second) consider(v);
      }
    }
    if (t.phonetic.size() >= 2 && t.text.size() >= 3)
      if (auto it = ix.phonetic.find(t.phonetic); it != ix.phonetic.end())
        for (uint32_t v : it->second) consider(v);
    if (t.skeleton.size() >= 2 && t.abjad)
      if (auto it = ix.skeleton.find(t.skeleton); it != ix.skeleton.end())
        for (uint32_t v : it->second) consider(v);
  };
  for (size_t i = 0; i < qt.size(); ++i)
    if (Indexable(qt[i])) lookup(static_cast<int>(i), qt[i], qt[i].weight);
  // Joined query parts ("siemens ag" -> "siemensag").
  for (size_t i = 0; i + 1 < qt.size(); ++i) {
    if (!Indexable(qt[i]) || qt[i].kind == TokenKind::kNumeric ||
        qt[i + 1].kind == TokenKind::kNumeric)
      continue;
    NameToken j;
    j.text = qt[i].text + qt[i + 1].text;
    j.abjad = qt[i].abjad;
    lookup(static_cast<int>(qt.size() + i), j, qt[i].weight + qt[i + 1].weight);
  }

  // Candidate names whose coverage bound clears the floor, best bound first.
  const float floor = static_cast<float>(min_score) - 0.15f;
  struct Cand {
    float ub;
    uint32_t name;
  };
  thread_local std::vector<Cand> cands;
  cands.clear();
  for (uint32_t n : sc.touched) {
    float ub = CoverageUpperBound(std::min(sc.acc[n], total), total, qtype);
    if (ub >= floor) cands.push_back({ub, n});
  }
  constexpr size_t kMaxCandidates = 200;
  if (cands.size() > kMaxCandidates) {
    std::nth_element(cands.begin(), cands.begin() + kMaxCandidates, cands.end(),
                     [](const Cand& a, const Cand& b) { return a.ub > b.ub; });
    cands.resize(kMaxCandidates);
  }

  // Entity-level: best strong name, best weak alias, identifiers.
  struct EntScore {
    float strong = 0, weak = 0;
    uint32_t strong_name = UINT32_MAX, weak_name = UINT32_MAX;
    bool id_match = false;
    std::string id_detail;
  };
  std::unordered_map<uint32_t, EntScore> ents;
  for (const Cand& c : cands) {
    const auto& nr = ix.names[c.name];
    float s = ofac ? static_cast<float>(OfacScoreLatin(qn.latin, nr.name.latin,
                                                        TokensBeforeComma(nr.name.original)))
                   : ScoreNames(qn, nr.name, params, nullptr);
    EntScore& es = ents[nr.entity];
    if (nr.prop == kWeak) {
      if (s > es.weak) es.weak = s, es.weak_name = c.name;
    } else if (s > es.strong) {
      es.strong = s;
      es.strong_name = c.name;
    }
  }
  for (const auto& [prop, value] : query.identifiers) {
    std::string id = NormalizeIdentifier(value);
    if (id.size() < 5) continue;
    auto it = ix.identifiers.find(id);
    if (it == ix.identifiers.end()) continue;
    for (uint32_t e : it->second) {
      EntScore& es = ents[e];
      es.id_match = true;
      es.id_detail = prop + " " + value;
    }
  }

  // Qualifiers from the query.
  std::vector<std::string> qcountries;
  for (const auto& c : Split(query.country, ';')) {
    std::string code = CountryCode(c);
    if (!code.empty()) qcountries.push_back(code);
  }
  std::vector<std::string> qdates;
  if (!query.birth_date.empty()) qdates.push_back(std::string(Trim(query.birth_date)));
  std::vector<int> qyears = YearsOf(qdates);
  std::string qgender = NormalizeGender(query.gender);

  for (auto& [ei, es] : ents) {
    const auto& inf = ix.info[ei];
    ScreenMatch m;
    Explanation& ex = m.explanation;
    double best = 0;
    if (es.strong_name != UINT32_MAX) {
      best = es.strong;
      ex.features.push_back({"name_match", es.strong, ofac ? "ofac" : ""});
    }
    bool country_ok = false, year_ok = false;
    for (const auto& c : qcountries)
      country_ok |= std::find(inf.countries.begin(), inf.countries.end(), c) != inf.countries.end();
    for (int y : qyears)
      year_ok |= std::find(inf.years.begin(), inf.years.end(), y) != inf.years.end();
    if (es.weak_name != UINT32_MAX) {
      // Weak aliases only corroborate: alone they stay below any sensible threshold.
      double w = 0.8 * es.weak;
      bool corroborated = country_ok || year_ok || es.id_match;
      if (!corroborated) w = std::min(w, 0.6);
      ex.features.push_back(
          {"weak_alias_match", w, corroborated ? "corroborated" : "uncorroborated, capped"});
      best = std::max(best, w);
    }
    if (es.id_match) {
      ex.features.push_back({"identifier_match", 0.95, es.id_detail});
      best = std::max(best, 0.95);
    }
    if (!qcountries.empty() && !inf.countries.empty() && !country_ok)
      ex.qualifiers.push_back({"country_mismatch", -0.2, Join(inf.countries, ",")});
    if (!qyears.empty() && !inf.years.empty()) {
      if (!year_ok) {
        ex.qualifiers.push_back({inf.type == NameType::kOrganization ? "founded_year_disjoint"
                                                                      : "dob_year_disjoint",
                                 -0.15, Join(inf.dates, ",")});
      }
      bool qfull = qdates[0].size() >= 10;
      bool efull = false, day_ok = false;
      for (const auto& dd : inf.dates) {
        if (dd.size() >= 10) {
          efull = true;
          day_ok |= dd.substr(0, 10) == qdates[0].substr(0, 10);
        }
      }
      if (qfull && efull && !day_ok)
        ex.qualifiers.push_back({inf.type == NameType::kOrganization ? "founded_day_disjoint"
                                                                    : "dob_day_disjoint",
                                 -0.25, Join(inf.dates, ",")});
    }
    if (!qgender.empty() && !inf.gender.empty() && qgender != inf.gender)
      ex.qualifiers.push_back({"gender_mismatch", -0.2, inf.gender});
    // Both sides carry the same kind of identifier (say a registration number) and no value
    // agrees: as telling as a different birth date. Different kinds (a registry's
    // registration number vs a list's tax ID) are not compared: they differ by design.
    if (!es.id_match && !inf.ids.empty()) {
      for (const auto& [qprop, qval] : query.identifiers) {
        bool same_kind = false;
        for (const auto& [eprop, eval] : inf.ids) same_kind |= eprop == qprop;
        if (same_kind && NormalizeIdentifier(qval).size() >= 5) {
          ex.qualifiers.push_back({"identifier_mismatch", -0.2, qprop});
          break;
        }
      }
    }
    double score = best;
    for (const auto& q : ex.qualifiers) score += q.value;
    score = std::clamp(score, 0.0, 1.0);
    if (score < min_score - 1e-9) continue;
    m.entity_index = ei;
    m.score = score;
    m.match = score >= opts.threshold - 1e-9;
    out.push_back(std::move(m));
    // Which name explains the score: the strong name unless the weak alias or id won.
    ScreenMatch& mm = out.back();
    uint32_t nm = es.strong_name;
    const char* prop = nullptr;
    if (nm == UINT32_MAX || (es.weak_name != UINT32_MAX && 0.8 * es.weak > es.strong))
      nm = es.weak_name;
    if (nm != UINT32_MAX) {
      prop = NamePropName(ix.names[nm].prop);
    }
    if (nm != UINT32_MAX) {
      mm.explanation.matched_property = prop;
      mm.explanation.matched_name = ix.names[nm].name.original;
      mm.explanation.query_name = qn.latin;
      mm.explanation.name_score = nm == es.strong_name ? es.strong : es.weak;
      mm.matched_name = mm.explanation.matched_name;
    } else {
      mm.explanation.matched_property = "identifier";
      mm.matched_name = inf.caption;
    }
  }
  std::sort(out.begin(), out.end(), [&](const ScreenMatch& a, const ScreenMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    return ix.entities[a.entity_index].id() < ix.entities[b.entity_index].id();
  });
  if (opts.top > 0 && out.size() > static_cast<size_t>(opts.top)) out.resize(opts.top);
  // Fill in the reported matches (explanations re-run the scorer with parts).
  for (auto& m : out) {
    const auto& inf = ix.info[m.entity_index];
    const Entity& e = ix.entities[m.entity_index];
    m.entity_id = e.id();
    m.list = inf.list;
    m.program = inf.program;
    m.caption = inf.caption;
    m.schema = inf.schema;
  }
  for (auto& m : out) {
    if (m.explanation.matched_name.empty() || ofac) continue;  // ofac: no part alignment
    // Find the name record again to compute the alignment parts.
    for (const Cand& c : cands) {
      const auto& nr = ix.names[c.name];
      if (nr.entity != m.entity_index || nr.name.original != m.explanation.matched_name) continue;
      ScoreNames(qn, nr.name, params, &m.explanation.parts);
      break;
    }
  }
  return out;
}

}  // namespace interdict::screen
