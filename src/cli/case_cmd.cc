// Case work commands (issue 11, docs/formats/audit.md):
//   interdict agency add | user add
//   interdict case create|list|show|link|note|assign|status
//   interdict evidence add|log|verify|export|verify-bag
//   interdict audit verify|prove|checkpoint|verify-proof
// Compiled only when the CLI links interdict_act (INTERDICT_HAVE_ACT), like simulate.
#ifdef INTERDICT_HAVE_ACT
#include <iostream>
#include <memory>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/file.h"
#include "interdict/audit.h"
#include "interdict/cases.h"
#include "interdict/env.h"
#include "interdict/keys.h"
#include "interdict/sharing.h"

namespace interdict::cli {
namespace {

using nlohmann::json;

struct CommonOptions {
  std::string db = "interdict-cases.db";
  std::string keys;  // default: <db>.keys
  std::string evidence_dir;
  std::string user;
  std::string reason;
};

struct Opened {
  std::unique_ptr<KeyStore> keys;  // must outlive the store
  std::unique_ptr<CaseStore> store;
};

int Fail(const Status& st) {
  std::cerr << "interdict: " << st.ToString() << "\n";
  return 1;
}

Result<Opened> OpenAll(const CommonOptions& o) {
  Opened out;
  ASSIGN_OR_RETURN(out.keys, OpenFileKeyStore(o.keys.empty() ? o.db + ".keys" : o.keys));
  CaseStoreOptions so;
  so.db_path = o.db;
  so.evidence_dir = o.evidence_dir;
  so.keys = out.keys.get();
  ASSIGN_OR_RETURN(out.store, CaseStore::Open(so));
  return out;
}

// Runs `fn` on an opened store; errors become exit code 1 with the message on stderr.
template <typename F>
int WithStore(const CommonOptions& o, F&& fn) {
  auto opened = OpenAll(o);
  if (!opened.ok()) return Fail(opened.status());
  Status st = fn(*opened->store);
  return st.ok() ? 0 : Fail(st);
}

void AddCommon(CLI::App* cmd, CommonOptions* o, bool actor) {
  cmd->add_option("--db", o->db, "Case database (SQLite)")->capture_default_str();
  cmd->add_option("--keys", o->keys, "Key store directory (default: <db>.keys)");
  cmd->add_option("--evidence-dir", o->evidence_dir,
                  "Content-addressed evidence store (default: <db>.evidence)");
  if (actor) {
    cmd->add_option("--user", o->user, "Acting user")->required();
    cmd->add_option("--reason", o->reason,
                    "Justification, recorded in the audit log (LED Art. 25)")
        ->required();
  }
}

json CaseJson(const Case& c, bool details) {
  json j = {{"id", c.id},           {"title", c.title},       {"agency", c.agency},
            {"status", c.status},   {"assignee", c.assignee}, {"created_by", c.created_by},
            {"created", FormatIsoUtc(c.created / 1000000)}};
  j["marking"] = {{"classification", sharing::ClassificationName(c.marking.classification)},
                  {"releasable_to", c.marking.releasable_to},
                  {"handling", c.marking.handling}};
  if (!c.derived_from.empty()) j["derived_from"] = c.derived_from;
  if (details) {
    j["links"] = json::array();
    for (const auto& l : c.links)
      j["links"].push_back({{"kind", l.kind}, {"target", l.target}, {"note", l.note}});
    j["notes"] = json::array();
    for (const auto& n : c.notes)
      j["notes"].push_back(
          {{"user", n.user}, {"time", FormatIsoUtc(n.time / 1000000)}, {"text", n.text}});
    j["timeline"] = json::array();
    for (const auto& t : c.timeline)
      j["timeline"].push_back({{"time", FormatIsoUtc(t.time / 1000000)},
                               {"user", t.user},
                               {"kind", t.kind},
                               {"detail", t.detail}});
  }
  return j;
}

std::string Dump(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace);
}

void RegisterSetup(CLI::App& app, int* exit_code) {
  auto* agency = app.add_subcommand("agency", "Agencies taking part in case work");
  agency->require_subcommand(1);
  {
    auto o = std::make_shared<CommonOptions>();
    auto a = std::make_shared<Agency>();
    auto reason = std::make_shared<std::string>("administration");
    auto* add = agency->add_subcommand("add", "Register an agency");
    add->add_option("name", a->name, "Agency name")->required();
    add->add_option("--country", a->country, "ISO 3166-1 alpha-2 country code")->required();
    add->add_option("--reason", *reason, "Justification")->capture_default_str();
    auto handling = std::make_shared<std::vector<std::string>>();
    add->add_option("--accepts-handling", *handling,
                    "Handling codes the agency is bound to honour (e.g. LE-ONLY)")
        ->delimiter(',');
    AddCommon(add, o.get(), false);
    add->callback([o, a, reason, handling, exit_code] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        RETURN_IF_ERROR(s.AddAgency(*a, *reason));
        if (handling->empty()) return Status::Ok();
        return s.SetAgencyHandling(a->name, {handling->begin(), handling->end()}, *reason);
      });
    });
  }
  auto* user = app.add_subcommand("user", "Users, their roles and signing keys");
  user->require_subcommand(1);
  {
    auto o = std::make_shared<CommonOptions>();
    auto name = std::make_shared<std::string>();
    auto agency_name = std::make_shared<std::string>();
    auto role = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>("administration");
    auto* add = user->add_subcommand(
        "add", "Register a user and create the user's Ed25519 key pair in the key store");
    add->add_option("--name", *name, "User name")->required();
    add->add_option("--agency", *agency_name, "Agency")->required();
    add->add_option("--role", *role, "analyst, supervisor, auditor or liaison")->required();
    add->add_option("--reason", *reason, "Justification")->capture_default_str();
    auto clearance = std::make_shared<std::string>("restricted");
    add->add_option("--clearance", *clearance,
                    "unclassified, restricted, confidential or secret")
        ->capture_default_str();
    AddCommon(add, o.get(), false);
    add->callback([=] {
      auto r = ParseRole(*role);
      auto c = sharing::ParseClassification(*clearance);
      if (!r.ok() || !c.ok()) {
        *exit_code = 2;
        std::cerr << "interdict: " << (r.ok() ? c.status() : r.status()).ToString() << "\n";
        return;
      }
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        ASSIGN_OR_RETURN(User u, s.AddUser(*name, *agency_name, *r, *reason));
        if (*c != u.clearance) RETURN_IF_ERROR(s.SetUserClearance(u.name, *c, *reason));
        std::cout << u.name << " " << u.key_id << "\n";
        return Status::Ok();
      });
    });
  }
}

void RegisterCase(CLI::App& app, int* exit_code) {
  auto* cs = app.add_subcommand("case", "Investigation cases (every access is audited)");
  cs->require_subcommand(1);
  {
    auto o = std::make_shared<CommonOptions>();
    auto title = std::make_shared<std::string>();
    auto classification = std::make_shared<std::string>("unclassified");
    auto releasable = std::make_shared<std::vector<std::string>>();
    auto handling = std::make_shared<std::vector<std::string>>();
    auto derived = std::make_shared<std::vector<std::string>>();
    auto* c = cs->add_subcommand("create", "Open a case in the user's agency; prints its id");
    c->add_option("--title", *title, "Case title")->required();
    c->add_option("--classification", *classification,
                  "unclassified, restricted, confidential or secret")
        ->capture_default_str();
    c->add_option("--releasable-to", *releasable,
                  "Agencies or ISO country codes the case may be released to")
        ->delimiter(',');
    c->add_option("--handling", *handling, "Handling codes (e.g. LE-ONLY,ORCON)")->delimiter(',');
    c->add_option("--derived-from", *derived,
                  "Source case ids: the case takes the strictest combination of their "
                  "markings")
        ->delimiter(',');
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        CaseOptions opts;
        ASSIGN_OR_RETURN(opts.marking.classification,
                         sharing::ParseClassification(*classification));
        opts.marking.releasable_to = {releasable->begin(), releasable->end()};
        opts.marking.handling = {handling->begin(), handling->end()};
        opts.derived_from = *derived;
        ASSIGN_OR_RETURN(std::string id, s.CreateCase(*title, {o->user, o->reason}, opts));
        std::cout << id << "\n";
        return Status::Ok();
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto* c = cs->add_subcommand("list", "List the cases of the user's agency (JSON lines)");
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        ASSIGN_OR_RETURN(auto cases, s.ListCases({o->user, o->reason}));
        for (const auto& k : cases)
          std::cout << CaseJson(k, false).dump(-1, ' ', false, json::error_handler_t::replace)
                    << "\n";
        return Status::Ok();
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto id = std::make_shared<std::string>();
    auto* c = cs->add_subcommand("show", "Show a case with links, notes and timeline (JSON)");
    c->add_option("id", *id, "Case id")->required();
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        ASSIGN_OR_RETURN(Case k, s.GetCase(*id, {o->user, o->reason}));
        std::cout << Dump(CaseJson(k, true)) << "\n";
        return Status::Ok();
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto id = std::make_shared<std::string>();
    auto link = std::make_shared<CaseLink>();
    auto* c = cs->add_subcommand("link", "Link a lead, entity, vessel, declaration or payment");
    c->add_option("id", *id, "Case id")->required();
    c->add_option("--kind", link->kind, "lead|entity|vessel|declaration|payment|case")
        ->required();
    c->add_option("--target", link->target, "Id of the linked record")->required();
    c->add_option("--note", link->note, "Why it is linked");
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) {
        return s.Link(*id, *link, {o->user, o->reason});
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto id = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    auto* c = cs->add_subcommand("note", "Add a note to a case");
    c->add_option("id", *id, "Case id")->required();
    c->add_option("--text", *text, "Note text")->required();
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) {
        return s.AddNote(*id, *text, {o->user, o->reason});
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto id = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    auto* c = cs->add_subcommand("assign", "Assign a case (supervisors)");
    c->add_option("id", *id, "Case id")->required();
    c->add_option("--to", *to, "Assignee")->required();
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) {
        return s.AssignCase(*id, *to, {o->user, o->reason});
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto id = std::make_shared<std::string>();
    auto st = std::make_shared<std::string>();
    auto* c = cs->add_subcommand("status", "Set a case's status");
    c->add_option("id", *id, "Case id")->required();
    c->add_option("--set", *st, "open|active|suspended|closed")->required();
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) {
        return s.SetCaseStatus(*id, *st, {o->user, o->reason});
      });
    });
  }
}

void RegisterEvidence(CLI::App& app, int* exit_code) {
  auto* ev = app.add_subcommand("evidence", "Evidence under a signed chain of custody");
  ev->require_subcommand(1);
  {
    auto o = std::make_shared<CommonOptions>();
    auto case_id = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    auto* c = ev->add_subcommand("add", "Collect a file as evidence; prints its id and SHA-256");
    c->add_option("--case", *case_id, "Case id")->required();
    c->add_option("--file", *file, "The file")->required();
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        ASSIGN_OR_RETURN(Evidence e, s.AddEvidence(*case_id, *file, {o->user, o->reason}));
        std::cout << e.id << " " << e.sha256 << "\n";
        return Status::Ok();
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto id = std::make_shared<std::string>();
    auto* c = ev->add_subcommand("log", "Print an item's custody events (JSON lines)");
    c->add_option("id", *id, "Evidence id")->required();
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        ASSIGN_OR_RETURN(auto events, s.CustodyLog(*id, {o->user, o->reason}));
        for (const auto& e : events) {
          json j = json::parse(e.Encode(), nullptr, false);
          j["time_iso"] = FormatIsoUtc(e.time / 1000000);
          j["hash"] = e.hash;
          j["signature"] = e.signature;
          std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
        }
        return Status::Ok();
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto ids = std::make_shared<std::vector<std::string>>();
    auto* c = ev->add_subcommand(
        "verify", "Re-hash evidence and check its custody signatures and audit anchors "
                  "(all items when no id is given); exit 1 naming the first problem");
    c->add_option("ids", *ids, "Evidence ids");
    AddCommon(c, o.get(), false);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        std::vector<std::string> todo = *ids;
        if (todo.empty()) {
          ASSIGN_OR_RETURN(todo, s.AllEvidenceIds());
        }
        for (const auto& id : todo) {
          ASSIGN_OR_RETURN(EvidenceCheck r, s.VerifyEvidence(id));
          if (!r.ok) return Status::Corruption(r.problem);
          std::cout << id << " ok\n";
        }
        return Status::Ok();
      });
    });
  }
}

void RegisterBag(CLI::App* ev, int* exit_code) {
  {
    auto o = std::make_shared<CommonOptions>();
    auto case_id = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto recipient = std::make_shared<std::string>("court");
    auto* c = ev->add_subcommand(
        "export", "Write a case's evidence, custody log, audit proofs, keys and report as a "
                  "BagIt bag for court (docs/formats/bag.md)");
    c->add_option("--case", *case_id, "Case id")->required();
    c->add_option("--out", *out, "Bag directory (must not exist or be empty)")->required();
    c->add_option("--recipient", *recipient, "Who receives the bag")->capture_default_str();
    AddCommon(c, o.get(), true);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        ASSIGN_OR_RETURN(BagExport b,
                         s.ExportCaseBag(*case_id, *out, *recipient, {o->user, o->reason}));
        std::cout << "bag " << b.dir << ": case " << b.case_id << ", "
                  << b.evidence_ids.size() << " evidence items, " << b.proofs
                  << " audit proofs against checkpoint " << b.checkpoint.size
                  << "; export is audit entry " << b.export_entry << "\n";
        return Status::Ok();
      });
    });
  }
  {
    auto dir = std::make_shared<std::string>();
    auto pk_hex = std::make_shared<std::string>();
    auto* c = ev->add_subcommand(
        "verify-bag", "Check a court-export bag offline; exit 0 when intact, 1 naming the "
                      "first problem");
    c->add_option("bag", *dir, "Bag directory")->required();
    c->add_option("--public-key", *pk_hex,
                  "The log's public key (hex) obtained out of band; without it the key in "
                  "the bag is trusted");
    c->callback([=] {
      auto run = [&]() -> Status {
        std::string pk;
        if (!pk_hex->empty()) {
          ASSIGN_OR_RETURN(pk, audit::BytesFromHex(*pk_hex));
          if (pk.size() != 32) return Status::InvalidArgument("--public-key: need 64 hex chars");
        }
        ASSIGN_OR_RETURN(BagCheck r, VerifyBag(*dir, pk));
        if (!r.ok) return Status::Corruption("bag " + *dir + ": " + r.problem);
        std::cout << "bag ok: case " << r.case_id << ", " << r.payload_files
                  << " payload files, " << r.evidence_items << " evidence items, "
                  << r.custody_events << " signed custody events, " << r.proofs
                  << " inclusion proofs against checkpoint " << r.checkpoint_size
                  << " signed by log key " << r.log_key_id
                  << (pk.empty() ? " (key taken from the bag: pin it with --public-key)" : "")
                  << "\n";
        return Status::Ok();
      };
      Status st = run();
      *exit_code = st.ok() ? 0 : Fail(st);
    });
  }
}

void RegisterAudit(CLI::App& app, int* exit_code) {
  auto* au = app.add_subcommand("audit", "The tamper-evident audit log");
  au->require_subcommand(1);
  {
    auto o = std::make_shared<CommonOptions>();
    auto trusted = std::make_shared<std::string>();
    auto* c = au->add_subcommand(
        "verify", "Check every entry against the signed checkpoints; exit 1 naming the first "
                  "bad entry");
    c->add_option("--trusted", *trusted,
                  "A checkpoint JSON saved earlier (e.g. by a partner): the log must extend it");
    AddCommon(c, o.get(), false);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        ASSIGN_OR_RETURN(auto rep, s.VerifyAudit());
        if (!rep.ok) {
          std::string where = rep.first_bad_entry >= 0
                                  ? "first bad entry " + std::to_string(rep.first_bad_entry) + ": "
                                  : std::string();
          return Status::Corruption("audit log: " + where + rep.problem);
        }
        if (!trusted->empty()) {
          ASSIGN_OR_RETURN(std::string text, ReadFileToString(*trusted));
          ASSIGN_OR_RETURN(audit::Checkpoint old, audit::Checkpoint::FromJson(text));
          ASSIGN_OR_RETURN(std::string pk, s.LogPublicKey());
          RETURN_IF_ERROR(audit::VerifyCheckpoint(old, pk));
          ASSIGN_OR_RETURN(audit::Checkpoint now, s.LatestCheckpoint());
          if (old.size > now.size)
            return Status::Corruption("audit log: trusted checkpoint has size " +
                                      std::to_string(old.size) + ", the log only " +
                                      std::to_string(now.size) + " (truncated)");
          ASSIGN_OR_RETURN(auto proof, s.ProveConsistency(old.size, now.size));
          Status cs = audit::VerifyConsistency(old.size, now.size, proof, old.root, now.root);
          if (!cs.ok())
            return Status::Corruption("audit log does not extend the trusted checkpoint: " +
                                      cs.message());
        }
        std::cout << "audit log ok: " << rep.entries << " entries, " << rep.checkpoints
                  << " signed checkpoints\n";
        return Status::Ok();
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto entry = std::make_shared<uint64_t>(0);
    auto* c = au->add_subcommand(
        "prove", "Print an inclusion proof of entry N and the signed checkpoint (JSON)");
    c->add_option("--entry", *entry, "Entry index (0-based)")->required();
    AddCommon(c, o.get(), false);
    c->add_option("--user", o->user, "Who asks (the disclosure is logged when given)");
    c->add_option("--reason", o->reason, "Justification");
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        ASSIGN_OR_RETURN(auto b, s.ProveEntry(*entry, {o->user, o->reason}));
        std::cout << b.ToJson() << "\n";
        return Status::Ok();
      });
    });
  }
  {
    auto o = std::make_shared<CommonOptions>();
    auto* c = au->add_subcommand("checkpoint", "Print the newest signed checkpoint (JSON)");
    AddCommon(c, o.get(), false);
    c->callback([=] {
      *exit_code = WithStore(*o, [&](CaseStore& s) -> Status {
        ASSIGN_OR_RETURN(auto cp, s.LatestCheckpoint());
        std::cout << cp.ToJson() << "\n";
        return Status::Ok();
      });
    });
  }
  {
    auto file = std::make_shared<std::string>();
    auto pk_hex = std::make_shared<std::string>();
    auto* c = au->add_subcommand(
        "verify-proof", "Check a proof from `audit prove` offline (no database needed)");
    c->add_option("file", *file, "Proof JSON")->required();
    c->add_option("--public-key", *pk_hex,
                  "The log's public key (hex) obtained out of band; without it the key "
                  "embedded in the proof is trusted");
    c->callback([=] {
      auto run = [&]() -> Status {
        ASSIGN_OR_RETURN(std::string text, ReadFileToString(*file));
        ASSIGN_OR_RETURN(auto b, audit::InclusionBundle::FromJson(text));
        std::string pk;
        if (!pk_hex->empty()) {
          ASSIGN_OR_RETURN(pk, audit::BytesFromHex(*pk_hex));
          if (pk.size() != 32) return Status::InvalidArgument("--public-key: need 64 hex chars");
        }
        RETURN_IF_ERROR(audit::VerifyInclusionBundle(b, pk));
        std::cout << "proof ok: entry " << b.index << " is in the log of size "
                  << b.checkpoint.size << " signed by key " << KeyId(pk.empty() ? b.log_public_key : pk)
                  << "\n";
        return Status::Ok();
      };
      Status st = run();
      *exit_code = st.ok() ? 0 : Fail(st);
    });
  }
}

}  // namespace

void RegisterCaseCommands(CLI::App& app, int* exit_code) {
  RegisterSetup(app, exit_code);
  RegisterCase(app, exit_code);
  RegisterEvidence(app, exit_code);
  RegisterBag(app.get_subcommand("evidence"), exit_code);
  RegisterAudit(app, exit_code);
}

}  // namespace interdict::cli
#endif  // INTERDICT_HAVE_ACT
