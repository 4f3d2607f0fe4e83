// Track store: building, segmentation, static history, queries, MID flags, the file
// format, the MarineCadastre reader and folder ingest.
#include "interdict/tracks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "core/csv.h"
#include "testutil.h"

namespace interdict::ais {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000;  // 2023-11-14, unix ms
constexpr int64_t kMin = 60'000;
constexpr int64_t kHour = 3'600'000;

int32_t U(double deg) { return static_cast<int32_t>(std::lround(deg * kUnitsPerDegree)); }

PositionFix Fix(int64_t t, double lat, double lon, double sog = 10) {
  PositionFix f;
  f.time_ms = t;
  f.lat = U(lat);
  f.lon = U(lon);
  f.sog = static_cast<uint16_t>(sog * 10);
  f.cog = 900;
  f.heading = 90;
  f.status = 0;
  return f;
}

// ------------------------------------------------------------------ MID

TEST(MidTest, FlagsFromShipAndOtherMmsiForms) {
  EXPECT_EQ(FlagFromMmsi(351234567), "PA");
  EXPECT_EQ(FlagFromMmsi(636021061), "LR");
  EXPECT_EQ(FlagFromMmsi(538003627), "MH");
  EXPECT_EQ(FlagFromMmsi(273123456), "RU");
  EXPECT_EQ(FlagFromMmsi(422000001), "IR");
  EXPECT_EQ(FlagFromMmsi(445000001), "KP");
  EXPECT_EQ(FlagFromMmsi(477000001), "HK");
  EXPECT_EQ(FlagFromMmsi(236000001), "GI");
  EXPECT_EQ(FlagFromMmsi(992351234), "GB");  // aid to navigation 99MIDxxxx
  EXPECT_EQ(FlagFromMmsi(982351234), "GB");  // craft associated with a parent ship
  EXPECT_EQ(FlagFromMmsi(111232123), "GB");  // SAR aircraft 111MIDxxx
  EXPECT_EQ(FlagFromMmsi(2320001), "GB");    // coast station 00MIDxxxx
  EXPECT_EQ(FlagFromMmsi(23200001), "GB");   // group 0MIDxxxxx
  EXPECT_EQ(FlagFromMmsi(217000001), "");    // unallocated
  EXPECT_EQ(FlagFromMmsi(0), "");
  EXPECT_EQ(FlagFromMmsi(970123456), "");  // SART: no flag
  EXPECT_EQ(MidOfMmsi(1234567890u), -1);
}

// The built-in table against libais's copy of the ITU list (country names in prose).
TEST(MidTest, AgreesWithSharedMidCsv) {
  const std::string shared = interdict::testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "needs ../shared/data (maritime/ref/mid.csv)";
  std::ifstream in(shared + "/maritime/ref/mid.csv");
  ASSERT_TRUE(in) << "maritime/ref/mid.csv missing";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  CsvReader reader(text);
  CsvRecord rec;
  ASSERT_TRUE(reader.Next(&rec));  // header
  // Names we can check without an ISO table of our own: the administration's name must
  // contain this word.
  const std::map<std::string, std::string> word = {{"PA", "Panama"},
                                                   {"LR", "Liberia"},
                                                   {"MH", "Marshall"},
                                                   {"GB", "United Kingdom"},
                                                   {"RU", "Russia"},
                                                   {"CN", "China"},
                                                   {"GR", "Greece"},
                                                   {"MT", "Malta"},
                                                   {"CY", "Cyprus"},
                                                   {"NO", "Norway"},
                                                   {"US", "United States"},
                                                   {"IR", "Iran"},
                                                   {"KP", "Democratic People's Republic of Korea"},
                                                   {"KR", "Korea (Republic"},
                                                   {"SG", "Singapore"},
                                                   {"VC", "Saint Vincent"},
                                                   {"BS", "Bahamas"},
                                                   {"HK", "Hong Kong"},
                                                   {"AE", "United Arab Emirates"},
                                                   {"TF", "France"},
                                                   {"SY", "Syria"},
                                                   {"VE", "Venezuela"}};
  int rows = 0;
  for (; reader.Next(&rec); ++rows) {
    ASSERT_EQ(rec.fields.size(), 2u);
    const int mid = std::stoi(rec.fields[0]);
    const std::string_view iso = FlagFromMid(mid);
    EXPECT_EQ(iso.size(), 2u) << "MID " << mid << " (" << rec.fields[1] << ") missing";
    auto it = word.find(std::string(iso));
    if (it != word.end()) {
      EXPECT_NE(rec.fields[1].find(it->second), std::string::npos)
          << "MID " << mid << " -> " << iso << " but ITU says " << rec.fields[1];
    }
  }
  EXPECT_GT(rows, 280);
  // Ours has the allocations made after libais's snapshot on top.
  EXPECT_GE(MidTable().size(), static_cast<size_t>(rows));
}

// ------------------------------------------------------------------ building

TEST(TrackBuilderTest, SortsDeduplicatesAndCounts) {
  TrackBuilder b;
  b.AddPosition(244000001, Fix(kT0 + 2 * kMin, 52.0, 4.02));
  b.AddPosition(244000001, Fix(kT0, 52.0, 4.0));
  b.AddPosition(244000001, Fix(kT0 + kMin, 52.0, 4.01));
  b.AddPosition(244000001, Fix(kT0 + kMin, 52.0, 4.01));  // heard by a second station
  b.AddPosition(244000001, Fix(-1, 52.0, 4.0));           // no time
  b.AddPosition(244000001, Fix(kT0, 91.0, 181.0));        // not available
  b.AddPosition(0, Fix(kT0, 52.0, 4.0));
  TrackStore s = b.Finish();
  const TrackBuildStats& st = s.build_stats();
  EXPECT_EQ(st.positions_accepted, 4u);
  EXPECT_EQ(st.positions_no_time, 1u);
  EXPECT_EQ(st.positions_no_position, 1u);
  EXPECT_EQ(st.positions_bad_mmsi, 1u);
  EXPECT_EQ(st.duplicates, 1u);
  EXPECT_EQ(st.positions_stored, 3u);
  const Track* t = s.Find(244000001);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ(t->time_ms(0), kT0);
  EXPECT_EQ(t->time_ms(2), kT0 + 2 * kMin);
  EXPECT_DOUBLE_EQ(t->lon(1), 4.01);
  EXPECT_DOUBLE_EQ(t->sog_kn(0), 10.0);
  EXPECT_EQ(t->heading(0), 90);
  EXPECT_EQ(t->flag(), "NL");
  auto [b0, e0] = t->Range(kT0 + 30'000, kT0 + 2 * kMin);
  EXPECT_EQ(b0, 1u);
  EXPECT_EQ(e0, 3u);
  EXPECT_EQ(s.Find(244000002), nullptr);
}

// A decoded NMEA type 1 with a tag-block receive time, through the stream decoder.
TEST(TrackBuilderTest, NmeaReceiveTimesFromTagBlocksAndCarriedClock) {
  const std::string tag = "c:1700000000";
  char cs[8];
  std::snprintf(cs, sizeof(cs), "%02X", NmeaChecksum(tag));
  const std::string sentence = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
  TrackBuilder b;
  AisStreamDecoder dec([&b](const AisMessage& m) { b.Add(m); });
  b.BeginSource();
  dec.FeedLine(sentence);  // before any time: not stored
  dec.FeedLine("\\" + tag + "*" + cs + "\\" + sentence);
  dec.FeedLine(sentence);  // untimed after a timed one: carries 1700000000 s (a duplicate)
  dec.Finish();
  TrackStore s = b.Finish();
  EXPECT_EQ(s.build_stats().position_reports, 3u);
  EXPECT_EQ(s.build_stats().positions_no_time, 1u);
  EXPECT_EQ(s.build_stats().duplicates, 1u);
  ASSERT_EQ(s.tracks().size(), 1u);
  const Track& t = s.tracks()[0];
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.time_ms(0), 1'700'000'000'000);
  double lat = 0, lon = 0;
  AisMessage m;
  ASSERT_EQ(DecodePayload("15RTgt0PAso;90TKcjM8h6g208CQ", 0, &m), DecodeError::kOk);
  ASSERT_TRUE(m.Position(&lat, &lon));
  EXPECT_EQ(t.lat_raw(0), m.t1.lat);  // AIS units round-trip exactly
  EXPECT_EQ(t.lon_raw(0), m.t1.lon);
  EXPECT_EQ(t.mmsi(), m.mmsi);

  // With a fallback clock the first one is kept too.
  TrackOptions o;
  o.fallback_time_ms = kT0;
  TrackBuilder b2(o);
  AisStreamDecoder dec2([&b2](const AisMessage& m2) { b2.Add(m2); });
  dec2.FeedLine(sentence);
  dec2.Finish();
  TrackStore s2 = b2.Finish();
  ASSERT_EQ(s2.position_count(), 1u);
  EXPECT_EQ(s2.tracks()[0].time_ms(0), kT0);
}

// ------------------------------------------------------------------ segmenter

TEST(SegmenterTest, SplitsOneMmsiSharedByTwoShipsFarApart) {
  TrackBuilder b;
  const uint32_t mmsi = 412000001;
  // Ship A in the North Sea, ship B off Singapore, reporting alternately for 3 hours.
  for (int i = 0; i < 180; ++i) {
    const int64_t t = kT0 + i * kMin;
    if (i % 2 == 0) {
      b.AddPosition(mmsi, Fix(t, 52.0, 3.0 + i * 0.003));
    } else {
      b.AddPosition(mmsi, Fix(t, 1.2, 103.8 + i * 0.003));
    }
  }
  TrackStore s = b.Finish();
  const Track* t = s.Find(mmsi);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->segments().size(), 2u);
  EXPECT_TRUE(t->HasConcurrentSegments());
  EXPECT_EQ(t->segments()[0].count, 90u);
  EXPECT_EQ(t->segments()[1].count, 90u);
  for (size_t i = 0; i < t->size(); ++i) {
    // Every fix near Singapore is in the other segment from every fix in the North Sea.
    EXPECT_EQ(t->segment(i), t->lat(i) > 10 ? t->segment(0) : t->segment(1)) << i;
  }
}

TEST(SegmenterTest, GapsAndJumpsStartSegmentsSlowShipsDoNot) {
  TrackBuilder b;
  const uint32_t mmsi = 211000001;
  // 2 h at 10 kn, then 9 h silent (> 8 h), then on again 80 nm further (plausible at 10 kn
  // but after the gap), then one fix 600 nm away (a spoof), then back on the line.
  int64_t t = kT0;
  double lon = 5.0;
  for (int i = 0; i < 12; ++i, t += 10 * kMin, lon += 0.0275)
    b.AddPosition(mmsi, Fix(t, 54.0, lon));
  t += 9 * kHour;
  lon += 2.4;
  for (int i = 0; i < 6; ++i, t += 10 * kMin, lon += 0.0275) b.AddPosition(mmsi, Fix(t, 54.0, lon));
  b.AddPosition(mmsi, Fix(t, 44.0, lon));
  t += 10 * kMin;
  for (int i = 0; i < 6; ++i, t += 10 * kMin, lon += 0.0275) b.AddPosition(mmsi, Fix(t, 54.0, lon));
  TrackStore s = b.Finish();
  const Track* tr = s.Find(mmsi);
  ASSERT_NE(tr, nullptr);
  ASSERT_EQ(tr->segments().size(), 3u);
  EXPECT_EQ(tr->segments()[0].count, 12u);
  EXPECT_EQ(tr->segments()[1].count, 12u);   // after the gap, across the spoof
  EXPECT_EQ(tr->segments()[2].count, 1u);    // the spoofed fix alone
  EXPECT_TRUE(tr->HasConcurrentSegments());  // the spoof sits inside segment 1's span
  EXPECT_EQ(s.build_stats().segments, 3u);
}

TEST(SegmenterTest, AtMostMaxOpenSegments) {
  TrackOptions o;
  o.max_open_segments = 3;
  TrackBuilder b(o);
  // Five ships on one MMSI, far apart; with three open segments, every fix of a ship whose
  // segment was closed opens a fresh one.
  for (int i = 0; i < 50; ++i) {
    b.AddPosition(7, Fix(kT0 + i * kMin, -40.0 + (i % 5) * 20.0, 0.0));
  }
  TrackStore s = b.Finish();
  EXPECT_GT(s.tracks()[0].segments().size(), 5u);
  TrackBuilder b2;  // default 20 open: exactly five
  for (int i = 0; i < 50; ++i) b2.AddPosition(7, Fix(kT0 + i * kMin, -40.0 + (i % 5) * 20.0, 0.0));
  EXPECT_EQ(b2.Finish().tracks()[0].segments().size(), 5u);
}

// ------------------------------------------------------------------ static history

TEST(StaticHistoryTest, IntervalsFillInAndChange) {
  TrackBuilder b;
  const uint32_t mmsi = 636000001;
  AisMessage a;  // type 24 part A: name only
  a.type = 24;
  a.mmsi = mmsi;
  a.t24 = {};
  a.t24.partno = 0;
  std::snprintf(a.t24.shipname, sizeof(a.t24.shipname), "%s", "OCEAN STAR");
  a.rx_time_ms = kT0;
  b.Add(a);
  AisMessage bb;  // part B fills call sign and size in: the same interval
  bb.type = 24;
  bb.mmsi = mmsi;
  bb.t24 = {};
  bb.t24.partno = 1;
  bb.t24.shiptype = 80;
  std::snprintf(bb.t24.callsign, sizeof(bb.t24.callsign), "%s", "D5AB1");
  bb.t24.to_bow = 150;
  bb.t24.to_stern = 30;
  bb.t24.to_port = 12;
  bb.t24.to_starboard = 14;
  bb.rx_time_ms = kT0 + kMin;
  b.Add(bb);
  AisMessage v;  // type 5 a day later: renamed, with IMO and destination
  v.type = 5;
  v.mmsi = mmsi;
  v.t5 = {};
  std::snprintf(v.t5.shipname, sizeof(v.t5.shipname), "%s", "SEA PEARL");
  std::snprintf(v.t5.callsign, sizeof(v.t5.callsign), "%s", "D5AB1");
  std::snprintf(v.t5.destination, sizeof(v.t5.destination), "%s", "FUJAIRAH");
  v.t5.imo = 9123456;
  v.t5.shiptype = 80;
  v.t5.to_bow = 150;
  v.t5.to_stern = 30;
  v.t5.to_port = 12;
  v.t5.to_starboard = 14;
  v.t5.draught = 112;
  v.rx_time_ms = kT0 + 24 * kHour;
  b.Add(v);
  v.rx_time_ms = kT0 + 30 * kHour;  // the same again: extends the interval
  b.Add(v);
  // Out of order input: a report from before everything, with another name.
  StaticData early;
  early.name = "OLD NAME";
  b.AddStatic(mmsi, kT0 - kHour, early);
  TrackStore s = b.Finish();
  EXPECT_EQ(s.build_stats().static_reports, 4u);
  const Track* t = s.Find(mmsi);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->statics().size(), 3u);
  const auto& h = t->statics();
  EXPECT_EQ(h[0].data.name, "OLD NAME");
  EXPECT_EQ(h[1].data.name, "OCEAN STAR");
  EXPECT_EQ(h[1].data.callsign, "D5AB1");
  EXPECT_EQ(h[1].data.length_m, 180);
  EXPECT_EQ(h[1].data.width_m, 26);
  EXPECT_EQ(h[1].first_ms, kT0);
  EXPECT_EQ(h[1].last_ms, kT0 + kMin);
  EXPECT_EQ(h[2].data.name, "SEA PEARL");
  EXPECT_EQ(h[2].data.imo, 9123456u);
  EXPECT_EQ(h[2].data.destination, "FUJAIRAH");
  EXPECT_EQ(h[2].data.draught_dm, 112);
  EXPECT_EQ(h[2].first_ms, kT0 + 24 * kHour);
  EXPECT_EQ(h[2].last_ms, kT0 + 30 * kHour);
  EXPECT_EQ(t->StaticAt(kT0 - 2 * kHour), nullptr);
  EXPECT_EQ(t->StaticAt(kT0 + 2 * kHour)->data.name, "OCEAN STAR");
  EXPECT_EQ(t->StaticAt(kT0 + 40 * kHour)->data.name, "SEA PEARL");
  EXPECT_TRUE(t->empty());  // static data alone still makes a (position-less) track
}

// ------------------------------------------------------------------ queries

TrackStore RandomStore(uint32_t seed, int vessels, int fixes) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> lat(-60, 60), lon(-180, 180), step(-0.01, 0.01);
  TrackBuilder b;
  for (int v = 0; v < vessels; ++v) {
    const uint32_t mmsi = 200'000'000u + static_cast<uint32_t>(rng() % 500'000'000u);
    double la = lat(rng), lo = lon(rng);
    int64_t t = kT0 + static_cast<int64_t>(rng() % 1000) * kMin;
    for (int i = 0; i < fixes; ++i) {
      PositionFix f = Fix(t, la, lo, static_cast<double>(rng() % 200) / 10.0);
      f.cog = static_cast<uint16_t>(rng() % 3601);
      f.heading = static_cast<uint16_t>(rng() % 512);
      f.status = static_cast<uint8_t>(rng() % 16);
      f.class_b = rng() % 2;
      b.AddPosition(mmsi, f);
      t += static_cast<int64_t>(rng() % 600'000);
      la = std::clamp(la + step(rng), -89.0, 89.0);
      lo += step(rng);
      if (lo > 180) lo -= 360;
      if (lo < -180) lo += 360;
    }
    if (v % 3 == 0) {
      StaticData d;
      d.name = "SHIP " + std::to_string(v);
      d.imo = 9000000 + static_cast<uint32_t>(v);
      d.destination = "DEST";
      b.AddStatic(mmsi, t, d);
      d.name = "RENAMED " + std::to_string(v);
      b.AddStatic(mmsi, t + kHour, d, PosSource::kCsv);
    }
  }
  return b.Finish();
}

TEST(TrackQueryTest, AreaAndTimeMatchBruteForce) {
  TrackStore s = RandomStore(7, 300, 200);
  std::mt19937 rng(11);
  for (int q = 0; q < 40; ++q) {
    LatLonBox box;
    box.lat_min = -60 + (rng() % 100);
    box.lat_max = box.lat_min + (rng() % 30) + 0.5;
    box.lon_min = -180 + (rng() % 340);
    box.lon_max = box.lon_min + (rng() % 60) + 0.5;
    if (q % 5 == 0) std::swap(box.lon_min, box.lon_max);  // across the antimeridian
    const int64_t t0 = kT0 + static_cast<int64_t>(rng() % 2000) * kMin;
    const int64_t t1 = t0 + static_cast<int64_t>(rng() % 5000) * kMin;
    std::vector<PositionRef> want;
    for (uint32_t ti = 0; ti < s.tracks().size(); ++ti) {
      const Track& t = s.tracks()[ti];
      for (uint32_t i = 0; i < t.size(); ++i) {
        const double la = t.lat(i), lo = t.lon(i);
        const bool in_lon = box.lon_min <= box.lon_max ? (lo >= box.lon_min && lo <= box.lon_max)
                                                       : (lo >= box.lon_min || lo <= box.lon_max);
        if (la >= box.lat_min && la <= box.lat_max && in_lon && t.time_ms(i) >= t0 &&
            t.time_ms(i) <= t1) {
          want.push_back({ti, i});
        }
      }
    }
    std::vector<PositionRef> got = s.QueryArea(box, t0, t1);
    ASSERT_EQ(got.size(), want.size()) << "query " << q;
    for (size_t k = 0; k < got.size(); ++k) {
      EXPECT_EQ(got[k].track, want[k].track);
      EXPECT_EQ(got[k].index, want[k].index);
    }
  }
}

TEST(TrackQueryTest, SmallHandBuiltArea) {
  TrackBuilder b;
  b.AddPosition(1, Fix(kT0, 25.0, 56.0));  // Strait of Hormuz
  b.AddPosition(1, Fix(kT0 + kHour, 25.2, 56.3));
  b.AddPosition(2, Fix(kT0 + kHour, 25.1, 56.1));
  b.AddPosition(3, Fix(kT0 + kHour, 1.2, 103.8));  // Singapore
  TrackStore s = b.Finish();
  LatLonBox box{24.5, 25.5, 55.5, 56.5};
  std::vector<uint32_t> seen;
  s.ForEachInArea(box, kT0 + 30 * kMin, kT0 + 2 * kHour,
                  [&](const Track& t, size_t) { seen.push_back(t.mmsi()); });
  EXPECT_EQ(seen, (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(s.QueryArea(box, kT0, kT0).size(), 1u);
  EXPECT_EQ(s.QueryArea(box, kT0 + 3 * kHour, kT0 + 4 * kHour).size(), 0u);
}

// ------------------------------------------------------------------ file format

void ExpectSameStore(const TrackStore& a, const TrackStore& b) {
  ASSERT_EQ(a.tracks().size(), b.tracks().size());
  ASSERT_EQ(a.position_count(), b.position_count());
  for (size_t k = 0; k < a.tracks().size(); ++k) {
    const Track& x = a.tracks()[k];
    const Track& y = b.tracks()[k];
    ASSERT_EQ(x.mmsi(), y.mmsi());
    ASSERT_EQ(x.size(), y.size());
    for (size_t i = 0; i < x.size(); ++i) {
      ASSERT_EQ(x.time_ms(i), y.time_ms(i));
      ASSERT_EQ(x.lat_raw(i), y.lat_raw(i));
      ASSERT_EQ(x.lon_raw(i), y.lon_raw(i));
      ASSERT_EQ(std::isnan(x.sog_kn(i)), std::isnan(y.sog_kn(i)));
      if (!std::isnan(x.sog_kn(i))) {
        ASSERT_EQ(x.sog_kn(i), y.sog_kn(i));
      }
      ASSERT_EQ(x.heading(i), y.heading(i));
      ASSERT_EQ(x.status(i), y.status(i));
      ASSERT_EQ(x.class_b(i), y.class_b(i));
      ASSERT_EQ(x.segment(i), y.segment(i));
    }
    ASSERT_EQ(x.segments().size(), y.segments().size());
    ASSERT_EQ(x.statics().size(), y.statics().size());
    for (size_t i = 0; i < x.statics().size(); ++i) {
      EXPECT_EQ(x.statics()[i].data, y.statics()[i].data);
      EXPECT_EQ(x.statics()[i].first_ms, y.statics()[i].first_ms);
      EXPECT_EQ(x.statics()[i].last_ms, y.statics()[i].last_ms);
      EXPECT_EQ(x.statics()[i].source, y.statics()[i].source);
    }
  }
}

TEST(TrackFileTest, SaveLoadRoundTrip) {
  TrackStore s = RandomStore(3, 50, 300);
  const std::string path = interdict::testing::MakeTempDir() + "/t.idtracks";
  ASSERT_TRUE(s.Save(path).ok());
  Result<TrackStore> r = TrackStore::Load(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ExpectSameStore(s, *r);
  // Queries work on the loaded store (the index is rebuilt).
  LatLonBox all;
  EXPECT_EQ(r->QueryArea(all, 0, INT64_MAX).size(), s.position_count());
  // Compact: well under the 32-byte target on disk.
  const double per_pos = static_cast<double>(std::filesystem::file_size(path)) /
                         static_cast<double>(s.position_count());
  EXPECT_LT(per_pos, 32.0);
  EXPECT_LT(static_cast<double>(s.MemoryBytes()) / static_cast<double>(s.position_count()), 32.0);
  // Empty store.
  TrackBuilder eb;
  TrackStore empty = eb.Finish();
  Result<TrackStore> re = TrackStore::Deserialize(empty.Serialize(), "empty");
  ASSERT_TRUE(re.ok()) << re.status().ToString();
  EXPECT_EQ(re->tracks().size(), 0u);
}

TEST(TrackFileTest, CorruptFilesAreErrorsNotCrashes) {
  TrackStore s = RandomStore(5, 4, 20);
  const std::string bytes = s.Serialize();
  // Every truncation and every single-byte flip: an error (the checksum catches flips),
  // never a crash.
  for (size_t n = 0; n < bytes.size(); ++n) {
    Result<TrackStore> r = TrackStore::Deserialize(std::string_view(bytes).substr(0, n), "cut");
    EXPECT_FALSE(r.ok()) << n;
  }
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x41);
    EXPECT_FALSE(TrackStore::Deserialize(bad, "flip").ok()) << i;
  }
  Result<TrackStore> r = TrackStore::Deserialize("IDTRKS01 not really", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_FALSE(TrackStore::Load("/nonexistent/x.idtracks").ok());
}

// ------------------------------------------------------------------ MarineCadastre CSV

TEST(MarineCadastreTest, FixtureRowsAcceptedAndRejected) {
  const std::string path = interdict::testing::TestDataDir() + "/ais/marinecadastre.csv";
  TrackBuilder b;
  CsvReadStats st;
  ASSERT_TRUE(ReadMarineCadastreCsv(path, &b, &st).ok());
  EXPECT_EQ(st.rows, 11u);
  EXPECT_EQ(st.rows, st.accepted + st.rejected);
  EXPECT_EQ(st.accepted, 6u);
  ASSERT_EQ(st.rejected, 5u);
  ASSERT_EQ(st.rejections.size(), 5u);
  struct Want {
    int64_t line;
    const char* field;
  };
  const Want want[] = {{7, "BaseDateTime"}, {8, "LAT"}, {9, "MMSI"}, {10, "SOG"}, {11, ""}};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(st.rejections[i].file, path);
    EXPECT_EQ(st.rejections[i].line, want[i].line) << st.rejections[i].reason;
    EXPECT_EQ(st.rejections[i].field, want[i].field) << st.rejections[i].reason;
    EXPECT_FALSE(st.rejections[i].reason.empty());
  }
  TrackStore s = b.Finish();
  EXPECT_EQ(s.position_count(), 6u);
  const Track* a = s.Find(366000001);
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->size(), 4u);
  EXPECT_EQ(a->flag(), "US");
  EXPECT_NEAR(a->lon(1), -69.978, 1e-9);
  EXPECT_EQ(a->lat_raw(0), 40 * 600000);
  EXPECT_TRUE(std::isnan(a->sog_kn(2)));  // 102.3 = not available
  EXPECT_TRUE(std::isnan(a->cog_deg(2)));
  EXPECT_EQ(a->heading(2), -1);
  EXPECT_EQ(a->source(0), PosSource::kCsv);
  EXPECT_EQ(a->segments().size(), 1u);
  ASSERT_EQ(a->statics().size(), 2u);  // renamed (and deeper draught) at 00:18
  EXPECT_EQ(a->statics()[0].data.name, "ALPHA ONE");
  EXPECT_EQ(a->statics()[0].data.imo, 9307839u);
  EXPECT_EQ(a->statics()[0].data.length_m, 200);
  EXPECT_EQ(a->statics()[0].data.draught_dm, 80);
  EXPECT_EQ(a->statics()[0].last_ms, a->time_ms(2));
  EXPECT_EQ(a->statics()[1].data.name, "ALPHA TWO");
  const Track* boat = s.Find(338000002);
  ASSERT_NE(boat, nullptr);
  EXPECT_TRUE(boat->class_b(0));
  EXPECT_EQ(s.Find(636021061)->flag(), "LR");  // the quoted row
}

TEST(MarineCadastreTest, HeaderDetection) {
  EXPECT_TRUE(IsMarineCadastreHeader(
      "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
      "Length,Width,Draft,Cargo,TransceiverClass\r"));
  EXPECT_TRUE(IsMarineCadastreHeader("\xEF\xBB\xBF\"MMSI\",\"BaseDateTime\",\"LAT\",\"LON\""));
  EXPECT_FALSE(IsMarineCadastreHeader("MMSI,Message_ID,Repeat_indicator,Time"));
  EXPECT_FALSE(IsMarineCadastreHeader("declaration_id,declaration_date,hs_code"));
  TrackBuilder b;
  CsvReadStats st;
  EXPECT_FALSE(ReadMarineCadastreCsvText("a,b,c\n1,2,3\n", "x.csv", &b, &st).ok());
}

// ------------------------------------------------------------------ folders

TEST(AisDirTest, BuildsFromEveryRecognisedFile) {
  const std::string dir = interdict::testing::MakeTempDir();
  std::filesystem::create_directories(dir + "/ais/sub");
  const std::string tag = "c:1700000000";
  char cs[8];
  std::snprintf(cs, sizeof(cs), "%02X", NmeaChecksum(tag));
  const std::string line =
      "\\" + tag + "*" + cs + "\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n";
  interdict::testing::WriteFile(dir + "/ais/a.nmea", line + "garbage line\n");
  interdict::testing::WriteFile(
      dir + "/ais/sub/feed.txt",
      "1700000060 " + std::string("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n"));
  interdict::testing::WriteFile(dir + "/ais/README.txt", "Logs of !AIVDM sentences.\n");
  interdict::testing::WriteFile(dir + "/ais/other.csv", "declaration_id,hs_code\nD1,8542\n");
  interdict::testing::WriteFile(
      dir + "/ais/mc.csv",
      interdict::testing::ReadFile(interdict::testing::TestDataDir() + "/ais/marinecadastre.csv"));
  EXPECT_EQ(ClassifyAisFile(dir + "/ais/README.txt"), AisFileKind::kNotAis);
  EXPECT_EQ(ClassifyAisFile(dir + "/ais/sub/feed.txt"), AisFileKind::kNmea);
  AisDirStats st;
  Result<TrackStore> r = BuildTracksFromDir(dir, {}, &st);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(st.nmea_files, (std::vector<std::string>{"ais/a.nmea", "ais/sub/feed.txt"}));
  EXPECT_EQ(st.csv_files, (std::vector<std::string>{"ais/mc.csv"}));
  EXPECT_EQ(st.files_skipped, 2u);
  EXPECT_EQ(st.nmea.messages, 2u);
  EXPECT_EQ(st.nmea.skipped_lines, 1u);
  EXPECT_EQ(st.csv.accepted, 6u);
  EXPECT_EQ(st.csv.rejected, 5u);
  EXPECT_EQ(st.tracks.positions_stored, 8u);
  EXPECT_EQ(r->position_count(), 8u);
  EXPECT_FALSE(st.ToString().empty());
  EXPECT_FALSE(BuildTracksFromDir(dir + "/missing", {}, &st).ok());
}

}  // namespace
}  // namespace interdict::ais
