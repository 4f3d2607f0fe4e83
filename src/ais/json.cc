// gpsd-compatible JSON for decoded AIS messages: the field names, order, scaling and
// number formatting of gpsd 3.22's json_aivdm_dump(scaled=true), which is what
// `gpsdecode -j` prints. Floats are formatted with std::to_chars, which rounds the
// binary value exactly as printf does, so output matches byte for byte.
#include <charconv>
#include <cstring>
#include <string>

#include "ais/bits.h"
#include "interdict/ais.h"
#include "interdict/env.h"

namespace interdict::ais {

using internal::SBits;
using internal::SixbitText;
using internal::UBits;

namespace {

const char* const kNavStatus[16] = {"Under way using engine",
                                    "At anchor",
                                    "Not under command",
                                    "Restricted manoeuverability",
                                    "Constrained by her draught",
                                    "Moored",
                                    "Aground",
                                    "Engaged in fishing",
                                    "Under way sailing",
                                    "Reserved for HSC",
                                    "Reserved for WIG",
                                    "Reserved",
                                    "Reserved",
                                    "Reserved",
                                    "Reserved",
                                    "Not defined"};

const char* const kEpfd[9] = {"Undefined",
                              "GPS",
                              "GLONASS",
                              "Combined GPS/GLONASS",
                              "Loran-C",
                              "Chayka",
                              "Integrated navigation system",
                              "Surveyed",
                              "Galileo"};

const char* EpfdText(unsigned n) { return n < 9 ? kEpfd[n] : "INVALID EPFD"; }

const char* ShipTypeText(unsigned n) {
  static const char* const kFixed[] = {"Fishing",
                                       "Towing",
                                       "Towing: length exceeds 200m or breadth exceeds 25m",
                                       "Dredging or underwater ops",
                                       "Diving ops",
                                       "Military ops",
                                       "Sailing",
                                       "Pleasure Craft",
                                       "Reserved",
                                       "Reserved"};  // 30..39
  static const char* const kFifty[] = {"Pilot Vessel",
                                       "Search and Rescue vessel",
                                       "Tug",
                                       "Port Tender",
                                       "Anti-pollution equipment",
                                       "Law Enforcement",
                                       "Spare - Local Vessel",
                                       "Spare - Local Vessel",
                                       "Medical Transport",
                                       "Ship according to RR Resolution No. 18"};
  static const char* const kCat[] = {"all ships of this type",  "Hazardous category A",
                                     "Hazardous category B",    "Hazardous category C",
                                     "Hazardous category D",    "Reserved for future use",
                                     "Reserved for future use", "Reserved for future use",
                                     "Reserved for future use", "No additional information"};
  // Built once: "<class> - <category>" for the 20s, 40s, 60s..90s.
  static const std::string* kTable = [] {
    auto* t = new std::string[100];
    t[0] = "Not available";
    for (int i = 1; i < 20; ++i) t[i] = "Reserved for future use";
    for (int i = 0; i < 10; ++i) {
      t[20 + i] =
          std::string("Wing in ground (WIG) - ") + (i < 5 ? kCat[i] : "Reserved for future use");
      t[30 + i] = kFixed[i];
      t[40 + i] = std::string("High speed craft (HSC) - ") + kCat[i];
      t[50 + i] = kFifty[i];
      t[60 + i] = std::string("Passenger - ") + kCat[i];
      t[70 + i] = std::string("Cargo - ") + kCat[i];
      t[80 + i] = std::string("Tanker - ") + kCat[i];
      t[90 + i] = std::string("Other Type - ") + kCat[i];
    }
    t[99] = "Other Type - no additional information";  // sic, lower case in gpsd
    return t;
  }();
  return n < 100 ? kTable[n].c_str() : "INVALID SHIP TYPE";
}

const char* const kStationType[16] = {"All types of mobiles",
                                      "Reserved for future use",
                                      "All types of Class B mobile stations",
                                      "SAR airborne mobile station",
                                      "Aid to Navigation station",
                                      "Class B shipborne mobile station",
                                      "Regional use and inland waterways",
                                      "Regional use and inland waterways",
                                      "Regional use and inland waterways",
                                      "Regional use and inland waterways",
                                      "Reserved for future use",
                                      "Reserved for future use",
                                      "Reserved for future use",
                                      "Reserved for future use",
                                      "Reserved for future use",
                                      "Reserved for future use"};

const char* const kNavaid[32] = {"Unspecified",
                                 "Reference point",
                                 "RACON",
                                 "Fixed offshore structure",
                                 "Spare, Reserved for future use.",
                                 "Light, without sectors",
                                 "Light, with sectors",
                                 "Leading Light Front",
                                 "Leading Light Rear",
                                 "Beacon, Cardinal N",
                                 "Beacon, Cardinal E",
                                 "Beacon, Cardinal S",
                                 "Beacon, Cardinal W",
                                 "Beacon, Port hand",
                                 "Beacon, Starboard hand",
                                 "Beacon, Preferred Channel port hand",
                                 "Beacon, Preferred Channel starboard hand",
                                 "Beacon, Isolated danger",
                                 "Beacon, Safe water",
                                 "Beacon, Special mark",
                                 "Cardinal Mark N",
                                 "Cardinal Mark E",
                                 "Cardinal Mark S",
                                 "Cardinal Mark W",
                                 "Port hand Mark",
                                 "Starboard hand Mark",
                                 "Preferred Channel Port hand",
                                 "Preferred Channel Starboard hand",
                                 "Isolated danger",
                                 "Safe Water",
                                 "Special Mark",
                                 "Light Vessel / LANBY / Rigs"};

const char* const kRacon[4] = {"No RACON installed", "RACON not monitored", "RACON operational",
                               "RACON ERROR"};
const char* const kLight[4] = {"No light or no monitoring", "Light ON", "Light OFF", "Light ERROR"};
const char* const kRtaStatus[4] = {"Operational", "Limited operation", "Out of order", "N/A"};
const char* const kTrends[4] = {"steady", "increasing", "decreasing", "N/A"};
const char* const kPrecip[8] = {"reserved",  "rain", "thunderstorm", "freezing rain",
                                "mixed/ice", "snow", "reserved",     "N/A"};
const char* const kIce[4] = {"no", "yes", "reserved", "N/A"};
const char* const kPositionTypes[8] = {
    "Not available", "Port-side to", "Starboard-side to",       "Mediterranean (end-on) mooring",
    "Mooring buoy",  "Anchorage",    "Reserved for future use", "Reserved for future use"};
const char* const kIdTypes[4] = {"mmsi", "imo", "callsign", "other"};

const char* RouteType(unsigned n) {
  static const char* const kFirst[6] = {
      "Undefined (default)",           "Mandatory",      "Recommended", "Alternative",
      "Recommended route through ice", "Ship route plan"};
  if (n < 6) return kFirst[n];
  if (n == 31) return "Cancel route identified by message linkage";
  return "Reserved for future use.";
}

const char* SignalText(unsigned n) {
  static const char* const kSignals[] = {
      "N/A",
      "Serious emergency \xE2\x80\x93 stop or divert according to instructions.",
      "Vessels shall not proceed.",
      "Vessels may proceed. One way traffic.",
      "Vessels may proceed. Two way traffic.",
      "Vessels shall proceed on specific orders only.",
      "Vessels in main channel shall not proceed.",
      "Vessels in main channel shall proceed on specific orders only.",
      "Vessels in main channel shall proceed on specific orders only.",
      "I = \"in-bound\" only acceptable.",
      "O = \"out-bound\" only acceptable.",
      "F = both \"in- and out-bound\" acceptable.",
      "XI = Code will shift to \"I\" in due time.",
      "XO = Code will shift to \"O\" in due time.",
      "X = Vessels shall proceed only on direction."};
  return n < 15 ? kSignals[n] : "INVALID SIGNAL TYPE";
}

// Appending writer over std::string.
class W {
 public:
  explicit W(std::string* s) : s_(s) {}
  W& Raw(std::string_view v) {
    s_->append(v);
    return *this;
  }
  W& Key(std::string_view k) {  // ,"k":
    s_->push_back(',');
    s_->push_back('"');
    s_->append(k);
    s_->append("\":", 2);
    return *this;
  }
  W& U(uint64_t v) {
    char b[24];
    auto r = std::to_chars(b, b + sizeof(b), v);
    s_->append(b, r.ptr - b);
    return *this;
  }
  W& I(int64_t v) {
    char b[24];
    auto r = std::to_chars(b, b + sizeof(b), v);
    s_->append(b, r.ptr - b);
    return *this;
  }
  W& F(double v, int prec) {  // printf("%.<prec>f")
    char b[400];
    auto r = std::to_chars(b, b + sizeof(b), v, std::chars_format::fixed, prec);
    s_->append(b, r.ptr - b);
    return *this;
  }
  // Exact "%.6f" of raw / 600000 without floating point (no ties can occur).
  W& LatLon6(int32_t raw) {
    int64_t n = static_cast<int64_t>(raw) * 5;  // raw/600000 * 1e6 = raw * 5 / 3
    bool neg = n < 0;
    uint64_t a = static_cast<uint64_t>(neg ? -n : n);
    uint64_t q = a / 3, rem = a % 3;
    if (rem == 2) ++q;  // remainders 1/3 round down, 2/3 round up
    if (neg && q != 0)
      s_->push_back('-');
    else if (neg)
      s_->push_back('-');  // printf prints "-0.000000" for tiny negatives
    U(q / 1000000);
    char frac[7];
    uint64_t f = q % 1000000;
    for (int i = 5; i >= 0; --i) {
      frac[i] = static_cast<char>('0' + f % 10);
      f /= 10;
    }
    s_->push_back('.');
    s_->append(frac, 6);
    return *this;
  }
  // "%.1f" of raw / 10.
  W& Tenths(int64_t raw) {
    if (raw < 0) {
      s_->push_back('-');
      raw = -raw;
    }
    U(static_cast<uint64_t>(raw) / 10);
    s_->push_back('.');
    s_->push_back(static_cast<char>('0' + raw % 10));
    return *this;
  }
  W& B(bool v) {
    s_->append(v ? "true" : "false");
    return *this;
  }
  // A quoted string escaped as gpsd's json_stringify does.
  W& Str(std::string_view v) {
    s_->push_back('"');
    for (char c : v) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u >= 0x80 || u < 0x20 || u == 0x7f) {
        s_->push_back('\\');
        switch (c) {
          case '\b':
            s_->push_back('b');
            break;
          case '\f':
            s_->push_back('f');
            break;
          case '\n':
            s_->push_back('n');
            break;
          case '\r':
            s_->push_back('r');
            break;
          case '\t':
            s_->push_back('t');
            break;
          default: {
            char b[8];
            std::snprintf(b, sizeof(b), "u%04x", u);
            s_->append(b);
          }
        }
      } else {
        if (c == '"' || c == '\\') s_->push_back('\\');
        s_->push_back(c);
      }
    }
    s_->push_back('"');
    return *this;
  }
  // A quoted string printed raw, as gpsd does for some inland fields.
  W& RawStr(std::string_view v) {
    s_->push_back('"');
    s_->append(v);
    s_->push_back('"');
    return *this;
  }
  W& Hex(const uint8_t* p, size_t n) {
    static const char kHex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; ++i) {
      s_->push_back(kHex[p[i] >> 4]);
      s_->push_back(kHex[p[i] & 15]);
    }
    return *this;
  }
  std::string* s() { return s_; }

 private:
  std::string* s_;
};

// "%02u" helper.
void Two(std::string* s, unsigned v) {
  if (v < 10) s->push_back('0');
  char b[12];
  auto r = std::to_chars(b, b + sizeof(b), v);
  s->append(b, r.ptr - b);
}

// "data":"<bits>:<hex>" for `bitcount` bits from byte offset `byte0` of the payload,
// copied as gpsd does (whole bytes, fill bits included unless `mask_tail`).
void Data(W& w, const uint8_t* bits, unsigned byte0, unsigned bitcount, bool mask_tail) {
  uint8_t buf[kMaxPayloadBytes] = {0};
  unsigned nbytes = (bitcount + 7) / 8;
  if (byte0 < static_cast<unsigned>(kMaxPayloadBytes)) {
    unsigned avail = kMaxPayloadBytes - byte0;
    std::memcpy(buf, bits + byte0, nbytes < avail ? nbytes : avail);
  }
  if (mask_tail && (bitcount % 8) != 0) {
    buf[nbytes - 1] &= static_cast<uint8_t>(0xFF << (8 - bitcount % 8));
  }
  w.Key("data").Raw("\"").U(bitcount).Raw(":").Hex(buf, nbytes).Raw("\"");
}

// Types 25/26: the payload after the optional destination MMSI and application id,
// reproduced with gpsd's memcpy + shiftleft so that hex dumps agree.
void ShiftedData(W& w, const AisMessage& m, bool addressed, bool structured, unsigned bitcount) {
  uint8_t buf[kMaxPayloadBytes + 8] = {0};
  unsigned byte0 = 5 + 2 * (structured ? 1 : 0);
  unsigned nbytes = (bitcount + 7) / 8;
  unsigned avail = kMaxPayloadBytes - byte0;
  std::memcpy(buf, m.bits + byte0, nbytes < avail ? nbytes : avail);
  if (addressed) {
    // gpsd's shiftleft(data, size=bitcount, left=30).
    int size = static_cast<int>(bitcount);
    unsigned left = 30;
    size -= static_cast<int>(left / 8);
    int move = (size + 7) / 8;
    if (move > 0) std::memmove(buf, buf + left / 8, static_cast<size_t>(move));
    left %= 8;
    int limit = static_cast<int>(sizeof(buf)) - 1;
    for (int i = 0; i < size && i < limit; ++i) {
      uint8_t nb = (i + 1 < size) ? static_cast<uint8_t>(buf[i + 1] >> (8 - left)) : 0;
      buf[i] = static_cast<uint8_t>((buf[i] << left) | nb);
    }
    bitcount -= 30;
  }
  w.Key("data").Raw("\"").U(bitcount).Raw(":").Hex(buf, (bitcount + 7) / 8).Raw("\"");
}

void Text(std::string* s, const uint8_t* b, unsigned start, unsigned count) {
  char t[200];
  if (count > 190) count = 190;
  SixbitText(b, start, count, t);
  W(s).Str(t);
}

// Text that runs to the end of the message (gpsd's endchars()).
void EndText(std::string* s, const AisMessage& m, unsigned start) {
  unsigned n = m.bitlen > start ? (m.bitlen - start) / 6 : 0;
  Text(s, m.bits, start, n);
}

void Type6(W& w, const AisMessage& m) {
  const uint8_t* b = m.bits;
  const unsigned len = m.bitlen;
  const unsigned dac = static_cast<unsigned>(UBits(b, 72, 10));
  const unsigned fid = static_cast<unsigned>(UBits(b, 82, 6));
  std::string* s = w.s();
  w.Key("seqno").U(UBits(b, 38, 2)).Key("dest_mmsi").U(UBits(b, 40, 30));
  w.Key("retransmit").B(UBits(b, 70, 1)).Key("dac").U(dac).Key("fid").U(fid);
  char t1[64], t2[64], t3[64], t4[64], t5[64];
  if (dac == 200) {
    if (fid == 21 && len == 248) {
      SixbitText(b, 88, 2, t1);
      SixbitText(b, 100, 3, t2);
      SixbitText(b, 118, 5, t3);
      SixbitText(b, 148, 5, t4);
      SixbitText(b, 178, 5, t5);
      w.Key("country").RawStr(t1).Key("locode").RawStr(t2).Key("section").RawStr(t3);
      w.Key("terminal").RawStr(t4).Key("hectometre").RawStr(t5);
      w.Key("eta").Raw("\"").U(UBits(b, 208, 4)).Raw("-").U(UBits(b, 212, 5)).Raw("T");
      w.U(UBits(b, 217, 5)).Raw(":").U(UBits(b, 222, 6)).Raw("\"");
      w.Key("tugs").U(UBits(b, 228, 3)).Key("airdraught").U(UBits(b, 231, 12)).Raw("}");
      return;
    }
    if (fid == 22 && len == 232) {
      SixbitText(b, 88, 2, t1);
      SixbitText(b, 100, 3, t2);
      SixbitText(b, 118, 5, t3);
      SixbitText(b, 148, 5, t4);
      SixbitText(b, 178, 5, t5);
      w.Key("country").RawStr(t1).Key("locode").RawStr(t2).Key("section").RawStr(t3);
      w.Key("terminal").RawStr(t4).Key("hectometre").RawStr(t5);
      w.Key("eta").Raw("\"").U(UBits(b, 208, 4)).Raw("-").U(UBits(b, 212, 5)).Raw("T");
      w.U(UBits(b, 217, 5)).Raw(":").U(UBits(b, 222, 6)).Raw("\"");
      unsigned st = static_cast<unsigned>(UBits(b, 228, 2));
      w.Key("status").U(st).Key("status_text").RawStr(kRtaStatus[st]).Raw("}");
      return;
    }
    if (fid == 55 && len == 168) {
      w.Key("crew").U(UBits(b, 88, 8)).Key("passengers").U(UBits(b, 96, 13));
      w.Key("personnel").U(UBits(b, 109, 8)).Raw("}");
      return;
    }
  } else if (dac == 235 || dac == 250) {
    if (fid == 10 && len == 136) {
      w.Key("off_pos").B(UBits(b, 131, 1)).Key("alarm").B(UBits(b, 122, 1));
      w.Key("stat_ext").U(UBits(b, 123, 8));
      const char* names[3] = {"ana_int", "ana_ext1", "ana_ext2"};
      for (int i = 0; i < 3; ++i) {
        unsigned v = static_cast<unsigned>(UBits(b, 88 + 10 * i, 10));
        w.Key(names[i]);
        if (v != 0) {
          w.F(v * 0.05, 2);
        } else {
          w.U(v);
        }
      }
      unsigned racon = static_cast<unsigned>(UBits(b, 118, 2));
      unsigned light = static_cast<unsigned>(UBits(b, 120, 2));
      w.Key("racon").U(racon).Key("racon_text").RawStr(kRacon[racon]);
      w.Key("light").U(light).Key("light_text").RawStr(kLight[light]).Raw("}");
      return;
    }
  } else if (dac == 1) {
    switch (fid) {
      case 12:
        w.Key("lastport");
        Text(s, b, 88, 5);
        w.Key("departure").Raw("\"");
        Two(s, static_cast<unsigned>(UBits(b, 118, 4)));
        w.Raw("-");
        Two(s, static_cast<unsigned>(UBits(b, 122, 5)));
        w.Raw("T");
        Two(s, static_cast<unsigned>(UBits(b, 127, 5)));
        w.Raw(":");
        Two(s, static_cast<unsigned>(UBits(b, 132, 6)));
        w.Raw("Z\"").Key("nextport");
        Text(s, b, 138, 5);
        w.Key("eta").Raw("\"");
        Two(s, static_cast<unsigned>(UBits(b, 168, 4)));
        w.Raw("-");
        Two(s, static_cast<unsigned>(UBits(b, 172, 5)));
        w.Raw("T");
        Two(s, static_cast<unsigned>(UBits(b, 177, 5)));
        w.Raw(":");
        Two(s, static_cast<unsigned>(UBits(b, 182, 6)));
        w.Raw("Z\"").Key("dangerous");
        Text(s, b, 188, 20);
        w.Key("imdcat");
        Text(s, b, 308, 4);
        w.Key("unid").U(UBits(b, 332, 13)).Key("amount").U(UBits(b, 345, 10));
        w.Key("unit").U(UBits(b, 355, 2)).Raw("}");
        return;
      case 15:
        w.Key("airdraught").U(UBits(b, 56, 11)).Raw("}");
        return;
      case 16:
        w.Key("persons").U(len - 88 == 136 ? UBits(b, 88, 13) : UBits(b, 55, 13)).Raw("}");
        return;
      case 18:
        w.Key("linkage").U(UBits(b, 88, 10)).Key("arrival").Raw("\"");
        Two(s, static_cast<unsigned>(UBits(b, 98, 4)));
        w.Raw("-");
        Two(s, static_cast<unsigned>(UBits(b, 102, 5)));
        w.Raw("T");
        Two(s, static_cast<unsigned>(UBits(b, 107, 5)));
        w.Raw(":");
        Two(s, static_cast<unsigned>(UBits(b, 112, 6)));
        w.Raw("Z\"").Key("portname");
        Text(s, b, 118, 20);
        w.Key("destination");
        Text(s, b, 238, 5);
        w.Key("lon").F(SBits(b, 268, 25) / 60000.0, 4);
        w.Key("lat").F(SBits(b, 293, 24) / 60000.0, 4).Raw("}");
        return;
      case 20: {
        static const char* const kSvc[] = {
            "agent",       "fuel",           "chandler", "stevedore",  "electrical", "water",
            "customs",     "cartage",        "crane",    "lift",       "medical",    "navrepair",
            "provisions",  "shiprepair",     "surveyor", "steam",      "tugs",       "solidwaste",
            "liquidwaste", "hazardouswaste", "ballast",  "additional", "regional1",  "regional2",
            "future1",     "future2"};
        unsigned pos = static_cast<unsigned>(UBits(b, 115, 3));
        w.Key("linkage").U(UBits(b, 88, 10)).Key("berth_length").U(UBits(b, 98, 9));
        w.Key("position").U(pos).Key("position_text").RawStr(kPositionTypes[pos]);
        w.Key("arrival").Raw("\"").U(UBits(b, 118, 4)).Raw("-").U(UBits(b, 122, 5));
        w.Raw("T").U(UBits(b, 127, 5)).Raw(":").U(UBits(b, 132, 6)).Raw("\"");
        w.Key("availability").U(UBits(b, 138, 1));
        for (int i = 0; i < 26; ++i) w.Key(kSvc[i]).U(UBits(b, 139 + 2 * i, 2));
        w.Key("berth_name");
        Text(s, b, 191, 20);
        w.Key("berth_lon").F(SBits(b, 311, 25) / 60000.0, 4);
        w.Key("berth_lat").F(SBits(b, 336, 24) / 60000.0, 4);
        w.Key("berth_depth").F(UBits(b, 107, 8) * 0.1, 1).Raw("}");
        return;
      }
      case 25: {
        w.Key("unit").U(UBits(b, 88, 2)).Key("amount").U(UBits(b, 90, 10));
        w.Key("cargos").Raw("[");
        bool first = true;
        for (unsigned u = 0; 100 + u * 17 < len && u < 28; ++u) {
          if (!first) w.Raw(",");
          first = false;
          w.Raw("{\"code\":").U(UBits(b, 100 + u * 17, 4));
          w.Raw(",\"subtype\":").U(UBits(b, 104 + u * 17, 13)).Raw("}");
        }
        w.Raw("]}");
        return;
      }
      case 28: {
        unsigned rtype = static_cast<unsigned>(UBits(b, 101, 5));
        unsigned waycount = static_cast<unsigned>(UBits(b, 144, 5));
        w.Key("linkage").U(UBits(b, 88, 10)).Key("sender").U(UBits(b, 98, 3));
        w.Key("rtype").U(rtype).Key("rtype_text").RawStr(RouteType(rtype));
        w.Key("start").Raw("\"");
        Two(s, static_cast<unsigned>(UBits(b, 106, 4)));
        w.Raw("-");
        Two(s, static_cast<unsigned>(UBits(b, 110, 5)));
        w.Raw("T");
        Two(s, static_cast<unsigned>(UBits(b, 115, 5)));
        w.Raw(":");
        Two(s, static_cast<unsigned>(UBits(b, 120, 6)));
        w.Raw("Z\"").Key("duration").U(UBits(b, 126, 18)).Key("waypoints").Raw("[");
        for (unsigned u = 0; u < waycount; ++u) {
          unsigned a = 149 + 55 * u;
          if (u) w.Raw(",");
          w.Raw("{\"lon\":").F(SBits(b, a, 28) / 600000.0, 6);
          w.Raw(",\"lat\":").F(SBits(b, a + 28, 27) / 600000.0, 6).Raw("}");
        }
        w.Raw("]}");
        return;
      }
      case 30:
        w.Key("linkage").U(UBits(b, 88, 10)).Key("text");
        EndText(s, m, 98);
        w.Raw("}");
        return;
      case 14:
      case 32: {
        const bool f14 = fid == 14;
        const unsigned el = f14 ? 93 : 88;
        w.Key("month").U(UBits(b, 88, 4)).Key("day").U(UBits(b, 92, 5));
        w.Key("tidals").Raw("[");
        for (unsigned u = 0; 97 + el * u <= len && u < 3; ++u) {
          unsigned a = 97 + el * u;
          int64_t lat, lon;
          unsigned o;  // offset of from_hour
          if (f14) {
            lat = SBits(b, a, 27);
            lon = SBits(b, a + 27, 28);
            o = a + 55;
          } else {
            lon = SBits(b, a, 25);
            lat = SBits(b, a + 25, 24);
            o = a + 49;
          }
          if (u) w.Raw(",");
          w.Raw("{\"lon\":").F(lon / 60000.0, 4).Raw(",\"lat\":").F(lat / 60000.0, 4);
          w.Raw(",\"from_hour\":").U(UBits(b, o, 5)).Raw(",\"from_min\":").U(UBits(b, o + 5, 6));
          w.Raw(",\"to_hour\":").U(UBits(b, o + 11, 5)).Raw(",\"to_min\":").U(UBits(b, o + 16, 6));
          w.Raw(",\"cdir\":").U(UBits(b, o + 22, 9));
          w.Raw(",\"cspeed\":").F(UBits(b, o + 31, f14 ? 7 : 8) / 10.0, 1).Raw("}");
        }
        w.Raw("]}");
        return;
      }
      default:
        break;
    }
  }
  Data(w, b, 11, len - 88, /*mask_tail=*/false);
  w.Raw("}");
}

// Inland ship types of DAC 200 FID 10, matched on either code as gpsd does.
const char* InlandShipType(unsigned v) {
  static const struct {
    unsigned code, ais;
    const char* legend;
  } kTypes[] = {
      {8000, 99, "Vessel, type unknown"},
      {8010, 79, "Motor freighter"},
      {8020, 89, "Motor tanker"},
      {8021, 80, "Motor tanker, liquid cargo, type N"},
      {8022, 80, "Motor tanker, liquid cargo, type C"},
      {8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)"},
      {8030, 79, "Container vessel"},
      {8040, 80, "Gas tanker"},
      {8050, 79, "Motor freighter, tug"},
      {8060, 89, "Motor tanker, tug"},
      {8070, 79, "Motor freighter with one or more ships alongside"},
      {8080, 89, "Motor freighter with tanker"},
      {8090, 79, "Motor freighter pushing one or more freighters"},
      {8100, 89, "Motor freighter pushing at least one tank-ship"},
      {8110, 79, "Tug, freighter"},
      {8120, 89, "Tug, tanker"},
      {8130, 31, "Tug freighter, coupled"},
      {8140, 31, "Tug, freighter/tanker, coupled"},
      {8150, 99, "Freightbarge"},
      {8160, 99, "Tankbarge"},
      {8161, 90, "Tankbarge, liquid cargo, type N"},
      {8162, 90, "Tankbarge, liquid cargo, type C"},
      {8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)"},
      {8170, 99, "Freightbarge with containers"},
      {8180, 90, "Tankbarge, gas"},
      {8210, 79, "Pushtow, one cargo barge"},
      {8220, 79, "Pushtow, two cargo barges"},
      {8230, 79, "Pushtow, three cargo barges"},
      {8240, 79, "Pushtow, four cargo barges"},
      {8250, 79, "Pushtow, five cargo barges"},
      {8260, 79, "Pushtow, six cargo barges"},
      {8270, 79, "Pushtow, seven cargo barges"},
      {8280, 79, "Pushtow, eigth cargo barges"},
      {8290, 79, "Pushtow, nine or more barges"},
      {8310, 80, "Pushtow, one tank/gas barge"},
      {8320, 80, "Pushtow, two barges at least one tanker or gas barge"},
      {8330, 80, "Pushtow, three barges at least one tanker or gas barge"},
      {8340, 80, "Pushtow, four barges at least one tanker or gas barge"},
      {8350, 80, "Pushtow, five barges at least one tanker or gas barge"},
      {8360, 80, "Pushtow, six barges at least one tanker or gas barge"},
      {8370, 80, "Pushtow, seven barges at least one tanker or gas barg"},
  };
  for (const auto& t : kTypes) {
    if (t.code == v || t.ais == v) return t.legend;
  }
  return "Illegal ship type value.";
}

void Type8(W& w, const AisMessage& m) {
  const uint8_t* b = m.bits;
  const unsigned len = m.bitlen;
  const unsigned dac = static_cast<unsigned>(UBits(b, 40, 10));
  const unsigned fid = static_cast<unsigned>(UBits(b, 50, 6));
  std::string* s = w.s();
  w.Key("dac").U(dac).Key("fid").U(fid);
  auto meteo_tail = [&](unsigned o, bool fid31) {
    // Shared tail of FID 11 / FID 31 from leveltrend on; o = offset of leveltrend.
    w.Key("leveltrend").RawStr(kTrends[UBits(b, o, 2)]);
    w.Key("cspeed").F(UBits(b, o + 2, 8) / 10.0, 1).Key("cdir").U(UBits(b, o + 10, 9));
    w.Key("cspeed2").F(UBits(b, o + 19, 8) / 10.0, 1).Key("cdir2").U(UBits(b, o + 27, 9));
    w.Key("cdepth2").U(UBits(b, o + 36, 5));
    w.Key("cspeed3").F(UBits(b, o + 41, 8) / 10.0, 1).Key("cdir3").U(UBits(b, o + 49, 9));
    w.Key("cdepth3").U(UBits(b, o + 58, 5));
    w.Key("waveheight").F(UBits(b, o + 63, 8) / 10.0, 1);
    w.Key("waveperiod").U(UBits(b, o + 71, 6)).Key("wavedir").U(UBits(b, o + 77, 9));
    w.Key("swellheight").F(UBits(b, o + 86, 8) / 10.0, 1);
    w.Key("swellperiod").U(UBits(b, o + 94, 6)).Key("swelldir").U(UBits(b, o + 100, 9));
    w.Key("seastate").U(UBits(b, o + 109, 4));
    unsigned precip = static_cast<unsigned>(UBits(b, o + 123, 3));
    unsigned ice = static_cast<unsigned>(UBits(b, o + 135, 2));
    if (fid31) {
      w.Key("watertemp").F(SBits(b, o + 113, 10) / 10.0, 1);
      w.Key("preciptype").RawStr(kPrecip[precip]);
      w.Key("salinity").F(UBits(b, o + 126, 9) / 10.0, 1);
      w.Key("ice").RawStr(kIce[ice]);
    } else {
      w.Key("watertemp").F((static_cast<int>(UBits(b, o + 113, 10)) - 100) / 10.0, 1);
      w.Key("preciptype").U(precip).Key("preciptype_text").RawStr(kPrecip[precip]);
      w.Key("salinity").F(UBits(b, o + 126, 9) / 10.0, 1);
      w.Key("ice").U(ice).Key("ice_text").RawStr(kIce[ice]);
    }
    w.Raw("}");
  };
  auto stamp = [&](unsigned o) {  // "timestamp":"DDTHH:MMZ"
    w.Key("timestamp").Raw("\"");
    Two(s, static_cast<unsigned>(UBits(b, o, 5)));
    w.Raw("T");
    Two(s, static_cast<unsigned>(UBits(b, o + 5, 5)));
    w.Raw(":");
    Two(s, static_cast<unsigned>(UBits(b, o + 10, 6)));
    w.Raw("Z\"");
  };
  if (dac == 1) {
    switch (fid) {
      case 11: {
        w.Key("lat").F(SBits(b, 56, 24) / 60000.0, 4);
        w.Key("lon").F(SBits(b, 80, 25) / 60000.0, 4);
        stamp(105);
        w.Key("wspeed").U(UBits(b, 121, 7)).Key("wgust").U(UBits(b, 128, 7));
        w.Key("wdir").U(UBits(b, 135, 9)).Key("wgustdir").U(UBits(b, 144, 9));
        w.Key("humidity").U(UBits(b, 164, 7));
        w.Key("airtemp").F((static_cast<int>(UBits(b, 153, 11)) - 600) / 10.0, 1);
        w.Key("dewpoint").F((static_cast<int>(UBits(b, 171, 10)) - 200) / 10.0, 1);
        w.Key("pressure").U(UBits(b, 181, 9) + 800);
        w.Key("pressuretend").RawStr(kTrends[UBits(b, 190, 2)]);
        w.Key("visibility").F(UBits(b, 192, 8) / 10.0, 1);
        w.Key("waterlevel").F((static_cast<int>(UBits(b, 200, 9)) - 100) / 10.0, 1);
        meteo_tail(209, false);
        return;
      }
      case 13: {
        char r[24], f[24], t[24];
        SixbitText(b, 56, 20, r);
        SixbitText(b, 176, 20, f);
        SixbitText(b, 296, 20, t);
        w.Key("reason").Str(r).Key("closefrom").Str(f).Key("closeto").Str(t);
        w.Key("radius").U(UBits(b, 416, 10)).Key("extunit").U(UBits(b, 426, 2));
        w.Key("from").Raw("\"");
        Two(s, static_cast<unsigned>(UBits(b, 433, 4)));
        w.Raw("-");
        Two(s, static_cast<unsigned>(UBits(b, 428, 5)));
        w.Raw("T");
        Two(s, static_cast<unsigned>(UBits(b, 437, 5)));
        w.Raw(":");
        Two(s, static_cast<unsigned>(UBits(b, 442, 6)));
        w.Raw("\"").Key("to").Raw("\"");
        Two(s, static_cast<unsigned>(UBits(b, 453, 4)));
        w.Raw("-");
        Two(s, static_cast<unsigned>(UBits(b, 448, 5)));
        w.Raw("T");
        Two(s, static_cast<unsigned>(UBits(b, 457, 5)));
        w.Raw(":");
        Two(s, static_cast<unsigned>(UBits(b, 462, 6)));
        w.Raw("\"}");
        return;
      }
      case 15:
        w.Key("airdraught").U(UBits(b, 56, 11)).Raw("}");
        return;
      case 16:
        if (len - 56 == 136) {
          w.Key("persons").U(UBits(b, 88, 13)).Raw("}");
          return;
        }
        if (len - 56 == 72) {
          w.Key("persons").U(UBits(b, 55, 13)).Raw("}");
          return;
        }
        break;
      case 17: {
        w.Key("targets").Raw("[");
        for (unsigned u = 0; 56 + 122 * u <= len && u < 4; ++u) {
          unsigned a = 56 + 122 * u;
          unsigned idtype = static_cast<unsigned>(UBits(b, a, 2));
          if (u) w.Raw(",");
          w.Raw("{\"idtype\":").U(idtype).Raw(",\"idtype_text\":").RawStr(kIdTypes[idtype]);
          w.Raw(",\"").Raw(kIdTypes[idtype]).Raw("\":");
          if (idtype <= 1) {
            w.Raw("\"").U(UBits(b, a + 2, 42) & 0xFFFFFFFFu).Raw("\"");
          } else {
            char id[16];
            SixbitText(b, a + 2, 7, id);
            w.Str(id);
          }
          w.Raw(",\"lat\":").F(SBits(b, a + 48, 24) / 60000.0, 4);
          w.Raw(",\"lon\":").F(SBits(b, a + 72, 25) / 60000.0, 4);
          w.Raw(",\"course\":").U(UBits(b, a + 97, 9)).Raw(",\"second\":").U(UBits(b, a + 106, 6));
          w.Raw(",\"speed\":").U(UBits(b, a + 112, 10)).Raw("}");
        }
        w.Raw("]}");
        return;
      }
      case 19: {
        char st[24];
        SixbitText(b, 66, 20, st);
        w.Key("linkage").U(UBits(b, 56, 10)).Key("station").Str(st);
        w.Key("lon").F(SBits(b, 186, 25) / 60000.0, 4);
        w.Key("lat").F(SBits(b, 211, 24) / 60000.0, 4);
        unsigned sig = static_cast<unsigned>(UBits(b, 237, 5));
        unsigned next = static_cast<unsigned>(UBits(b, 253, 5));
        w.Key("status").U(UBits(b, 235, 2)).Key("signal").U(sig);
        w.Key("signal_text").RawStr(SignalText(sig));
        w.Key("hour").U(UBits(b, 242, 5)).Key("minute").U(UBits(b, 247, 6));
        // gpsd omits the comma before nextsignal_text; we do not copy that bug.
        w.Key("nextsignal").U(next).Key("nextsignal_text").RawStr(SignalText(next)).Raw("}");
        return;
      }
      case 27: {
        unsigned rtype = static_cast<unsigned>(UBits(b, 69, 5));
        unsigned waycount = static_cast<unsigned>(UBits(b, 112, 5));
        w.Key("linkage").U(UBits(b, 56, 10)).Key("sender").U(UBits(b, 66, 3));
        w.Key("rtype").U(rtype).Key("rtype_text").RawStr(RouteType(rtype));
        w.Key("start").Raw("\"");
        Two(s, static_cast<unsigned>(UBits(b, 74, 4)));
        w.Raw("-");
        Two(s, static_cast<unsigned>(UBits(b, 78, 5)));
        w.Raw("T");
        Two(s, static_cast<unsigned>(UBits(b, 83, 5)));
        w.Raw(":");
        Two(s, static_cast<unsigned>(UBits(b, 88, 6)));
        w.Raw("Z\"").Key("duration").U(UBits(b, 94, 18)).Key("waypoints").Raw("[");
        for (unsigned u = 0; u < waycount; ++u) {
          unsigned a = 117 + 55 * u;
          if (u) w.Raw(",");
          w.Raw("{\"lon\":").F(SBits(b, a, 28) / 600000.0, 6);
          w.Raw(",\"lat\":").F(SBits(b, a + 28, 27) / 600000.0, 6).Raw("}");
        }
        w.Raw("]}");
        return;
      }
      case 29:
        w.Key("linkage").U(UBits(b, 56, 10)).Key("text");
        EndText(s, m, 66);
        w.Raw("}");
        return;
      case 31: {
        w.Key("lat").F(SBits(b, 81, 24) / 60000.0, 4);
        w.Key("lon").F(SBits(b, 56, 25) / 60000.0, 4);
        w.Key("accuracy").B(UBits(b, 105, 1));
        stamp(106);
        w.Key("wspeed").U(UBits(b, 122, 7)).Key("wgust").U(UBits(b, 129, 7));
        w.Key("wdir").U(UBits(b, 136, 9)).Key("wgustdir").U(UBits(b, 145, 9));
        w.Key("humidity").U(UBits(b, 165, 7));
        w.Key("airtemp").F(SBits(b, 154, 11) / 10.0, 1);
        w.Key("dewpoint").F(SBits(b, 172, 10) / 10.0, 1);
        w.Key("pressure").U(UBits(b, 182, 9) + 799);
        w.Key("pressuretend").RawStr(kTrends[UBits(b, 191, 2)]);
        w.Key("visgreater").B(UBits(b, 193, 1));
        w.Key("visibility").F(UBits(b, 194, 7) / 10.0, 1);
        // gpsd subtracts the offset in unsigned arithmetic; keep its wrap-around.
        uint32_t wl = static_cast<uint32_t>(UBits(b, 201, 12)) - 1000u;
        w.Key("waterlevel").F(wl / 100.0, 1);
        meteo_tail(213, true);
        return;
      }
      default:
        break;
    }
  } else if (dac == 200) {
    if (fid == 10 && len == 168) {
      unsigned hazard = static_cast<unsigned>(UBits(b, 141, 3));
      if (hazard <= 5) {
        static const char* const kHazard[6] = {
            "0 blue cones/lights", "1 blue cone/light", "2 blue cones/lights",
            "3 blue cones/lights", "4 B-Flag",          "Unknown"};
        static const char* const kLoaded[3] = {"N/A (default)", "Unloaded", "Loaded"};
        char vin[16];
        SixbitText(b, 56, 8, vin);
        unsigned shiptype = static_cast<unsigned>(UBits(b, 127, 14));
        unsigned loaded = static_cast<unsigned>(UBits(b, 155, 2));
        w.Key("vin").Str(vin).Key("length").U(UBits(b, 104, 13));
        w.Key("beam").U(UBits(b, 117, 10)).Key("shiptype").U(shiptype);
        w.Key("shiptype_text").RawStr(InlandShipType(shiptype));
        w.Key("hazard").U(hazard).Key("hazard_text").RawStr(kHazard[hazard]);
        w.Key("draught").U(UBits(b, 144, 11)).Key("loaded").U(loaded);
        w.Key("loaded_text").RawStr(loaded < 3 ? kLoaded[loaded] : "INVALID LOAD STATUS");
        w.Key("speed_q").B(UBits(b, 157, 1)).Key("course_q").B(UBits(b, 158, 1));
        w.Key("heading_q").B(UBits(b, 159, 1)).Raw("}");
        return;
      }
      if (fid == 24 && len == 168) {
        char country[4];
        SixbitText(b, 56, 2, country);
        w.Key("country").RawStr(country).Key("gauges").Raw("[");
        for (unsigned i = 0; 68 + 25 * i < len && i < 4; ++i) {
          if (i) w.Raw(",");
          w.Raw("{\"id\":").U(UBits(b, 68 + 25 * i, 11));
          w.Raw(",\"level\":").I(SBits(b, 79 + 25 * i, 14)).Raw("}");
        }
        w.Raw("]}");
        return;
      }
      if (fid == 40 && len == 168) {
        static const char* const kDir[5] = {"Unknown", "Upstream", "Downstream", "To left bank",
                                            "To right bank"};
        static const char* const kStatus[8] = {"Unknown",        "No light",        "White",
                                               "Yellow",         "Green",           "Red",
                                               "White flashing", "Yellow flashing."};
        unsigned dir = static_cast<unsigned>(UBits(b, 124, 3));
        unsigned st = static_cast<unsigned>(UBits(b, 127, 30));
        w.Key("lon").LatLon6(static_cast<int32_t>(SBits(b, 56, 28)));
        w.Key("lat").LatLon6(static_cast<int32_t>(SBits(b, 84, 27)));
        w.Key("form").U(UBits(b, 111, 4)).Key("facing").U(UBits(b, 115, 9));
        w.Key("direction")
            .U(dir)
            .Key("direction_text")
            .RawStr(dir < 5 ? kDir[dir] : "INVALID DIRECTION");
        w.Key("status").U(st).Key("status_text").RawStr(st < 8 ? kStatus[st] : "INVALID STATUS");
        w.Raw("}");
        return;
      }
    }
  }
  Data(w, b, 7, len - 56, /*mask_tail=*/true);
  w.Raw("}");
}

}  // namespace

bool AppendGpsdJson(const AisMessage& m, const JsonOptions& opts, std::string* out) {
  if (opts.gpsd_compat && m.type == 24) {
    // gpsd 3.22 prints nothing for a part A, nor for a part B without its part A, and
    // rejects part B shorter than 168 bits.
    if (!m.t24_merged || m.bitlen < 168) return false;
  }
  const uint8_t* b = m.bits;
  W w(out);
  std::string* s = out;
  w.Raw("{\"class\":\"AIS\"");
  if (!opts.device.empty()) w.Key("device").Str(opts.device);
  w.Key("type").U(m.type).Key("repeat").U(m.repeat).Key("mmsi").U(m.mmsi);
  w.Raw(",\"scaled\":true");
  switch (m.type) {
    case 1:
    case 2:
    case 3: {
      const Type1& t = m.t1;
      w.Key("status").U(t.status).Key("status_text").RawStr(kNavStatus[t.status]);
      w.Key("turn");
      if (t.turn == -128) {
        w.Raw("\"nan\"");
      } else if (t.turn == -127) {
        w.Raw("\"fastleft\"");
      } else if (t.turn == 127) {
        w.Raw("\"fastright\"");
      } else if (t.turn == 0) {
        w.Raw("0");
      } else {
        // gpsd 3.22 prints the square of the rate (sign lost); we match it.
        double r = t.turn / 4.733;
        w.F(r * r, 0);
      }
      w.Key("speed");
      if (t.speed == 1023) {
        w.Raw("\"nan\"");
      } else if (t.speed == 1022) {
        w.Raw("\"fast\"");
      } else {
        w.Tenths(t.speed);
      }
      w.Key("accuracy").B(t.accuracy).Key("lon").LatLon6(t.lon).Key("lat").LatLon6(t.lat);
      w.Key("course").Tenths(t.course).Key("heading").U(t.heading);
      w.Key("second").U(t.second).Key("maneuver").U(t.maneuver);
      w.Key("raim").B(t.raim).Key("radio").U(t.radio);
      w.Raw("}");
      break;
    }
    case 4:
    case 11: {
      const Type4& t = m.t4;
      w.Key("timestamp").Raw("\"");
      if (t.year < 1000) s->append(t.year < 10 ? "000" : t.year < 100 ? "00" : "0");
      w.U(t.year).Raw("-");
      Two(s, t.month);
      w.Raw("-");
      Two(s, t.day);
      w.Raw("T");
      Two(s, t.hour);
      w.Raw(":");
      Two(s, t.minute);
      w.Raw(":");
      Two(s, t.second);
      w.Raw("Z\"");
      w.Key("accuracy").B(t.accuracy).Key("lon").LatLon6(t.lon).Key("lat").LatLon6(t.lat);
      w.Key("epfd").U(t.epfd).Key("epfd_text").RawStr(EpfdText(t.epfd));
      w.Key("raim").B(t.raim).Key("radio").U(t.radio).Raw("}");
      break;
    }
    case 5: {
      const Type5& t = m.t5;
      w.Key("imo").U(t.imo).Key("ais_version").U(t.ais_version);
      w.Key("callsign").Str(t.callsign).Key("shipname").Str(t.shipname);
      w.Key("shiptype").U(t.shiptype).Key("shiptype_text").RawStr(ShipTypeText(t.shiptype));
      w.Key("to_bow").U(t.to_bow).Key("to_stern").U(t.to_stern);
      w.Key("to_port").U(t.to_port).Key("to_starboard").U(t.to_starboard);
      w.Key("epfd").U(t.epfd).Key("epfd_text").RawStr(EpfdText(t.epfd));
      w.Key("eta").Raw("\"");
      Two(s, t.month);
      w.Raw("-");
      Two(s, t.day);
      w.Raw("T");
      Two(s, t.hour);
      w.Raw(":");
      Two(s, t.minute);
      w.Raw("Z\"");
      w.Key("draught").Tenths(t.draught).Key("destination").Str(t.destination);
      w.Key("dte").U(t.dte).Raw("}");
      break;
    }
    case 6:
      Type6(w, m);
      break;
    case 7:
    case 13: {
      unsigned mm[4];
      for (unsigned u = 0; u < 4; ++u) {
        mm[u] = 40 + 32 * u < m.bitlen ? static_cast<unsigned>(UBits(b, 40 + 32 * u, 30)) : 0;
      }
      w.Key("mmsi1").U(mm[0]).Key("mmsi2").U(mm[1]).Key("mmsi3").U(mm[2]);
      w.Key("mmsi4").U(mm[3]).Raw("}");
      break;
    }
    case 8:
      Type8(w, m);
      break;
    case 9: {
      const Type9& t = m.t9;
      w.Key("alt");
      if (t.alt == 4095) {
        w.Raw("\"nan\"");
      } else if (t.alt == 4094) {
        w.Raw("\"high\"");
      } else {
        w.U(t.alt);
      }
      w.Key("speed");
      if (t.speed == 1023) {
        w.Raw("\"nan\"");
      } else if (t.speed == 1022) {
        w.Raw("\"fast\"");
      } else {
        w.U(t.speed);
      }
      w.Key("accuracy").B(t.accuracy).Key("lon").LatLon6(t.lon).Key("lat").LatLon6(t.lat);
      w.Key("course").Tenths(t.course).Key("second").U(t.second);
      w.Key("regional").U(t.regional).Key("dte").U(t.dte);
      w.Key("raim").B(t.raim).Key("radio").U(t.radio).Raw("}");
      break;
    }
    case 10:
      w.Key("dest_mmsi").U(UBits(b, 40, 30)).Raw("}");
      break;
    case 12:
      w.Key("seqno").U(UBits(b, 38, 2)).Key("dest_mmsi").U(UBits(b, 40, 30));
      w.Key("retransmit").B(UBits(b, 70, 1)).Key("text");
      EndText(s, m, 72);
      w.Raw("}");
      break;
    case 14:
      w.Key("text");
      EndText(s, m, 40);
      w.Raw("}");
      break;
    case 15: {
      unsigned t12 = 0, o12 = 0, mm2 = 0, t21 = 0, o21 = 0;
      if (m.bitlen > 90) {
        t12 = static_cast<unsigned>(UBits(b, 90, 6));
        o12 = static_cast<unsigned>(UBits(b, 96, 12));
        if (m.bitlen > 110) {
          mm2 = static_cast<unsigned>(UBits(b, 110, 30));
          t21 = static_cast<unsigned>(UBits(b, 140, 6));
          o21 = static_cast<unsigned>(UBits(b, 146, 12));
        }
      }
      w.Key("mmsi1").U(UBits(b, 40, 30)).Key("type1_1").U(UBits(b, 70, 6));
      w.Key("offset1_1").U(UBits(b, 76, 12)).Key("type1_2").U(t12).Key("offset1_2").U(o12);
      w.Key("mmsi2").U(mm2).Key("type2_1").U(t21).Key("offset2_1").U(o21).Raw("}");
      break;
    }
    case 16: {
      bool two = m.bitlen >= 144;
      w.Key("mmsi1").U(UBits(b, 40, 30)).Key("offset1").U(UBits(b, 70, 12));
      w.Key("increment1").U(UBits(b, 82, 10));
      w.Key("mmsi2").U(two ? UBits(b, 92, 30) : 0).Key("offset2").U(two ? UBits(b, 122, 12) : 0);
      w.Key("increment2").U(two ? UBits(b, 134, 10) : 0).Raw("}");
      break;
    }
    case 17:
      w.Key("lon").F(SBits(b, 40, 18) / 600.0, 1).Key("lat").F(SBits(b, 58, 17) / 600.0, 1);
      Data(w, b, 10, m.bitlen - 80, false);
      w.Raw("}");
      break;
    case 18:
    case 19: {
      const Type18& t = m.t18;
      w.Key("reserved").U(t.reserved).Key("speed").Tenths(t.speed);
      w.Key("accuracy").B(t.accuracy).Key("lon").LatLon6(t.lon).Key("lat").LatLon6(t.lat);
      w.Key("course").Tenths(t.course).Key("heading").U(t.heading);
      w.Key("second").U(t.second).Key("regional").U(t.regional);
      if (m.type == 18) {
        w.Key("cs").B(t.cs).Key("display").B(t.display).Key("dsc").B(t.dsc);
        w.Key("band").B(t.band).Key("msg22").B(t.msg22).Key("raim").B(t.raim);
        w.Key("radio").U(t.radio).Raw("}");
      } else {
        w.Key("shipname").Str(t.shipname).Key("shiptype").U(t.shiptype);
        w.Key("shiptype_text").RawStr(ShipTypeText(t.shiptype));
        w.Key("to_bow").U(t.to_bow).Key("to_stern").U(t.to_stern);
        w.Key("to_port").U(t.to_port).Key("to_starboard").U(t.to_starboard);
        w.Key("epfd").U(t.epfd).Key("epfd_text").RawStr(EpfdText(t.epfd));
        w.Key("raim").B(t.raim).Key("dte").U(t.dte ? 1 : 0).Key("assigned").B(t.assigned);
        w.Raw("}");
      }
      break;
    }
    case 20: {
      const char* f[4] = {"offset", "number", "timeout", "increment"};
      const unsigned wd[4] = {12, 4, 3, 11};
      for (unsigned g = 0; g < 4; ++g) {
        unsigned o = 40 + 30 * g;
        for (unsigned k = 0; k < 4; ++k) {
          w.Raw(",\"").Raw(f[k]).U(g + 1).Raw("\":").U(UBits(b, o, wd[k]));
          o += wd[k];
        }
      }
      w.Raw("}");
      break;
    }
    case 21: {
      const Type21& t = m.t21;
      w.Key("aid_type").U(t.aid_type).Key("aid_type_text").RawStr(kNavaid[t.aid_type]);
      w.Key("name").Str(t.name).Key("lon").LatLon6(t.lon).Key("lat").LatLon6(t.lat);
      w.Key("accuracy").B(t.accuracy).Key("to_bow").U(t.to_bow).Key("to_stern").U(t.to_stern);
      w.Key("to_port").U(t.to_port).Key("to_starboard").U(t.to_starboard);
      w.Key("epfd").U(t.epfd).Key("epfd_text").RawStr(EpfdText(t.epfd));
      w.Key("second").U(t.second).Key("regional").U(t.regional);
      w.Key("off_position").B(t.off_position).Key("raim").B(t.raim);
      w.Key("virtual_aid").B(t.virtual_aid).Raw("}");
      break;
    }
    case 22: {
      bool addressed = UBits(b, 139, 1) != 0;
      w.Key("channel_a").U(UBits(b, 40, 12)).Key("channel_b").U(UBits(b, 52, 12));
      w.Key("txrx").U(UBits(b, 64, 4)).Key("power").B(UBits(b, 68, 1));
      if (addressed) {
        w.Key("dest1").U(UBits(b, 69, 30)).Key("dest2").U(UBits(b, 104, 30));
      } else {
        w.Key("ne_lon").Raw("\"").F(SBits(b, 69, 18) / 600.0, 6).Raw("\"");
        w.Key("ne_lat").Raw("\"").F(SBits(b, 87, 17) / 600.0, 6).Raw("\"");
        w.Key("sw_lon").Raw("\"").F(SBits(b, 104, 18) / 600.0, 6).Raw("\"");
        w.Key("sw_lat").Raw("\"").F(SBits(b, 122, 17) / 600.0, 6).Raw("\"");
      }
      w.Key("addressed").B(addressed).Key("band_a").B(UBits(b, 140, 1));
      w.Key("band_b").B(UBits(b, 141, 1)).Key("zonesize").U(UBits(b, 142, 3)).Raw("}");
      break;
    }
    case 23: {
      unsigned st = static_cast<unsigned>(UBits(b, 110, 4));
      unsigned sh = static_cast<unsigned>(UBits(b, 114, 8));
      w.Key("ne_lon").Raw("\"").F(SBits(b, 40, 18) / 600.0, 6).Raw("\"");
      w.Key("ne_lat").Raw("\"").F(SBits(b, 58, 17) / 600.0, 6).Raw("\"");
      w.Key("sw_lon").Raw("\"").F(SBits(b, 75, 18) / 600.0, 6).Raw("\"");
      w.Key("sw_lat").Raw("\"").F(SBits(b, 93, 17) / 600.0, 6).Raw("\"");
      w.Key("stationtype").U(st).Key("stationtype_text").RawStr(kStationType[st]);
      w.Key("shiptype").U(sh).Key("shiptype_text").RawStr(ShipTypeText(sh));
      w.Key("interval").U(UBits(b, 146, 4)).Key("quiet").U(UBits(b, 150, 4)).Raw("}");
      break;
    }
    case 24: {
      const Type24& t = m.t24;
      const bool part_a = t.partno == 0, part_b = t.partno == 1 && !m.t24_merged;
      if (part_a) w.Key("part").Raw("\"A\"");
      if (part_b) w.Key("part").Raw("\"B\"");
      if (!part_b) w.Key("shipname").Str(t.shipname);
      if (!part_a) {
        w.Key("shiptype").U(t.shiptype).Key("shiptype_text").RawStr(ShipTypeText(t.shiptype));
        w.Key("vendorid").Str(t.vendorid).Key("model").U(t.model);
        w.Key("serial").U(t.serial).Key("callsign").Str(t.callsign);
        if (m.mmsi / 10000000 == 98) {  // auxiliary craft: mothership MMSI instead
          w.Key("mothership_mmsi").U(t.mothership_mmsi);
        } else {
          w.Key("to_bow").U(t.to_bow).Key("to_stern").U(t.to_stern);
          w.Key("to_port").U(t.to_port).Key("to_starboard").U(t.to_starboard);
        }
      }
      w.Raw("}");
      break;
    }
    case 25: {
      bool addressed = UBits(b, 38, 1) != 0, structured = UBits(b, 39, 1) != 0;
      w.Key("addressed").B(addressed).Key("structured").B(structured);
      w.Key("dest_mmsi").U(addressed ? UBits(b, 40, 30) : 0);
      w.Key("app_id").U(structured ? UBits(b, addressed ? 70 : 40, 16) : 0);
      ShiftedData(w, m, addressed, structured, m.bitlen - 40 - 16 * structured);
      w.Raw("}");
      break;
    }
    case 26: {
      bool addressed = UBits(b, 38, 1) != 0, structured = UBits(b, 39, 1) != 0;
      w.Key("addressed").B(addressed).Key("structured").B(structured);
      w.Key("dest_mmsi").U(addressed ? UBits(b, 40, 30) : 0);
      w.Key("app_id").U(structured ? UBits(b, addressed ? 70 : 40, 16) : 0);
      ShiftedData(w, m, addressed, structured, m.bitlen - 60 - 16 * structured);
      // gpsd never fills in the radio status of type 26 and prints 0.
      w.Key("radio").U(0).Raw("}");
      break;
    }
    case 27: {
      const Type27& t = m.t27;
      w.Key("status").RawStr(kNavStatus[t.status]).Key("accuracy").B(t.accuracy);
      w.Key("lon").F(t.lon / 600.0, 1).Key("lat").F(t.lat / 600.0, 1);
      w.Key("speed").U(t.speed).Key("course").U(t.course);
      w.Key("raim").B(t.raim).Key("gnss").B(t.gnss).Raw("}");
      break;
    }
    default:
      w.Raw("}");
      break;
  }
  if (opts.rx_fields && !opts.gpsd_compat && (m.rx_time_ms >= 0 || m.station[0] != '\0')) {
    // Our receive metadata goes after gpsd's fields so a prefix diff still works.
    out->pop_back();  // the closing brace
    if (m.rx_time_ms >= 0) {
      w.Key("rx_time").Raw("\"").Raw(FormatIsoUtc(m.rx_time_ms / 1000));
      if (m.rx_time_ms % 1000 != 0) {
        out->pop_back();  // 'Z'
        char ms[8];
        std::snprintf(ms, sizeof(ms), ".%03d", static_cast<int>(m.rx_time_ms % 1000));
        w.Raw(ms).Raw("Z");
      }
      w.Raw("\"");
    }
    if (m.station[0] != '\0') w.Key("station").Str(m.station);
    w.Raw("}");
  }
  return true;
}

}  // namespace interdict::ais
