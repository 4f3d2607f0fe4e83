// The fuzzy screening detector on a hand-built World.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "detect/detectors.h"
#include "resolve/resolve.h"

namespace interdict {
namespace {

Entity Rec(const std::string& id, const char* schema,
           std::vector<std::pair<std::string, std::string>> props, const std::string& src = "t") {
  Entity e(id, Schema::Get(schema));
  e.AddReferent({src, id, 1, 0, "h"});
  for (auto& [k, v] : props) e.Add(k, v);
  return e;
}

Entity Listed(const std::string& id, const char* schema,
              std::vector<std::pair<std::string, std::string>> props) {
  props.push_back({"topics", "sanction"});
  props.push_back({"program", "RUSSIA-EO14024"});
  return Rec(id, schema, std::move(props), "sdn.csv");
}

Entity Decl(const std::string& id, std::vector<std::pair<std::string, std::string>> props) {
  props.push_back({"declaration_id", id});
  props.push_back({"declaration_date", "2024-03-01"});
  props.push_back({"hs_code", "854231"});
  return Rec(id, "Declaration", props, "declarations.csv");
}

Entity Pay(const std::string& id, std::vector<std::pair<std::string, std::string>> props) {
  props.push_back({"payment_id", id});
  props.push_back({"amount", "1000"});
  return Rec(id, "Payment", props, "payments.csv");
}

World Build(std::vector<Entity> recs) {
  auto w = BuildWorld(std::move(recs));
  EXPECT_TRUE(w.ok());
  return std::move(w).value();
}

std::vector<const Finding*> FindAll(const std::vector<Finding>& fs, const std::string& code,
                                    const std::string& subject) {
  std::vector<const Finding*> out;
  for (const auto& f : fs)
    if (f.code == code && f.subject_id == subject) out.push_back(&f);
  return out;
}

const Finding* FindFor(const std::vector<Finding>& fs, const std::string& code,
                       const std::string& subject) {
  auto all = FindAll(fs, code, subject);
  return all.empty() ? nullptr : all[0];
}

bool HasEvidence(const Finding& f, const std::string& source, const std::string& record) {
  return std::find(f.evidence.begin(), f.evidence.end(), EvidenceRef{source, record}) !=
         f.evidence.end();
}

// The party entity a declaration role resolved to.
std::string PartyOf(const World& w, const std::string& record, const std::string& role) {
  for (const auto& pl : w.parties)
    if (pl.record_id == record && pl.role == role) return pl.entity_id;
  return "";
}

class FuzzyScreeningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Entity> recs = {
        Listed("ofac-1", "Person",
               {{"name", "ORLOV, Viktor Petrovich"},
                {"nationality", "RU"},
                {"birthDate", "1968-02-14"}}),
        Listed("ofac-2", "Company", {{"name", "OOO TECHNOPARK KASKAD"}, {"country", "RU"}}),
        Listed(
            "ofac-4", "Company",
            {{"name", "KASKAD HOLDING JSC"}, {"weakAlias", "KASKAD HOLDINGS"}, {"country", "RU"}}),
        Listed("ofac-3", "Vessel",
               {{"name", "SEA PHOENIX"},
                {"previousName", "OCEAN GRACE"},
                {"imoNumber", "9312456"},
                {"mmsi", "613000111"}}),
        // Reordered, with the nationality the list gives.
        Rec("reg-orlov", "Person", {{"name", "Viktor Petrovich Orlov"}, {"nationality", "RU"}},
            "registry.ftm.jsonl"),
        // A different ship (own IMO) broadcasting the listed ship's MMSI.
        Rec("reg-v-star", "Vessel",
            {{"name", "BALTIC TRADER"}, {"imoNumber", "9506784"}, {"mmsi", "613000111"}},
            "registry.ftm.jsonl"),
        // Legal form spelt out and moved, and a Cyrillic spelling of the listed person.
        Decl("d1", {{"importer", "Technopark Kaskad LLC"},
                    {"importer_country", "RU"},
                    {"end_user", "Орлов Виктор Петрович"}}),
        // A legitimate firm that shares one distinctive word: no hit.
        Decl("d2", {{"importer", "Technopark Skolkovo LLC"},
                    {"importer_country", "RU"},
                    {"exporter", "Kaskad Elektronik GmbH"},
                    {"exporter_country", "DE"}}),
        // Exactly the listed name: the exact detector's, not ours.
        Decl("d3", {{"importer", "ooo technopark kaskad"}, {"importer_country", "RU"}}),
        // The listed IMO (merged with the listed vessel: exact SCR-IMO) and a misspelt
        // listed name without IMO.
        Decl("d4", {{"vessel_imo", "9312456"}, {"vessel_name", "SEA PHOENIX"}}),
        Decl("d5", {{"vessel_name", "Sea Pheonix"}}),
        Decl("d6", {{"vessel_imo", "9506784"}}),
        // Misspelt.
        Decl("d7", {{"consignee", "Viktor Petrovitch Orlov"}}),
        // Equal to a weak a.k.a. (the exact detector's SCR-WEAK-ALIAS) and close to the
        // strong name: the fuzzy name match is reported too.
        Pay("p2", {{"payer", "Kaskad Holdings"}, {"payer_country", "RU"}}),
        Pay("p1", {{"payer", "Technopark Kaskad LLC"},
                   {"payer_country", "RU"},
                   {"payee", "Nordlicht Elektronik GmbH"},
                   {"payee_country", "DE"}}),
    };
    w_ = Build(std::move(recs));
    auto det = NewFuzzyScreeningDetector();
    ASSERT_TRUE(det->Run(w_, Config::Defaults(), &fs_).ok());
  }
  World w_;
  std::vector<Finding> fs_;
};

TEST_F(FuzzyScreeningTest, ReorderedPersonMatchesWithExplanationAndAnnotation) {
  const Finding* f = FindFor(fs_, "SCR-NAME-FUZZY", "reg-orlov");
  ASSERT_TRUE(f) << "no finding for reg-orlov";
  EXPECT_EQ(f->subject_kind, SubjectKind::kEntity);
  // Same parts in another order: a full name score, times the weight.
  double w = FlagWeight(Config::Defaults(), "SCR-NAME-FUZZY");
  EXPECT_GT(f->score, 0.9 * w);
  EXPECT_LE(f->score, w + 1e-9);
  EXPECT_NE(f->explanation.find("ORLOV, Viktor Petrovich"), std::string::npos) << f->explanation;
  EXPECT_NE(f->explanation.find("RUSSIA-EO14024"), std::string::npos) << f->explanation;
  EXPECT_TRUE(HasEvidence(*f, "registry.ftm.jsonl", "reg-orlov"));
  EXPECT_TRUE(HasEvidence(*f, "sdn.csv", "ofac-1"));
  ASSERT_EQ(f->annotate.size(), 1u);
  EXPECT_EQ(f->annotate[0], (std::pair<std::string, std::string>{"sanctionsMatches", "ofac-1"}));
}

TEST_F(FuzzyScreeningTest, LegalFormAndTransliterationOnDeclarations) {
  std::string tk = PartyOf(w_, "d1", "importer");
  ASSERT_FALSE(tk.empty());
  const Finding* ent = FindFor(fs_, "SCR-NAME-FUZZY", tk);
  ASSERT_TRUE(ent);
  EXPECT_EQ(ent->annotate[0].second, "ofac-2");
  EXPECT_NE(ent->explanation.find("OOO TECHNOPARK KASKAD"), std::string::npos) << ent->explanation;

  auto d1 = FindAll(fs_, "SCR-NAME-FUZZY", "d1");
  ASSERT_EQ(d1.size(), 2u);  // importer ~ ofac-2, end user (Cyrillic) ~ ofac-1
  std::set<std::string> matched;
  for (const Finding* f : d1) {
    EXPECT_EQ(f->subject_kind, SubjectKind::kDeclaration);
    EXPECT_TRUE(HasEvidence(*f, "declarations.csv", "d1"));
    EXPECT_EQ(f->related_declarations, std::vector<std::string>{"d1"});
    matched.insert(f->related_entities.at(1));
    EXPECT_GT(f->score, 0.5);
  }
  EXPECT_EQ(matched, (std::set<std::string>{"ofac-1", "ofac-2"}));
  for (const Finding* f : d1) {
    if (f->related_entities[1] == "ofac-1") {
      EXPECT_EQ(f->explanation.rfind("end_user '", 0), 0u) << f->explanation;
    }
  }
}

TEST_F(FuzzyScreeningTest, PaymentCounterpartyIsFinListedParty) {
  const Finding* f = FindFor(fs_, "FIN-LISTED-PARTY", "p1");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->subject_kind, SubjectKind::kPayment);
  EXPECT_TRUE(HasEvidence(*f, "payments.csv", "p1"));
  EXPECT_TRUE(HasEvidence(*f, "sdn.csv", "ofac-2"));
  EXPECT_EQ(f->related_payments, std::vector<std::string>{"p1"});
  EXPECT_LE(f->score, FlagWeight(Config::Defaults(), "FIN-LISTED-PARTY") + 1e-9);
  // The legitimate payee is not flagged.
  EXPECT_EQ(FindAll(fs_, "FIN-LISTED-PARTY", "p1").size(), 1u);
}

TEST_F(FuzzyScreeningTest, MisspeltName) {
  const Finding* f = FindFor(fs_, "SCR-NAME-FUZZY", "d7");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->related_entities.at(1), "ofac-1");
  EXPECT_NE(f->explanation.find("petrovitch=petrovich"), std::string::npos) << f->explanation;
  double w = FlagWeight(Config::Defaults(), "SCR-NAME-FUZZY");
  EXPECT_GT(f->score, 0.7 * w);
  EXPECT_LT(f->score, w);  // not a perfect match
}

TEST_F(FuzzyScreeningTest, ExactWeakAliasDoesNotHideAStrongFuzzyName) {
  const Finding* f = FindFor(fs_, "FIN-LISTED-PARTY", "p2");
  ASSERT_TRUE(f);
  EXPECT_TRUE(HasEvidence(*f, "sdn.csv", "ofac-4"));
  EXPECT_NE(f->explanation.find("name 'KASKAD HOLDING JSC'"), std::string::npos) << f->explanation;
  EXPECT_EQ(FindAll(fs_, "SCR-WEAK-ALIAS", PartyOf(w_, "p2", "payer")).size(), 0u);
}

TEST_F(FuzzyScreeningTest, LookAlikesAndExactMatchesAreNotReported) {
  for (const auto& f : fs_) {
    EXPECT_NE(f.subject_id, "d2") << f.code << ": " << f.explanation;
    EXPECT_NE(f.subject_id, "d3") << f.code << ": " << f.explanation;  // exact detector's
    EXPECT_NE(f.subject_id, PartyOf(w_, "d2", "importer")) << f.explanation;
    EXPECT_NE(f.subject_id, PartyOf(w_, "d2", "exporter")) << f.explanation;
    EXPECT_NE(f.subject_id, PartyOf(w_, "d3", "importer")) << f.explanation;
    EXPECT_NE(f.subject_id, PartyOf(w_, "p1", "payee")) << f.explanation;
  }
}

TEST_F(FuzzyScreeningTest, Vessels) {
  // The listed IMO merges into the listed vessel: the exact detector's SCR-IMO, not ours.
  for (const auto& f : fs_) EXPECT_NE(f.subject_id, "d4") << f.code << ": " << f.explanation;
  for (const auto& f : fs_) EXPECT_NE(f.subject_id, "9312456") << f.code;
  // Another ship with the listed ship's MMSI.
  const Finding* mmsi = FindFor(fs_, "SCR-MMSI", "9506784");
  ASSERT_TRUE(mmsi);
  EXPECT_EQ(mmsi->subject_kind, SubjectKind::kVessel);
  EXPECT_NEAR(mmsi->score, 0.95 * FlagWeight(Config::Defaults(), "SCR-MMSI"), 1e-9);
  EXPECT_TRUE(HasEvidence(*mmsi, "registry.ftm.jsonl", "reg-v-star"));
  EXPECT_TRUE(HasEvidence(*mmsi, "sdn.csv", "ofac-3"));
  EXPECT_NE(mmsi->explanation.find("613000111"), std::string::npos) << mmsi->explanation;
  // ... and the declaration that names it by IMO.
  ASSERT_TRUE(FindFor(fs_, "SCR-MMSI", "d6"));
  // BALTIC TRADER's name is not SEA PHOENIX's: no name finding for it.
  EXPECT_FALSE(FindFor(fs_, "SCR-NAME-FUZZY", "9506784"));
  // A misspelt listed name, no IMO: the vessel and its declaration.
  const Finding* d5 = FindFor(fs_, "SCR-NAME-FUZZY", "d5");
  ASSERT_TRUE(d5);
  EXPECT_TRUE(HasEvidence(*d5, "sdn.csv", "ofac-3"));
  EXPECT_EQ(d5->related_vessels, std::vector<std::string>{"9312456"});
}

TEST(FuzzyScreening, NoListsNoFindings) {
  World w = Build({Decl("d1", {{"importer", "Anyone LLC"}})});
  std::vector<Finding> fs;
  ASSERT_TRUE(NewFuzzyScreeningDetector()->Run(w, Config::Defaults(), &fs).ok());
  EXPECT_TRUE(fs.empty());
}

}  // namespace
}  // namespace interdict
