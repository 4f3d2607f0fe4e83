// Case store: cases, access, evidence custody, audit log, and tamper detection.
#include "interdict/cases.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>

#include "testutil.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;

std::string Seed(char c) { return std::string(32, c); }

class CasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    keys_ = NewMemoryKeyStore();
    ASSERT_TRUE(keys_->CreateFromSeed("interdict-log", Seed('L')).ok());
    ASSERT_TRUE(keys_->CreateFromSeed("alice", Seed('a')).ok());
    ASSERT_TRUE(keys_->CreateFromSeed("bob", Seed('b')).ok());
    ASSERT_TRUE(keys_->CreateFromSeed("sam", Seed('s')).ok());
    ASSERT_TRUE(keys_->CreateFromSeed("olga", Seed('o')).ok());
    ASSERT_TRUE(keys_->CreateFromSeed("lena", Seed('l')).ok());
    Reopen();
    ASSERT_TRUE(store_->AddAgency({"ZOLL", "DE"}, "set-up").ok());
    ASSERT_TRUE(store_->AddAgency({"FIOD", "NL"}, "set-up").ok());
    ASSERT_TRUE(store_->AddUser("alice", "ZOLL", Role::kAnalyst, "set-up").ok());
    ASSERT_TRUE(store_->AddUser("sam", "ZOLL", Role::kSupervisor, "set-up").ok());
    ASSERT_TRUE(store_->AddUser("olga", "ZOLL", Role::kAuditor, "set-up").ok());
    ASSERT_TRUE(store_->AddUser("lena", "ZOLL", Role::kLiaison, "set-up").ok());
    ASSERT_TRUE(store_->AddUser("bob", "FIOD", Role::kAnalyst, "set-up").ok());
  }

  void Reopen() {
    store_.reset();
    CaseStoreOptions o;
    o.db_path = dir_ + "/cases.db";
    o.clock = &clock_;
    o.keys = keys_.get();
    auto s = CaseStore::Open(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  // Runs SQL directly on the database, as an attacker with file access would.
  void Tamper(const std::string& sql) {
    store_.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ + "/cases.db").c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
    ASSERT_EQ(sqlite3_changes(db) > 0 || sql.rfind("DELETE", 0) == 0, true);
    sqlite3_close(db);
    Reopen();
  }

  std::string WriteEvidenceFile(const std::string& name, const std::string& content) {
    std::string p = dir_ + "/" + name;
    testing::WriteFile(p, content);
    return p;
  }

  std::string dir_;
  FakeClock clock_{1714737600000000};
  std::unique_ptr<KeyStore> keys_;
  std::unique_ptr<CaseStore> store_;
  Actor alice_{"alice", "op NORTHWIND: dual-use shipment"};
  Actor sam_{"sam", "supervision"};
};

TEST_F(CasesTest, CaseLifecycleAndTimeline) {
  auto id = store_->CreateCase("Northwind transshipment", alice_);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, "C-1");
  clock_.Advance(1000000);
  ASSERT_TRUE(store_->Link(*id, {"vessel", "IMO9321483", "seen off Ceuta"}, alice_).ok());
  EXPECT_EQ(store_->Link(*id, {"vessel", "IMO9321483", ""}, alice_).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->Link(*id, {"planet", "x", ""}, alice_).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(store_->AddNote(*id, "Bill of lading names a shell company.", alice_).ok());
  ASSERT_TRUE(store_->AssignCase(*id, "alice", sam_).ok());
  ASSERT_TRUE(store_->SetCaseStatus(*id, "active", alice_).ok());  // assigned analyst may
  auto c = store_->GetCase(*id, alice_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->status, "active");
  EXPECT_EQ(c->assignee, "alice");
  ASSERT_EQ(c->links.size(), 1u);
  EXPECT_EQ(c->links[0].target, "IMO9321483");
  ASSERT_EQ(c->notes.size(), 1u);
  ASSERT_EQ(c->timeline.size(), 5u);
  EXPECT_EQ(c->timeline[0].kind, "created");
  EXPECT_EQ(c->timeline[4].kind, "status");
  auto list = store_->ListCases(sam_);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
  EXPECT_EQ(store_->ListCases({"bob", "x"})->size(), 0u);  // other agency sees none
}

TEST_F(CasesTest, AccessIsCheckedAndDenialsAreLogged) {
  auto id = *store_->CreateCase("t", alice_);
  uint64_t before = store_->AuditSize();
  auto denied = store_->GetCase(id, {"bob", "curious"});  // other agency
  EXPECT_EQ(denied.status().code(), StatusCode::kFailedPrecondition);
  auto last = store_->AuditEntryAt(store_->AuditSize() - 1);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->action, "deny");
  EXPECT_EQ(last->actor, "bob");
  EXPECT_EQ(last->object, "case/" + id);
  EXPECT_EQ(store_->AuditSize(), before + 1);
  // Auditors do not read case content; liaison reads but does not write; analysts do not
  // assign; no justification, no access; unknown users are denied.
  EXPECT_FALSE(store_->GetCase(id, {"olga", "audit"}).ok());
  EXPECT_TRUE(store_->GetCase(id, {"lena", "partner request"}).ok());
  EXPECT_FALSE(store_->AddNote(id, "x", {"lena", "x"}).ok());
  EXPECT_FALSE(store_->AssignCase(id, "alice", alice_).ok());
  EXPECT_FALSE(store_->GetCase(id, {"alice", ""}).ok());
  EXPECT_FALSE(store_->GetCase(id, {"mallory", "x"}).ok());
  EXPECT_EQ(store_->AuditEntryAt(store_->AuditSize() - 1)->actor, "mallory");
  EXPECT_TRUE(store_->VerifyAudit()->ok);
}

TEST_F(CasesTest, EveryReadAndWriteIsAudited) {
  uint64_t n0 = store_->AuditSize();
  auto id = *store_->CreateCase("t", alice_);
  ASSERT_TRUE(store_->GetCase(id, alice_).ok());
  ASSERT_EQ(store_->AuditSize(), n0 + 2);
  auto e = *store_->AuditEntryAt(n0 + 1);
  EXPECT_EQ(e.action, "consult");
  EXPECT_EQ(e.op, "case.show");
  EXPECT_EQ(e.actor, "alice");
  EXPECT_EQ(e.agency, "ZOLL");
  EXPECT_EQ(e.justification, alice_.justification);
  EXPECT_EQ(e.time, clock_.NowMicros());
  EXPECT_EQ(e.index, n0 + 1);
}

TEST_F(CasesTest, EvidenceCustodyChainVerifies) {
  auto id = *store_->CreateCase("t", alice_);
  auto ev = store_->AddEvidence(id, WriteEvidenceFile("bl.pdf", "%PDF bill of lading"), alice_);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  EXPECT_EQ(ev->id, "E-1");
  EXPECT_EQ(ev->name, "bl.pdf");
  auto content = store_->ViewEvidence(ev->id, alice_);
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(*content, "%PDF bill of lading");
  ASSERT_TRUE(store_->ExportEvidence(ev->id, dir_ + "/out.pdf", "Public prosecutor", alice_).ok());
  EXPECT_EQ(testing::ReadFile(dir_ + "/out.pdf"), "%PDF bill of lading");
  ASSERT_TRUE(store_->TransferEvidence(ev->id, "sam", alice_).ok());
  ASSERT_TRUE(store_->SealEvidence(ev->id, sam_).ok());
  EXPECT_EQ(store_->TransferEvidence(ev->id, "alice", sam_).code(),
            StatusCode::kFailedPrecondition);
  auto log = store_->CustodyLog(ev->id, alice_);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 5u);
  EXPECT_EQ((*log)[0].kind, CustodyKind::kCollected);
  EXPECT_EQ((*log)[2].to, "Public prosecutor");
  EXPECT_EQ((*log)[3].to, "sam");
  EXPECT_EQ((*log)[4].actor, "sam");
  EXPECT_EQ((*log)[1].prev, (*log)[0].hash);
  auto check = store_->VerifyEvidence(ev->id);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->ok) << check->problem;
  // The stored object is read-only and content-addressed.
  struct stat st;
  std::string obj = dir_ + "/cases.db.evidence/" + ev->sha256.substr(0, 2) + "/" + ev->sha256;
  ASSERT_EQ(::stat(obj.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0222, 0u);
  auto audit = store_->VerifyAudit();
  ASSERT_TRUE(audit.ok());
  EXPECT_TRUE(audit->ok) << audit->problem;
}

class EvidenceTamperTest : public CasesTest {
 protected:
  void SetUp() override {
    CasesTest::SetUp();
    auto id = *store_->CreateCase("t", alice_);
    auto ev = store_->AddEvidence(id, WriteEvidenceFile("a.bin", "evidence bytes"), alice_);
    ASSERT_TRUE(ev.ok());
    ev_ = *ev;
    ASSERT_TRUE(store_->ViewEvidence(ev_.id, alice_).ok());
    ASSERT_TRUE(store_->TransferEvidence(ev_.id, "sam", alice_).ok());
    ASSERT_TRUE(store_->VerifyEvidence(ev_.id)->ok);
  }
  std::string Problem() {
    auto r = store_->VerifyEvidence(ev_.id);
    EXPECT_TRUE(r.ok());
    EXPECT_FALSE(r->ok);
    return r->problem;
  }
  Evidence ev_;
};

TEST_F(EvidenceTamperTest, ChangedFileIsDetected) {
  std::string obj = dir_ + "/cases.db.evidence/" + ev_.sha256.substr(0, 2) + "/" + ev_.sha256;
  ::chmod(obj.c_str(), 0644);
  testing::WriteFile(obj, "evidence bytez");
  EXPECT_NE(Problem().find("content changed"), std::string::npos);
  EXPECT_FALSE(store_->ViewEvidence(ev_.id, alice_).ok());
}

TEST_F(EvidenceTamperTest, EditedEventIsDetected) {
  Tamper("UPDATE custody SET reason='routine' WHERE seq=1");
  EXPECT_NE(Problem().find("custody event 1"), std::string::npos);
}

TEST_F(EvidenceTamperTest, ForgedEventWithRecomputedHashFailsSignature) {
  // Recompute the event's hash (and chain) as a forger would; the signature cannot follow.
  CustodyEvent e = (*store_->CustodyLog(ev_.id, alice_))[2];
  e.to = "bob";
  std::string enc = e.Encode();
  std::string h = audit::ToHex(audit::Sha256(enc));
  Tamper("UPDATE custody SET recipient='bob', hash='" + h + "' WHERE seq=2");
  EXPECT_NE(Problem().find("signature"), std::string::npos);
}

TEST_F(EvidenceTamperTest, ResignedByAnotherUserFails) {
  // Event signed with bob's real key but claiming to be alice's.
  CustodyEvent e = (*store_->CustodyLog(ev_.id, alice_))[2];
  std::string sig = audit::ToHex(*keys_->Sign("bob", e.Encode()));
  Tamper("UPDATE custody SET signature='" + sig + "' WHERE seq=2");
  EXPECT_NE(Problem().find("signature"), std::string::npos);
}

TEST_F(EvidenceTamperTest, DeletedLastEventIsDetectedByTheAuditAnchor) {
  Tamper("DELETE FROM custody WHERE seq=2");
  EXPECT_NE(Problem().find("audit log anchors"), std::string::npos);
}

TEST_F(EvidenceTamperTest, DeletedMiddleEventIsDetected) {
  Tamper("DELETE FROM custody WHERE seq=1");
  EXPECT_NE(Problem().find("sequence gap"), std::string::npos);
}

class AuditTamperTest : public CasesTest {
 protected:
  void SetUp() override {
    CasesTest::SetUp();
    auto id = *store_->CreateCase("t", alice_);
    for (int i = 0; i < 6; ++i) {
      clock_.Advance(1000);
      ASSERT_TRUE(store_->AddNote(id, "note " + std::to_string(i), alice_).ok());
    }
    n_ = store_->AuditSize();
    auto r = store_->VerifyAudit();
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r->ok) << r->problem;
    EXPECT_EQ(r->entries, n_);
    EXPECT_EQ(r->checkpoints, n_);
  }
  audit::AuditVerifyReport Verify() {
    auto r = store_->VerifyAudit();
    EXPECT_TRUE(r.ok());
    EXPECT_FALSE(r->ok);
    return *r;
  }
  uint64_t n_ = 0;
};

TEST_F(AuditTamperTest, EditedEntryIsNamed) {
  for (uint64_t k : {uint64_t{0}, uint64_t{3}, n_ - 1}) {
    SetUp();
    Tamper("UPDATE audit_entries SET data=replace(data,'\"time\":','\"time\":1') WHERE idx=" +
           std::to_string(k));
    auto r = Verify();
    EXPECT_EQ(r.first_bad_entry, static_cast<int64_t>(k)) << r.problem;
  }
}

TEST_F(AuditTamperTest, EditedJustificationIsNamed) {
  Tamper("UPDATE audit_entries SET data=replace(data,'dual-use','routine') WHERE idx=9");
  EXPECT_EQ(Verify().first_bad_entry, 9);
}

TEST_F(AuditTamperTest, DeletedEntryIsNamed) {
  Tamper("DELETE FROM audit_entries WHERE idx=5");
  auto r = Verify();
  EXPECT_EQ(r.first_bad_entry, 5) << r.problem;
}

TEST_F(AuditTamperTest, DeletedAndRenumberedEntryIsNamed) {
  Tamper("DELETE FROM audit_entries WHERE idx=5; UPDATE audit_entries SET idx=idx-1 WHERE idx>5");
  auto r = Verify();
  EXPECT_EQ(r.first_bad_entry, 5) << r.problem;
}

TEST_F(AuditTamperTest, SwappedEntriesAreNamed) {
  Tamper(
      "UPDATE audit_entries SET idx=-1 WHERE idx=7; UPDATE audit_entries SET idx=7 WHERE idx=8;"
      "UPDATE audit_entries SET idx=8 WHERE idx=-1");
  auto r = Verify();
  EXPECT_EQ(r.first_bad_entry, 7) << r.problem;
}

TEST_F(AuditTamperTest, TruncatedTailIsDetected) {
  Tamper("DELETE FROM audit_entries WHERE idx>=" + std::to_string(n_ - 2));
  auto r = Verify();
  EXPECT_EQ(r.first_bad_entry, static_cast<int64_t>(n_ - 2)) << r.problem;
}

TEST_F(AuditTamperTest, ForgedCheckpointSignatureIsDetected) {
  Tamper("UPDATE audit_checkpoints SET signature='" + std::string(128, '0') + "' WHERE size=4");
  auto r = Verify();
  EXPECT_EQ(r.first_bad_entry, 3) << r.problem;
  EXPECT_NE(r.problem.find("signature"), std::string::npos);
}

TEST_F(AuditTamperTest, RecomputedButUnsignedRootIsDetected) {
  // Rewrite entry 7, then every later checkpoint body with the roots that now follow, as a
  // forger without the log key would: the bodies change, so the old signatures fail.
  Tamper("UPDATE audit_entries SET data=replace(data,'alice','alicf') WHERE idx=7");
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/cases.db").c_str(), &db), SQLITE_OK);
  std::vector<audit::Hash> leaves;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT data FROM audit_entries ORDER BY idx", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    leaves.push_back(audit::HashLeaf(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))));
  sqlite3_finalize(st);
  for (uint64_t size = 8; size <= leaves.size(); ++size) {
    sqlite3_prepare_v2(db, "SELECT body FROM audit_checkpoints WHERE size=?", -1, &st, nullptr);
    sqlite3_bind_int64(st, 1, static_cast<int64_t>(size));
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    auto cp = audit::Checkpoint::ParseBody(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    ASSERT_TRUE(cp.ok());
    cp->root = audit::RootOf(std::span<const audit::Hash>(leaves).subspan(0, size));
    sqlite3_prepare_v2(db, "UPDATE audit_checkpoints SET body=? WHERE size=?", -1, &st, nullptr);
    std::string body = cp->Body();
    sqlite3_bind_text(st, 1, body.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, static_cast<int64_t>(size));
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  Reopen();
  auto r = Verify();
  EXPECT_EQ(r.first_bad_entry, 7) << r.problem;
  EXPECT_NE(r.problem.find("signature"), std::string::npos) << r.problem;
}

TEST_F(AuditTamperTest, InclusionProofsVerifyAndDetectEdits) {
  std::string pk = *store_->LogPublicKey();
  for (uint64_t i = 0; i < n_; ++i) {
    auto b = store_->ProveEntry(i, {});
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_TRUE(audit::VerifyInclusionBundle(*b, pk).ok()) << i;
    auto round = audit::InclusionBundle::FromJson(b->ToJson());
    ASSERT_TRUE(round.ok()) << round.status().ToString();
    EXPECT_TRUE(audit::VerifyInclusionBundle(*round, pk).ok()) << i;
    auto edited = *b;
    edited.entry[edited.entry.size() / 2] ^= 1;
    EXPECT_FALSE(audit::VerifyInclusionBundle(edited, pk).ok());
    auto other_key = *b;
    EXPECT_FALSE(audit::VerifyInclusionBundle(other_key, *keys_->PublicKey("alice")).ok());
  }
  // Proving with a user logs the disclosure.
  ASSERT_TRUE(store_->ProveEntry(2, {"olga", "court request 17"}).ok());
  EXPECT_EQ(store_->AuditEntryAt(store_->AuditSize() - 1)->op, "audit.prove");
  // Old checkpoints are consistent with new ones.
  auto cp1 = *store_->LatestCheckpoint();
  ASSERT_TRUE(store_->GetCase("C-1", alice_).ok());
  auto cp2 = *store_->LatestCheckpoint();
  auto proof = store_->ProveConsistency(cp1.size, cp2.size);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(audit::VerifyConsistency(cp1.size, cp2.size, *proof, cp1.root, cp2.root).ok());
}

TEST_F(CasesTest, ReopenKeepsLogAndRejectsWrongLogKey) {
  ASSERT_TRUE(store_->CreateCase("t", alice_).ok());
  uint64_t n = store_->AuditSize();
  Reopen();
  EXPECT_EQ(store_->AuditSize(), n);
  ASSERT_TRUE(store_->GetCase("C-1", alice_).ok());
  EXPECT_TRUE(store_->VerifyAudit()->ok);
  store_.reset();
  auto other = NewMemoryKeyStore();
  ASSERT_TRUE(other->CreateFromSeed("interdict-log", Seed('X')).ok());
  CaseStoreOptions o;
  o.db_path = dir_ + "/cases.db";
  o.keys = other.get();
  auto s = CaseStore::Open(o);
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(CasesTest, DeterministicWithFakeClockAndSeededKeys) {
  ASSERT_TRUE(store_->CreateCase("t", alice_).ok());
  auto cp = *store_->LatestCheckpoint();
  // Same inputs, same keys, same clock: same signed root, in a fresh store.
  std::string root = audit::ToHex(cp.root);
  std::string d2 = testing::MakeTempDir();
  FakeClock clock2(1714737600000000);
  auto keys2 = NewMemoryKeyStore();
  for (auto [id, c] : std::vector<std::pair<std::string, char>>{
           {"interdict-log", 'L'}, {"alice", 'a'}, {"bob", 'b'}, {"sam", 's'}, {"olga", 'o'},
           {"lena", 'l'}})
    ASSERT_TRUE(keys2->CreateFromSeed(id, Seed(c)).ok());
  CaseStoreOptions o;
  o.db_path = d2 + "/cases.db";
  o.clock = &clock2;
  o.keys = keys2.get();
  auto s2 = std::move(CaseStore::Open(o)).value();
  ASSERT_TRUE(s2->AddAgency({"ZOLL", "DE"}, "set-up").ok());
  ASSERT_TRUE(s2->AddAgency({"FIOD", "NL"}, "set-up").ok());
  ASSERT_TRUE(s2->AddUser("alice", "ZOLL", Role::kAnalyst, "set-up").ok());
  ASSERT_TRUE(s2->AddUser("sam", "ZOLL", Role::kSupervisor, "set-up").ok());
  ASSERT_TRUE(s2->AddUser("olga", "ZOLL", Role::kAuditor, "set-up").ok());
  ASSERT_TRUE(s2->AddUser("lena", "ZOLL", Role::kLiaison, "set-up").ok());
  ASSERT_TRUE(s2->AddUser("bob", "FIOD", Role::kAnalyst, "set-up").ok());
  ASSERT_TRUE(s2->CreateCase("t", alice_).ok());
  EXPECT_EQ(audit::ToHex(s2->LatestCheckpoint()->root), root);
  EXPECT_EQ(s2->LatestCheckpoint()->signature, cp.signature);
}

TEST_F(CasesTest, RejectsBadInput) {
  EXPECT_EQ(store_->AddAgency({"X", "germany"}, "x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->AddAgency({"ZOLL", "DE"}, "x").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->AddUser("zed", "NOPE", Role::kAnalyst, "x").status().code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(ParseRole("admin").ok());
  EXPECT_EQ(store_->CreateCase("bad \xff utf8", alice_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetCase("C-99", alice_).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(store_->AddEvidence("C-1", dir_ + "/missing", alice_).ok());
  EXPECT_TRUE(store_->VerifyAudit()->ok);
}

}  // namespace
}  // namespace interdict
