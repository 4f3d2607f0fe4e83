// `interdict money trace` and `interdict money detect`: follow the money through the
// temporal payment graph (src/finance/trace.cc) and list laundering typologies
// (src/finance/structures.cc) over any inputs investigate reads.
//
// Inputs load through LoadWorldFromInputs (cli/load_world.cc), as for `interdict graph`.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/log.h"
#include "core/progress.h"
#include "core/strings.h"
#include "core/validate.h"
#include "finance/finance.h"
#include "interdict/config.h"
#include "interdict/env.h"
#include "interdict/ingest.h"
#include "interdict/store.h"
#include "resolve/resolve.h"

namespace interdict::cli {
namespace {
namespace fs = std::filesystem;


int Fail(const Status& st) {
  std::cerr << "interdict: " << st.ToString() << "\n";
  return 1;
}

std::string Iso(int64_t t) {
  time_t tt = static_cast<time_t>(t);
  struct tm tm;
  gmtime_r(&tt, &tm);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M", &tm);
  return b;
}

// Start accounts for --from: an account, a party entity (its accounts), a payment (its
// payer, from the payment's time) or a declaration (its importer's / consignee's accounts).
struct Start {
  std::vector<uint32_t> nodes;
  int64_t t0 = INT64_MIN;
  std::string what;
};

Start Resolve(const World& w, const TxGraph& g, const std::string& id, bool forward) {
  Start s;
  if (int64_t n = FindNode(g, id); n >= 0) {
    s.nodes.push_back(static_cast<uint32_t>(n));
    s.what = "account";
    return s;
  }
  auto by_entity = [&](const std::string& ent) {
    for (uint32_t n = 0; n < g.node_count(); ++n)
      if (g.entity(n) == ent) s.nodes.push_back(n);
  };
  if (auto it = w.payment_index.find(id); it != w.payment_index.end()) {
    for (const Txn& t : g.txns())
      if (t.payment == it->second) {
        s.nodes.push_back(forward ? t.src : t.dst);
        s.t0 = t.time;
      }
    s.what = "payment";
    return s;
  }
  if (w.FindDeclaration(id)) {
    auto pit = w.parties_by_record.find(id);
    if (pit != w.parties_by_record.end())
      for (size_t k : pit->second) {
        const PartyLink& l = w.parties[k];
        if (l.role == (forward ? "importer" : "exporter") || (forward && l.role == "consignee"))
          by_entity(l.entity_id);
      }
    s.what = "declaration";
    return s;
  }
  by_entity(id);
  s.what = "entity";
  return s;
}

struct MoneyArgs {
  std::vector<std::string> inputs;
  std::vector<std::string> sets;
  bool quiet = false;
};

Result<Config> LoadConfig(const MoneyArgs& a) {
  Config cfg = Config::Defaults();
  for (const auto& s : a.sets) RETURN_IF_ERROR(cfg.ApplyOverride(s));
  return cfg;
}

void Common(CLI::App* cmd, MoneyArgs* a) {
  cmd->add_option("INPUTS", a->inputs, "Input folders/files (as for investigate) or one store")
      ->required();
  cmd->add_option("--set", a->sets,
                  "Configuration override key=value (e.g. finance.chain_min_hops=5)");
  cmd->add_flag("-q,--quiet", a->quiet, "No progress or log lines on stderr");
}

}  // namespace

void RegisterMoneyCommands(CLI::App& app, int* exit_code) {
  auto* money =
      app.add_subcommand("money", "Money flows: trace payments, detect laundering typologies");
  money->require_subcommand(1);
  {
    auto* cmd = money->add_subcommand(
        "trace", "Follow the money from an account, entity, payment or declaration");
    auto* a = new MoneyArgs();
    auto* from = new std::string();
    auto* hops = new int(4);
    auto* window = new double(30);
    auto* method = new std::string("fifo");
    auto* backward = new bool(false);
    auto* json = new bool(false);
    Common(cmd, a);
    cmd->add_option("--from", *from, "Account, entity id, payment id or declaration id")
        ->required();
    cmd->add_option("--hops", *hops, "Maximum hops (default 4)");
    cmd->add_option("--window", *window,
                    "Days after (before, with --backward) the start (default 30)");
    cmd->add_option("--method", *method, "fifo|proportional")
        ->check(CLI::IsMember({"fifo", "proportional"}));
    cmd->add_flag("--backward", *backward, "Trace where the money came from");
    cmd->add_flag("--json", *json, "JSON output");
    cmd->callback([=] {
      if (a->quiet) {
        SetLogLevel(LogLevel::kError);
        Progress::SetGlobalQuiet(true);
      }
      auto cfg = LoadConfig(*a);
      if (!cfg.ok()) return void(*exit_code = Fail(cfg.status()));
      auto w = LoadWorldFromInputs(a->inputs);
      if (!w.ok()) return void(*exit_code = Fail(w.status()));
      TxGraph g = TxGraph::FromWorld(*w, *cfg);
      Start s = Resolve(*w, g, *from, !*backward);
      if (s.nodes.empty())
        return void(*exit_code = Fail(Status::NotFound(
                        *from + ": no account, entity, payment or declaration with payments")));
      TraceOptions o;
      o.forward = !*backward;
      o.hops = *hops;
      o.window = static_cast<int64_t>(*window * 86400);
      o.method = *method == "fifo" ? TraceMethod::kFifo : TraceMethod::kProportional;
      nlohmann::json out = {{"from", *from},
                            {"kind", s.what},
                            {"method", *method},
                            {"direction", o.forward ? "forward" : "backward"},
                            {"hops", *hops},
                            {"window_days", *window},
                            {"currency", cfg->GetString("finance.base_currency", "USD")}};
      std::map<uint32_t, double> ends;
      for (uint32_t n : s.nodes) {
        int64_t t0 = s.t0;
        if (t0 == INT64_MIN) {  // from the account's first payment in the direction traced
          auto e = o.forward ? g.out(n) : g.in(n);
          if (e.empty()) continue;
          t0 = o.forward ? g.txns()[e.front()].time : g.txns()[e.back()].time;
        }
        TraceResult r = TraceMoney(g, n, t0, o);
        for (const TraceFlow& f : r.flows) {
          const Txn& t = g.txns()[f.txn];
          out["flows"].push_back({{"hop", f.hop},
                                  {"payment", w->payments[t.payment].id()},
                                  {"from", g.key(t.src)},
                                  {"to", g.key(t.dst)},
                                  {"date", Iso(t.time)},
                                  {"amount", std::isnan(t.amount) ? 0.0 : t.amount},
                                  {"traced", f.traced}});
        }
        for (auto [v, amt] : r.endpoints) ends[v] += amt;
      }
      std::vector<std::pair<uint32_t, double>> sorted(ends.begin(), ends.end());
      std::sort(sorted.begin(), sorted.end(), [](auto& x, auto& y) { return x.second > y.second; });
      for (auto [v, amt] : sorted) {
        const std::string& ent = g.entity(v);
        const Entity* e = ent.empty() ? nullptr : w->FindEntity(ent);
        bool listed = e && IsListed(*e);
        out["beneficiaries"].push_back({{"account", g.key(v)},
                                        {"entity", ent},
                                        {"name", e ? e->First("name") : ""},
                                        {"amount", amt},
                                        {"listed", listed}});
      }
      if (*json) {
        std::cout << out.dump(2) << "\n";
      } else {
        std::printf("%s %s (%s), %s, %d hops, %.0f days\n",
                    o.forward ? "forward from" : "backward from", from->c_str(), s.what.c_str(),
                    method->c_str(), *hops, *window);
        for (const auto& f : out.value("flows", nlohmann::json::array()))
          std::printf("  hop %d  %s  %s -> %s  %.2f (traced %.2f)  [%s]\n", f["hop"].get<int>(),
                      f["date"].get<std::string>().c_str(), f["from"].get<std::string>().c_str(),
                      f["to"].get<std::string>().c_str(), f["amount"].get<double>(),
                      f["traced"].get<double>(), f["payment"].get<std::string>().c_str());
        std::printf("ultimate %s:\n", o.forward ? "beneficiaries" : "sources");
        for (const auto& b : out.value("beneficiaries", nlohmann::json::array()))
          std::printf("  %-24s %14.2f  %s%s\n", b["account"].get<std::string>().c_str(),
                      b["amount"].get<double>(), b["name"].get<std::string>().c_str(),
                      b["listed"].get<bool>() ? "  LISTED (sanctions)" : "");
      }
      *exit_code = 0;
    });
  }
  {
    auto* cmd = money->add_subcommand(
        "detect", "Laundering typologies (FIN-FAN-IN ... FIN-CHAIN) with their payments");
    auto* a = new MoneyArgs();
    auto* json = new bool(false);
    Common(cmd, a);
    cmd->add_flag("--json", *json, "One JSON object per structure (JSON lines)");
    cmd->callback([=] {
      if (a->quiet) {
        SetLogLevel(LogLevel::kError);
        Progress::SetGlobalQuiet(true);
      }
      auto cfg = LoadConfig(*a);
      if (!cfg.ok()) return void(*exit_code = Fail(cfg.status()));
      auto w = LoadWorldFromInputs(a->inputs);
      if (!w.ok()) return void(*exit_code = Fail(w.status()));
      TxGraph g = TxGraph::FromWorld(*w, *cfg);
      std::map<std::string, int> counts;
      for (const Structure& s : FindStructures(g, *cfg)) {
        ++counts[s.code];
        nlohmann::json j = {
            {"code", s.code}, {"strength", s.strength}, {"explanation", s.explanation}};
        for (uint32_t n : s.hubs) j["hubs"].push_back(g.key(n));
        for (uint32_t n : s.members) j["members"].push_back(g.key(n));
        for (uint32_t t : s.txns) j["payments"].push_back(w->payments[g.txns()[t].payment].id());
        if (*json)
          std::cout << j.dump() << "\n";
        else
          std::printf("%-20s %.2f  %s\n", s.code.c_str(), s.strength, s.explanation.c_str());
      }
      if (!*json)
        for (auto& [c, n] : counts) std::printf("# %s: %d\n", c.c_str(), n);
      *exit_code = 0;
    });
  }
}

}  // namespace interdict::cli
