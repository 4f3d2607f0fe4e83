#include "interdict/config.h"

#include <yaml-cpp/yaml.h>

#include "core/file.h"
#include "core/validate.h"

namespace interdict {
namespace internal {
extern const char* const kDefaultYaml;
}
namespace {

void Flatten(const YAML::Node& node, const std::string& prefix,
             std::map<std::string, std::string>* out) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      std::string key = kv.first.as<std::string>();
      Flatten(kv.second, prefix.empty() ? key : prefix + "." + key, out);
    }
  } else if (node.IsSequence()) {
    std::string joined;
    for (size_t i = 0; i < node.size(); ++i) {
      if (i) joined += ";";
      joined += node[i].as<std::string>();
    }
    (*out)[prefix] = joined;
  } else if (node.IsScalar()) {
    (*out)[prefix] = node.as<std::string>();
  }
}
}  // namespace

Config Config::Defaults() {
  Config c;
  Status st = c.MergeYaml(internal::kDefaultYaml, "built-in defaults");
  (void)st;  // the built-in document is tested to parse
  return c;
}

Status Config::MergeYaml(const std::string& text, const std::string& origin) {
  try {
    YAML::Node root = YAML::Load(text);
    if (!root.IsNull() && !root.IsMap())
      return Status::InvalidArgument(origin + ": top level must be a mapping");
    Flatten(root, "", &values_);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(origin + ": line " + std::to_string(e.mark.line + 1) + ": " +
                                   e.msg);
  }
  return Status::Ok();
}

Status Config::MergeFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return MergeYaml(text, path);
}

Status Config::ApplyOverride(const std::string& a) {
  auto eq = a.find('=');
  if (eq == std::string::npos || eq == 0)
    return Status::InvalidArgument("override '" + a + "' must look like key=value");
  values_[a.substr(0, eq)] = a.substr(eq + 1);
  return Status::Ok();
}

std::string Config::GetString(const std::string& key, const std::string& def) const {
  auto it = values_.find(key);
  return it == values_.end() ? def : it->second;
}

double Config::GetDouble(const std::string& key, double def) const {
  auto it = values_.find(key);
  if (it == values_.end()) return def;
  auto v = ParseNumber(it->second);
  return v ? *v : def;
}

int64_t Config::GetInt(const std::string& key, int64_t def) const {
  return static_cast<int64_t>(GetDouble(key, static_cast<double>(def)));
}

bool Config::GetBool(const std::string& key, bool def) const {
  auto it = values_.find(key);
  if (it == values_.end()) return def;
  const std::string& v = it->second;
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  return def;
}

std::map<std::string, std::string> Config::Section(const std::string& prefix) const {
  std::map<std::string, std::string> out;
  for (auto it = values_.lower_bound(prefix); it != values_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out[it->first.substr(prefix.size())] = it->second;
  }
  return out;
}

}  // namespace interdict
