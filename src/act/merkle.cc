// RFC 6962 / RFC 9162 Merkle tree hashing and proofs (docs/formats/audit.md §3, §5).
#include <openssl/evp.h>

#include <bit>
#include <cstring>

#include "interdict/audit.h"

namespace interdict::audit {
namespace {

// One-shot SHA-256 over up to three pieces, so leaf/node hashing needs no concatenation.
Hash Digest(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
  Hash out{};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, a.data(), a.size());
  if (!b.empty()) EVP_DigestUpdate(ctx, b.data(), b.size());
  if (!c.empty()) EVP_DigestUpdate(ctx, c.data(), c.size());
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, out.data(), &len);
  EVP_MD_CTX_free(ctx);
  return out;
}

std::string_view View(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

// Largest power of two strictly smaller than n (n >= 2): the RFC 6962 split point.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

void Path(std::span<const Hash> d, uint64_t m, std::vector<Hash>* out) {
  if (d.size() <= 1) return;
  uint64_t k = SplitPoint(d.size());
  if (m < k) {
    Path(d.subspan(0, k), m, out);
    out->push_back(RootOf(d.subspan(k)));
  } else {
    Path(d.subspan(k), m - k, out);
    out->push_back(RootOf(d.subspan(0, k)));
  }
}

void SubProof(std::span<const Hash> d, uint64_t m, bool b, std::vector<Hash>* out) {
  uint64_t n = d.size();
  if (m == n) {
    if (!b) out->push_back(RootOf(d));
    return;
  }
  uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubProof(d.subspan(0, k), m, b, out);
    out->push_back(RootOf(d.subspan(k)));
  } else {
    SubProof(d.subspan(k), m - k, false, out);
    out->push_back(RootOf(d.subspan(0, k)));
  }
}

int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string ToHex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    s.push_back(kDigits[c >> 4]);
    s.push_back(kDigits[c & 15]);
  }
  return s;
}

std::string ToHex(const Hash& h) { return ToHex(View(h)); }

Result<std::string> BytesFromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return Status::InvalidArgument("odd-length hex string");
  std::string out(hex.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = HexVal(hex[2 * i]), lo = HexVal(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return Status::InvalidArgument("bad hex digit");
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

Result<Hash> HashFromHex(std::string_view hex) {
  if (hex.size() != 64)
    return Status::InvalidArgument("hash must be 64 hex characters, got " +
                                   std::to_string(hex.size()));
  ASSIGN_OR_RETURN(std::string raw, BytesFromHex(hex));
  Hash h{};
  std::memcpy(h.data(), raw.data(), h.size());
  return h;
}

Hash Sha256(std::string_view data) { return Digest(data); }

Hash HashLeaf(std::string_view data) {
  static const char kZero = 0x00;
  return Digest(std::string_view(&kZero, 1), data);
}

Hash HashChildren(const Hash& left, const Hash& right) {
  static const char kOne = 0x01;
  return Digest(std::string_view(&kOne, 1), View(left), View(right));
}

Hash EmptyRoot() { return Digest({}); }

Hash RootOf(std::span<const Hash> d) {
  if (d.empty()) return EmptyRoot();
  if (d.size() == 1) return d[0];
  uint64_t k = SplitPoint(d.size());
  return HashChildren(RootOf(d.subspan(0, k)), RootOf(d.subspan(k)));
}

Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes, uint64_t index) {
  if (index >= leaf_hashes.size())
    return Status::InvalidArgument("leaf index " + std::to_string(index) +
                                   " is not below tree size " +
                                   std::to_string(leaf_hashes.size()));
  std::vector<Hash> out;
  Path(leaf_hashes, index, &out);
  return out;
}

Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes, uint64_t size1) {
  if (size1 > leaf_hashes.size())
    return Status::InvalidArgument("size1 " + std::to_string(size1) + " exceeds tree size " +
                                   std::to_string(leaf_hashes.size()));
  std::vector<Hash> out;
  if (size1 == 0 || size1 == leaf_hashes.size()) return out;
  SubProof(leaf_hashes, size1, true, &out);
  return out;
}

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root) {
  if (index >= size)
    return Status::Corruption("inclusion proof: index " + std::to_string(index) +
                              " not below size " + std::to_string(size));
  uint64_t fn = index, sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return Status::Corruption("inclusion proof: too many hashes");
    if ((fn & 1) || fn == sn) {
      r = HashChildren(p, r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = HashChildren(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::Corruption("inclusion proof: too few hashes");
  if (r != root) return Status::Corruption("inclusion proof: computed root differs");
  return Status::Ok();
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof,
                         const Hash& root1, const Hash& root2) {
  if (size2 < size1)
    return Status::Corruption("consistency proof: size2 " + std::to_string(size2) +
                              " below size1 " + std::to_string(size1));
  if (size1 == size2) {
    if (!proof.empty()) return Status::Corruption("consistency proof: must be empty");
    if (root1 != root2) return Status::Corruption("consistency proof: roots differ");
    return Status::Ok();
  }
  if (size1 == 0) {
    // Every tree extends the empty tree.
    if (!proof.empty()) return Status::Corruption("consistency proof: must be empty");
    return Status::Ok();
  }
  if (proof.empty()) return Status::Corruption("consistency proof: empty");
  std::vector<Hash> path(proof.begin(), proof.end());
  if (std::has_single_bit(size1)) path.insert(path.begin(), root1);
  uint64_t fn = size1 - 1, sn = size2 - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return Status::Corruption("consistency proof: too many hashes");
    if ((fn & 1) || fn == sn) {
      fr = HashChildren(c, fr);
      sr = HashChildren(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = HashChildren(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::Corruption("consistency proof: too few hashes");
  if (fr != root1) return Status::Corruption("consistency proof: first root differs");
  if (sr != root2) return Status::Corruption("consistency proof: second root differs");
  return Status::Ok();
}

void CompactRange::Append(const Hash& leaf_hash) {
  // Merge equal-sized perfect subtrees, like binary carry propagation: each trailing 1 bit
  // of the old size is a subtree that the new leaf completes.
  Hash h = leaf_hash;
  uint64_t s = size_;
  while (s & 1) {
    h = HashChildren(nodes_.back(), h);
    nodes_.pop_back();
    s >>= 1;
  }
  nodes_.push_back(h);
  ++size_;
}

Hash CompactRange::Root() const {
  if (nodes_.empty()) return EmptyRoot();
  // The ragged right edge folds right to left, which is exactly RFC 6962's split rule.
  Hash r = nodes_.back();
  for (size_t i = nodes_.size() - 1; i-- > 0;) r = HashChildren(nodes_[i], r);
  return r;
}

}  // namespace interdict::audit
