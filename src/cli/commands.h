// Each CLI command family registers its subcommands on the app. A callback stores its
// process exit code in *exit_code (0 ok, 1 error, 2 usage) and never throws.
#ifndef INTERDICT_CLI_COMMANDS_H_
#define INTERDICT_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "interdict/status.h"
#include "interdict/world.h"

namespace interdict::cli {

// Loads and resolves a World from folders, files (any format `investigate` reads) or one
// SQLite store (*.db / *.sqlite written by `ingest` or `investigate`). cli/load_world.cc.
Result<World> LoadWorldFromInputs(const std::vector<std::string>& inputs);

void RegisterInvestigateCommands(CLI::App& app, int* exit_code);  // investigate, ingest, demo
void RegisterAisCommands(CLI::App& app, int* exit_code);     // ais decode
void RegisterScreenCommands(CLI::App& app, int* exit_code);  // screen, compare, screen-eval
void RegisterTradeCommands(CLI::App& app, int* exit_code);   // trade-eval
void RegisterResolveCommands(CLI::App& app, int* exit_code);  // resolve (entity resolution)
void RegisterGraphCommands(CLI::App& app, int* exit_code);   // graph export, graph communities
void RegisterNetworkCommands(CLI::App& app, int* exit_code);  // network ownership, network paths
void RegisterFlagsCommands(CLI::App& app, int* exit_code);   // flags (red-flag registry)
void RegisterMoneyCommands(CLI::App& app, int* exit_code);   // money trace, money detect
#ifdef INTERDICT_HAVE_ACT
void RegisterCaseCommands(CLI::App& app, int* exit_code);  // agency, user, case, evidence, audit
void RegisterPprlCommands(CLI::App& app, int* exit_code);  // pprl encode, pprl match
#endif
#ifdef INTERDICT_HAVE_SIMULATE
void RegisterSimulateCommands(CLI::App& app, int* exit_code);  // simulate, eval
#endif

}  // namespace interdict::cli

#endif  // INTERDICT_CLI_COMMANDS_H_
