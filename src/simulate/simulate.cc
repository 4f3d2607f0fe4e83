#include "interdict/simulate.h"

#include <cstdlib>
#include <filesystem>

#include "simulate/world.h"

namespace interdict {

bool IsSimulateSize(const std::string& size) {
  return size == "small" || size == "medium" || size == "large";
}

Status Simulate(const SimulateOptions& o, SimulateStats* stats) {
  namespace fs = std::filesystem;
  if (!IsSimulateSize(o.size))
    return Status::InvalidArgument("--size: '" + o.size + "' is not small, medium or large");
  if (o.out_dir.empty()) return Status::InvalidArgument("--out: an output folder is required");
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) return Status::IoError(o.out_dir + ": " + ec.message());
  std::string truth = o.truth_path;
  if (truth.empty()) {
    fs::path p = fs::path(o.out_dir).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    truth = (p.parent_path() / (p.filename().string() + ".truth.json")).string();
  }
  // The key must not sit inside the world, or investigate would read it as input.
  {
    fs::path t = fs::weakly_canonical(fs::path(truth), ec);
    fs::path d = fs::weakly_canonical(fs::path(o.out_dir), ec);
    auto rel = t.lexically_relative(d);
    if (!rel.empty() && rel.native().rfind("..", 0) != 0)
      return Status::InvalidArgument("--truth: the answer key must be outside the world folder " + o.out_dir);
  }
  SimulateStats local;
  SimulateStats* st = stats ? stats : &local;
  *st = SimulateStats();
  std::string real_dir;
  if (o.real_lists) {
    std::string shared = o.shared_data_dir;
    if (shared.empty()) {
      const char* env = std::getenv("INTERDICT_SHARED_DATA");
      if (env && *env) shared = env;
    }
    std::vector<std::string> tries = shared.empty()
        ? std::vector<std::string>{"../shared/data", "../../shared/data", "../../../shared/data"}
        : std::vector<std::string>{shared};
    for (const auto& s : tries)
      if (fs::exists(s + "/sanctions/ofac/sdn_2024-05-03/sdn.csv", ec)) {
        real_dir = s + "/sanctions/ofac/sdn_2024-05-03";
        break;
      }
    if (real_dir.empty())
      st->notes.push_back("--real-lists: no ../shared/data/sanctions/ofac found; synthetic lists only");
  }
  sim::World w;
  w.cfg.name = o.size;
  w.seed = o.seed;
  Rng rng(o.seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
  Rng ais_rng = rng.Fork();
  sim::BuildWorld(&w, &rng);
  RETURN_IF_ERROR(sim::WriteAis(&w, o.out_dir, &ais_rng));
  int64_t bytes = 0, real = 0;
  RETURN_IF_ERROR(sim::WriteWorldFiles(&w, o.out_dir, truth, real_dir, &real, &bytes));
  for (const auto& p : w.parties)
    if (p.in_registry) (p.person ? st->persons : st->companies)++;
  st->declarations = static_cast<int64_t>(w.decls.size());
  st->payments = static_cast<int64_t>(w.payments.size());
  st->licenses = static_cast<int64_t>(w.licenses.size());
  st->vessels = static_cast<int64_t>(w.vessels.size());
  st->listed = static_cast<int64_t>(w.listings.size());
  st->ais_sentences = w.ais.sentences;
  st->ais_corrupt = w.ais.corrupt;
  st->schemes = static_cast<int64_t>(w.schemes.size());
  st->decoys = static_cast<int64_t>(w.decoys.size());
  st->real_sdn_entries = real;
  st->bytes_written = bytes;
  for (const auto& f : w.ais.files) {
    auto sz = fs::file_size(fs::path(o.out_dir) / f, ec);
    if (!ec) st->bytes_written += static_cast<int64_t>(sz);
  }
  return Status::Ok();
}

}  // namespace interdict
