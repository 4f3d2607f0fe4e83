// `interdict network ownership` and `interdict network paths` (docs/network.md).
//
// ownership: interdict network ownership FILES... [--date D] [--regime ofac|eu|uk] [--json]
//   FILES are FtM JSON lines or BODS 0.4 JSON (sniffed). Prints one JSON line per entity
//   the regime's tests block or put under review: {id, name, regime, listed, blocked,
//   review, basis, aggregate_pct, aggregate_pct_max, total_known_pct, shares_over_100,
//   date, owners:[{id, name, pct, pct_max, pct_known, blocked, listed, start, end,
//   source, record_id, superseded:[record ids]}], directors, blocked_directors,
//   explanation}. Without --json, the explanation lines.
// paths: interdict network paths --from ID [--hops K] FILES...
//   One JSON line per listed party within K links: {from, target, target_name, hops,
//   shortest_hops, score, path:[{from, to, type, label, source, record_id}], text}.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "network/bods.h"
#include "network/ownership.h"
#include "network/paths.h"

namespace interdict::cli {
namespace {

using nlohmann::json;
namespace nw = network;

struct OwnershipArgs {
  std::vector<std::string> files;
  std::string date, regime = "ofac", priority;
  bool json = false;
};

struct PathsArgs {
  std::vector<std::string> files;
  std::string from;
  int hops = 3;
};

int RunOwnership(const OwnershipArgs& a) {
  auto regime = nw::ParseRegime(a.regime);
  if (!regime) {
    std::cerr << "interdict network ownership: --regime must be ofac, eu or uk\n";
    return 2;
  }
  nw::Day date = nw::Today();
  if (!a.date.empty()) {
    auto d = nw::ParseStartDay(a.date);
    if (!d) {
      std::cerr << "interdict network ownership: --date must be YYYY-MM-DD\n";
      return 2;
    }
    date = *d;
  }
  std::vector<std::string> priority;
  for (std::string s; const char c : a.priority + ",") {
    if (c == ',') {
      if (!s.empty()) priority.push_back(s);
      s.clear();
    } else {
      s += c;
    }
  }
  nw::OwnershipGraph g;
  for (const auto& f : a.files) {
    Status st;
    if (nw::LooksLikeBods(f)) {
      nw::BodsData data;
      st = nw::ReadBods(f, date, &g, &data);
    } else {
      st = nw::ReadFtmOwnership(f, priority, &g);
    }
    if (!st.ok()) {
      std::cerr << "interdict network ownership: " << st.ToString() << "\n";
      return 1;
    }
  }
  for (const auto& r : nw::Evaluate(g, *regime, date)) {
    const nw::Party& p = g.parties[r.party];
    if (!a.json) {
      std::cout << p.id << " " << p.name << ": " << r.explanation << "\n";
      continue;
    }
    json owners = json::array();
    for (const auto& os : r.owners) {
      const nw::Stake& s = g.stakes[os.stake];
      const nw::Party& o = g.parties[s.owner];
      json sup = json::array();
      for (uint32_t i : os.superseded) sup.push_back(g.stakes[i].source.record_id);
      owners.push_back({{"id", o.id},
                        {"name", o.name},
                        {"pct", s.pct_known ? json(s.pct_min) : json(nullptr)},
                        {"pct_max", s.pct_known ? json(s.pct_max) : json(nullptr)},
                        {"pct_known", s.pct_known},
                        {"blocked", os.owner_blocked},
                        {"listed", os.owner_listed},
                        {"start", nw::FormatDay(s.start)},
                        {"end", nw::FormatDay(s.end)},
                        {"source", s.source.source},
                        {"record_id", s.source.record_id},
                        {"superseded", sup}});
    }
    std::string basis = r.by_ownership && r.by_control ? "ownership+control"
                        : r.by_control                 ? "control"
                        : r.by_ownership               ? "ownership"
                                                       : "unknown share - review";
    json j = {{"id", p.id},
              {"name", p.name},
              {"regime", nw::RegimeName(*regime)},
              {"date", nw::FormatDay(date)},
              {"listed", r.listed},
              {"blocked", r.blocked},
              {"review", r.review},
              {"basis", basis},
              {"aggregate_pct", r.aggregate_pct},
              {"aggregate_pct_max", r.aggregate_pct_max},
              {"total_known_pct", r.total_known_pct},
              {"shares_over_100", r.shares_over_100},
              {"owners", owners},
              {"directors", r.directors},
              {"blocked_directors", r.blocked_directors},
              {"explanation", r.explanation}};
    std::cout << j.dump() << "\n";
  }
  return 0;
}

int RunPaths(const PathsArgs& a) {
  nw::ExposureGraph g;
  for (const auto& f : a.files) {
    Status st = nw::ReadFtmExposure(f, &g);
    if (!st.ok()) {
      std::cerr << "interdict network paths: " << st.ToString() << "\n";
      return 1;
    }
  }
  const uint32_t* from = g.Find(a.from);
  if (!from) {
    std::cerr << "interdict network paths: no entity or link mentions '" << a.from << "'\n";
    return 1;
  }
  nw::PathOptions opt;
  opt.max_hops = a.hops;
  for (const auto& p : nw::ExposurePaths(g, *from, opt)) {
    json steps = json::array();
    for (size_t i = 0; i < p.edges.size(); ++i) {
      const auto& e = g.edges[p.edges[i]];
      steps.push_back({{"from", g.ids[p.nodes[i]]},
                       {"to", g.ids[p.nodes[i + 1]]},
                       {"type", nw::LinkTypeName(e.type)},
                       {"label", e.label},
                       {"source", e.source.source},
                       {"record_id", e.source.record_id}});
    }
    json j = {
        {"from", a.from}, {"target", g.ids[p.target]},        {"target_name", g.names[p.target]},
        {"hops", p.hops}, {"shortest_hops", p.shortest_hops}, {"score", p.score},
        {"path", steps},  {"text", nw::DescribePath(g, p)}};
    std::cout << j.dump() << "\n";
  }
  return 0;
}

}  // namespace

void RegisterNetworkCommands(CLI::App& app, int* exit_code) {
  auto* net = app.add_subcommand("network", "Ownership tests (OFAC/EU/UK) and exposure paths");
  net->require_subcommand(1);
  auto oa = std::make_shared<OwnershipArgs>();
  auto* own = net->add_subcommand(
      "ownership", "Entities blocked by a regime's ownership/control tests at a date");
  own->add_option("files", oa->files, "FtM JSON lines or BODS 0.4 JSON files")->required();
  own->add_option("--date", oa->date, "evaluation date YYYY-MM-DD (default: today)");
  own->add_option("--regime", oa->regime, "ofac (default), eu or uk");
  own->add_option("--source-priority", oa->priority,
                  "comma-separated sources/datasets, preferred first, for conflicting records");
  own->add_flag("--json", oa->json, "one JSON line per entity");
  own->callback([oa, exit_code] { *exit_code = RunOwnership(*oa); });
  auto pa = std::make_shared<PathsArgs>();
  auto* paths = net->add_subcommand("paths", "Paths from an entity to listed parties");
  paths->add_option("--from", pa->from, "entity, declaration, vessel or payment id")->required();
  paths->add_option("--hops", pa->hops, "maximum links (default 3)")->check(CLI::Range(1, 8));
  paths->add_option("files", pa->files, "FtM JSON lines")->required();
  paths->callback([pa, exit_code] { *exit_code = RunPaths(*pa); });
}

}  // namespace interdict::cli
