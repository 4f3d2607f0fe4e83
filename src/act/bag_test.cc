// Court-export bags (docs/formats/bag.md): an exported bag verifies offline, and tampering
// with any evidence byte, custody record or signature, manifest line, proof hash or the
// checkpoint makes VerifyBag fail and name the problem. Tampering is tested twice where it
// matters: once as is (the manifests catch it) and once with the manifests recomputed by the
// attacker (then the signatures and proofs must catch it).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/hash.h"
#include "interdict/cases.h"
#include "testutil.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;

class BagTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    keys_ = NewMemoryKeyStore();
    ASSERT_TRUE(keys_->CreateFromSeed("interdict-log", std::string(32, 'L')).ok());
    ASSERT_TRUE(keys_->CreateFromSeed("alice", std::string(32, 'a')).ok());
    ASSERT_TRUE(keys_->CreateFromSeed("sam", std::string(32, 's')).ok());
    CaseStoreOptions o;
    o.db_path = dir_ + "/cases.db";
    o.keys = keys_.get();
    auto s = CaseStore::Open(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    ASSERT_TRUE(store_->AddAgency({"ZOLL", "DE"}, "set-up").ok());
    ASSERT_TRUE(store_->AddUser("alice", "ZOLL", Role::kAnalyst, "set-up").ok());
    ASSERT_TRUE(store_->AddUser("sam", "ZOLL", Role::kSupervisor, "set-up").ok());
    auto id = store_->CreateCase("Drone parts via Dubai", {"alice", "tip from FIU"});
    ASSERT_TRUE(id.ok());
    case_id_ = *id;
    testing::WriteFile(dir_ + "/invoice.pdf", std::string("%PDF-1.4 invoice 4711\n"));
    testing::WriteFile(dir_ + "/bl.txt", std::string("bill of lading MSCU1234567\n"));
    auto e1 = store_->AddEvidence(case_id_, dir_ + "/invoice.pdf", {"alice", "seized"});
    auto e2 = store_->AddEvidence(case_id_, dir_ + "/bl.txt", {"alice", "from carrier"});
    ASSERT_TRUE(e1.ok() && e2.ok());
    ASSERT_TRUE(store_->TransferEvidence(e1->id, "sam", {"alice", "for review"}).ok());
    ASSERT_TRUE(store_->SealEvidence(e1->id, {"sam", "review done"}).ok());
    ASSERT_TRUE(store_->AddNote(case_id_, "matches the declaration", {"alice", "work"}).ok());
    bag_ = dir_ + "/bag";
    auto b = store_->ExportCaseBag(case_id_, bag_, "Landgericht Hamburg",
                                   {"sam", "court order 12 KLs 3/24"});
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    export_ = *b;
  }

  BagCheck Check(const std::string& dir, std::string_view pk = {}) {
    auto r = VerifyBag(dir, pk);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok()) return *r;
    BagCheck bad;
    bad.ok = false;
    bad.problem = "error";
    return bad;
  }

  // A fresh copy of the bag to tamper with.
  std::string Copy() {
    std::string d = dir_ + "/copy" + std::to_string(copies_++);
    fs::copy(bag_, d, fs::copy_options::recursive);
    for (auto& p : fs::recursive_directory_iterator(d))
      fs::permissions(p.path(), fs::perms::owner_write, fs::perm_options::add);
    return d;
  }

  static void Replace(const std::string& file, const std::string& from, const std::string& to) {
    std::string s = testing::ReadFile(file);
    size_t at = s.find(from);
    ASSERT_NE(at, std::string::npos) << from << " not in " << file;
    s.replace(at, from.size(), to);
    testing::WriteFile(file, s);
  }

  // What an attacker would do after editing payload files: recompute both manifests
  // (independently of the writer: plain SHA-256 of each file).
  static void Remanifest(const std::string& d) {
    std::map<std::string, std::string> m;
    for (auto& p : fs::recursive_directory_iterator(d + "/data"))
      if (p.is_regular_file())
        m[fs::relative(p.path(), d).generic_string()] =
            Sha256Hex(testing::ReadFile(p.path().string()));
    std::string text;
    int64_t octets = 0;
    for (auto& [path, h] : m) {
      text += h + "  " + path + "\n";
      octets += static_cast<int64_t>(fs::file_size(d + "/" + path));
    }
    testing::WriteFile(d + "/manifest-sha256.txt", text);
    std::string info = testing::ReadFile(d + "/bag-info.txt");
    size_t a = info.find("Payload-Oxum: ");
    size_t e = info.find('\n', a);
    info.replace(a, e - a,
                 "Payload-Oxum: " + std::to_string(octets) + "." + std::to_string(m.size()));
    testing::WriteFile(d + "/bag-info.txt", info);
    std::string tags;
    for (const char* f : {"bag-info.txt", "bagit.txt", "manifest-sha256.txt"})
      tags += Sha256Hex(testing::ReadFile(d + "/" + f)) + "  " + f + "\n";
    testing::WriteFile(d + "/tagmanifest-sha256.txt", tags);
  }

  std::string FirstLine(const std::string& file) {
    std::string s = testing::ReadFile(file);
    return s.substr(0, s.find('\n'));
  }

  std::string dir_, bag_, case_id_;
  int copies_ = 0;
  std::unique_ptr<KeyStore> keys_;
  std::unique_ptr<CaseStore> store_;
  BagExport export_;
};

TEST_F(BagTest, ExportedBagVerifiesOfflineAndHasTheRfc8493Layout) {
  BagCheck r = Check(bag_);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.case_id, case_id_);
  EXPECT_EQ(r.evidence_items, 2u);
  // invoice: collected, transferred, sealed, exported; bl: collected, exported.
  EXPECT_EQ(r.custody_events, 6u);
  EXPECT_EQ(FirstLine(bag_ + "/bagit.txt"), "BagIt-Version: 1.0");
  for (const char* f :
       {"bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "data/case-report.json",
        "data/case-report.txt", "data/audit/checkpoint.json", "data/keys/interdict-log.pub",
        "data/keys/alice.pub", "data/keys/sam.pub", "data/evidence/E-1/invoice.pdf",
        "data/evidence/E-2/bl.txt", "data/custody/E-1.jsonl"})
    EXPECT_TRUE(fs::exists(bag_ + "/" + f)) << f;
  EXPECT_EQ(testing::ReadFile(bag_ + "/data/evidence/E-1/invoice.pdf"), "%PDF-1.4 invoice 4711\n");
  // The export is itself an audit entry with the justification and recipient, in the log.
  auto e = store_->AuditEntryAt(export_.export_entry);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->op, "case.export");
  EXPECT_EQ(e->justification, "court order 12 KLs 3/24");
  EXPECT_EQ(e->recipients, std::vector<std::string>{"Landgericht Hamburg"});
  EXPECT_TRUE(
      fs::exists(bag_ + "/data/audit/entries/" + std::to_string(export_.export_entry) + ".json"));
  // The log is still intact, the items still verify, and the pinned key is accepted.
  auto v = store_->VerifyAudit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_TRUE(store_->VerifyEvidence("E-1")->ok);
  EXPECT_TRUE(Check(bag_, *store_->LogPublicKey()).ok);
  // A second export into the same directory is refused, and nothing is logged for it.
  uint64_t size = store_->AuditSize();
  EXPECT_FALSE(store_->ExportCaseBag(case_id_, bag_, "x", {"sam", "again"}).ok());
  EXPECT_EQ(store_->AuditSize(), size);
}

TEST_F(BagTest, ExportNeedsDiscloseRightsAndIsDeniedAndLoggedOtherwise) {
  ASSERT_TRUE(keys_->CreateFromSeed("olga", std::string(32, 'o')).ok());
  ASSERT_TRUE(store_->AddUser("olga", "ZOLL", Role::kAuditor, "set-up").ok());
  uint64_t size = store_->AuditSize();
  auto b = store_->ExportCaseBag(case_id_, dir_ + "/bag2", "court", {"olga", "curious"});
  EXPECT_EQ(b.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(fs::exists(dir_ + "/bag2/bagit.txt"));
  ASSERT_EQ(store_->AuditSize(), size + 1);
  EXPECT_EQ(store_->AuditEntryAt(size)->action, "deny");
}

TEST_F(BagTest, FlippedEvidenceByteFails) {
  std::string d = Copy();
  std::string f = d + "/data/evidence/E-2/bl.txt";
  std::string s = testing::ReadFile(f);
  s[5] ^= 0x01;
  testing::WriteFile(f, s);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("data/evidence/E-2/bl.txt: SHA-256"), std::string::npos) << r.problem;
  // With the manifests recomputed, the signed custody records still hold the old hash.
  Remanifest(d);
  r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("evidence E-2"), std::string::npos) << r.problem;
}

TEST_F(BagTest, AlteredCustodyRecordFails) {
  std::string d = Copy();
  Replace(d + "/data/custody/E-1.jsonl", "\"reason\":\"for review\"", "\"reason\":\"for reviex\"");
  Remanifest(d);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("data/custody/E-1.jsonl event 1: recorded fields do not match"),
            std::string::npos)
      << r.problem;
}

TEST_F(BagTest, DeletedCustodyRecordFails) {
  std::string d = Copy();
  std::string f = d + "/data/custody/E-1.jsonl";
  std::string s = testing::ReadFile(f);
  size_t a = s.find('\n');
  size_t b = s.find('\n', a + 1);
  s.erase(a + 1, b - a);  // drop event 1 (the transfer)
  testing::WriteFile(f, s);
  Remanifest(d);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("E-1.jsonl event 1"), std::string::npos) << r.problem;
}

TEST_F(BagTest, AlteredCustodySignatureFails) {
  std::string d = Copy();
  std::string f = d + "/data/custody/E-2.jsonl";
  std::string s = testing::ReadFile(f);
  size_t at = s.find("\"signature\":\"") + 13;
  s[at] = s[at] == '0' ? '1' : '0';
  testing::WriteFile(f, s);
  Remanifest(d);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("E-2.jsonl event 0: signature by 'alice' does not verify"),
            std::string::npos)
      << r.problem;
  // A signature made by another key (sam re-signs alice's event) fails the same way.
}

TEST_F(BagTest, SwappedSignerKeyFails) {
  std::string d = Copy();
  // Replace alice's public key by sam's: her signatures no longer verify.
  testing::WriteFile(d + "/data/keys/alice.pub", testing::ReadFile(d + "/data/keys/sam.pub"));
  Remanifest(d);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("signature by 'alice'"), std::string::npos) << r.problem;
}

TEST_F(BagTest, AlteredManifestLineFails) {
  std::string d = Copy();
  std::string f = d + "/manifest-sha256.txt";
  std::string s = testing::ReadFile(f);
  s[0] = s[0] == 'a' ? 'b' : 'a';
  testing::WriteFile(f, s);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("differs from manifest-sha256.txt"), std::string::npos) << r.problem;
  // Dropping a line (and fixing the tag manifest) leaves a payload file unlisted.
  std::string d2 = Copy();
  std::string m = testing::ReadFile(d2 + "/manifest-sha256.txt");
  m.erase(0, m.find('\n') + 1);
  testing::WriteFile(d2 + "/manifest-sha256.txt", m);
  std::string tags;
  for (const char* t : {"bag-info.txt", "bagit.txt", "manifest-sha256.txt"})
    tags += Sha256Hex(testing::ReadFile(d2 + "/" + t)) + "  " + t + "\n";
  testing::WriteFile(d2 + "/tagmanifest-sha256.txt", tags);
  r = Check(d2);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("not listed in manifest-sha256.txt"), std::string::npos) << r.problem;
  // A stale tag manifest (manifest edited, tag manifest not) is caught too.
  std::string d3 = Copy();
  testing::WriteFile(d3 + "/manifest-sha256.txt",
                     testing::ReadFile(d3 + "/manifest-sha256.txt") + "\n");
  r = Check(d3);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("manifest-sha256.txt: SHA-256 differs from tagmanifest"),
            std::string::npos)
      << r.problem;
}

TEST_F(BagTest, FlippedProofHashFails) {
  std::string d = Copy();
  std::string f = d + "/data/audit/entries/" + std::to_string(export_.export_entry) + ".json";
  std::string s = testing::ReadFile(f);
  size_t at = s.find("\"proof\"");
  at = s.find('"', s.find('[', at)) + 1;  // first hex char of the first proof hash
  s[at] = s[at] == 'f' ? 'e' : 'f';
  testing::WriteFile(f, s);
  Remanifest(d);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("inclusion proof fails"), std::string::npos) << r.problem;
}

TEST_F(BagTest, AlteredProvenEntryFails) {
  // Rewriting the justification of the export inside its proof breaks the leaf hash.
  std::string d = Copy();
  std::string f = d + "/data/audit/entries/" + std::to_string(export_.export_entry) + ".json";
  Replace(f, "court order 12 KLs 3/24", "court order 12 KLs 3/25");
  Remanifest(d);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("inclusion proof fails"), std::string::npos) << r.problem;
}

TEST_F(BagTest, AlteredCheckpointFails) {
  // A different root in both the body and the field: the signature no longer verifies.
  std::string d = Copy();
  std::string f = d + "/data/audit/checkpoint.json";
  std::string root = audit::ToHex(export_.checkpoint.root);
  std::string other = root;
  other[0] = other[0] == '0' ? '1' : '0';
  std::string s = testing::ReadFile(f);
  for (size_t at; (at = s.find(root)) != std::string::npos;) s.replace(at, root.size(), other);
  testing::WriteFile(f, s);
  Remanifest(d);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("data/audit/checkpoint.json: checkpoint of size"), std::string::npos)
      << r.problem;
  // A checkpoint signed by another key than the pinned one is refused even if the bag's own
  // key file was swapped consistently.
  std::string pk = *store_->LogPublicKey();
  std::string d2 = Copy();
  testing::WriteFile(d2 + "/data/keys/interdict-log.pub",
                     testing::ReadFile(d2 + "/data/keys/sam.pub"));
  Remanifest(d2);
  r = Check(d2, pk);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("is not the pinned key"), std::string::npos) << r.problem;
}

TEST_F(BagTest, ExtraOrMissingFilesFail) {
  std::string d = Copy();
  testing::WriteFile(d + "/data/evidence/E-2/extra.txt", "planted\n");
  Remanifest(d);
  BagCheck r = Check(d);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("extra.txt: evidence file not described"), std::string::npos)
      << r.problem;
  std::string d2 = Copy();
  fs::remove(d2 + "/data/evidence/E-1/invoice.pdf");
  r = Check(d2);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("listed in manifest-sha256.txt but missing"), std::string::npos)
      << r.problem;
}

}  // namespace
}  // namespace interdict
