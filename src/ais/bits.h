// Bit-field extraction from an AIS payload (MSB-first bytes). Reads past the end of the
// buffer return zero bits, so decoders may look at fields a short message lacks.
#ifndef INTERDICT_AIS_BITS_H_
#define INTERDICT_AIS_BITS_H_

#include <cstddef>
#include <cstdint>

#include "interdict/ais.h"

namespace interdict::ais::internal {

// Unsigned field of `width` (1..57) bits starting at bit `start`.
inline uint64_t UBits(const uint8_t* bits, unsigned start, unsigned width) {
  const unsigned byte = start >> 3;
  uint64_t v = 0;
  if (byte + 8 <= static_cast<unsigned>(kMaxPayloadBytes)) {
    // One unaligned big-endian 8-byte load covers any field of <= 57 bits.
    v = (uint64_t{bits[byte]} << 56) | (uint64_t{bits[byte + 1]} << 48) |
        (uint64_t{bits[byte + 2]} << 40) | (uint64_t{bits[byte + 3]} << 32) |
        (uint64_t{bits[byte + 4]} << 24) | (uint64_t{bits[byte + 5]} << 16) |
        (uint64_t{bits[byte + 6]} << 8) | uint64_t{bits[byte + 7]};
  } else {
    for (unsigned i = 0; i < 8; ++i) {
      v <<= 8;
      if (byte + i < static_cast<unsigned>(kMaxPayloadBytes)) v |= bits[byte + i];
    }
  }
  return (v << (start & 7)) >> (64 - width);
}

inline int64_t SBits(const uint8_t* bits, unsigned start, unsigned width) {
  uint64_t u = UBits(bits, start, width);
  const uint64_t sign = uint64_t{1} << (width - 1);
  return static_cast<int64_t>((u ^ sign) - sign);
}

// gpsd's six-bit text: stops at the first '@', then trims trailing blanks and '@'.
// `count` characters at most; `to` gets a NUL terminator (capacity count + 1).
void SixbitText(const uint8_t* bits, unsigned start, unsigned count, char* to, bool trim = true);
void TrimRight(char* s);

}  // namespace interdict::ais::internal

#endif  // INTERDICT_AIS_BITS_H_
