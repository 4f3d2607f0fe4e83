// RFC 6962 conformance and corruption probes for the Merkle tree.
//
// Golden vectors: the Certificate Transparency reference leaves and hashes published in
// transparency-dev/merkle (testonly/constants.go: LeafInputs, RootHashes, NodeHashes;
// proof/verify_test.go: inclusionProofs, consistencyProofs), the same data Trillian and
// certificate-transparency-go test against.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "interdict/audit.h"

namespace interdict::audit {
namespace {

std::vector<std::string> Leaves() {
  std::vector<std::string> hex = {"",         "00",       "10",
                                  "2021",     "3031",     "40414243",
                                  "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  std::vector<std::string> out;
  for (const auto& h : hex) out.push_back(*BytesFromHex(h));
  return out;
}

// RootHashes()[1..8] of testonly/constants.go.
const char* const kRoots[] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

Hash H(const char* hex) { return *HashFromHex(hex); }

std::vector<Hash> LeafHashes() {
  std::vector<Hash> out;
  for (const auto& l : Leaves()) out.push_back(HashLeaf(l));
  return out;
}

TEST(MerkleTest, EmptyRootIsSha256OfNothing) {
  EXPECT_EQ(ToHex(EmptyRoot()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(RootOf({}), EmptyRoot());
}

TEST(MerkleTest, LeafHashesMatchPublishedNodeHashes) {
  auto lh = LeafHashes();
  EXPECT_EQ(ToHex(lh[0]), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(ToHex(lh[1]), "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
  EXPECT_EQ(ToHex(lh[7]), "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");
  EXPECT_EQ(ToHex(HashChildren(lh[0], lh[1])), kRoots[1]);
}

TEST(MerkleTest, RootsMatchPublishedVectorsForSizes1To8) {
  auto lh = LeafHashes();
  CompactRange range;
  for (size_t n = 1; n <= 8; ++n) {
    EXPECT_EQ(ToHex(RootOf(std::span<const Hash>(lh).subspan(0, n))), kRoots[n - 1]) << n;
    range.Append(lh[n - 1]);
    EXPECT_EQ(ToHex(range.Root()), kRoots[n - 1]) << "compact range, size " << n;
  }
}

struct InclusionVector {
  uint64_t leaf;  // 1-based, as in verify_test.go
  uint64_t size;
  std::vector<const char*> proof;
};

const std::vector<InclusionVector>& InclusionVectors() {
  static const std::vector<InclusionVector> v = {
      {1, 1, {}},
      {1, 8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6, 8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {3, 3, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {2, 5,
       {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  return v;
}

std::vector<Hash> ToHashes(const std::vector<const char*>& v) {
  std::vector<Hash> out;
  for (const char* h : v) out.push_back(H(h));
  return out;
}

TEST(MerkleTest, InclusionProofsMatchPublishedVectors) {
  auto lh = LeafHashes();
  for (const auto& v : InclusionVectors()) {
    auto sub = std::span<const Hash>(lh).subspan(0, v.size);
    auto proof = InclusionProof(sub, v.leaf - 1);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, ToHashes(v.proof)) << v.leaf << "/" << v.size;
    EXPECT_TRUE(VerifyInclusion(v.leaf - 1, v.size, lh[v.leaf - 1], *proof, H(kRoots[v.size - 1]))
                    .ok());
  }
}

// The probes of transparency-dev's corruptInclusionProof: every one must be rejected.
TEST(MerkleTest, CorruptedInclusionProofsAreRejected) {
  auto lh = LeafHashes();
  Hash some = H("abacaba000000000000000000000000000000000000000000060061e00123456");
  for (const auto& v : InclusionVectors()) {
    uint64_t i = v.leaf - 1, n = v.size;
    Hash root = H(kRoots[n - 1]), leaf = lh[i];
    auto proof = ToHashes(v.proof);
    auto rejects = [&](uint64_t ii, uint64_t nn, const Hash& l, const std::vector<Hash>& p,
                       const Hash& r, const char* what) {
      EXPECT_FALSE(VerifyInclusion(ii, nn, l, p, r).ok()) << what << " " << v.leaf << "/" << n;
    };
    rejects(i - 1, n, leaf, proof, root, "index-1");
    rejects(i + 1, n, leaf, proof, root, "index+1");
    rejects(i ^ 2, n, leaf, proof, root, "index^2");
    rejects(i, n * 2, leaf, proof, root, "size*2");
    rejects(i, n / 2, leaf, proof, root, "size/2");
    rejects(i, n, HashLeaf("WrongLeaf"), proof, root, "wrong leaf");
    rejects(i, n, leaf, proof, EmptyRoot(), "empty root");
    rejects(i, n, leaf, proof, some, "random root");
    auto ext = proof;
    ext.push_back(root);
    rejects(i, n, leaf, ext, root, "trailing root");
    ext = proof;
    ext.insert(ext.begin(), root);
    rejects(i, n, leaf, ext, root, "preceding root");
    for (size_t k = 0; k < proof.size(); ++k) {
      auto flipped = proof;
      flipped[k][0] ^= 8;
      rejects(i, n, leaf, flipped, root, "flipped bit");
    }
    if (!proof.empty()) {
      auto shorter = proof;
      shorter.pop_back();
      rejects(i, n, leaf, shorter, root, "removed hash");
    }
    if (proof.size() > 1) {
      auto inserted = proof;
      inserted.insert(inserted.begin() + 1, some);
      rejects(i, n, leaf, inserted, root, "inserted hash");
    }
  }
}

struct ConsistencyVector {
  uint64_t size1, size2;
  std::vector<const char*> proof;
};

const std::vector<ConsistencyVector>& ConsistencyVectors() {
  static const std::vector<ConsistencyVector> v = {
      {1, 1, {}},
      {1, 8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6, 8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2, 5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
      {6, 7,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
  };
  return v;
}

TEST(MerkleTest, ConsistencyProofsMatchPublishedVectors) {
  auto lh = LeafHashes();
  for (const auto& v : ConsistencyVectors()) {
    auto sub = std::span<const Hash>(lh).subspan(0, v.size2);
    auto proof = ConsistencyProof(sub, v.size1);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, ToHashes(v.proof)) << v.size1 << "->" << v.size2;
    EXPECT_TRUE(VerifyConsistency(v.size1, v.size2, *proof, H(kRoots[v.size1 - 1]),
                                  H(kRoots[v.size2 - 1]))
                    .ok());
  }
}

TEST(MerkleTest, CorruptedConsistencyProofsAreRejected) {
  for (const auto& v : ConsistencyVectors()) {
    if (v.proof.empty()) continue;
    uint64_t a = v.size1, b = v.size2;
    Hash r1 = H(kRoots[a - 1]), r2 = H(kRoots[b - 1]);
    auto proof = ToHashes(v.proof);
    auto rejects = [&](uint64_t aa, uint64_t bb, const std::vector<Hash>& p, const Hash& x,
                       const Hash& y, const char* what) {
      EXPECT_FALSE(VerifyConsistency(aa, bb, p, x, y).ok()) << what << " " << a << "->" << b;
    };
    rejects(a - 1, b, proof, r1, r2, "size1-1");
    rejects(a + 1, b, proof, r1, r2, "size1+1");
    rejects(a ^ 2, b, proof, r1, r2, "size1^2");
    rejects(a, b * 2, proof, r1, r2, "size2*2");
    rejects(a, b / 2, proof, r1, r2, "size2/2");
    rejects(a, b, proof, HashLeaf("WrongRoot"), r2, "wrong root1");
    rejects(a, b, proof, r1, HashLeaf("WrongRoot"), "wrong root2");
    rejects(a, b, proof, r2, r1, "swapped roots");
    rejects(a, b, {}, r1, r2, "empty proof");
    for (const Hash& extra : {r1, r2}) {
      auto p = proof;
      p.push_back(extra);
      rejects(a, b, p, r1, r2, "trailing root");
      p = proof;
      p.insert(p.begin(), extra);
      rejects(a, b, p, r1, r2, "preceding root");
    }
    auto p = proof;
    p.insert(p.begin(), proof[0]);
    rejects(a, b, p, r1, r2, "preceding proof[0]");
    p = proof;
    p.pop_back();
    rejects(a, b, p, r1, r2, "truncated");
    for (size_t k = 0; k < proof.size(); ++k) {
      auto f = proof;
      f[k][0] ^= 16;
      rejects(a, b, f, r1, r2, "flipped bit");
    }
  }
}

TEST(MerkleTest, TrivialConsistencyCases) {
  Hash r1 = HashLeaf("1"), r2 = HashLeaf("2");
  EXPECT_TRUE(VerifyConsistency(0, 0, {}, r1, r1).ok());
  EXPECT_TRUE(VerifyConsistency(0, 1, {}, r1, r2).ok());
  EXPECT_TRUE(VerifyConsistency(1, 1, {}, r2, r2).ok());
  EXPECT_FALSE(VerifyConsistency(1, 1, {}, r1, r2).ok());
  EXPECT_FALSE(VerifyConsistency(1, 0, {}, r1, r2).ok());
  EXPECT_FALSE(VerifyConsistency(2, 1, {}, r1, r2).ok());
  EXPECT_FALSE(VerifyConsistency(1, 2, {}, r1, r2).ok());
  std::vector<Hash> one = {EmptyRoot()};
  EXPECT_FALSE(VerifyConsistency(0, 1, one, EmptyRoot(), EmptyRoot()).ok());
  EXPECT_FALSE(VerifyConsistency(1, 1, one, EmptyRoot(), EmptyRoot()).ok());
}

// Every shape of the recursion: every leaf of every size up to 40 proves, every pair of
// sizes is consistent, and the incremental root always equals the recursive one.
TEST(MerkleTest, RoundTripAllShapes) {
  std::vector<Hash> lh;
  for (int i = 0; i < 40; ++i) lh.push_back(HashLeaf("leaf-" + std::to_string(i)));
  CompactRange range;
  for (uint64_t n = 1; n <= lh.size(); ++n) {
    auto sub = std::span<const Hash>(lh).subspan(0, n);
    Hash root = RootOf(sub);
    range.Append(lh[n - 1]);
    ASSERT_EQ(range.Root(), root) << n;
    for (uint64_t i = 0; i < n; ++i) {
      auto p = InclusionProof(sub, i);
      ASSERT_TRUE(p.ok());
      ASSERT_TRUE(VerifyInclusion(i, n, lh[i], *p, root).ok()) << i << "/" << n;
      if (n > 1) {
        ASSERT_FALSE(VerifyInclusion((i + 1) % n, n, lh[i], *p, root).ok()) << i << "/" << n;
      }
    }
    for (uint64_t m = 0; m <= n; ++m) {
      auto p = ConsistencyProof(sub, m);
      ASSERT_TRUE(p.ok());
      Hash r1 = RootOf(sub.subspan(0, m));
      ASSERT_TRUE(VerifyConsistency(m, n, *p, r1, root).ok()) << m << "->" << n;
    }
  }
  EXPECT_FALSE(InclusionProof(lh, lh.size()).ok());
  EXPECT_FALSE(ConsistencyProof(lh, lh.size() + 1).ok());
}

TEST(MerkleTest, HexRoundTrip) {
  EXPECT_FALSE(HashFromHex("zz").ok());
  EXPECT_FALSE(HashFromHex(std::string(64, 'g')).ok());
  Hash h = HashLeaf("x");
  EXPECT_EQ(*HashFromHex(ToHex(h)), h);
}

}  // namespace
}  // namespace interdict::audit
