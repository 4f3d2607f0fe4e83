// Money flows (issue 9): readers for the AML benchmark layouts, a temporal transaction
// graph over the World's payments, and the FIN-* detectors (laundering structures and
// invoice/payment reconciliation).
//
// Dependencies: interdict_finance links only resolve, model and core, so that both
// ingest (for the readers) and detect (for the detectors) can link it without a cycle.
// It therefore uses the Reader/Detector interfaces from the public headers but none of
// ingest's or detect's compiled helpers.
//
// Thread-safety: readers and detectors are used from one thread each; a TxGraph is
// immutable after Finalize() and may be read concurrently.
#ifndef INTERDICT_FINANCE_FINANCE_H_
#define INTERDICT_FINANCE_FINANCE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interdict/config.h"
#include "interdict/detect.h"
#include "interdict/ingest.h"
#include "interdict/world.h"
#include "trade/gbdt.h"

namespace interdict {

// ---- Readers ---------------------------------------------------------------------------

// "ibm-aml-csv": IBM Transactions for AML (AMLworld) `*_Trans.csv`, header
// `Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,
// Amount Paid,Payment Currency,Payment Format,Is Laundering`, and its `*_Patterns.txt`
// companion (same rows without header, grouped in `BEGIN LAUNDERING ATTEMPT - TYPE`
// blocks; each row then carries `typology`).
std::unique_ptr<Reader> NewIbmAmlReader();
// "amlsim-csv": AMLSim transactions, either the sample layout
// `sourceNodeId,targetNodeId,value,time` or the full simulator output
// `tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id`.
std::unique_ptr<Reader> NewAmlSimReader();
// The reader format for a header line ("" if neither): used by ingest discovery.
std::string SniffFinanceFormat(std::string_view first_line);

// ISO 4217 code for the currency names of the IBM layout ("US Dollar" -> "USD"); an
// unknown name is returned unchanged.
std::string CurrencyCode(std::string_view name);

// ---- Temporal transaction graph --------------------------------------------------------

struct Txn {
  uint32_t src = 0, dst = 0;  // node indexes
  int64_t time = 0;           // unix seconds
  double amount = 0;          // in finance.base_currency; NaN when no rate is known
  uint32_t payment = 0;       // index into World::payments (or caller's own numbering)
};

class TxGraph {
 public:
  // Accounts are the nodes: payer_account/payee_account when present, else the resolved
  // party entity, else the normalised party name. Amounts are converted with
  // finance.rates.<CUR> (units of the base currency per unit); payments without a usable
  // date, amount or counterparty are left out.
  static TxGraph FromWorld(const World& w, const Config& cfg);

  uint32_t Node(std::string_view key);  // finds or adds
  void AddTxn(const Txn& t) { txns_.push_back(t); }
  // Sorts transactions by time and builds the per-node adjacency. Call once after adding.
  void Finalize();

  size_t node_count() const { return keys_.size(); }
  const std::string& key(uint32_t n) const { return keys_[n]; }
  // The party entity behind a node ("" if unknown).
  const std::string& entity(uint32_t n) const { return entities_[n]; }
  void set_entity(uint32_t n, std::string id) { entities_[n] = std::move(id); }
  const std::vector<Txn>& txns() const { return txns_; }
  // Transaction indexes leaving / entering a node, in time order.
  std::span<const uint32_t> out(uint32_t n) const {
    return {out_idx_.data() + out_off_[n], out_off_[n + 1] - out_off_[n]};
  }
  std::span<const uint32_t> in(uint32_t n) const {
    return {in_idx_.data() + in_off_[n], in_off_[n + 1] - in_off_[n]};
  }

 private:
  std::vector<std::string> keys_, entities_;
  std::unordered_map<std::string, uint32_t> index_;
  std::vector<Txn> txns_;
  std::vector<uint32_t> out_off_, out_idx_, in_off_, in_idx_;
};

// One laundering structure found in the graph.
struct Structure {
  std::string code;              // FIN-FAN-IN, FIN-CYCLE, ...
  std::vector<uint32_t> hubs;    // the account(s) the structure is centred on
  std::vector<uint32_t> members; // every other participant
  std::vector<uint32_t> txns;    // transaction indexes (the evidence)
  double strength = 1;           // in [0, 1]
  std::string explanation;
};

// Structure detection over a graph, without a World (the AMLSim evaluation and the
// `money typologies` CLI use it directly). Thresholds come from the finance.* keys.
std::vector<Structure> FindStructures(const TxGraph& g, const Config& cfg);
// The node of an account key, or -1.
int64_t FindNode(const TxGraph& g, std::string_view key);

// ---- Learned account scoring -------------------------------------------------------------

// Amount-free topology features per node (degrees counted as distinct counterparties and
// distinct counterparty-days, reciprocity, windowed fan degrees, burstiness, clustering,
// two-hop counts, time-respecting cycle counts, and the mean/max of these over payers and
// payees). Row n = node n; names in NodeFeatureNames() order. See node_features.cc for why
// amounts and raw transaction counts are left out.
std::vector<std::string> NodeFeatureNames();
trade::Matrix NodeFeatures(const TxGraph& g, const Config& cfg);

// ---- Follow the money ---------------------------------------------------------------------

// How traced funds are attributed to an intermediary's onward payments.
//  kFifo: all the account's receipts (traced or not) form a first-in first-out queue that
//    its payments consume in time order; a payment carries the traced part of the lots
//    it consumes (the "lowest intermediate balance" family used in asset tracing).
//  kProportional: each onward payment carries the traced share of what the account
//    received in the window before it (pro rata / "mixing" attribution).
enum class TraceMethod { kFifo, kProportional };

struct TraceOptions {
  bool forward = true;       // false: where the money came from
  int hops = 4;
  int64_t window = 30 * 86400;  // seconds after (before, backward) the start
  TraceMethod method = TraceMethod::kFifo;
  double min_amount = 0.01;  // traced amounts below this are dropped
};

struct TraceFlow {  // one payment carrying traced funds
  uint32_t txn = 0;
  int hop = 1;
  double traced = 0;  // amount attributed to the start
};

struct TraceResult {
  std::vector<TraceFlow> flows;
  // Accounts where traced funds stop (no onward payment in the window, or the hop limit),
  // with the amount that ends there, largest first.
  std::vector<std::pair<uint32_t, double>> endpoints;
  double start_amount = 0;
};

// Traces from `start` (an account node), beginning with its payments at or after
// `t0` (forward) or at or before it (backward). Amounts are in the graph's base currency;
// NaN amounts are taken as fully traced.
TraceResult TraceMoney(const TxGraph& g, uint32_t start, int64_t t0, const TraceOptions& opt);

// ---- Detectors -------------------------------------------------------------------------

// FIN-FAN-IN, FIN-FAN-OUT, FIN-CYCLE, FIN-ROUND-TRIP, FIN-SCATTER-GATHER,
// FIN-GATHER-SCATTER: account structures; subject = the party entity of each account
// (kEntity), or the account itself when no entity is known; evidence = the payments.
std::unique_ptr<Detector> NewMoneyStructureDetector();
// FIN-THIRD-PARTY, FIN-INVOICE-MISMATCH, FIN-SPLIT-PAYMENT, FIN-HUB-ROUTE: payments
// reconciled to the declarations their reference names.
std::unique_ptr<Detector> NewPaymentReconciliationDetector();
// Both, in that order (for AllDetectors()).
std::vector<std::unique_ptr<Detector>> NewFinanceDetectors();

}  // namespace interdict

#endif  // INTERDICT_FINANCE_FINANCE_H_
