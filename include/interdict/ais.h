// AIS: NMEA 0183 sentence parsing, fragment reassembly and message decoding.
//
// Layers, each usable on its own:
//   ParseNmeaLine()   one text line -> NmeaSentence (tag block, leading timestamp, NAIS
//                     trailer, $PGHP header, checksum). Zero allocation: the sentence
//                     holds string_views into the line.
//   Reassembler       fragments -> complete payloads, keyed on (station, channel,
//                     sequence id) or on the tag-block group; out-of-order fragments,
//                     TTL, orphans and duplicates counted.
//   DecodePayload()   armoured payload -> AisMessage (all 27 types; field names and
//                     units follow gpsd's struct ais_t).
//   AppendGpsdJson()  AisMessage -> one line of JSON in gpsd 3.22 `gpsdecode -j` form.
//   AisStreamDecoder  all of the above over a stream of lines, with counters.
//
// Thread-safety: everything here is a value or owned by one thread; use one
// AisStreamDecoder per thread.
#ifndef INTERDICT_AIS_H_
#define INTERDICT_AIS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "interdict/status.h"

namespace interdict::ais {

// ---------------------------------------------------------------- NMEA layer

// Receive-side metadata that may come with a sentence. -1 / empty means absent.
struct RxMeta {
  int64_t time_ms = -1;       // receive time, unix milliseconds (tag c:, leading stamp,
                              // NAIS trailer, $PGHP)
  std::string_view station;   // tag s:, NAIS r..., or $PGHP base-station MMSI
  std::string_view tag_text;  // tag t: (free text)
  int64_t line_count = -1;    // tag n:
  int group_num = 0;          // tag g:<num>-<total>-<id>
  int group_total = 0;
  int group_id = -1;
};

enum class LineKind : uint8_t {
  kAis,          // a well-formed !xxVDM/!xxVDO sentence with a valid checksum
  kEmpty,        // blank line or comment
  kNotAis,       // some other NMEA or text line (skipped, counted)
  kPghp,         // a Gatehouse $PGHP header; its time/station apply to what follows
  kBadChecksum,  // sentence or tag-block checksum mismatch
  kMalformed,    // looked like AIS but fields are wrong
};

struct NmeaSentence {
  char talker[2] = {0, 0};
  bool own_ship = false;     // VDO rather than VDM
  int frag_count = 0;        // 1..9
  int frag_num = 0;          // 1..frag_count
  int seq_id = -1;           // -1 when empty
  char channel = 0;          // 'A', 'B', '1', '2' or 0 when empty
  std::string_view payload;  // armoured 6-bit characters
  int fill_bits = 0;         // 0..5
  RxMeta meta;
  // The line had a tag block whose checksum or shape was wrong; its fields were
  // ignored (the sentence has its own checksum and is still used).
  bool bad_tag_block = false;
};

// Parses one line (without or with its trailing "\r\n"). For kPghp, `out->meta` carries
// the header's time and station. Never throws, never allocates.
LineKind ParseNmeaLine(std::string_view line, NmeaSentence* out);

// XOR of the bytes in `s` (the NMEA checksum of the text between '!' and '*').
uint8_t NmeaChecksum(std::string_view s);

// -------------------------------------------------------------- the message

constexpr int kMaxPayloadBytes = 256;  // 5 fragments of 82-char sentences fit

// Per-type fields. Raw integer units as transmitted (lat/lon in 1/10000 minute for the
// 28/27-bit fields, speed in 0.1 kn, course in 0.1 degree...), as in gpsd's ais_t.
struct Type1 {  // 1, 2, 3: position report class A
  uint8_t status, maneuver;
  int8_t turn;  // -128 = not available
  bool accuracy, raim;
  uint16_t speed, course, heading;
  uint8_t second;
  int32_t lon, lat;
  uint32_t radio;
};
struct Type4 {  // 4, 11: base station report / UTC response
  uint16_t year;
  uint8_t month, day, hour, minute, second, epfd;
  bool accuracy, raim;
  int32_t lon, lat;
  uint32_t radio;
};
struct Type5 {  // 5: static and voyage related data
  uint8_t ais_version, shiptype, to_port, to_starboard, epfd, month, day, hour, minute, draught,
      dte;
  uint16_t to_bow, to_stern;
  uint32_t imo;
  char callsign[8], shipname[21], destination[21];
};
struct Type9 {  // 9: SAR aircraft
  uint16_t alt, speed, course;
  bool accuracy, raim, assigned;
  int32_t lon, lat;
  uint8_t second, regional, dte;
  uint32_t radio;
};
struct Type18 {  // 18 and 19: class B position (19 adds static data)
  uint8_t reserved, regional, second;
  uint16_t speed, course, heading;
  bool accuracy, cs, display, dsc, band, msg22, assigned, raim, dte;
  int32_t lon, lat;
  uint32_t radio;
  // 19 only
  char shipname[21];
  uint8_t shiptype, to_port, to_starboard, epfd;
  uint16_t to_bow, to_stern;
};
struct Type21 {  // 21: aid to navigation
  uint8_t aid_type, to_port, to_starboard, epfd, second, regional;
  uint16_t to_bow, to_stern;
  bool accuracy, off_position, raim, virtual_aid, assigned;
  int32_t lon, lat;
  char name[36];
};
struct Type24 {  // 24: class B static data, part A (0) or B (1)
  uint8_t partno;
  char shipname[21];        // part A
  uint8_t shiptype, model;  // part B...
  uint32_t serial, mothership_mmsi;
  char vendorid[8], callsign[8];
  uint16_t to_bow, to_stern;
  uint8_t to_port, to_starboard;
};
struct Type27 {  // 27: long-range broadcast
  bool accuracy, raim, gnss;
  uint8_t status, speed;
  uint16_t course;
  int32_t lon, lat;  // 1/10 minute
};

// A decoded message. Fields not listed in the typed views (types 6-8, 10, 12-17, 20,
// 22, 23, 25, 26, and the binary application payloads) are decoded straight from
// `bits` by the JSON writer, as gpsd does.
struct AisMessage {
  uint8_t type = 0;
  uint8_t repeat = 0;
  uint32_t mmsi = 0;
  uint16_t bitlen = 0;
  union {
    Type1 t1;
    Type4 t4;
    Type5 t5;
    Type9 t9;
    Type18 t18;
    Type21 t21;
    Type24 t24;
    Type27 t27;
  };
  // Whether this type-24 record is the gpsd-style merge of a part A with its part B.
  bool t24_merged = false;
  // Receive metadata of the last fragment (or of the group, for tag-block groups).
  int64_t rx_time_ms = -1;
  char station[24] = {0};
  char channel = 0;
  bool own_ship = false;
  uint8_t bits[kMaxPayloadBytes] = {0};  // payload, MSB first, pad bits included

  AisMessage() : t1{} {}

  // Convenience accessors for tracks. Return false when the message carries no
  // (available) position.
  bool Position(double* lat_deg, double* lon_deg) const;
};

enum class DecodeError : uint8_t {
  kOk = 0,
  kBadArmour,    // character outside the 6-bit armour alphabet
  kTooLong,      // more payload than kMaxPayloadBytes
  kBadLength,    // length impossible for the message type (gpsd's length checks)
  kUnknownType,  // type 0 or 28..63
};

// Decodes an armoured payload (concatenated fragments) with `fill_bits` trailing pad
// bits. Lenient where the real world is: type 24 parts of 160-168 bits, type 5 of 420+.
DecodeError DecodePayload(std::string_view armoured, int fill_bits, AisMessage* out);
// Same from already-unpacked bits (used by the reassembler).
DecodeError DecodeBits(AisMessage* msg);
const char* DecodeErrorName(DecodeError e);

// ------------------------------------------------------------------ JSON

struct JsonOptions {
  // gpsd's "device" value ("stdin" for gpsdecode reading standard input).
  std::string_view device = "stdin";
  // Append our receive metadata (rx_time, station) after gpsd's fields.
  bool rx_fields = true;
  // Print only what gpsdecode 3.22 prints: no lone type-24 parts (gpsd only prints a
  // part B merged with the part A it saw before), no part B shorter than 168 bits.
  bool gpsd_compat = false;
};

// Appends one JSON object (no trailing newline) in the exact form of gpsd 3.22's
// json_aivdm_dump(scaled=true). Returns false for messages gpsd would not print.
bool AppendGpsdJson(const AisMessage& msg, const JsonOptions& opts, std::string* out);

// ------------------------------------------------------------- reassembly

struct ReassemblyOptions {
  int64_t ttl_lines = 1000;   // a partial message older than this many lines is dropped
  int64_t ttl_ms = 60'000;    // ... or, where receive times are known, this much time
  size_t max_pending = 4096;  // bound on partial messages held
};

struct AisStats {
  uint64_t lines = 0;
  uint64_t sentences = 0;      // AIS sentences accepted
  uint64_t fragments = 0;      // of which parts of multi-sentence messages
  uint64_t messages = 0;       // decoded messages handed out
  uint64_t skipped_lines = 0;  // empty, comments, other NMEA, $PGHP
  uint64_t bad_checksum = 0;
  uint64_t bad_tag_blocks = 0;  // tag blocks ignored (bad checksum), sentence kept
  uint64_t malformed = 0;
  uint64_t decode_errors = 0;  // complete payloads that did not decode
  uint64_t orphans = 0;        // fragments dropped unmatched (TTL, overflow, end)
  uint64_t duplicates = 0;     // a fragment number seen twice for one message
  std::string ToString() const;
};

// Line-oriented decoder: feed lines, receive messages in the order in which each
// message's last fragment arrived.
class AisStreamDecoder {
 public:
  using Sink = std::function<void(const AisMessage&)>;
  explicit AisStreamDecoder(Sink sink, ReassemblyOptions opts = {});
  ~AisStreamDecoder();
  AisStreamDecoder(const AisStreamDecoder&) = delete;
  AisStreamDecoder& operator=(const AisStreamDecoder&) = delete;

  void FeedLine(std::string_view line);
  // Splits `text` on '\n' and feeds each line.
  void FeedText(std::string_view text);
  // End of input: what is still partial becomes orphans.
  void Finish();
  const AisStats& stats() const { return stats_; }

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  AisStats stats_;
};

// Decodes every line of `path` ("-" = stdin), calling `sink` per message.
Status DecodeFile(const std::string& path, const AisStreamDecoder::Sink& sink, AisStats* stats);

}  // namespace interdict::ais

#endif  // INTERDICT_AIS_H_
