// `interdict ais decode FILE...|- [--json] [--gpsd]`: decode AIS NMEA logs.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "interdict/ais.h"
#include "interdict/env.h"

namespace interdict::cli {
namespace {

struct AisDecodeOptions {
  std::vector<std::string> files;
  bool json = false;
  bool gpsd = false;
  bool quiet = false;
};

// One short human-readable line per message (the default without --json).
void AppendText(const ais::AisMessage& m, std::string* out) {
  char buf[160];
  double lat, lon;
  int n = std::snprintf(buf, sizeof(buf), "type=%u mmsi=%09u", m.type, m.mmsi);
  out->append(buf, static_cast<size_t>(n));
  if (m.Position(&lat, &lon)) {
    n = std::snprintf(buf, sizeof(buf), " lat=%.6f lon=%.6f", lat, lon);
    out->append(buf, static_cast<size_t>(n));
  }
  const char* name = nullptr;
  if (m.type == 5) name = m.t5.shipname;
  if (m.type == 19) name = m.t18.shipname;
  if (m.type == 24 && (m.t24.partno == 0 || m.t24_merged)) name = m.t24.shipname;
  if (m.type == 21) name = m.t21.name;
  if (name != nullptr && name[0] != '\0') {
    out->append(" name=\"").append(name).append("\"");
  }
  if (m.rx_time_ms >= 0) {
    out->append(" rx=").append(FormatIsoUtc(m.rx_time_ms / 1000));
  }
  out->push_back('\n');
}

int RunDecode(const AisDecodeOptions& o) {
  std::string out;
  out.reserve(1 << 20);
  ais::JsonOptions jo;
  jo.gpsd_compat = o.gpsd;
  jo.rx_fields = !o.gpsd;
  auto flush = [&out] {
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  };
  int rc = 0;
  ais::AisStats total;
  for (const std::string& f : o.files) {
    jo.device = f == "-" ? "stdin" : f;
    ais::AisStats st;
    Status s = ais::DecodeFile(
        f,
        [&](const ais::AisMessage& m) {
          if (o.json || o.gpsd) {
            if (ais::AppendGpsdJson(m, jo, &out)) out.push_back('\n');
          } else {
            AppendText(m, &out);
          }
          if (out.size() > (1 << 20) - 4096) flush();
        },
        &st);
    if (!s.ok()) {
      std::cerr << "interdict: " << f << ": " << s.ToString() << "\n";
      rc = 1;
      continue;
    }
    if (!o.quiet) std::cerr << f << ": " << st.ToString() << "\n";
  }
  flush();
  std::fflush(stdout);
  return rc;
}

}  // namespace

void RegisterAisCommands(CLI::App& app, int* exit_code) {
  auto* ais_cmd = app.add_subcommand("ais", "AIS (NMEA) tools");
  ais_cmd->require_subcommand(1);
  auto opts = std::make_shared<AisDecodeOptions>();
  auto* dec =
      ais_cmd->add_subcommand("decode", "Decode AIS NMEA logs (- for stdin); one line per message");
  dec->add_option("files", opts->files, "NMEA log files, or - for standard input")->required();
  dec->add_flag("--json", opts->json,
                "One JSON object per message, gpsd field names and scaling, plus our "
                "rx_time/station fields");
  dec->add_flag("--gpsd", opts->gpsd,
                "Exactly what gpsdecode -j (gpsd 3.22) prints: JSON, no extra fields, "
                "type 24 only as merged A+B");
  dec->add_flag("-q,--quiet", opts->quiet, "No per-file counters on stderr");
  dec->callback([opts, exit_code] { *exit_code = RunDecode(*opts); });
}

}  // namespace interdict::cli
