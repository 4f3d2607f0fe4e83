// Track building on the real AIS in ../shared/data/maritime/ais (skipped when absent).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "interdict/tracks.h"
#include "testutil.h"

namespace interdict::ais {
namespace {

std::string AisDir() {
  const std::string shared = interdict::testing::SharedDataDir();
  return shared.empty() ? "" : shared + "/maritime/ais";
}

TEST(TracksSlowTest, MarineCadastreNoaaCsv) {
  const std::string dir = AisDir();
  if (dir.empty()) GTEST_SKIP() << "needs ../shared/data (maritime/ais/aisdb/*.csv)";
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/aisdb")) {
    if (e.path().extension() != ".csv") continue;
    const std::string path = e.path().string();
    if (ClassifyAisFile(path) != AisFileKind::kMarineCadastre) continue;  // aisdb's own layout
    ++files;
    TrackBuilder b;
    CsvReadStats st;
    ASSERT_TRUE(ReadMarineCadastreCsv(path, &b, &st).ok()) << path;
    EXPECT_EQ(st.rows, st.accepted + st.rejected) << path;
    EXPECT_GT(st.accepted, st.rows * 9 / 10) << path;
    for (const CsvRejection& r : st.rejections) {
      EXPECT_FALSE(r.reason.empty());
      EXPECT_GT(r.line, 1);
    }
    TrackStore s = b.Finish();
    EXPECT_EQ(s.build_stats().positions_accepted, st.accepted);
    EXPECT_EQ(s.position_count() + s.build_stats().duplicates, st.accepted);
    EXPECT_GT(s.tracks().size(), 10u);
    size_t with_static = 0, flagged = 0;
    for (const Track& t : s.tracks()) {
      with_static += !t.statics().empty();
      flagged += !t.flag().empty();
    }
    EXPECT_GT(with_static, s.tracks().size() / 2);
    EXPECT_GT(flagged, s.tracks().size() * 8 / 10);
    Result<TrackStore> r = TrackStore::Deserialize(s.Serialize(), path);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->position_count(), s.position_count());
  }
  EXPECT_GE(files, 1);
}

TEST(TracksSlowTest, WholeSharedAisFolder) {
  const std::string dir = AisDir();
  if (dir.empty()) GTEST_SKIP() << "needs ../shared/data (maritime/ais)";
  AisDirStats st;
  Result<TrackStore> r = BuildTracksFromDir(dir, {}, &st);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::cout << st.ToString() << "\n";
  EXPECT_GT(st.nmea_files.size(), 5u);
  EXPECT_GE(st.csv_files.size(), 1u);
  const TrackBuildStats& t = st.tracks;
  EXPECT_EQ(t.messages, st.nmea.messages);
  EXPECT_EQ(
      t.position_reports + st.csv.accepted,
      t.positions_accepted + t.positions_no_time + t.positions_no_position + t.positions_bad_mmsi);
  EXPECT_EQ(t.positions_stored + t.duplicates, t.positions_accepted);
  EXPECT_GT(r->position_count(), 1000u);
  // Not checked against the 32-byte target: these logs are snippets (about 1.4 positions
  // per MMSI), so the per-track overhead dominates; bench/ais_bench.cc measures real tracks.
  std::cout << "memory bytes/position: "
            << static_cast<double>(r->MemoryBytes()) / static_cast<double>(r->position_count())
            << ", file bytes/position: "
            << static_cast<double>(r->Serialize().size()) / static_cast<double>(r->position_count())
            << "\n";
  Result<TrackStore> back = TrackStore::Deserialize(r->Serialize(), "shared");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->position_count(), r->position_count());
}

}  // namespace
}  // namespace interdict::ais
