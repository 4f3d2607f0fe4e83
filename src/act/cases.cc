// SQLite implementation of CaseStore (include/interdict/cases.h, docs/formats/audit.md).
//
// Every public operation runs in one IMMEDIATE transaction that also appends its audit
// entry (and signs a checkpoint for the new tree size). The in-memory CompactRange mirrors
// the committed log; a rolled-back transaction restores it.
#include <sys/stat.h>

#include <cctype>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "act/bag.h"
#include "act/canonical.h"
#include "store/sqlite_util.h"
#include "core/file.h"
#include "core/hash.h"
#include "interdict/cases.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;
using audit::AuditEntry;
using audit::Checkpoint;
using audit::Hash;

constexpr const char* kLogKey = "interdict-log";
constexpr int kSchemaVersion = 2;
const std::string kZeroHash(64, '0');

// Our own version counter in act_meta (not PRAGMA user_version), so the case tables can
// share a database file with the ingest store without their migrations colliding.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE agencies(name TEXT PRIMARY KEY, country TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE users(
  name TEXT PRIMARY KEY,
  agency TEXT NOT NULL REFERENCES agencies(name),
  role TEXT NOT NULL,
  key_id TEXT NOT NULL,
  created INTEGER NOT NULL);
CREATE TABLE cases(
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  agency TEXT NOT NULL REFERENCES agencies(name),
  status TEXT NOT NULL,
  assignee TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created INTEGER NOT NULL);
CREATE TABLE case_links(
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  note TEXT NOT NULL,
  UNIQUE(case_id, kind, target));
CREATE TABLE case_notes(
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  user TEXT NOT NULL,
  time INTEGER NOT NULL,
  text TEXT NOT NULL);
CREATE TABLE case_events(
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  time INTEGER NOT NULL,
  user TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL);
CREATE INDEX case_events_case ON case_events(case_id);
CREATE TABLE evidence(
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  case_id TEXT NOT NULL REFERENCES cases(id),
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  holder TEXT NOT NULL,
  sealed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX evidence_case ON evidence(case_id);
CREATE TABLE custody(
  evidence_id TEXT NOT NULL REFERENCES evidence(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  time INTEGER NOT NULL,
  reason TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  recipient TEXT NOT NULL,
  prev TEXT NOT NULL,
  hash TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY(evidence_id, seq));
CREATE TABLE audit_entries(idx INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE audit_checkpoints(size INTEGER PRIMARY KEY, body TEXT NOT NULL,
                               signature TEXT NOT NULL);
)sql",
    // v2: markings (issue 11): every case carries classification, releasability and
    // handling codes; users a clearance; agencies the handling codes they honour.
    R"sql(
ALTER TABLE cases ADD COLUMN classification TEXT NOT NULL DEFAULT 'unclassified';
ALTER TABLE cases ADD COLUMN releasable_to TEXT NOT NULL DEFAULT '[]';
ALTER TABLE cases ADD COLUMN handling TEXT NOT NULL DEFAULT '[]';
ALTER TABLE cases ADD COLUMN derived_from TEXT NOT NULL DEFAULT '[]';
ALTER TABLE users ADD COLUMN clearance TEXT NOT NULL DEFAULT 'restricted';
ALTER TABLE agencies ADD COLUMN accepted_handling TEXT NOT NULL DEFAULT '[]';
)sql",
};

std::string SetToJson(const std::set<std::string>& v) {
  return act::CanonicalDump(nlohmann::json(v));
}

Result<std::set<std::string>> SetFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Status::Corruption("marking set is not a JSON array");
  std::set<std::string> out;
  for (const auto& x : j) {
    if (!x.is_string()) return Status::Corruption("marking set holds a non-string");
    out.insert(x.get<std::string>());
  }
  return out;
}

// Marking tokens (agency names, country codes, handling codes): printable, no separators.
Status CheckTokens(const char* what, const std::set<std::string>& v) {
  for (const auto& t : v) {
    if (t.empty() || t.size() > 64) return Status::InvalidArgument(std::string(what) + ": empty or overlong value");
    for (unsigned char c : t)
      if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.'))
        return Status::InvalidArgument(std::string(what) + " '" + t +
                                       "': only letters, digits, '-', '_' and '.' allowed");
  }
  return Status::Ok();
}

std::string MarkingText(const sharing::Marking& m) {
  nlohmann::json j = {{"originator", m.originator},
                      {"classification", sharing::ClassificationName(m.classification)},
                      {"releasable_to", m.releasable_to},
                      {"handling", m.handling}};
  return act::CanonicalDump(j);
}

const char* const kCaseStatuses[] = {"open", "active", "suspended", "closed"};
const char* const kLinkKinds[] = {"lead", "entity", "vessel", "declaration", "payment", "case"};

Result<CustodyKind> ParseCustodyKind(const std::string& s) {
  for (CustodyKind k : {CustodyKind::kCollected, CustodyKind::kViewed, CustodyKind::kExported,
                        CustodyKind::kTransferred, CustodyKind::kSealed})
    if (s == CustodyKindName(k)) return k;
  return Status::Corruption("unknown custody event kind '" + s + "'");
}

// Hashes a file without loading it whole (evidence can be large disk images).
Result<std::string> HashFile(const std::string& path, int64_t* size) {
  ASSIGN_OR_RETURN(auto mf, MappedFile::Open(path));
  if (size) *size = static_cast<int64_t>(mf->data().size());
  return Sha256Hex(mf->data());
}

class SqliteCaseStore : public CaseStore {
 public:
  SqliteCaseStore(sqlite3* db, const CaseStoreOptions& o)
      : db_(db),
        clock_(o.clock ? o.clock : &Clock::Real()),
        keys_(o.keys),
        evidence_dir_(o.evidence_dir.empty() ? o.db_path + ".evidence" : o.evidence_dir),
        db_path_(o.db_path) {}
  ~SqliteCaseStore() override { sqlite3_close_v2(db_); }

  Status Init() {
    if (db_path_ != ":memory:") {
      RETURN_IF_ERROR(Exec(db_, "PRAGMA journal_mode=WAL"));
    }
    RETURN_IF_ERROR(Exec(db_, "PRAGMA synchronous=FULL"));  // audit entries must survive power loss
    RETURN_IF_ERROR(Exec(db_, "PRAGMA foreign_keys=ON"));
    sqlite3_busy_timeout(db_, 10000);
    RETURN_IF_ERROR(Migrate());
    RETURN_IF_ERROR(InitLogIdentity());
    // Rebuild the right edge of the tree from the stored entries. VerifyAudit() checks them
    // against the signed checkpoints; here we only need the current shape to keep appending.
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_, "SELECT data FROM audit_entries ORDER BY idx"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      range_.Append(audit::HashLeaf(s.ColText(0)));
    }
    return Status::Ok();
  }

  // ---- set-up -------------------------------------------------------------------------

  Status AddAgency(const Agency& a, const std::string& why) override {
    RETURN_IF_ERROR(CheckText("agency name", a.name, true));
    if (a.country.size() != 2 || !std::isupper(static_cast<unsigned char>(a.country[0])) ||
        !std::isupper(static_cast<unsigned char>(a.country[1])))
      return Status::InvalidArgument("agency country '" + a.country +
                                     "': expected an ISO 3166-1 alpha-2 code like DE");
    RETURN_IF_ERROR(CheckText("justification", why, true));
    return InTxn([&]() -> Status {
      Stmt s;
      RETURN_IF_ERROR(s.Prepare(db_, "SELECT 1 FROM agencies WHERE name=?"));
      s.Text(1, a.name);
      ASSIGN_OR_RETURN(bool exists, s.Step());
      if (exists) return Status::AlreadyExists("agency '" + a.name + "' already exists");
      Stmt ins;
      RETURN_IF_ERROR(ins.Prepare(db_, "INSERT INTO agencies(name,country,created) VALUES(?,?,?)"));
      ins.Text(1, a.name);
      ins.Text(2, a.country);
      ins.Int(3, clock_->NowMicros());
      RETURN_IF_ERROR(ins.Done());
      return Log(SystemEntry("collect", "agency.add", "agency/" + a.name, why,
                             "country=" + a.country));
    });
  }

  Result<User> AddUser(const std::string& name, const std::string& agency, Role role,
                       const std::string& why) override {
    RETURN_IF_ERROR(CheckText("user name", name, true));
    if (name == "system") return Status::InvalidArgument("user name 'system' is reserved");
    RETURN_IF_ERROR(CheckText("justification", why, true));
    User u{name, agency, role, ""};
    Status st = InTxn([&]() -> Status {
      Stmt s;
      RETURN_IF_ERROR(s.Prepare(db_, "SELECT 1 FROM agencies WHERE name=?"));
      s.Text(1, agency);
      ASSIGN_OR_RETURN(bool exists, s.Step());
      if (!exists) return Status::NotFound("agency '" + agency + "' does not exist");
      Stmt s2;
      RETURN_IF_ERROR(s2.Prepare(db_, "SELECT 1 FROM users WHERE name=?"));
      s2.Text(1, name);
      ASSIGN_OR_RETURN(bool user_exists, s2.Step());
      if (user_exists) return Status::AlreadyExists("user '" + name + "' already exists");
      if (!keys_->Has(name)) RETURN_IF_ERROR(keys_->Create(name));
      ASSIGN_OR_RETURN(std::string pk, keys_->PublicKey(name));
      u.key_id = KeyId(pk);
      Stmt ins;
      RETURN_IF_ERROR(ins.Prepare(
          db_, "INSERT INTO users(name,agency,role,key_id,created) VALUES(?,?,?,?,?)"));
      ins.Text(1, name);
      ins.Text(2, agency);
      ins.Text(3, RoleName(role));
      ins.Text(4, u.key_id);
      ins.Int(5, clock_->NowMicros());
      RETURN_IF_ERROR(ins.Done());
      return Log(SystemEntry("collect", "user.add", "user/" + name, why,
                             std::string("agency=") + agency + " role=" + RoleName(role) +
                                 " key=" + u.key_id));
    });
    if (!st.ok()) return st;
    return u;
  }

  Result<User> GetUser(const std::string& name) override {
    Stmt s;
    RETURN_IF_ERROR(
        s.Prepare(db_, "SELECT agency,role,key_id,clearance FROM users WHERE name=?"));
    s.Text(1, name);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::NotFound("user '" + name + "' does not exist");
    User u;
    u.name = name;
    u.agency = s.ColText(0);
    ASSIGN_OR_RETURN(u.role, ParseRole(s.ColText(1)));
    u.key_id = s.ColText(2);
    auto c = sharing::ParseClassification(s.ColText(3));
    if (!c.ok()) return Status::Corruption("user '" + name + "': " + c.status().message());
    u.clearance = *c;
    return u;
  }

  Status SetUserClearance(const std::string& name, sharing::Classification c,
                          const std::string& why) override {
    RETURN_IF_ERROR(CheckText("justification", why, true));
    return InTxn([&]() -> Status {
      RETURN_IF_ERROR(GetUser(name).status());
      RETURN_IF_ERROR(UpdateCase("UPDATE users SET clearance=? WHERE name=?",
                                 sharing::ClassificationName(c), name));
      return Log(SystemEntry("alter", "user.clearance", "user/" + name, why,
                             std::string("clearance=") + sharing::ClassificationName(c)));
    });
  }

  Status SetAgencyHandling(const std::string& agency, const std::set<std::string>& accepted,
                           const std::string& why) override {
    RETURN_IF_ERROR(CheckText("justification", why, true));
    RETURN_IF_ERROR(CheckTokens("handling code", accepted));
    return InTxn([&]() -> Status {
      RETURN_IF_ERROR(LoadAgency(agency).status());
      RETURN_IF_ERROR(UpdateCase("UPDATE agencies SET accepted_handling=? WHERE name=?",
                                 SetToJson(accepted), agency));
      return Log(SystemEntry("alter", "agency.handling", "agency/" + agency, why,
                             "accepted_handling=" + SetToJson(accepted)));
    });
  }

  // ---- cases --------------------------------------------------------------------------

  using CaseStore::CreateCase;
  Result<std::string> CreateCase(const std::string& title, const Actor& actor,
                                 const CaseOptions& options) override {
    RETURN_IF_ERROR(CheckText("title", title, true));
    RETURN_IF_ERROR(CheckTokens("releasable-to", options.marking.releasable_to));
    RETURN_IF_ERROR(CheckTokens("handling code", options.marking.handling));
    std::string id;
    Status st = InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "case.create", "case/new"));
      if (u.role != Role::kAnalyst && u.role != Role::kSupervisor)
        return Deny(u, actor, "case.create", "case/new", "role may not create cases");
      sharing::Marking marking = options.marking;
      marking.originator = u.agency;
      if (!options.derived_from.empty()) {
        // Deriving reads every source (checked and denied here, in the one place) and the
        // result takes the strictest combination of the sources' markings and the asked one.
        std::vector<sharing::Marking> inputs{marking};
        for (const auto& src : options.derived_from) {
          Case sc;
          RETURN_IF_ERROR(LoadCase(src, &sc));
          RETURN_IF_ERROR(CheckCaseAccess(u, actor, sc, Need::kRead, "case.derive"));
          inputs.push_back(sc.marking);
        }
        marking = sharing::Derive(inputs, u.agency);
      }
      if (u.clearance < marking.classification)
        return Deny(u, actor, "case.create", "case/new",
                    std::string("clearance ") + sharing::ClassificationName(u.clearance) +
                        " below the case's classification " +
                        sharing::ClassificationName(marking.classification));
      Stmt n;
      RETURN_IF_ERROR(n.Prepare(db_, "SELECT COALESCE(MAX(n),0)+1 FROM cases"));
      RETURN_IF_ERROR(n.Step().status());
      int64_t next = n.ColInt(0);
      id = "C-" + std::to_string(next);
      Stmt ins;
      RETURN_IF_ERROR(ins.Prepare(db_,
                                  "INSERT INTO cases(n,id,title,agency,status,assignee,"
                                  "created_by,created) VALUES(?,?,?,?,'open',?,?,?)"));
      ins.Int(1, next);
      ins.Text(2, id);
      ins.Text(3, title);
      ins.Text(4, u.agency);
      ins.Text(5, u.name);
      ins.Text(6, u.name);
      ins.Int(7, clock_->NowMicros());
      RETURN_IF_ERROR(ins.Done());
      Stmt mk;
      RETURN_IF_ERROR(mk.Prepare(db_,
                                 "UPDATE cases SET classification=?,releasable_to=?,handling=?,"
                                 "derived_from=? WHERE id=?"));
      mk.Text(1, sharing::ClassificationName(marking.classification));
      mk.Text(2, SetToJson(marking.releasable_to));
      mk.Text(3, SetToJson(marking.handling));
      mk.Text(4, act::CanonicalDump(nlohmann::json(options.derived_from)));
      mk.Text(5, id);
      RETURN_IF_ERROR(mk.Done());
      RETURN_IF_ERROR(Timeline(id, u.name, "created", title));
      // The marking is in the logged bytes, so a later edit of the columns is provable.
      std::string detail = "title=" + title + " marking=" + MarkingText(marking);
      if (!options.derived_from.empty())
        detail += " derived_from=" + act::CanonicalDump(nlohmann::json(options.derived_from));
      return Log(UserEntry(u, actor, options.derived_from.empty() ? "collect" : "combine",
                           "case.create", "case/" + id, detail));
    });
    if (!st.ok()) return st;
    return id;
  }

  Result<Case> GetCase(const std::string& id, const Actor& actor) override {
    Case c;
    Status st = InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "case.show", "case/" + id));
      RETURN_IF_ERROR(LoadCase(id, &c));
      RETURN_IF_ERROR(CheckCaseAccess(u, actor, c, Need::kRead, "case.show"));
      RETURN_IF_ERROR(LoadCaseDetails(&c));
      return Log(UserEntry(u, actor, "consult", "case.show", "case/" + id, ""));
    });
    if (!st.ok()) return st;
    return c;
  }

  Result<std::vector<Case>> ListCases(const Actor& actor) override {
    std::vector<Case> out;
    Status st = InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "case.list", "cases"));
      if (u.role == Role::kAuditor)
        return Deny(u, actor, "case.list", "cases", "auditors do not read case content");
      Stmt s;
      RETURN_IF_ERROR(s.Prepare(db_, "SELECT id FROM cases ORDER BY n"));
      std::vector<std::string> ids;
      while (true) {
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        ids.push_back(s.ColText(0));
      }
      ASSIGN_OR_RETURN(sharing::Recipient me, RecipientFor(u));
      for (const auto& id : ids) {
        Case c;
        RETURN_IF_ERROR(LoadCase(id, &c));
        // Listing shows only what the user may read; hidden cases are not denials.
        if (!MarkingAllows(u, me, c, Need::kRead).ok()) continue;
        out.push_back(std::move(c));
      }
      return Log(UserEntry(u, actor, "consult", "case.list", "cases",
                           "count=" + std::to_string(out.size())));
    });
    if (!st.ok()) return st;
    return out;
  }

  Status AssignCase(const std::string& id, const std::string& assignee,
                    const Actor& actor) override {
    return InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "case.assign", "case/" + id));
      Case c;
      RETURN_IF_ERROR(LoadCase(id, &c));
      RETURN_IF_ERROR(CheckCaseAccess(u, actor, c, Need::kSupervise, "case.assign"));
      auto a = GetUser(assignee);
      if (!a.ok()) return a.status();
      if (a->agency != c.agency)
        return Status::InvalidArgument("assignee '" + assignee + "' is not in agency " +
                                       c.agency);
      RETURN_IF_ERROR(UpdateCase("UPDATE cases SET assignee=? WHERE id=?", assignee, id));
      RETURN_IF_ERROR(Timeline(id, u.name, "assigned", assignee));
      return Log(UserEntry(u, actor, "alter", "case.assign", "case/" + id,
                           "assignee=" + assignee));
    });
  }

  Status SetCaseStatus(const std::string& id, const std::string& status,
                       const Actor& actor) override {
    bool known = false;
    for (const char* s : kCaseStatuses) known |= status == s;
    if (!known)
      return Status::InvalidArgument("case status '" + status +
                                     "': expected open, active, suspended or closed");
    return InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "case.status", "case/" + id));
      Case c;
      RETURN_IF_ERROR(LoadCase(id, &c));
      Need need = (u.role == Role::kAnalyst && c.assignee == u.name) ? Need::kWrite
                                                                      : Need::kSupervise;
      RETURN_IF_ERROR(CheckCaseAccess(u, actor, c, need, "case.status"));
      RETURN_IF_ERROR(UpdateCase("UPDATE cases SET status=? WHERE id=?", status, id));
      RETURN_IF_ERROR(Timeline(id, u.name, "status", c.status + " -> " + status));
      return Log(UserEntry(u, actor, "alter", "case.status", "case/" + id, "status=" + status));
    });
  }

  Status AddNote(const std::string& id, const std::string& text, const Actor& actor) override {
    RETURN_IF_ERROR(CheckText("note", text, true));
    return InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "case.note", "case/" + id));
      Case c;
      RETURN_IF_ERROR(LoadCase(id, &c));
      RETURN_IF_ERROR(CheckCaseAccess(u, actor, c, Need::kWrite, "case.note"));
      Stmt ins;
      RETURN_IF_ERROR(
          ins.Prepare(db_, "INSERT INTO case_notes(case_id,user,time,text) VALUES(?,?,?,?)"));
      ins.Text(1, id);
      ins.Text(2, u.name);
      ins.Int(3, clock_->NowMicros());
      ins.Text(4, text);
      RETURN_IF_ERROR(ins.Done());
      RETURN_IF_ERROR(Timeline(id, u.name, "note", ""));
      // The note text is case data, not log data: the log records that it was written, and
      // its hash, so the note can later be shown to be the one written then.
      return Log(UserEntry(u, actor, "collect", "case.note", "case/" + id,
                           "note_sha256=" + Sha256Hex(text)));
    });
  }

  Status Link(const std::string& id, const CaseLink& link, const Actor& actor) override {
    bool known = false;
    for (const char* k : kLinkKinds) known |= link.kind == k;
    if (!known)
      return Status::InvalidArgument("link kind '" + link.kind +
                                     "': expected lead, entity, vessel, declaration, payment "
                                     "or case");
    RETURN_IF_ERROR(CheckText("link target", link.target, true));
    RETURN_IF_ERROR(CheckText("link note", link.note, false));
    return InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "case.link", "case/" + id));
      Case c;
      RETURN_IF_ERROR(LoadCase(id, &c));
      RETURN_IF_ERROR(CheckCaseAccess(u, actor, c, Need::kWrite, "case.link"));
      Stmt ins;
      RETURN_IF_ERROR(ins.Prepare(
          db_, "INSERT OR IGNORE INTO case_links(case_id,kind,target,note) VALUES(?,?,?,?)"));
      ins.Text(1, id);
      ins.Text(2, link.kind);
      ins.Text(3, link.target);
      ins.Text(4, link.note);
      RETURN_IF_ERROR(ins.Done());
      if (sqlite3_changes(db_) == 0)
        return Status::AlreadyExists("case " + id + " already links " + link.kind + " " +
                                     link.target);
      RETURN_IF_ERROR(Timeline(id, u.name, "link", link.kind + ":" + link.target));
      // Linking records into a case is LED "combination".
      return Log(UserEntry(u, actor, "combine", "case.link", "case/" + id,
                           link.kind + ":" + link.target));
    });
  }

  // ---- evidence -----------------------------------------------------------------------

  Result<Evidence> AddEvidence(const std::string& case_id, const std::string& file,
                               const Actor& actor) override {
    int64_t size = 0;
    auto h = HashFile(file, &size);
    if (!h.ok()) return Status(h.status()).Annotate("evidence file");
    std::string sha = *h;
    Evidence ev;
    Status st = InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "evidence.add", "case/" + case_id));
      Case c;
      RETURN_IF_ERROR(LoadCase(case_id, &c));
      RETURN_IF_ERROR(CheckCaseAccess(u, actor, c, Need::kWrite, "evidence.add"));
      RETURN_IF_ERROR(StoreObject(file, sha));
      Stmt n;
      RETURN_IF_ERROR(n.Prepare(db_, "SELECT COALESCE(MAX(n),0)+1 FROM evidence"));
      RETURN_IF_ERROR(n.Step().status());
      int64_t next = n.ColInt(0);
      ev.id = "E-" + std::to_string(next);
      ev.case_id = case_id;
      ev.name = fs::path(file).filename().string();
      ev.sha256 = sha;
      ev.size = size;
      ev.holder = u.name;
      Stmt ins;
      RETURN_IF_ERROR(ins.Prepare(db_,
                                  "INSERT INTO evidence(n,id,case_id,name,sha256,size,holder) "
                                  "VALUES(?,?,?,?,?,?,?)"));
      ins.Int(1, next);
      ins.Text(2, ev.id);
      ins.Text(3, case_id);
      ins.Text(4, ev.name);
      ins.Text(5, sha);
      ins.Int(6, size);
      ins.Text(7, u.name);
      RETURN_IF_ERROR(ins.Done());
      RETURN_IF_ERROR(Timeline(case_id, u.name, "evidence", ev.id + " " + ev.name));
      return Custody(u, actor, ev, CustodyKind::kCollected, sha, "", "collect", "evidence.add");
    });
    if (!st.ok()) return st;
    return ev;
  }

  Result<std::vector<Evidence>> ListEvidence(const std::string& case_id,
                                             const Actor& actor) override {
    std::vector<Evidence> out;
    Status st = InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "evidence.list", "case/" + case_id));
      Case c;
      RETURN_IF_ERROR(LoadCase(case_id, &c));
      RETURN_IF_ERROR(CheckCaseAccess(u, actor, c, Need::kRead, "evidence.list"));
      Stmt s;
      RETURN_IF_ERROR(s.Prepare(db_, "SELECT id FROM evidence WHERE case_id=? ORDER BY n"));
      s.Text(1, case_id);
      std::vector<std::string> ids;
      while (true) {
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        ids.push_back(s.ColText(0));
      }
      for (const auto& id : ids) {
        Evidence e;
        RETURN_IF_ERROR(LoadEvidence(id, &e));
        out.push_back(std::move(e));
      }
      return Log(UserEntry(u, actor, "consult", "evidence.list", "case/" + case_id, ""));
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<std::string> ViewEvidence(const std::string& id, const Actor& actor) override {
    std::string content;
    Status st = InTxn([&]() -> Status {
      Evidence ev;
      User u;
      RETURN_IF_ERROR(EvidenceAccess(id, actor, Need::kRead, "evidence.view", &ev, &u));
      ASSIGN_OR_RETURN(content, ReadFileToString(ObjectPath(ev.sha256)));
      std::string now = Sha256Hex(content);
      if (now != ev.sha256)
        return Status::Corruption("evidence " + id + ": stored content hash " + now +
                                  " differs from the recorded " + ev.sha256);
      return Custody(u, actor, ev, CustodyKind::kViewed, now, "", "consult", "evidence.view");
    });
    if (!st.ok()) return st;
    return content;
  }

  Status ExportEvidence(const std::string& id, const std::string& out_path,
                        const std::string& recipient, const Actor& actor) override {
    RETURN_IF_ERROR(CheckText("recipient", recipient, true));
    return InTxn([&]() -> Status {
      Evidence ev;
      User u;
      RETURN_IF_ERROR(EvidenceAccess(id, actor, Need::kDisclose, "evidence.export", &ev, &u));
      ASSIGN_OR_RETURN(std::string content, ReadFileToString(ObjectPath(ev.sha256)));
      std::string now = Sha256Hex(content);
      if (now != ev.sha256)
        return Status::Corruption("evidence " + id + ": stored content hash " + now +
                                  " differs from the recorded " + ev.sha256);
      RETURN_IF_ERROR(WriteFileAtomic(out_path, content));
      return Custody(u, actor, ev, CustodyKind::kExported, now, recipient, "disclose",
                     "evidence.export");
    });
  }

  Status TransferEvidence(const std::string& id, const std::string& to_user,
                          const Actor& actor) override {
    return InTxn([&]() -> Status {
      Evidence ev;
      User u;
      RETURN_IF_ERROR(EvidenceAccess(id, actor, Need::kDisclose, "evidence.transfer", &ev, &u));
      if (ev.sealed) return Status::FailedPrecondition("evidence " + id + " is sealed");
      ASSIGN_OR_RETURN(User to, GetUser(to_user));
      ASSIGN_OR_RETURN(std::string now, HashFile(ObjectPath(ev.sha256), nullptr));
      if (now != ev.sha256)
        return Status::Corruption("evidence " + id + ": stored content changed");
      RETURN_IF_ERROR(UpdateEvidence("UPDATE evidence SET holder=? WHERE id=?", to.name, id));
      return Custody(u, actor, ev, CustodyKind::kTransferred, now, to.name, "disclose",
                     "evidence.transfer");
    });
  }

  Status SealEvidence(const std::string& id, const Actor& actor) override {
    return InTxn([&]() -> Status {
      Evidence ev;
      User u;
      RETURN_IF_ERROR(EvidenceAccess(id, actor, Need::kSupervise, "evidence.seal", &ev, &u));
      if (ev.sealed) return Status::FailedPrecondition("evidence " + id + " is already sealed");
      ASSIGN_OR_RETURN(std::string now, HashFile(ObjectPath(ev.sha256), nullptr));
      if (now != ev.sha256)
        return Status::Corruption("evidence " + id + ": stored content changed");
      Stmt up;
      RETURN_IF_ERROR(up.Prepare(db_, "UPDATE evidence SET sealed=1 WHERE id=?"));
      up.Text(1, id);
      RETURN_IF_ERROR(up.Done());
      return Custody(u, actor, ev, CustodyKind::kSealed, now, "", "alter", "evidence.seal");
    });
  }

  Result<std::vector<CustodyEvent>> CustodyLog(const std::string& id,
                                               const Actor& actor) override {
    std::vector<CustodyEvent> out;
    Status st = InTxn([&]() -> Status {
      Evidence ev;
      User u;
      RETURN_IF_ERROR(EvidenceAccess(id, actor, Need::kRead, "evidence.log", &ev, &u));
      ASSIGN_OR_RETURN(out, LoadCustody(id));
      return Log(UserEntry(u, actor, "consult", "evidence.log", "evidence/" + id, ""));
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<BagExport> ExportCaseBag(const std::string& case_id, const std::string& out_dir,
                                  const std::string& recipient, const Actor& actor) override {
    RETURN_IF_ERROR(CheckText("recipient", recipient, true));
    RETURN_IF_ERROR(CheckText("bag directory", out_dir, true));
    BagExport out;
    Status st = InTxn([&]() -> Status {
      ASSIGN_OR_RETURN(User u, Authenticate(actor, "case.export", "case/" + case_id));
      act::BagContent bc;
      RETURN_IF_ERROR(LoadCase(case_id, &bc.case_record));
      RETURN_IF_ERROR(
          CheckCaseAccess(u, actor, bc.case_record, Need::kDisclose, "case.export"));
      RETURN_IF_ERROR(LoadCaseDetails(&bc.case_record));
      std::vector<std::string> ids;
      {
        Stmt s;
        RETURN_IF_ERROR(s.Prepare(db_, "SELECT id FROM evidence WHERE case_id=? ORDER BY n"));
        s.Text(1, case_id);
        while (true) {
          ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) break;
          ids.push_back(s.ColText(0));
        }
      }
      std::set<std::string> objects{"case/" + case_id};
      std::set<std::string> signers;
      for (const auto& id : ids) {
        Evidence ev;
        RETURN_IF_ERROR(LoadEvidence(id, &ev));
        ASSIGN_OR_RETURN(std::string now, HashFile(ObjectPath(ev.sha256), nullptr));
        if (now != ev.sha256)
          return Status::Corruption("evidence " + id + ": stored content hash " + now +
                                    " differs from the recorded " + ev.sha256);
        RETURN_IF_ERROR(Custody(u, actor, ev, CustodyKind::kExported, now, recipient,
                                "disclose", "evidence.export"));
        ASSIGN_OR_RETURN(auto events, LoadCustody(id));
        for (const auto& e : events) signers.insert(e.actor);
        bc.evidence.push_back(ev);
        bc.object_paths.push_back(ObjectPath(ev.sha256));
        bc.custody.push_back(std::move(events));
        objects.insert("evidence/" + id);
      }
      std::string list;
      for (const auto& id : ids) list += (list.empty() ? "" : ",") + id;
      RETURN_IF_ERROR(Log(UserEntry(u, actor, "disclose", "case.export", "case/" + case_id,
                                    "bag=" + fs::path(out_dir).filename().string() +
                                        " evidence=" + list,
                                    {recipient})));
      bc.export_entry = range_.size() - 1;
      ASSIGN_OR_RETURN(bc.checkpoint, LatestCheckpoint());
      ASSIGN_OR_RETURN(auto leaves, LeafHashes(bc.checkpoint.size));
      ASSIGN_OR_RETURN(std::string log_pk, LogPublicKey());
      {
        // Every entry about the case or its items: creation, reads, custody anchors,
        // denials and this export. Canonical JSON makes the object a fixed substring.
        Stmt s;
        RETURN_IF_ERROR(s.Prepare(db_,
                                  "SELECT idx,data FROM audit_entries WHERE idx<? AND "
                                  "(instr(data,'\"object\":\"case/')>0 OR "
                                  "instr(data,'\"object\":\"evidence/')>0) ORDER BY idx"));
        s.Int(1, static_cast<int64_t>(bc.checkpoint.size));
        while (true) {
          ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) break;
          std::string data = s.ColText(1);
          ASSIGN_OR_RETURN(AuditEntry e, AuditEntry::Decode(data));
          if (!objects.count(e.object)) continue;
          audit::InclusionBundle b;
          b.entry = data;
          b.index = static_cast<uint64_t>(s.ColInt(0));
          ASSIGN_OR_RETURN(b.proof, audit::InclusionProof(leaves, b.index));
          b.checkpoint = bc.checkpoint;
          b.log_public_key = log_pk;
          bc.proofs.push_back(std::move(b));
        }
      }
      bc.public_keys[kLogKey] = log_pk;
      for (const auto& name : signers) {
        ASSIGN_OR_RETURN(bc.public_keys[name], keys_->PublicKey(name));
      }
      bc.exported_by = u.name;
      bc.exporter_agency = u.agency;
      bc.recipient = recipient;
      bc.justification = actor.justification;
      bc.time = clock_->NowMicros();
      // Written inside the transaction: if the bag cannot be written, neither the custody
      // events nor the export entry are committed.
      RETURN_IF_ERROR(act::WriteBag(out_dir, bc));
      out.dir = out_dir;
      out.case_id = case_id;
      out.evidence_ids = ids;
      out.export_entry = bc.export_entry;
      out.checkpoint = bc.checkpoint;
      out.proofs = bc.proofs.size();
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<EvidenceCheck> VerifyEvidence(const std::string& id) override {
    Evidence ev;
    RETURN_IF_ERROR(LoadEvidence(id, &ev));
    EvidenceCheck r;
    auto fail = [&](std::string m) {
      r.ok = false;
      r.problem = "evidence " + id + ": " + std::move(m);
      return r;
    };
    auto now = HashFile(ObjectPath(ev.sha256), nullptr);
    if (!now.ok()) return fail("content missing: " + now.status().message());
    if (*now != ev.sha256)
      return fail("content changed: SHA-256 is " + *now + ", custody records " + ev.sha256);
    ASSIGN_OR_RETURN(auto events, LoadCustody(id));
    if (events.empty()) return fail("no custody events");
    std::string prev = kZeroHash;
    bool sealed = false;
    for (size_t i = 0; i < events.size(); ++i) {
      const CustodyEvent& e = events[i];
      std::string at = "custody event " + std::to_string(i);
      if (e.seq != static_cast<int64_t>(i)) return fail(at + ": sequence gap");
      if ((i == 0) != (e.kind == CustodyKind::kCollected))
        return fail(at + ": the first event, and only it, must be 'collected'");
      if (e.prev != prev) return fail(at + ": does not chain to the previous event");
      std::string enc = e.Encode();
      if (Sha256Hex(enc) != e.hash) return fail(at + ": recorded fields do not match its hash");
      if (e.sha256 != ev.sha256) return fail(at + ": re-check hash differs from the item's");
      auto pk = keys_->PublicKey(e.actor);
      if (!pk.ok()) return fail(at + ": no public key for '" + e.actor + "'");
      auto sig = audit::BytesFromHex(e.signature);
      if (!sig.ok() || !VerifyEd25519(*pk, enc, *sig))
        return fail(at + ": signature by '" + e.actor + "' does not verify");
      if (sealed && e.kind != CustodyKind::kViewed && e.kind != CustodyKind::kExported)
        return fail(at + ": '" + CustodyKindName(e.kind) + "' after the item was sealed");
      sealed |= e.kind == CustodyKind::kSealed;
      prev = e.hash;
    }
    if (sealed != ev.sealed) return fail("sealed flag disagrees with the custody log");
    // Anchor: the audit log must hold exactly these events for this item, in order, so a
    // deleted or appended custody row (which the chain alone cannot see at the tail) shows.
    ASSIGN_OR_RETURN(auto anchored, AnchoredCustodyHashes(id));
    if (anchored.size() != events.size())
      return fail("audit log anchors " + std::to_string(anchored.size()) +
                  " custody events, custody table holds " + std::to_string(events.size()));
    for (size_t i = 0; i < events.size(); ++i)
      if (anchored[i] != events[i].hash)
        return fail("custody event " + std::to_string(i) + ": not the event the audit log anchors");
    return r;
  }

  Result<std::vector<std::string>> AllEvidenceIds() override {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_, "SELECT id FROM evidence ORDER BY n"));
    std::vector<std::string> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.push_back(s.ColText(0));
    }
    return out;
  }

  // ---- audit --------------------------------------------------------------------------

  uint64_t AuditSize() const override { return range_.size(); }

  Result<AuditEntry> AuditEntryAt(uint64_t index) override {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_, "SELECT data FROM audit_entries WHERE idx=?"));
    s.Int(1, static_cast<int64_t>(index));
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::NotFound("audit entry " + std::to_string(index) + " does not exist");
    return AuditEntry::Decode(s.ColText(0));
  }

  Result<Checkpoint> LatestCheckpoint() override {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(
        db_, "SELECT body,signature FROM audit_checkpoints ORDER BY size DESC LIMIT 1"));
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::NotFound("the audit log has no checkpoint yet");
    return LoadCheckpoint(s.ColText(0), s.ColText(1));
  }

  Result<audit::InclusionBundle> ProveEntry(uint64_t index, const Actor& actor) override {
    ASSIGN_OR_RETURN(Checkpoint cp, LatestCheckpoint());
    if (index >= cp.size)
      return Status::InvalidArgument("entry " + std::to_string(index) +
                                     " is not in the log (size " + std::to_string(cp.size) + ")");
    ASSIGN_OR_RETURN(auto leaves, LeafHashes(cp.size));
    audit::InclusionBundle b;
    ASSIGN_OR_RETURN(b.proof, audit::InclusionProof(leaves, index));
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_, "SELECT data FROM audit_entries WHERE idx=?"));
    s.Int(1, static_cast<int64_t>(index));
    RETURN_IF_ERROR(s.Step().status());
    b.entry = s.ColText(0);
    b.index = index;
    b.checkpoint = cp;
    ASSIGN_OR_RETURN(b.log_public_key, LogPublicKey());
    if (!actor.user.empty()) {
      Status st = InTxn([&]() -> Status {
        ASSIGN_OR_RETURN(User u, Authenticate(actor, "audit.prove", "audit"));
        return Log(UserEntry(u, actor, "disclose", "audit.prove", "audit",
                             "entry=" + std::to_string(index)));
      });
      if (!st.ok()) return st;
    }
    return b;
  }

  Result<std::vector<Hash>> ProveConsistency(uint64_t size1, uint64_t size2) override {
    if (size2 > range_.size())
      return Status::InvalidArgument("size2 " + std::to_string(size2) + " exceeds log size " +
                                     std::to_string(range_.size()));
    ASSIGN_OR_RETURN(auto leaves, LeafHashes(size2));
    return audit::ConsistencyProof(leaves, size1);
  }

  Result<audit::AuditVerifyReport> VerifyAudit() override {
    audit::AuditVerifyReport rep;
    auto bad = [&](int64_t entry, std::string m) {
      rep.ok = false;
      rep.first_bad_entry = entry;
      rep.problem = std::move(m);
      return rep;
    };
    ASSIGN_OR_RETURN(std::string pk, LogPublicKey());
    // Load checkpoints first (small), then stream entries and check each checkpoint as
    // soon as the tree reaches its size.
    std::vector<Checkpoint> cps;
    {
      Stmt s;
      RETURN_IF_ERROR(
          s.Prepare(db_, "SELECT size,body,signature FROM audit_checkpoints ORDER BY size"));
      while (true) {
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        int64_t size = s.ColInt(0);
        auto cp = LoadCheckpoint(s.ColText(1), s.ColText(2));
        if (!cp.ok())
          return bad(size > 0 ? size - 1 : -1,
                     "checkpoint " + std::to_string(size) + ": " + cp.status().message());
        if (cp->size != static_cast<uint64_t>(size) || cp->origin != origin_)
          return bad(size > 0 ? size - 1 : -1,
                     "checkpoint " + std::to_string(size) + ": body does not match its row");
        Status vs = audit::VerifyCheckpoint(*cp, pk);
        if (!vs.ok()) return bad(size > 0 ? size - 1 : -1, vs.message());
        cps.push_back(std::move(cp).value());
      }
    }
    rep.checkpoints = cps.size();
    audit::CompactRange range;
    size_t next_cp = 0;
    uint64_t last_good = 0;
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_, "SELECT idx,data FROM audit_entries ORDER BY idx"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      uint64_t i = range.size();
      int64_t idx = s.ColInt(0);
      if (idx != static_cast<int64_t>(i))
        return bad(static_cast<int64_t>(i), "entry " + std::to_string(i) +
                                                " is missing (next stored row is " +
                                                std::to_string(idx) + ")");
      std::string data = s.ColText(1);
      auto e = AuditEntry::Decode(data);
      if (!e.ok()) return bad(static_cast<int64_t>(i), "entry " + std::to_string(i) + ": " +
                                                           e.status().message());
      if (e->index != i)
        return bad(static_cast<int64_t>(i), "entry " + std::to_string(i) + " claims index " +
                                                std::to_string(e->index) +
                                                " (moved or reordered)");
      range.Append(audit::HashLeaf(data));
      while (next_cp < cps.size() && cps[next_cp].size == range.size()) {
        if (cps[next_cp].root != range.Root())
          return bad(static_cast<int64_t>(last_good),
                     "entry " + std::to_string(last_good) +
                         " does not match the signed checkpoint of size " +
                         std::to_string(range.size()) + " (edited, replaced or reordered)");
        last_good = range.size();
        ++next_cp;
      }
    }
    rep.entries = range.size();
    if (next_cp < cps.size())
      return bad(static_cast<int64_t>(range.size()),
                 "entries from " + std::to_string(range.size()) +
                     " are missing: a checkpoint signs size " +
                     std::to_string(cps[next_cp].size));
    if (last_good != range.size())
      return bad(static_cast<int64_t>(last_good),
                 "entries from " + std::to_string(last_good) + " have no signed checkpoint");
    return rep;
  }

  Result<std::string> LogPublicKey() override { return keys_->PublicKey(kLogKey); }

 private:
  enum class Need { kRead, kWrite, kDisclose, kSupervise };

  // ---- infrastructure -------------------------------------------------------------------

  Status Migrate() {
    RETURN_IF_ERROR(Exec(db_, "CREATE TABLE IF NOT EXISTS act_meta(key TEXT PRIMARY KEY, "
                              "value TEXT NOT NULL)"));
    int version = 0;
    {
      Stmt v;
      RETURN_IF_ERROR(v.Prepare(db_, "SELECT value FROM act_meta WHERE key='schema_version'"));
      ASSIGN_OR_RETURN(bool row, v.Step());
      if (row) version = std::atoi(v.ColText(0).c_str());
    }
    if (version > kSchemaVersion)
      return Status::FailedPrecondition("case database schema version " +
                                        std::to_string(version) + " is newer than this "
                                        "interdict (" + std::to_string(kSchemaVersion) + ")");
    for (int i = version; i < kSchemaVersion; ++i) {
      RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
      Status st = Exec(db_, kMigrations[i]);
      if (st.ok())
        st = Exec(db_, ("INSERT OR REPLACE INTO act_meta(key,value) VALUES('schema_version','" +
                        std::to_string(i + 1) + "')")
                           .c_str());
      if (!st.ok()) {
        (void)Exec(db_, "ROLLBACK");
        return st;
      }
      RETURN_IF_ERROR(Exec(db_, "COMMIT"));
    }
    return Status::Ok();
  }

  Result<std::string> Meta(const std::string& key) {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_, "SELECT value FROM act_meta WHERE key=?"));
    s.Text(1, key);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return std::string();
    return s.ColText(0);
  }

  Status SetMeta(const std::string& key, const std::string& value) {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_, "INSERT OR REPLACE INTO act_meta(key,value) VALUES(?,?)"));
    s.Text(1, key);
    s.Text(2, value);
    return s.Done();
  }

  // The log's origin and key are fixed when the log is created and pinned in the database,
  // so opening it with another key directory fails loudly instead of signing with a new key.
  Status InitLogIdentity() {
    if (!keys_->Has(kLogKey)) {
      ASSIGN_OR_RETURN(std::string pinned, Meta("log_key_id"));
      if (!pinned.empty())
        return Status::FailedPrecondition("the key store has no '" + std::string(kLogKey) +
                                          "' key, but this database's log was signed by key " +
                                          pinned + ": wrong --keys directory?");
      RETURN_IF_ERROR(keys_->Create(kLogKey));
    }
    ASSIGN_OR_RETURN(std::string pk, keys_->PublicKey(kLogKey));
    log_key_id_ = KeyId(pk);
    ASSIGN_OR_RETURN(std::string pinned, Meta("log_key_id"));
    ASSIGN_OR_RETURN(origin_, Meta("origin"));
    if (pinned.empty()) {
      RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
      Status st = SetMeta("log_key_id", log_key_id_);
      if (origin_.empty()) {
        origin_ = db_path_ == ":memory:" ? "memory"
                                         : fs::path(db_path_).filename().string();
        if (st.ok()) st = SetMeta("origin", origin_);
      }
      if (st.ok()) st = Exec(db_, "COMMIT");
      if (!st.ok()) {
        (void)Exec(db_, "ROLLBACK");
        return st;
      }
    } else if (pinned != log_key_id_) {
      return Status::FailedPrecondition("the key store's log key is " + log_key_id_ +
                                        ", but this database's log was signed by key " + pinned +
                                        ": wrong --keys directory?");
    }
    return Status::Ok();
  }

  // Runs `f` in one IMMEDIATE transaction. A denial (Deny()) still commits its "deny" audit
  // entry but returns the denial; any other error rolls everything back.
  template <typename F>
  Status InTxn(F&& f) {
    RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
    audit::CompactRange saved = range_;
    denied_ = false;
    Status st = f();
    if (st.ok() || denied_) {
      Status c = Exec(db_, "COMMIT");
      if (c.ok()) return st;
      st = c;
    }
    (void)Exec(db_, "ROLLBACK");
    range_ = saved;
    return st;
  }

  static Status CheckText(const char* what, const std::string& s, bool required) {
    if (required && s.empty()) return Status::InvalidArgument(std::string(what) + " is empty");
    if (!act::IsValidUtf8(s))
      return Status::InvalidArgument(std::string(what) + " is not valid UTF-8");
    return Status::Ok();
  }

  AuditEntry SystemEntry(std::string action, std::string op, std::string object,
                         const std::string& why, std::string detail) {
    AuditEntry e;
    e.actor = "system";
    e.action = std::move(action);
    e.op = std::move(op);
    e.object = std::move(object);
    e.justification = why;
    e.detail = std::move(detail);
    return e;
  }

  AuditEntry UserEntry(const User& u, const Actor& a, std::string action, std::string op,
                       std::string object, std::string detail,
                       std::vector<std::string> recipients = {}) {
    AuditEntry e;
    e.actor = u.name;
    e.agency = u.agency;
    e.action = std::move(action);
    e.op = std::move(op);
    e.object = std::move(object);
    e.justification = a.justification;
    e.recipients = std::move(recipients);
    e.detail = std::move(detail);
    return e;
  }

  // Appends `e` at the next index and signs a checkpoint for the new size, inside the
  // caller's transaction.
  Status Log(AuditEntry e) {
    e.index = range_.size();
    e.time = clock_->NowMicros();
    std::string data = e.Encode();
    Stmt ins;
    RETURN_IF_ERROR(ins.Prepare(db_, "INSERT INTO audit_entries(idx,data) VALUES(?,?)"));
    ins.Int(1, static_cast<int64_t>(e.index));
    ins.Text(2, data);
    RETURN_IF_ERROR(ins.Done());
    range_.Append(audit::HashLeaf(data));
    Checkpoint cp;
    cp.origin = origin_;
    cp.size = range_.size();
    cp.root = range_.Root();
    cp.time = e.time;
    std::string body = cp.Body();
    ASSIGN_OR_RETURN(std::string sig, keys_->Sign(kLogKey, body));
    Stmt c;
    RETURN_IF_ERROR(
        c.Prepare(db_, "INSERT INTO audit_checkpoints(size,body,signature) VALUES(?,?,?)"));
    c.Int(1, static_cast<int64_t>(cp.size));
    c.Text(2, body);
    c.Text(3, audit::ToHex(sig));
    return c.Done();
  }

  Result<Checkpoint> LoadCheckpoint(const std::string& body, const std::string& sig_hex) {
    ASSIGN_OR_RETURN(Checkpoint cp, Checkpoint::ParseBody(body));
    auto sig = audit::BytesFromHex(sig_hex);
    if (!sig.ok() || sig->size() != 64)
      return Status::Corruption("checkpoint signature is not 128 hex characters");
    cp.signature = *sig;
    cp.key_id = log_key_id_;
    return cp;
  }

  Result<std::vector<Hash>> LeafHashes(uint64_t n) {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_, "SELECT data FROM audit_entries WHERE idx<? ORDER BY idx"));
    s.Int(1, static_cast<int64_t>(n));
    std::vector<Hash> out;
    out.reserve(n);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.push_back(audit::HashLeaf(s.ColText(0)));
    }
    if (out.size() != n)
      return Status::Corruption("audit log has " + std::to_string(out.size()) +
                                " entries below " + std::to_string(n));
    return out;
  }

  // Who is acting. An unknown user or an empty justification is denied, and logged.
  Result<User> Authenticate(const Actor& a, const std::string& op, const std::string& object) {
    auto u = GetUser(a.user);
    if (!u.ok()) {
      User unknown{a.user, "", Role::kAnalyst, ""};
      return Deny(unknown, a, op, object, "unknown user");
    }
    if (a.justification.empty())
      return Deny(*u, a, op, object, "no justification given (LED Art. 25 requires one)");
    if (!act::IsValidUtf8(a.justification))
      return Status::InvalidArgument("justification is not valid UTF-8");
    return u;
  }

  Status Deny(const User& u, const Actor& a, const std::string& op, const std::string& object,
              const std::string& why) {
    AuditEntry e;
    e.actor = act::IsValidUtf8(u.name) ? u.name : std::string("<invalid utf-8>");
    e.agency = u.agency;
    e.action = "deny";
    e.op = op;
    e.object = object;
    e.justification = act::IsValidUtf8(a.justification) ? a.justification : "";
    e.detail = why;
    RETURN_IF_ERROR(Log(std::move(e)));
    denied_ = true;
    return Status::FailedPrecondition("access denied: " + op + " " + object + " by '" + u.name +
                                      "': " + why);
  }

  // The one place case access is decided: same agency, and a role allowed to do `need`.
  Status CheckCaseAccess(const User& u, const Actor& a, const Case& c, Need need,
                         const std::string& op) {
    std::string object = "case/" + c.id;
    bool ok = false;
    switch (need) {
      case Need::kRead:
        ok = u.role != Role::kAuditor;
        break;
      case Need::kWrite:
        ok = u.role == Role::kAnalyst || u.role == Role::kSupervisor;
        break;
      case Need::kDisclose:
        ok = u.role != Role::kAuditor;
        break;
      case Need::kSupervise:
        ok = u.role == Role::kSupervisor;
        break;
    }
    if (!ok) return Deny(u, a, op, object, std::string("role ") + RoleName(u.role) +
                                               " may not do this");
    ASSIGN_OR_RETURN(sharing::Recipient me, RecipientFor(u));
    Status m = MarkingAllows(u, me, c, need);
    if (!m.ok()) return Deny(u, a, op, object, m.message());
    return Status::Ok();
  }

  // Marking part of the access decision. The owning agency needs clearance; any other
  // agency may only read, and only what the marking releases to it (sharing::CheckRelease).
  static Status MarkingAllows(const User& u, const sharing::Recipient& me, const Case& c,
                              Need need) {
    if (u.agency == c.agency) {
      if (u.clearance < c.marking.classification)
        return Status::FailedPrecondition(
            std::string("clearance ") + sharing::ClassificationName(u.clearance) +
            " below the case's classification " +
            sharing::ClassificationName(c.marking.classification));
      return Status::Ok();
    }
    if (need != Need::kRead)
      return Status::FailedPrecondition("case belongs to agency " + c.agency +
                                        "; other agencies may only read released cases");
    Status r = sharing::CheckRelease(c.marking, me);
    if (!r.ok())
      return Status::FailedPrecondition("case belongs to agency " + c.agency + ": " +
                                        r.message());
    return Status::Ok();
  }

  struct AgencyRow {
    Agency agency;
    std::set<std::string> accepted_handling;
  };

  Result<AgencyRow> LoadAgency(const std::string& name) {
    Stmt s;
    RETURN_IF_ERROR(
        s.Prepare(db_, "SELECT country,accepted_handling FROM agencies WHERE name=?"));
    s.Text(1, name);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::NotFound("agency '" + name + "' does not exist");
    AgencyRow a;
    a.agency.name = name;
    a.agency.country = s.ColText(0);
    ASSIGN_OR_RETURN(a.accepted_handling, SetFromJson(s.ColText(1)));
    return a;
  }

  Result<sharing::Recipient> RecipientFor(const User& u) {
    ASSIGN_OR_RETURN(AgencyRow a, LoadAgency(u.agency));
    return sharing::Recipient{u.agency, a.agency.country, u.clearance, a.accepted_handling};
  }

  Status LoadCase(const std::string& id, Case* c) {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_,
                              "SELECT title,agency,status,assignee,created_by,created,"
                              "classification,releasable_to,handling,derived_from FROM "
                              "cases WHERE id=?"));
    s.Text(1, id);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::NotFound("case '" + id + "' does not exist");
    c->id = id;
    c->title = s.ColText(0);
    c->agency = s.ColText(1);
    c->status = s.ColText(2);
    c->assignee = s.ColText(3);
    c->created_by = s.ColText(4);
    c->created = s.ColInt(5);
    c->marking.originator = c->agency;
    ASSIGN_OR_RETURN(c->marking.classification, sharing::ParseClassification(s.ColText(6)));
    ASSIGN_OR_RETURN(c->marking.releasable_to, SetFromJson(s.ColText(7)));
    ASSIGN_OR_RETURN(c->marking.handling, SetFromJson(s.ColText(8)));
    ASSIGN_OR_RETURN(auto derived, SetFromJson(s.ColText(9)));
    c->derived_from.assign(derived.begin(), derived.end());
    return Status::Ok();
  }

  Status LoadCaseDetails(Case* c) {
    Stmt l;
    RETURN_IF_ERROR(
        l.Prepare(db_, "SELECT kind,target,note FROM case_links WHERE case_id=? ORDER BY id"));
    l.Text(1, c->id);
    while (true) {
      ASSIGN_OR_RETURN(bool row, l.Step());
      if (!row) break;
      c->links.push_back({l.ColText(0), l.ColText(1), l.ColText(2)});
    }
    Stmt n;
    RETURN_IF_ERROR(
        n.Prepare(db_, "SELECT user,time,text FROM case_notes WHERE case_id=? ORDER BY id"));
    n.Text(1, c->id);
    while (true) {
      ASSIGN_OR_RETURN(bool row, n.Step());
      if (!row) break;
      c->notes.push_back({n.ColText(0), n.ColInt(1), n.ColText(2)});
    }
    Stmt t;
    RETURN_IF_ERROR(t.Prepare(
        db_, "SELECT time,user,kind,detail FROM case_events WHERE case_id=? ORDER BY id"));
    t.Text(1, c->id);
    while (true) {
      ASSIGN_OR_RETURN(bool row, t.Step());
      if (!row) break;
      c->timeline.push_back({t.ColInt(0), t.ColText(1), t.ColText(2), t.ColText(3)});
    }
    return Status::Ok();
  }

  Status Timeline(const std::string& case_id, const std::string& user, const std::string& kind,
                  const std::string& detail) {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(
        db_, "INSERT INTO case_events(case_id,time,user,kind,detail) VALUES(?,?,?,?,?)"));
    s.Text(1, case_id);
    s.Int(2, clock_->NowMicros());
    s.Text(3, user);
    s.Text(4, kind);
    s.Text(5, detail);
    return s.Done();
  }

  Status UpdateCase(const char* sql, const std::string& v, const std::string& id) {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_, sql));
    s.Text(1, v);
    s.Text(2, id);
    return s.Done();
  }
  Status UpdateEvidence(const char* sql, const std::string& a, const std::string& b) {
    return UpdateCase(sql, a, b);
  }

  std::string ObjectPath(const std::string& sha) const {
    return evidence_dir_ + "/" + sha.substr(0, 2) + "/" + sha;
  }

  // Copies `file` into the content-addressed store (once; an existing object is re-checked)
  // and makes it read-only, so an accidental write fails rather than silently altering it.
  Status StoreObject(const std::string& file, const std::string& sha) {
    std::string path = ObjectPath(sha);
    std::error_code ec;
    if (fs::exists(path, ec)) {
      ASSIGN_OR_RETURN(std::string have, HashFile(path, nullptr));
      if (have != sha)
        return Status::Corruption(path + ": stored object does not match its name (hash " +
                                  have + ")");
      return Status::Ok();
    }
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) return Status::IoError(path + ": " + ec.message());
    ASSIGN_OR_RETURN(auto mf, MappedFile::Open(file));
    if (Sha256Hex(mf->data()) != sha)
      return Status::FailedPrecondition(file + ": changed while it was being added");
    RETURN_IF_ERROR(WriteFileAtomic(path, mf->data()));
    ::chmod(path.c_str(), 0444);
    return Status::Ok();
  }

  Status LoadEvidence(const std::string& id, Evidence* e) {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(
        db_, "SELECT case_id,name,sha256,size,holder,sealed FROM evidence WHERE id=?"));
    s.Text(1, id);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::NotFound("evidence '" + id + "' does not exist");
    e->id = id;
    e->case_id = s.ColText(0);
    e->name = s.ColText(1);
    e->sha256 = s.ColText(2);
    e->size = s.ColInt(3);
    e->holder = s.ColText(4);
    e->sealed = s.ColInt(5) != 0;
    return Status::Ok();
  }

  Status EvidenceAccess(const std::string& id, const Actor& actor, Need need,
                        const std::string& op, Evidence* ev, User* u) {
    ASSIGN_OR_RETURN(*u, Authenticate(actor, op, "evidence/" + id));
    RETURN_IF_ERROR(LoadEvidence(id, ev));
    Case c;
    RETURN_IF_ERROR(LoadCase(ev->case_id, &c));
    return CheckCaseAccess(*u, actor, c, need, op);
  }

  Result<std::vector<CustodyEvent>> LoadCustody(const std::string& id) {
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(db_,
                              "SELECT seq,kind,actor,time,reason,sha256,recipient,prev,hash,"
                              "signature FROM custody WHERE evidence_id=? ORDER BY seq"));
    s.Text(1, id);
    std::vector<CustodyEvent> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      CustodyEvent e;
      e.evidence_id = id;
      e.seq = s.ColInt(0);
      ASSIGN_OR_RETURN(e.kind, ParseCustodyKind(s.ColText(1)));
      e.actor = s.ColText(2);
      e.time = s.ColInt(3);
      e.reason = s.ColText(4);
      e.sha256 = s.ColText(5);
      e.to = s.ColText(6);
      e.prev = s.ColText(7);
      e.hash = s.ColText(8);
      e.signature = s.ColText(9);
      out.push_back(std::move(e));
    }
    return out;
  }

  // Records, signs (with the actor's key) and audit-logs one custody event.
  Status Custody(const User& u, const Actor& a, const Evidence& ev, CustodyKind kind,
                 const std::string& observed_sha, const std::string& to,
                 const std::string& action, const std::string& op) {
    ASSIGN_OR_RETURN(auto events, LoadCustody(ev.id));
    CustodyEvent e;
    e.evidence_id = ev.id;
    e.seq = static_cast<int64_t>(events.size());
    e.kind = kind;
    e.actor = u.name;
    e.time = clock_->NowMicros();
    e.reason = a.justification;
    e.sha256 = observed_sha;
    e.to = to;
    e.prev = events.empty() ? kZeroHash : events.back().hash;
    std::string enc = e.Encode();
    e.hash = Sha256Hex(enc);
    ASSIGN_OR_RETURN(std::string sig, keys_->Sign(u.name, enc));
    e.signature = audit::ToHex(sig);
    Stmt ins;
    RETURN_IF_ERROR(ins.Prepare(db_,
                                "INSERT INTO custody(evidence_id,seq,kind,actor,time,reason,"
                                "sha256,recipient,prev,hash,signature) "
                                "VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
    ins.Text(1, e.evidence_id);
    ins.Int(2, e.seq);
    ins.Text(3, CustodyKindName(kind));
    ins.Text(4, e.actor);
    ins.Int(5, e.time);
    ins.Text(6, e.reason);
    ins.Text(7, e.sha256);
    ins.Text(8, e.to);
    ins.Text(9, e.prev);
    ins.Text(10, e.hash);
    ins.Text(11, e.signature);
    RETURN_IF_ERROR(ins.Done());
    std::vector<std::string> recipients;
    if (!to.empty()) recipients.push_back(to);
    return Log(UserEntry(u, a, action, op, "evidence/" + ev.id, "custody=" + e.hash,
                         std::move(recipients)));
  }

  Result<std::vector<std::string>> AnchoredCustodyHashes(const std::string& id) {
    // Canonical JSON makes the object field a fixed substring; Decode() confirms each hit.
    std::string needle = "\"object\":\"evidence/" + id + "\"";
    Stmt s;
    RETURN_IF_ERROR(s.Prepare(
        db_, "SELECT data FROM audit_entries WHERE instr(data, ?) > 0 ORDER BY idx"));
    s.Text(1, needle);
    std::vector<std::string> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      auto e = AuditEntry::Decode(s.ColText(0));
      if (!e.ok()) return e.status();
      if (e->object == "evidence/" + id && e->detail.rfind("custody=", 0) == 0)
        out.push_back(e->detail.substr(8));
    }
    return out;
  }

  sqlite3* db_;
  const Clock* clock_;
  KeyStore* keys_;
  std::string evidence_dir_;
  std::string db_path_;
  std::string origin_;
  std::string log_key_id_;
  audit::CompactRange range_;
  bool denied_ = false;
};

}  // namespace

const char* RoleName(Role r) {
  switch (r) {
    case Role::kAnalyst:
      return "analyst";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kAuditor:
      return "auditor";
    case Role::kLiaison:
      return "liaison";
  }
  return "?";
}

Result<Role> ParseRole(const std::string& s) {
  for (Role r : {Role::kAnalyst, Role::kSupervisor, Role::kAuditor, Role::kLiaison})
    if (s == RoleName(r)) return r;
  return Status::InvalidArgument("role '" + s +
                                 "': expected analyst, supervisor, auditor or liaison");
}

const char* CustodyKindName(CustodyKind k) {
  switch (k) {
    case CustodyKind::kCollected:
      return "collected";
    case CustodyKind::kViewed:
      return "viewed";
    case CustodyKind::kExported:
      return "exported";
    case CustodyKind::kTransferred:
      return "transferred";
    case CustodyKind::kSealed:
      return "sealed";
  }
  return "?";
}

std::string CustodyEvent::Encode() const {
  nlohmann::json j = nlohmann::json::object();
  j["v"] = 1;
  j["evidence"] = evidence_id;
  j["seq"] = seq;
  j["kind"] = CustodyKindName(kind);
  j["actor"] = actor;
  j["time"] = time;
  j["reason"] = reason;
  j["sha256"] = sha256;
  j["to"] = to;
  j["prev"] = prev;
  return act::CanonicalDump(j);
}

Result<std::unique_ptr<CaseStore>> CaseStore::Open(const CaseStoreOptions& o) {
  if (o.keys == nullptr) return Status::InvalidArgument("CaseStore needs a key store");
  if (o.db_path.empty()) return Status::InvalidArgument("CaseStore needs a database path");
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(o.db_path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::IoError(o.db_path + ": " + m);
  }
  auto store = std::make_unique<SqliteCaseStore>(db, o);
  Status st = store->Init();
  if (!st.ok()) return st.Annotate(o.db_path);
  return std::unique_ptr<CaseStore>(std::move(store));
}

}  // namespace interdict
