// Maritime events and findings on hand-built tracks: shared MMSI, gaps with reception
// context, encounters (500 m / 2 h boundaries, port exclusion) and declared ports never called.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "detect/detectors.h"
#include "interdict/tracks.h"

namespace interdict {
namespace {

constexpr int64_t kT0 = 1'700'000'400'000;  // 2023-11-14T22:20Z, on a 10-minute boundary
constexpr int64_t kMin = 60'000;

ais::PositionFix Fix(int64_t t, double lat, double lon, double sog = 0.5) {
  ais::PositionFix f;
  f.time_ms = t;
  f.lat = static_cast<int32_t>(std::lround(lat * ais::kUnitsPerDegree));
  f.lon = static_cast<int32_t>(std::lround(lon * ais::kUnitsPerDegree));
  f.sog = static_cast<uint16_t>(sog * 10);
  f.status = 0;
  return f;
}

// Positions every 5 minutes from t0 to t1 inclusive.
void Stay(ais::TrackBuilder* b, uint32_t mmsi, int64_t t0, int64_t t1, double lat, double lon) {
  for (int64_t t = t0; t <= t1; t += 5 * kMin) b->AddPosition(mmsi, Fix(t, lat, lon));
}

Entity Rec(const std::string& id, const char* schema,
           std::vector<std::pair<std::string, std::string>> props) {
  Entity e(id, Schema::Get(schema));
  e.AddReferent({"t", id, 1, 0, "h"});
  for (auto& [k, v] : props) e.Add(k, v);
  return e;
}

class MaritimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ais::TrackBuilder b;
    const int64_t h = 60 * kMin;
    // A and B: 3 h within 489 m at 0.5 kn, far from ports -> encounter. A then goes dark
    // for 20 h while B stays and is heard.
    Stay(&b, 636000001, kT0, kT0 + 3 * h, 10.0, 60.0);
    b.AddPosition(636000001, Fix(kT0 + 23 * h, 10.5, 60.0, 10));
    Stay(&b, 636000002, kT0, kT0 + 24 * h, 10.0044, 60.0);
    // C and D: close, but only 1 h 50 min -> no encounter.
    Stay(&b, 636000003, kT0, kT0 + 110 * kMin, 12.0, 60.0);
    Stay(&b, 636000004, kT0, kT0 + 110 * kMin, 12.0044, 60.0);
    // E and F: 3 h at 511 m -> no encounter.
    Stay(&b, 636000005, kT0, kT0 + 3 * h, 14.0, 60.0);
    Stay(&b, 636000006, kT0, kT0 + 3 * h, 14.0046, 60.0);
    // G and H: 3 h at 489 m but 5.5 km from a port -> no encounter (anchorage). I and J:
    // 12 km from a port whose radius is 15 km -> no encounter either.
    Stay(&b, 636000010, kT0, kT0 + 3 * h, 30.0, 40.0);
    Stay(&b, 636000011, kT0, kT0 + 3 * h, 30.0044, 40.0);
    Stay(&b, 636000007, kT0, kT0 + 3 * h, 20.05, 60.0);
    Stay(&b, 636000008, kT0, kT0 + 3 * h, 20.0544, 60.0);
    // S: one MMSI, two ships 20 degrees apart at the same time for 13 h. T: the same for
    // only 4 h (below maritime.shared_mmsi_min_overlap_h).
    for (int i = 0; i < 24; ++i)
      b.AddPosition(273000011, Fix(kT0 + i * 10 * kMin, 35.0, i % 2 ? 80.0 : 60.0, 12));
    for (int i = 0; i < 80; ++i)  // 13 h 10 min
      b.AddPosition(273000009, Fix(kT0 + i * 10 * kMin, 30.0, i % 2 ? 80.0 : 60.0, 12));
    // V: dark on 636000020 for 19 h, back as 636000021 (same IMO 9000020).
    Stay(&b, 636000020, kT0, kT0 + h, 0.0, -30.0);
    Stay(&b, 636000021, kT0 + 20 * h, kT0 + 21 * h, 0.5, -30.0);
    w_.tracks = std::make_shared<ais::TrackStore>(b.Finish());
    w_.vessels = {Rec("9000001", "Vessel", {{"imoNumber", "9000001"}, {"mmsi", "636000001"}}),
                  Rec("9000009", "Vessel", {{"imoNumber", "9000009"}, {"mmsi", "273000009"}}),
                  // The hijacker: its own MMSI and the one it borrows.
                  Rec("9000010", "Vessel",
                      {{"imoNumber", "9000010"}, {"mmsi", "273000010"}, {"mmsi", "273000009"}}),
                  Rec("9000020", "Vessel",
                      {{"imoNumber", "9000020"}, {"mmsi", "636000020"}, {"mmsi", "636000021"}})};
    w_.ports = {Rec("XXPOL", "Port", {{"lat", "40"}, {"lon", "10"}, {"radius_km", "10"}}),
                Rec("XXANC", "Port", {{"lat", "20"}, {"lon", "60"}}),
                Rec("XXBIG", "Port", {{"lat", "30.11"}, {"lon", "40"}, {"radius_km", "15"}}),
                Rec("XXSEA", "Port", {{"lat", "10.02"}, {"lon", "60"}, {"radius_km", "5"}})};
    w_.declarations = {Rec("D1", "Declaration",
                           {{"vessel_imo", "9000001"},
                            {"port_of_loading", "XXPOL"},
                            {"departure_date", "2023-11-14"}}),
                       Rec("D2", "Declaration",
                           {{"vessel_imo", "9000001"},
                            {"port_of_loading", "XXSEA"},
                            {"departure_date", "2023-11-14"}}),
                       Rec("D9", "Declaration", {{"vessel_imo", "9000009"}})};
    w_.BuildIndexes();
  }

  const AisEvent* Event(const std::string& type, const std::string& mmsi) const {
    for (const auto& e : events_)
      if (e.type == type && (e.mmsi == mmsi || e.other_mmsi == mmsi)) return &e;
    return nullptr;
  }
  static bool Has(const std::vector<Finding>& fs, const std::string& code,
                  const std::string& subject) {
    return std::any_of(fs.begin(), fs.end(),
                       [&](const Finding& f) { return f.code == code && f.subject_id == subject; });
  }
  static std::string Detail(const AisEvent& e, const std::string& k) {
    for (const auto& [key, v] : e.details)
      if (key == k) return v;
    return "";
  }

  World w_;
  std::vector<AisEvent> events_;
};

TEST_F(MaritimeTest, EventsAndFindings) {
  // XXSEA sits 2.2 km from the A/B encounter: move it out of the way for events (the
  // encounter exclusion is 10 km) but keep it for the port-call test below.
  World w = w_;
  w.ports.pop_back();
  events_ = DetectAisEvents(w, Config::Defaults());

  const AisEvent* shared = Event("spoofing", "273000009");
  ASSERT_NE(shared, nullptr);
  EXPECT_EQ(Detail(*shared, "kind"), "shared_mmsi");
  EXPECT_EQ(shared->imo, "9000009");
  EXPECT_EQ(Event("spoofing", "273000011"), nullptr) << "4 h overlap is too short";

  const AisEvent* gap = Event("gap", "636000001");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->start, (kT0 + 3 * 3'600'000) / 1000);
  EXPECT_EQ(gap->end, (kT0 + 23 * 3'600'000) / 1000);
  EXPECT_EQ(Detail(*gap, "hours"), "20.0");
  EXPECT_EQ(Detail(*gap, "other_vessels"), "1");
  EXPECT_NEAR(std::stod(Detail(*gap, "distance_nm")), 30.0, 0.2);
  EXPECT_FALSE(Detail(*gap, "nearest_port_km").empty());
  const AisEvent* sw = Event("gap", "636000020");
  ASSERT_NE(sw, nullptr);
  EXPECT_EQ(sw->other_mmsi, "636000021");
  EXPECT_EQ(Detail(*sw, "kind"), "identity_switch");
  EXPECT_EQ(sw->start, (kT0 + 3'600'000) / 1000);
  EXPECT_EQ(sw->end, (kT0 + 20 * 3'600'000) / 1000);
  EXPECT_EQ(std::count_if(events_.begin(), events_.end(),
                          [](const AisEvent& e) { return e.type == "gap"; }),
            2);

  const AisEvent* enc = Event("encounter", "636000001");
  ASSERT_NE(enc, nullptr);
  EXPECT_EQ(enc->other_mmsi, "636000002");
  EXPECT_EQ(enc->start, kT0 / 1000);
  EXPECT_EQ(enc->end, (kT0 + 3 * 3'600'000) / 1000);
  EXPECT_EQ(Event("encounter", "636000003"), nullptr) << "1 h 50 min is too short";
  EXPECT_EQ(Event("encounter", "636000005"), nullptr) << "511 m is too far";
  EXPECT_EQ(Event("encounter", "636000007"), nullptr) << "within 10 km of a port";
  EXPECT_EQ(Event("encounter", "636000010"), nullptr) << "inside a 15 km port radius";
  EXPECT_EQ(std::count_if(events_.begin(), events_.end(),
                          [](const AisEvent& e) { return e.type == "encounter"; }),
            1);

  w.events = events_;
  w.ports = w_.ports;
  std::vector<Finding> fs;
  ASSERT_TRUE(NewMaritimeDetector()->Run(w, Config::Defaults(), &fs).ok());
  EXPECT_TRUE(Has(fs, "MAR-MMSI-SHARED", "9000009"));
  EXPECT_TRUE(Has(fs, "MAR-MMSI-SHARED", "9000010"));
  EXPECT_TRUE(Has(fs, "MAR-MMSI-SHARED", "D9"));
  EXPECT_TRUE(Has(fs, "MAR-GAP", "9000001"));
  EXPECT_TRUE(Has(fs, "MAR-GAP", "D1"));
  EXPECT_TRUE(Has(fs, "MAR-GAP", "9000020"));
  EXPECT_TRUE(Has(fs, "MAR-ENCOUNTER", "9000001"));
  EXPECT_TRUE(Has(fs, "MAR-ENCOUNTER", "636000002"));  // no vessel record: the MMSI
  EXPECT_TRUE(Has(fs, "MAR-ENCOUNTER", "D1"));
  EXPECT_TRUE(Has(fs, "MAR-PORT-NOT-CALLED", "D1"));
  EXPECT_FALSE(Has(fs, "MAR-PORT-NOT-CALLED", "D2")) << "the track passes within 5 km";
  for (const auto& f : fs) {
    EXPECT_GT(f.score, 0) << f.code;
    EXPECT_FALSE(f.evidence.empty()) << f.code;
  }
}

TEST_F(MaritimeTest, NoTracksNoEvents) {
  World w = w_;
  w.tracks = nullptr;
  EXPECT_TRUE(DetectAisEvents(w, Config::Defaults()).empty());
  std::vector<Finding> fs;
  ASSERT_TRUE(NewMaritimeDetector()->Run(w, Config::Defaults(), &fs).ok());
  EXPECT_TRUE(fs.empty());
}

}  // namespace
}  // namespace interdict
