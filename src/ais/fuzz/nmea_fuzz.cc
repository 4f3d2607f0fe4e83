// libFuzzer target for the AIS NMEA layer, reassembly, decoder and JSON writer.
// clang only (see src/ais/CMakeLists.txt, option INTERDICT_AIS_FUZZ):
//   CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DINTERDICT_AIS_FUZZ=ON
//   cmake --build build/fuzz --target ais_nmea_fuzz
//   build/fuzz/src/ais/ais_nmea_fuzz -max_total_time=60 tests/data/ais
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "interdict/ais.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using interdict::ais::AisMessage;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string json;
  interdict::ais::JsonOptions o;
  interdict::ais::ReassemblyOptions ro;
  ro.max_pending = 8;  // exercise the overflow path too
  interdict::ais::AisStreamDecoder dec(
      [&](const AisMessage& m) {
        json.clear();
        interdict::ais::AppendGpsdJson(m, o, &json);
      },
      ro);
  dec.FeedText(text);
  dec.Finish();
  const auto& st = dec.stats();
  if (st.lines != st.sentences + st.skipped_lines + st.bad_checksum + st.malformed) {
    __builtin_trap();  // every line must be accounted for
  }
  // The raw payload path as well.
  AisMessage m;
  if (interdict::ais::DecodePayload(text.substr(0, 300), static_cast<int>(size % 6), &m) ==
      interdict::ais::DecodeError::kOk) {
    json.clear();
    interdict::ais::AppendGpsdJson(m, o, &json);
  }
  return 0;
}
