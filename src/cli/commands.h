// Each CLI command family registers its subcommands on the app. A callback stores its
// process exit code in *exit_code (0 ok, 1 error, 2 usage) and never throws.
#ifndef INTERDICT_CLI_COMMANDS_H_
#define INTERDICT_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace interdict::cli {

void RegisterInvestigateCommands(CLI::App& app, int* exit_code);  // investigate, ingest, demo
void RegisterAisCommands(CLI::App& app, int* exit_code);     // ais decode
void RegisterScreenCommands(CLI::App& app, int* exit_code);  // screen, compare, screen-eval
void RegisterTradeCommands(CLI::App& app, int* exit_code);   // trade-eval
#ifdef INTERDICT_HAVE_ACT
void RegisterCaseCommands(CLI::App& app, int* exit_code);  // agency, user, case, evidence, audit
#endif
#ifdef INTERDICT_HAVE_SIMULATE
void RegisterSimulateCommands(CLI::App& app, int* exit_code);  // simulate, eval
#endif

}  // namespace interdict::cli

#endif  // INTERDICT_CLI_COMMANDS_H_
