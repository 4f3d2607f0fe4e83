// Track store file format (docs/formats/tracks.md): delta-encoded columns per track, a
// header with counts and an FNV-1a trailer. Loading checks every count against the bytes
// left before allocating, so a corrupt or hostile file cannot make us allocate or crash.
#include <cstring>
#include <string>

#include "core/file.h"
#include "interdict/tracks.h"

namespace interdict::ais {

namespace {

constexpr char kMagic[8] = {'I', 'D', 'T', 'R', 'K', 'S', '0', '1'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8;
// Every position costs at least one byte in each of its 8 columns.
constexpr size_t kMinBytesPerPosition = 8;
// A static interval: 2 svarints, 3 strings, 10 varints, at least one byte each.
constexpr size_t kMinBytesPerStatic = 15;

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) h = (h ^ static_cast<uint8_t>(c)) * 1099511628211ULL;
  return h;
}

void PutFixed(std::string* o, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) o->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutVarint(std::string* o, uint64_t v) {
  while (v >= 0x80) {
    o->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  o->push_back(static_cast<char>(v));
}
void PutSvarint(std::string* o, int64_t v) {
  PutVarint(o, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}
void PutStr(std::string* o, const std::string& s) {
  PutVarint(o, s.size());
  o->append(s);
}

// Reads with bounds checks; the first failure sticks and names the offset.
class Cursor {
 public:
  Cursor(std::string_view data, std::string_view name) : d_(data), name_(name) {}
  bool ok() const { return err_.empty(); }
  size_t pos() const { return p_; }
  size_t left() const { return d_.size() - p_; }
  Status status() const {
    return Status::Corruption(std::string(name_) + ": byte " + std::to_string(err_pos_) + ": " +
                              err_);
  }
  void Fail(const std::string& what) {
    if (err_.empty()) {
      err_ = what;
      err_pos_ = p_;
    }
  }
  uint64_t Fixed(int bytes) {
    if (left() < static_cast<size_t>(bytes)) {
      Fail("truncated");
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= uint64_t{static_cast<uint8_t>(d_[p_ + i])} << (8 * i);
    p_ += bytes;
    return v;
  }
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (p_ >= d_.size()) {
        Fail("truncated varint");
        return 0;
      }
      const uint8_t b = static_cast<uint8_t>(d_[p_++]);
      if (shift == 63 && b > 1) break;
      v |= uint64_t{b & 0x7Fu} << shift;
      if ((b & 0x80) == 0) return v;
    }
    Fail("varint longer than 10 bytes");
    return 0;
  }
  int64_t Svarint() {
    const uint64_t u = Varint();
    return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
  }
  std::string Str() {
    const uint64_t n = Varint();
    if (n > left()) {
      Fail("string longer than the file");
      return {};
    }
    std::string s(d_.substr(p_, n));
    p_ += n;
    return s;
  }
  uint8_t Byte() { return static_cast<uint8_t>(Fixed(1)); }

 private:
  std::string_view d_;
  std::string_view name_;
  size_t p_ = 0;
  std::string err_;
  size_t err_pos_ = 0;
};

}  // namespace

struct TrackIo {
  static void Write(const TrackStore& s, std::string* o) {
    o->append(kMagic, sizeof(kMagic));
    PutFixed(o, kVersion, 4);
    PutFixed(o, 0, 4);
    PutFixed(o, s.tracks_.size(), 8);
    PutFixed(o, s.positions_, 8);
    for (const Track& t : s.tracks_) {
      const size_t n = t.size();
      PutVarint(o, t.mmsi_);
      PutVarint(o, n);
      int64_t prev = 0;
      for (size_t i = 0; i < n; ++i) {
        PutSvarint(o, t.time_ms_[i] - prev);
        prev = t.time_ms_[i];
      }
      prev = 0;
      for (size_t i = 0; i < n; ++i) {
        PutSvarint(o, t.lat_[i] - prev);
        prev = t.lat_[i];
      }
      prev = 0;
      for (size_t i = 0; i < n; ++i) {
        PutSvarint(o, t.lon_[i] - prev);
        prev = t.lon_[i];
      }
      for (size_t i = 0; i < n; ++i) PutVarint(o, t.sog_[i]);
      for (size_t i = 0; i < n; ++i) PutVarint(o, t.cog_[i]);
      for (size_t i = 0; i < n; ++i) PutVarint(o, t.heading_[i]);
      o->append(reinterpret_cast<const char*>(t.bits_.data()), n);
      prev = 0;
      for (size_t i = 0; i < n; ++i) {
        PutSvarint(o, static_cast<int64_t>(t.seg_[i]) - prev);
        prev = t.seg_[i];
      }
      PutVarint(o, t.statics_.size());
      for (const StaticInterval& si : t.statics_) {
        PutSvarint(o, si.first_ms);
        PutSvarint(o, si.last_ms - si.first_ms);
        PutStr(o, si.data.name);
        PutStr(o, si.data.callsign);
        PutStr(o, si.data.destination);
        PutVarint(o, si.data.imo);
        PutVarint(o, si.data.shiptype);
        PutVarint(o, si.data.length_m);
        PutVarint(o, si.data.width_m);
        PutVarint(o, si.data.to_bow);
        PutVarint(o, si.data.to_stern);
        PutVarint(o, si.data.to_port);
        PutVarint(o, si.data.to_starboard);
        PutVarint(o, si.data.draught_dm);
        PutVarint(o, static_cast<uint64_t>(si.source));
      }
    }
    PutFixed(o, Fnv1a(*o), 8);
  }

  static Result<TrackStore> Read(std::string_view bytes, std::string_view name, TrackOptions opts) {
    const std::string file(name);
    if (bytes.size() < kHeaderBytes + 8)
      return Status::Corruption(file + ": too short for a track store");
    if (std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
      return Status::Corruption(file + ": not a track store (bad magic)");
    }
    std::string_view body = bytes.substr(0, bytes.size() - 8);
    Cursor tail(bytes.substr(bytes.size() - 8), name);
    if (tail.Fixed(8) != Fnv1a(body)) return Status::Corruption(file + ": checksum mismatch");
    Cursor c(body, name);
    c.Fixed(8);
    const uint64_t version = c.Fixed(4);
    if (version != kVersion) {
      return Status::Corruption(file + ": unsupported version " + std::to_string(version));
    }
    if (c.Fixed(4) != 0) return Status::Corruption(file + ": unknown flags");
    const uint64_t ntracks = c.Fixed(8);
    const uint64_t npos = c.Fixed(8);
    if (npos > c.left() / kMinBytesPerPosition || ntracks > c.left() / 2) {
      return Status::Corruption(file + ": header counts larger than the file");
    }
    TrackStore s;
    s.opts_ = opts;
    s.tracks_.reserve(ntracks);
    uint64_t total = 0;
    for (uint64_t k = 0; k < ntracks && c.ok(); ++k) {
      Track t;
      const uint64_t mmsi = c.Varint();
      if (mmsi == 0 || mmsi > 0xFFFFFFFFu) c.Fail("bad MMSI");
      if (!s.tracks_.empty() && mmsi <= s.tracks_.back().mmsi_) c.Fail("tracks not in MMSI order");
      t.mmsi_ = static_cast<uint32_t>(mmsi);
      const uint64_t n = c.Varint();
      if (n > c.left() / kMinBytesPerPosition) c.Fail("position count larger than the file");
      if (!c.ok()) break;
      t.time_ms_.resize(n);
      t.lat_.resize(n);
      t.lon_.resize(n);
      t.sog_.resize(n);
      t.cog_.resize(n);
      t.heading_.resize(n);
      t.bits_.resize(n);
      t.seg_.resize(n);
      int64_t v = 0;
      for (size_t i = 0; i < n; ++i) {
        const int64_t d = c.Svarint();
        if (d < 0 || (i == 0 && d < 0)) c.Fail("positions out of time order");
        v += d;
        t.time_ms_[i] = v;
      }
      v = 0;
      for (size_t i = 0; i < n; ++i) {
        v += c.Svarint();
        if (v < -90 * 600000 || v > 90 * 600000) c.Fail("latitude out of range");
        t.lat_[i] = static_cast<int32_t>(v);
      }
      v = 0;
      for (size_t i = 0; i < n; ++i) {
        v += c.Svarint();
        if (v < -180 * 600000 || v > 180 * 600000) c.Fail("longitude out of range");
        t.lon_[i] = static_cast<int32_t>(v);
      }
      for (size_t i = 0; i < n; ++i)
        t.sog_[i] = static_cast<uint16_t>(std::min<uint64_t>(c.Varint(), kSogNa));
      for (size_t i = 0; i < n; ++i)
        t.cog_[i] = static_cast<uint16_t>(std::min<uint64_t>(c.Varint(), kCogNa));
      for (size_t i = 0; i < n; ++i) {
        t.heading_[i] = static_cast<uint16_t>(std::min<uint64_t>(c.Varint(), kHeadingNa));
      }
      for (size_t i = 0; i < n; ++i) t.bits_[i] = c.Byte();
      v = 0;
      for (size_t i = 0; i < n; ++i) {
        v += c.Svarint();
        if (v < 0 || v > 0xFFFFFFFFll) c.Fail("bad segment id");
        t.seg_[i] = static_cast<uint32_t>(v);
      }
      const uint64_t ns = c.Varint();
      if (ns > c.left() / kMinBytesPerStatic) c.Fail("static count larger than the file");
      if (!c.ok()) break;
      t.statics_.resize(ns);
      for (StaticInterval& si : t.statics_) {
        si.first_ms = c.Svarint();
        si.last_ms = si.first_ms + c.Svarint();
        si.data.name = c.Str();
        si.data.callsign = c.Str();
        si.data.destination = c.Str();
        si.data.imo = static_cast<uint32_t>(c.Varint());
        si.data.shiptype = static_cast<uint8_t>(c.Varint());
        si.data.length_m = static_cast<uint16_t>(c.Varint());
        si.data.width_m = static_cast<uint16_t>(c.Varint());
        si.data.to_bow = static_cast<uint16_t>(c.Varint());
        si.data.to_stern = static_cast<uint16_t>(c.Varint());
        si.data.to_port = static_cast<uint8_t>(c.Varint());
        si.data.to_starboard = static_cast<uint8_t>(c.Varint());
        si.data.draught_dm = static_cast<uint16_t>(c.Varint());
        si.source = static_cast<PosSource>(c.Varint() & 3);
      }
      if (!c.ok()) break;
      t.RebuildSegments();
      total += n;
      s.tracks_.push_back(std::move(t));
    }
    if (!c.ok()) return c.status();
    if (c.left() != 0) return Status::Corruption(file + ": trailing bytes after the last track");
    if (total != npos) return Status::Corruption(file + ": position total disagrees with header");
    s.positions_ = total;
    for (const Track& t : s.tracks_) {
      s.build_stats_.segments += t.segments_.size();
      s.build_stats_.static_intervals += t.statics_.size();
    }
    s.build_stats_.positions_stored = total;
    s.build_stats_.tracks = s.tracks_.size();
    s.BuildIndex();
    return s;
  }
};

std::string TrackStore::Serialize() const {
  std::string out;
  out.reserve(kHeaderBytes + positions_ * 14 + 64);
  TrackIo::Write(*this, &out);
  return out;
}

Result<TrackStore> TrackStore::Deserialize(std::string_view bytes, std::string_view name,
                                           TrackOptions opts) {
  return TrackIo::Read(bytes, name, opts);
}

Status TrackStore::Save(const std::string& path) const {
  Status st = WriteFileAtomic(path, Serialize());
  if (!st.ok()) st.Annotate(path);
  return st;
}

Result<TrackStore> TrackStore::Load(const std::string& path, TrackOptions opts) {
  ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  return TrackIo::Read(file->data(), path, opts);
}

}  // namespace interdict::ais
