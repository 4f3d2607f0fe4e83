#include "simulate/ais_codec.h"

#include <gtest/gtest.h>

namespace interdict::sim {
namespace {

TEST(AisCodec, DecodesAKnownPublicSentence) {
  // The classic example from the AIVDM/AIVDO protocol notes (E. S. Raymond).
  ParsedSentence p;
  ASSERT_TRUE(ParseSentence("!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C", &p));
  EXPECT_TRUE(p.checksum_ok);
  PositionReport r;
  ASSERT_TRUE(DecodePosition(p.payload, p.fill, &r));
  EXPECT_EQ(r.msg_type, 1);
  EXPECT_EQ(r.mmsi, 477553000u);
  EXPECT_EQ(r.nav_status, 5);
  EXPECT_NEAR(r.lat, 47.582833, 1e-5);
  EXPECT_NEAR(r.lon, -122.345832, 1e-5);
  EXPECT_EQ(r.heading, 181);
}

TEST(AisCodec, PositionRoundTripsForClassAAndB) {
  for (int type : {1, 2, 3, 18}) {
    PositionReport in;
    in.msg_type = type;
    in.mmsi = 538001234;
    in.nav_status = type == 18 ? 15 : 0;
    in.sog_knots = 13.4;
    in.cog_deg = 271.3;
    in.heading = 270;
    in.lat = -33.912345;
    in.lon = 151.254321;
    in.second = 42;
    int fill = -1;
    std::string payload = EncodePosition(in, &fill);
    EXPECT_EQ(payload.size(), 28u);
    EXPECT_EQ(fill, 0);
    PositionReport out;
    ASSERT_TRUE(DecodePosition(payload, fill, &out)) << type;
    EXPECT_EQ(out.msg_type, type);
    EXPECT_EQ(out.mmsi, in.mmsi);
    EXPECT_NEAR(out.lat, in.lat, 1.0 / 600000);
    EXPECT_NEAR(out.lon, in.lon, 1.0 / 600000);
    EXPECT_NEAR(out.sog_knots, 13.4, 1e-9);
    EXPECT_NEAR(out.cog_deg, 271.3, 1e-9);
    EXPECT_EQ(out.heading, 270);
    EXPECT_EQ(out.second, 42);
  }
}

TEST(AisCodec, StaticReportsRoundTrip) {
  StaticReport in;
  in.mmsi = 636012345;
  in.imo = 9187629;
  in.callsign = "A8XY2";
  in.name = "OCEAN GRACE";
  in.destination = "NLRTM";
  in.ship_type = 80;
  in.to_bow = 120;
  in.to_stern = 110;
  in.to_port = 20;
  in.to_starboard = 22;
  in.eta_month = 10;
  in.eta_day = 3;
  in.eta_hour = 14;
  in.eta_minute = 30;
  in.draught_m = 12.3;
  int fill = 0;
  std::string p5 = EncodeStatic5(in, &fill);
  EXPECT_EQ(p5.size(), 71u);
  EXPECT_EQ(fill, 2);
  StaticReport out;
  ASSERT_TRUE(DecodeStatic5(p5, fill, &out));
  EXPECT_EQ(out.mmsi, in.mmsi);
  EXPECT_EQ(out.imo, in.imo);
  EXPECT_EQ(out.callsign, "A8XY2");
  EXPECT_EQ(out.name, "OCEAN GRACE");
  EXPECT_EQ(out.destination, "NLRTM");
  EXPECT_EQ(out.ship_type, 80);
  EXPECT_EQ(out.to_bow, 120);
  EXPECT_EQ(out.eta_minute, 30);
  EXPECT_NEAR(out.draught_m, 12.3, 1e-9);

  int part = -1;
  StaticReport a, b;
  std::string pa = EncodeStatic24A(in, &fill);
  ASSERT_TRUE(DecodeStatic24(pa, fill, &a, &part));
  EXPECT_EQ(part, 0);
  EXPECT_EQ(a.name, "OCEAN GRACE");
  std::string pb = EncodeStatic24B(in, &fill);
  ASSERT_TRUE(DecodeStatic24(pb, fill, &b, &part));
  EXPECT_EQ(part, 1);
  EXPECT_EQ(b.callsign, "A8XY2");
  EXPECT_EQ(b.to_starboard, 22);
}

TEST(AisCodec, SentencesAndTagBlocksCarryValidChecksums) {
  std::string s = AivdmSentence(2, 1, 3, 'A', "53eVn5P2Cm5cTPiWL00", 0);
  EXPECT_EQ(s.rfind("!AIVDM,2,1,3,A,", 0), 0u);
  std::string line = TagBlock(1727913789, "T-EGALY", 1, 2, 15) + s;
  EXPECT_EQ(line.rfind("\\g:1-2-15,c:1727913789,s:T-EGALY*", 0), 0u);
  ParsedSentence p;
  ASSERT_TRUE(ParseSentence(line, &p));
  EXPECT_TRUE(p.checksum_ok);
  EXPECT_TRUE(p.tag_checksum_ok);
  EXPECT_EQ(p.total, 2);
  EXPECT_EQ(p.seq, "3");
  // A flipped character breaks the sentence checksum.
  line[line.size() - 8] ^= 1;
  ASSERT_TRUE(ParseSentence(line, &p));
  EXPECT_FALSE(p.checksum_ok);
}

TEST(AisCodec, SixBitTextHandlesCaseAndPadding) {
  BitWriter w;
  w.PutText("ab-1", 6);
  int fill = 0;
  std::string armored = w.Armor(&fill);
  BitReader r(armored, fill);
  EXPECT_EQ(r.GetText(0, 6), "AB-1");
}

}  // namespace
}  // namespace interdict::sim
