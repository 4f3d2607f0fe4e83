// Decodes a small world's AIS with Debian's gpsd (`gpsdecode -j`) and checks that every
// message reads back as the simulator meant it: the MMSI, position, name and IMO that our
// own decoder finds in the same sentence, and for type 5 the IMO/name/MMSI of a vessel in
// the registry.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "interdict/simulate.h"
#include "simulate/ais_codec.h"
#include "testutil.h"

namespace interdict {
namespace {

using json = nlohmann::json;

std::string RunCapture(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

TEST(GpsdDecode, SimulatedAisDecodesToTheIntendedValues) {
  const char* gpsdecode = "/usr/bin/gpsdecode";
  if (!std::filesystem::exists(gpsdecode))
    GTEST_SKIP() << "needs /usr/bin/gpsdecode (Debian package gpsd-clients)";
  std::string tmp = testing::MakeTempDir();
  SimulateOptions o;
  o.seed = 11;
  o.out_dir = tmp + "/world";
  o.truth_path = tmp + "/truth.json";
  ASSERT_TRUE(Simulate(o).ok());
  // Registry vessels by MMSI (current identity) and by IMO.
  std::map<std::string, std::pair<std::string, std::string>> by_imo;  // imo -> (name, mmsi)
  {
    std::istringstream in(testing::ReadFile(o.out_dir + "/registry/companies.ftm.jsonl"));
    std::string line;
    while (std::getline(in, line)) {
      json j = json::parse(line);
      if (j["schema"] != "Vessel") continue;
      by_imo[j["properties"]["imoNumber"][0]] = {j["properties"]["name"][0], j["properties"]["mmsi"][0]};
    }
  }
  json key = json::parse(testing::ReadFile(o.truth_path));
  std::string file = o.out_dir + "/" + key["ais"]["files"][2].get<std::string>();
  // Our own reading of each good sentence, in file order (type 5 = the pair).
  std::vector<sim::PositionReport> positions;
  std::vector<sim::StaticReport> statics;
  {
    std::istringstream in(testing::ReadFile(file));
    std::string line, first_fragment;
    while (std::getline(in, line)) {
      sim::ParsedSentence p;
      if (!sim::ParseSentence(line, &p) || !p.checksum_ok || !p.tag_checksum_ok) continue;
      if (!sim::BitReader(p.payload, p.fill).ok()) continue;
      if (p.total == 2) {
        if (p.num == 1) {
          first_fragment = p.payload;
        } else {
          sim::StaticReport s;
          if (sim::DecodeStatic5(first_fragment + p.payload, p.fill, &s)) statics.push_back(s);
        }
        continue;
      }
      sim::PositionReport r;
      if (sim::DecodePosition(p.payload, p.fill, &r)) positions.push_back(r);
    }
  }
  std::string out = RunCapture(std::string(gpsdecode) + " -j < '" + file + "' 2>/dev/null");
  std::istringstream in(out);
  std::string line;
  size_t pi = 0, si = 0;
  int64_t matched_static = 0;
  while (std::getline(in, line)) {
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("type")) continue;
    int type = j["type"];
    if (type == 1 || type == 2 || type == 3 || type == 18) {
      ASSERT_LT(pi, positions.size());
      const auto& r = positions[pi++];
      EXPECT_EQ(j["mmsi"].get<uint32_t>(), r.mmsi);
      EXPECT_NEAR(j["lat"].get<double>(), r.lat, 2e-6) << line;
      EXPECT_NEAR(j["lon"].get<double>(), r.lon, 2e-6) << line;
    } else if (type == 5) {
      ASSERT_LT(si, statics.size());
      const auto& s = statics[si++];
      EXPECT_EQ(j["mmsi"].get<uint32_t>(), s.mmsi);
      EXPECT_EQ(j["imo"].get<uint32_t>(), s.imo);
      EXPECT_EQ(j["shipname"].get<std::string>(), s.name);
      // The vessel exists in the registry under this IMO; its current or a past name.
      std::string imo = std::to_string(s.imo);
      ASSERT_TRUE(by_imo.count(imo)) << imo;
      if (by_imo[imo].first == s.name) ++matched_static;
    }
  }
  EXPECT_EQ(pi, positions.size());
  EXPECT_EQ(si, statics.size());
  EXPECT_GT(positions.size(), 1000u);
  EXPECT_GT(statics.size(), 50u);
  EXPECT_GT(matched_static, static_cast<int64_t>(statics.size() * 9 / 10));
}

}  // namespace
}  // namespace interdict
