#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/strings.h"
#include "interdict/report.h"
#include "testutil.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ReadFile;

const char kNasty[] = "Evil <&\"> Corp";
const char kNastyEscaped[] = "Evil &lt;&amp;&quot;&gt; Corp";

Provenance Prov(const std::string& source, const std::string& id, int64_t line) {
  Provenance p;
  p.source = source;
  p.record_id = id;
  p.line = line;
  return p;
}

Entity Make(const std::string& id, const char* schema,
            const std::vector<std::pair<std::string, std::string>>& props, const Provenance& prov) {
  Entity e(id, Schema::Get(schema));
  uint32_t ref = e.AddReferent(prov);
  for (const auto& [k, v] : props) e.Add(k, v, ref);
  return e;
}

ScoredFlag Flag(const std::string& code, double score, const std::string& source,
                const std::string& record) {
  return ScoredFlag{code, score, code + " explained", {{source, record}}};
}

struct Fixture {
  World world;
  std::vector<Finding> findings;
  Scores scores;
};

Fixture BuildFixture() {
  Fixture f;
  World& w = f.world;
  w.ports.push_back(Make("TRMER", "Port",
                         {{"locode", "TRMER"},
                          {"name", "Mersin"},
                          {"country", "TR"},
                          {"lat", "36.8"},
                          {"lon", "34.63"}},
                         Prov("ports.csv", "TRMER", 2)));
  w.ports.push_back(Make("AEJEA", "Port",
                         {{"locode", "AEJEA"},
                          {"name", "Jebel Ali"},
                          {"country", "AE"},
                          {"lat", "25.01"},
                          {"lon", "55.06"}},
                         Prov("ports.csv", "AEJEA", 3)));
  w.ports.push_back(Make("RUNVS", "Port",
                         {{"locode", "RUNVS"},
                          {"name", "Novorossiysk"},
                          {"country", "RU"},
                          {"lat", "44.72"},
                          {"lon", "37.77"}},
                         Prov("ports.csv", "RUNVS", 4)));

  w.entities.push_back(Make(
      "ofac-1", "Company",
      {{"name", kNasty}, {"country", "RU"}, {"topics", "sanction"}, {"program", "RUSSIA-EO14024"}},
      Prov("sanctions/sdn.csv", "1", 1)));
  w.entities.push_back(Make("party-a", "LegalEntity", {{"name", "Acme Export"}, {"country", "TR"}},
                            Prov("declarations.csv", "D-1", 2)));
  Entity b = Make("party-b", "LegalEntity", {{"name", kNasty}, {"country", "RU"}},
                  Prov("declarations.csv", "D-1", 2));
  b.AddReferent(Prov("registry/companies.ftm.jsonl", "reg-b", 7));
  b.Add("sanctionsMatches", "ofac-1");
  w.entities.push_back(std::move(b));
  Entity c = Make("reg-c", "Company", {{"name", "Holding Ltd"}, {"country", "CY"}},
                  Prov("registry/companies.ftm.jsonl", "reg-c", 3));
  c.Add("sanctionedOwnershipPct", "60");
  w.entities.push_back(std::move(c));

  w.vessels.push_back(Make("imo-9321483", "Vessel",
                           {{"imoNumber", "9321483"},
                            {"name", "Sea Star"},
                            {"previousName", "Ocean Star"},
                            {"flag", "PA"},
                            {"pastFlags", "KM"},
                            {"mmsi", "352001234"}},
                           Prov("registry/vessels.ftm.jsonl", "v-1", 1)));

  w.links.push_back(Make("own-1", "Ownership",
                         {{"owner", "ofac-1"}, {"asset", "reg-c"}, {"percentage", "60"}},
                         Prov("registry/ownership.ftm.jsonl", "own-1", 1)));
  w.links.push_back(Make("dir-1", "Directorship",
                         {{"director", "ghost-person"}, {"organization", "reg-c"}},
                         Prov("registry/ownership.ftm.jsonl", "dir-1", 2)));
  w.sanctions.push_back(Make("sanc-1", "Sanction",
                             {{"entity", "ofac-1"}, {"program", "RUSSIA-EO14024"}},
                             Prov("sanctions/sdn.csv", "1", 1)));

  w.declarations.push_back(Make("D-3", "Declaration",
                                {{"declaration_id", "D-3"}, {"hs_code", "090111"}},
                                Prov("declarations.csv", "D-3", 4)));
  w.declarations.push_back(Make("D-1", "Declaration",
                                {{"declaration_id", "D-1"},
                                 {"hs_code", "854231"},
                                 {"goods_description", "Integrated circuits"},
                                 {"exporter", "Acme Export"},
                                 {"exporter_country", "TR"},
                                 {"importer", kNasty},
                                 {"importer_country", "RU"},
                                 {"port_of_loading", "TRMER"},
                                 {"transshipment_ports", "AEJEA"},
                                 {"port_of_discharge", "RUNVS"},
                                 {"vessel_imo", "9321483"}},
                                Prov("declarations.csv", "D-1", 2)));
  w.declarations.push_back(Make("D-2", "Declaration",
                                {{"declaration_id", "D-2"}, {"hs_code", "847130"}},
                                Prov("declarations.csv", "D-2", 3)));
  w.declarations.push_back(Make("D-0", "Declaration",
                                {{"declaration_id", "D-0"}, {"hs_code", "090111"}},
                                Prov("declarations.csv", "D-0", 5)));
  w.payments.push_back(Make("P-1", "Payment",
                            {{"payment_id", "P-1"},
                             {"payer", kNasty},
                             {"payee", "Acme Export"},
                             {"amount", "1000"},
                             {"reference", "D-1"}},
                            Prov("payments.csv", "P-1", 2)));
  w.parties = {{"D-1", "exporter", "party-a"},
               {"D-1", "importer", "party-b"},
               {"P-1", "payer", "party-b"},
               {"P-1", "payee", "party-a"}};
  w.declaration_payments["D-1"] = {"P-1"};
  AisEvent ev;
  ev.type = "encounter";
  ev.mmsi = "352001234";
  ev.other_mmsi = "273000001";
  ev.imo = "9321483";
  ev.start = 1714737600;  // 2024-05-03T12:00:00Z
  ev.end = 1714737600 + 7200;
  ev.lat = 35.5;
  ev.lon = 33.25;
  ev.details = {{"duration_h", "2.0"}, {"min_distance_m", "80"}};
  w.events.push_back(ev);
  w.BuildIndexes();

  Finding fd;
  fd.code = "SCR-NAME-EXACT";
  fd.subject_kind = SubjectKind::kEntity;
  fd.subject_id = "party-b";
  fd.score = 0.8;
  fd.explanation = std::string("importer ") + kNasty + " is listed";
  fd.evidence = {{"sanctions/sdn.csv", "1"}, {"declarations.csv", "D-1"}};
  f.findings.push_back(fd);
  Finding fv;
  fv.code = "MAR-STS";
  fv.subject_kind = SubjectKind::kVessel;
  fv.subject_id = "9321483";
  fv.score = 0.4;
  fv.explanation = "ship-to-ship encounter";
  f.findings.push_back(fv);

  Scores& s = f.scores;
  s.declarations["D-1"] = {0.91234567,
                           {Flag("SCR-NAME-EXACT", 0.8, "sanctions/sdn.csv", "1"),
                            Flag("TRD-HUB-ROUTE", 0.5, "declarations.csv", "D-1"),
                            Flag("MAR-STS", 0.4, "derived", "9321483")}};
  s.declarations["D-2"] = {0.3, {Flag("TRD-CHPL", 0.3, "declarations.csv", "D-2")}};
  s.vessels["9321483"] = {0.4, {Flag("MAR-STS", 0.4, "derived", "9321483")}};
  s.entities["party-b"] = {0.8, {Flag("SCR-NAME-EXACT", 0.8, "sanctions/sdn.csv", "1")}};

  Lead l1;
  l1.rank = 1;
  l1.lead_id = "L-shipment1";
  l1.score = 0.91234567;
  l1.kind = "shipment";
  l1.title =
      std::string("Declaration D-1: Integrated circuits — Acme Export (TR) to ") + kNasty + " (RU)";
  l1.subject = {{"declaration_id", "D-1"}};
  l1.flags = s.declarations["D-1"].flags;
  l1.related_declarations = {"D-1"};
  l1.related_vessels = {"9321483"};
  l1.related_entities = {"party-a", "party-b"};
  l1.related_payments = {"P-1"};
  Lead l2;
  l2.rank = 2;
  l2.lead_id = "L-entity1";
  l2.score = 0.8;
  l2.kind = "entity";
  l2.title = std::string("LegalEntity ") + kNasty + " (RU)";
  l2.subject = {{"entity_id", "party-b"}};
  l2.flags = s.entities["party-b"].flags;
  l2.related_declarations = {"D-1"};
  l2.related_entities = {"party-b"};
  Lead l3;
  l3.rank = 3;
  l3.lead_id = "L-vessel1";
  l3.score = 0.4;
  l3.kind = "vessel";
  l3.title = "Vessel Sea Star (IMO 9321483)";
  l3.subject = {{"imo", "9321483"}};
  l3.flags = s.vessels["9321483"].flags;
  l3.related_vessels = {"9321483"};
  s.leads = {l1, l2, l3};
  return f;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<json> ParseJsonl(const std::string& path) {
  std::vector<json> out;
  std::string text = ReadFile(path);
  if (!text.empty()) {
    EXPECT_EQ(text.back(), '\n') << path;
  }
  for (const auto& line : Lines(text)) {
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(j.is_discarded()) << path << ": " << line;
    out.push_back(j);
  }
  return out;
}

// Checks that the XML's tags nest properly; returns "" when they do, else a reason.
std::string CheckXmlBalanced(const std::string& xml, int* elements) {
  std::vector<std::string> stack;
  *elements = 0;
  size_t i = 0;
  while ((i = xml.find('<', i)) != std::string::npos) {
    size_t end = xml.find('>', i);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(i);
    std::string tag = xml.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '?' || tag[0] == '!') continue;
    if (tag[0] == '/') {
      std::string name = tag.substr(1);
      if (stack.empty() || stack.back() != name) return "unexpected </" + name + ">";
      stack.pop_back();
      continue;
    }
    ++*elements;
    if (tag.back() == '/') continue;
    stack.push_back(tag.substr(0, tag.find_first_of(" \t\n")));
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  // Every '&' starts an entity.
  for (size_t a = 0; (a = xml.find('&', a)) != std::string::npos; ++a) {
    bool ok = false;
    for (const char* ent : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"})
      ok = ok || xml.compare(a, std::strlen(ent), ent) == 0;
    if (!ok) return "unescaped & at " + std::to_string(a);
  }
  return "";
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t i = 0; (i = s.find(what, i)) != std::string::npos; i += what.size()) ++n;
  return n;
}

class WritersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fx_ = BuildFixture();
    dir_ = testing::MakeTempDir() + "/out/nested";
    auto r = WriteOutputs(fx_.world, fx_.findings, fx_.scores, dir_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    files_ = r->files;
  }
  std::string Path(const char* name) const { return dir_ + "/" + name; }

  Fixture fx_;
  std::string dir_;
  std::vector<std::string> files_;
};

TEST_F(WritersTest, WritesEveryFileAtomically) {
  const std::vector<std::string> expected = {
      "leads.jsonl",  "declarations.csv",   "entities.jsonl",  "vessels.jsonl",
      "events.jsonl", "entities.ftm.jsonl", "network.graphml", "report.html"};
  ASSERT_EQ(files_.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(fs::path(files_[i]).filename().string(), expected[i]);
    EXPECT_TRUE(fs::is_regular_file(files_[i])) << files_[i];
  }
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_FALSE(EndsWith(entry.path().string(), ".tmp")) << entry.path();
}

TEST_F(WritersTest, EveryJsonlLineParses) {
  for (const char* f :
       {"leads.jsonl", "entities.jsonl", "vessels.jsonl", "events.jsonl", "entities.ftm.jsonl"}) {
    auto lines = ParseJsonl(Path(f));
    EXPECT_FALSE(lines.empty()) << f;
    for (const auto& j : lines) EXPECT_TRUE(j.is_object()) << f;
  }
}

TEST_F(WritersTest, LeadsBestFirstWithFields) {
  auto leads = ParseJsonl(Path("leads.jsonl"));
  ASSERT_EQ(leads.size(), 3u);
  const std::vector<std::string> keys = {"rank",  "lead_id", "score", "kind",
                                         "title", "subject", "flags", "related"};
  for (size_t i = 0; i < leads.size(); ++i) {
    EXPECT_EQ(leads[i]["rank"], i + 1);
    std::vector<std::string> got;
    for (auto it = leads[i].begin(); it != leads[i].end(); ++it) got.push_back(it.key());
    // nlohmann::json sorts keys on parse; compare as sets.
    std::sort(got.begin(), got.end());
    auto want = keys;
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want);
    if (i > 0) {
      EXPECT_GE(leads[i - 1]["score"].get<double>(), leads[i]["score"].get<double>());
    }
  }
  // Key order in the file follows the documented order.
  std::string first = Lines(ReadFile(Path("leads.jsonl")))[0];
  EXPECT_EQ(first.rfind("{\"rank\":1,\"lead_id\":\"L-shipment1\",\"score\":0.9123,", 0), 0u)
      << first;

  const json& l = leads[0];
  EXPECT_EQ(l["lead_id"], "L-shipment1");
  EXPECT_DOUBLE_EQ(l["score"].get<double>(), 0.9123);
  EXPECT_EQ(l["kind"], "shipment");
  EXPECT_NE(l["title"].get<std::string>().find(kNasty), std::string::npos);
  EXPECT_EQ(l["subject"]["declaration_id"], "D-1");
  ASSERT_EQ(l["flags"].size(), 3u);
  EXPECT_EQ(l["flags"][0]["code"], "SCR-NAME-EXACT");
  EXPECT_DOUBLE_EQ(l["flags"][0]["score"].get<double>(), 0.8);
  EXPECT_EQ(l["flags"][0]["explanation"], "SCR-NAME-EXACT explained");
  EXPECT_EQ(l["flags"][0]["evidence"][0]["source"], "sanctions/sdn.csv");
  EXPECT_EQ(l["flags"][0]["evidence"][0]["record_id"], "1");
  EXPECT_EQ(l["related"]["declarations"], json::array({"D-1"}));
  EXPECT_EQ(l["related"]["vessels"], json::array({"9321483"}));
  EXPECT_EQ(l["related"]["entities"], json::array({"party-a", "party-b"}));
  EXPECT_EQ(l["related"]["payments"], json::array({"P-1"}));
  EXPECT_EQ(leads[1]["kind"], "entity");
  EXPECT_EQ(leads[2]["subject"]["imo"], "9321483");
  EXPECT_EQ(leads[2]["related"]["payments"], json::array());
}

TEST_F(WritersTest, DeclarationsCsvRanksEveryDeclaration) {
  auto lines = Lines(ReadFile(Path("declarations.csv")));
  ASSERT_EQ(lines.size(), 1 + fx_.world.declarations.size());
  EXPECT_EQ(lines[0], "declaration_id,rank,score,flags");
  EXPECT_EQ(lines[1], "D-1,1,0.9123,SCR-NAME-EXACT;TRD-HUB-ROUTE;MAR-STS");
  EXPECT_EQ(lines[2], "D-2,2,0.3000,TRD-CHPL");
  // Unflagged declarations: score 0, ordered by id.
  EXPECT_EQ(lines[3], "D-0,3,0.0000,");
  EXPECT_EQ(lines[4], "D-3,4,0.0000,");
}

TEST_F(WritersTest, EntitiesCarrySanctionsAndReferents) {
  auto ents = ParseJsonl(Path("entities.jsonl"));
  ASSERT_EQ(ents.size(), fx_.world.entities.size());
  std::map<std::string, json> by_id;
  for (const auto& e : ents) by_id[e["id"]] = e;
  const json& listed = by_id.at("ofac-1");
  EXPECT_TRUE(listed["sanctioned"].get<bool>());
  EXPECT_EQ(listed["schema"], "Company");
  EXPECT_EQ(listed["name"], kNasty);
  EXPECT_EQ(listed["properties"]["program"], json::array({"RUSSIA-EO14024"}));

  const json& b = by_id.at("party-b");
  EXPECT_FALSE(b["sanctioned"].get<bool>());
  EXPECT_EQ(b["sanctions_matches"], json::array({"ofac-1"}));
  EXPECT_FALSE(b["properties"].contains("sanctionsMatches"));
  EXPECT_EQ(b["referents"], json::array({"D-1", "reg-b"}));
  ASSERT_EQ(b["referent_sources"].size(), 2u);
  EXPECT_EQ(b["referent_sources"][1]["source"], "registry/companies.ftm.jsonl");
  EXPECT_EQ(b["referent_sources"][1]["record_id"], "reg-b");
  EXPECT_EQ(b["referent_sources"][1]["line"], 7);
  EXPECT_DOUBLE_EQ(b["score"].get<double>(), 0.8);
  EXPECT_EQ(b["flags"], json::array({"SCR-NAME-EXACT"}));
  EXPECT_DOUBLE_EQ(b["sanctioned_ownership_pct"].get<double>(), 0);

  const json& c = by_id.at("reg-c");
  EXPECT_DOUBLE_EQ(c["sanctioned_ownership_pct"].get<double>(), 60);
  EXPECT_DOUBLE_EQ(c["score"].get<double>(), 0);
  EXPECT_EQ(c["flags"], json::array());
}

TEST_F(WritersTest, VesselsAndEvents) {
  auto vessels = ParseJsonl(Path("vessels.jsonl"));
  ASSERT_EQ(vessels.size(), 1u);
  const json& v = vessels[0];
  EXPECT_EQ(v["imo"], "9321483");
  EXPECT_EQ(v["id"], "imo-9321483");
  EXPECT_EQ(v["mmsi"], json::array({"352001234"}));
  EXPECT_EQ(v["names"], json::array({"Sea Star", "Ocean Star"}));
  EXPECT_EQ(v["flags_of_registry"], json::array({"PA", "KM"}));
  EXPECT_DOUBLE_EQ(v["score"].get<double>(), 0.4);
  EXPECT_EQ(v["flags"], json::array({"MAR-STS"}));

  auto events = ParseJsonl(Path("events.jsonl"));
  ASSERT_EQ(events.size(), 1u);
  const json& e = events[0];
  EXPECT_EQ(e["type"], "encounter");
  EXPECT_EQ(e["mmsi"], "352001234");
  EXPECT_EQ(e["other_mmsi"], "273000001");
  EXPECT_EQ(e["imo"], "9321483");
  EXPECT_EQ(e["start"], "2024-05-03T12:00:00Z");
  EXPECT_EQ(e["end"], "2024-05-03T14:00:00Z");
  EXPECT_DOUBLE_EQ(e["lat"].get<double>(), 35.5);
  EXPECT_DOUBLE_EQ(e["lon"].get<double>(), 33.25);
  EXPECT_EQ(e["details"]["min_distance_m"], "80");
}

TEST_F(WritersTest, FtmLinesCoverTheNetwork) {
  auto lines = ParseJsonl(Path("entities.ftm.jsonl"));
  const World& w = fx_.world;
  EXPECT_EQ(lines.size(), w.entities.size() + w.vessels.size() + w.links.size() +
                              w.sanctions.size() + w.declarations.size() + w.payments.size());
  std::map<std::string, json> by_id;
  for (const auto& j : lines) {
    ASSERT_TRUE(j.contains("id") && j.contains("schema") && j.contains("properties"));
    for (const auto& [k, v] : j["properties"].items()) EXPECT_TRUE(v.is_array()) << k;
    by_id[j["id"]] = j;
  }
  EXPECT_EQ(by_id.at("own-1")["schema"], "Ownership");
  EXPECT_EQ(by_id.at("own-1")["properties"]["owner"], json::array({"ofac-1"}));
  EXPECT_EQ(by_id.at("ofac-1")["properties"]["topics"], json::array({"sanction"}));
  const json& d1 = by_id.at("D-1")["properties"];
  EXPECT_EQ(d1["exporterEntity"], json::array({"party-a"}));
  EXPECT_EQ(d1["importerEntity"], json::array({"party-b"}));
  EXPECT_EQ(d1["vesselEntity"], json::array({"imo-9321483"}));
  EXPECT_EQ(by_id.at("P-1")["properties"]["payerEntity"], json::array({"party-b"}));
}

TEST_F(WritersTest, GraphmlIsWellFormedAndEscaped) {
  std::string xml = ReadFile(Path("network.graphml"));
  int elements = 0;
  EXPECT_EQ(CheckXmlBalanced(xml, &elements), "");
  EXPECT_GT(elements, 10);
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml", 0), 0u);
  // 4 entities + 1 vessel + 1 placeholder (the director nobody knows).
  EXPECT_EQ(Count(xml, "<node id="), 6u);
  EXPECT_NE(xml.find("<node id=\"ghost-person\">"), std::string::npos);
  // Ownership, Directorship, exporter->importer (D-1), payer->payee (P-1), and the
  // screening match party-b -> ofac-1.
  EXPECT_EQ(Count(xml, "<edge id="), 5u);
  EXPECT_NE(xml.find("source=\"party-b\" target=\"ofac-1\""), std::string::npos);
  EXPECT_NE(xml.find("source=\"ofac-1\" target=\"reg-c\""), std::string::npos);
  EXPECT_NE(xml.find("<data key=\"e_percentage\">60.0000</data>"), std::string::npos);
  EXPECT_NE(xml.find("source=\"party-a\" target=\"party-b\""), std::string::npos);
  EXPECT_NE(xml.find("<data key=\"e_label\">exporter-&gt;importer</data>"), std::string::npos);
  EXPECT_NE(xml.find("<data key=\"e_records\">D-1</data>"), std::string::npos);
  EXPECT_NE(xml.find("source=\"party-b\" target=\"party-a\""), std::string::npos);
  EXPECT_NE(xml.find(kNastyEscaped), std::string::npos);
  EXPECT_EQ(xml.find(kNasty), std::string::npos);
  EXPECT_NE(xml.find("<data key=\"n_sanctioned\">true</data>"), std::string::npos);
}

TEST_F(WritersTest, HtmlReportIsSelfContainedAndEscaped) {
  std::string html = ReadFile(Path("report.html"));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  // The top lead's title, escaped.
  std::string title = std::string("Declaration D-1: Integrated circuits — Acme Export (TR) to ") +
                      kNastyEscaped + " (RU)";
  EXPECT_NE(html.find(title), std::string::npos);
  EXPECT_EQ(html.find(kNasty), std::string::npos);
  // Evidence: source file and record id.
  EXPECT_NE(html.find("sanctions/sdn.csv · 1"), std::string::npos);
  EXPECT_NE(html.find("SCR-NAME-EXACT explained"), std::string::npos);
  // Map and network pictures, with the lead's ports.
  // One map, and one network per lead (the fixture has fewer than kHtmlTopLeads leads).
  EXPECT_EQ(Count(html, "class=\"lead-network\""), fx_.scores.leads.size());
  EXPECT_EQ(Count(html, "<svg"), 1 + fx_.scores.leads.size());
  // No ingest overview was passed: the section says so instead of inventing numbers.
  EXPECT_NE(html.find("No ingest statistics"), std::string::npos);
  EXPECT_NE(html.find("<polyline"), std::string::npos);
  for (const char* port : {"TRMER", "AEJEA", "RUNVS"})
    EXPECT_NE(html.find(port), std::string::npos);
  EXPECT_NE(html.find("fill=\"#d62728\""), std::string::npos);  // a listed entity in red
  // Nothing fetched from elsewhere, no scripts.
  for (const char* attr : {"src=", "href="}) {
    std::string lower = AsciiLower(html);
    for (size_t a = 0; (a = lower.find(attr, a)) != std::string::npos; ++a) {
      std::string value = std::string(Trim(lower.substr(a + std::strlen(attr), 12)));
      if (!value.empty() && (value[0] == '"' || value[0] == '\'')) value.erase(0, 1);
      EXPECT_FALSE(StartsWith(value, "http") || StartsWith(value, "//")) << lower.substr(a, 60);
    }
  }
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
}

TEST(WritersEdgeTest, EmptyWorldWritesEveryFile) {
  World w;
  Scores s;
  std::string dir = testing::MakeTempDir();
  auto r = WriteOutputs(w, {}, s, dir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files.size(), 8u);
  EXPECT_EQ(ReadFile(dir + "/events.jsonl"), "");
  EXPECT_EQ(ReadFile(dir + "/leads.jsonl"), "");
  EXPECT_EQ(ReadFile(dir + "/declarations.csv"), "declaration_id,rank,score,flags\n");
  int elements = 0;
  EXPECT_EQ(CheckXmlBalanced(ReadFile(dir + "/network.graphml"), &elements), "");
  EXPECT_NE(ReadFile(dir + "/report.html").find("No leads"), std::string::npos);
}

TEST(WritersEdgeTest, InvalidUtf8AndOddValuesNeverBreakOutputs) {
  Fixture fx = BuildFixture();
  fx.world.entities[1].Add("name", "bad \xC3\x28 byte \x01 ctrl");
  fx.world.entities.push_back(Make("x\xFF<id>", "Person", {{"name", "Bad \xFE name & co"}},
                                   Prov("registry/x.ftm.jsonl", "x\xFF", 1)));
  fx.scores.leads[0].title = "broken \xE2\x82 title <b>";
  fx.scores.leads[0].score = std::numeric_limits<double>::quiet_NaN();
  fx.world.events[0].lat = std::numeric_limits<double>::infinity();
  fx.world.events[0].details.push_back({"note", "\xC0\xAF"});
  std::string dir = testing::MakeTempDir();
  auto r = WriteOutputs(fx.world, fx.findings, fx.scores, dir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const char* f :
       {"leads.jsonl", "entities.jsonl", "vessels.jsonl", "events.jsonl", "entities.ftm.jsonl"})
    ParseJsonl(dir + "/" + f);
  auto events = ParseJsonl(dir + "/events.jsonl");
  EXPECT_TRUE(events[0]["lat"].is_null());
  auto leads = ParseJsonl(dir + "/leads.jsonl");
  for (const auto& l : leads) {
    double sc = l["score"].get<double>();
    EXPECT_TRUE(sc >= 0 && sc <= 1);
  }
  std::string xml = ReadFile(dir + "/network.graphml");
  int elements = 0;
  EXPECT_EQ(CheckXmlBalanced(xml, &elements), "");
  EXPECT_NE(xml.find("Bad \xEF\xBF\xBD name &amp; co"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  std::string html = ReadFile(dir + "/report.html");
  EXPECT_NE(html.find("broken \xEF\xBF\xBD title &lt;b&gt;"), std::string::npos);
}

TEST(WritersEdgeTest, OutputPathThatIsAFileIsAnError) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/file", "x");
  auto r = WriteOutputs(World{}, {}, Scores{}, dir + "/file");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace interdict
