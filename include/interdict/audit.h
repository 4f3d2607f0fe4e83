// Tamper-evident audit log: RFC 6962 / RFC 9162 Merkle tree hashing, signed checkpoints,
// inclusion and consistency proofs (docs/formats/audit.md).
//
// The Merkle functions are pure and work on leaf hashes, so a third party can check a proof
// with nothing but this header. The log itself lives in the case store (cases.h), so that a
// case write and its audit entry commit in one transaction.
// Thread-safety: all functions here are pure; values are safe to copy between threads.
#ifndef INTERDICT_AUDIT_H_
#define INTERDICT_AUDIT_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/status.h"

namespace interdict::audit {

using Hash = std::array<uint8_t, 32>;

std::string ToHex(const Hash& h);
std::string ToHex(std::string_view bytes);
Result<Hash> HashFromHex(std::string_view hex);
// Decodes hex of any even length (public keys, signatures).
Result<std::string> BytesFromHex(std::string_view hex);

Hash Sha256(std::string_view data);
// RFC 6962 §2.1: SHA-256(0x00 || data) and SHA-256(0x01 || left || right).
Hash HashLeaf(std::string_view data);
Hash HashChildren(const Hash& left, const Hash& right);
// SHA-256 of the empty string: the root of the empty tree.
Hash EmptyRoot();

// MTH(D[n]) over already-hashed leaves.
Hash RootOf(std::span<const Hash> leaf_hashes);
// RFC 9162 §2.1.3.1 inclusion path of leaf `index` in the tree of all `leaf_hashes`.
Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes, uint64_t index);
// RFC 9162 §2.1.4.1 consistency proof from the tree of the first `size1` leaves to the tree
// of all `leaf_hashes`.
Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes, uint64_t size1);

// RFC 9162 §2.1.3.2. OK iff `proof` proves `leaf_hash` is leaf `index` of the tree of `size`
// leaves with root `root`.
Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root);
// RFC 9162 §2.1.4.2, plus the trivial cases: size1 == 0 (always consistent, empty proof) and
// size1 == size2 (roots equal, empty proof).
Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof,
                         const Hash& root1, const Hash& root2);

// The right edge of a growing tree: the roots of its perfect subtrees, largest first. Lets
// the log sign a new root after each append in O(log n) instead of rehashing everything.
class CompactRange {
 public:
  void Append(const Hash& leaf_hash);
  Hash Root() const;
  uint64_t size() const { return size_; }

 private:
  uint64_t size_ = 0;
  std::vector<Hash> nodes_;  // nodes_[i] covers the i-th set bit of size_, high to low
};

// One audit entry (docs/formats/audit.md §2).
struct AuditEntry {
  uint64_t index = 0;
  int64_t time = 0;  // micros since epoch
  std::string actor;
  std::string agency;
  std::string action;  // collect|alter|consult|disclose|combine|erase|deny
  std::string op;      // e.g. "case.create"
  std::string object;  // e.g. "case/C-1"
  std::string justification;
  std::vector<std::string> recipients;
  std::string detail;

  // The canonical JSON bytes that are hashed as the Merkle leaf.
  std::string Encode() const;
  static Result<AuditEntry> Decode(std::string_view data);
};

// A signed tree head (docs/formats/audit.md §4).
struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  int64_t time = 0;
  std::string signature;  // 64 raw bytes
  std::string key_id;     // 16 hex

  // The exact text that is signed.
  std::string Body() const;
  static Result<Checkpoint> ParseBody(std::string_view body);
  std::string ToJson() const;
  static Result<Checkpoint> FromJson(std::string_view json);
};

// OK iff the checkpoint's signature over its body verifies under `public_key` (32 raw bytes).
Status VerifyCheckpoint(const Checkpoint& cp, std::string_view public_key);

// A proof a third party can check offline (docs/formats/audit.md §5).
struct InclusionBundle {
  std::string entry;  // canonical JSON of the entry
  uint64_t index = 0;
  std::vector<Hash> proof;
  Checkpoint checkpoint;
  std::string log_public_key;  // 32 raw bytes

  std::string ToJson() const;
  static Result<InclusionBundle> FromJson(std::string_view json);
};

// Checks signature (under `pinned_public_key`, 32 raw bytes; empty = trust the embedded key),
// that the entry's own index matches, and the inclusion path.
Status VerifyInclusionBundle(const InclusionBundle& b, std::string_view pinned_public_key);

// Result of verifying the whole log.
struct AuditVerifyReport {
  uint64_t entries = 0;
  uint64_t checkpoints = 0;
  bool ok = true;
  int64_t first_bad_entry = -1;  // -1 when ok or when the problem is not one entry
  std::string problem;           // "" when ok
};

}  // namespace interdict::audit

#endif  // INTERDICT_AUDIT_H_
