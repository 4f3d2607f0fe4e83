// Ed25519 key stores (libsodium).
#include "interdict/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include "core/file.h"
#include "core/hash.h"
#include "interdict/audit.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;

bool SodiumReady() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

Status CheckId(const std::string& id) {
  if (id.empty() || id.size() > 128 || id[0] == '.')
    return Status::InvalidArgument("key id '" + id + "': must be 1-128 characters, not start "
                                   "with '.'");
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return Status::InvalidArgument("key id '" + id + "': only [A-Za-z0-9._-] allowed");
  }
  return Status::Ok();
}

struct KeyPair {
  std::string pk;  // 32
  std::string sk;  // 64 (seed || pk)
};

Result<KeyPair> PairFromSeed(std::string_view seed) {
  if (!SodiumReady()) return Status::Internal("libsodium failed to initialise");
  if (seed.size() != crypto_sign_SEEDBYTES)
    return Status::InvalidArgument("Ed25519 seed must be 32 bytes");
  KeyPair kp;
  kp.pk.resize(crypto_sign_PUBLICKEYBYTES);
  kp.sk.resize(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(kp.pk.data()),
                           reinterpret_cast<unsigned char*>(kp.sk.data()),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  return kp;
}

Result<std::string> RandomSeed() {
  if (!SodiumReady()) return Status::Internal("libsodium failed to initialise");
  std::string seed(crypto_sign_SEEDBYTES, '\0');
  randombytes_buf(seed.data(), seed.size());
  return seed;
}

std::string SignWith(const std::string& sk, std::string_view msg) {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                       reinterpret_cast<const unsigned char*>(sk.data()));
  return sig;
}

// Secret material is wiped when it goes out of scope, so it does not linger in freed memory.
void Wipe(std::string* s) {
  if (!s->empty()) sodium_memzero(s->data(), s->size());
}

class MemoryKeyStore : public KeyStore {
 public:
  ~MemoryKeyStore() override {
    for (auto& [id, kp] : keys_) Wipe(&kp.sk);
  }
  Status Create(const std::string& id) override {
    ASSIGN_OR_RETURN(std::string seed, RandomSeed());
    Status st = CreateFromSeed(id, seed);
    Wipe(&seed);
    return st;
  }
  Status CreateFromSeed(const std::string& id, std::string_view seed) override {
    RETURN_IF_ERROR(CheckId(id));
    if (keys_.count(id)) return Status::AlreadyExists("key '" + id + "' already exists");
    ASSIGN_OR_RETURN(keys_[id], PairFromSeed(seed));
    return Status::Ok();
  }
  bool Has(const std::string& id) override { return keys_.count(id) > 0; }
  Result<std::string> PublicKey(const std::string& id) override {
    auto it = keys_.find(id);
    if (it == keys_.end()) return Status::NotFound("no key '" + id + "' in the key store");
    return it->second.pk;
  }
  Result<std::string> Sign(const std::string& id, std::string_view msg) override {
    auto it = keys_.find(id);
    if (it == keys_.end()) return Status::NotFound("no key '" + id + "' in the key store");
    return SignWith(it->second.sk, msg);
  }

 private:
  std::map<std::string, KeyPair> keys_;
};

// Creates `path` with exactly `mode` (O_EXCL: never overwrite an existing key) and writes
// `content`; the file is fsynced so a key that was used to sign is not lost in a crash.
Status WriteNewFile(const std::string& path, const std::string& content, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST) return Status::AlreadyExists(path + ": already exists");
    return Status::IoError(path + ": " + std::strerror(errno));
  }
  // The umask may have removed bits; set the intended mode explicitly.
  (void)::fchmod(fd, mode);
  size_t off = 0;
  while (off < content.size()) {
    ssize_t w = ::write(fd, content.data() + off, content.size() - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      Status st = Status::IoError(path + ": write: " + std::strerror(errno));
      ::close(fd);
      return st;
    }
    off += static_cast<size_t>(w);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0)
    return Status::IoError(path + ": " + std::strerror(errno));
  return Status::Ok();
}

class FileKeyStore : public KeyStore {
 public:
  explicit FileKeyStore(std::string dir) : dir_(std::move(dir)) {}

  Status Create(const std::string& id) override {
    ASSIGN_OR_RETURN(std::string seed, RandomSeed());
    Status st = CreateFromSeed(id, seed);
    Wipe(&seed);
    return st;
  }
  Status CreateFromSeed(const std::string& id, std::string_view seed) override {
    RETURN_IF_ERROR(CheckId(id));
    if (Has(id)) return Status::AlreadyExists("key '" + id + "' already exists in " + dir_);
    ASSIGN_OR_RETURN(KeyPair kp, PairFromSeed(seed));
    std::string sk_hex = audit::ToHex(kp.sk) + "\n";
    Wipe(&kp.sk);
    // Secret first: a crash between the two leaves a key without .pub, which Has() treats
    // as present (so it is never silently replaced) and PublicKey() rebuilds.
    Status st = WriteNewFile(SecretPath(id), sk_hex, 0600);
    Wipe(&sk_hex);
    RETURN_IF_ERROR(st);
    return WriteNewFile(PublicPath(id), audit::ToHex(kp.pk) + "\n", 0644);
  }
  bool Has(const std::string& id) override {
    std::error_code ec;
    return CheckId(id).ok() && fs::exists(SecretPath(id), ec);
  }
  Result<std::string> PublicKey(const std::string& id) override {
    RETURN_IF_ERROR(CheckId(id));
    std::error_code ec;
    if (fs::exists(PublicPath(id), ec) && fs::exists(SecretPath(id), ec)) {
      ASSIGN_OR_RETURN(std::string text, ReadFileToString(PublicPath(id)));
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      auto pk = audit::BytesFromHex(text);
      if (!pk.ok() || pk->size() != crypto_sign_PUBLICKEYBYTES)
        return Status::Corruption(PublicPath(id) + ": not a 32-byte hex Ed25519 public key");
      return std::move(pk).value();
    }
    ASSIGN_OR_RETURN(std::string sk, LoadSecret(id));
    std::string pk = sk.substr(32);  // libsodium's secret key is seed || public key
    Wipe(&sk);
    return pk;
  }
  Result<std::string> Sign(const std::string& id, std::string_view msg) override {
    ASSIGN_OR_RETURN(std::string sk, LoadSecret(id));
    std::string sig = SignWith(sk, msg);
    Wipe(&sk);
    return sig;
  }

 private:
  std::string SecretPath(const std::string& id) const { return dir_ + "/" + id + ".key"; }
  std::string PublicPath(const std::string& id) const { return dir_ + "/" + id + ".pub"; }

  Result<std::string> LoadSecret(const std::string& id) {
    RETURN_IF_ERROR(CheckId(id));
    if (!SodiumReady()) return Status::Internal("libsodium failed to initialise");
    std::string path = SecretPath(id);
    struct stat st;
    if (::stat(path.c_str(), &st) != 0)
      return Status::NotFound("no key '" + id + "' in " + dir_);
    // A secret key readable by others is compromised; refuse rather than sign with it.
    if ((st.st_mode & 077) != 0)
      return Status::FailedPrecondition(path + ": mode " + std::to_string(st.st_mode & 0777) +
                                        " (octal " + ToOctal(st.st_mode & 0777) +
                                        ") lets others read the secret key; chmod 600 it");
    ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    auto raw = audit::BytesFromHex(text);
    Wipe(&text);
    if (!raw.ok() || raw->size() != crypto_sign_SECRETKEYBYTES)
      return Status::Corruption(path + ": not a 64-byte hex Ed25519 secret key");
    std::string sk = std::move(raw).value();
    // Re-derive from the seed: a secret key file whose public half was edited is rejected.
    ASSIGN_OR_RETURN(KeyPair kp, PairFromSeed(std::string_view(sk).substr(0, 32)));
    bool same = kp.sk == sk;
    Wipe(&kp.sk);
    if (!same) {
      Wipe(&sk);
      return Status::Corruption(path + ": public half does not match the seed");
    }
    return sk;
  }
  static std::string ToOctal(unsigned m) {
    std::string s;
    for (int shift = 6; shift >= 0; shift -= 3) s.push_back(static_cast<char>('0' + ((m >> shift) & 7)));
    return s;
  }

  std::string dir_;
};

}  // namespace

Result<std::unique_ptr<KeyStore>> OpenFileKeyStore(const std::string& dir) {
  if (!SodiumReady()) return Status::Internal("libsodium failed to initialise");
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError(dir + ": cannot create key directory: " + ec.message());
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  } else if (!fs::is_directory(dir, ec)) {
    return Status::InvalidArgument(dir + ": not a directory");
  }
  return std::unique_ptr<KeyStore>(std::make_unique<FileKeyStore>(dir));
}

std::unique_ptr<KeyStore> NewMemoryKeyStore() { return std::make_unique<MemoryKeyStore>(); }

bool VerifyEd25519(std::string_view public_key, std::string_view message,
                   std::string_view signature) {
  if (!SodiumReady()) return false;
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
    return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string KeyId(std::string_view public_key) { return Sha256Hex(public_key).substr(0, 16); }

}  // namespace interdict
