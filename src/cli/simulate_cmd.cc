// `interdict simulate` and `interdict eval`.
#include <chrono>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "interdict/simulate.h"

namespace interdict::cli {

void RegisterSimulateCommands(CLI::App& app, int* exit_code) {
  struct SimArgs {
    uint64_t seed = 1;
    std::string size = "small", out, truth, shared;
    bool real_lists = false;
  };
  static SimArgs args;  // outlives parsing, like the App
  SimArgs* sa = &args;
  auto* sim = app.add_subcommand("simulate", "Generate a synthetic world with an answer key");
  sim->add_option("--seed", sa->seed, "Random seed (same seed, same world)");
  sim->add_option("--size", sa->size, "small | medium | large")
      ->check(CLI::IsMember({"small", "medium", "large"}));
  sim->add_option("--out", sa->out, "Folder to write the world into")->required();
  sim->add_option("--truth", sa->truth, "Answer key (default: <out>.truth.json beside the folder)");
  sim->add_flag("--real-lists", sa->real_lists,
                "Also write real OFAC SDN entries from ../shared/data when present");
  sim->add_option("--shared-data", sa->shared, "Where shared/data is (default ../shared/data)");
  sim->callback([sa, exit_code] {
    SimulateOptions o;
    o.seed = sa->seed;
    o.size = sa->size;
    o.out_dir = sa->out;
    o.truth_path = sa->truth;
    o.real_lists = sa->real_lists;
    o.shared_data_dir = sa->shared;
    SimulateStats st;
    auto t0 = std::chrono::steady_clock::now();
    Status s = Simulate(o, &st);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!s.ok()) {
      std::cerr << "interdict simulate: " << s.ToString() << "\n";
      *exit_code = s.code() == StatusCode::kInvalidArgument ? 2 : 1;
      return;
    }
    for (const auto& n : st.notes) std::cerr << "note: " << n << "\n";
    std::cout << "world (" << o.size << ", seed " << o.seed << ") written to " << o.out_dir << " in "
              << secs << " s\n"
              << "  declarations " << st.declarations << ", payments " << st.payments
              << ", licences " << st.licenses << "\n"
              << "  companies " << st.companies << ", persons " << st.persons << ", listed "
              << st.listed << (st.real_sdn_entries ? " (+" + std::to_string(st.real_sdn_entries) + " real SDN)" : "")
              << "\n"
              << "  vessels " << st.vessels << ", AIS sentences " << st.ais_sentences << " ("
              << st.ais_corrupt << " corrupt on purpose)\n"
              << "  planted schemes " << st.schemes << ", decoys " << st.decoys << ", "
              << st.bytes_written / 1000000.0 << " MB\n";
    *exit_code = 0;
  });

  struct EvalArgs {
    std::string truth, out;
    bool json = false;
  };
  static EvalArgs eargs;
  EvalArgs* ea = &eargs;
  auto* ev = app.add_subcommand("eval", "Score investigate outputs against a simulator answer key");
  ev->add_option("--truth", ea->truth, "Answer key written by simulate")->required();
  ev->add_option("--out", ea->out, "Output folder of investigate")->required();
  ev->add_flag("--json", ea->json, "Print the metrics as JSON");
  ev->callback([ea, exit_code] {
    auto m = Evaluate(ea->truth, ea->out);
    if (!m.ok()) {
      std::cerr << "interdict eval: " << m.status().ToString() << "\n";
      *exit_code = m.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
      return;
    }
    std::cout << (ea->json ? EvalMetricsJson(*m) + "\n" : FormatEvalReport(*m));
    *exit_code = 0;
  });
}

}  // namespace interdict::cli
