// The red-flag registry: every finding code a detector can emit, with its title,
// description, source (FATF/Egmont, BIS, FinCEN/BIS, OFAC advisories, GFW) and the subject
// types it applies to. The registry is config/flags.yaml compiled into the binary; default
// weights stay in the configuration (weights.<CODE>, config/default.yaml) so --config and
// --set change them like any other setting. docs/red-flags.md explains each code in depth.
// Thread-safety: a FlagRegistry is immutable once built; BuiltIn() is safe to call from
// any thread.
#ifndef INTERDICT_DETECT_FLAGS_H_
#define INTERDICT_DETECT_FLAGS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/config.h"
#include "interdict/status.h"

namespace interdict {

struct FlagInfo {
  std::string code;    // "SCR-NAME-EXACT"
  std::string family;  // "SCR", "TRD", "MAR", "NET" or "FIN" (the code's prefix)
  std::string title;   // one line
  std::string description;
  std::string source;                 // short citation, a key of FlagRegistry::sources()
  std::vector<std::string> subjects;  // declaration, entity, vessel, payment
  // False for codes that label explanations (the customs model's feature groups) and are
  // never scored as findings; those need no weight.
  bool scored = true;
};

class FlagRegistry {
 public:
  // The compiled-in registry (config/flags.yaml). Parsed once; a malformed built-in file is
  // a build defect caught by flags_test, so this aborts with a message instead of failing.
  static const FlagRegistry& BuiltIn();
  // Parses a registry document (the layout of config/flags.yaml). Errors name the entry.
  static Result<FlagRegistry> Parse(const std::string& yaml_text);

  // The entry for `code`, or nullptr.
  const FlagInfo* Find(std::string_view code) const;
  // Every entry, in file order (grouped by family).
  const std::vector<FlagInfo>& flags() const { return flags_; }
  // Short citation -> full reference.
  const std::map<std::string, std::string>& sources() const { return sources_; }

 private:
  std::vector<FlagInfo> flags_;
  std::map<std::string, size_t, std::less<>> by_code_;
  std::map<std::string, std::string> sources_;
};

// The weight keys of a configuration (weights.<CODE>, without "default").
std::vector<std::string> WeightCodes(const Config& config);

}  // namespace interdict

#endif  // INTERDICT_DETECT_FLAGS_H_
