// AIS payload encoding and decoding (ITU-R M.1371-5) and NMEA 0183 / 4.10 framing.
//
// The simulator writes `!AIVDM` sentences with these helpers; the decoder half exists so
// tests can check that what was written reads back to the intended values. It covers only
// the message types the simulator writes (1/2/3, 5, 18, 24); the engine's own AIS decoder
// lives in ingest/.
// Thread-safety: free functions and value types.
#ifndef INTERDICT_SIMULATE_AIS_CODEC_H_
#define INTERDICT_SIMULATE_AIS_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interdict::sim {

// Appends big-endian bit fields and armours them into 6-bit ASCII.
class BitWriter {
 public:
  void Put(uint64_t value, int bits);
  void PutSigned(int64_t value, int bits) { Put(static_cast<uint64_t>(value), bits); }
  // AIS 6-bit text, padded with '@' to `chars` characters (lower case is upper-cased,
  // characters outside the 6-bit set become blanks).
  void PutText(std::string_view text, int chars);
  size_t bits() const { return bits_.size(); }
  // The armoured payload; *fill receives the number of fill bits (0..5).
  std::string Armor(int* fill) const;

 private:
  std::vector<uint8_t> bits_;
};

// Reads fields back from an armoured payload. Out-of-range reads return 0.
class BitReader {
 public:
  BitReader(std::string_view payload, int fill);
  bool ok() const { return ok_; }
  size_t bits() const { return bits_.size(); }
  uint64_t Get(size_t start, int len) const;
  int64_t GetSigned(size_t start, int len) const;
  std::string GetText(size_t start, int chars) const;  // trailing '@' and blanks removed

 private:
  std::vector<uint8_t> bits_;
  bool ok_ = true;
};

// XOR of the bytes, as two upper-case hex digits.
std::string NmeaChecksum(std::string_view body);
// "!AIVDM,<total>,<num>,<seq>,<channel>,<payload>,<fill>*hh"; seq < 0 leaves it empty.
std::string AivdmSentence(int total, int num, int seq, char channel, std::string_view payload,
                          int fill);
// NMEA 4.10 tag block "\c:<unix>,s:<station>[,g:<n>-<total>-<group>]*hh\".
std::string TagBlock(int64_t unix_seconds, std::string_view station, int group_num = 0,
                     int group_total = 0, int group_id = 0);

struct PositionReport {
  int msg_type = 1;  // 1, 2, 3 (class A) or 18 (class B)
  uint32_t mmsi = 0;
  int nav_status = 0;  // 0 under way using engine, 1 at anchor, 5 moored, 15 undefined
  double sog_knots = 0;
  double cog_deg = 0;
  int heading = 511;  // 511 = not available
  double lat = 0, lon = 0;
  int second = 60;  // UTC second of the report, 60 = not available
};

struct StaticReport {
  uint32_t mmsi = 0;
  uint32_t imo = 0;
  std::string callsign, name, destination;
  int ship_type = 0;  // 70 cargo, 80 tanker, ...
  int to_bow = 0, to_stern = 0, to_port = 0, to_starboard = 0;
  int eta_month = 0, eta_day = 0, eta_hour = 24, eta_minute = 60;
  double draught_m = 0;
};

// Armoured payloads; *fill receives the fill bits.
std::string EncodePosition(const PositionReport& r, int* fill);
std::string EncodeStatic5(const StaticReport& r, int* fill);     // 424 bits, 71 chars
std::string EncodeStatic24A(const StaticReport& r, int* fill);   // 160 bits
std::string EncodeStatic24B(const StaticReport& r, int* fill);   // 168 bits

// Decoding for tests: returns false if the payload is not the expected type/length.
bool DecodePosition(std::string_view payload, int fill, PositionReport* out);
bool DecodeStatic5(std::string_view payload, int fill, StaticReport* out);
bool DecodeStatic24(std::string_view payload, int fill, StaticReport* out, int* part);

// Splits a sentence (optionally tag-block prefixed) and checks both checksums.
struct ParsedSentence {
  std::string tag_block;  // without the backslashes, "" if none
  int total = 0, num = 0;
  std::string seq;
  char channel = 0;
  std::string payload;
  int fill = 0;
  bool checksum_ok = false;
  bool tag_checksum_ok = true;  // true when there is no tag block
};
bool ParseSentence(std::string_view line, ParsedSentence* out);

}  // namespace interdict::sim

#endif  // INTERDICT_SIMULATE_AIS_CODEC_H_
