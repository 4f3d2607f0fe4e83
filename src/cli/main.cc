// The interdict command-line tool. Commands live in *_cmd.cc and register themselves here.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"interdict: trace sanctioned shipments and take apart the networks behind them"};
  app.require_subcommand(1);
  int exit_code = 0;
  auto* version = app.add_subcommand("version", "Print the version");
  version->callback([] { std::cout << "interdict 0.1.0\n"; });
  interdict::cli::RegisterInvestigateCommands(app, &exit_code);
  interdict::cli::RegisterAisCommands(app, &exit_code);
  interdict::cli::RegisterScreenCommands(app, &exit_code);
  interdict::cli::RegisterTradeCommands(app, &exit_code);
  interdict::cli::RegisterResolveCommands(app, &exit_code);
  interdict::cli::RegisterGraphCommands(app, &exit_code);
  interdict::cli::RegisterNetworkCommands(app, &exit_code);
  interdict::cli::RegisterFlagsCommands(app, &exit_code);
  interdict::cli::RegisterMoneyCommands(app, &exit_code);
#ifdef INTERDICT_HAVE_ACT
  interdict::cli::RegisterCaseCommands(app, &exit_code);
  interdict::cli::RegisterPprlCommands(app, &exit_code);
#endif
#ifdef INTERDICT_HAVE_SIMULATE
  interdict::cli::RegisterSimulateCommands(app, &exit_code);
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
