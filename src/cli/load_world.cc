// LoadWorldFromInputs (cli/commands.h): the input path shared by the commands that analyse
// a World outside `investigate` (graph, money): every recognised file is ingested by the
// same readers investigate uses into a store (in memory, unless an existing SQLite store
// is given), the stored records are read back and resolved by BuildWorld.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/log.h"
#include "interdict/env.h"
#include "interdict/ingest.h"
#include "interdict/store.h"
#include "resolve/resolve.h"

namespace interdict::cli {
namespace fs = std::filesystem;

// Loads a World from folders, files (any format investigate reads) or one SQLite store
// (*.db / *.sqlite written by `ingest` or `investigate`).
Result<World> LoadWorldFromInputs(const std::vector<std::string>& inputs) {
  std::unique_ptr<Store> store;
  std::vector<std::string> others;
  for (const auto& in : inputs) {
    std::string ext = fs::path(in).extension().string();
    if (fs::is_regular_file(in) && (ext == ".db" || ext == ".sqlite")) {
      if (store) return Status::InvalidArgument(in + ": only one store can be read at a time");
      ASSIGN_OR_RETURN(store, OpenSqliteStore(in));
    } else {
      others.push_back(in);
    }
  }
  if (store && !others.empty())
    return Status::InvalidArgument("give either one store or input files/folders, not both");
  if (!store) {
    ASSIGN_OR_RETURN(store, OpenSqliteStore(":memory:"));
    for (const auto& in : others) {
      std::error_code ec;
      if (!fs::exists(in, ec)) return Status::NotFound(in + ": no such file or folder");
      bool dir = fs::is_directory(in, ec);
      std::string root = dir ? in : fs::path(in).parent_path().string();
      if (root.empty()) root = ".";
      std::vector<std::string> skipped;
      ASSIGN_OR_RETURN(auto units, DiscoverInputs(root, &skipped));
      std::string want = dir ? "" : fs::weakly_canonical(in, ec).string();
      bool found = dir;
      for (const auto& u : units) {
        if (!dir) {
          bool match = false;
          for (const auto& p : u.paths) match |= fs::weakly_canonical(p, ec).string() == want;
          if (!match) continue;
          found = true;
        }
        auto r = IngestUnit(u, store.get(), Clock::Real());
        if (!r.ok()) {
          Status st = r.status();
          return st.Annotate("ingest " + u.display);
        }
        if (r->quarantined > 0)
          LOG_WARN << r->path << ": " << r->quarantined << " records quarantined";
      }
      if (!found) return Status::InvalidArgument(in + ": no reader recognises this file");
    }
  }
  std::vector<Entity> records;
  RETURN_IF_ERROR(store->ForEachRecord([&](Entity&& e) { records.push_back(std::move(e)); }));
  return BuildWorld(std::move(records));
}

}  // namespace interdict::cli
