// BODS 0.4 reader (see bods.h).
#include "network/bods.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/strings.h"

namespace interdict::network {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<double> Num(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

// Share object -> [min, max]; exclusive bounds are kept as the bound itself (a 75 % <
// share test would need them exact; for >= 50 / > 50 / >= 25 tests the difference lies
// inside the review band, see docs/network.md).
void ShareOf(const json& interest, float* lo, float* hi, bool* known) {
  *lo = 0;
  *hi = 100;
  *known = false;
  auto it = interest.find("share");
  if (it == interest.end() || !it->is_object()) return;
  const json& s = *it;
  if (auto e = Num(s, "exact")) {
    *lo = *hi = static_cast<float>(*e);
    *known = true;
    return;
  }
  bool any = false;
  if (auto v = Num(s, "minimum")) *lo = static_cast<float>(*v), any = true;
  if (auto v = Num(s, "exclusiveMinimum")) *lo = static_cast<float>(*v), any = true;
  if (auto v = Num(s, "maximum")) *hi = static_cast<float>(*v), any = true;
  if (auto v = Num(s, "exclusiveMaximum")) *hi = static_cast<float>(*v), any = true;
  *known = any;
}

bool IsControlInterest(const std::string& t) {
  return t == "boardMember" || t == "boardChair" || t == "appointmentOfBoard";
}

Result<std::vector<json>> LoadStatements(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  std::vector<json> out;
  std::string_view t = Trim(text);
  if (!t.empty() && t.front() == '[') {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_array())
      return Status::Corruption(path + ": invalid BODS JSON array");
    for (auto& s : j) out.push_back(std::move(s));
    return out;
  }
  std::istringstream lines(text);
  std::string line;
  int64_t n = 0;
  while (std::getline(lines, line)) {
    ++n;
    if (Trim(line).empty()) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded())
      return Status::Corruption(path + ":" + std::to_string(n) + ": invalid JSON");
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

bool LooksLikeBods(const std::string& path) {
  std::ifstream in(path);
  std::string head(8192, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head.find("\"statementId\"") != std::string::npos &&
         (head.find("\"recordType\"") != std::string::npos ||
          head.find("\"bodsVersion\"") != std::string::npos);
}

Status ReadBods(const std::string& path, Day as_of, OwnershipGraph* g, BodsData* data) {
  auto loaded = LoadStatements(path);
  if (!loaded.ok()) return loaded.status();
  std::string base =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  // The statement per record: latest statementDate on or before as_of (file order breaks
  // ties, so a later "updated" statement of the same date wins).
  std::map<std::string, const json*> chosen;
  std::vector<std::string> order;
  for (const json& s : *loaded) {
    if (!s.is_object()) continue;
    ++data->statements;
    std::string rid = Str(s, "recordId");
    if (rid.empty()) continue;
    auto d = ParseStartDay(Str(s, "statementDate"));
    if (d && *d > as_of) continue;
    auto it = chosen.find(rid);
    if (it == chosen.end()) {
      chosen[rid] = &s;
      order.push_back(rid);
      continue;
    }
    auto prev = ParseStartDay(Str(*it->second, "statementDate"));
    if (!prev || !d || *d >= *prev) it->second = &s;
  }
  data->records += chosen.size();
  auto party_id = [&](const std::string& rid) { return rid; };
  // Parties first.
  for (const auto& rid : order) {
    const json& s = *chosen[rid];
    if (Str(s, "recordStatus") == "closed") continue;
    std::string type = Str(s, "recordType");
    if (type != "entity" && type != "person") continue;
    const json& d = s.contains("recordDetails") ? s["recordDetails"] : json::object();
    Party p;
    p.id = party_id(rid);
    p.schema = type == "person" ? "Person" : "LegalEntity";
    p.natural_person = type == "person";
    p.name = Str(d, "name");
    if (p.name.empty() && d.contains("names") && d["names"].is_array() && !d["names"].empty())
      p.name = Str(d["names"][0], "fullName");
    if (p.name.empty()) p.name = rid;
    if (d.contains("entityType") && d["entityType"].is_object())
      p.joint = Str(d["entityType"], "type") == "arrangement";
    p.source = {base, Str(s, "statementId")};
    g->AddParty(std::move(p));
  }
  for (const auto& rid : order) {
    const json& s = *chosen[rid];
    if (Str(s, "recordType") != "relationship" || Str(s, "recordStatus") == "closed") continue;
    const json& d = s.contains("recordDetails") ? s["recordDetails"] : json::object();
    std::string subj = Str(d, "subject"), ip = Str(d, "interestedParty");
    if (subj.empty() || ip.empty()) continue;  // unspecified owner (object with reason)
    uint32_t a = g->Ensure(party_id(subj)), o = g->Ensure(party_id(ip));
    bool component = d.value("isComponent", false);
    std::vector<std::string> comps;
    if (d.contains("componentRecords") && d["componentRecords"].is_array())
      for (const auto& c : d["componentRecords"])
        if (c.is_string()) comps.push_back(c.get<std::string>());
    if (!d.contains("interests") || !d["interests"].is_array()) continue;
    for (const json& in : d["interests"]) {
      DeclaredInterest di;
      di.subject = a;
      di.interested_party = o;
      di.type = Str(in, "type");
      di.direct_or_indirect = Str(in, "directOrIndirect");
      di.beneficial = in.value("beneficialOwnershipOrControl", false);
      ShareOf(in, &di.pct_min, &di.pct_max, &di.pct_known);
      if (auto v = ParseStartDay(Str(in, "startDate"))) di.start = *v;
      if (auto v = ParseEndDay(Str(in, "endDate"))) di.end = *v;
      di.component_records = comps;
      di.record_id = rid;
      if (!component) data->declared.push_back(di);
      bool declared_chain = di.direct_or_indirect == "indirect" && !comps.empty();
      if (declared_chain) continue;
      SourceRef src{base, Str(s, "statementId")};
      if (di.type == "shareholding" || di.type.empty()) {
        Stake st;
        st.owner = o;
        st.asset = a;
        st.pct_min = di.pct_min;
        st.pct_max = di.pct_max;
        st.pct_known = di.pct_known;
        st.start = di.start;
        st.end = di.end;
        st.source = src;
        g->stakes.push_back(std::move(st));
      } else if (IsControlInterest(di.type)) {
        Control c;
        c.director = o;
        c.organization = a;
        c.start = di.start;
        c.end = di.end;
        c.role = di.type;
        c.source = src;
        g->controls.push_back(std::move(c));
      }
    }
  }
  return Status::Ok();
}

}  // namespace interdict::network
