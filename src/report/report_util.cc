// Helpers shared by the output writers: escaping, UTF-8 repair, rounding, lookups and
// the edge model of the network outputs.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "core/validate.h"
#include "report/report_internal.h"

namespace interdict::report {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// Decodes one code point at s[i]. Returns its length in bytes, or 0 when the bytes there
// are not well-formed UTF-8 (overlong, surrogate, out of range, truncated); then *bad is
// the length of the ill-formed part to replace by one U+FFFD (the lead byte and the
// continuation bytes that followed it, as in Unicode's "maximal subpart" practice).
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp, size_t* bad) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  *bad = 1;
  unsigned char c = b(i);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len;
  uint32_t v, min;
  if ((c & 0xE0) == 0xC0) {
    len = 2, v = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, v = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  size_t k = 1;
  for (; k < len && i + k < s.size() && (b(i + k) & 0xC0) == 0x80; ++k)
    v = (v << 6) | (b(i + k) & 0x3F);
  if (k < len || v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    *bad = k < len ? k : 1;
    return 0;
  }
  *cp = v;
  return len;
}

bool XmlAllowed(uint32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  return cp != 0xFFFE && cp != 0xFFFF;
}

void AddIndexed(std::unordered_map<std::string, const Entity*>* m, const std::string& key,
                const Entity* e) {
  if (!key.empty()) m->emplace(key, e);
}

}  // namespace

void AppendJsonLine(const OJson& j, std::string* out) {
  out->append(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  out->push_back('\n');
}

double RoundTo(double x, int dp) {
  if (!std::isfinite(x)) return 0;
  double f = std::pow(10.0, dp);
  double r = std::round(x * f) / f;
  return std::isfinite(r) ? r : x;
}

double Score4(double x) {
  if (!std::isfinite(x)) return 0;
  return RoundTo(std::clamp(x, 0.0, 1.0), 4);
}

std::string Fixed(double x, int dp) {
  if (!std::isfinite(x)) x = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", dp, x);
  return buf;
}

std::string ValidUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    size_t bad;
    size_t n = DecodeUtf8(s, i, &cp, &bad);
    if (n == 0) {
      out += kReplacement;
      i += bad;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8 + 8);
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    size_t bad;
    size_t n = DecodeUtf8(s, i, &cp, &bad);
    if (n == 0) {
      out += kReplacement;
      i += bad;
      continue;
    }
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (XmlAllowed(cp)) {
          out.append(s.substr(i, n));
        } else {
          out += kReplacement;
        }
    }
    i += n;
  }
  return out;
}

std::string Utf8Truncate(std::string_view s, size_t max_chars) {
  std::string v = ValidUtf8(s);
  size_t chars = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if ((static_cast<unsigned char>(v[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return v.substr(0, i) + "\xE2\x80\xA6";  // "…"
    ++chars;
  }
  return v;
}

std::vector<const Lead*> OrderedLeads(const Scores& scores) {
  std::vector<const Lead*> leads;
  leads.reserve(scores.leads.size());
  for (const Lead& l : scores.leads) leads.push_back(&l);
  std::stable_sort(leads.begin(), leads.end(), [](const Lead* a, const Lead* b) {
    return Score4(a->score) > Score4(b->score);
  });
  return leads;
}

Index::Index(const World& world, const Scores& scores) : w_(world), s_(scores) {
  for (const Entity& e : w_.entities) AddIndexed(&entities_, e.id(), &e);
  for (const Entity& v : w_.vessels) AddIndexed(&vessels_, v.id(), &v);
  // IMO numbers and merged record ids second, so a vessel's own id always wins.
  for (const Entity& v : w_.vessels) {
    for (const auto& imo : v.Values("imoNumber")) {
      AddIndexed(&vessels_, NormalizeImo(imo), &v);
      AddIndexed(&vessels_, imo, &v);
    }
    for (const auto& m : v.Values("mergedIds")) AddIndexed(&vessels_, m, &v);
  }
  for (const Entity& d : w_.declarations) AddIndexed(&declarations_, d.id(), &d);
  for (const Entity& p : w_.ports) {
    AddIndexed(&ports_, NormalizeLocode(p.id()), &p);
    for (const auto& l : p.Values("locode")) AddIndexed(&ports_, NormalizeLocode(l), &p);
  }
  for (const PartyLink& pl : w_.parties) {
    auto [it, inserted] = parties_index_.emplace(pl.record_id, parties_.size());
    if (inserted) parties_.push_back({pl.record_id, {}});
    parties_[it->second].second.push_back(&pl);
  }
}

const Entity* Index::FindEntity(const std::string& id) const {
  auto it = entities_.find(id);
  return it == entities_.end() ? nullptr : it->second;
}

const Entity* Index::FindVessel(const std::string& key) const {
  auto it = vessels_.find(key);
  if (it != vessels_.end()) return it->second;
  std::string imo = NormalizeImo(key);
  if (imo.empty()) return nullptr;
  it = vessels_.find(imo);
  return it == vessels_.end() ? nullptr : it->second;
}

const Entity* Index::FindDeclaration(const std::string& id) const {
  auto it = declarations_.find(id);
  return it == declarations_.end() ? nullptr : it->second;
}

const Entity* Index::FindPort(const std::string& locode) const {
  auto it = ports_.find(NormalizeLocode(locode));
  return it == ports_.end() ? nullptr : it->second;
}

const SubjectScore* Index::EntityScore(const std::string& id) const {
  auto it = s_.entities.find(id);
  return it == s_.entities.end() ? nullptr : &it->second;
}

const SubjectScore* Index::VesselScore(const Entity& v) const {
  // Vessel findings are keyed by IMO number; vessels without one by their id.
  const SubjectScore* best = nullptr;
  auto consider = [&](const std::string& key) {
    if (key.empty()) return;
    auto it = s_.vessels.find(key);
    if (it != s_.vessels.end() && (!best || it->second.score > best->score)) best = &it->second;
  };
  for (const auto& imo : v.Values("imoNumber")) consider(NormalizeImo(imo));
  consider(v.id());
  if (v.id().rfind("imo-", 0) == 0) consider(v.id().substr(4));
  return best;
}

const SubjectScore* Index::DeclarationScore(const std::string& id) const {
  auto it = s_.declarations.find(id);
  return it == s_.declarations.end() ? nullptr : &it->second;
}

std::string Index::NodeId(const std::string& ref) const {
  if (ref.empty()) return "";
  if (entities_.count(ref)) return ref;
  if (const Entity* v = FindVessel(ref)) return v->id();
  return "";
}

const std::vector<const PartyLink*>* Index::Parties(const std::string& record_id) const {
  auto it = parties_index_.find(record_id);
  return it == parties_index_.end() ? nullptr : &parties_[it->second].second;
}

std::optional<std::pair<std::string, std::string>> EdgeProps(const Entity& link, const Index& idx) {
  static const std::vector<std::pair<const char*, std::pair<const char*, const char*>>> kKnown = {
      {"Ownership", {"owner", "asset"}},
      {"Directorship", {"director", "organization"}},
      {"Membership", {"member", "organization"}},
      {"Employment", {"employee", "employer"}},
      {"Representation", {"agent", "client"}},
      {"Family", {"person", "relative"}},
      {"Associate", {"person", "associate"}},
      {"UnknownLink", {"subject", "object"}},
      {"Succession", {"predecessor", "successor"}},
      {"Payment", {"payer", "beneficiary"}},
      {"Occupancy", {"holder", "post"}},
  };
  const std::string& schema = link.schema().name();
  for (const auto& [name, props] : kKnown)
    if (schema == name) return std::make_pair(std::string(props.first), props.second);
  // Unknown edge schema: the first two properties that name known nodes.
  std::vector<std::string> found;
  for (const Statement& st : link.statements()) {
    const std::string& prop = PropName(st.prop);
    if (std::find(found.begin(), found.end(), prop) != found.end()) continue;
    if (!idx.NodeId(st.value).empty()) found.push_back(prop);
    if (found.size() == 2) return std::make_pair(found[0], found[1]);
  }
  return std::nullopt;
}

std::vector<PartyEdge> PartyEdgesOf(const std::string& record_id,
                                    const std::vector<const PartyLink*>& parties, bool is_payment) {
  auto of_role = [&](const char* role) {
    std::vector<std::string> ids;
    for (const PartyLink* p : parties)
      if (p->role == role && !p->entity_id.empty() &&
          std::find(ids.begin(), ids.end(), p->entity_id) == ids.end())
        ids.push_back(p->entity_id);
    return ids;
  };
  std::vector<PartyEdge> out;
  auto connect = [&](const std::string& from_role, const std::vector<std::string>& from,
                     const std::string& to_role, const std::vector<std::string>& to) {
    for (const auto& a : from)
      for (const auto& b : to)
        if (a != b) out.push_back({a, b, from_role + "->" + to_role, record_id, is_payment});
  };
  if (is_payment) {
    connect("payer", of_role("payer"), "payee", of_role("payee"));
    return out;
  }
  static const char* const kFlow[] = {"exporter", "importer", "consignee", "end_user"};
  std::vector<std::pair<std::string, std::vector<std::string>>> chain;
  for (const char* role : kFlow) {
    auto ids = of_role(role);
    if (!ids.empty()) chain.push_back({role, std::move(ids)});
  }
  for (size_t i = 0; i + 1 < chain.size(); ++i)
    connect(chain[i].first, chain[i].second, chain[i + 1].first, chain[i + 1].second);
  auto first_of = [&](const char* a,
                      const char* b) -> std::pair<std::string, std::vector<std::string>> {
    auto ids = of_role(a);
    if (!ids.empty()) return {a, ids};
    return {b, of_role(b)};
  };
  auto [dst_role, dst] = first_of("exporter", "importer");
  connect("declarant", of_role("declarant"), dst_role, dst);
  auto [np_role, np] = first_of("consignee", "importer");
  connect("notify_party", of_role("notify_party"), np_role, np);
  return out;
}

}  // namespace interdict::report
