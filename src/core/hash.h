// SHA-256 (OpenSSL EVP). Used for content hashes in provenance and for stable ids.
#ifndef INTERDICT_CORE_HASH_H_
#define INTERDICT_CORE_HASH_H_

#include <string>
#include <string_view>

namespace interdict {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Incremental hasher for large files.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  std::string FinalHex();

 private:
  void* ctx_;
};

// A short stable id: `prefix` + first 16 hex chars of SHA-256(key).
std::string StableId(std::string_view prefix, std::string_view key);

}  // namespace interdict

#endif  // INTERDICT_CORE_HASH_H_
