#include "core/hash.h"

#include <openssl/evp.h>

namespace interdict {
namespace {
std::string ToHex(const unsigned char* d, unsigned n) {
  static const char* kHex = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (unsigned i = 0; i < n; ++i) {
    out[2 * i] = kHex[d[i] >> 4];
    out[2 * i + 1] = kHex[d[i] & 15];
  }
  return out;
}
}  // namespace

Sha256::Sha256() {
  auto* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  ctx_ = ctx;
}
Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }
void Sha256::Update(std::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}
std::string Sha256::FinalHex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), md, &n);
  return ToHex(md, n);
}

std::string Sha256Hex(std::string_view data) {
  // One context per thread, reused: allocating an EVP_MD_CTX per call showed up in
  // ingest profiles (one hash per source record).
  struct Ctx {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Ctx() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Ctx c;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_DigestInit_ex(c.ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(c.ctx, data.data(), data.size());
  EVP_DigestFinal_ex(c.ctx, md, &n);
  return ToHex(md, n);
}

std::string StableId(std::string_view prefix, std::string_view key) {
  return std::string(prefix) + Sha256Hex(key).substr(0, 16);
}

}  // namespace interdict
