// `interdict graph export` and `interdict graph communities`: the property graph over the
// resolved World (src/network/graph.h), its Leiden communities and key players.
//
// Inputs are loaded the way `investigate` loads them: every recognised file is ingested by
// the same readers into a store (in memory here, unless an existing SQLite store is given),
// the stored records are read back and resolved by BuildWorld.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/log.h"
#include "core/progress.h"
#include "interdict/env.h"
#include "interdict/ingest.h"
#include "interdict/store.h"
#include "network/community.h"
#include "network/graph.h"
#include "resolve/resolve.h"

namespace interdict::cli {
namespace {
namespace fs = std::filesystem;

int Fail(const Status& st) {
  std::cerr << "interdict: " << st.ToString() << "\n";
  return 1;
}

struct GraphArgs {
  std::vector<std::string> inputs;
  bool quiet = false;
};

void AddInputs(CLI::App* cmd, GraphArgs* a) {
  cmd->add_option("INPUTS", a->inputs,
                  "Input folders/files (as for investigate) or one SQLite store")
      ->required();
  cmd->add_flag("-q,--quiet", a->quiet, "No progress or log lines on stderr");
}

}  // namespace

void RegisterGraphCommands(CLI::App& app, int* exit_code) {
  auto* graph = app.add_subcommand("graph", "The property graph: export, communities, key players");
  graph->require_subcommand(1);
  {
    auto* cmd =
        graph->add_subcommand("export", "Write the property graph as GraphML or FtM JSON lines");
    auto* a = new GraphArgs();  // lives as long as the app (process)
    auto* format = new std::string("graphml");
    auto* out = new std::string();
    AddInputs(cmd, a);
    cmd->add_option("--format", *format, "graphml|ftm")->check(CLI::IsMember({"graphml", "ftm"}));
    cmd->add_option("--out", *out, "Output file")->required();
    cmd->callback([=] {
      if (a->quiet) {
        SetLogLevel(LogLevel::kError);
        Progress::SetGlobalQuiet(true);
      }
      auto w = LoadWorldFromInputs(a->inputs);
      if (!w.ok()) {
        *exit_code = Fail(w.status());
        return;
      }
      auto g = network::PropertyGraph::Build(*w);
      std::ofstream f(*out, std::ios::binary);
      if (!f) {
        *exit_code = Fail(Status::IoError(*out + ": cannot open for writing"));
        return;
      }
      Status st = *format == "ftm" ? g.WriteFtm(*w, f) : g.WriteGraphml(f);
      if (!st.ok()) {
        *exit_code = Fail(st.Annotate(*out));
        return;
      }
      std::printf("%zu nodes, %zu edges written to %s (%s)\n", g.nodes().size(), g.edges().size(),
                  out->c_str(), format->c_str());
      *exit_code = 0;
    });
  }
  {
    auto* cmd = graph->add_subcommand(
        "communities",
        "Leiden communities of the property graph with their key players and brokers");
    auto* a = new GraphArgs();
    auto* json = new bool(false);
    auto* quality = new std::string("modularity");
    auto* resolution = new double(1.0);
    auto* seed = new uint64_t(42);
    auto* top = new size_t(20);
    auto* min_size = new size_t(3);
    AddInputs(cmd, a);
    cmd->add_flag("--json", *json, "One JSON line per community");
    cmd->add_option("--quality", *quality, "modularity|cpm")
        ->check(CLI::IsMember({"modularity", "cpm"}));
    cmd->add_option("--resolution", *resolution, "Resolution (gamma)");
    cmd->add_option("--seed", *seed, "Random seed (same seed, same communities)");
    cmd->add_option("--top", *top, "Communities to print, largest first (0 = all)");
    cmd->add_option("--min-size", *min_size, "Smallest community printed");
    cmd->callback([=] {
      if (a->quiet) {
        SetLogLevel(LogLevel::kError);
        Progress::SetGlobalQuiet(true);
      }
      auto w = LoadWorldFromInputs(a->inputs);
      if (!w.ok()) {
        *exit_code = Fail(w.status());
        return;
      }
      auto pg = network::PropertyGraph::Build(*w);
      network::WeightedGraph g = pg.Undirected(network::PropertyGraph::DefaultKindWeights());
      network::LeidenOptions lo;
      lo.quality = *quality == "cpm" ? network::Quality::kCpm : network::Quality::kModularity;
      lo.resolution = *resolution;
      lo.seed = *seed;
      auto t0 = std::chrono::steady_clock::now();
      network::Partition p = network::Leiden(g, lo);
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      std::vector<std::vector<uint32_t>> members(p.count);
      for (uint32_t v = 0; v < g.n; ++v) members[p.membership[v]].push_back(v);
      std::vector<uint32_t> order(p.count);
      for (uint32_t c = 0; c < p.count; ++c) order[c] = c;
      std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
        return members[x].size() > members[y].size();
      });
      if (!*json)
        std::printf("%u nodes, %zu edges, %u communities, %s %.4f (Leiden, %.0f ms)\n", g.n,
                    g.edge_entries() / 2, p.count, quality->c_str(), p.quality, ms);
      size_t printed = 0;
      for (uint32_t c : order) {
        const auto& m = members[c];
        if (m.size() < *min_size || (*top > 0 && printed >= *top)) break;
        ++printed;
        // Key players: betweenness inside the community (capped: O(V E) per community).
        std::vector<uint32_t> sub(m.begin(), m.begin() + std::min<size_t>(m.size(), 3000));
        std::vector<double> bc = network::Betweenness(g, sub, true);
        std::vector<size_t> idx(sub.size());
        for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        std::stable_sort(idx.begin(), idx.end(), [&](size_t x, size_t y) { return bc[x] > bc[y]; });
        auto brokers = network::FindBrokers(g, p.membership, sub, bc);
        std::vector<std::string> listed;
        for (uint32_t v : m)
          if (pg.nodes()[v].listed) listed.push_back(pg.nodes()[v].name);
        if (*json) {
          nlohmann::json j;
          j["community"] = c;
          j["size"] = m.size();
          j["members"] = nlohmann::json::array();
          for (uint32_t v : m) j["members"].push_back(pg.nodes()[v].id);
          j["listed"] = listed;
          j["key_players"] = nlohmann::json::array();
          for (size_t i = 0; i < std::min<size_t>(5, idx.size()); ++i)
            j["key_players"].push_back({{"id", pg.nodes()[sub[idx[i]]].id},
                                        {"name", pg.nodes()[sub[idx[i]]].name},
                                        {"betweenness", bc[idx[i]]}});
          j["brokers"] = nlohmann::json::array();
          for (size_t i = 0; i < std::min<size_t>(5, brokers.size()); ++i)
            j["brokers"].push_back({{"id", pg.nodes()[brokers[i].node].id},
                                    {"name", pg.nodes()[brokers[i].node].name},
                                    {"betweenness", brokers[i].betweenness},
                                    {"communities", brokers[i].communities}});
          std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
          std::printf("\ncommunity %u: %zu members%s\n", c, m.size(),
                      listed.empty()
                          ? ""
                          : (", listed: " + listed.front() +
                             (listed.size() > 1 ? " +" + std::to_string(listed.size() - 1) : ""))
                                .c_str());
          for (size_t i = 0; i < std::min<size_t>(3, idx.size()); ++i)
            std::printf("  key player %-40s betweenness %.3f\n",
                        pg.nodes()[sub[idx[i]]].name.substr(0, 40).c_str(), bc[idx[i]]);
          for (size_t i = 0; i < std::min<size_t>(2, brokers.size()); ++i)
            std::printf("  broker     %-40s to %zu communities\n",
                        pg.nodes()[brokers[i].node].name.substr(0, 40).c_str(),
                        brokers[i].communities.size() - 1);
        }
      }
      *exit_code = 0;
    });
  }
}

}  // namespace interdict::cli
