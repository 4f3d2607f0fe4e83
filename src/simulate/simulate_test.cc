#include "interdict/simulate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/csv.h"
#include "core/hash.h"
#include "core/strings.h"
#include "core/validate.h"
#include "simulate/ais_codec.h"
#include "simulate/tables.h"
#include "testutil.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// SHA-256 of every file under dir, keyed by relative path.
std::map<std::string, std::string> HashTree(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      out[fs::relative(e.path(), dir).generic_string()] = Sha256Hex(testing::ReadFile(e.path().string()));
  return out;
}

struct SmallWorld {
  std::string dir, truth;
  SimulateStats stats;
};

const SmallWorld& World7() {
  static SmallWorld* w = [] {
    auto* s = new SmallWorld();
    std::string tmp = testing::MakeTempDir();
    s->dir = tmp + "/world";
    s->truth = tmp + "/truth.json";
    SimulateOptions o;
    o.seed = 7;
    o.out_dir = s->dir;
    o.truth_path = s->truth;
    Status st = Simulate(o, &s->stats);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return s;
  }();
  return *w;
}

TEST(Simulate, SameSeedGivesByteIdenticalWorldOtherSeedDiffers) {
  const SmallWorld& a = World7();
  std::string tmp = testing::MakeTempDir();
  SimulateOptions o;
  o.seed = 7;
  o.out_dir = tmp + "/again";
  o.truth_path = tmp + "/again.truth.json";
  ASSERT_TRUE(Simulate(o).ok());
  auto ha = HashTree(a.dir), hb = HashTree(o.out_dir);
  EXPECT_GE(ha.size(), 10u);
  EXPECT_EQ(ha, hb);
  EXPECT_EQ(Sha256Hex(testing::ReadFile(a.truth)), Sha256Hex(testing::ReadFile(o.truth_path)));
  o.seed = 8;
  o.out_dir = tmp + "/other";
  o.truth_path = tmp + "/other.truth.json";
  ASSERT_TRUE(Simulate(o).ok());
  auto hc = HashTree(o.out_dir);
  EXPECT_NE(ha["declarations.csv"], hc["declarations.csv"]);
  EXPECT_NE(ha["registry/companies.ftm.jsonl"], hc["registry/companies.ftm.jsonl"]);
}

TEST(Simulate, RejectsBadOptions) {
  SimulateOptions o;
  o.size = "huge";
  o.out_dir = testing::MakeTempDir();
  EXPECT_EQ(Simulate(o).code(), StatusCode::kInvalidArgument);
  o.size = "small";
  o.truth_path = o.out_dir + "/truth.json";  // inside the world
  EXPECT_EQ(Simulate(o).code(), StatusCode::kInvalidArgument);
}

TEST(Simulate, WritesEveryInputWithTheCanonicalHeaders) {
  const SmallWorld& w = World7();
  for (const char* f : {"sanctions/sdn.csv", "sanctions/alt.csv", "sanctions/add.csv",
                        "sanctions/watchlist.csv", "registry/companies.ftm.jsonl", "declarations.csv",
                        "payments.csv", "licenses.csv", "ports.csv"})
    EXPECT_TRUE(fs::exists(w.dir + "/" + f)) << f;
  auto first_line = [&](const char* f) {
    std::string t = testing::ReadFile(w.dir + "/" + f);
    return t.substr(0, t.find('\n'));
  };
  EXPECT_EQ(first_line("payments.csv"),
            "payment_id,value_date,payer,payer_account,payer_bank_bic,payer_country,payee,payee_account,"
            "payee_bank_bic,payee_country,amount,currency,reference,instrument");
  EXPECT_EQ(first_line("licenses.csv"),
            "license_number,holder,issuing_country,hs_codes,destination_country,end_user,max_quantity,"
            "quantity_unit,max_value,currency,valid_from,valid_to,status");
  EXPECT_EQ(first_line("ports.csv"), "locode,name,country,lat,lon,radius_km");
  EXPECT_EQ(first_line("sanctions/watchlist.csv"),
            "id,name,aliases,schema,country,birth_date,imo,mmsi,program,authority,listed_on");
  EXPECT_EQ(Split(first_line("declarations.csv"), ',').size(), 39u);
  // OFAC legacy CSV: CRLF lines, -0- for empty, 0x1A at the end.
  std::string sdn = testing::ReadFile(w.dir + "/sanctions/sdn.csv");
  EXPECT_EQ(sdn.back(), '\x1a');
  EXPECT_NE(sdn.find("\r\n"), std::string::npos);
  EXPECT_NE(sdn.find("-0- "), std::string::npos);
  EXPECT_NE(sdn.find("Vessel Registration Identification IMO "), std::string::npos);
  EXPECT_NE(sdn.find("Linked To: "), std::string::npos);
  EXPECT_GT(w.stats.declarations, 1500);
  EXPECT_LT(w.stats.declarations, 2600);
}

TEST(Simulate, IdentifiersAreValid) {
  const SmallWorld& w = World7();
  // Declarations: IMO check digits, countries, HS codes, UN/LOCODEs, unique ids.
  std::string text = testing::ReadFile(w.dir + "/declarations.csv");
  CsvReader r(text);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(&rec));
  std::vector<std::string> cols = rec.fields;
  auto col = [&](const char* name) {
    return static_cast<size_t>(std::find(cols.begin(), cols.end(), name) - cols.begin());
  };
  std::set<std::string> ids;
  int rows = 0;
  while (r.Next(&rec)) {
    ++rows;
    ASSERT_EQ(rec.fields.size(), cols.size()) << rec.line;
    EXPECT_TRUE(ids.insert(rec.fields[col("declaration_id")]).second);
    const std::string& imo = rec.fields[col("vessel_imo")];
    if (!imo.empty()) {
      EXPECT_EQ(ValidateImo(imo), "") << imo;
    }
    for (const char* c : {"exporter_country", "importer_country", "origin_country", "departure_country",
                          "destination_country"})
      if (!rec.fields[col(c)].empty()) {
        EXPECT_EQ(ValidateCountry(rec.fields[col(c)]), "") << c;
      }
    EXPECT_EQ(ValidateHsCode(rec.fields[col("hs_code")]), "");
    EXPECT_EQ(ValidateDate(rec.fields[col("declaration_date")]), "");
    for (const char* c : {"port_of_loading", "port_of_discharge"})
      if (!rec.fields[col(c)].empty()) {
        EXPECT_EQ(ValidateLocode(rec.fields[col(c)]), "");
      }
    double net = std::stod(rec.fields[col("net_weight_kg")]);
    double gross = std::stod(rec.fields[col("gross_weight_kg")]);
    EXPECT_GE(gross, net);
  }
  EXPECT_EQ(rows, w.stats.declarations);
  // Registry vessels: IMO check digit and an MMSI whose MID belongs to the flag.
  std::map<std::string, std::set<std::string>> mids;
  for (const auto& f : sim::Flags())
    for (const auto& m : Split(f.mids, ';')) mids[AsciiLower(f.country)].insert(m);
  std::istringstream in(testing::ReadFile(w.dir + "/registry/companies.ftm.jsonl"));
  std::string line;
  int vessels = 0;
  while (std::getline(in, line)) {
    json j = json::parse(line);
    if (j["schema"] != "Vessel") continue;
    ++vessels;
    std::string imo = j["properties"]["imoNumber"][0];
    std::string mmsi = j["properties"]["mmsi"][0];
    std::string flag = j["properties"]["flag"][0];
    EXPECT_EQ(ValidateImo(imo), "") << imo;
    EXPECT_EQ(ValidateMmsi(mmsi), "") << mmsi;
    EXPECT_TRUE(mids[flag].count(mmsi.substr(0, 3))) << mmsi << " flag " << flag;
  }
  EXPECT_EQ(vessels, w.stats.vessels);
}

TEST(Simulate, NmeaChecksumsHoldExceptThePlantedCorruptSentences) {
  const SmallWorld& w = World7();
  json key = json::parse(testing::ReadFile(w.truth));
  int64_t bad = 0, lines = 0, type5 = 0;
  for (const auto& f : key["ais"]["files"]) {
    std::istringstream in(testing::ReadFile(w.dir + "/" + f.get<std::string>()));
    std::string line;
    while (std::getline(in, line)) {
      ++lines;
      sim::ParsedSentence p;
      bool ok = sim::ParseSentence(line, &p) && p.checksum_ok && p.tag_checksum_ok;
      if (ok) {
        sim::BitReader br(p.payload, p.fill);
        ok = br.ok();
      }
      if (!ok) {
        ++bad;
        continue;
      }
      if (p.total == 2 && p.num == 1) ++type5;
    }
  }
  EXPECT_EQ(lines, key["ais"]["lines"].get<int64_t>());
  EXPECT_EQ(bad, key["ais"]["corrupt_sentences"].get<int64_t>());
  EXPECT_GT(bad, 0);
  EXPECT_GT(type5, 100);
}

TEST(Simulate, KeyListsEverySchemeTypeWithExistingRecords) {
  const SmallWorld& w = World7();
  json key = json::parse(testing::ReadFile(w.truth));
  std::set<std::string> decl_ids;
  {
    std::string data = testing::ReadFile(w.dir + "/declarations.csv");
    CsvReader r(data);
    CsvRecord rec;
    while (r.Next(&rec)) decl_ids.insert(rec.fields[0]);
  }
  std::map<std::string, int> types;
  for (const auto& s : key["schemes"]) {
    types[s["type"]]++;
    for (const auto& d : s["declarations"]) EXPECT_TRUE(decl_ids.count(d.get<std::string>())) << d;
  }
  for (const char* t : {"chpl_diversion", "dark_sts", "hs_misdeclaration", "payment_layering",
                        "name_obfuscation", "position_spoofing", "shared_mmsi", "licence_abuse"})
    EXPECT_GE(types[t], 1) << t;
  std::map<std::string, int> decoys;
  for (const auto& d : key["decoys"]) decoys[d["type"]]++;
  for (const char* t : {"reception_gap", "bunkering", "lookalike_name", "licensed_chpl_allied",
                        "normal_hub_trade", "high_value_outlier"})
    EXPECT_GE(decoys[t], 1) << t;
}

}  // namespace
}  // namespace interdict
