// The access matrix (issue 11): three agencies, cases with different markings (and two
// derived from others), six users; every read, write and export, allowed or denied, checked
// through the CaseStore, and every denial logged with its justification.
//
// Expected tables are worked out by hand from the rules in cases.h / sharing.h:
//  owning agency: role allows it and clearance >= classification;
//  other agency:  read only (not auditors), releasable to its name or country, clearance >=
//                 classification, and the agency accepts every handling code.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "interdict/cases.h"
#include "testutil.h"

namespace interdict {
namespace {

using C = sharing::Classification;

class AccessMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    keys_ = NewMemoryKeyStore();
    CaseStoreOptions o;
    o.db_path = dir_ + "/cases.db";
    o.keys = keys_.get();
    store_ = std::move(CaseStore::Open(o)).value();
    ASSERT_TRUE(store_->AddAgency({"ZOLL", "DE"}, "set-up").ok());
    ASSERT_TRUE(store_->AddAgency({"FIOD", "NL"}, "set-up").ok());
    ASSERT_TRUE(store_->AddAgency({"HSI", "US"}, "set-up").ok());
    ASSERT_TRUE(store_->SetAgencyHandling("FIOD", {"LE-ONLY"}, "MoU 2024").ok());
    struct U {
      const char* name;
      const char* agency;
      Role role;
      C clearance;
    };
    for (const U& u : {U{"zoll_a", "ZOLL", Role::kAnalyst, C::kSecret},
                       U{"zoll_r", "ZOLL", Role::kAnalyst, C::kRestricted},
                       U{"fiod_l", "FIOD", Role::kLiaison, C::kConfidential},
                       U{"fiod_a", "FIOD", Role::kAnalyst, C::kRestricted},
                       U{"hsi_a", "HSI", Role::kAnalyst, C::kConfidential},
                       U{"hsi_au", "HSI", Role::kAuditor, C::kSecret}}) {
      ASSERT_TRUE(store_->AddUser(u.name, u.agency, u.role, "set-up").ok());
      ASSERT_TRUE(store_->SetUserClearance(u.name, u.clearance, "vetted").ok());
    }
    auto mk = [&](const char* user, C c, std::set<std::string> rel, std::set<std::string> h,
                  std::vector<std::string> from = {}) {
      CaseOptions opt;
      opt.marking.classification = c;
      opt.marking.releasable_to = std::move(rel);
      opt.marking.handling = std::move(h);
      opt.derived_from = std::move(from);
      auto id = store_->CreateCase("case", {user, "new lead"}, opt);
      EXPECT_TRUE(id.ok()) << id.status().ToString();
      return id.ok() ? *id : std::string();
    };
    ids_ = {mk("zoll_a", C::kUnclassified, {}, {}),                        // C1 ZOLL only
            mk("zoll_a", C::kRestricted, {"NL"}, {}),                      // C2 by country
            mk("zoll_a", C::kConfidential, {"FIOD", "HSI"}, {"LE-ONLY"}),  // C3
            mk("zoll_a", C::kSecret, {"FIOD", "US"}, {}),                  // C4
            mk("fiod_a", C::kRestricted, {"DE", "HSI"}, {}),               // C5 FIOD's
            mk("zoll_a", C::kRestricted, {"FIOD", "HSI"}, {})};            // C6
    // D1 = C3 + C6 asking {FIOD, HSI}: confidential, {FIOD, HSI, ZOLL}, LE-ONLY.
    ids_.push_back(mk("zoll_a", C::kUnclassified, {"FIOD", "HSI"}, {}, {ids_[2], ids_[5]}));
    // D2 = C6 + C5 (FIOD's, releasable to DE) asking {HSI}: restricted, {HSI}, none.
    ids_.push_back(mk("zoll_a", C::kUnclassified, {"HSI"}, {}, {ids_[5], ids_[4]}));
  }

  int Denials() {
    int n = 0;
    for (uint64_t i = 0; i < store_->AuditSize(); ++i)
      n += store_->AuditEntryAt(i)->action == "deny";
    return n;
  }

  std::string dir_;
  std::unique_ptr<KeyStore> keys_;
  std::unique_ptr<CaseStore> store_;
  std::vector<std::string> ids_;
};

const std::vector<std::string> kUsers = {"zoll_a", "zoll_r", "fiod_l", "fiod_a", "hsi_a", "hsi_au"};

TEST_F(AccessMatrixTest, DerivedMarkingsAreTheStrictestCombination) {
  auto d1 = store_->GetCase(ids_[6], {"zoll_a", "check"});
  ASSERT_TRUE(d1.ok());
  EXPECT_EQ(d1->marking.classification, C::kConfidential);
  // Every input lets ZOLL (their originator) see it, so ZOLL stays in the intersection.
  EXPECT_EQ(d1->marking.releasable_to, (std::set<std::string>{"FIOD", "HSI", "ZOLL"}));
  EXPECT_EQ(d1->marking.handling, (std::set<std::string>{"LE-ONLY"}));
  EXPECT_EQ(d1->derived_from, (std::vector<std::string>{ids_[2], ids_[5]}));
  auto d2 = store_->GetCase(ids_[7], {"zoll_a", "check"});
  ASSERT_TRUE(d2.ok());
  EXPECT_EQ(d2->marking.classification, C::kRestricted);
  // C5 (FIOD's) releases to DE, not to ZOLL by name: ZOLL drops out of the intersection
  // (it still reads D2 as its originator).
  EXPECT_EQ(d2->marking.releasable_to, (std::set<std::string>{"HSI"}));
  EXPECT_TRUE(d2->marking.handling.empty());
}

TEST_F(AccessMatrixTest, EveryReadWriteAndExportCombination) {
  //                               C1  C2  C3  C4  C5  C6  D1  D2
  std::map<std::string, std::string> read = {{"zoll_a", "YYYYYYYY"}, {"zoll_r", "YYNNYYNY"},
                                             {"fiod_l", "NYYNYYYN"}, {"fiod_a", "NYNNYYNN"},
                                             {"hsi_a", "NNNNYYNY"},  {"hsi_au", "NNNNNNNN"}};
  std::map<std::string, std::string> write = {{"zoll_a", "YYYYNYYY"}, {"zoll_r", "YYNNNYNY"},
                                              {"fiod_l", "NNNNNNNN"}, {"fiod_a", "NNNNYNNN"},
                                              {"hsi_a", "NNNNNNNN"},  {"hsi_au", "NNNNNNNN"}};
  std::map<std::string, std::string> exp = {{"zoll_a", "YYYYNYYY"}, {"zoll_r", "YYNNNYNY"},
                                            {"fiod_l", "NNNNYNNN"}, {"fiod_a", "NNNNYNNN"},
                                            {"hsi_a", "NNNNNNNN"},  {"hsi_au", "NNNNNNNN"}};
  int denied = 0, before = Denials(), bags = 0;
  for (const auto& u : kUsers) {
    for (size_t c = 0; c < ids_.size(); ++c) {
      std::string why = "matrix " + u + " " + ids_[c];
      auto r = store_->GetCase(ids_[c], {u, why});
      EXPECT_EQ(r.ok(), read[u][c] == 'Y')
          << "read " << u << " " << ids_[c] << " " << r.status().ToString();
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
        ++denied;
      }
      Status w = store_->AddNote(ids_[c], "note", {u, why});
      EXPECT_EQ(w.ok(), write[u][c] == 'Y')
          << "write " << u << " " << ids_[c] << " " << w.ToString();
      denied += !w.ok();
      auto e =
          store_->ExportCaseBag(ids_[c], dir_ + "/bag" + std::to_string(bags++), "court", {u, why});
      EXPECT_EQ(e.ok(), exp[u][c] == 'Y')
          << "export " << u << " " << ids_[c] << " " << e.status().ToString();
      denied += !e.ok();
    }
  }
  // Every denial is in the log, with the justification the user gave.
  EXPECT_EQ(Denials() - before, denied);
  bool found = false;
  for (uint64_t i = 0; i < store_->AuditSize(); ++i) {
    auto e = store_->AuditEntryAt(i);
    if (e->action == "deny" && e->actor == "hsi_a" && e->object == "case/" + ids_[2])
      found |= e->justification == "matrix hsi_a " + ids_[2] &&
               e->detail.find("LE-ONLY") != std::string::npos;
  }
  EXPECT_TRUE(found);
  auto v = store_->VerifyAudit();
  EXPECT_TRUE(v.ok() && v->ok);
}

TEST_F(AccessMatrixTest, ListingShowsOnlyReadableCases) {
  for (const auto& u : kUsers) {
    auto l = store_->ListCases({u, "list"});
    if (u == "hsi_au") {
      EXPECT_FALSE(l.ok());
      continue;
    }
    ASSERT_TRUE(l.ok()) << u;
    std::set<std::string> got;
    for (const auto& c : *l) got.insert(c.id);
    std::set<std::string> want;
    for (size_t c = 0; c < ids_.size(); ++c)
      if (store_->GetCase(ids_[c], {u, "probe"}).ok()) want.insert(ids_[c]);
    EXPECT_EQ(got, want) << u;
  }
}

TEST_F(AccessMatrixTest, DerivingNeedsReadAccessToEverySource) {
  int before = Denials();
  CaseOptions opt;
  opt.derived_from = {ids_[0]};  // C1 is ZOLL-only
  auto d = store_->CreateCase("combo", {"fiod_a", "combine"}, opt);
  EXPECT_EQ(d.status().code(), StatusCode::kFailedPrecondition);
  opt.derived_from = {ids_[4], ids_[3]};  // C4 is secret: hsi_a (confidential) may not read it
  d = store_->CreateCase("combo", {"hsi_a", "combine"}, opt);
  EXPECT_EQ(d.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Denials() - before, 2);
  // A user may not create a case above their own clearance.
  CaseOptions high;
  high.marking.classification = C::kConfidential;
  EXPECT_FALSE(store_->CreateCase("x", {"zoll_r", "try"}, high).ok());
}

}  // namespace
}  // namespace interdict
