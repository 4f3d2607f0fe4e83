// Key stores and Ed25519 signing.
#include "interdict/keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "interdict/audit.h"
#include "testutil.h"

namespace interdict {
namespace {

TEST(KeysTest, Rfc8032TestVector1) {
  // RFC 8032 §7.1 TEST 1: secret key (seed), public key, signature of the empty message.
  auto seed = *audit::BytesFromHex(
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  auto ks = NewMemoryKeyStore();
  ASSERT_TRUE(ks->CreateFromSeed("t", seed).ok());
  EXPECT_EQ(audit::ToHex(*ks->PublicKey("t")),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  std::string sig = *ks->Sign("t", "");
  EXPECT_EQ(audit::ToHex(sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(VerifyEd25519(*ks->PublicKey("t"), "", sig));
  EXPECT_FALSE(VerifyEd25519(*ks->PublicKey("t"), "x", sig));
  sig[10] ^= 1;
  EXPECT_FALSE(VerifyEd25519(*ks->PublicKey("t"), "", sig));
}

TEST(KeysTest, FileKeyStoreWritesPrivateFilesAndRefusesLooseOnes) {
  std::string dir = testing::MakeTempDir() + "/keys";
  auto ks = OpenFileKeyStore(dir);
  ASSERT_TRUE(ks.ok());
  ASSERT_TRUE((*ks)->Create("alice").ok());
  EXPECT_EQ((*ks)->Create("alice").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ((*ks)->Create("../etc").code(), StatusCode::kInvalidArgument);
  struct stat st;
  ASSERT_EQ(::stat((dir + "/alice.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
  std::string sig = *(*ks)->Sign("alice", "msg");
  // A second store on the same directory sees the same key.
  auto ks2 = OpenFileKeyStore(dir);
  EXPECT_TRUE(VerifyEd25519(*(*ks2)->PublicKey("alice"), "msg", sig));
  EXPECT_EQ(testing::ReadFile(dir + "/alice.pub"), audit::ToHex(*(*ks2)->PublicKey("alice")) + "\n");
  ::chmod((dir + "/alice.key").c_str(), 0644);
  EXPECT_EQ((*ks2)->Sign("alice", "msg").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*ks2)->PublicKey("nobody").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(KeyId(*(*ks2)->PublicKey("alice")).size(), 16u);
}

}  // namespace
}  // namespace interdict
