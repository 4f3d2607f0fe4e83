// Stream decoding: lines -> sentences -> reassembled payloads -> messages.
//
// Reassembly is keyed on (station, channel, sequence id, fragment count), or on the
// tag-block group id when a g: tag is present, so interleaved multi-part messages on one
// channel (which gpsd drops) come out whole, and fragments may arrive out of order.
// Partial messages expire after a TTL in lines or receive time; what expires, overflows
// or is left at the end is counted as orphans. A repeated fragment number is counted as
// a duplicate (and, if its payload differs, starts a new message).
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <vector>

#include "ais/internal.h"
#include "core/file.h"
#include "interdict/ais.h"

namespace interdict::ais {

std::string AisStats::ToString() const {
  std::ostringstream os;
  os << "lines=" << lines << " sentences=" << sentences << " fragments=" << fragments
     << " messages=" << messages << " skipped=" << skipped_lines << " bad_checksum=" << bad_checksum
     << " bad_tag_blocks=" << bad_tag_blocks << " malformed=" << malformed
     << " decode_errors=" << decode_errors << " orphans=" << orphans
     << " duplicates=" << duplicates;
  return os.str();
}

namespace {

constexpr int kMaxFrags = 9;
constexpr int kMaxFragChars = 96;  // an NMEA sentence is at most 82 characters
constexpr int kStationMax = sizeof(AisMessage::station) - 1;

struct Pending {
  uint64_t key = 0;
  bool used = false;
  int count = 0;
  uint16_t have = 0;  // bitmask of fragment numbers present
  int64_t first_line = 0;
  int64_t first_time_ms = -1;
  int64_t time_ms = -1;
  char channel = 0;
  bool own_ship = false;
  char station[kStationMax + 1] = {0};
  uint8_t len[kMaxFrags] = {0};
  uint8_t fill = 0;  // fill bits of the last fragment
  char text[kMaxFrags][kMaxFragChars];
};

uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  return h;
}

uint64_t HashStr(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) h = (h ^ static_cast<uint8_t>(c)) * 1099511628211ULL;
  return h;
}

char NormChannel(char c) {
  if (c == '1') return 'A';
  if (c == '2') return 'B';
  return c;
}

void CopyStation(std::string_view s, char* to) {
  size_t n = s.size() < static_cast<size_t>(kStationMax) ? s.size() : kStationMax;
  std::memcpy(to, s.data(), n);
  to[n] = '\0';
}

}  // namespace

class AisStreamDecoder::Impl {
 public:
  Impl(Sink sink, ReassemblyOptions opts, AisStats* stats)
      : sink_(std::move(sink)), opts_(opts), stats_(stats) {}

  void FeedLine(std::string_view line) {
    ++stats_->lines;
    ++line_no_;
    NmeaSentence s;
    switch (ParseNmeaLine(line, &s)) {
      case LineKind::kAis:
        break;
      case LineKind::kEmpty:
      case LineKind::kNotAis:
        ++stats_->skipped_lines;
        return;
      case LineKind::kPghp:
        ++stats_->skipped_lines;
        pghp_time_ms_ = s.meta.time_ms;
        CopyStation(s.meta.station, pghp_station_);
        return;
      case LineKind::kBadChecksum:
        ++stats_->bad_checksum;
        return;
      case LineKind::kMalformed:
        ++stats_->malformed;
        return;
    }
    if (s.frag_count > 1 && s.payload.size() > static_cast<size_t>(kMaxFragChars)) {
      ++stats_->malformed;  // longer than any real fragment; we keep no room for it
      return;
    }
    ++stats_->sentences;
    if (s.bad_tag_block) ++stats_->bad_tag_blocks;
    if ((line_no_ & 255) == 0) Expire(s.meta.time_ms);
    // A $PGHP header describes the message after it.
    if (s.meta.time_ms < 0 && pghp_time_ms_ >= 0) s.meta.time_ms = pghp_time_ms_;
    std::string_view station = s.meta.station;
    if (station.empty()) station = pghp_station_;

    // A g: group keys the reassembly only when it agrees with the sentence's own
    // fragment fields; a corrupt or inconsistent group tag must not glue unrelated
    // single-sentence messages together.
    const bool grouped = s.meta.group_id >= 0 && s.frag_count > 1 &&
                         s.meta.group_total == s.frag_count && s.meta.group_num == s.frag_num;
    const int count = grouped ? s.meta.group_total : s.frag_count;
    const int num = grouped ? s.meta.group_num : s.frag_num;
    if (count == 1) {
      msg_.rx_time_ms = s.meta.time_ms;
      CopyStation(station, msg_.station);
      msg_.channel = s.channel;
      msg_.own_ship = s.own_ship;
      Emit(s.payload, s.fill_bits, nullptr);
      pghp_time_ms_ = -1;
      return;
    }
    ++stats_->fragments;
    uint64_t key;
    if (grouped) {
      key = Mix(0x6772u, static_cast<uint64_t>(s.meta.group_id));
    } else {
      key = Mix(HashStr(station), static_cast<uint8_t>(NormChannel(s.channel)));
      key = Mix(key, static_cast<uint64_t>(s.seq_id + 1));
      key = Mix(key, static_cast<uint64_t>(count));
      key = Mix(key, s.own_ship ? 1 : 2);
    }
    Pending* p = Find(key);
    const uint16_t bit = static_cast<uint16_t>(1u << num);
    if (p != nullptr && (p->count != count || (p->have & bit))) {
      const int i = num - 1;
      if (p->count == count && p->len[i] == s.payload.size() &&
          std::memcmp(p->text[i], s.payload.data(), s.payload.size()) == 0) {
        ++stats_->duplicates;  // the same fragment again: ignore it
        return;
      }
      if (p->count == count) ++stats_->duplicates;
      // A new message reusing the key: the old one will never complete.
      Orphan(p);
      p = nullptr;
    }
    if (p == nullptr) {
      p = Allocate(key);
      if (p == nullptr) {
        ++stats_->orphans;
        return;
      }
      p->count = count;
      p->first_line = line_no_;
      p->first_time_ms = s.meta.time_ms;
      p->channel = s.channel;
      p->own_ship = s.own_ship;
    }
    const int i = num - 1;
    std::memcpy(p->text[i], s.payload.data(), s.payload.size());
    p->len[i] = static_cast<uint8_t>(s.payload.size());
    p->have |= bit;
    if (num == count) p->fill = static_cast<uint8_t>(s.fill_bits);
    if (s.meta.time_ms >= 0) p->time_ms = s.meta.time_ms;
    if (!station.empty()) CopyStation(station, p->station);
    const uint16_t full = static_cast<uint16_t>(((1u << count) - 1) << 1);
    if (p->have != full) return;
    // Complete: unpack the fragments in order and decode.
    msg_.rx_time_ms = p->time_ms;
    std::memcpy(msg_.station, p->station, sizeof(msg_.station));
    msg_.channel = p->channel;
    msg_.own_ship = p->own_ship;
    Emit({}, p->fill, p);
    Release(p);
    pghp_time_ms_ = -1;
  }

  void Finish() {
    for (Pending& p : pool_) {
      if (p.used) Orphan(&p);
    }
  }

 private:
  void Emit(std::string_view payload, int fill, Pending* p) {
    std::memset(msg_.bits, 0, sizeof(msg_.bits));
    unsigned pos = 0;
    bool ok = true;
    if (p == nullptr) {
      ok = payload.size() * 6 <= static_cast<size_t>(kMaxPayloadBytes) * 8 - 8 &&
           internal::AppendArmour(payload, msg_.bits, &pos);
    } else {
      for (int i = 0; i < p->count && ok; ++i) {
        std::string_view frag(p->text[i], p->len[i]);
        ok = pos + frag.size() * 6 <= static_cast<size_t>(kMaxPayloadBytes) * 8 - 8 &&
             internal::AppendArmour(frag, msg_.bits, &pos);
      }
    }
    if (!ok) {
      ++stats_->decode_errors;
      return;
    }
    msg_.bitlen = static_cast<uint16_t>(pos >= static_cast<unsigned>(fill) ? pos - fill : 0);
    if (DecodeBits(&msg_) != DecodeError::kOk) {
      ++stats_->decode_errors;
      return;
    }
    if (msg_.type == 24) Pair24();
    ++stats_->messages;
    sink_(msg_);
  }

  // gpsd pairs a type-24 part B with a recent part A of the same MMSI and prints the
  // merge; we keep that pairing so gpsd-style output can be made. gpsd's ring holds 8
  // part As; ours holds kRing24 because we also decode the interleaved messages gpsd
  // drops, which would otherwise push pairs out of a ring that small.
  static constexpr int kRing24 = 64;
  void Pair24() {
    if (msg_.t24.partno == 0) {
      Ship24& s = ring24_[ring24_next_];
      s.mmsi = msg_.mmsi;
      std::memcpy(s.name, msg_.t24.shipname, sizeof(s.name));
      ring24_next_ = (ring24_next_ + 1) % kRing24;
      return;
    }
    for (Ship24& s : ring24_) {
      if (s.mmsi == msg_.mmsi && s.mmsi != 0) {
        std::memcpy(msg_.t24.shipname, s.name, sizeof(s.name));
        msg_.t24_merged = true;
        s.mmsi = 0;  // a repeated part B must not match again
        return;
      }
    }
  }

  Pending* Find(uint64_t key) {
    for (size_t i = 0; i < pool_.size(); ++i) {
      if (pool_[i].used && pool_[i].key == key) return &pool_[i];
    }
    return nullptr;
  }

  Pending* Allocate(uint64_t key) {
    Pending* p = nullptr;
    if (!free_.empty()) {
      p = &pool_[free_.back()];
      free_.pop_back();
    } else if (pool_.size() < opts_.max_pending) {
      pool_.emplace_back();
      p = &pool_.back();
    } else {
      // Full: drop the oldest partial message to make room.
      Pending* oldest = nullptr;
      for (Pending& q : pool_) {
        if (q.used && (oldest == nullptr || q.first_line < oldest->first_line)) oldest = &q;
      }
      if (oldest == nullptr) return nullptr;
      Orphan(oldest);
      free_.pop_back();
      p = oldest;
    }
    p->used = true;
    p->key = key;
    p->have = 0;
    p->time_ms = -1;
    p->station[0] = '\0';
    ++live_;
    return p;
  }

  void Release(Pending* p) {
    p->used = false;
    --live_;
    free_.push_back(static_cast<size_t>(p - pool_.data()));
  }

  void Orphan(Pending* p) {
    stats_->orphans += static_cast<uint64_t>(__builtin_popcount(p->have));
    Release(p);
  }

  void Expire(int64_t now_ms) {
    if (live_ == 0) return;
    for (Pending& p : pool_) {
      if (!p.used) continue;
      bool old_line = line_no_ - p.first_line > opts_.ttl_lines;
      bool old_time =
          now_ms >= 0 && p.first_time_ms >= 0 && now_ms - p.first_time_ms > opts_.ttl_ms;
      if (old_line || old_time) Orphan(&p);
    }
  }

  struct Ship24 {
    uint32_t mmsi = 0;
    char name[21] = {0};
  };

  Sink sink_;
  ReassemblyOptions opts_;
  AisStats* stats_;
  AisMessage msg_;
  int64_t line_no_ = 0;
  int64_t pghp_time_ms_ = -1;
  char pghp_station_[kStationMax + 1] = {0};
  std::vector<Pending> pool_;  // pointers into it stay valid: reserved up front
  std::vector<size_t> free_;
  size_t live_ = 0;
  Ship24 ring24_[kRing24];
  int ring24_next_ = 0;

 public:
  void Reserve() { pool_.reserve(opts_.max_pending); }
};

AisStreamDecoder::AisStreamDecoder(Sink sink, ReassemblyOptions opts)
    : impl_(std::make_unique<Impl>(std::move(sink), opts, &stats_)) {
  impl_->Reserve();
}

AisStreamDecoder::~AisStreamDecoder() = default;

void AisStreamDecoder::FeedLine(std::string_view line) { impl_->FeedLine(line); }

void AisStreamDecoder::FeedText(std::string_view text) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) {
      impl_->FeedLine(text);
      return;
    }
    impl_->FeedLine(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
}

void AisStreamDecoder::Finish() { impl_->Finish(); }

Status DecodeFile(const std::string& path, const AisStreamDecoder::Sink& sink, AisStats* stats) {
  AisStreamDecoder dec(sink);
  if (path == "-") {
    std::string line;
    while (std::getline(std::cin, line)) dec.FeedLine(line);
  } else {
    ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
    dec.FeedText(file->data());
  }
  dec.Finish();
  if (stats != nullptr) *stats = dec.stats();
  return Status::Ok();
}

}  // namespace interdict::ais
