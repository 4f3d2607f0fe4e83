// Unit tests for the AIS NMEA layer, reassembly and decoder (no shared data needed).
#include "interdict/ais.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testutil.h"

namespace interdict::ais {
namespace {

std::vector<AisMessage> DecodeAll(std::string_view text, AisStats* stats = nullptr,
                                  ReassemblyOptions opts = {}) {
  std::vector<AisMessage> out;
  AisStreamDecoder dec([&](const AisMessage& m) { out.push_back(m); }, opts);
  dec.FeedText(text);
  dec.Finish();
  if (stats != nullptr) *stats = dec.stats();
  return out;
}

std::string Json(const AisMessage& m, bool compat = true) {
  JsonOptions o;
  o.gpsd_compat = compat;
  std::string s;
  EXPECT_TRUE(AppendGpsdJson(m, o, &s));
  return s;
}

TEST(NmeaTest, ParsesPlainSentence) {
  NmeaSentence s;
  ASSERT_EQ(ParseNmeaLine("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\r\n", &s),
            LineKind::kAis);
  EXPECT_EQ(s.frag_count, 1);
  EXPECT_EQ(s.frag_num, 1);
  EXPECT_EQ(s.seq_id, -1);
  EXPECT_EQ(s.channel, 'A');
  EXPECT_EQ(s.payload, "15RTgt0PAso;90TKcjM8h6g208CQ");
  EXPECT_FALSE(s.own_ship);
}

TEST(NmeaTest, AnyTalkerAndVdo) {
  NmeaSentence s;
  // Same body as above with talker BS and sentence VDO: recompute the checksum.
  std::string body = "BSVDO,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0";
  char cs[4];
  std::snprintf(cs, sizeof(cs), "%02X", NmeaChecksum(body));
  ASSERT_EQ(ParseNmeaLine("!" + body + "*" + cs, &s), LineKind::kAis);
  EXPECT_TRUE(s.own_ship);
  EXPECT_EQ(s.talker[0], 'B');
  EXPECT_EQ(s.channel, 'B');
}

TEST(NmeaTest, RejectsBadChecksumAndMalformed) {
  NmeaSentence s;
  EXPECT_EQ(ParseNmeaLine("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B", &s),
            LineKind::kBadChecksum);
  EXPECT_EQ(ParseNmeaLine("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0", &s),
            LineKind::kMalformed);
  EXPECT_EQ(ParseNmeaLine("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47", &s),
            LineKind::kNotAis);
  EXPECT_EQ(ParseNmeaLine("# comment", &s), LineKind::kEmpty);
  EXPECT_EQ(ParseNmeaLine("", &s), LineKind::kEmpty);
  EXPECT_EQ(ParseNmeaLine("hello world", &s), LineKind::kNotAis);
}

TEST(NmeaTest, TagBlockFields) {
  NmeaSentence s;
  ASSERT_EQ(ParseNmeaLine("\\s:42809,c:1635731889,t:1635731965*6A\\!AIVDM,1,1,,,403t>B1vFhQr5`"
                          "NonbBw?>G00<0n,0*7B",
                          &s),
            LineKind::kAis);
  EXPECT_EQ(s.meta.station, "42809");
  EXPECT_EQ(s.meta.time_ms, 1635731889000);
  EXPECT_EQ(s.meta.tag_text, "1635731965");
  EXPECT_EQ(s.channel, 0);
  EXPECT_FALSE(s.bad_tag_block);
}

TEST(NmeaTest, TagBlockGroupAndBadTagChecksum) {
  NmeaSentence s;
  ASSERT_EQ(ParseNmeaLine("\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\"
                          "!AIVDM,2,1,6,A,53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000"
                          "000000,0*63",
                          &s),
            LineKind::kAis);
  EXPECT_EQ(s.meta.group_num, 1);
  EXPECT_EQ(s.meta.group_total, 2);
  EXPECT_EQ(s.meta.group_id, 1604);
  // Wrong tag-block checksum: the sentence survives, its tag fields do not.
  ASSERT_EQ(ParseNmeaLine("\\g:1-2-73874*A\\!AIVDM,1,1,,A,15MrVH0000KH<:V:NtBLoqFP2H9:,0*2F", &s),
            LineKind::kAis);
  EXPECT_TRUE(s.bad_tag_block);
  EXPECT_EQ(s.meta.group_id, -1);
}

TEST(NmeaTest, LeadingTimestamps) {
  NmeaSentence s;
  const std::string sent = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
  ASSERT_EQ(ParseNmeaLine("1635731889 " + sent, &s), LineKind::kAis);
  EXPECT_EQ(s.meta.time_ms, 1635731889000);
  ASSERT_EQ(ParseNmeaLine("2021-11-01T01:58:09.5Z," + sent, &s), LineKind::kAis);
  EXPECT_EQ(s.meta.time_ms, 1635731889500);
  ASSERT_EQ(ParseNmeaLine("2021-11-01 01:58:09 " + sent, &s), LineKind::kAis);
  EXPECT_EQ(s.meta.time_ms, 1635731889000);
}

TEST(NmeaTest, NaisTrailerAndPghp) {
  NmeaSentence s;
  ASSERT_EQ(ParseNmeaLine("!AIVDM,1,1,,A,403Ovl@000Htt<tSF0l4Q@100`Pq,0*28,d-109,S2105,"
                          "t050056.00,T56.13718694,r003669946,1325394060,1325394001",
                          &s),
            LineKind::kAis);
  EXPECT_EQ(s.meta.station, "r003669946");
  EXPECT_EQ(s.meta.time_ms, 1325394060000);
  ASSERT_EQ(ParseNmeaLine("$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B", &s),
            LineKind::kPghp);
  EXPECT_EQ(s.meta.station, "992190934");
  EXPECT_EQ(s.meta.time_ms, 1276256771390);
}

TEST(DecodeTest, Type1AllFields) {
  AisMessage m;
  ASSERT_EQ(DecodePayload("15RTgt0PAso;90TKcjM8h6g208CQ", 0, &m), DecodeError::kOk);
  EXPECT_EQ(m.type, 1);
  EXPECT_EQ(m.mmsi, 371798000u);
  EXPECT_EQ(m.t1.status, 0);
  EXPECT_EQ(m.t1.turn, -127);
  EXPECT_EQ(m.t1.speed, 123);
  EXPECT_TRUE(m.t1.accuracy);
  EXPECT_EQ(m.t1.course, 2240);
  EXPECT_EQ(m.t1.heading, 215);
  EXPECT_EQ(m.t1.second, 33);
  EXPECT_EQ(m.t1.radio, 34017u);
  double lat, lon;
  ASSERT_TRUE(m.Position(&lat, &lon));
  EXPECT_NEAR(lat, 48.38163333, 1e-6);
  EXPECT_NEAR(lon, -123.39538333, 1e-6);
  EXPECT_EQ(Json(m),
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":1,\"repeat\":0,\"mmsi\":371798000,"
            "\"scaled\":true,\"status\":0,\"status_text\":\"Under way using engine\",\"turn\":"
            "\"fastleft\",\"speed\":12.3,\"accuracy\":true,\"lon\":-123.395383,\"lat\":48.381633,"
            "\"course\":224.0,\"heading\":215,\"second\":33,\"maneuver\":0,\"raim\":false,"
            "\"radio\":34017}");
}

TEST(DecodeTest, RejectsBadArmourAndShortMessages) {
  AisMessage m;
  EXPECT_EQ(DecodePayload("15RTgt0PAso;90TKcjM8h6g208C~", 0, &m), DecodeError::kBadArmour);
  EXPECT_EQ(DecodePayload("15RTgt0PAso", 0, &m), DecodeError::kBadLength);
  EXPECT_EQ(DecodePayload("", 0, &m), DecodeError::kBadLength);
  EXPECT_EQ(DecodePayload(std::string(400, '0'), 0, &m), DecodeError::kTooLong);
}

// A type-24 part B of 162 bits (as many class B units send) is kept by us and dropped
// by gpsd 3.22; --gpsd output reproduces gpsd.
TEST(DecodeTest, Type24PartsAreLenient) {
  std::string text = "!AIVDM,1,1,,A,H3P:WJQ@TLE:0hTiV1HT0000000,2*70\n";  // part A, 160 bits (real)
  AisStats st;
  auto msgs = DecodeAll(text, &st);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].t24.partno, 0);
  JsonOptions o;
  std::string s;
  EXPECT_TRUE(AppendGpsdJson(msgs[0], o, &s));
  EXPECT_NE(s.find("\"part\":\"A\""), std::string::npos);
  o.gpsd_compat = true;
  s.clear();
  EXPECT_FALSE(AppendGpsdJson(msgs[0], o, &s));  // gpsd prints no lone part A
  // Part B with 162 bits: 27 characters + 0 fill.
  AisMessage b;
  ASSERT_EQ(DecodePayload("H3P:WJTU=Ev1`uMN222220220P3", 0, &b), DecodeError::kOk);
  EXPECT_EQ(b.bitlen, 162);
  EXPECT_EQ(b.t24.partno, 1);
}

TEST(ReassemblyTest, InterleavedFixture) {
  std::string text = testing::ReadFile(testing::TestDataDir() + "/ais/interleaved.nmea");
  AisStats st;
  auto msgs = DecodeAll(text, &st);
  ASSERT_EQ(msgs.size(), 4u);
  // In order of each message's last fragment: type 1, EVER DIADEM, SEA..., EVER DIADEM.
  EXPECT_EQ(msgs[0].type, 1);
  EXPECT_EQ(msgs[1].type, 5);
  EXPECT_STREQ(msgs[1].t5.shipname, "EVER DIADEM");
  EXPECT_EQ(msgs[1].t5.imo, 9134270u);
  EXPECT_EQ(msgs[2].type, 5);
  EXPECT_EQ(msgs[2].mmsi, 367309440u);
  EXPECT_EQ(msgs[3].type, 5);
  EXPECT_STREQ(msgs[3].t5.shipname, "EVER DIADEM");
  EXPECT_EQ(msgs[3].channel, 'B');
  EXPECT_EQ(Json(msgs[1]), Json(msgs[3]));
  EXPECT_EQ(st.duplicates, 1u);
  EXPECT_EQ(st.orphans, 1u);
  EXPECT_EQ(st.fragments, 8u);
  EXPECT_EQ(st.skipped_lines, 6u);
}

TEST(ReassemblyTest, TagBlockGroupsAcrossOtherSentences) {
  // libais' ORBCOMM sample: a g:-grouped pair with another sentence in between.
  std::string text =
      "\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\!AIVDM,2,1,6,A,53@o0E00"
      "0001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63\n"
      "\\s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53*55\\!AIVDM,1,1,,B,13F?Vv700<DJuL"
      "Etvep`iToV0<00,0*78\n"
      "\\g:2-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*34\\!AIVDM,2,2,6,A,00000000"
      "008,2*2A\n";
  auto msgs = DecodeAll(text);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0].type, 1);
  EXPECT_STREQ(msgs[0].station, "rORBCOMM104");
  EXPECT_EQ(msgs[1].type, 5);
  EXPECT_STREQ(msgs[1].t5.shipname, "ROSINANTE");
  EXPECT_EQ(msgs[1].rx_time_ms, 1418169601000);
  std::string j;
  JsonOptions o;
  ASSERT_TRUE(AppendGpsdJson(msgs[1], o, &j));
  EXPECT_NE(j.find("\"rx_time\":\"2014-12-10T00:00:01Z\",\"station\":\"rORBCOMM008\"}"),
            std::string::npos);
}

TEST(ReassemblyTest, TtlExpiresPartials) {
  std::string text =
      "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C\n";
  for (int i = 0; i < 600; ++i) text += "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n";
  text += "!AIVDM,2,2,1,A,88888888880,2*25\n";
  AisStats st;
  ReassemblyOptions opts;
  opts.ttl_lines = 100;
  auto msgs = DecodeAll(text, &st, opts);
  EXPECT_EQ(msgs.size(), 600u);  // the type 5 timed out; its part 2 is an orphan too
  EXPECT_EQ(st.orphans, 2u);
}

// Every line either yields a sentence or is counted as skipped / bad / malformed, and
// nothing crashes on truncated or bit-flipped input.
TEST(RobustnessTest, PrefixesAndBitFlipsAreCounted) {
  const std::vector<std::string> lines = {
      "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A",
      "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C",
      "!AIVDM,2,2,1,A,88888888880,2*25",
      "\\s:42809,c:1635731889,t:1635731965*6A\\!AIVDM,1,1,,,403t>B1vFhQr5`NonbBw?>G00<0n,0*7B",
      "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B",
      "!AIVDM,1,1,,B,8>h8nkP0Glr=<hFI0D6??wvlFR06EuOwgwl?wnSwe7wvlOw?sAwwnSGmwvh0,0*17",
      "!AIVDM,1,1,,A,403Ovl@000Htt<tSF0l4Q@100`Pq,0*28,d-109,S2105,t050056.00,r003669946,13253"
      "94060"};
  uint64_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed >> 33;
  };
  std::string text;
  for (const auto& l : lines) {
    for (size_t n = 0; n <= l.size(); ++n) text += l.substr(0, n) + "\n";
    for (int k = 0; k < 200; ++k) {
      std::string c = l;
      c[next() % c.size()] ^= static_cast<char>(1u << (next() % 8));
      if (next() % 4 == 0) c[next() % c.size()] = static_cast<char>(next() % 256);
      for (char& ch : c) {
        if (ch == '\n') ch = ' ';
      }
      text += c + "\n";
    }
  }
  AisStats st;
  std::string json;
  JsonOptions o;
  AisStreamDecoder dec([&](const AisMessage& m) { AppendGpsdJson(m, o, &json); });
  dec.FeedText(text);
  dec.Finish();
  st = dec.stats();
  EXPECT_EQ(st.lines, st.sentences + st.skipped_lines + st.bad_checksum + st.malformed);
  EXPECT_GT(st.bad_checksum, 0u);
  EXPECT_GT(st.messages, 0u);
}

// Random payloads of every length through the decoder and the JSON writer.
TEST(RobustnessTest, RandomPayloadsOfAllTypes) {
  static const char kArmour[] = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw";
  uint64_t seed = 99;
  auto next = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed >> 33;
  };
  int decoded = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    std::string p;
    p.push_back(kArmour[iter % 64]);  // the first character sets the type
    size_t len = next() % 200;
    for (size_t i = 0; i < len; ++i) p.push_back(kArmour[next() % 64]);
    AisMessage m;
    if (DecodePayload(p, static_cast<int>(next() % 6), &m) == DecodeError::kOk) {
      ++decoded;
      std::string s;
      JsonOptions o;
      AppendGpsdJson(m, o, &s);
      ASSERT_FALSE(s.empty());
      ASSERT_EQ(s.back(), '}');
    }
  }
  EXPECT_GT(decoded, 1000);
}

}  // namespace
}  // namespace interdict::ais
