// AIS: turns vessel timelines into received NMEA sentences, one file per UTC day.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "core/file.h"
#include "simulate/ais_codec.h"
#include "simulate/tables.h"
#include "simulate/world.h"

namespace interdict::sim {
namespace {

struct Line {
  int64_t t;
  uint64_t order;
  std::string text;
  bool single = true;  // a one-fragment sentence (may be corrupted)
};

// Terrestrial coverage: within ~80 km of a port or a strait station.
class Coverage {
 public:
  bool Terrestrial(double lat, double lon, std::string* station) {
    int64_t key = static_cast<int64_t>(std::floor(lat * 5)) * 10000 + static_cast<int64_t>(std::floor(lon * 5));
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      *station = it->second;
      return !station->empty();
    }
    double clat = (std::floor(lat * 5) + 0.5) / 5, clon = (std::floor(lon * 5) + 0.5) / 5;
    std::string best;
    double bd = 80;
    for (const PortInfo& p : Ports()) {
      double d = HaversineKm(clat, clon, p.anch_lat, p.anch_lon);
      if (d < bd) {
        bd = d;
        best = std::string("T-") + p.locode;
      }
    }
    static const char* kCoastal[] = {"DOVER", "GIBRALTAR", "SINGAPORE_STR", "SUEZ_N", "SUEZ_S",
                                     "MARMARA", "BOSPORUS_N", "HORMUZ", "MALACCA_MID", "KOREA_STR",
                                     "TAIWAN_STR", "SOUND", "DARDANELLES", "MATAPAN", "BAB", "CHANNEL_W",
                                     "NORTHSEA", "KATTEGAT", "EAST_CHINA", "HK_APP", "GULF_OMAN"};
    for (const char* name : kCoastal)
      for (const Waypoint& w : Waypoints())
        if (std::string(name) == w.name) {
          double d = HaversineKm(clat, clon, w.lat, w.lon);
          if (d < bd) {
            bd = d;
            best = std::string("T-") + w.name;
          }
        }
    if (best.size() > 12) best = best.substr(0, 12);
    for (char& c : best)
      if (c == '_') c = '-';
    cache_[key] = best;
    *station = best;
    return !best.empty();
  }

 private:
  std::unordered_map<int64_t, std::string> cache_;
};

struct Identity {
  uint32_t mmsi;
  std::string name, callsign;
};

Identity IdentityAt(const Vessel& v, int64_t t) {
  Identity id{v.mmsi, v.name, v.callsign};
  for (const auto& ic : v.id_changes)
    if (ic.t <= t) {
      id.mmsi = ic.mmsi;
      id.name = ic.name;
      id.callsign = ic.callsign;
    }
  return id;
}

bool Dark(const Vessel& v, int64_t t) {
  for (const auto& [a, b] : v.dark)
    if (t >= a && t < b) return true;
  return false;
}

const Spoof* SpoofAt(const Vessel& v, int64_t t) {
  for (const auto& s : v.spoofs)
    if (t >= s.t0 && t < s.t1) return &s;
  return nullptr;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Status WriteAis(World* w, const std::string& dir, Rng* rng) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir + "/ais", ec);
  if (ec) return Status::IoError(dir + "/ais: " + ec.message());
  Coverage cov;
  std::vector<Line> lines;
  lines.reserve(static_cast<size_t>(w->cfg.vessels) * static_cast<size_t>(w->cfg.ais_days) * 120);
  uint64_t order = 0;
  int group = 0, seq = 0;
  AisStats& st = w->ais;
  auto emit = [&](int64_t t, const std::string& station, const std::string& sentence, bool single,
                  int gnum = 0, int gtot = 0, int gid = 0) {
    lines.push_back({t, order++, TagBlock(t, station, gnum, gtot, gid) + sentence, single});
  };
  for (size_t vi = 0; vi < w->vessels.size(); ++vi) {
    const Vessel& v = w->vessels[vi];
    if (v.segs.empty()) continue;
    Rng r = rng->Fork();
    int64_t t = std::max(w->ais_start, v.segs.front().t0) + r.Between(0, 300);
    int64_t next_static = t + r.Between(0, 3600);
    int64_t sat_gap_until = 0;
    double heading_bias = r.Uniform() * 6 - 3;
    while (t < w->ais_end) {
      VesselState s;
      if (!StateAt(v, t, &s)) break;
      const Spoof* sp = SpoofAt(v, t);
      if (sp) {
        double ang = static_cast<double>(t - sp->t0) / 3600.0 * 0.2;
        s.lat = sp->lat + 0.004 * std::sin(ang);
        s.lon = sp->lon + 0.004 * std::cos(ang);
        s.sog = 0.1 + 0.3 * r.Uniform();
        s.cog = std::fmod(ang * 57.3 + 720, 360);
        s.nav = 1;
        s.sailing = false;
      }
      std::string station;
      bool terr = cov.Terrestrial(s.lat, s.lon, &station);
      int64_t interval;
      if (s.sailing) interval = terr ? r.Between(240, 480) : r.Between(1200, 3000);
      else interval = s.nav == 1 ? r.Between(700, 1100) : r.Between(1000, 1500);
      interval = interval * 3 / 4;  // tuned: medium world ~ 1 M sentences
      if (v.class_b) interval = interval * 3 / 2;
      bool received = !Dark(v, t);
      if (received && !terr) {
        if (t < sat_gap_until) received = false;
        else if (r.Chance(0.015)) sat_gap_until = t + r.Between(3600, 5 * 3600);
        station = "S-SAT" + std::to_string(10 + (t / 5400) % 12);
      }
      if (received) {
        Identity id = IdentityAt(v, t);
        int64_t rx = t + (terr ? r.Between(0, 2) : r.Between(5, 90));
        PositionReport p;
        p.mmsi = id.mmsi;
        p.lat = s.lat + (r.Uniform() - 0.5) * 0.0001;
        p.lon = s.lon + (r.Uniform() - 0.5) * 0.0001;
        if (p.lon > 180) p.lon -= 360;
        p.sog_knots = s.sailing ? std::max(0.0, s.sog + (r.Uniform() - 0.5) * 0.6) : s.sog;
        p.cog_deg = s.sailing ? s.cog + (r.Uniform() - 0.5) * 2 : s.cog;
        p.heading = s.sailing || s.sog > 0.05 ? static_cast<int>(std::fmod(p.cog_deg + heading_bias + 360, 360)) : static_cast<int>(vi * 37 % 360);
        p.nav_status = s.nav;
        p.second = static_cast<int>(t % 60);
        if (v.class_b) {
          p.msg_type = 18;
        } else {
          double u = r.Uniform();
          p.msg_type = u < 0.86 ? 1 : u < 0.96 ? 3 : 2;
        }
        int fill = 0;
        std::string payload = EncodePosition(p, &fill);
        std::string sentence = AivdmSentence(1, 1, -1, r.Chance(0.5) ? 'A' : 'B', payload, fill);
        emit(rx, station, sentence, true);
        ++st.position_reports;
        if (r.Chance(0.003)) {
          // The same message heard by a second receiver, or logged twice.
          std::string other = r.Chance(0.5) ? station : (terr ? "S-SAT" + std::to_string(10 + (t / 5400) % 12) : station);
          emit(rx + (other == station ? 0 : r.Between(1, 30)), other, sentence, true);
          ++st.duplicates;
        }
        if (t >= next_static) {
          next_static = t + r.Between(2 * 3600, 4 * 3600);
          StaticReport sr;
          sr.mmsi = id.mmsi;
          sr.imo = static_cast<uint32_t>(std::stoul(v.imo));
          sr.callsign = id.callsign;
          sr.name = Upper(id.name);
          sr.ship_type = v.ship_type;
          sr.to_bow = v.length / 2 + 5;
          sr.to_stern = v.length - sr.to_bow;
          sr.to_port = v.beam / 2;
          sr.to_starboard = v.beam - sr.to_port;
          sr.draught_m = v.draught * (s.sailing ? 0.85 : 0.7);
          // Destination and ETA from the timeline.
          for (const Segment& g : v.segs)
            if (g.sailing && g.t0 <= t && g.t1 > t && g.to_port >= 0) {
              sr.destination = Ports()[static_cast<size_t>(g.to_port)].locode;
              std::string eta = FormatIsoUtc(g.t1);
              sr.eta_month = std::stoi(eta.substr(5, 2));
              sr.eta_day = std::stoi(eta.substr(8, 2));
              sr.eta_hour = std::stoi(eta.substr(11, 2));
              sr.eta_minute = std::stoi(eta.substr(14, 2));
            }
          int64_t srx = rx + r.Between(1, 20);
          if (v.class_b) {
            int f1 = 0, f2 = 0;
            std::string a = EncodeStatic24A(sr, &f1);
            std::string b = EncodeStatic24B(sr, &f2);
            emit(srx, station, AivdmSentence(1, 1, -1, 'B', a, f1), true);
            emit(srx + r.Between(1, 10), station, AivdmSentence(1, 1, -1, 'B', b, f2), true);
            st.static_reports += 2;
          } else {
            int f = 0;
            std::string payload5 = EncodeStatic5(sr, &f);
            char ch = r.Chance(0.5) ? 'A' : 'B';
            int sq = seq;
            seq = (seq + 1) % 10;
            int gid = ++group;
            std::string p1 = payload5.substr(0, 60), p2 = payload5.substr(60);
            emit(srx, station, AivdmSentence(2, 1, sq, ch, p1, 0), false, 1, 2, gid);
            emit(srx, station, AivdmSentence(2, 2, sq, ch, p2, f), false, 2, 2, gid);
            st.static_reports += 1;
          }
        }
      }
      t += interval;
    }
  }
  // Order by receive time; equal times keep emission order.
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return a.t != b.t ? a.t < b.t : a.order < b.order;
  });
  // A few corrupt single-fragment sentences, counted in the key.
  size_t n = lines.size();
  int64_t want_corrupt = std::max<int64_t>(3, static_cast<int64_t>(n / 8000));
  for (int64_t c = 0; c < want_corrupt && n > 0; ++c) {
    size_t i = static_cast<size_t>(rng->Between(0, static_cast<int64_t>(n) - 1));
    Line& l = lines[i];
    if (!l.single || l.text.find("!AIVDM") == std::string::npos || l.order == UINT64_MAX) continue;
    size_t bang = l.text.find('!');
    int kind = static_cast<int>(rng->Between(0, 3));
    std::string name;
    if (kind == 0) {  // checksum does not match
      char& last = l.text.back();
      last = last == '0' ? '1' : '0';
      name = "bad_checksum";
    } else if (kind == 1) {  // line cut short
      l.text.resize(bang + 20);
      name = "truncated";
    } else if (kind == 2) {  // a character outside the 6-bit armour, checksum recomputed
      size_t comma = l.text.find(',', bang);
      for (int k = 0; k < 4; ++k) comma = l.text.find(',', comma + 1);
      l.text[comma + 5] = 'x';
      size_t star = l.text.rfind('*');
      l.text = l.text.substr(0, star + 1) + NmeaChecksum(std::string_view(l.text).substr(bang + 1, star - bang - 1));
      name = "bad_armor";
    } else {  // tag block checksum wrong
      size_t star = l.text.find('*');
      l.text[star + 1] = l.text[star + 1] == 'F' ? 'E' : 'F';
      name = "bad_tag_checksum";
    }
    l.order = UINT64_MAX;  // mark: corrupted once
    st.corrupt_by_kind[name]++;
    st.corrupt++;
  }
  // Out of order: a few lines swapped with a neighbour a little later.
  for (size_t k = 0; k < n / 2000; ++k) {
    size_t i = static_cast<size_t>(rng->Between(0, static_cast<int64_t>(n) - 30));
    size_t j = i + static_cast<size_t>(rng->Between(3, 25));
    if (!lines[i].single || !lines[j].single) continue;
    if (lines[i].t / kDay != lines[j].t / kDay || lines[i].t == lines[j].t) continue;
    std::swap(lines[i], lines[j]);
    st.out_of_order++;
  }
  // One file per UTC day.
  std::string buf;
  int64_t day = -1;
  auto flush = [&]() -> Status {
    if (day < 0) return Status::Ok();
    std::string name = "ais/" + FormatIsoUtc(day * kDay).substr(0, 10) + ".nmea";
    st.files.push_back(name);
    Status s = WriteFileAtomic(dir + "/" + name, buf);
    buf.clear();
    return s;
  };
  for (const Line& l : lines) {
    int64_t d = l.t / kDay;
    if (d != day) {
      RETURN_IF_ERROR(flush());
      day = d;
    }
    buf += l.text;
    buf += '\n';
    st.lines++;
    st.sentences++;
  }
  RETURN_IF_ERROR(flush());
  return Status::Ok();
}

}  // namespace interdict::sim
