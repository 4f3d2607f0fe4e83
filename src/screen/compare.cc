// The `logic` name scorer: align name parts, weigh them, penalise what stays unmatched.
//
// In the spirit of nomenklatura's logic-v2: every part pairing (one-to-one, or one part
// against two joined adjacent parts: "SiemensAG" ~ "Siemens AG") gets a similarity;
// pairings are taken greedily, best first; the score is the weighted mean of the aligned
// similarities where unmatched query parts weigh `extra_query` and unmatched result parts
// weigh `extra_result` (asymmetric: a list name with an extra middle name still matches
// a shorter query, a query with an extra name does not match a shorter list name).
// Part weights: words 1, numbers 1.3 (must match exactly), legal forms 0.7, generic
// organisation words and particles 0.5, titles 0.25, initials 0.5.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "interdict/screen.h"
#include "screen/screen_internal.h"

namespace interdict::screen {

int EditDistance(std::string_view a, std::string_view b, int max) {
  if (a.size() > 64) a = a.substr(0, 64);
  if (b.size() > 64) b = b.substr(0, 64);
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > max) return max + 1;
  if (n == 0) return m;
  if (m == 0) return n;
  int prev2[65], prev[65], cur[65];
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max) return max + 1;
    std::memcpy(prev2, prev, sizeof(int) * (m + 1));
    std::memcpy(prev, cur, sizeof(int) * (m + 1));
  }
  return prev[m];
}

int EditBudget(size_t len) {
  if (len < 4) return 0;
  if (len < 8) return 1;
  if (len < 13) return 2;
  return 3;
}

const char* HowName(How h) {
  switch (h) {
    case How::kExact:
      return "exact";
    case How::kFuzzy:
      return "fuzzy";
    case How::kPhonetic:
      return "phonetic";
    case How::kSkeleton:
      return "skeleton";
    case How::kInitial:
      return "initial";
    case How::kJoined:
      return "joined";
    case How::kLegal:
      return "legal";
  }
  return "?";
}

namespace {

float FuzzyFromDistance(int d, size_t len) {
  float s = 1.0f - static_cast<float>(d) / static_cast<float>(len);
  return s * s;
}

}  // namespace

float StringSim(std::string_view a, std::string_view b) {
  if (a == b) return 1.0f;
  size_t len = std::max(a.size(), b.size());
  int budget = EditBudget(len);
  if (budget == 0) return 0.0f;
  int d = EditDistance(a, b, budget);
  if (d > budget) return 0.0f;
  return FuzzyFromDistance(d, len);
}

float TokenSim(const NameToken& a, const NameToken& b, How* how) {
  if (a.text == b.text) {
    *how = a.kind == TokenKind::kLegal ? How::kLegal : How::kExact;
    return 1.0f;
  }
  if (a.kind == TokenKind::kNumeric || b.kind == TokenKind::kNumeric) return 0.0f;
  if (a.kind == TokenKind::kLegal || b.kind == TokenKind::kLegal) return 0.0f;
  if (a.kind == TokenKind::kInitial || b.kind == TokenKind::kInitial) {
    if (a.kind == b.kind) return 0.0f;
    const NameToken& full = a.kind == TokenKind::kInitial ? b : a;
    const NameToken& ini = a.kind == TokenKind::kInitial ? a : b;
    if (full.kind == TokenKind::kWord && full.text[0] == ini.text[0]) {
      *how = How::kInitial;
      return 0.8f;
    }
    return 0.0f;
  }
  if (a.kind == TokenKind::kStop && b.kind == TokenKind::kStop) return 0.0f;
  float best = 0.0f;
  size_t len = std::max(a.text.size(), b.text.size());
  int budget = EditBudget(len);
  if (budget > 0) {
    int d = EditDistance(a.text, b.text, budget);
    if (d <= budget) {
      best = FuzzyFromDistance(d, len);
      *how = How::kFuzzy;
    }
  }
  constexpr float kPhonetic = 0.8f;
  if (best < kPhonetic && a.phonetic.size() >= 2 && a.phonetic == b.phonetic &&
      std::min(a.text.size(), b.text.size()) >= 3) {
    best = kPhonetic;
    *how = How::kPhonetic;
  }
  if ((a.abjad || b.abjad) && best < 0.85f && !a.skeleton.empty() && !b.skeleton.empty()) {
    if (a.skeleton == b.skeleton) {
      best = a.skeleton.size() >= 2 ? 0.85f : 0.6f;
      *how = How::kSkeleton;
    } else if (std::min(a.skeleton.size(), b.skeleton.size()) >= 3 && best < 0.7f &&
               EditDistance(a.skeleton, b.skeleton, 1) <= 1) {
      best = 0.7f;
      *how = How::kSkeleton;
    }
  }
  return best;
}

namespace {
ScorerParams MakeParams(float extra_query, float extra_result, float conflict_result,
                        float substitution_penalty = 0.0f) {
  ScorerParams p;
  p.substitution_penalty = substitution_penalty;
  if (const char* t = getenv("INTERDICT_SCREEN_SUBST")) p.substitution_penalty = std::strtof(t, nullptr);
  p.extra_query = extra_query;
  p.extra_result = extra_result;
  p.conflict_result = conflict_result;
  // Tuning hook: INTERDICT_SCREEN_TUNE="eq,er,cr,min_part,swap" (development only).
  if (const char* t = getenv("INTERDICT_SCREEN_TUNE")) {
    float v[5] = {p.extra_query, p.extra_result, p.conflict_result, p.min_part, p.swap_penalty};
    if (sscanf(t, "%f,%f,%f,%f,%f", &v[0], &v[1], &v[2], &v[3], &v[4]) >= 1) {
      p.extra_query = v[0];
      p.extra_result = v[1];
      p.conflict_result = v[2];
      p.min_part = v[3];
      p.swap_penalty = v[4];
    }
  }
  return p;
}
}  // namespace

const ScorerParams& DefaultParams(NameType type) {
  static const ScorerParams person = MakeParams(0.8f, 0.1f, 1.0f, 0.3f);
  static const ScorerParams org = MakeParams(0.8f, 0.2f, 1.0f, 0.3f);
  static const ScorerParams obj = MakeParams(0.9f, 0.5f, 0.9f, 0.3f);
  switch (type) {
    case NameType::kPerson:
    case NameType::kAny:
      return person;
    case NameType::kOrganization:
      return org;
    case NameType::kObject:
      return obj;
  }
  return person;
}

float CoverageUpperBound(float covered, float total, NameType type) {
  const ScorerParams& p = DefaultParams(type);
  if (covered <= 0) return 0;
  float missing = std::max(0.0f, total - covered);
  return covered / (covered + p.extra_query * missing);
}

namespace {

struct Edge {
  uint8_t qi, qn, ri, rn;
  How how;
  float score;
};

std::string JoinTexts(const std::vector<NameToken>& t, size_t i, size_t n) {
  std::string s;
  for (size_t k = 0; k < n; ++k) {
    if (k) s.push_back(' ');
    s += t[i + k].text;
  }
  return s;
}

}  // namespace

float ScoreNames(const AnalyzedName& q, const AnalyzedName& r, const ScorerParams& p,
                 std::vector<PartMatch>* parts) {
  if (!q.latin.empty() && q.latin == r.latin) {
    if (parts) parts->push_back({q.latin, r.latin, 1.0, 1.0, "exact"});
    return 1.0f;
  }
  const auto& qt = q.tokens;
  const auto& rt = r.tokens;
  size_t n = qt.size(), m = rt.size();
  if (n == 0 || m == 0) return 0.0f;
  thread_local std::vector<Edge> edges;
  edges.clear();
  How how = How::kExact;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < m; ++j) {
      float s = TokenSim(qt[i], rt[j], &how);
      if (s >= p.min_part) edges.push_back({uint8_t(i), 1, uint8_t(j), 1, how, s});
    }
  }
  // One part against two joined adjacent parts.
  thread_local std::string joined;
  auto joinable = [](const NameToken& t) {
    return t.kind == TokenKind::kWord || t.kind == TokenKind::kLegal ||
           t.kind == TokenKind::kStop || t.kind == TokenKind::kGeneric;
  };
  for (size_t i = 0; i < n; ++i) {
    if (!joinable(qt[i])) continue;
    for (size_t j = 0; j + 1 < m; ++j) {
      if (!joinable(rt[j]) || !joinable(rt[j + 1])) continue;
      size_t jl = rt[j].text.size() + rt[j + 1].text.size();
      if (jl + 2 < qt[i].text.size() || qt[i].text.size() + 2 < jl) continue;
      joined = rt[j].text;
      joined += rt[j + 1].text;
      float s = StringSim(qt[i].text, joined);
      if (s >= p.min_part) edges.push_back({uint8_t(i), 1, uint8_t(j), 2, How::kJoined, s});
    }
  }
  for (size_t j = 0; j < m; ++j) {
    if (!joinable(rt[j])) continue;
    for (size_t i = 0; i + 1 < n; ++i) {
      if (!joinable(qt[i]) || !joinable(qt[i + 1])) continue;
      size_t jl = qt[i].text.size() + qt[i + 1].text.size();
      if (jl + 2 < rt[j].text.size() || rt[j].text.size() + 2 < jl) continue;
      joined = qt[i].text;
      joined += qt[i + 1].text;
      float s = StringSim(joined, rt[j].text);
      if (s >= p.min_part) edges.push_back({uint8_t(i), 2, uint8_t(j), 1, How::kJoined, s});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.qn + a.rn > b.qn + b.rn;
  });
  uint32_t qused = 0, rused = 0;
  float num = 0, den = 0;
  for (const Edge& e : edges) {
    uint32_t qm = ((1u << e.qn) - 1) << e.qi;
    uint32_t rm = ((1u << e.rn) - 1) << e.ri;
    if ((qused & qm) || (rused & rm)) continue;
    qused |= qm;
    rused |= rm;
    float wq = 0, wr = 0;
    for (int k = 0; k < e.qn; ++k) wq += qt[e.qi + k].weight;
    for (int k = 0; k < e.rn; ++k) wr += rt[e.ri + k].weight;
    float w = 0.5f * (wq + wr);
    num += e.score * w;
    den += w;
    if (parts)
      parts->push_back(
          {JoinTexts(qt, e.qi, e.qn), JoinTexts(rt, e.ri, e.rn), e.score, w, HowName(e.how)});
  }
  for (size_t i = 0; i < n; ++i) {
    if (qused & (1u << i)) continue;
    float w = qt[i].kind == TokenKind::kNumeric ? qt[i].weight : p.extra_query * qt[i].weight;
    den += w;
    if (parts) parts->push_back({qt[i].text, "", 0.0, w, "extra-query"});
  }
  // When both sides keep unmatched name parts, they contradict each other ("X Y AL-MOSULI"
  // vs "X Y AL-TIKRITI"): the result's extra parts then weigh like the query's.
  bool query_left = false;
  for (size_t i = 0; i < n; ++i)
    if (!(qused & (1u << i)) &&
        (qt[i].kind == TokenKind::kWord || qt[i].kind == TokenKind::kNumeric))
      query_left = true;
  for (size_t j = 0; j < m; ++j) {
    if (rused & (1u << j)) continue;
    float extra = query_left && rt[j].kind == TokenKind::kWord ? p.conflict_result : p.extra_result;
    float w = rt[j].kind == TokenKind::kNumeric ? rt[j].weight : extra * rt[j].weight;
    den += w;
    if (parts) parts->push_back({"", rt[j].text, 0.0, w, "extra-result"});
  }
  if (den <= 0) return 0.0f;
  float score = std::clamp(num / den, 0.0f, 1.0f);
  if (p.substitution_penalty > 0) {
    auto left = [](const std::vector<NameToken>& t, uint32_t used) {
      for (size_t i = 0; i < t.size(); ++i)
        if (!(used & (1u << i)) && (t[i].kind == TokenKind::kWord || t[i].kind == TokenKind::kGeneric))
          return true;
      return false;
    };
    if (left(qt, qused) && left(rt, rused)) {
      score *= 1.0f - p.substitution_penalty;
      if (parts) parts->push_back({"", "", 0.0, 0.0, "substituted-word"});
    }
  }
  // "X bin Y" is not "Y bin X": a patronymic particle with its neighbours swapped.
  if (p.swap_penalty > 0) {
    for (size_t i = 1; i + 1 < n; ++i) {
      if (qt[i].text != "bin" && qt[i].text != "bint") continue;
      for (size_t j = 1; j + 1 < m; ++j) {
        if (rt[j].text != qt[i].text) continue;
        if (qt[i - 1].text == rt[j + 1].text && qt[i + 1].text == rt[j - 1].text &&
            qt[i - 1].text != qt[i + 1].text) {
          score *= 1.0f - p.swap_penalty;
          if (parts)
            parts->push_back(
                {JoinTexts(qt, i - 1, 3), JoinTexts(rt, j - 1, 3), 0.0, 0.0, "swapped-patronymic"});
          i = n;
          break;
        }
      }
    }
  }
  return score;
}

NameComparison CompareNames(const AnalyzedName& q, const AnalyzedName& r, NameType type) {
  NameComparison c;
  c.score = ScoreNames(q, r, DefaultParams(type), &c.parts);
  return c;
}

NameComparison CompareNameStrings(std::string_view query, std::string_view result,
                                  std::string_view schema) {
  NameType type = NameTypeForSchema(schema);
  return CompareNames(AnalyzeName(query, type), AnalyzeName(result, type), type);
}

}  // namespace interdict::screen
