#include "detect/flags.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <set>

namespace interdict {
namespace internal {
extern const char* const kFlagsYaml;  // generated from config/flags.yaml (src/core)
}  // namespace internal

namespace {

const std::set<std::string>& KnownSubjects() {
  static const std::set<std::string> k = {"declaration", "entity", "vessel", "payment"};
  return k;
}

// A scalar of an entry, whitespace-trimmed ("" when absent).
std::string Scalar(const YAML::Node& entry, const char* key) {
  const YAML::Node n = entry[key];
  if (!n || !n.IsScalar()) return "";
  std::string s = n.as<std::string>();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

Result<FlagRegistry> FlagRegistry::Parse(const std::string& yaml_text) {
  FlagRegistry r;
  static const std::regex kCode("(SCR|TRD|MAR|NET|FIN)-[A-Z0-9]+(-[A-Z0-9]+)*");
  try {
    YAML::Node root = YAML::Load(yaml_text);
    if (!root.IsMap()) return Status::InvalidArgument("flag registry: not a YAML mapping");
    if (const YAML::Node src = root["sources"]) {
      if (!src.IsMap()) return Status::InvalidArgument("flag registry: sources is not a mapping");
      for (const auto& kv : src) {
        std::string key = kv.first.as<std::string>();
        r.sources_[key] = Scalar(src, key.c_str());
      }
    }
    const YAML::Node flags = root["flags"];
    if (!flags || !flags.IsSequence())
      return Status::InvalidArgument("flag registry: flags is missing or not a list");
    for (size_t i = 0; i < flags.size(); ++i) {
      const YAML::Node e = flags[i];
      std::string where = "flag registry entry " + std::to_string(i + 1);
      if (!e.IsMap()) return Status::InvalidArgument(where + ": not a mapping");
      FlagInfo f;
      f.code = Scalar(e, "code");
      where += " (" + f.code + ")";
      if (!std::regex_match(f.code, kCode))
        return Status::InvalidArgument(
            where + ": code must look like FAM-NAME, FAM in SCR TRD MAR NET FIN");
      f.family = f.code.substr(0, 3);
      f.title = Scalar(e, "title");
      f.description = Scalar(e, "description");
      f.source = Scalar(e, "source");
      if (f.title.empty() || f.description.empty() || f.source.empty())
        return Status::InvalidArgument(where + ": title, description and source are required");
      if (!r.sources_.empty() && !r.sources_.count(f.source))
        return Status::InvalidArgument(where + ": source '" + f.source + "' is not under sources:");
      const YAML::Node subj = e["subjects"];
      if (!subj || !subj.IsSequence() || subj.size() == 0)
        return Status::InvalidArgument(where + ": subjects must be a non-empty list");
      for (const auto& s : subj) {
        std::string v = s.as<std::string>();
        if (!KnownSubjects().count(v))
          return Status::InvalidArgument(where + ": unknown subject type '" + v + "'");
        f.subjects.push_back(v);
      }
      if (const YAML::Node sc = e["scored"]) f.scored = sc.as<bool>();
      if (r.by_code_.count(f.code)) return Status::InvalidArgument(where + ": duplicate code");
      r.by_code_.emplace(f.code, r.flags_.size());
      r.flags_.push_back(std::move(f));
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(std::string("flag registry: ") + e.what());
  }
  return r;
}

const FlagRegistry& FlagRegistry::BuiltIn() {
  static const FlagRegistry* reg = [] {
    auto r = Parse(internal::kFlagsYaml);
    if (!r.ok()) {
      std::fprintf(stderr, "interdict: built-in config/flags.yaml: %s\n",
                   r.status().ToString().c_str());
      std::abort();
    }
    return new FlagRegistry(std::move(r).value());
  }();
  return *reg;
}

const FlagInfo* FlagRegistry::Find(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &flags_[it->second];
}

std::vector<std::string> WeightCodes(const Config& config) {
  std::vector<std::string> out;
  for (const auto& [k, v] : config.Section("weights."))
    if (k != "default") out.push_back(k);
  return out;
}

}  // namespace interdict
