// Entity resolution: which source records describe the same person, company or vessel.
//
// Pipeline (docs/entity-resolution.md):
//   1. Features per record: names analysed by the screening normaliser (transliteration,
//      legal forms, phonetic keys), generation suffixes (Jr/Sr/II), birth dates parsed
//      from loose formats, typed identifiers (passport, SSN, national id, driver's
//      licence, tax id, LEI, registration, IMO, MMSI), addresses, phones, emails,
//      employers.
//   2. Blocking: records share a candidate block when they share a name-token phonetic
//      key (or a nickname group), an identifier, an email, a phone (last 7 digits), an
//      address key (house number + street word, or postal code + street word) or a birth
//      date. Blocks above `max_block` records are skipped (their keys are too common).
//   3. Pairwise score: the screening `logic` name scorer (both directions, the better one;
//      nicknames) plus points for identifiers (conflicts count against), birth dates,
//      addresses, phones, emails and employers. Email/phone/address values shared by more
//      than `generic_*_limit` records are generic (an office switchboard) and not
//      evidence. Every point comes with a named feature, so a merge is explained.
//   4. Clustering that does not chain weak links: a link is strong when an identifier
//      matches (or the score is very high); strong links union clusters directly unless
//      a member pair has a hard conflict (different passport, DOB years apart, Jr vs Sr).
//      A record whose weak links reach two records that conflict with each other is
//      ambiguous and its weak links to them are dropped. Remaining weak links union two
//      clusters only when no member pair has a hard conflict and the average score over
//      all cross pairs reaches `average_threshold` (average linkage), so A~B~C where A
//      and C disagree stays split.
//
// Determinism: records are processed in key order (source, record id), so the result
// does not depend on input order; a cluster's id is the smallest key among its records
// when it was formed. Incremental: Resolver::Add() scores new records against all known
// ones; new records join existing clusters, whose ids do not change (when two existing
// clusters merge, the smaller id survives).
//
// Thread-safety: a Resolver is not thread-safe; const methods may run concurrently
// when no Add() is in progress.
#ifndef INTERDICT_NETWORK_ER_H_
#define INTERDICT_NETWORK_ER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/config.h"
#include "interdict/model.h"
#include "interdict/status.h"

namespace interdict::network {

// An identifier with its kind. `type` is one of: passport, ssn, national_id,
// drivers_license, tax, lei, registration, imo, mmsi, bic, other. `country` is the
// issuing country or state (free text; compared after normalisation), `subtype` the
// scheme where a type has several (EIN, VAT, GSTIN, UEN ...).
struct ErIdentifier {
  std::string type;
  std::string value;
  std::string country;
  std::string subtype;
};

// One source record, as resolution sees it.
struct ErRecord {
  std::string source;     // data-source name (Senzing DATA_SOURCE) or the file name
  std::string record_id;  // id within the source
  std::string schema;     // FtM schema: Person, Organization, Company, Vessel, LegalEntity, ""
  std::vector<std::string> names;  // primary names, any script
  // Given (first) names where the source separates them (Senzing NAME_FIRST, FtM
  // firstName): two persons whose given names share no part are different people unless
  // an identifier says otherwise (siblings share surname, address, phone and email).
  std::vector<std::string> given_names;
  std::vector<std::string> aliases;      // other names (AKA, native, previous)
  std::vector<std::string> birth_dates;  // ISO or loose ("3/1/70", "15-Mar-92")
  std::string gender;                    // m|f|male|female|... ("" unknown)
  std::vector<ErIdentifier> identifiers;
  std::vector<std::string> addresses;  // one string per address
  std::vector<std::string> phones;
  std::vector<std::string> emails;
  std::vector<std::string> countries;
  std::vector<std::string> employers;
  int64_t line = 0;  // where the record starts in its file (provenance)
  std::string file;  // the file it came from (provenance)

  // "source:record_id", the stable key that orders records and names clusters.
  std::string Key() const;
};

// Maps an FtM entity to a record (name/alias/weakAlias/previousName, birthDate,
// gender, passportNumber, idNumber, taxNumber/vatCode/innCode, leiCode,
// registrationNumber/ogrnCode, imoNumber, mmsi, swiftBic, email, phone, address,
// country/nationality/jurisdiction).
ErRecord ErRecordFromEntity(const Entity& e, std::string source);
// The reverse, for canonical entities: an FtM entity with one referent (the record).
Entity EntityFromErRecord(const ErRecord& r);

// A loose date to {year, month, day} (0 = unknown): ISO (YYYY[-MM[-DD]]), M/D/Y
// (D/M/Y when the first number is > 12), "Mar 1 1970", "15-Mar-92", "1 March 1970".
// Two-digit years: 00-29 -> 20xx, 30-99 -> 19xx. Returns false when nothing parses.
struct LooseDate {
  int y = 0, m = 0, d = 0;
};
bool ParseLooseDate(std::string_view s, LooseDate* out);

struct ErOptions {
  double match_threshold = 3.0;  // a pair at or above this score is a link
  // A pair sharing a full passport/SSN/national id/tax id/LEI/IMO/MMSI links from this
  // score: the identifier (+4) outweighs one contradicting name (-3) but not a name and
  // a birth-date disagreement together.
  double identifier_threshold = 1.0;
  double strong_threshold = 7.0;  // ... and a strong one from here (or by identifier)
  double average_threshold =
      1.0;                        // mean cross-pair score two clusters need to merge on a weak link
  double ambiguity_margin = 1.0;  // weak links within this of each other compete
  int generic_contact_limit = 10;  // an email/phone on more records is not evidence
  int generic_address_limit = 50;  // likewise for an address
  size_t max_block = 500;          // blocking keys with more records are skipped
  bool nicknames = true;           // Bob = Robert, Peggy = Margaret, ...
  // Reads er.* keys (config/default.yaml) over the defaults.
  static ErOptions FromConfig(const Config& c);
};

// One piece of evidence in a pair comparison.
struct ErFeature {
  std::string name;  // name, nickname, dob_exact, passport, passport_conflict, phone, ...
  double value = 0;  // points (negative = against)
  std::string detail;
};

struct PairScore {
  double score = 0;
  double name_score = -1;         // best name similarity 0..1, -1 when not comparable
  bool name_compatible = true;    // persons: names do not contradict each other
  bool hard_conflict = false;     // can never be the same (identifier/DOB/generation/schema)
  bool identifier_match = false;  // a full identifier matched
  bool given_conflict = false;    // persons whose given names share no part
  bool link = false;              // score >= match threshold and allowed
  bool strong = false;            // link by identifier or by a very high score
  std::vector<ErFeature> features;
  // "6.5 link strong: name 2 (bob~robert nickname), phone 2 (7029191300), ..."
  std::string ToString() const;
};

// Why two records of a cluster were merged.
struct MergeReason {
  std::string a, b;  // record keys
  double score = 0;
  bool strong = false;
  std::string explanation;  // PairScore::ToString()
};

struct ErCluster {
  std::string id;                    // smallest record key when formed (stable)
  std::vector<size_t> members;       // indices into Resolver::records(), ascending key order
  std::vector<MergeReason> reasons;  // one per union, in merge order
};

struct ErStats {
  size_t records = 0;
  size_t candidate_pairs = 0;
  size_t links = 0;
  size_t strong_links = 0;
  size_t ambiguous_dropped = 0;  // weak links dropped as ambiguous
  size_t rejected_conflict = 0;  // links refused: a hard conflict between the clusters
  size_t rejected_average = 0;   // weak links refused: average linkage too low
  size_t skipped_blocks = 0;     // blocking keys over max_block
};

class Resolver {
 public:
  explicit Resolver(ErOptions opts = {});
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // Adds records and resolves them against everything added before (and each other).
  // Existing clusters keep their ids; new records join them or form new clusters.
  // Fails on a record without record_id.
  Status Add(std::vector<ErRecord> records);

  const std::vector<ErRecord>& records() const;
  // The cluster id of records()[i].
  const std::string& ClusterId(size_t i) const;
  // All clusters, ordered by id.
  std::vector<ErCluster> Clusters() const;
  // The canonical entity of a cluster: id = cluster id, the members' values merged, one
  // referent per member record (the reasons they were merged are in ErCluster::reasons).
  Entity CanonicalEntity(const ErCluster& c) const;
  // Scores two known records (with the current value frequencies).
  PairScore Compare(size_t a, size_t b) const;
  const ErStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Resolves a batch: convenience over Resolver (cluster id per input record, in input order).
Result<std::vector<std::string>> ResolveBatch(const std::vector<ErRecord>& records,
                                              const ErOptions& opts, ErStats* stats = nullptr);

}  // namespace interdict::network

#endif  // INTERDICT_NETWORK_ER_H_
