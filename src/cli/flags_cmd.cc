// `interdict flags [--json] [--family FAM] [--config FILE] [--set key=value]...`: the red-flag
// registry (config/flags.yaml) with the weights in force after --config/--set.
//   text: one row per code: code, weight, subjects, source, title; then the sources.
//   --json: [{code, family, title, description, source, source_reference, subjects, scored,
//             weight (null when not scored), weight_is_default}]
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "detect/flags.h"
#include "interdict/config.h"
#include "interdict/detect.h"

namespace interdict::cli {
namespace {

struct FlagsOptions {
  std::string config_file;
  std::vector<std::string> overrides;
  std::string family;
  bool json = false;
};

int RunFlags(const FlagsOptions& o) {
  Config c = Config::Defaults();
  Status st = o.config_file.empty() ? Status::Ok() : c.MergeFile(o.config_file);
  for (const auto& a : o.overrides)
    if (st.ok()) st = c.ApplyOverride(a);
  if (!st.ok()) {
    std::cerr << "interdict: " << st.ToString() << "\n";
    return 1;
  }
  const FlagRegistry& reg = FlagRegistry::BuiltIn();
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
  };
  if (o.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const FlagInfo& f : reg.flags()) {
      if (!o.family.empty() && f.family != o.family) continue;
      auto src = reg.sources().find(f.source);
      nlohmann::ordered_json j;
      j["code"] = f.code;
      j["family"] = f.family;
      j["title"] = f.title;
      j["description"] = f.description;
      j["source"] = f.source;
      j["source_reference"] = src == reg.sources().end() ? "" : src->second;
      j["subjects"] = f.subjects;
      j["scored"] = f.scored;
      if (f.scored)
        j["weight"] = FlagWeight(c, f.code);
      else
        j["weight"] = nullptr;
      j["weight_is_default"] = f.scored && !c.Has("weights." + f.code);
      out.push_back(std::move(j));
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::printf("%-22s %-6s %-30s %-26s %s\n", "code", "weight", "subjects", "source", "title");
  for (const FlagInfo& f : reg.flags()) {
    if (!o.family.empty() && f.family != o.family) continue;
    char w[16] = "-";
    if (f.scored) std::snprintf(w, sizeof w, "%.2f", FlagWeight(c, f.code));
    std::printf("%-22s %-6s %-30s %-26s %s\n", f.code.c_str(), w, join(f.subjects).c_str(),
                f.source.c_str(), f.title.c_str());
  }
  std::printf(
      "\nweight: weights.<CODE> in the configuration (--config/--set), else weights.default"
      " (%.2f);\n\"-\": explanation label only, never scored. Sources:\n",
      c.GetDouble("weights.default", 0.3));
  for (const auto& [k, v] : reg.sources()) std::printf("  %s: %s\n", k.c_str(), v.c_str());
  return 0;
}

}  // namespace

void RegisterFlagsCommands(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<FlagsOptions>();
  auto* cmd = app.add_subcommand("flags", "List the red-flag codes with their current weights");
  cmd->add_option("--config", o->config_file, "YAML configuration file (over built-in defaults)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--set", o->overrides, "Override one setting: key=value (repeatable)");
  cmd->add_option("--family", o->family, "Only this family (SCR, TRD, MAR, NET, FIN)")
      ->check(CLI::IsMember({"SCR", "TRD", "MAR", "NET", "FIN"}));
  cmd->add_flag("--json", o->json, "JSON array instead of a table");
  cmd->callback([o, exit_code] { *exit_code = RunFlags(*o); });
}

}  // namespace interdict::cli
