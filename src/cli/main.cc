// The interdict command-line tool.
#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"interdict: trace sanctioned shipments and the networks behind them"};
  app.require_subcommand(1);
  auto* version = app.add_subcommand("version", "Print the version");
  version->callback([] { std::cout << "interdict 0.1.0\n"; });
  CLI11_PARSE(app, argc, argv);
  return 0;
}
