// Entity resolution on small hand-made records. Each expectation follows from the rules
// in docs/entity-resolution.md, worked out by hand in the comments (not from our output).
#include "network/er.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "network/er_metrics.h"
#include "network/senzing.h"

namespace interdict::network {
namespace {

ErRecord Person(const std::string& id, const std::string& first, const std::string& last) {
  ErRecord r;
  r.source = "T";
  r.record_id = id;
  r.schema = "Person";
  r.names.push_back(first + " " + last);
  r.given_names.push_back(first);
  return r;
}

ErRecord Org(const std::string& id, const std::string& name) {
  ErRecord r;
  r.source = "T";
  r.record_id = id;
  r.schema = "Organization";
  r.names.push_back(name);
  return r;
}

// Cluster id of each record key.
std::map<std::string, std::string> Resolve(const std::vector<ErRecord>& recs) {
  Resolver res;
  EXPECT_TRUE(res.Add(recs).ok());
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < res.records().size(); ++i) out[res.records()[i].Key()] = res.ClusterId(i);
  return out;
}

TEST(LooseDateTest, Formats) {
  LooseDate d;
  ASSERT_TRUE(ParseLooseDate("3/1/1970", &d));
  EXPECT_EQ(d.y, 1970);
  EXPECT_EQ(d.m, 3);
  EXPECT_EQ(d.d, 1);
  ASSERT_TRUE(ParseLooseDate("Mar 1 1970", &d));
  EXPECT_EQ(d.y * 10000 + d.m * 100 + d.d, 19700301);
  ASSERT_TRUE(ParseLooseDate("15-Mar-92", &d));  // two-digit year >= 30: 19xx
  EXPECT_EQ(d.y * 10000 + d.m * 100 + d.d, 19920315);
  ASSERT_TRUE(ParseLooseDate("24-May-11", &d));  // < 30: 20xx
  EXPECT_EQ(d.y * 10000 + d.m * 100 + d.d, 20110524);
  ASSERT_TRUE(ParseLooseDate("20/8/1991", &d));  // first > 12: day first
  EXPECT_EQ(d.y * 10000 + d.m * 100 + d.d, 19910820);
  ASSERT_TRUE(ParseLooseDate("1993-09-14", &d));
  EXPECT_EQ(d.y * 10000 + d.m * 100 + d.d, 19930914);
  ASSERT_TRUE(ParseLooseDate("1985", &d));
  EXPECT_EQ(d.y, 1985);
  EXPECT_EQ(d.m, 0);
  EXPECT_FALSE(ParseLooseDate("unknown", &d));
}

TEST(ErTest, SpellingVariantsWithBirthDateMerge) {
  // Mohamed/Muhammed share the phonetic key "mt" (0.8) and the surname is exact: name
  // 0.9 (+1.5) plus the same birth date (+2) = 3.5 >= 3.
  auto a = Person("1", "Mohamed", "Antoun");
  a.birth_dates = {"1/7/80"};
  auto b = Person("2", "Muhammed", "Antoun");
  b.birth_dates = {"1980-01-07"};
  auto c = Person("3", "Darla", "Antoun");  // another given name, same birth date
  c.birth_dates = {"1/7/80"};
  auto m = Resolve({a, b, c});
  EXPECT_EQ(m["T:1"], m["T:2"]);
  EXPECT_NE(m["T:1"], m["T:3"]);
  EXPECT_EQ(m["T:1"], "T:1");  // the smallest key names the cluster
}

TEST(ErTest, NameOnlyNeverMerges) {
  // Same name, nothing else in common: +2 < 3.
  auto m = Resolve({Person("1", "Robert", "Smith"), Person("2", "Robert", "Smith")});
  EXPECT_NE(m["T:1"], m["T:2"]);
}

TEST(ErTest, TransliterationAndPhone) {
  // Russian Cyrillic vs English; the phone numbers agree on their last 10 digits.
  ErRecord a;
  a.source = "W";
  a.record_id = "1";
  a.schema = "Person";
  a.names = {"ВАСИЛЬЕВ, Александр Павлович"};
  a.phones = {"(4812)85-62-34"};
  ErRecord b = Person("2", "Alexander Pavlovich", "Vasiliev");
  b.given_names.clear();
  b.phones = {"+7 481-285-6234"};
  auto m = Resolve({a, b});
  EXPECT_EQ(m["W:1"], m["T:2"]);
}

TEST(ErTest, NicknameAndSwappedBirthDate) {
  // Bob = Robert (nickname, 0.95 x 1.0 -> +2), 12/11 vs 11/12 swapped (+1.5), same phone (+2).
  auto a = Person("1", "Robert", "Smith");
  a.birth_dates = {"12/11/1978"};
  a.phones = {"702-919-1300"};
  auto b = Person("2", "Bob", "Smith");
  b.birth_dates = {"11/12/1978"};
  b.phones = {"7029191300"};
  auto m = Resolve({a, b});
  EXPECT_EQ(m["T:1"], m["T:2"]);
}

TEST(ErTest, SharedIdentifierOutweighsNameVariant) {
  // One passport number: +4 outweighs the unmatched short given names (-3).
  auto a = Person("1", "Lee", "Toulouse");
  a.identifiers = {{"passport", "483290175", "USA", ""}};
  auto b = Person("2", "Lea", "Toulouse");
  b.identifiers = {{"passport", "483 290 175", "US", ""}};  // USA = US after normalisation
  // Two different passports of one country: different people, even with one name and
  // one address.
  auto c = Person("3", "Pat", "Smith");
  c.identifiers = {{"passport", "10251111", "US", ""}};
  c.addresses = {"3212 W. 32nd St Palm Harbor, FL 60527"};
  auto d = Person("4", "Pat", "Smith");
  d.identifiers = {{"passport", "10252222", "US", ""}};
  d.addresses = {"3212 W 32nd Street, Palm Harbor FL 60527"};
  auto m = Resolve({a, b, c, d});
  EXPECT_EQ(m["T:1"], m["T:2"]);
  EXPECT_NE(m["T:3"], m["T:4"]);
  Resolver r;
  ASSERT_TRUE(r.Add({c, d}).ok());
  PairScore ps = r.Compare(0, 1);
  EXPECT_TRUE(ps.hard_conflict) << ps.ToString();
  EXPECT_NE(ps.ToString().find("passport_conflict"), std::string::npos);
}

TEST(ErTest, HouseholdMembersStayApart) {
  // Mark and Marsha: same surname, birth date, address and email (+2 +2 +2), but their
  // given names share no part: a hard conflict without an identifier.
  auto a = Person("1", "Mark", "Kusha");
  auto b = Person("2", "Marsha", "Kusha");
  for (auto* r : {&a, &b}) {
    r->birth_dates = {"9/28/97"};
    r->addresses = {"1304 Poppy Hills Dr, Blacklick, OH 43004"};
    r->emails = {"Kusha123@hmail.com"};
  }
  // A nameless record sharing Marsha's SSN and the household email/address links to both;
  // it must not pull Mark into Marsha's cluster.
  ErRecord c;
  c.source = "W";
  c.record_id = "3";
  c.schema = "Person";
  c.identifiers = {{"ssn", "201-77-7719", "", ""}};
  c.emails = {"kusha123@hmail.com"};
  c.addresses = {"1304 Poppy Hills Dr, Blacklick, OH, 43004"};
  b.identifiers = {{"ssn", "201777719", "", ""}};
  auto m = Resolve({a, b, c});
  EXPECT_EQ(m["T:2"], m["W:3"]);
  EXPECT_NE(m["T:1"], m["T:2"]);
}

TEST(ErTest, GenerationSuffixesConflict) {
  auto a = Person("1", "David", "Dobbins Jr");
  auto b = Person("2", "David", "Dobbins Senior");
  a.addresses = {"1450 N City Rd Suite 900, Arlington, VA 23208"};
  b.addresses = {"Suite 900, 1450 N City Rd, Arlington, 23208"};
  auto c = Person("3", "Morris I", "Klein");
  auto d = Person("4", "Morris II", "Klein");
  c.birth_dates = d.birth_dates = {"4/12/82"};
  auto m = Resolve({a, b, c, d});
  EXPECT_NE(m["T:1"], m["T:2"]);
  EXPECT_NE(m["T:3"], m["T:4"]);
}

TEST(ErTest, WeakChainDoesNotCollapse) {
  // A ~ B ~ C: B (no birth date) links to A and to C by name + address (+2 +2 = 4), but
  // A and C were born 20 years apart (hard conflict). B could be either: it joins
  // neither, and A and C never share a cluster.
  auto a = Person("1", "John", "Smith");
  a.birth_dates = {"10/10/70"};
  auto b = Person("2", "John", "Smith");
  auto c = Person("3", "John", "Smith");
  c.birth_dates = {"3/15/90"};
  for (auto* r : {&a, &b, &c}) r->addresses = {"3212 W. 32nd St Palm Harbor, FL 60527"};
  auto m = Resolve({a, b, c});
  EXPECT_NE(m["T:1"], m["T:3"]);
  EXPECT_NE(m["T:1"], m["T:2"]);
  EXPECT_NE(m["T:2"], m["T:3"]);

  // A strong pair {B, C} (same driver's licence) and a weak link A ~ B (nickname + same
  // street address): A conflicts with C (born 1978 vs 1954), so A stays out.
  auto x = Person("4", "Robert", "Smith");
  x.birth_dates = {"12/11/1978"};
  x.addresses = {"123 Main Street, Las Vegas NV 89132"};
  auto y = Person("5", "Robbie", "Smith");
  y.identifiers = {{"drivers_license", "112233", "NV", ""}};
  y.addresses = {"123 E Main St, Henderson, NV 89132"};
  auto z = Person("6", "Robert E", "Smith Sr");
  z.birth_dates = {"3/31/1954"};
  z.identifiers = {{"drivers_license", "112233", "NV", ""}};
  z.addresses = {"123 Main St, Las Vegas"};
  auto m2 = Resolve({x, y, z});
  EXPECT_EQ(m2["T:5"], m2["T:6"]);
  EXPECT_NE(m2["T:4"], m2["T:5"]);
}

TEST(ErTest, OrganisationsNeedMoreThanASharedTradeName) {
  // Parent and subsidiary share the trade name "Universal Exports" but not their LEIs.
  auto a = Org("1", "Universal Exports Worldwide");
  a.aliases = {"Universal Exports"};
  a.identifiers = {{"lei", "5493001KJTIIGC8Y1R12", "", ""}};
  a.addresses = {"405 Lexington Avenue, Manhattan, NY 10174"};
  auto b = Org("2", "Universal Exports Singapore");
  b.aliases = {"Universal Exports"};
  b.identifiers = {{"lei", "549300HKVFVS8QGCBR57", "", ""}};
  // The same company as a: name subset + the same street address and postal code.
  auto c = Org("3", "Worldwide Exports");
  c.addresses = {"Chrysler Building, 405 Lexington Avenue, New York, NY 10174"};
  // A person never merges with a company.
  auto d = Person("4", "Universal", "Exports");
  d.addresses = a.addresses;
  auto m = Resolve({a, b, c, d});
  EXPECT_NE(m["T:1"], m["T:2"]);
  EXPECT_EQ(m["T:1"], m["T:3"]);
  EXPECT_NE(m["T:1"], m["T:4"]);
}

TEST(ErTest, GenericContactIsNotEvidence) {
  // Twelve people give the same office email; Andrew and Andy (nickname, +2) share only
  // that email, which is generic (> 10 records) and so does not count.
  std::vector<ErRecord> recs;
  const char* firsts[] = {"Andrew", "Andy",   "Jim",  "Jane",  "Henry", "Inez",
                          "Julia",  "Nelson", "Otto", "Penny", "Sandy", "Gaston"};
  for (int i = 0; i < 12; ++i) {
    auto r =
        Person(std::to_string(10 + i), firsts[i], i < 2 ? "Anderson" : "Other" + std::to_string(i));
    r.emails = {"info@ca-state.gov"};
    recs.push_back(r);
  }
  auto m = Resolve(recs);
  EXPECT_NE(m["T:10"], m["T:11"]);
}

TEST(ErTest, DeterministicWhateverTheInputOrder) {
  std::vector<ErRecord> recs;
  auto a = Person("b7", "Robert", "Smith");
  a.phones = {"702-919-1300"};
  a.birth_dates = {"12/11/1978"};
  auto b = Person("a9", "Bob", "Smith");
  b.phones = {"(702) 919-1300"};
  b.birth_dates = {"12/11/1978"};
  auto c = Person("c1", "Mary", "Kusha");
  c.identifiers = {{"ssn", "293-90-9090", "", ""}};
  auto d = Person("c0", "Marie", "Kusha");
  d.identifiers = {{"ssn", "293909090", "", ""}};
  recs = {a, b, c, d};
  auto first = Resolve(recs);
  std::mt19937 rng(7);
  for (int i = 0; i < 5; ++i) {
    std::shuffle(recs.begin(), recs.end(), rng);
    EXPECT_EQ(Resolve(recs), first);
  }
  EXPECT_EQ(first["T:b7"], "T:a9");
  EXPECT_EQ(first["T:c1"], "T:c0");
}

TEST(ErTest, IncrementalKeepsClusterIds) {
  auto a = Person("5", "Robert", "Smith");
  a.phones = {"702-919-1300"};
  a.birth_dates = {"12/11/1978"};
  auto b = Person("6", "Bob", "Smith");
  b.phones = {"7029191300"};
  b.birth_dates = {"12/11/1978"};
  auto other = Person("7", "Mary", "Kusha");
  Resolver r;
  ASSERT_TRUE(r.Add({a, b, other}).ok());
  EXPECT_EQ(r.ClusterId(0), "T:5");
  EXPECT_EQ(r.ClusterId(1), "T:5");
  // A later record with a smaller key joins the existing cluster; the id stays "T:5".
  auto c = Person("1", "Robbie", "Smith");
  c.phones = {"+1 702 919 1300"};
  c.birth_dates = {"1978-12-11"};
  auto d = Person("2", "Jay", "Jones");  // new and alone
  ASSERT_TRUE(r.Add({c, d}).ok());
  ASSERT_EQ(r.records().size(), 5u);
  std::map<std::string, std::string> m;
  for (size_t i = 0; i < r.records().size(); ++i) m[r.records()[i].Key()] = r.ClusterId(i);
  EXPECT_EQ(m["T:1"], "T:5");
  EXPECT_EQ(m["T:5"], "T:5");
  EXPECT_EQ(m["T:7"], "T:7");
  EXPECT_EQ(m["T:2"], "T:2");
  // A batch run over the same records would name the cluster by its smallest key.
  Resolver batch;
  ASSERT_TRUE(batch.Add({a, b, other, c, d}).ok());
  for (size_t i = 0; i < batch.records().size(); ++i)
    if (batch.records()[i].record_id == "5") {
      EXPECT_EQ(batch.ClusterId(i), "T:1");
    }
}

TEST(ErTest, CanonicalEntityKeepsReferentsAndReasons) {
  auto a = Person("1", "Robert", "Smith");
  a.phones = {"702-919-1300"};
  a.birth_dates = {"12/11/1978"};
  auto b = Person("2", "Bob", "Smith");
  b.phones = {"7029191300"};
  b.birth_dates = {"12/11/1978"};
  Resolver r;
  ASSERT_TRUE(r.Add({a, b}).ok());
  auto clusters = r.Clusters();
  ASSERT_EQ(clusters.size(), 1u);
  ASSERT_EQ(clusters[0].reasons.size(), 1u);
  const auto& why = clusters[0].reasons[0];
  EXPECT_NE(why.explanation.find("name_nickname"), std::string::npos) << why.explanation;
  EXPECT_NE(why.explanation.find("phone"), std::string::npos);
  EXPECT_NE(why.explanation.find("dob_exact"), std::string::npos);
  Entity e = r.CanonicalEntity(clusters[0]);
  EXPECT_EQ(e.id(), "T:1");
  EXPECT_EQ(e.schema().name(), "Person");
  EXPECT_EQ(e.referents().size(), 2u);
  auto names = e.Values("name");
  EXPECT_EQ(names.size(), 2u);
  EXPECT_EQ(e.First("birthDate"), "1978-12-11");
}

TEST(ErTest, RecordFromFtmEntity) {
  Entity e("ofac-1", Schema::Get("Company"));
  e.Add("name", "Zala Aero");
  e.Add("alias", "ZALA");
  e.Add("registrationNumber", "1021800997640");
  e.Add("address", "Izhevsk");
  ErRecord r = ErRecordFromEntity(e, "zala.ftm.json");
  EXPECT_EQ(r.Key(), "zala.ftm.json:ofac-1");
  EXPECT_EQ(r.schema, "Company");
  ASSERT_EQ(r.identifiers.size(), 1u);
  EXPECT_EQ(r.identifiers[0].type, "registration");
  EXPECT_EQ(r.aliases.size(), 1u);
}

TEST(ErMetricsTest, HandComputed) {
  // truth {a,b,c} {d}; predicted {a,b} {c,d}.
  // Pairwise: true pairs ab ac bc (3), predicted ab cd (2), correct ab (1): P 1/2, R 1/3.
  // B-cubed precision: a 2/2, b 2/2, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3,
  // d 1/1 -> 2/3.
  Clustering truth = {{"a", "1"}, {"b", "1"}, {"c", "1"}, {"d", "2"}};
  Clustering pred = {{"a", "x"}, {"b", "x"}, {"c", "y"}, {"d", "y"}};
  ErMetrics m = EvaluateClustering(pred, truth);
  EXPECT_NEAR(m.pairwise.precision, 0.5, 1e-9);
  EXPECT_NEAR(m.pairwise.recall, 1.0 / 3, 1e-9);
  EXPECT_NEAR(m.pairwise.f1, 0.4, 1e-9);
  EXPECT_NEAR(m.bcubed.precision, 0.75, 1e-9);
  EXPECT_NEAR(m.bcubed.recall, 2.0 / 3, 1e-9);
  EXPECT_EQ(m.true_clusters, 2u);
  EXPECT_EQ(m.predicted_clusters, 2u);
  // A record missing from the prediction is a singleton.
  Clustering partial = {{"a", "x"}, {"b", "x"}, {"c", "x"}};
  ErMetrics p = EvaluateClustering(partial, truth);
  EXPECT_NEAR(p.pairwise.precision, 1.0, 1e-9);
  EXPECT_NEAR(p.pairwise.recall, 1.0, 1e-9);
}

TEST(SenzingTest, CsvAndJsonlReadTheSameRecord) {
  std::string csv =
      "DATA_SOURCE,RECORD_ID,PRIMARY_NAME_LAST,PRIMARY_NAME_FIRST,SECONDARY_NAME_ORG,"
      "DATE_OF_BIRTH,PASSPORT_NUMBER,PASSPORT_COUNTRY,ADDR_LINE1,ADDR_CITY,ADDR_POSTAL_CODE,"
      "EMAIL_ADDRESS,RECORD_TYPE\n"
      "CUSTOMERS,1081,Frankens,George,,15-Mar-92,234456456,DE,Ansbacher Strasse 23,"
      "Dusseldorf,56244,\"George <gf@example.com>\",PERSON\n";
  std::string jsonl =
      "{\"DATA_SOURCE\": \"CUSTOMERS\", \"RECORD_ID\": \"1081\", \"FEATURES\": ["
      "{\"RECORD_TYPE\": \"PERSON\"}, {\"NAME_LAST\": \"Frankens\", \"NAME_FIRST\": \"George\"},"
      "{\"DATE_OF_BIRTH\": \"15-Mar-92\"}, {\"PASSPORT_NUMBER\": \"234456456\", "
      "\"PASSPORT_COUNTRY\": \"DE\"}, {\"ADDR_LINE1\": \"Ansbacher Strasse 23\", \"ADDR_CITY\": "
      "\"Dusseldorf\", \"ADDR_POSTAL_CODE\": \"56244\"}, {\"EMAIL_ADDRESS\": \"George "
      "<gf@example.com>\"}, {\"NAME_ORG\": \"GF Consulting\", \"NAME_TYPE\": \"AKA\"}]}\n";
  auto c = ParseSenzingCsv(csv, "c.csv", "c.csv");
  auto j = ParseSenzingJsonl(jsonl, "j.jsonl", "j.jsonl");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  ASSERT_EQ(c->size(), 1u);
  ASSERT_EQ(j->size(), 1u);
  for (const ErRecord* r : {&(*c)[0], &(*j)[0]}) {
    EXPECT_EQ(r->source, "CUSTOMERS");
    EXPECT_EQ(r->record_id, "1081");
    EXPECT_EQ(r->schema, "Person");
    ASSERT_EQ(r->names.size(), 1u);
    EXPECT_EQ(r->names[0], "George Frankens");
    EXPECT_EQ(r->given_names, std::vector<std::string>{"George"});
    ASSERT_EQ(r->identifiers.size(), 1u);
    EXPECT_EQ(r->identifiers[0].type, "passport");
    EXPECT_EQ(r->identifiers[0].country, "DE");
    ASSERT_EQ(r->addresses.size(), 1u);
    EXPECT_EQ(r->addresses[0], "Ansbacher Strasse 23, Dusseldorf, 56244");
    EXPECT_EQ(r->birth_dates, std::vector<std::string>{"15-Mar-92"});
  }
  EXPECT_EQ((*j)[0].aliases, std::vector<std::string>{"GF Consulting"});
  EXPECT_EQ(j->at(0).line, 1);
  EXPECT_EQ(c->at(0).line, 2);
  // A row without RECORD_ID is an error naming the line.
  auto bad = ParseSenzingCsv("DATA_SOURCE,RECORD_ID\nX,\n", "b.csv", "b.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("b.csv:2"), std::string::npos);
}

}  // namespace
}  // namespace interdict::network
