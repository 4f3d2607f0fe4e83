// libFuzzer target for one list parser, chosen at compile time by LIST_FUZZ_FORMAT (one
// executable per format: ofac_csv_fuzz, sdn_xml_fuzz, un_xml_fuzz, eu_xml_fuzz, ftm_fuzz,
// watchlist_fuzz; see src/screen/CMakeLists.txt). The readers take files, so each input is
// written to a per-process file under /dev/shm (or TMPDIR) first. A broken invariant
// (CheckReader) aborts, so libFuzzer keeps the input.
#include "screen/fuzz/list_fuzz.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#ifndef LIST_FUZZ_FORMAT
#error "define LIST_FUZZ_FORMAT"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace interdict::screen::fuzz;
  static const std::string path = [] {
    std::string dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string name = LIST_FUZZ_FORMAT;
    for (const auto& f : ListFormats())
      if (name == f.name) name = f.file_name;
    return dir + "/interdict-fuzz-" + std::to_string(getpid()) + "-" + name;
  }();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::string problem = CheckReader(LIST_FUZZ_FORMAT, path, "fuzz-input", {});
  if (!problem.empty()) {
    std::fprintf(stderr, "invariant broken (%s): %s\n", LIST_FUZZ_FORMAT, problem.c_str());
    std::abort();
  }
  return 0;
}
