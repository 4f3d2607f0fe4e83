// Markings, release checks and CLK Bloom-filter PPRL (include/interdict/sharing.h).
#include "interdict/sharing.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstring>
#include <unordered_map>

#include "interdict/screen.h"

namespace interdict::sharing {

const char* ClassificationName(Classification c) {
  switch (c) {
    case Classification::kUnclassified:
      return "unclassified";
    case Classification::kRestricted:
      return "restricted";
    case Classification::kConfidential:
      return "confidential";
    case Classification::kSecret:
      return "secret";
  }
  return "?";
}

Result<Classification> ParseClassification(std::string_view s) {
  for (Classification c : {Classification::kUnclassified, Classification::kRestricted,
                           Classification::kConfidential, Classification::kSecret})
    if (s == ClassificationName(c)) return c;
  return Status::InvalidArgument("classification '" + std::string(s) +
                                 "': expected unclassified, restricted, confidential or secret");
}

Marking Derive(const std::vector<Marking>& inputs, const std::string& deriving_agency) {
  Marking out;
  out.originator = deriving_agency;
  bool first = true;
  for (const Marking& m : inputs) {
    out.classification = std::max(out.classification, m.classification);
    // Each input's originator may always see its own data; releasability is what the
    // originator granted to others, so the originator counts as releasable for its input.
    std::set<std::string> allowed = m.releasable_to;
    allowed.insert(m.originator);
    if (first) {
      out.releasable_to = allowed;
      first = false;
    } else {
      std::set<std::string> keep;
      std::set_intersection(out.releasable_to.begin(), out.releasable_to.end(), allowed.begin(),
                            allowed.end(), std::inserter(keep, keep.end()));
      out.releasable_to = std::move(keep);
    }
    out.handling.insert(m.handling.begin(), m.handling.end());
  }
  return out;
}

Status CheckRelease(const Marking& m, const Recipient& r) {
  if (r.agency == m.originator) {
    if (r.clearance < m.classification)
      return Status::FailedPrecondition("recipient clearance below the record's classification");
    return Status::Ok();
  }
  if (!m.releasable_to.count(r.agency) && !m.releasable_to.count(r.country))
    return Status::FailedPrecondition("not releasable to " + r.agency + " (" + r.country + ")");
  if (r.clearance < m.classification)
    return Status::FailedPrecondition("recipient clearance below the record's classification");
  for (const auto& h : m.handling)
    if (!r.accepted_handling.count(h))
      return Status::FailedPrecondition("recipient does not accept handling code " + h);
  return Status::Ok();
}

const char* HardeningName(Hardening h) {
  return h == Hardening::kXorFold ? "xor-fold" : "none";
}

Result<Hardening> ParseHardening(std::string_view s) {
  if (s == "xor-fold") return Hardening::kXorFold;
  if (s == "none") return Hardening::kNone;
  return Status::InvalidArgument("hardening '" + std::string(s) + "': expected xor-fold or none");
}

namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// xoshiro256** (Blackman & Vigna): a small, fast PRNG; seeded from the 32-byte HMAC of a
// feature it yields that feature's k positions ("random hashing", Schnell 2016).
struct Xoshiro {
  uint64_t s[4];
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t Next() {
    uint64_t r = Rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = Rotl(s[3], 45);
    return r;
  }
};

}  // namespace

std::vector<PprlFeature> PprlFeatures(const PprlRecord& r, const ClkParams& p) {
  std::set<std::string> grams;
  std::string latin = screen::ToLatinAscii(r.name);
  size_t i = 0;
  while (i < latin.size()) {
    while (i < latin.size() && latin[i] == ' ') ++i;
    size_t j = i;
    while (j < latin.size() && latin[j] != ' ') ++j;
    if (j > i) {
      std::string tok = "_" + latin.substr(i, j - i) + "_";
      for (size_t q = 0; q + 1 < tok.size(); ++q) grams.insert("n:" + tok.substr(q, 2));
    }
    i = j;
  }
  std::vector<PprlFeature> out;
  for (const auto& g : grams) out.push_back({g, p.k_name});
  // Birth date: year, year-month and full date as separate tokens, so records known to
  // different precision still share what they have.
  std::string_view d = r.birth_date;
  if (d.size() >= 4 && IsDigits(d.substr(0, 4))) {
    out.push_back({"y:" + std::string(d.substr(0, 4)), p.k_dob});
    if (d.size() >= 7 && d[4] == '-' && IsDigits(d.substr(5, 2))) {
      out.push_back({"ym:" + std::string(d.substr(0, 7)), p.k_dob});
      if (d.size() >= 10 && d[7] == '-' && IsDigits(d.substr(8, 2)))
        out.push_back({"ymd:" + std::string(d.substr(0, 10)), p.k_dob});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const PprlFeature& x, const PprlFeature& y) { return x.text < y.text; });
  return out;
}

double ClearDice(const std::vector<PprlFeature>& a, const std::vector<PprlFeature>& b) {
  double wa = 0, wb = 0, common = 0;
  for (const auto& f : a) wa += f.weight;
  for (const auto& f : b) wb += f.weight;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].text < b[j].text) {
      ++i;
    } else if (b[j].text < a[i].text) {
      ++j;
    } else {
      common += a[i].weight;
      ++i;
      ++j;
    }
  }
  return wa + wb == 0 ? 0 : 2 * common / (wa + wb);
}

Result<BloomEncoding> EncodeRecord(std::string_view secret, const PprlRecord& r,
                                   const ClkParams& p) {
  if (secret.size() < 16) return Status::InvalidArgument("PPRL secret must be >= 16 bytes");
  if (p.bits <= 0 || p.bits % 128 != 0 || p.k_name <= 0 || p.k_dob < 0)
    return Status::InvalidArgument("CLK bits must be a positive multiple of 128, k positive");
  std::vector<uint64_t> raw(static_cast<size_t>(p.bits / 64), 0);
  for (const PprlFeature& f : PprlFeatures(r, p)) {
    unsigned char mac[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(f.text.data()), f.text.size(), mac, &len);
    Xoshiro g;
    std::memcpy(g.s, mac, 32);
    if ((g.s[0] | g.s[1] | g.s[2] | g.s[3]) == 0) g.s[0] = 1;  // all-zero state is a fixed point
    for (int j = 0; j < f.weight; ++j) {
      uint64_t bit = g.Next() % static_cast<uint64_t>(p.bits);
      raw[bit / 64] |= uint64_t{1} << (bit % 64);
    }
  }
  BloomEncoding e;
  e.id = r.id;
  if (p.hardening == Hardening::kXorFold) {
    size_t half = raw.size() / 2;
    e.words.resize(half);
    for (size_t w = 0; w < half; ++w) e.words[w] = raw[w] ^ raw[w + half];
  } else {
    e.words = std::move(raw);
  }
  for (uint64_t w : e.words) e.popcount += std::popcount(w);
  return e;
}

std::string SecretCheck(std::string_view secret) {
  static const char kLabel[] = "interdict-pprl/v1 secret check";
  unsigned char mac[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(kLabel), sizeof(kLabel) - 1, mac, &len);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    out.push_back(hex[mac[i] >> 4]);
    out.push_back(hex[mac[i] & 15]);
  }
  return out;
}

double Dice(const BloomEncoding& a, const BloomEncoding& b) {
  if (a.words.size() != b.words.size() || a.popcount + b.popcount == 0) return 0;
  int common = 0;
  for (size_t i = 0; i < a.words.size(); ++i) common += std::popcount(a.words[i] & b.words[i]);
  return 2.0 * common / (a.popcount + b.popcount);
}

std::vector<MatchPair> MatchClk(const std::vector<BloomEncoding>& a,
                                const std::vector<BloomEncoding>& b, const MatchOptions& o,
                                MatchStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  struct Cand {
    double score;
    size_t i, j;
  };
  std::vector<Cand> cands;
  uint64_t comparisons = 0;
  size_t nbits = a.empty() ? 0 : a[0].words.size() * 64;
  auto consider = [&](size_t i, size_t j) {
    ++comparisons;
    double d = Dice(a[i], b[j]);
    if (d >= o.threshold) cands.push_back({d, i, j});
  };
  if (!o.blocking || nbits == 0 || o.lsh_tables <= 0 || o.lsh_bits <= 0 || o.lsh_bits > 63) {
    for (size_t i = 0; i < a.size(); ++i)
      for (size_t j = 0; j < b.size(); ++j) consider(i, j);
  } else {
    // Hamming LSH: two encodings agree on a sampled bit with probability 1 - h/nbits, so
    // close pairs share some table's key with high probability, distant ones rarely.
    Xoshiro g{{0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL, 0x94d049bb133111ebULL, 1}};
    std::vector<std::vector<uint32_t>> pos(static_cast<size_t>(o.lsh_tables));
    for (auto& t : pos)
      for (int k = 0; k < o.lsh_bits; ++k) t.push_back(static_cast<uint32_t>(g.Next() % nbits));
    auto key = [&](const BloomEncoding& e, const std::vector<uint32_t>& t) {
      uint64_t k = 0;
      if (e.words.size() * 64 != nbits) return ~uint64_t{0};  // wrong size: never collides
      for (uint32_t p : t) k = (k << 1) | ((e.words[p / 64] >> (p % 64)) & 1);
      return k;
    };
    std::vector<uint32_t> seen(b.size(), UINT32_MAX);
    std::vector<std::unordered_map<uint64_t, std::vector<uint32_t>>> tables(pos.size());
    for (size_t t = 0; t < pos.size(); ++t)
      for (size_t j = 0; j < b.size(); ++j) tables[t][key(b[j], pos[t])].push_back(static_cast<uint32_t>(j));
    for (size_t i = 0; i < a.size(); ++i) {
      for (size_t t = 0; t < pos.size(); ++t) {
        auto it = tables[t].find(key(a[i], pos[t]));
        if (it == tables[t].end()) continue;
        for (uint32_t j : it->second) {
          if (seen[j] == i) continue;
          seen[j] = static_cast<uint32_t>(i);
          consider(i, j);
        }
      }
    }
  }
  std::sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.i != y.i ? x.i < y.i : x.j < y.j;
  });
  std::vector<bool> used_a(a.size()), used_b(b.size());
  std::vector<MatchPair> out;
  for (const Cand& c : cands) {
    if (used_a[c.i] || used_b[c.j]) continue;
    used_a[c.i] = used_b[c.j] = true;
    out.push_back({a[c.i].id, b[c.j].id, c.score});
  }
  if (stats) {
    stats->comparisons = comparisons;
    stats->all_pairs = static_cast<uint64_t>(a.size()) * b.size();
    stats->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    stats->pairs = out.size();
  }
  return out;
}

}  // namespace interdict::sharing
