#include "simulate/ais_codec.h"

#include <cmath>
#include <cstdio>

namespace interdict::sim {
namespace {

int SixBitOf(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  if (u >= 'a' && u <= 'z') u = static_cast<unsigned char>(u - 32);
  if (u >= 64 && u <= 95) return u - 64;
  if (u >= 32 && u <= 63) return u;
  return 32;  // blank
}

char CharOfSixBit(int v) { return v < 32 ? static_cast<char>(v + 64) : static_cast<char>(v); }

int64_t Round(double x) { return static_cast<int64_t>(std::llround(x)); }

}  // namespace

void BitWriter::Put(uint64_t value, int bits) {
  for (int i = bits - 1; i >= 0; --i) bits_.push_back(static_cast<uint8_t>((value >> i) & 1));
}

void BitWriter::PutText(std::string_view text, int chars) {
  for (int i = 0; i < chars; ++i) {
    int v = i < static_cast<int>(text.size()) ? SixBitOf(text[i]) : 0;
    Put(static_cast<uint64_t>(v), 6);
  }
}

std::string BitWriter::Armor(int* fill) const {
  size_t n = (bits_.size() + 5) / 6;
  *fill = static_cast<int>(n * 6 - bits_.size());
  std::string out;
  out.reserve(n);
  for (size_t c = 0; c < n; ++c) {
    int v = 0;
    for (size_t b = 0; b < 6; ++b) {
      size_t i = c * 6 + b;
      v = (v << 1) | (i < bits_.size() ? bits_[i] : 0);
    }
    out.push_back(static_cast<char>(v < 40 ? v + 48 : v + 56));
  }
  return out;
}

BitReader::BitReader(std::string_view payload, int fill) {
  bits_.reserve(payload.size() * 6);
  for (char c : payload) {
    int v = static_cast<unsigned char>(c) - 48;
    if (v > 40) v -= 8;
    if (v < 0 || v > 63) {
      ok_ = false;
      v = 0;
    }
    for (int b = 5; b >= 0; --b) bits_.push_back(static_cast<uint8_t>((v >> b) & 1));
  }
  if (fill < 0 || fill > 5 || static_cast<size_t>(fill) > bits_.size()) {
    ok_ = false;
  } else {
    bits_.resize(bits_.size() - fill);
  }
}

uint64_t BitReader::Get(size_t start, int len) const {
  if (start + len > bits_.size()) return 0;
  uint64_t v = 0;
  for (int i = 0; i < len; ++i) v = (v << 1) | bits_[start + i];
  return v;
}

int64_t BitReader::GetSigned(size_t start, int len) const {
  uint64_t v = Get(start, len);
  if (len < 64 && (v >> (len - 1)) & 1) return static_cast<int64_t>(v) - (int64_t{1} << len);
  return static_cast<int64_t>(v);
}

std::string BitReader::GetText(size_t start, int chars) const {
  std::string s;
  for (int i = 0; i < chars; ++i) s.push_back(CharOfSixBit(static_cast<int>(Get(start + 6 * i, 6))));
  while (!s.empty() && (s.back() == '@' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string NmeaChecksum(std::string_view body) {
  unsigned x = 0;
  for (char c : body) x ^= static_cast<unsigned char>(c);
  char buf[3];
  std::snprintf(buf, sizeof buf, "%02X", x & 0xFF);
  return buf;
}

std::string AivdmSentence(int total, int num, int seq, char channel, std::string_view payload,
                          int fill) {
  std::string body = "AIVDM,";
  body += std::to_string(total);
  body += ',';
  body += std::to_string(num);
  body += ',';
  if (seq >= 0) body += std::to_string(seq);
  body += ',';
  body += channel;
  body += ',';
  body += payload;
  body += ',';
  body += std::to_string(fill);
  std::string out = "!";
  out += body;
  out += '*';
  out += NmeaChecksum(body);
  return out;
}

std::string TagBlock(int64_t unix_seconds, std::string_view station, int group_num,
                     int group_total, int group_id) {
  std::string body;
  if (group_total > 0) {
    body += "g:" + std::to_string(group_num) + "-" + std::to_string(group_total) + "-" +
            std::to_string(group_id) + ",";
  }
  body += "c:" + std::to_string(unix_seconds);
  if (!station.empty()) {
    body += ",s:";
    body += station;
  }
  return "\\" + body + "*" + NmeaChecksum(body) + "\\";
}

std::string EncodePosition(const PositionReport& r, int* fill) {
  BitWriter w;
  int64_t lon = Round(r.lon * 600000.0), lat = Round(r.lat * 600000.0);
  int64_t sog = std::min<int64_t>(1022, std::max<int64_t>(0, Round(r.sog_knots * 10)));
  double cog_d = std::fmod(r.cog_deg, 360.0);
  if (cog_d < 0) cog_d += 360.0;
  int64_t cog = Round(cog_d * 10) % 3600;
  int heading = r.heading;
  if (heading < 0 || heading > 359) heading = 511;
  int second = (r.second < 0 || r.second > 63) ? 60 : r.second;
  if (r.msg_type == 18) {
    w.Put(18, 6);
    w.Put(0, 2);
    w.Put(r.mmsi, 30);
    w.Put(0, 8);
    w.Put(static_cast<uint64_t>(sog), 10);
    w.Put(0, 1);
    w.PutSigned(lon, 28);
    w.PutSigned(lat, 27);
    w.Put(static_cast<uint64_t>(cog), 12);
    w.Put(static_cast<uint64_t>(heading), 9);
    w.Put(static_cast<uint64_t>(second), 6);
    w.Put(0, 2);
    w.Put(1, 1);  // CS unit
    w.Put(0, 1);
    w.Put(1, 1);  // DSC
    w.Put(1, 1);  // whole band
    w.Put(1, 1);  // msg 22
    w.Put(0, 1);
    w.Put(0, 1);
    w.Put(0b11100000000000000110, 20);  // radio status (ITDMA sync, as commonly seen)
  } else {
    int type = (r.msg_type >= 1 && r.msg_type <= 3) ? r.msg_type : 1;
    w.Put(static_cast<uint64_t>(type), 6);
    w.Put(0, 2);
    w.Put(r.mmsi, 30);
    w.Put(static_cast<uint64_t>(r.nav_status & 15), 4);
    w.PutSigned(r.sog_knots > 0.2 && r.nav_status == 0 ? 0 : -128, 8);  // ROT
    w.Put(static_cast<uint64_t>(sog), 10);
    w.Put(0, 1);
    w.PutSigned(lon, 28);
    w.PutSigned(lat, 27);
    w.Put(static_cast<uint64_t>(cog), 12);
    w.Put(static_cast<uint64_t>(heading), 9);
    w.Put(static_cast<uint64_t>(second), 6);
    w.Put(0, 2);
    w.Put(0, 3);
    w.Put(0, 1);
    w.Put(0, 19);
  }
  return w.Armor(fill);
}

std::string EncodeStatic5(const StaticReport& r, int* fill) {
  BitWriter w;
  w.Put(5, 6);
  w.Put(0, 2);
  w.Put(r.mmsi, 30);
  w.Put(0, 2);
  w.Put(r.imo, 30);
  w.PutText(r.callsign, 7);
  w.PutText(r.name, 20);
  w.Put(static_cast<uint64_t>(r.ship_type & 0xFF), 8);
  w.Put(static_cast<uint64_t>(r.to_bow & 0x1FF), 9);
  w.Put(static_cast<uint64_t>(r.to_stern & 0x1FF), 9);
  w.Put(static_cast<uint64_t>(r.to_port & 0x3F), 6);
  w.Put(static_cast<uint64_t>(r.to_starboard & 0x3F), 6);
  w.Put(1, 4);  // EPFD: GPS
  w.Put(static_cast<uint64_t>(r.eta_month & 15), 4);
  w.Put(static_cast<uint64_t>(r.eta_day & 31), 5);
  w.Put(static_cast<uint64_t>(r.eta_hour & 31), 5);
  w.Put(static_cast<uint64_t>(r.eta_minute & 63), 6);
  w.Put(static_cast<uint64_t>(std::min<int64_t>(255, Round(r.draught_m * 10))), 8);
  w.PutText(r.destination, 20);
  w.Put(0, 1);  // DTE ready
  w.Put(0, 1);
  return w.Armor(fill);
}

std::string EncodeStatic24A(const StaticReport& r, int* fill) {
  BitWriter w;
  w.Put(24, 6);
  w.Put(0, 2);
  w.Put(r.mmsi, 30);
  w.Put(0, 2);
  w.PutText(r.name, 20);
  return w.Armor(fill);
}

std::string EncodeStatic24B(const StaticReport& r, int* fill) {
  BitWriter w;
  w.Put(24, 6);
  w.Put(0, 2);
  w.Put(r.mmsi, 30);
  w.Put(1, 2);
  w.Put(static_cast<uint64_t>(r.ship_type & 0xFF), 8);
  w.PutText("SRT", 3);  // vendor id
  w.Put(1, 4);          // unit model
  w.Put(r.mmsi & 0xFFFFF, 20);
  w.PutText(r.callsign, 7);
  w.Put(static_cast<uint64_t>(r.to_bow & 0x1FF), 9);
  w.Put(static_cast<uint64_t>(r.to_stern & 0x1FF), 9);
  w.Put(static_cast<uint64_t>(r.to_port & 0x3F), 6);
  w.Put(static_cast<uint64_t>(r.to_starboard & 0x3F), 6);
  w.Put(0, 6);
  return w.Armor(fill);
}

bool DecodePosition(std::string_view payload, int fill, PositionReport* out) {
  BitReader b(payload, fill);
  if (!b.ok() || b.bits() < 168) return false;
  int type = static_cast<int>(b.Get(0, 6));
  out->msg_type = type;
  out->mmsi = static_cast<uint32_t>(b.Get(8, 30));
  if (type >= 1 && type <= 3) {
    out->nav_status = static_cast<int>(b.Get(38, 4));
    out->sog_knots = static_cast<double>(b.Get(50, 10)) / 10.0;
    out->lon = static_cast<double>(b.GetSigned(61, 28)) / 600000.0;
    out->lat = static_cast<double>(b.GetSigned(89, 27)) / 600000.0;
    out->cog_deg = static_cast<double>(b.Get(116, 12)) / 10.0;
    out->heading = static_cast<int>(b.Get(128, 9));
    out->second = static_cast<int>(b.Get(137, 6));
    return true;
  }
  if (type == 18) {
    out->nav_status = 15;
    out->sog_knots = static_cast<double>(b.Get(46, 10)) / 10.0;
    out->lon = static_cast<double>(b.GetSigned(57, 28)) / 600000.0;
    out->lat = static_cast<double>(b.GetSigned(85, 27)) / 600000.0;
    out->cog_deg = static_cast<double>(b.Get(112, 12)) / 10.0;
    out->heading = static_cast<int>(b.Get(124, 9));
    out->second = static_cast<int>(b.Get(133, 6));
    return true;
  }
  return false;
}

bool DecodeStatic5(std::string_view payload, int fill, StaticReport* out) {
  BitReader b(payload, fill);
  if (!b.ok() || b.bits() < 422 || b.Get(0, 6) != 5) return false;
  out->mmsi = static_cast<uint32_t>(b.Get(8, 30));
  out->imo = static_cast<uint32_t>(b.Get(40, 30));
  out->callsign = b.GetText(70, 7);
  out->name = b.GetText(112, 20);
  out->ship_type = static_cast<int>(b.Get(232, 8));
  out->to_bow = static_cast<int>(b.Get(240, 9));
  out->to_stern = static_cast<int>(b.Get(249, 9));
  out->to_port = static_cast<int>(b.Get(258, 6));
  out->to_starboard = static_cast<int>(b.Get(264, 6));
  out->eta_month = static_cast<int>(b.Get(274, 4));
  out->eta_day = static_cast<int>(b.Get(278, 5));
  out->eta_hour = static_cast<int>(b.Get(283, 5));
  out->eta_minute = static_cast<int>(b.Get(288, 6));
  out->draught_m = static_cast<double>(b.Get(294, 8)) / 10.0;
  out->destination = b.GetText(302, 20);
  return true;
}

bool DecodeStatic24(std::string_view payload, int fill, StaticReport* out, int* part) {
  BitReader b(payload, fill);
  if (!b.ok() || b.bits() < 160 || b.Get(0, 6) != 24) return false;
  out->mmsi = static_cast<uint32_t>(b.Get(8, 30));
  *part = static_cast<int>(b.Get(38, 2));
  if (*part == 0) {
    out->name = b.GetText(40, 20);
    return true;
  }
  if (*part == 1 && b.bits() >= 168) {
    out->ship_type = static_cast<int>(b.Get(40, 8));
    out->callsign = b.GetText(90, 7);
    out->to_bow = static_cast<int>(b.Get(132, 9));
    out->to_stern = static_cast<int>(b.Get(141, 9));
    out->to_port = static_cast<int>(b.Get(150, 6));
    out->to_starboard = static_cast<int>(b.Get(156, 6));
    return true;
  }
  return false;
}

bool ParseSentence(std::string_view line, ParsedSentence* out) {
  *out = ParsedSentence();
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  if (!line.empty() && line.front() == '\\') {
    size_t end = line.find('\\', 1);
    if (end == std::string_view::npos) return false;
    std::string_view tag = line.substr(1, end - 1);
    out->tag_block = std::string(tag);
    size_t star = tag.rfind('*');
    out->tag_checksum_ok =
        star != std::string_view::npos && NmeaChecksum(tag.substr(0, star)) == tag.substr(star + 1);
    line.remove_prefix(end + 1);
  }
  if (line.size() < 4 || (line[0] != '!' && line[0] != '$')) return false;
  size_t star = line.rfind('*');
  if (star == std::string_view::npos) return false;
  std::string_view body = line.substr(1, star - 1);
  out->checksum_ok = NmeaChecksum(body) == line.substr(star + 1);
  std::vector<std::string_view> f;
  size_t pos = 0;
  while (true) {
    size_t comma = body.find(',', pos);
    f.push_back(body.substr(pos, comma == std::string_view::npos ? std::string_view::npos
                                                                 : comma - pos));
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  if (f.size() != 7) return false;
  auto to_int = [](std::string_view s) {
    int v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return s.empty() ? -1 : v;
  };
  out->total = to_int(f[1]);
  out->num = to_int(f[2]);
  out->seq = std::string(f[3]);
  out->channel = f[4].empty() ? 0 : f[4][0];
  out->payload = std::string(f[5]);
  out->fill = to_int(f[6]);
  return out->total > 0 && out->num > 0 && out->fill >= 0;
}

}  // namespace interdict::sim
