// Configuration: a YAML file flattened to dotted keys ("weights.SCR-NAME-EXACT"), with
// command-line overrides ("--set weights.SCR-NAME-EXACT=0.9") applied last. Built-in
// defaults are compiled in; a file or an override only changes what it names.
// Thread-safety: read-only after construction.
#ifndef INTERDICT_CONFIG_H_
#define INTERDICT_CONFIG_H_

#include <map>
#include <string>
#include <vector>

#include "interdict/status.h"

namespace interdict {

class Config {
 public:
  // The built-in defaults (config/default.yaml compiled in).
  static Config Defaults();
  // Merges a YAML document (text) over the current values.
  Status MergeYaml(const std::string& yaml_text, const std::string& origin);
  Status MergeFile(const std::string& path);
  // "key=value"
  Status ApplyOverride(const std::string& assignment);

  bool Has(const std::string& key) const { return values_.count(key) > 0; }
  std::string GetString(const std::string& key, const std::string& def = "") const;
  double GetDouble(const std::string& key, double def) const;
  int64_t GetInt(const std::string& key, int64_t def) const;
  bool GetBool(const std::string& key, bool def) const;
  // Keys under a prefix ("weights.") with the prefix removed.
  std::map<std::string, std::string> Section(const std::string& prefix) const;
  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace interdict

#endif  // INTERDICT_CONFIG_H_
