// Case work: agencies, users and roles, cases (assignment, status, notes, links, timeline),
// evidence under a signed chain of custody, all recorded in the tamper-evident audit log
// (audit.h, docs/formats/audit.md).
//
// Every operation is one SQLite transaction that also appends its audit entry and signs the
// new checkpoint, so a case write never lands without its log entry or vice versa. Reads of
// case data are audited too (LED Art. 25 "consultation"), so they also write. Access is
// checked here, in one place; a denied access is logged (action "deny") and returns
// FailedPrecondition.
// Thread-safety: a CaseStore is used from one thread at a time.
#ifndef INTERDICT_CASES_H_
#define INTERDICT_CASES_H_

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/audit.h"
#include "interdict/env.h"
#include "interdict/keys.h"
#include "interdict/sharing.h"
#include "interdict/status.h"

namespace interdict {

enum class Role { kAnalyst, kSupervisor, kAuditor, kLiaison };
const char* RoleName(Role r);
Result<Role> ParseRole(const std::string& s);

struct Agency {
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  // The handling codes an agency is bound to honour (e.g. "LE-ONLY") are set with
  // CaseStore::SetAgencyHandling: a record carrying a handling code is released to another
  // agency only if that agency accepts the code.
};

struct User {
  std::string name;
  std::string agency;
  Role role = Role::kAnalyst;
  std::string key_id;  // KeyId() of the public key registered at creation
  sharing::Classification clearance = sharing::Classification::kRestricted;
};

// Who is acting and why; every call that touches case data takes one.
struct Actor {
  std::string user;
  std::string justification;
};

struct CaseLink {
  std::string kind;    // lead|entity|vessel|declaration|payment|case
  std::string target;  // the linked record's id
  std::string note;
};

struct CaseNote {
  std::string user;
  int64_t time = 0;
  std::string text;
};

struct TimelineEvent {
  int64_t time = 0;
  std::string user;
  std::string kind;  // created|assigned|status|note|link|evidence
  std::string detail;
};

struct Case {
  std::string id;  // "C-<n>"
  std::string title;
  std::string agency;
  // Originator (= agency), classification, releasability and handling codes. Everything in
  // the case (notes, links, evidence) carries the case's marking.
  sharing::Marking marking;
  std::vector<std::string> derived_from;  // case ids this case was derived from
  std::string status;  // open|active|suspended|closed
  std::string assignee;
  std::string created_by;
  int64_t created = 0;
  std::vector<CaseLink> links;
  std::vector<CaseNote> notes;
  std::vector<TimelineEvent> timeline;
};

struct Evidence {
  std::string id;  // "E-<n>"
  std::string case_id;
  std::string name;    // original file name (no directories)
  std::string sha256;  // hex; also the content address
  int64_t size = 0;
  std::string holder;  // current custodian
  bool sealed = false;
};

enum class CustodyKind { kCollected, kViewed, kExported, kTransferred, kSealed };
const char* CustodyKindName(CustodyKind k);

struct CustodyEvent {
  std::string evidence_id;
  int64_t seq = 0;
  CustodyKind kind = CustodyKind::kCollected;
  std::string actor;
  int64_t time = 0;
  std::string reason;
  std::string sha256;  // content hash re-computed at the event
  std::string to;      // transfer recipient / export destination
  std::string prev;    // hash of the previous event (64 zeros for the first)
  std::string hash;    // SHA-256 of Encode()
  std::string signature;  // hex Ed25519 by actor over Encode()

  // Canonical JSON of the signed fields (docs/formats/audit.md §7).
  std::string Encode() const;
};

struct EvidenceCheck {
  bool ok = true;
  std::string problem;  // first problem found, "" when ok
};

// Options of a new case. `marking.originator` is ignored (always the creator's agency). With
// `derived_from`, the creator must be allowed to read every source case, and the new case's
// marking is sharing::Derive() of the sources' markings and `marking` (strictest combination).
struct CaseOptions {
  sharing::Marking marking;
  std::vector<std::string> derived_from;
};

// What ExportCaseBag() wrote (docs/formats/bag.md).
struct BagExport {
  std::string dir;
  std::string case_id;
  std::vector<std::string> evidence_ids;
  uint64_t export_entry = 0;  // audit index of the "case.export" entry
  audit::Checkpoint checkpoint;
  size_t proofs = 0;
};

// Result of VerifyBag().
struct BagCheck {
  bool ok = true;
  std::string problem;  // the first problem found, "" when ok
  std::string case_id;
  size_t payload_files = 0;
  size_t evidence_items = 0;
  size_t custody_events = 0;
  size_t proofs = 0;
  uint64_t checkpoint_size = 0;
  std::string log_key_id;
};

// Checks a court-export bag offline (docs/formats/bag.md §4): BagIt structure, payload and
// tag manifests, Payload-Oxum, the checkpoint signature, every inclusion proof against that
// checkpoint, every custody chain, hash and signature, that every custody event is anchored
// by a proven audit entry and that the export itself is. `pinned_log_key` (32 raw bytes;
// empty = trust the key in the bag) is the log key obtained out of band. Errors only for
// I/O trouble outside the bag; a bad bag is reported in BagCheck.
Result<BagCheck> VerifyBag(const std::string& dir, std::string_view pinned_log_key);

struct CaseStoreOptions {
  std::string db_path;       // SQLite file (":memory:" allowed)
  std::string evidence_dir;  // content-addressed store; default "<db_path>.evidence"
  const Clock* clock = nullptr;  // default Clock::Real()
  KeyStore* keys = nullptr;      // required; must outlive the store
};

class CaseStore {
 public:
  // Opens (creating and migrating) the store. Creates the log key "interdict-log" in the key
  // store if it is missing.
  static Result<std::unique_ptr<CaseStore>> Open(const CaseStoreOptions& options);
  virtual ~CaseStore() = default;

  // Set-up (logged as actor "system" with the given justification).
  virtual Status AddAgency(const Agency& a, const std::string& justification) = 0;
  // Creates the user's key pair in the key store unless a key named after the user exists.
  virtual Result<User> AddUser(const std::string& name, const std::string& agency, Role role,
                               const std::string& justification) = 0;
  virtual Result<User> GetUser(const std::string& name) = 0;
  virtual Status SetUserClearance(const std::string& name, sharing::Classification c,
                                  const std::string& justification) = 0;
  virtual Status SetAgencyHandling(const std::string& agency,
                                   const std::set<std::string>& accepted_handling,
                                   const std::string& justification) = 0;

  // Cases. Writers: analyst and supervisor of the case's agency; readers: also liaison;
  // assignment and status: supervisor (an analyst may set status on a case assigned to them).
  // Users of the owning agency also need clearance >= the case's classification. Users of
  // another agency (analyst, supervisor, liaison) may only read, and only cases whose marking
  // releases them (sharing::CheckRelease with their agency, country, clearance and their
  // agency's accepted handling codes). Every denial is logged.
  Result<std::string> CreateCase(const std::string& title, const Actor& actor) {
    return CreateCase(title, actor, CaseOptions{});
  }
  virtual Result<std::string> CreateCase(const std::string& title, const Actor& actor,
                                         const CaseOptions& options) = 0;
  virtual Result<Case> GetCase(const std::string& id, const Actor& actor) = 0;
  virtual Result<std::vector<Case>> ListCases(const Actor& actor) = 0;  // no links/notes
  virtual Status AssignCase(const std::string& id, const std::string& assignee,
                            const Actor& actor) = 0;
  virtual Status SetCaseStatus(const std::string& id, const std::string& status,
                               const Actor& actor) = 0;
  virtual Status AddNote(const std::string& id, const std::string& text, const Actor& actor) = 0;
  virtual Status Link(const std::string& id, const CaseLink& link, const Actor& actor) = 0;

  // Evidence. AddEvidence copies the file into the content-addressed store.
  virtual Result<Evidence> AddEvidence(const std::string& case_id, const std::string& file,
                                       const Actor& actor) = 0;
  virtual Result<std::vector<Evidence>> ListEvidence(const std::string& case_id,
                                                     const Actor& actor) = 0;
  // Returns the content after re-checking its hash (custody "viewed").
  virtual Result<std::string> ViewEvidence(const std::string& id, const Actor& actor) = 0;
  // Copies the content to `out_path` (custody "exported", recipient = `recipient`).
  virtual Status ExportEvidence(const std::string& id, const std::string& out_path,
                                const std::string& recipient, const Actor& actor) = 0;
  virtual Status TransferEvidence(const std::string& id, const std::string& to_user,
                                  const Actor& actor) = 0;
  // After sealing only "viewed" and "exported" events are allowed.
  virtual Status SealEvidence(const std::string& id, const Actor& actor) = 0;
  virtual Result<std::vector<CustodyEvent>> CustodyLog(const std::string& id,
                                                       const Actor& actor) = 0;
  // Court export (docs/formats/bag.md): writes a BagIt bag to `out_dir` (which must not
  // exist or be empty) with every evidence item of the case, its custody log, inclusion
  // proofs of the case's audit entries against a signed checkpoint, the public keys and a
  // case report. Each item gets an "exported" custody event and the export is itself an
  // audit entry (op "case.export", recipients {recipient}) carrying the justification; all
  // of it commits only if the bag was written. Needs disclose rights in the owning agency.
  virtual Result<BagExport> ExportCaseBag(const std::string& case_id, const std::string& out_dir,
                                          const std::string& recipient, const Actor& actor) = 0;
  // Integrity check (no audit entry: verification must not change what it verifies).
  virtual Result<EvidenceCheck> VerifyEvidence(const std::string& id) = 0;
  virtual Result<std::vector<std::string>> AllEvidenceIds() = 0;

  // Audit log.
  virtual uint64_t AuditSize() const = 0;
  virtual Result<audit::AuditEntry> AuditEntryAt(uint64_t index) = 0;
  virtual Result<audit::Checkpoint> LatestCheckpoint() = 0;
  // Inclusion proof of `index` against the latest checkpoint. Proving is itself logged
  // (op "audit.prove") after the proof is made, when `actor.user` is not empty.
  virtual Result<audit::InclusionBundle> ProveEntry(uint64_t index, const Actor& actor) = 0;
  virtual Result<std::vector<audit::Hash>> ProveConsistency(uint64_t size1, uint64_t size2) = 0;
  virtual Result<audit::AuditVerifyReport> VerifyAudit() = 0;
  // The log's public key (32 raw bytes).
  virtual Result<std::string> LogPublicKey() = 0;
};

}  // namespace interdict

#endif  // INTERDICT_CASES_H_
