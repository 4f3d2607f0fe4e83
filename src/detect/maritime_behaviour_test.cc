// Port calls, loitering, dark encounters, spoofing and identity changes on hand-built
// tracks. Every expectation is worked out by hand from the published definitions (GFW
// port visits: entry 3 km / exit 4 km / stopped below 0.2 kn; loitering < 2 kn for >= 8 h
// >= 20 nm from shore) and the geometry stated next to each track; none comes from our
// own output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "detect/detectors.h"
#include "detect/maritime_internal.h"
#include "interdict/tracks.h"
#include "testutil.h"

namespace interdict {
namespace {

constexpr int64_t kT0 = 1'700'000'400'000;  // 2023-11-14T22:20Z
constexpr int64_t kMin = 60'000;
constexpr int64_t kH = 60 * kMin;
constexpr double kKmPerDeg = 111.19508;  // 2 pi 6371.0088 / 360

ais::PositionFix Fix(int64_t t, double lat, double lon, double sog, int status = 0) {
  ais::PositionFix f;
  f.time_ms = t;
  f.lat = static_cast<int32_t>(std::lround(lat * ais::kUnitsPerDegree));
  f.lon = static_cast<int32_t>(std::lround(lon * ais::kUnitsPerDegree));
  f.sog = static_cast<uint16_t>(std::lround(sog * 10));
  f.status = static_cast<uint8_t>(status);
  return f;
}

// Positions every `step` from t0 to t1 inclusive at one place.
void Hold(ais::TrackBuilder* b, uint32_t mmsi, int64_t t0, int64_t t1, double lat, double lon,
          double sog, int64_t step = 10 * kMin, int status = 0) {
  for (int64_t t = t0; t <= t1; t += step) b->AddPosition(mmsi, Fix(t, lat, lon, sog, status));
}

Entity Rec(const std::string& id, const char* schema,
           std::vector<std::pair<std::string, std::string>> props) {
  Entity e(id, Schema::Get(schema));
  e.AddReferent({"t", id, 1, 0, "h"});
  for (auto& [k, v] : props) e.Add(k, v);
  return e;
}

std::vector<const AisEvent*> Events(const std::vector<AisEvent>& evs, const std::string& type,
                                    const std::string& mmsi) {
  std::vector<const AisEvent*> out;
  for (const auto& e : evs)
    if (e.type == type && (e.mmsi == mmsi || (type != "dark_encounter" && e.other_mmsi == mmsi)))
      out.push_back(&e);
  return out;
}

bool HasFinding(const std::vector<Finding>& fs, const std::string& code,
                const std::string& subject) {
  return std::any_of(fs.begin(), fs.end(),
                     [&](const Finding& f) { return f.code == code && f.subject_id == subject; });
}

std::vector<Finding> RunDetector(World w, const std::vector<AisEvent>& evs) {
  w.events = evs;
  std::vector<Finding> fs;
  EXPECT_TRUE(NewMaritimeDetector()->Run(w, Config::Defaults(), &fs).ok());
  return fs;
}

// ------------------------------------------------------------------ port calls

TEST(PortCalls, GfwEntryExitAndStops) {
  // Port XXRUP at (20, 50), country RU, no radius: entry 3 km, exit 4 km.
  const double plat = 20, plon = 50;
  auto north = [&](double km) { return plat + km / kKmPerDeg; };
  ais::TrackBuilder b;
  // V1 comes in from the north: 3.5 km (outside), 2.9 km (entry = arrival), stops 1 km
  // off for 6 h, leaves: 3.9 km (inside the exit circle: departure), 4.1 km (exited).
  const uint32_t v1 = 636000101;
  b.AddPosition(v1, Fix(kT0, north(20), plon, 10));
  b.AddPosition(v1, Fix(kT0 + 10 * kMin, north(3.5), plon, 10));
  b.AddPosition(v1, Fix(kT0 + 20 * kMin, north(2.9), plon, 6));
  Hold(&b, v1, kT0 + 30 * kMin, kT0 + 6 * kH + 30 * kMin, north(1), plon, 0);
  b.AddPosition(v1, Fix(kT0 + 6 * kH + 40 * kMin, north(3.9), plon, 8));
  b.AddPosition(v1, Fix(kT0 + 6 * kH + 50 * kMin, north(4.1), plon, 10));
  b.AddPosition(v1, Fix(kT0 + 7 * kH, north(15), plon, 10));
  // V2 stops 3.1 km off for 6 h: never inside the entry distance, no call.
  Hold(&b, 636000102, kT0, kT0 + 6 * kH, north(3.1), plon, 0);
  // V3 passes 2 km off at 12 kn without stopping: entry and exit only (confidence 2).
  for (int i = -6; i <= 6; ++i)
    b.AddPosition(636000103, Fix(kT0 + (i + 6) * 5 * kMin, north(2), plon + i * 0.01, 12));
  World w;
  w.tracks = std::make_shared<ais::TrackStore>(b.Finish());
  w.ports = {
      Rec("XXRUP", "Port", {{"name", "Port Ru"}, {"country", "RU"}, {"lat", "20"}, {"lon", "50"}})};
  w.BuildIndexes();
  auto evs = DetectAisEvents(w, Config::Defaults());

  auto c1 = Events(evs, "port_call", "636000101");
  ASSERT_EQ(c1.size(), 1u);
  EXPECT_EQ(c1[0]->start, (kT0 + 20 * kMin) / 1000);
  EXPECT_EQ(c1[0]->end, (kT0 + 6 * kH + 40 * kMin) / 1000);
  EXPECT_EQ(mar::DetailStr(*c1[0], "port"), "XXRUP");
  EXPECT_EQ(mar::DetailStr(*c1[0], "locode"), "XXRUP");
  EXPECT_EQ(mar::DetailStr(*c1[0], "country"), "RU");
  EXPECT_EQ(mar::DetailStr(*c1[0], "confidence"), "4");
  // Stopped from the first fix below 0.2 kn (T+30 min) to the first above 0.5 kn (T+6 h 40).
  EXPECT_EQ(mar::DetailStr(*c1[0], "stopped_h"), "6.2");
  EXPECT_TRUE(Events(evs, "port_call", "636000102").empty())
      << "3.1 km is outside the entry distance";
  EXPECT_TRUE(Events(evs, "port_call", "636000103").empty()) << "passing without a stop";

  auto fs = RunDetector(w, evs);
  EXPECT_TRUE(HasFinding(fs, "MAR-PORT-HIGH-RISK", "636000101"));
  EXPECT_FALSE(HasFinding(fs, "MAR-PORT-HIGH-RISK", "636000103"));
}

TEST(PortCalls, GfwAnchoragesFromConfig) {
  std::string dir = testing::MakeTempDir();
  // Two anchorage points in GFW's layout; ISO alpha-3 countries become alpha-2.
  testing::WriteFile(dir + "/anchorage_overrides.csv",
                     "s2id,latitude,longitude,label,sublabel,iso3\n"
                     "3e2b0001,59.90,30.20,SAINT PETERSBURG,,RUS\n"
                     "47d00001,53.55,9.95,HAMBURG,WALTERSHOF,DEU\n");
  Config cfg = Config::Defaults();
  ASSERT_TRUE(cfg.ApplyOverride("maritime.anchorages_path=" + dir).ok());
  World w;
  std::string warning;
  mar::PlaceIndex idx = mar::BuildPlaces(w, cfg, &warning);
  EXPECT_EQ(warning, "");
  ASSERT_EQ(idx.size(), 2u);
  EXPECT_EQ(idx.at(0).country, "RU");
  EXPECT_EQ(idx.at(1).country, "DE");
  EXPECT_EQ(idx.at(1).name, "HAMBURG / WALTERSHOF");
  double km = 0;
  // 2 km east of the Hamburg point (at 53.55 N a degree of longitude is 66.1 km).
  int32_t near = idx.Nearest(53.55, 9.95 + 2 / 66.09, 100, &km);
  ASSERT_EQ(near, 1);
  EXPECT_NEAR(km, 2.0, 0.05);
  EXPECT_EQ(mar::CountryAlpha2("KOR"), "KR");
  EXPECT_EQ(mar::CountryAlpha2("XXX"), "");

  // A missing file is a warning, not a failure.
  ASSERT_TRUE(cfg.ApplyOverride("maritime.anchorages_path=" + dir + "/none.csv").ok());
  mar::BuildPlaces(w, cfg, &warning);
  EXPECT_NE(warning, "");
}

// ------------------------------------------------------------------ loitering, dark STS

TEST(Loitering, OffshoreSlowLongEnough) {
  ais::TrackBuilder b;
  // Port at (0, 0). 30 nm east = 55.56 km = 0.4997 degrees at the equator.
  auto east_nm = [](double nm) { return nm * 1.852 / kKmPerDeg; };
  Hold(&b, 636000301, kT0, kT0 + 9 * kH, 0, east_nm(30), 1.0);     // loiters
  Hold(&b, 636000302, kT0, kT0 + 9 * kH, 0.5, 0, 1.0);             // see below
  Hold(&b, 636000303, kT0, kT0 + 7 * kH + 50 * kMin, -1, 0, 1.0);  // 7 h 50 min
  Hold(&b, 636000304, kT0, kT0 + 9 * kH, 0, -east_nm(30), 2.5);    // too fast
  World w;
  w.tracks = std::make_shared<ais::TrackStore>(b.Finish());
  // 636000302 sits at (0.5, 0), 55.6 km (30 nm) from (0, 0), but a second port at
  // (0.5, 0.25) is 27.8 km (15 nm) away: too close to shore.
  w.ports = {Rec("XXAAA", "Port", {{"lat", "0"}, {"lon", "0"}}),
             Rec("XXBBB", "Port", {{"lat", "0.5"}, {"lon", "0.25"}})};
  auto evs = DetectAisEvents(w, Config::Defaults());
  auto l1 = Events(evs, "loitering", "636000301");
  ASSERT_EQ(l1.size(), 1u);
  EXPECT_EQ(l1[0]->start, kT0 / 1000);
  EXPECT_EQ(l1[0]->end, (kT0 + 9 * kH) / 1000);
  EXPECT_NEAR(mar::Detail(*l1[0], "nearest_port_km", 0), 55.56, 0.1);
  EXPECT_TRUE(Events(evs, "loitering", "636000302").empty()) << "15 nm from a port";
  EXPECT_TRUE(Events(evs, "loitering", "636000303").empty()) << "7 h 50 min is too short";
  EXPECT_TRUE(Events(evs, "loitering", "636000304").empty()) << "2.5 kn is not loitering";
  auto fs = RunDetector(w, evs);
  EXPECT_TRUE(HasFinding(fs, "MAR-LOITER", "636000301"));
}

TEST(DarkSts, GapNextToLoiteringVessel) {
  ais::TrackBuilder b;
  // Y loiters at (0, 3) -- 333 km from the only port -- for 12 h.
  const double ylon = 3.0;
  Hold(&b, 636000401, kT0, kT0 + 12 * kH, 0, ylon, 0.5);
  // X sails in from the west at 12 kn, goes dark 10 km west of Y at T+1 h and reappears
  // 10 km east of Y at T+15 h (gap 14 h > 12 h). At 15 kn it can be alongside from T+1.36 h
  // to T+14.64 h, i.e. 10.6 h while Y loiters (T..T+12 h).
  const double d10 = 10 / kKmPerDeg;
  for (int i = 6; i >= 0; --i)
    b.AddPosition(636000402, Fix(kT0 + kH - i * 10 * kMin, 0, ylon - d10 - i * 0.0333, 12));
  for (int i = 0; i <= 6; ++i)
    b.AddPosition(636000402, Fix(kT0 + 15 * kH + i * 10 * kMin, 0, ylon + d10 + i * 0.0333, 12));
  // Z goes dark 100 km from Y: too far to be "next to" it.
  const double d100 = 100 / kKmPerDeg;
  Hold(&b, 636000403, kT0 - 2 * kH, kT0 + kH, 0, ylon - d100, 11);
  Hold(&b, 636000403, kT0 + 15 * kH, kT0 + 17 * kH, 0, ylon + d100, 11);
  World w;
  w.tracks = std::make_shared<ais::TrackStore>(b.Finish());
  w.ports = {Rec("XXAAA", "Port", {{"lat", "0"}, {"lon", "0"}})};
  auto evs = DetectAisEvents(w, Config::Defaults());
  ASSERT_EQ(Events(evs, "loitering", "636000401").size(), 1u);
  auto d = Events(evs, "dark_encounter", "636000402");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0]->other_mmsi, "636000401");
  EXPECT_NEAR(mar::Detail(*d[0], "possible_hours", 0), 10.6, 0.1);
  EXPECT_TRUE(Events(evs, "dark_encounter", "636000403").empty());
  EXPECT_TRUE(Events(evs, "encounter", "636000402").empty()) << "never seen alongside";
  auto fs = RunDetector(w, evs);
  EXPECT_TRUE(HasFinding(fs, "MAR-DARK-STS", "636000402"));
  EXPECT_TRUE(HasFinding(fs, "MAR-DARK-STS", "636000401"));
  EXPECT_FALSE(HasFinding(fs, "MAR-DARK-STS", "636000403"));
}

// ------------------------------------------------------------------ spoofing

TEST(Spoofing, TeleportGlitchFrozenCircle) {
  ais::TrackBuilder b;
  // S1 sails east along the equator at 12 kn (0.0333 degrees per 10 min). From T+10 h it
  // reports a fake spot 1.5 degrees (90 nm) north for 8 h, then is back where 12 kn takes it.
  const double step = 12 * 1.852 / 6 / kKmPerDeg;
  for (int i = 0; i < 60; ++i)
    b.AddPosition(538000001, Fix(kT0 + i * 10 * kMin, 0, 10 + i * step, 12));
  Hold(&b, 538000001, kT0 + 10 * kH, kT0 + 17 * kH + 50 * kMin, 1.5, 10, 0.2, 10 * kMin, 1);
  for (int i = 108; i < 140; ++i)
    b.AddPosition(538000001, Fix(kT0 + i * 10 * kMin, 0, 10 + i * step, 12));
  // S2 sails the same way with one corrupt fix 100 nm off: a glitch, no event.
  for (int i = 0; i < 60; ++i)
    b.AddPosition(538000002,
                  Fix(kT0 + i * 10 * kMin, -5, 10 + i * step + (i == 30 ? 1.66 : 0), 12));
  // S3: bit-identical coordinates for 13 fixes over 2 h 24 min while reporting 10 kn.
  Hold(&b, 538000003, kT0, kT0 + 2 * kH + 24 * kMin, -10, 20, 10, 12 * kMin);
  // S4 circles 1 km around (5, 5) under way at 5 kn, one revolution per 4 h, for 8 h.
  // S5 swings on the same circle at anchor (status 1, 0.3 kn): an anchored ship, no event.
  for (int i = 0; i <= 96; ++i) {
    double a = 2 * M_PI * i * 5.0 / 240.0;
    double la = 5 + std::sin(a) / kKmPerDeg,
           lo = 5 + std::cos(a) / (kKmPerDeg * std::cos(5 * M_PI / 180));
    b.AddPosition(538000004, Fix(kT0 + i * 5 * kMin, la, lo, 5, 0));
    b.AddPosition(538000005, Fix(kT0 + i * 5 * kMin, la + 2, lo, 0.3, 1));
  }
  World w;
  w.tracks = std::make_shared<ais::TrackStore>(b.Finish());
  auto evs = DetectAisEvents(w, Config::Defaults());
  auto s1 = Events(evs, "spoofing", "538000001");
  ASSERT_EQ(s1.size(), 1u);
  EXPECT_EQ(mar::DetailStr(*s1[0], "kind"), "teleport");
  EXPECT_EQ(s1[0]->start, (kT0 + 59 * 10 * kMin) / 1000);
  EXPECT_EQ(s1[0]->end, (kT0 + 18 * kH) / 1000);
  EXPECT_NEAR(s1[0]->lat, 1.5, 1e-4);
  EXPECT_NEAR(mar::Detail(*s1[0], "true_speed_kn", 0), 12, 0.3);
  EXPECT_TRUE(Events(evs, "spoofing", "538000002").empty()) << "one corrupt fix";
  auto s3 = Events(evs, "spoofing", "538000003");
  ASSERT_EQ(s3.size(), 1u);
  EXPECT_EQ(mar::DetailStr(*s3[0], "kind"), "frozen_position");
  auto s4 = Events(evs, "spoofing", "538000004");
  ASSERT_GE(s4.size(), 1u);
  EXPECT_EQ(mar::DetailStr(*s4[0], "kind"), "circle");
  EXPECT_NEAR(mar::Detail(*s4[0], "radius_km", 0), 1.0, 0.05);
  EXPECT_TRUE(Events(evs, "spoofing", "538000005").empty()) << "anchored swing";
  auto fs = RunDetector(w, evs);
  EXPECT_TRUE(HasFinding(fs, "MAR-SPOOF", "538000001"));
  EXPECT_FALSE(HasFinding(fs, "MAR-SPOOF", "538000002"));
}

// ------------------------------------------------------------------ identity

ais::StaticData Static(const std::string& name, uint32_t imo, const std::string& cs = "") {
  ais::StaticData d;
  d.name = name;
  d.imo = imo;
  d.callsign = cs;
  d.shiptype = 80;
  return d;
}

TEST(Identity, RenamesMmsiFlagChangesAndListedIdentities) {
  ais::TrackBuilder b;
  // 636000201 (Liberia): OCEAN ONE for 2 days, then SEA TWO.
  Hold(&b, 636000201, kT0, kT0 + 4 * 24 * kH, 1, 1, 10, kH);
  for (int64_t t = kT0; t <= kT0 + 48 * kH; t += 3 * kH)
    b.AddStatic(636000201, t, Static("OCEAN ONE", 0));
  for (int64_t t = kT0 + 51 * kH; t <= kT0 + 96 * kH; t += 3 * kH)
    b.AddStatic(636000201, t, Static("SEA TWO", 0));
  // 636000202 alternates between two names: two transponders, not a renaming.
  Hold(&b, 636000202, kT0, kT0 + 24 * kH, 2, 2, 10, kH);
  for (int k = 0; k < 8; ++k)
    b.AddStatic(636000202, kT0 + k * 3 * kH, Static(k % 2 ? "ALPHA" : "BRAVO", 0));
  // IMO 9074729 on 636000203 (LR) for 2 days, dark 24 h, then on 613000204 (CM), renamed.
  Hold(&b, 636000203, kT0, kT0 + 48 * kH, 3, 3, 10, kH);
  for (int64_t t = kT0; t <= kT0 + 48 * kH; t += 6 * kH)
    b.AddStatic(636000203, t, Static("NORD STAR", 9074729));
  Hold(&b, 613000204, kT0 + 72 * kH, kT0 + 120 * kH, 3.5, 3, 10, kH);
  for (int64_t t = kT0 + 72 * kH; t <= kT0 + 120 * kH; t += 6 * kH)
    b.AddStatic(613000204, t, Static("NORD LEGEND", 9074729));
  // 636000205 broadcasts the listed IMO 9321483 under a name the list does not know;
  // 636000206 the listed vessel's former name with another IMO (9000003).
  Hold(&b, 636000205, kT0, kT0 + 12 * kH, 4, 4, 10, kH);
  b.AddStatic(636000205, kT0, Static("BRIGHT MOON", 9321483));
  Hold(&b, 636000206, kT0, kT0 + 12 * kH, 5, 5, 10, kH);
  b.AddStatic(636000206, kT0, Static("OLD STAR", 9000003));
  // Static reports without any position (common in real feeds) on two MMSIs, one IMO.
  b.AddStatic(636000298, kT0, Static("GHOST", 9100009));
  b.AddStatic(636000299, kT0 + 5 * kH, Static("GHOST TWO", 9100009));
  World w;
  w.tracks = std::make_shared<ais::TrackStore>(b.Finish());
  w.vessels = {Rec("9074729", "Vessel", {{"imoNumber", "9074729"}, {"name", "NORD STAR"}}),
               Rec("9321483", "Vessel",
                   {{"imoNumber", "9321483"},
                    {"name", "DARK STAR"},
                    {"previousName", "OLD STAR"},
                    {"topics", "sanction"}})};
  w.BuildIndexes();
  auto evs = DetectAisEvents(w, Config::Defaults());
  auto n1 = Events(evs, "identity_change", "636000201");
  ASSERT_EQ(n1.size(), 1u);
  EXPECT_EQ(mar::DetailStr(*n1[0], "kind"), "name_change");
  EXPECT_EQ(mar::DetailStr(*n1[0], "from"), "OCEAN ONE");
  EXPECT_EQ(mar::DetailStr(*n1[0], "to"), "SEA TWO");
  EXPECT_EQ(n1[0]->start, (kT0 + 48 * kH) / 1000);
  EXPECT_EQ(n1[0]->end, (kT0 + 51 * kH) / 1000);
  EXPECT_TRUE(Events(evs, "identity_change", "636000202").empty()) << "alternating names";
  auto m = Events(evs, "identity_change", "613000204");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(mar::DetailStr(*m[0], "kind"), "mmsi_change");
  EXPECT_EQ(m[0]->other_mmsi, "636000203");
  EXPECT_EQ(m[0]->imo, "9074729");
  EXPECT_EQ(mar::DetailStr(*m[0], "flag_from"), "LR");
  EXPECT_EQ(mar::DetailStr(*m[0], "flag_to"), "CM");
  EXPECT_EQ(m[0]->start, (kT0 + 48 * kH) / 1000);
  EXPECT_EQ(m[0]->end, (kT0 + 72 * kH) / 1000);
  auto l1 = Events(evs, "identity_change", "636000205");
  ASSERT_EQ(l1.size(), 1u);
  EXPECT_EQ(mar::DetailStr(*l1[0], "kind"), "listed_imo");
  auto l2 = Events(evs, "identity_change", "636000206");
  ASSERT_EQ(l2.size(), 1u);
  EXPECT_EQ(mar::DetailStr(*l2[0], "kind"), "listed_name");
  EXPECT_EQ(mar::DetailStr(*l2[0], "listed_imo"), "9321483");

  auto fs = RunDetector(w, evs);
  EXPECT_TRUE(HasFinding(fs, "MAR-IDENTITY-CHANGE", "9074729"));
  EXPECT_TRUE(HasFinding(fs, "MAR-FLAG-HOP", "9074729"));
  EXPECT_TRUE(HasFinding(fs, "MAR-IDENTITY-CHANGE", "636000201"));
  EXPECT_FALSE(HasFinding(fs, "MAR-FLAG-HOP", "636000201"));
}

}  // namespace
}  // namespace interdict
