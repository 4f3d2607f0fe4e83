// Markings, release checks and CLK Bloom-filter PPRL (include/interdict/sharing.h).
#include "interdict/sharing.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <bit>
#include <cstring>

namespace interdict::sharing {

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

namespace {

std::string Normalise(std::string_view v) {
  std::string out;
  bool sep = true;
  for (unsigned char c : v) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c >= 0x80;
    if (alnum) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      sep = false;
    } else if (!sep) {
      out.push_back(' ');
      sep = true;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

Result<BloomEncoding> EncodeClk(std::string_view secret, std::string id, std::string_view value,
                                const ClkParams& p) {
  if (secret.size() < 16) return Status::InvalidArgument("PPRL secret must be >= 16 bytes");
  if (p.bits <= 0 || p.bits % 64 != 0 || p.k <= 0)
    return Status::InvalidArgument("CLK bits must be a positive multiple of 64, k positive");
  BloomEncoding e;
  e.id = std::move(id);
  e.words.assign(static_cast<size_t>(p.bits / 64), 0);
  // Padding makes the first and last letters count as much as the inner ones.
  std::string s = "_" + Normalise(value) + "_";
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    unsigned char mac[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(s.data() + i), 2, mac, &len);
    uint64_t h1, h2;
    std::memcpy(&h1, mac, 8);
    std::memcpy(&h2, mac + 8, 8);
    h2 |= 1;  // odd stride: the k positions are distinct for power-of-two sizes
    for (int j = 0; j < p.k; ++j) {
      uint64_t bit = (h1 + static_cast<uint64_t>(j) * h2) % static_cast<uint64_t>(p.bits);
      e.words[bit / 64] |= uint64_t{1} << (bit % 64);
    }
  }
  for (uint64_t w : e.words) e.popcount += std::popcount(w);
  return e;
}

double Dice(const BloomEncoding& a, const BloomEncoding& b) {
  if (a.words.size() != b.words.size() || a.popcount + b.popcount == 0) return 0;
  int common = 0;
  for (size_t i = 0; i < a.words.size(); ++i) common += std::popcount(a.words[i] & b.words[i]);
  return 2.0 * common / (a.popcount + b.popcount);
}

std::vector<MatchPair> MatchClk(const std::vector<BloomEncoding>& a,
                                const std::vector<BloomEncoding>& b, double threshold) {
  struct Cand {
    double score;
    size_t i, j;
  };
  std::vector<Cand> cands;
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = 0; j < b.size(); ++j) {
      double d = Dice(a[i], b[j]);
      if (d >= threshold) cands.push_back({d, i, j});
    }
  std::stable_sort(cands.begin(), cands.end(),
                   [](const Cand& x, const Cand& y) { return x.score > y.score; });
  std::vector<bool> used_a(a.size()), used_b(b.size());
  std::vector<MatchPair> out;
  for (const Cand& c : cands) {
    if (used_a[c.i] || used_b[c.j]) continue;
    used_a[c.i] = used_b[c.j] = true;
    out.push_back({a[c.i].id, b[c.j].id, c.score});
  }
  return out;
}

}  // namespace interdict::sharing
