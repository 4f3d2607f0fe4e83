// Sanctions ownership tests (OFAC 50 % rule, EU ownership + control, UK > 50 %) and
// beneficial ownership for KYC, over a plain-struct ownership graph (docs/network.md).
//
// Two layers:
//  * OwnershipGraph: parties (string ids, names, which regimes list them), stakes
//    owner -> asset with a share range [pct_min, pct_max] (exact, a BODS range, or unknown
//    = [0, 100] with pct_known false), validity dates and the source record; control edges
//    (directorships). Readers fill it from FtM JSON lines, BODS JSON or a World.
//  * The compact core (StakeArrays + RunFixpoint): struct-of-arrays input, CSR adjacency,
//    a worklist fixpoint that touches every selected stake at most twice (lower and upper
//    bound). The benchmark (bench/ownership) feeds it directly, without strings.
//
// Semantics, decided once for all readers:
//  * A stake is valid on day D when start <= D < end (end exclusive; open ends allowed).
//  * Several records valid on D for the same owner -> asset pair are one stake: the record
//    with the lowest source_rank wins, then one that states a share over one that does not,
//    then the latest start, then the latest end (an open end is latest: the record still
//    current at its source), then input order. The others are reported as superseded.
//  * Lower bound: a blocked owner's stake counts with pct_min (unknown = 0) -> `blocked`.
//    Upper bound: counts with pct_max (unknown = 100), and owners that are only possibly
//    blocked count too -> `possible`. possible && !blocked = "unknown share - review":
//    never silently blocked, never silently cleared.
//  * OFAC: aggregate of blocked owners' stakes >= 50 (a blocked entity's stake counts in
//    full; no multiplication). EU: the same (>= 50 by default, configurable to the Council
//    text's "more than 50 %") plus control: a majority of an organisation's directors
//    valid on D are blocked (a blocked sole director is a majority). UK: > 50 held by one
//    designated person, directly or through entities blocked because of that same person;
//    different designated persons are not added up, except within a joint arrangement
//    (an asset with Party::joint set, e.g. a BODS arrangement).
//
// Thread-safety: all functions are pure; a graph may be read from many threads.
#ifndef INTERDICT_NETWORK_OWNERSHIP_H_
#define INTERDICT_NETWORK_OWNERSHIP_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interdict/status.h"
#include "interdict/world.h"

namespace interdict::network {

// Days since 1970-01-01.
using Day = int32_t;
inline constexpr Day kOpenStart = std::numeric_limits<Day>::min();
inline constexpr Day kOpenEnd = std::numeric_limits<Day>::max();
// "YYYY", "YYYY-MM", "YYYY-MM-DD" (a time part after 'T' is ignored): the first day of
// the period. nullopt if not a date.
std::optional<Day> ParseStartDay(std::string_view s);
// An end date is exclusive: the first day the stake no longer holds (registries record
// the day a change was registered). A full date maps to itself, a partial one to the day
// after its period ("2023" -> 2024-01-01).
std::optional<Day> ParseEndDay(std::string_view s);
std::string FormatDay(Day d);  // "" for open ends
Day Today();

enum class Regime : uint8_t { kOfac = 0, kEu = 1, kUk = 2 };
inline constexpr uint8_t RegimeBit(Regime r) { return uint8_t(1u << static_cast<int>(r)); }
inline constexpr uint8_t kAllRegimes = 7;
const char* RegimeName(Regime r);  // "ofac", "eu", "uk"
std::optional<Regime> ParseRegime(std::string_view s);

// Which regimes list an entity, from the list metadata we have: OpenSanctions dataset
// names (us_ofac_sdn, eu_fsf, gb_fcdo_sanctions...), else authority/country text. A
// listed entity with no regime information counts for every regime (the investigator's
// own list); one whose datasets name only other lists (ua_nsdc_sanctions) for none.
uint8_t ListedMaskFrom(bool listed, const std::vector<std::string>& datasets,
                       const std::vector<std::string>& authorities);

struct SourceRef {
  std::string source;     // file or dataset
  std::string record_id;  // record id in it
};

struct Party {
  std::string id, name, schema;
  uint8_t listed = 0;       // RegimeBit mask
  bool listed_any = false;  // on some sanctions list (maybe not one of ours)
  std::string lists;        // e.g. "us_ofac_sdn, eu_fsf": for explanations
  bool joint = false;       // a joint arrangement: its owners hold together (UK aggregates)
  bool natural_person = false;
  SourceRef source;
};

struct Stake {
  uint32_t owner = 0, asset = 0;
  float pct_min = 0, pct_max = 100;  // share range in percent
  bool pct_known = false;            // false: no share recorded ([0, 100])
  Day start = kOpenStart, end = kOpenEnd;
  int32_t source_rank = 0;  // lower wins among records for the same pair
  SourceRef source;
};

struct Control {
  uint32_t director = 0, organization = 0;
  Day start = kOpenStart, end = kOpenEnd;
  std::string role;
  SourceRef source;
};

class OwnershipGraph {
 public:
  // Adds a party, or merges into the one with the same id (listed bits OR-ed, empty
  // fields filled). Returns its index.
  uint32_t AddParty(Party p);
  // Index of an id, adding a bare party (name = id) when unknown.
  uint32_t Ensure(const std::string& id);
  std::optional<uint32_t> Find(std::string_view id) const;

  std::vector<Party> parties;
  std::vector<Stake> stakes;
  std::vector<Control> controls;

 private:
  std::unordered_map<std::string, uint32_t> index_;
};

// ---- Compact core --------------------------------------------------------------------

// Struct of arrays; optional arrays may be empty (pct_max = pct_min, open dates, rank 0,
// every pct known).
struct StakeArrays {
  uint32_t n = 0;  // number of nodes
  std::vector<uint32_t> owner, asset;
  std::vector<float> pct_min, pct_max;
  std::vector<Day> start, end;
  std::vector<int32_t> rank;
  std::vector<uint8_t> known;  // 0 = no share recorded
};
struct ControlArrays {
  std::vector<uint32_t> director, organization;
  std::vector<Day> start, end;
};

struct RuleParams {
  Regime regime = Regime::kOfac;
  Day date = kOpenEnd - 1;
  double threshold = 50;       // percent
  bool strict = false;         // true: > threshold; false: >= threshold
  bool control = false;        // EU control test through directorships
  bool per_principal = false;  // UK: no aggregation across designated persons
};
RuleParams DefaultParams(Regime r, Day date);

enum : uint8_t {
  kSeed = 1,            // listed under the regime
  kByOwnership = 2,     // blocked by the ownership test
  kByControl = 4,       // blocked by the control test (EU)
  kPossible = 8,        // blocked under the upper bound (unknown shares at 100 %)
  kSeedMeetsRule = 16,  // listed, and its blocked owners would block it anyway
};

struct FixpointResult {
  std::vector<uint8_t> state;    // per node, kSeed | kByOwnership | ...
  std::vector<uint32_t> chosen;  // stake indices valid on the date, one per pair, by owner
  std::vector<float> agg_min;    // blocked owners' aggregate (lower bound) per node
  std::vector<uint32_t> order;   // nodes blocked by the rule, in the order found
  size_t rounds = 0;             // worklist pops (for the benchmark)
  bool Blocked(uint32_t v) const { return state[v] & (kSeed | kByOwnership | kByControl); }
};

// seeds[v] != 0: v is listed under params.regime. `joint` (may be empty) marks joint
// arrangements. O(n + E) plus a per-asset sort of the asset's own stakes.
FixpointResult RunFixpoint(const StakeArrays& stakes, const ControlArrays* controls,
                           const std::vector<uint8_t>& seeds, const std::vector<uint8_t>& joint,
                           const RuleParams& params);

// ---- Rich results --------------------------------------------------------------------

struct OwnerShare {
  uint32_t stake = 0;  // index into OwnershipGraph::stakes (the chosen record)
  bool owner_blocked = false, owner_listed = false;
  std::vector<uint32_t> superseded;  // other records for the pair valid on the date
};

struct RegimeResult {
  uint32_t party = 0;
  Regime regime = Regime::kOfac;
  bool listed = false;   // listed under this regime
  bool blocked = false;  // listed, or blocked by a test
  bool by_ownership = false, by_control = false;
  bool review = false;             // possibly blocked: an unknown or ranged share decides
  double aggregate_pct = 0;        // blocked owners' shares (lower bound)
  double aggregate_pct_max = 0;    // upper bound (unknown = 100)
  double total_known_pct = 0;      // all owners' known shares on the date
  bool shares_over_100 = false;    // records disagree: owners' shares add up to > 100 %
  std::vector<OwnerShare> owners;  // owners that are blocked or possibly blocked
  int directors = 0, blocked_directors = 0;
  std::vector<uint32_t> controls;  // Control indices of blocked directors (EU)
  std::string explanation;
};

struct EvaluateOptions {
  std::optional<double> eu_threshold;  // default 50
  bool eu_strict = false;
};

// Every party the regime's tests block, that is possibly blocked (review), or that is
// listed and meets the test anyway; sorted by party id.
std::vector<RegimeResult> Evaluate(const OwnershipGraph& g, Regime regime, Day date,
                                   const EvaluateOptions& opt = {});

// Beneficial ownership (KYC): effective shares multiplied along chains (sum over simple
// paths), reported for owners that have no recorded owners themselves (ultimate owners)
// and whose share range reaches `threshold` (default 25 %).
struct BeneficialOwner {
  uint32_t owner = 0;
  double pct_min = 0, pct_max = 0;           // effective share range
  bool review = false;                       // the range straddles the threshold
  std::vector<std::vector<uint32_t>> paths;  // stake indices from owner to the target
};
std::vector<BeneficialOwner> BeneficialOwners(const OwnershipGraph& g, uint32_t target, Day date,
                                              double threshold = 25, int max_depth = 10);

// ---- Inputs --------------------------------------------------------------------------

// Reads FtM JSON lines (entities + Ownership + Directorship; other schemas ignored).
// Listed = topics contains "sanction"; regimes from `datasets` (OpenSanctions) or
// authority/country. `source_priority` ranks Ownership records by dataset/source name
// (earlier = preferred; unnamed = after all named).
Status ReadFtmOwnership(const std::string& path, const std::vector<std::string>& source_priority,
                        OwnershipGraph* g);
// Builds the graph from a resolved World (entities, vessels and links).
OwnershipGraph GraphFromWorld(const World& w, const std::vector<std::string>& source_priority);
// Parses a percentage string ("51", "49.5%", "0.5" stays 0.5); nullopt if not a number.
std::optional<double> ParsePercent(std::string_view s);

// "NAME (ID) 51% [2015-11-25..] ext_ru_egrul:ru-dfe0"
std::string DescribeStake(const OwnershipGraph& g, const Stake& s);

}  // namespace interdict::network

#endif  // INTERDICT_NETWORK_OWNERSHIP_H_
