// Payload de-armouring and binary decoding of AIS messages (ITU-R M.1371-5). Offsets and
// length checks follow gpsd 3.22's driver_ais.c so that our output can be diffed
// field for field against gpsdecode; where gpsd is stricter than the real world (type 24
// parts of 160/162 bits) we are lenient and the JSON writer reproduces gpsd's choice.
#include <cmath>
#include <cstring>

#include "ais/bits.h"
#include "ais/internal.h"
#include "interdict/ais.h"

namespace interdict::ais {
namespace internal {

namespace {
constexpr char kSixbitChars[] =
    "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";
}  // namespace

void TrimRight(char* s) {
  size_t n = std::strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '@')) s[--n] = '\0';
}

void SixbitText(const uint8_t* bits, unsigned start, unsigned count, char* to, bool trim) {
  unsigned i = 0;
  for (; i < count; ++i) {
    char c = kSixbitChars[UBits(bits, start + 6 * i, 6)];
    if (c == '@') break;  // gpsd stops at the first '@' (the AIS string terminator)
    to[i] = c;
  }
  to[i] = '\0';
  if (trim) TrimRight(to);
}

}  // namespace internal

using internal::SBits;
using internal::SixbitText;
using internal::UBits;

namespace {

// Maps an armour character to its 6-bit value, or 0xFF when it is not one.
struct ArmourTable {
  uint8_t v[256];
  constexpr ArmourTable() : v() {
    for (int c = 0; c < 256; ++c) {
      if (c >= '0' && c <= 'W') {
        v[c] = static_cast<uint8_t>(c - 48);
      } else if (c >= '`' && c <= 'w') {
        v[c] = static_cast<uint8_t>(c - 56);
      } else {
        v[c] = 0xFF;
      }
    }
  }
};
constexpr ArmourTable kArmour;

}  // namespace

// Appends armoured characters to a bit buffer. Keeps gpsd's habit of leaving the fill
// bits in the buffer (they show in hex dumps of binary payloads).
bool internal::AppendArmour(std::string_view armoured, uint8_t* bits, unsigned* bitpos) {
  unsigned pos = *bitpos;
  const size_t n = armoured.size();
  if (pos + 6 * n > static_cast<unsigned>(kMaxPayloadBytes) * 8) return false;
  size_t i = 0;
  // Four characters make three bytes; do those while byte-aligned.
  if ((pos & 7) == 0) {
    for (; i + 4 <= n; i += 4) {
      uint8_t a = kArmour.v[static_cast<uint8_t>(armoured[i])];
      uint8_t b = kArmour.v[static_cast<uint8_t>(armoured[i + 1])];
      uint8_t c = kArmour.v[static_cast<uint8_t>(armoured[i + 2])];
      uint8_t d = kArmour.v[static_cast<uint8_t>(armoured[i + 3])];
      if ((a | b | c | d) & 0xC0) return false;
      uint32_t w = (uint32_t{a} << 18) | (uint32_t{b} << 12) | (uint32_t{c} << 6) | d;
      uint8_t* p = bits + (pos >> 3);
      p[0] = static_cast<uint8_t>(w >> 16);
      p[1] = static_cast<uint8_t>(w >> 8);
      p[2] = static_cast<uint8_t>(w);
      pos += 24;
    }
  }
  for (; i < n; ++i) {
    uint8_t v = kArmour.v[static_cast<uint8_t>(armoured[i])];
    if (v & 0xC0) return false;
    // Write 6 bits at `pos` (buffer bytes beyond pos are zero when we get here).
    unsigned byte = pos >> 3, off = pos & 7;
    uint16_t w = static_cast<uint16_t>(v) << (10 - off);
    bits[byte] = static_cast<uint8_t>((bits[byte] & ~(0xFF >> off)) | (w >> 8));
    if (off > 2) bits[byte + 1] = static_cast<uint8_t>(w);
    pos += 6;
  }
  *bitpos = pos;
  return true;
}

const char* DecodeErrorName(DecodeError e) {
  switch (e) {
    case DecodeError::kOk:
      return "ok";
    case DecodeError::kBadArmour:
      return "bad armour character";
    case DecodeError::kTooLong:
      return "payload too long";
    case DecodeError::kBadLength:
      return "bad length for message type";
    case DecodeError::kUnknownType:
      return "unknown message type";
  }
  return "?";
}

DecodeError DecodePayload(std::string_view armoured, int fill_bits, AisMessage* out) {
  std::memset(out->bits, 0, sizeof(out->bits));
  unsigned pos = 0;
  if (armoured.size() * 6 > static_cast<size_t>(kMaxPayloadBytes) * 8 - 8) {
    return DecodeError::kTooLong;
  }
  if (!internal::AppendArmour(armoured, out->bits, &pos)) return DecodeError::kBadArmour;
  int fill = (fill_bits >= 0 && fill_bits <= 5) ? fill_bits : 0;
  out->bitlen = static_cast<uint16_t>(pos >= static_cast<unsigned>(fill) ? pos - fill : 0);
  return DecodeBits(out);
}

DecodeError DecodeBits(AisMessage* m) {
  const uint8_t* b = m->bits;
  const unsigned len = m->bitlen;
  if (len < 38) return DecodeError::kBadLength;
  m->type = static_cast<uint8_t>(UBits(b, 0, 6));
  m->repeat = static_cast<uint8_t>(UBits(b, 6, 2));
  m->mmsi = static_cast<uint32_t>(UBits(b, 8, 30));
  m->t24_merged = false;
  auto range = [len](unsigned lo, unsigned hi) { return len >= lo && len <= hi; };
  switch (m->type) {
    case 1:
    case 2:
    case 3: {
      if (len < 163) return DecodeError::kBadLength;
      Type1& t = m->t1;
      t.status = static_cast<uint8_t>(UBits(b, 38, 4));
      t.turn = static_cast<int8_t>(SBits(b, 42, 8));
      t.speed = static_cast<uint16_t>(UBits(b, 50, 10));
      t.accuracy = UBits(b, 60, 1) != 0;
      t.lon = static_cast<int32_t>(SBits(b, 61, 28));
      t.lat = static_cast<int32_t>(SBits(b, 89, 27));
      t.course = static_cast<uint16_t>(UBits(b, 116, 12));
      t.heading = static_cast<uint16_t>(UBits(b, 128, 9));
      t.second = static_cast<uint8_t>(UBits(b, 137, 6));
      t.maneuver = static_cast<uint8_t>(UBits(b, 143, 2));
      t.raim = UBits(b, 148, 1) != 0;
      t.radio = static_cast<uint32_t>(len >= 168 ? UBits(b, 149, 19) : UBits(b, 149, len - 149));
      return DecodeError::kOk;
    }
    case 4:
    case 11: {
      if (len < 168) return DecodeError::kBadLength;
      Type4& t = m->t4;
      t.year = static_cast<uint16_t>(UBits(b, 38, 14));
      t.month = static_cast<uint8_t>(UBits(b, 52, 4));
      t.day = static_cast<uint8_t>(UBits(b, 56, 5));
      t.hour = static_cast<uint8_t>(UBits(b, 61, 5));
      t.minute = static_cast<uint8_t>(UBits(b, 66, 6));
      t.second = static_cast<uint8_t>(UBits(b, 72, 6));
      t.accuracy = UBits(b, 78, 1) != 0;
      t.lon = static_cast<int32_t>(SBits(b, 79, 28));
      t.lat = static_cast<int32_t>(SBits(b, 107, 27));
      t.epfd = static_cast<uint8_t>(UBits(b, 134, 4));
      t.raim = UBits(b, 148, 1) != 0;
      t.radio = static_cast<uint32_t>(UBits(b, 149, 19));
      return DecodeError::kOk;
    }
    case 5: {
      // Many transmitters send 420 or 422 bits; gpsd accepts >= 420 and so do we.
      if (len < 420) return DecodeError::kBadLength;
      Type5& t = m->t5;
      t.ais_version = static_cast<uint8_t>(UBits(b, 38, 2));
      t.imo = static_cast<uint32_t>(UBits(b, 40, 30));
      SixbitText(b, 70, 7, t.callsign);
      SixbitText(b, 112, 20, t.shipname);
      t.shiptype = static_cast<uint8_t>(UBits(b, 232, 8));
      t.to_bow = static_cast<uint16_t>(UBits(b, 240, 9));
      t.to_stern = static_cast<uint16_t>(UBits(b, 249, 9));
      t.to_port = static_cast<uint8_t>(UBits(b, 258, 6));
      t.to_starboard = static_cast<uint8_t>(UBits(b, 264, 6));
      t.epfd = static_cast<uint8_t>(UBits(b, 270, 4));
      t.month = static_cast<uint8_t>(UBits(b, 274, 4));
      t.day = static_cast<uint8_t>(UBits(b, 278, 5));
      t.hour = static_cast<uint8_t>(UBits(b, 283, 5));
      t.minute = static_cast<uint8_t>(UBits(b, 288, 6));
      t.draught = static_cast<uint8_t>(UBits(b, 294, 8));
      SixbitText(b, 302, 20, t.destination);
      t.dte = static_cast<uint8_t>(len >= 423 ? UBits(b, 422, 1) : 0);
      return DecodeError::kOk;
    }
    case 6:
      return range(88, 1008) ? DecodeError::kOk : DecodeError::kBadLength;
    case 7:
    case 13:
      return range(72, 168) ? DecodeError::kOk : DecodeError::kBadLength;
    case 8:
      return range(56, 1008) ? DecodeError::kOk : DecodeError::kBadLength;
    case 9: {
      if (len < 168) return DecodeError::kBadLength;
      Type9& t = m->t9;
      t.alt = static_cast<uint16_t>(UBits(b, 38, 12));
      t.speed = static_cast<uint16_t>(UBits(b, 50, 10));
      t.accuracy = UBits(b, 60, 1) != 0;
      t.lon = static_cast<int32_t>(SBits(b, 61, 28));
      t.lat = static_cast<int32_t>(SBits(b, 89, 27));
      t.course = static_cast<uint16_t>(UBits(b, 116, 12));
      t.second = static_cast<uint8_t>(UBits(b, 128, 6));
      t.regional = static_cast<uint8_t>(UBits(b, 134, 8));
      t.dte = static_cast<uint8_t>(UBits(b, 142, 1));
      t.assigned = UBits(b, 146, 1) != 0;
      t.raim = UBits(b, 147, 1) != 0;
      t.radio = static_cast<uint32_t>(UBits(b, 148, 20));
      return DecodeError::kOk;
    }
    case 10:
      return len >= 72 ? DecodeError::kOk : DecodeError::kBadLength;
    case 12:
      return range(72, 1008) ? DecodeError::kOk : DecodeError::kBadLength;
    case 14:
      return range(40, 1008) ? DecodeError::kOk : DecodeError::kBadLength;
    case 15:
      return range(88, 168) ? DecodeError::kOk : DecodeError::kBadLength;
    case 16:
      return range(96, 168) ? DecodeError::kOk : DecodeError::kBadLength;
    case 17:
      return range(80, 816) ? DecodeError::kOk : DecodeError::kBadLength;
    case 18:
    case 19: {
      if (len < (m->type == 18 ? 168u : 312u)) return DecodeError::kBadLength;
      Type18& t = m->t18;
      t.reserved = static_cast<uint8_t>(UBits(b, 38, 8));
      t.speed = static_cast<uint16_t>(UBits(b, 46, 10));
      t.accuracy = UBits(b, 56, 1) != 0;
      t.lon = static_cast<int32_t>(SBits(b, 57, 28));
      t.lat = static_cast<int32_t>(SBits(b, 85, 27));
      t.course = static_cast<uint16_t>(UBits(b, 112, 12));
      t.heading = static_cast<uint16_t>(UBits(b, 124, 9));
      t.second = static_cast<uint8_t>(UBits(b, 133, 6));
      if (m->type == 18) {
        t.regional = static_cast<uint8_t>(UBits(b, 139, 2));
        t.cs = UBits(b, 141, 1) != 0;
        t.display = UBits(b, 142, 1) != 0;
        t.dsc = UBits(b, 143, 1) != 0;
        t.band = UBits(b, 144, 1) != 0;
        t.msg22 = UBits(b, 145, 1) != 0;
        t.assigned = UBits(b, 146, 1) != 0;
        t.raim = UBits(b, 147, 1) != 0;
        t.radio = static_cast<uint32_t>(UBits(b, 148, 20));
        t.shipname[0] = '\0';
      } else {
        t.regional = static_cast<uint8_t>(UBits(b, 139, 4));
        SixbitText(b, 143, 20, t.shipname);
        t.shiptype = static_cast<uint8_t>(UBits(b, 263, 8));
        t.to_bow = static_cast<uint16_t>(UBits(b, 271, 9));
        t.to_stern = static_cast<uint16_t>(UBits(b, 280, 9));
        t.to_port = static_cast<uint8_t>(UBits(b, 289, 6));
        t.to_starboard = static_cast<uint8_t>(UBits(b, 295, 6));
        t.epfd = static_cast<uint8_t>(UBits(b, 301, 4));
        t.raim = UBits(b, 305, 1) != 0;
        t.dte = UBits(b, 306, 1) != 0;
        t.assigned = UBits(b, 307, 1) != 0;
      }
      return DecodeError::kOk;
    }
    case 20:
      return range(72, 186) ? DecodeError::kOk : DecodeError::kBadLength;
    case 21: {
      if (!range(272, 368)) return DecodeError::kBadLength;
      Type21& t = m->t21;
      t.aid_type = static_cast<uint8_t>(UBits(b, 38, 5));
      SixbitText(b, 43, 20, t.name, /*trim=*/false);
      t.accuracy = UBits(b, 163, 1) != 0;
      t.lon = static_cast<int32_t>(SBits(b, 164, 28));
      t.lat = static_cast<int32_t>(SBits(b, 192, 27));
      t.to_bow = static_cast<uint16_t>(UBits(b, 219, 9));
      t.to_stern = static_cast<uint16_t>(UBits(b, 228, 9));
      t.to_port = static_cast<uint8_t>(UBits(b, 237, 6));
      t.to_starboard = static_cast<uint8_t>(UBits(b, 243, 6));
      t.epfd = static_cast<uint8_t>(UBits(b, 249, 4));
      t.second = static_cast<uint8_t>(UBits(b, 253, 6));
      t.off_position = UBits(b, 259, 1) != 0;
      t.regional = static_cast<uint8_t>(UBits(b, 260, 8));
      t.raim = UBits(b, 268, 1) != 0;
      t.virtual_aid = UBits(b, 269, 1) != 0;
      t.assigned = UBits(b, 270, 1) != 0;
      // The name extension (up to 14 more characters) follows the spare bit.
      if (std::strlen(t.name) == 20 && len > 272) {
        unsigned extra = (len - 272) / 6;
        if (extra > 14) extra = 14;
        SixbitText(b, 272, extra, t.name + 20, /*trim=*/false);
      }
      internal::TrimRight(t.name);
      return DecodeError::kOk;
    }
    case 22:
      return len >= 168 ? DecodeError::kOk : DecodeError::kBadLength;
    case 23:
      return len >= 160 ? DecodeError::kOk : DecodeError::kBadLength;
    case 24: {
      Type24& t = m->t24;
      t.partno = static_cast<uint8_t>(UBits(b, 38, 2));
      if (t.partno == 0) {
        if (!range(160, 168)) return DecodeError::kBadLength;
        SixbitText(b, 40, 20, t.shipname);
        return DecodeError::kOk;
      }
      if (t.partno != 1) return DecodeError::kBadLength;
      // Real class B units send 160, 162 or 168 bits; the fields end at bit 162 and a
      // 160-bit part only loses the low bits of to_starboard, which we accept.
      if (len < 160) return DecodeError::kBadLength;
      t.shipname[0] = '\0';
      t.shiptype = static_cast<uint8_t>(UBits(b, 40, 8));
      SixbitText(b, 48, 7, t.vendorid);
      t.model = static_cast<uint8_t>(UBits(b, 66, 4));
      t.serial = static_cast<uint32_t>(UBits(b, 70, 20));
      SixbitText(b, 90, 7, t.callsign);
      t.mothership_mmsi = static_cast<uint32_t>(UBits(b, 132, 30));
      t.to_bow = static_cast<uint16_t>(UBits(b, 132, 9));
      t.to_stern = static_cast<uint16_t>(UBits(b, 141, 9));
      t.to_port = static_cast<uint8_t>(UBits(b, 150, 6));
      t.to_starboard = static_cast<uint8_t>(UBits(b, 156, 6));
      return DecodeError::kOk;
    }
    case 25: {
      if (!range(40, 168)) return DecodeError::kBadLength;
      unsigned need = 40 + 16 * UBits(b, 39, 1) + 30 * UBits(b, 38, 1);
      return len >= need ? DecodeError::kOk : DecodeError::kBadLength;
    }
    case 26: {
      if (!range(60, 1004)) return DecodeError::kBadLength;
      unsigned need = 40 + 16 * UBits(b, 39, 1) + 30 * UBits(b, 38, 1) + 20;
      return len >= need ? DecodeError::kOk : DecodeError::kBadLength;
    }
    case 27: {
      if (len != 96 && len != 168) return DecodeError::kBadLength;
      Type27& t = m->t27;
      t.accuracy = UBits(b, 38, 1) != 0;
      t.raim = UBits(b, 39, 1) != 0;
      t.status = static_cast<uint8_t>(UBits(b, 40, 4));
      t.lon = static_cast<int32_t>(SBits(b, 44, 18));
      t.lat = static_cast<int32_t>(SBits(b, 62, 17));
      t.speed = static_cast<uint8_t>(UBits(b, 79, 6));
      t.course = static_cast<uint16_t>(UBits(b, 85, 9));
      t.gnss = UBits(b, 94, 1) != 0;
      return DecodeError::kOk;
    }
    default:
      return DecodeError::kUnknownType;
  }
}

bool AisMessage::Position(double* lat_deg, double* lon_deg) const {
  int32_t lat = 0, lon = 0;
  double div = 600000.0;
  switch (type) {
    case 1:
    case 2:
    case 3:
      lat = t1.lat;
      lon = t1.lon;
      break;
    case 4:
    case 11:
      lat = t4.lat;
      lon = t4.lon;
      break;
    case 9:
      lat = t9.lat;
      lon = t9.lon;
      break;
    case 18:
    case 19:
      lat = t18.lat;
      lon = t18.lon;
      break;
    case 21:
      lat = t21.lat;
      lon = t21.lon;
      break;
    case 27:
      lat = t27.lat;
      lon = t27.lon;
      div = 600.0;
      break;
    default:
      return false;
  }
  double la = lat / div, lo = lon / div;
  // 91 and 181 degrees mean "not available".
  if (la > 90.0 || la < -90.0 || lo > 180.0 || lo < -180.0) return false;
  *lat_deg = la;
  *lon_deg = lo;
  return true;
}

}  // namespace interdict::ais
