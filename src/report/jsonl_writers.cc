// leads.jsonl, declarations.csv, entities.jsonl, vessels.jsonl, events.jsonl and
// entities.ftm.jsonl (docs/formats/outputs.md).
#include <algorithm>
#include <cmath>

#include "core/csv.h"
#include "core/validate.h"
#include "interdict/env.h"
#include "report/report_internal.h"

namespace interdict::report {
namespace {

void AddUnique(std::vector<std::string>* v, const std::string& x) {
  if (!x.empty() && std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}

OJson StringArray(const std::vector<std::string>& v) {
  OJson a = OJson::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

OJson FlagCodes(const SubjectScore* s) {
  OJson a = OJson::array();
  if (s)
    for (const auto& f : s->flags) a.push_back(f.code);
  return a;
}

// Properties grouped by name in first-seen order, each a list of values.
OJson PropertiesOf(const Entity& e, const std::vector<std::string>& skip = {}) {
  OJson props = OJson::object();
  for (const Statement& st : e.statements()) {
    const std::string& name = PropName(st.prop);
    if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    OJson& values = props[name];
    if (values.is_null()) values = OJson::array();
    values.push_back(st.value);
  }
  return props;
}

OJson OrNull(const std::string& s) { return s.empty() ? OJson(nullptr) : OJson(s); }

OJson Coordinate(double x) { return std::isfinite(x) ? OJson(RoundTo(x, 6)) : OJson(nullptr); }

}  // namespace

std::string RenderLeadsJsonl(const Scores& scores) {
  std::vector<const Lead*> leads = OrderedLeads(scores);
  std::string out;
  for (size_t i = 0; i < leads.size(); ++i) {
    const Lead& l = *leads[i];
    OJson j;
    j["rank"] = i + 1;
    j["lead_id"] = l.lead_id;
    j["score"] = Score4(l.score);
    j["kind"] = l.kind;
    j["title"] = l.title;
    OJson subject = OJson::object();
    for (const auto& [k, v] : l.subject) subject[k] = v;
    j["subject"] = std::move(subject);
    OJson flags = OJson::array();
    for (const ScoredFlag& f : l.flags) {
      OJson jf;
      jf["code"] = f.code;
      jf["score"] = Score4(f.score);
      jf["explanation"] = f.explanation;
      OJson ev = OJson::array();
      for (const EvidenceRef& e : f.evidence)
        ev.push_back(OJson{{"source", e.source}, {"record_id", e.record_id}});
      jf["evidence"] = std::move(ev);
      flags.push_back(std::move(jf));
    }
    j["flags"] = std::move(flags);
    OJson related;
    related["declarations"] = StringArray(l.related_declarations);
    related["vessels"] = StringArray(l.related_vessels);
    related["entities"] = StringArray(l.related_entities);
    related["payments"] = StringArray(l.related_payments);
    j["related"] = std::move(related);
    AppendJsonLine(j, &out);
  }
  return out;
}

std::string RenderDeclarationsCsv(const Index& idx) {
  struct Row {
    const Entity* d;
    const SubjectScore* s;
    double score;  // rounded as written, so the file's own order is consistent
  };
  std::vector<Row> rows;
  rows.reserve(idx.world().declarations.size());
  for (const Entity& d : idx.world().declarations) {
    const SubjectScore* s = idx.DeclarationScore(d.id());
    rows.push_back({&d, s, s ? Score4(s->score) : 0.0});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.d->id() < b.d->id();
  });
  std::string out = "declaration_id,rank,score,flags\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::string> codes;
    if (rows[i].s)
      for (const auto& f : rows[i].s->flags) AddUnique(&codes, f.code);
    std::string flags;
    for (const auto& c : codes) flags += (flags.empty() ? "" : ";") + c;
    out += CsvLine({ValidUtf8(rows[i].d->id()), std::to_string(i + 1), Fixed(rows[i].score, 4),
                    ValidUtf8(flags)});
    out += '\n';
  }
  return out;
}

std::string RenderEntitiesJsonl(const Index& idx) {
  std::string out;
  for (const Entity& e : idx.world().entities) {
    const SubjectScore* s = idx.EntityScore(e.id());
    OJson j;
    j["id"] = e.id();
    j["schema"] = e.schema().name();
    j["name"] = e.Caption();
    std::vector<std::string> record_ids;
    OJson sources = OJson::array();
    for (const Provenance& p : e.referents()) {
      AddUnique(&record_ids, p.record_id);
      sources.push_back(OJson{{"source", p.source}, {"record_id", p.record_id}, {"line", p.line}});
    }
    j["referents"] = StringArray(record_ids);
    j["referent_sources"] = std::move(sources);
    j["score"] = s ? Score4(s->score) : 0.0;
    j["flags"] = FlagCodes(s);
    j["sanctioned"] = IsListed(e);
    j["sanctions_matches"] = StringArray(e.Values("sanctionsMatches"));
    double pct = 0;
    for (const auto& v : e.Values("sanctionedOwnershipPct")) {
      auto n = ParseNumber(v);
      if (n && std::isfinite(*n)) pct = std::max(pct, std::clamp(*n, 0.0, 100.0));
    }
    j["sanctioned_ownership_pct"] = RoundTo(pct, 4);
    j["properties"] = PropertiesOf(e, {"sanctionsMatches", "sanctionedOwnershipPct"});
    AppendJsonLine(j, &out);
  }
  return out;
}

std::string RenderVesselsJsonl(const Index& idx) {
  std::string out;
  for (const Entity& v : idx.world().vessels) {
    const SubjectScore* s = idx.VesselScore(v);
    std::string imo;
    for (const auto& x : v.Values("imoNumber")) {
      imo = NormalizeImo(x);
      if (!imo.empty()) break;
    }
    std::vector<std::string> names, flags, record_ids;
    for (const char* p : {"name", "previousName"})
      for (const auto& x : v.Values(p)) AddUnique(&names, x);
    for (const char* p : {"flag", "pastFlags"})
      for (const auto& x : v.Values(p)) AddUnique(&flags, x);
    for (const Provenance& p : v.referents()) AddUnique(&record_ids, p.record_id);
    OJson j;
    j["imo"] = OrNull(imo);
    j["id"] = v.id();
    j["mmsi"] = StringArray(v.Values("mmsi"));
    j["names"] = StringArray(names);
    j["flags_of_registry"] = StringArray(flags);
    j["score"] = s ? Score4(s->score) : 0.0;
    j["flags"] = FlagCodes(s);
    j["sanctioned"] = IsListed(v);
    j["referents"] = StringArray(record_ids);
    AppendJsonLine(j, &out);
  }
  return out;
}

std::string RenderEventsJsonl(const World& world) {
  std::string out;
  for (const AisEvent& ev : world.events) {
    OJson j;
    j["type"] = ev.type;
    j["mmsi"] = OrNull(ev.mmsi);
    j["other_mmsi"] = OrNull(ev.other_mmsi);
    j["imo"] = OrNull(ev.imo);
    j["start"] = FormatIsoUtc(ev.start);
    j["end"] = FormatIsoUtc(ev.end);
    j["lat"] = Coordinate(ev.lat);
    j["lon"] = Coordinate(ev.lon);
    OJson details = OJson::object();
    for (const auto& [k, v] : ev.details)
      if (!details.contains(k)) details[k] = v;
    j["details"] = std::move(details);
    AppendJsonLine(j, &out);
  }
  return out;
}

std::string RenderFtmJsonl(const Index& idx) {
  const World& w = idx.world();
  std::string out;
  auto emit = [&](const Entity& e, OJson props) {
    OJson j;
    j["id"] = e.id();
    j["schema"] = e.schema().name();
    j["properties"] = std::move(props);
    AppendJsonLine(j, &out);
  };
  // Resolved parties as entity references: "<role>Entity" (exporterEntity, payerEntity...).
  auto add_parties = [&](const Entity& record, OJson* props) {
    const auto* parties = idx.Parties(record.id());
    if (!parties) return;
    for (const PartyLink* p : *parties) {
      if (p->entity_id.empty()) continue;
      OJson& values = (*props)[p->role + "Entity"];
      if (values.is_null()) values = OJson::array();
      if (std::find(values.begin(), values.end(), OJson(p->entity_id)) == values.end())
        values.push_back(p->entity_id);
    }
  };
  for (const Entity& e : w.entities) emit(e, PropertiesOf(e));
  for (const Entity& v : w.vessels) emit(v, PropertiesOf(v));
  for (const Entity& l : w.links) emit(l, PropertiesOf(l));
  for (const Entity& s : w.sanctions) emit(s, PropertiesOf(s));
  for (const Entity& d : w.declarations) {
    OJson props = PropertiesOf(d);
    add_parties(d, &props);
    if (const Entity* v = idx.FindVessel(d.First("vessel_imo")))
      props["vesselEntity"] = OJson::array({v->id()});
    emit(d, std::move(props));
  }
  for (const Entity& p : w.payments) {
    OJson props = PropertiesOf(p);
    add_parties(p, &props);
    emit(p, std::move(props));
  }
  return out;
}

}  // namespace interdict::report
