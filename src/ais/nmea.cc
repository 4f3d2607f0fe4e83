// NMEA 0183 line parsing for AIS: optional NMEA 4.10 tag block, optional leading
// receive timestamp, the !xxVDM/!xxVDO sentence itself, and an optional USCG NAIS
// trailer; Gatehouse $PGHP headers are recognised so their time can be applied to the
// sentence that follows. Hand-written scanning, no allocation: this runs per line.
#include <cstring>

#include "ais/internal.h"
#include "interdict/ais.h"

namespace interdict::ais {

namespace {

inline int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses a non-negative decimal integer filling all of `s`; false if not one.
bool ParseUint(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// Seconds or milliseconds since the epoch, with optional fraction ("1635731889",
// "1635731889.123", "1635731889123"). Returns milliseconds, or -1.
int64_t ParseUnixTime(std::string_view s) {
  size_t dot = s.find('.');
  int64_t whole = 0;
  if (!ParseUint(s.substr(0, dot), &whole)) return -1;
  int64_t ms = 0;
  if (dot != std::string_view::npos) {
    std::string_view frac = s.substr(dot + 1);
    int64_t scale = 100;
    for (char c : frac) {
      if (!IsDigit(c)) return -1;
      ms += (c - '0') * scale;
      scale /= 10;
    }
  }
  // Plausible range: 1990 .. 2100 in seconds; larger values are milliseconds.
  if (whole >= 631152000LL && whole < 4102444800LL) return whole * 1000 + ms;
  if (whole >= 631152000000LL && whole < 4102444800000LL) return whole;
  return -1;
}

}  // namespace

int64_t internal::DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int64_t internal::ParseIsoMillis(std::string_view s) {
  // YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|+00:00]
  auto num = [&](size_t pos, size_t n, int* out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = 0; i < n; ++i) {
      char c = s[pos + i];
      if (!IsDigit(c)) return false;
      v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
  };
  int y, mo, d, h, mi, sec = 0;
  if (!num(0, 4, &y) || s.size() < 16 || s[4] != '-' || !num(5, 2, &mo) || s[7] != '-' ||
      !num(8, 2, &d) || (s[10] != 'T' && s[10] != ' ') || !num(11, 2, &h) || s[13] != ':' ||
      !num(14, 2, &mi)) {
    return -1;
  }
  size_t pos = 16;
  int64_t ms = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!num(pos + 1, 2, &sec)) return -1;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int64_t scale = 100;
      while (pos < s.size() && IsDigit(s[pos])) {
        ms += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
    }
  }
  std::string_view rest = s.substr(pos);
  if (!(rest.empty() || rest == "Z" || rest == "+00:00" || rest == "+0000")) return -1;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return -1;
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60000 + sec * 1000LL + ms;
}

uint8_t NmeaChecksum(std::string_view s) {
  uint8_t x = 0;
  for (char c : s) x ^= static_cast<uint8_t>(c);
  return x;
}

namespace {

// Parses the tag block body "c:..,s:..*hh" (without the backslashes).
LineKind ParseTagBlock(std::string_view tb, RxMeta* meta) {
  size_t star = tb.rfind('*');
  std::string_view body = tb;
  if (star != std::string_view::npos) {
    if (star + 3 != tb.size()) return LineKind::kMalformed;
    int hi = HexVal(tb[star + 1]), lo = HexVal(tb[star + 2]);
    if (hi < 0 || lo < 0) return LineKind::kMalformed;
    body = tb.substr(0, star);
    if (NmeaChecksum(body) != static_cast<uint8_t>(hi * 16 + lo)) {
      return LineKind::kBadChecksum;
    }
  }
  while (!body.empty()) {
    size_t comma = body.find(',');
    std::string_view f = body.substr(0, comma);
    body = comma == std::string_view::npos ? std::string_view() : body.substr(comma + 1);
    if (f.size() < 2 || f[1] != ':') continue;  // unknown shapes are ignored, not fatal
    std::string_view v = f.substr(2);
    switch (f[0]) {
      case 'c':
        meta->time_ms = ParseUnixTime(v);
        break;
      case 's':
        meta->station = v;
        break;
      case 't':
        meta->tag_text = v;
        break;
      case 'n': {
        int64_t n;
        if (ParseUint(v, &n)) meta->line_count = n;
        break;
      }
      case 'g':
      case 'G': {
        // <sentence>-<total>-<group id>
        size_t d1 = v.find('-');
        size_t d2 = d1 == std::string_view::npos ? d1 : v.find('-', d1 + 1);
        int64_t a, b, c;
        if (d2 != std::string_view::npos && ParseUint(v.substr(0, d1), &a) &&
            ParseUint(v.substr(d1 + 1, d2 - d1 - 1), &b) && ParseUint(v.substr(d2 + 1), &c) &&
            a >= 1 && b >= 1 && a <= b && b <= 9 && c <= 0x7FFFFFFF) {
          meta->group_num = static_cast<int>(a);
          meta->group_total = static_cast<int>(b);
          meta->group_id = static_cast<int>(c);
        }
        break;
      }
      default:
        break;
    }
  }
  return LineKind::kAis;
}

// $PGHP,1,yyyy,m,d,h,mi,s,ms,country,region,pss_mmsi,online,cs*hh
LineKind ParsePghp(std::string_view line, RxMeta* meta) {
  size_t star = line.rfind('*');
  if (star == std::string_view::npos || star + 3 > line.size()) return LineKind::kMalformed;
  int hi = HexVal(line[star + 1]), lo = HexVal(line[star + 2]);
  if (hi < 0 || lo < 0) return LineKind::kMalformed;
  if (NmeaChecksum(line.substr(1, star - 1)) != static_cast<uint8_t>(hi * 16 + lo)) {
    return LineKind::kBadChecksum;
  }
  std::string_view f[16];
  int n = 0;
  std::string_view body = line.substr(0, star);
  while (n < 16) {
    size_t comma = body.find(',');
    f[n++] = body.substr(0, comma);
    if (comma == std::string_view::npos) break;
    body = body.substr(comma + 1);
  }
  int64_t v[8];
  if (n < 12 || f[1] != "1") return LineKind::kPghp;  // other PGHP types: no time
  for (int i = 0; i < 7; ++i) {
    if (!ParseUint(f[2 + i], &v[i])) return LineKind::kPghp;
  }
  if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31) return LineKind::kPghp;
  int64_t days =
      internal::DaysFromCivil(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]));
  meta->time_ms = ((days * 24 + v[3]) * 60 + v[4]) * 60000 + v[5] * 1000 + v[6];
  meta->station = f[11];
  return LineKind::kPghp;
}

// Receiver trailer after "*hh" (USCG NAIS): ",d-109,S2105,t050056.00,T56.1,r003669946,
// 1325394060,1325394001". The first 10-digit number is the receive time.
void ParseTrailer(std::string_view t, RxMeta* meta) {
  while (!t.empty()) {
    size_t comma = t.find(',');
    std::string_view f = t.substr(0, comma);
    t = comma == std::string_view::npos ? std::string_view() : t.substr(comma + 1);
    if (f.empty()) continue;
    if (f[0] == 'r' && f.size() > 1 && meta->station.empty()) {
      meta->station = f;
    } else if (IsDigit(f[0]) && meta->time_ms < 0) {
      meta->time_ms = ParseUnixTime(f);
    }
  }
}

}  // namespace

LineKind ParseNmeaLine(std::string_view line, NmeaSentence* out) {
  *out = NmeaSentence();
  // Trim whitespace and line ends on both sides.
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ' ||
                           line.back() == '\t')) {
    line.remove_suffix(1);
  }
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  if (line.empty() || line[0] == '#') return LineKind::kEmpty;

  RxMeta& meta = out->meta;
  if (line[0] == '\\') {
    size_t end = line.find('\\', 1);
    if (end == std::string_view::npos) return LineKind::kMalformed;
    LineKind k = ParseTagBlock(line.substr(1, end - 1), &meta);
    if (k != LineKind::kAis) {
      // Keep the sentence (it has its own checksum) but trust nothing in the tag block.
      meta = RxMeta();
      out->bad_tag_block = true;
    }
    line.remove_prefix(end + 1);
  }
  if (line.empty()) return LineKind::kNotAis;
  if (line[0] == '$') {
    if (line.size() > 6 && line.substr(0, 6) == "$PGHP,") return ParsePghp(line, &meta);
    return LineKind::kNotAis;
  }
  if (line[0] != '!') {
    // A leading receive timestamp (unix seconds or ISO 8601) before the sentence.
    size_t bang = line.find('!');
    if (bang == std::string_view::npos) return LineKind::kNotAis;
    std::string_view prefix = line.substr(0, bang);
    while (!prefix.empty() &&
           (prefix.back() == ' ' || prefix.back() == ',' || prefix.back() == ';' ||
            prefix.back() == '\t' || prefix.back() == ':')) {
      prefix.remove_suffix(1);
    }
    int64_t t = ParseUnixTime(prefix);
    if (t < 0) t = internal::ParseIsoMillis(prefix);
    if (t >= 0 && meta.time_ms < 0) meta.time_ms = t;
    line.remove_prefix(bang);
  }
  // !ttVDM,  (talker may be anything two characters long: AI, AB, BS, SA, ...)
  if (line.size() < 7 || line[6] != ',' || line[3] != 'V' || line[4] != 'D' ||
      (line[5] != 'M' && line[5] != 'O')) {
    return LineKind::kNotAis;
  }
  out->talker[0] = line[1];
  out->talker[1] = line[2];
  out->own_ship = line[5] == 'O';
  size_t star = line.find('*', 7);
  if (star == std::string_view::npos || star + 3 > line.size()) return LineKind::kMalformed;
  int hi = HexVal(line[star + 1]), lo = HexVal(line[star + 2]);
  if (hi < 0 || lo < 0) return LineKind::kMalformed;
  if (NmeaChecksum(line.substr(1, star - 1)) != static_cast<uint8_t>(hi * 16 + lo)) {
    return LineKind::kBadChecksum;
  }
  if (star + 3 < line.size()) ParseTrailer(line.substr(star + 3), &meta);

  // Fields between "!ttVDM," and "*": count,num,seq,channel,payload,fill
  std::string_view f[6];
  std::string_view body = line.substr(7, star - 7);
  int n = 0;
  for (;;) {
    size_t comma = body.find(',');
    if (n == 6) return LineKind::kMalformed;
    f[n++] = body.substr(0, comma);
    if (comma == std::string_view::npos) break;
    body.remove_prefix(comma + 1);
  }
  if (n != 6) return LineKind::kMalformed;
  if (f[0].size() != 1 || f[1].size() != 1 || !IsDigit(f[0][0]) || !IsDigit(f[1][0])) {
    return LineKind::kMalformed;
  }
  out->frag_count = f[0][0] - '0';
  out->frag_num = f[1][0] - '0';
  if (out->frag_count < 1 || out->frag_num < 1 || out->frag_num > out->frag_count) {
    return LineKind::kMalformed;
  }
  if (!f[2].empty()) {
    if (f[2].size() != 1 || !IsDigit(f[2][0])) return LineKind::kMalformed;
    out->seq_id = f[2][0] - '0';
  }
  if (f[3].size() > 1) return LineKind::kMalformed;
  out->channel = f[3].empty() ? 0 : f[3][0];
  out->payload = f[4];
  if (f[5].size() == 1 && IsDigit(f[5][0]) && f[5][0] <= '5') {
    out->fill_bits = f[5][0] - '0';
  } else if (!f[5].empty()) {
    return LineKind::kMalformed;
  }
  return LineKind::kAis;
}

}  // namespace interdict::ais
