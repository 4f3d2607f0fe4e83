#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "finance/finance.h"
#include "resolve/resolve.h"
#include "testutil.h"

namespace interdict {
namespace {

int n_pay = 0;

// A payment between two accounts on day `day` (of September 2024) at `hour`.
Entity Pay(const std::string& from, const std::string& to, double amount, int day, int hour = 10,
           std::vector<std::pair<std::string, std::string>> extra = {}) {
  std::string id = "P" + std::to_string(++n_pay);
  Entity e(id, Schema::Get("Payment"));
  e.AddReferent({"payments.csv", id, n_pay + 1, 0, "h"});
  char date[32];
  std::snprintf(date, sizeof date, "2024-09-%02dT%02d:00", day, hour);
  e.Add("payment_id", id);
  e.Add("value_date", date);
  e.Add("payer_account", from);
  e.Add("payee_account", to);
  e.Add("amount", std::to_string(amount));
  e.Add("currency", "USD");
  for (auto& [k, v] : extra) e.Add(k, v);
  return e;
}

// Unrelated traffic (acyclic, low degree) so that the structures sit in a graph.
void Background(std::vector<Entity>* recs) {
  for (int i = 0; i < 40; ++i)
    for (int j : {i + 1, i + 3})
      if (j < 40)
        recs->push_back(Pay("bg" + std::to_string(i), "bg" + std::to_string(j), 100 + i * 37,
                            1 + (i * 5) % 28));
}

std::vector<Finding> Detect(std::vector<Entity> recs, const Config& cfg = Config::Defaults()) {
  auto w = BuildWorld(std::move(recs));
  EXPECT_TRUE(w.ok());
  std::vector<Finding> out;
  for (auto& d : NewFinanceDetectors()) EXPECT_TRUE(d->Run(*w, cfg, &out).ok());
  return out;
}

std::set<std::string> Flagged(const std::vector<Finding>& fs, const std::string& code) {
  std::set<std::string> s;
  for (const auto& f : fs)
    if (f.code == code) s.insert(f.subject_id);
  return s;
}

const Finding* Find(const std::vector<Finding>& fs, const std::string& code,
                    const std::string& subject) {
  for (const auto& f : fs)
    if (f.code == code && f.subject_id == subject) return &f;
  return nullptr;
}

TEST(Structures, FanInMarksHubAndEverySender) {
  std::vector<Entity> recs;
  Background(&recs);
  for (int i = 0; i < 6; ++i) recs.push_back(Pay("mule" + std::to_string(i), "HUB", 9500 + i * 50, 3 + i % 3));
  auto fs = Detect(std::move(recs));
  auto fan = Flagged(fs, "FIN-FAN-IN");
  EXPECT_TRUE(fan.count("HUB"));
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(fan.count("mule" + std::to_string(i))) << i;
  EXPECT_FALSE(fan.count("bg1"));
  const Finding* f = Find(fs, "FIN-FAN-IN", "HUB");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.size(), 6u);
  EXPECT_NE(f->explanation.find("6 distinct payers"), std::string::npos) << f->explanation;
  // Spread over more than the window: not a fan-in.
  std::vector<Entity> slow;
  for (int i = 0; i < 6; ++i) slow.push_back(Pay("s" + std::to_string(i), "H2", 9500, 1 + i * 5));
  EXPECT_TRUE(Flagged(Detect(std::move(slow)), "FIN-FAN-IN").empty());
}

TEST(Structures, FanOut) {
  std::vector<Entity> recs;
  Background(&recs);
  for (int i = 0; i < 5; ++i) recs.push_back(Pay("SRC", "out" + std::to_string(i), 3000, 10 + i));
  auto fan = Flagged(Detect(std::move(recs)), "FIN-FAN-OUT");
  EXPECT_TRUE(fan.count("SRC"));
  EXPECT_TRUE(fan.count("out4"));
}

TEST(Structures, TimeRespectingCycleAndRoundTrip) {
  std::vector<Entity> recs;
  Background(&recs);
  recs.push_back(Pay("A", "B", 10000, 2));
  recs.push_back(Pay("B", "C", 9800, 3));
  recs.push_back(Pay("C", "A", 9600, 5));
  // X -> Y -> Z -> X, but in no rotation are the payments in time order: money cannot
  // have gone round.
  recs.push_back(Pay("X", "Y", 5000, 4));
  recs.push_back(Pay("Y", "Z", 5000, 3));
  recs.push_back(Pay("Z", "X", 5000, 5));
  auto fs = Detect(std::move(recs));
  auto cyc = Flagged(fs, "FIN-CYCLE");
  EXPECT_EQ(cyc, (std::set<std::string>{"A", "B", "C"}));
  auto rt = Flagged(fs, "FIN-ROUND-TRIP");
  EXPECT_TRUE(rt.count("A"));
  const Finding* f = Find(fs, "FIN-CYCLE", "A");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.size(), 3u);
  EXPECT_NE(f->explanation.find("A -> B -> C -> A"), std::string::npos) << f->explanation;
}

TEST(Structures, CycleOutsideWindowOrTooLong) {
  std::vector<Entity> recs;
  recs.push_back(Pay("A", "B", 100, 1));
  recs.push_back(Pay("B", "C", 100, 10));
  recs.push_back(Pay("C", "A", 100, 28));
  Config cfg = Config::Defaults();
  ASSERT_TRUE(cfg.ApplyOverride("finance.cycle_window_days=20").ok());
  EXPECT_TRUE(Flagged(Detect(recs, cfg), "FIN-CYCLE").empty());
  ASSERT_TRUE(cfg.ApplyOverride("finance.cycle_window_days=30").ok());
  EXPECT_EQ(Flagged(Detect(recs, cfg), "FIN-CYCLE").size(), 3u);
  ASSERT_TRUE(cfg.ApplyOverride("finance.cycle_max_length=2").ok());
  EXPECT_TRUE(Flagged(Detect(recs, cfg), "FIN-CYCLE").empty());
}

TEST(Structures, ScatterGather) {
  std::vector<Entity> recs;
  Background(&recs);
  for (int i = 0; i < 3; ++i) {
    std::string m = "mid" + std::to_string(i);
    recs.push_back(Pay("S", m, 5000 + i * 1000, 2 + i));
    recs.push_back(Pay(m, "D", 4900 + i * 1000, 5 + i));
  }
  // A fourth path whose amount is not passed on is not part of it.
  recs.push_back(Pay("S", "mid9", 5000, 2));
  recs.push_back(Pay("mid9", "D", 200, 4));
  auto fs = Detect(std::move(recs));
  auto sg = Flagged(fs, "FIN-SCATTER-GATHER");
  for (const char* a : {"S", "D", "mid0", "mid1", "mid2"}) EXPECT_TRUE(sg.count(a)) << a;
  EXPECT_FALSE(sg.count("mid9"));
}

TEST(Structures, GatherScatter) {
  std::vector<Entity> recs;
  Background(&recs);
  recs.push_back(Pay("in0", "G", 50000, 5));
  recs.push_back(Pay("in1", "G", 12000, 6));
  for (int i = 0; i < 6; ++i) recs.push_back(Pay("G", "o" + std::to_string(i), 8000, 7 + i % 3));
  auto gs = Flagged(Detect(std::move(recs)), "FIN-GATHER-SCATTER");
  EXPECT_TRUE(gs.count("G"));
  EXPECT_TRUE(gs.count("in1"));
  EXPECT_TRUE(gs.count("o5"));
}

TEST(Structures, ScalesToHundredThousandPayments) {
  // A random graph of 10^5 payments over 20k accounts and 150 days must go through
  // every structure search (the timing itself is reported by the slow AMLSim test).
  TxGraph g;
  uint64_t x = 88172645463325252ull;
  auto rnd = [&] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
  for (uint32_t i = 0; i < 20000; ++i) g.Node("a" + std::to_string(i));
  for (uint32_t i = 0; i < 100000; ++i)
    g.AddTxn({static_cast<uint32_t>(rnd() % 20000), static_cast<uint32_t>(rnd() % 20000),
              static_cast<int64_t>(rnd() % (150 * 86400)), 100.0 + static_cast<double>(rnd() % 900), i});
  g.Finalize();
  auto s = FindStructures(g, Config::Defaults());
  EXPECT_LT(s.size(), 100000u);
}

// ---- Reconciliation -------------------------------------------------------------------

Entity Decl(std::vector<std::pair<std::string, std::string>> props) {
  Entity e("D-1", Schema::Get("Declaration"));
  e.AddReferent({"declarations.csv", "D-1", 2, 0, "h"});
  e.Add("declaration_id", "D-1");
  for (auto& [k, v] : props) e.Add(k, v);
  return e;
}

std::vector<Entity> Trade(const std::string& payer, const std::string& amount,
                          const std::string& currency, const std::string& payee_bic = "") {
  std::vector<Entity> recs = {Decl({{"importer", "Buyer Ltd"}, {"importer_country", "DE"},
                                    {"exporter", "Seller GmbH"}, {"exporter_country", "AT"},
                                    {"invoice_value", "100000"}, {"currency", "EUR"},
                                    {"invoice_number", "INV-9"}})};
  Entity p("PAY-1", Schema::Get("Payment"));
  p.AddReferent({"payments.csv", "PAY-1", 2, 0, "h"});
  for (auto [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"payment_id", "PAY-1"}, {"value_date", "2024-05-01"}, {"payer", payer},
           {"payer_country", "DE"}, {"payee", "Seller GmbH"}, {"payee_country", "AT"},
           {"payee_bank_bic", payee_bic}, {"amount", amount}, {"currency", currency},
           {"reference", "invoice INV-9 / May"}})
    p.Add(k, v);
  recs.push_back(std::move(p));
  return recs;
}

TEST(Reconciliation, CleanPaymentRaisesNothing) {
  auto fs = Detect(Trade("Buyer Ltd", "100000", "EUR", "RZBAATWW"));
  for (const auto& f : fs) ADD_FAILURE() << f.code << ": " << f.explanation;
}

TEST(Reconciliation, ThirdPartyOverPaymentAndHubBank) {
  auto fs = Detect(Trade("Other Trading FZE", "130000", "EUR", "ABCDAEADXXX"));
  const Finding* tp = Find(fs, "FIN-THIRD-PARTY", "PAY-1");
  ASSERT_TRUE(tp);
  EXPECT_NE(tp->explanation.find("not the importer"), std::string::npos) << tp->explanation;
  EXPECT_EQ(tp->related_declarations, std::vector<std::string>{"D-1"});
  const Finding* mm = Find(fs, "FIN-INVOICE-MISMATCH", "D-1");
  ASSERT_TRUE(mm);
  EXPECT_NE(mm->explanation.find("+30%"), std::string::npos) << mm->explanation;
  ASSERT_EQ(mm->evidence.size(), 2u);
  EXPECT_EQ(mm->evidence[1].record_id, "PAY-1");
  const Finding* hub = Find(fs, "FIN-HUB-ROUTE", "PAY-1");
  ASSERT_TRUE(hub);
  EXPECT_NE(hub->explanation.find("AE"), std::string::npos);
}

TEST(Reconciliation, OtherCurrencyIsNotCompared) {
  auto fs = Detect(Trade("Buyer Ltd", "130000", "USD"));
  EXPECT_FALSE(Find(fs, "FIN-INVOICE-MISMATCH", "D-1"));
  auto under = Detect(Trade("Buyer Ltd", "60000", "EUR"));
  const Finding* mm = Find(under, "FIN-INVOICE-MISMATCH", "D-1");
  ASSERT_TRUE(mm);
  EXPECT_NE(mm->explanation.find("below"), std::string::npos);
}

// ---- Readers --------------------------------------------------------------------------

class CollectSink : public RecordSink {
 public:
  std::vector<Entity> records;
  std::vector<QuarantineEntry> quarantined;
  Status Record(Entity e, int64_t) override {
    records.push_back(std::move(e));
    return Status::Ok();
  }
  Status Quarantine(QuarantineEntry q) override {
    quarantined.push_back(std::move(q));
    return Status::Ok();
  }
};

int64_t ReadWith(Reader* r, const std::string& name, const std::string& text, CollectSink* sink) {
  std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/" + name, text);
  auto rows = r->Read({r->name(), {dir + "/" + name}, name}, {0, {name}}, sink);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : -1;
}

TEST(Readers, IbmTransactions) {
  std::string text =
      "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount "
      "Paid,Payment Currency,Payment Format,Is Laundering\n"
      "2022/09/01 00:20,010,8000EBD30,010,8000EBD30,3697.34,US Dollar,3697.34,US Dollar,Reinvestment,0\n"
      "2022/09/01 00:20,03208,8000F4580,001,8000F5340,0.01,Euro,0.01,Euro,Cheque,1\n"
      "2022/13/01 00:20,03208,8000F4580,001,8000F5340,1,Euro,1,Euro,Cheque,0\n"
      "2022/09/01 00:20,03208,8000F4580,001,8000F5340,-1,Euro,x,Euro,Cheque,0\n";
  CollectSink sink;
  auto r = NewIbmAmlReader();
  EXPECT_EQ(ReadWith(r.get(), "HI-Small_Trans.csv", text, &sink), 4);
  ASSERT_EQ(sink.records.size(), 2u);
  ASSERT_EQ(sink.quarantined.size(), 2u);
  EXPECT_EQ(sink.quarantined[0].field, "Timestamp");
  EXPECT_EQ(sink.quarantined[0].line, 4);
  EXPECT_EQ(sink.quarantined[1].field, "Amount Received");
  const Entity& e = sink.records[1];
  EXPECT_EQ(e.First("payment_id"), "HI-Small_Trans.csv:3");
  EXPECT_EQ(e.First("value_date"), "2022-09-01T00:20");
  EXPECT_EQ(e.First("currency"), "EUR");
  EXPECT_EQ(e.First("payer_account"), "8000F4580");
  EXPECT_EQ(e.First("is_laundering"), "1");
  EXPECT_EQ(e.referents()[0].line, 3);
  EXPECT_EQ(SniffFinanceFormat(text.substr(0, text.find('\n'))), "ibm-aml-csv");
}

TEST(Readers, IbmPatternsBlocks) {
  std::string text =
      "BEGIN LAUNDERING ATTEMPT - CYCLE:  Max 3 hops\n"
      "2022/09/05 12:32,021575,800EC1750,003335,8015A6530,15717.34,Euro,15717.34,Euro,ACH,1\n"
      "END LAUNDERING ATTEMPT - CYCLE\n\n"
      "BEGIN LAUNDERING ATTEMPT - FAN-IN:  Max 11-degree Fan-In\n"
      "2022/09/09 05:45,0134920,80CE3BE30,0027755,80A2DF610,1113.02,Australian Dollar,1113.02,Australian Dollar,ACH,1\n"
      "END LAUNDERING ATTEMPT - FAN-IN\n";
  CollectSink sink;
  auto r = NewIbmAmlReader();
  EXPECT_EQ(ReadWith(r.get(), "patterns.txt", text, &sink), 2);
  ASSERT_EQ(sink.records.size(), 2u);
  EXPECT_EQ(sink.records[0].First("typology"), "CYCLE");
  EXPECT_EQ(sink.records[1].First("typology"), "FAN-IN");
  EXPECT_EQ(sink.records[1].First("currency"), "AUD");
}

TEST(Readers, AmlSimSampleAndFullLayouts) {
  CollectSink sink;
  auto r = NewAmlSimReader();
  EXPECT_EQ(ReadWith(r.get(), "transactions.csv",
                     "sourceNodeId,targetNodeId,value,time\n280,15349,147.8,1\n249,,104.06,1\n"
                     "1,2,abc,3\n1,2,5,x\n",
                     &sink),
            4);
  ASSERT_EQ(sink.records.size(), 1u);
  EXPECT_EQ(sink.records[0].First("value_date"), "2017-01-02");
  EXPECT_EQ(sink.records[0].First("payee_account"), "15349");
  ASSERT_EQ(sink.quarantined.size(), 3u);
  EXPECT_EQ(sink.quarantined[0].field, "target account");
  EXPECT_EQ(sink.quarantined[1].field, "amount");
  EXPECT_EQ(sink.quarantined[2].field, "time");
  CollectSink full;
  EXPECT_EQ(ReadWith(r.get(), "tx.csv",
                     "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id\n"
                     "7,A1,A2,TRANSFER,100.5,2017-01-05T00:00:00Z,True,12\n",
                     &full),
            1);
  ASSERT_EQ(full.records.size(), 1u);
  EXPECT_EQ(full.records[0].id(), "7");
  EXPECT_EQ(full.records[0].First("alert_id"), "12");
  EXPECT_EQ(SniffFinanceFormat("sourceNodeId,targetNodeId,value,time"), "amlsim-csv");
  EXPECT_EQ(SniffFinanceFormat("tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp"),
            "amlsim-csv");
  EXPECT_EQ(SniffFinanceFormat("payment_id,value_date"), "");
}

// ---- Follow the money -------------------------------------------------------------------

// Hand-worked: B already holds 50 from X when A's 100 arrives; B then pays C 60 and D 90.
// FIFO: C's 60 takes X's 50 first, then 10 of A's; D's 90 is all A's -> C 10, D 90.
// Proportional: at C, B's pool is 100 traced + 50 other -> 2/3 traced = 40; then 60 traced
// + 30 other, D's 90 -> 60. Either way the 100 is fully attributed.
TEST(Trace, FifoAndProportionalAttribution) {
  TxGraph g;
  uint32_t x = g.Node("X"), a = g.Node("A"), b = g.Node("B"), c = g.Node("C"), d = g.Node("D");
  const int64_t day = 86400;
  g.AddTxn({x, b, 0 * day, 50, 0});
  g.AddTxn({a, b, 1 * day, 100, 1});
  g.AddTxn({b, c, 2 * day, 60, 2});
  g.AddTxn({b, d, 3 * day, 90, 3});
  g.Finalize();
  auto ends = [&](TraceMethod m) {
    TraceOptions o;
    o.method = m;
    o.hops = 2;
    std::map<std::string, double> r;
    for (auto [n, v] : TraceMoney(g, a, 0, o).endpoints) r[g.key(n)] = v;
    return r;
  };
  auto fifo = ends(TraceMethod::kFifo);
  EXPECT_NEAR(fifo["C"], 10, 1e-6);
  EXPECT_NEAR(fifo["D"], 90, 1e-6);
  auto prop = ends(TraceMethod::kProportional);
  EXPECT_NEAR(prop["C"], 40, 1e-6);
  EXPECT_NEAR(prop["D"], 60, 1e-6);
  // Backward from D: its 90 came from B, which got 100 from A and 50 from X (FIFO from the
  // latest receipt backwards: A's 100 covers D's 90).
  TraceOptions back;
  back.forward = false;
  back.hops = 2;
  std::map<std::string, double> src;
  for (auto [n, v] : TraceMoney(g, d, 10 * day, back).endpoints) src[g.key(n)] = v;
  EXPECT_NEAR(src["A"], 90, 1e-6);
  EXPECT_EQ(src.count("X"), 0u);
}

}  // namespace
}  // namespace interdict
