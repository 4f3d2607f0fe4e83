// Ed25519 keys (libsodium) behind a key store interface. Secret keys never leave the store:
// callers ask it to sign, so a later HSM/PKCS#11 store can implement the same interface.
// Thread-safety: a KeyStore is used from one thread at a time.
#ifndef INTERDICT_KEYS_H_
#define INTERDICT_KEYS_H_

#include <memory>
#include <string>
#include <string_view>

#include "interdict/status.h"

namespace interdict {

class KeyStore {
 public:
  virtual ~KeyStore() = default;
  // Creates a new random key pair under `key_id` (AlreadyExists if present).
  virtual Status Create(const std::string& key_id) = 0;
  // Creates a key pair from a 32-byte seed: deterministic keys for tests and fixtures.
  virtual Status CreateFromSeed(const std::string& key_id, std::string_view seed32) = 0;
  virtual bool Has(const std::string& key_id) = 0;
  // The 32-byte public key.
  virtual Result<std::string> PublicKey(const std::string& key_id) = 0;
  // A 64-byte detached Ed25519 signature of `message`.
  virtual Result<std::string> Sign(const std::string& key_id, std::string_view message) = 0;
};

// Keys as files in `dir`: `<id>.key` (secret key, hex, mode 0600) and `<id>.pub` (public key,
// hex). The directory is created with mode 0700. Ids are restricted to [A-Za-z0-9._-].
Result<std::unique_ptr<KeyStore>> OpenFileKeyStore(const std::string& dir);
// Keys in memory only (tests).
std::unique_ptr<KeyStore> NewMemoryKeyStore();

// True iff `signature` (64 bytes) is a valid Ed25519 signature of `message` by `public_key`.
bool VerifyEd25519(std::string_view public_key, std::string_view message,
                   std::string_view signature);
// First 16 hex characters of SHA-256(public key).
std::string KeyId(std::string_view public_key);

}  // namespace interdict

#endif  // INTERDICT_KEYS_H_
