// network.graphml: entities and vessels as nodes; registry links and declaration/payment
// party pairs as edges (docs/formats/outputs.md).
#include <map>
#include <set>
#include <tuple>

#include "core/validate.h"
#include "report/report_internal.h"

namespace interdict::report {
namespace {

void Data(std::string* out, const char* key, const std::string& value) {
  *out += "      <data key=\"";
  *out += key;
  *out += "\">";
  *out += XmlEscape(value);
  *out += "</data>\n";
}

}  // namespace

std::string RenderGraphml(const Index& idx) {
  const World& w = idx.world();
  std::string out;
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"n_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "  <key id=\"n_schema\" for=\"node\" attr.name=\"schema\" attr.type=\"string\"/>\n"
      "  <key id=\"n_score\" for=\"node\" attr.name=\"score\" attr.type=\"double\">\n"
      "    <default>0</default>\n"
      "  </key>\n"
      "  <key id=\"n_sanctioned\" for=\"node\" attr.name=\"sanctioned\" "
      "attr.type=\"boolean\">\n"
      "    <default>false</default>\n"
      "  </key>\n"
      "  <key id=\"n_country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
      "  <key id=\"n_flags\" for=\"node\" attr.name=\"flags\" attr.type=\"string\"/>\n"
      "  <key id=\"n_placeholder\" for=\"node\" attr.name=\"placeholder\" "
      "attr.type=\"boolean\">\n"
      "    <default>false</default>\n"
      "  </key>\n"
      "  <key id=\"e_label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "  <key id=\"e_schema\" for=\"edge\" attr.name=\"schema\" attr.type=\"string\"/>\n"
      "  <key id=\"e_percentage\" for=\"edge\" attr.name=\"percentage\" "
      "attr.type=\"double\"/>\n"
      "  <key id=\"e_start\" for=\"edge\" attr.name=\"startDate\" attr.type=\"string\"/>\n"
      "  <key id=\"e_end\" for=\"edge\" attr.name=\"endDate\" attr.type=\"string\"/>\n"
      "  <key id=\"e_records\" for=\"edge\" attr.name=\"records\" attr.type=\"string\"/>\n"
      "  <key id=\"e_weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\">\n"
      "    <default>1</default>\n"
      "  </key>\n"
      "  <graph id=\"interdict\" edgedefault=\"directed\">\n";

  std::set<std::string> nodes;
  auto node = [&](const Entity& e, const SubjectScore* s) {
    if (e.id().empty() || !nodes.insert(e.id()).second) return;
    out += "    <node id=\"" + XmlEscape(e.id()) + "\">\n";
    Data(&out, "n_label", e.Caption());
    Data(&out, "n_schema", e.schema().name());
    Data(&out, "n_score", Fixed(s ? Score4(s->score) : 0.0, 4));
    Data(&out, "n_sanctioned", IsListed(e) ? "true" : "false");
    std::string cc = e.First("country");
    if (cc.empty()) cc = e.First("flag");
    if (!cc.empty()) Data(&out, "n_country", cc);
    if (s && !s->flags.empty()) {
      std::string codes;
      for (const auto& f : s->flags) codes += (codes.empty() ? "" : ";") + f.code;
      Data(&out, "n_flags", codes);
    }
    out += "    </node>\n";
  };
  for (const Entity& e : w.entities) node(e, idx.EntityScore(e.id()));
  for (const Entity& v : w.vessels) node(v, idx.VesselScore(v));

  // Edges are collected first so that ids they reference but that are not nodes get a
  // placeholder node (GraphML requires every edge end to be a node).
  std::string edges;
  size_t edge_no = 0;
  std::set<std::string> placeholders;
  auto end_id = [&](const std::string& ref) {
    std::string id = idx.NodeId(ref);
    if (id.empty()) {
      id = ref;
      if (!nodes.count(id)) placeholders.insert(id);
    }
    return id;
  };
  auto open_edge = [&](const std::string& src, const std::string& dst) {
    edges += "    <edge id=\"e" + std::to_string(++edge_no) + "\" source=\"" + XmlEscape(src) +
             "\" target=\"" + XmlEscape(dst) + "\">\n";
  };
  for (const Entity& l : w.links) {
    auto props = EdgeProps(l, idx);
    if (!props) continue;
    auto sources = l.Values(props->first);
    auto targets = l.Values(props->second);
    for (const auto& a : sources)
      for (const auto& b : targets) {
        open_edge(end_id(a), end_id(b));
        std::string label = l.schema().name();
        std::string pct = l.First("percentage");
        auto pct_num = ParseNumber(pct);
        if (pct_num) label += " " + pct + "%";
        Data(&edges, "e_label", label);
        Data(&edges, "e_schema", l.schema().name());
        if (pct_num) Data(&edges, "e_percentage", Fixed(RoundTo(*pct_num, 4), 4));
        if (l.Has("startDate")) Data(&edges, "e_start", l.First("startDate"));
        if (l.Has("endDate")) Data(&edges, "e_end", l.First("endDate"));
        Data(&edges, "e_records", l.id());
        edges += "    </edge>\n";
      }
  }
  // Party pairs: one edge per (source, target, role pair), weighted by the number of
  // declarations (or payments) that carry it; their ids in `records`.
  std::map<std::tuple<std::string, std::string, std::string, bool>, std::vector<std::string>> pairs;
  std::set<std::string> payment_ids;
  for (const Entity& p : w.payments) payment_ids.insert(p.id());
  for (const auto& [record, parties] : idx.PartiesByRecord()) {
    bool is_payment = payment_ids.count(record) && !idx.FindDeclaration(record);
    for (const PartyEdge& pe : PartyEdgesOf(record, parties, is_payment))
      pairs[{pe.source, pe.target, pe.label, pe.payment}].push_back(pe.record_id);
  }
  for (const auto& [key, records] : pairs) {
    const auto& [src, dst, label, payment] = key;
    open_edge(end_id(src), end_id(dst));
    Data(&edges, "e_label", label);
    Data(&edges, "e_schema", payment ? "Payment" : "Declaration");
    std::string ids;
    for (const auto& r : records) ids += (ids.empty() ? "" : ";") + r;
    Data(&edges, "e_records", ids);
    Data(&edges, "e_weight", std::to_string(records.size()));
    edges += "    </edge>\n";
  }
  // Screening conclusions: a party that matched a list entry points at that entry.
  for (const Entity& e : w.entities)
    for (const auto& m : e.Values("sanctionsMatches")) {
      open_edge(e.id(), end_id(m));
      Data(&edges, "e_label", "sanctions match");
      Data(&edges, "e_schema", "SanctionsMatch");
      edges += "    </edge>\n";
    }
  for (const auto& id : placeholders) {
    if (nodes.count(id)) continue;
    out += "    <node id=\"" + XmlEscape(id) + "\">\n";
    Data(&out, "n_label", id);
    Data(&out, "n_schema", "Unknown");
    Data(&out, "n_placeholder", "true");
    out += "    </node>\n";
  }
  out += edges;
  out += "  </graph>\n</graphml>\n";
  return out;
}

}  // namespace interdict::report
