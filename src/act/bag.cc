// Court-export BagIt bags: writer and offline verifier (docs/formats/bag.md, RFC 8493).
//
// Hand-written rather than a library: Debian 12 packages no C/C++ BagIt implementation, and
// the format is a handful of text files.
#include "act/bag.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "act/canonical.h"
#include "core/file.h"
#include "core/hash.h"
#include "interdict/env.h"
#include "interdict/keys.h"

namespace interdict {
namespace act {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kBagitTxt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
constexpr const char* kLogKeyName = "interdict-log";

std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string IsoDate(int64_t micros) {
  std::string iso = FormatIsoUtc(micros / 1000000);  // YYYY-MM-DDTHH:MM:SSZ
  return iso.substr(0, 10);
}

Result<std::string> HashPath(const std::string& path, int64_t* size) {
  ASSIGN_OR_RETURN(auto mf, MappedFile::Open(path));
  if (size) *size = static_cast<int64_t>(mf->data().size());
  return Sha256Hex(mf->data());
}

std::string CaseReportText(const BagContent& c) {
  std::ostringstream o;
  const Case& k = c.case_record;
  o << "CASE REPORT — court export\n\n";
  o << "Case:            " << k.id << " — " << k.title << "\n";
  o << "Agency:          " << k.agency << "\n";
  o << "Status:          " << k.status << "   assignee: " << k.assignee << "\n";
  o << "Classification:  " << sharing::ClassificationName(k.marking.classification) << "\n";
  o << "Opened:          " << FormatIsoUtc(k.created / 1000000) << " by " << k.created_by << "\n";
  o << "Exported:        " << FormatIsoUtc(c.time / 1000000) << " by " << c.exported_by << " ("
    << c.exporter_agency << ") for " << c.recipient << "\n";
  o << "Justification:   " << c.justification << "\n";
  o << "Audit entry:     " << c.export_entry << " (checkpoint size " << c.checkpoint.size
    << ", root " << audit::ToHex(c.checkpoint.root) << ")\n\n";
  o << "Evidence (" << c.evidence.size() << "):\n";
  for (size_t i = 0; i < c.evidence.size(); ++i) {
    const Evidence& e = c.evidence[i];
    o << "  " << e.id << "  " << e.name << "  " << e.size << " bytes  sha256 " << e.sha256
      << (e.sealed ? "  SEALED" : "") << "\n";
    for (const CustodyEvent& ce : c.custody[i])
      o << "      " << ce.seq << " " << FormatIsoUtc(ce.time / 1000000) << " "
        << CustodyKindName(ce.kind) << " by " << ce.actor
        << (ce.to.empty() ? std::string() : " to " + ce.to) << " — " << OneLine(ce.reason) << "\n";
  }
  o << "\nLinks (" << k.links.size() << "):\n";
  for (const auto& l : k.links) o << "  " << l.kind << " " << l.target << "  " << l.note << "\n";
  o << "\nNotes (" << k.notes.size() << "):\n";
  for (const auto& n : k.notes)
    o << "  " << FormatIsoUtc(n.time / 1000000) << " " << n.user << ": " << n.text << "\n";
  o << "\nTimeline:\n";
  for (const auto& t : k.timeline)
    o << "  " << FormatIsoUtc(t.time / 1000000) << " " << t.user << " " << t.kind << " " << t.detail
      << "\n";
  o << "\nVerify offline with: interdict evidence verify-bag <this directory>\n";
  return o.str();
}

json CaseReportJson(const BagContent& c) {
  const Case& k = c.case_record;
  json j = json::object();
  j["format"] = "interdict-case-report/v1";
  json cj = {{"id", k.id},
             {"title", k.title},
             {"agency", k.agency},
             {"status", k.status},
             {"assignee", k.assignee},
             {"created_by", k.created_by},
             {"created", k.created},
             {"derived_from", k.derived_from}};
  cj["marking"] = {{"originator", k.marking.originator},
                   {"classification", sharing::ClassificationName(k.marking.classification)},
                   {"releasable_to", k.marking.releasable_to},
                   {"handling", k.marking.handling}};
  cj["links"] = json::array();
  for (const auto& l : k.links)
    cj["links"].push_back({{"kind", l.kind}, {"target", l.target}, {"note", l.note}});
  cj["notes"] = json::array();
  for (const auto& n : k.notes)
    cj["notes"].push_back({{"user", n.user}, {"time", n.time}, {"text", n.text}});
  cj["timeline"] = json::array();
  for (const auto& t : k.timeline)
    cj["timeline"].push_back(
        {{"time", t.time}, {"user", t.user}, {"kind", t.kind}, {"detail", t.detail}});
  j["case"] = cj;
  j["evidence"] = json::array();
  for (size_t i = 0; i < c.evidence.size(); ++i) {
    const Evidence& e = c.evidence[i];
    j["evidence"].push_back({{"id", e.id},
                             {"name", e.name},
                             {"path", "data/evidence/" + e.id + "/" + BagFileName(e)},
                             {"sha256", e.sha256},
                             {"size", e.size},
                             {"holder", e.holder},
                             {"sealed", e.sealed},
                             {"custody", "data/custody/" + e.id + ".jsonl"},
                             {"custody_events", c.custody[i].size()}});
  }
  json entries = json::array();
  for (const auto& p : c.proofs) entries.push_back(p.index);
  j["export"] = {{"by", c.exported_by},      {"agency", c.exporter_agency},
                 {"recipient", c.recipient}, {"justification", c.justification},
                 {"time", c.time},           {"entry", c.export_entry}};
  j["audit"] = {{"checkpoint", "data/audit/checkpoint.json"},
                {"checkpoint_size", c.checkpoint.size},
                {"root_hash", audit::ToHex(c.checkpoint.root)},
                {"entries", entries}};
  return j;
}

}  // namespace

std::string BagFileName(const Evidence& e) {
  if (e.name.empty() || e.name == "." || e.name == ".." || e.name.find('/') != std::string::npos ||
      e.name.find('\\') != std::string::npos)
    return "content";
  return e.name;
}

std::string ManifestEncodePath(const std::string& path) {
  std::string out;
  for (char ch : path) {
    if (ch == '%')
      out += "%25";
    else if (ch == '\n')
      out += "%0A";
    else if (ch == '\r')
      out += "%0D";
    else
      out.push_back(ch);
  }
  return out;
}

std::string CustodyLine(const CustodyEvent& e) {
  json j = json::parse(e.Encode());
  j["hash"] = e.hash;
  j["signature"] = e.signature;
  return CanonicalDump(j);
}

Result<CustodyEvent> ParseCustodyLine(const std::string& line) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption("not a JSON object");
  CustodyEvent e;
  auto str = [&](const char* k, std::string* out) -> Status {
    auto it = j.find(k);
    if (it == j.end() || !it->is_string())
      return Status::Corruption(std::string("field '") + k + "' missing or not a string");
    *out = it->get<std::string>();
    return Status::Ok();
  };
  auto num = [&](const char* k, int64_t* out) -> Status {
    auto it = j.find(k);
    if (it == j.end() || !it->is_number_integer())
      return Status::Corruption(std::string("field '") + k + "' missing or not an integer");
    *out = it->get<int64_t>();
    return Status::Ok();
  };
  int64_t v = 0;
  RETURN_IF_ERROR(num("v", &v));
  if (v != 1) return Status::Corruption("unknown custody event version");
  std::string kind;
  RETURN_IF_ERROR(str("evidence", &e.evidence_id));
  RETURN_IF_ERROR(num("seq", &e.seq));
  RETURN_IF_ERROR(str("kind", &kind));
  bool known = false;
  for (CustodyKind k : {CustodyKind::kCollected, CustodyKind::kViewed, CustodyKind::kExported,
                        CustodyKind::kTransferred, CustodyKind::kSealed})
    if (kind == CustodyKindName(k)) {
      e.kind = k;
      known = true;
    }
  if (!known) return Status::Corruption("unknown custody kind '" + kind + "'");
  RETURN_IF_ERROR(str("actor", &e.actor));
  RETURN_IF_ERROR(num("time", &e.time));
  RETURN_IF_ERROR(str("reason", &e.reason));
  RETURN_IF_ERROR(str("sha256", &e.sha256));
  RETURN_IF_ERROR(str("to", &e.to));
  RETURN_IF_ERROR(str("prev", &e.prev));
  RETURN_IF_ERROR(str("hash", &e.hash));
  RETURN_IF_ERROR(str("signature", &e.signature));
  if (j.size() != 12) return Status::Corruption("unexpected fields");
  return e;
}

Status WriteBag(const std::string& dir, const BagContent& c) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return Status::AlreadyExists(dir + ": bag directory exists and is not empty");
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir + ": " + ec.message());
  std::vector<std::pair<std::string, std::string>> manifest;  // path, sha256
  int64_t octets = 0;
  auto put = [&](const std::string& rel, const std::string& content) -> Status {
    fs::path p = fs::path(dir) / rel;
    fs::create_directories(p.parent_path(), ec);
    if (ec) return Status::IoError(p.string() + ": " + ec.message());
    RETURN_IF_ERROR(WriteFileAtomic(p.string(), content));
    manifest.push_back({rel, Sha256Hex(content)});
    octets += static_cast<int64_t>(content.size());
    return Status::Ok();
  };
  Status st = [&]() -> Status {
    for (size_t i = 0; i < c.evidence.size(); ++i) {
      const Evidence& e = c.evidence[i];
      std::string rel = "data/evidence/" + e.id + "/" + BagFileName(e);
      fs::path p = fs::path(dir) / rel;
      fs::create_directories(p.parent_path(), ec);
      if (ec) return Status::IoError(p.string() + ": " + ec.message());
      fs::copy_file(c.object_paths[i], p, fs::copy_options::overwrite_existing, ec);
      if (ec) return Status::IoError(p.string() + ": " + ec.message());
      fs::permissions(p,
                      fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                          fs::perms::others_read,
                      ec);
      int64_t size = 0;
      ASSIGN_OR_RETURN(std::string h, HashPath(p.string(), &size));
      // The copy is re-hashed, so a disk error while copying shows here, not in court.
      if (h != e.sha256)
        return Status::Corruption(rel + ": copied content hash " + h + " differs from " + e.sha256);
      manifest.push_back({rel, h});
      octets += size;
      std::string lines;
      for (const CustodyEvent& ce : c.custody[i]) lines += CustodyLine(ce) + "\n";
      RETURN_IF_ERROR(put("data/custody/" + e.id + ".jsonl", lines));
    }
    RETURN_IF_ERROR(put("data/audit/checkpoint.json", c.checkpoint.ToJson() + "\n"));
    for (const auto& b : c.proofs)
      RETURN_IF_ERROR(
          put("data/audit/entries/" + std::to_string(b.index) + ".json", b.ToJson() + "\n"));
    for (const auto& [name, pk] : c.public_keys) {
      // Key names become file names: same rule as the file key store's ids.
      if (name.empty() || name[0] == '.' ||
          name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                 "0123456789._-") != std::string::npos)
        return Status::InvalidArgument("user name '" + name +
                                       "' cannot be a key file name in a bag");
      RETURN_IF_ERROR(put("data/keys/" + name + ".pub", audit::ToHex(pk) + "\n"));
    }
    RETURN_IF_ERROR(put("data/case-report.json", CaseReportJson(c).dump(2) + "\n"));
    RETURN_IF_ERROR(put("data/case-report.txt", CaseReportText(c)));

    std::sort(manifest.begin(), manifest.end());
    std::string mtxt;
    for (const auto& [path, h] : manifest) mtxt += h + "  " + ManifestEncodePath(path) + "\n";
    const Case& k = c.case_record;
    std::string info;
    info += "Source-Organization: " + OneLine(c.exporter_agency) + "\n";
    info += "Contact-Name: " + OneLine(c.exported_by) + "\n";
    info += "External-Identifier: " + k.id + "\n";
    info += "External-Description: Court export of case " + k.id + " (" + OneLine(k.title) +
            ") for " + OneLine(c.recipient) + "\n";
    info += "Bagging-Date: " + IsoDate(c.time) + "\n";
    info += "Bag-Software-Agent: interdict\n";
    info +=
        "Payload-Oxum: " + std::to_string(octets) + "." + std::to_string(manifest.size()) + "\n";
    info += "Interdict-Case: " + k.id + "\n";
    info += "Interdict-Recipient: " + OneLine(c.recipient) + "\n";
    info += "Interdict-Justification: " + OneLine(c.justification) + "\n";
    info += "Interdict-Export-Entry: " + std::to_string(c.export_entry) + "\n";
    info += "Interdict-Checkpoint-Size: " + std::to_string(c.checkpoint.size) + "\n";
    auto lk = c.public_keys.find(kLogKeyName);
    if (lk != c.public_keys.end()) info += "Interdict-Log-Key-Id: " + KeyId(lk->second) + "\n";
    std::vector<std::pair<std::string, std::string>> tags = {
        {"bagit.txt", kBagitTxt}, {"bag-info.txt", info}, {"manifest-sha256.txt", mtxt}};
    std::string ttxt;
    for (const auto& [name, content] : tags) {
      RETURN_IF_ERROR(WriteFileAtomic((fs::path(dir) / name).string(), content));
      ttxt += Sha256Hex(content) + "  " + name + "\n";
    }
    return WriteFileAtomic((fs::path(dir) / "tagmanifest-sha256.txt").string(), ttxt);
  }();
  if (!st.ok()) fs::remove_all(dir, ec);
  return st;
}

}  // namespace act

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string DecodeManifestPath(const std::string& p) {
  std::string out;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '%' && i + 2 < p.size()) {
      std::string code = p.substr(i + 1, 2);
      if (code == "25" || code == "0A" || code == "0a" || code == "0D" || code == "0d") {
        out.push_back(code == "25" ? '%' : (code[1] == 'A' || code[1] == 'a') ? '\n' : '\r');
        i += 2;
        continue;
      }
    }
    out.push_back(p[i]);
  }
  return out;
}

// Parses "<hex>  <path>" lines. Returns path -> hash, or the first bad line.
Status ParseManifest(const std::string& text, const std::string& name,
                     std::map<std::string, std::string>* out) {
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    size_t sp = line.find_first_of(" \t");
    size_t start = sp == std::string::npos ? sp : line.find_first_not_of(" \t", sp);
    std::string where = name + " line " + std::to_string(n);
    if (sp != 64 || start == std::string::npos)
      return Status::Corruption(where + ": expected '<sha256> <path>'");
    std::string h = line.substr(0, 64);
    if (h.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
      return Status::Corruption(where + ": checksum is not 64 hex characters");
    std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string path = DecodeManifestPath(line.substr(start));
    bool escapes = false;
    for (size_t b = 0; b <= path.size();) {
      size_t e = path.find('/', b);
      if (e == std::string::npos) e = path.size();
      escapes |= path.compare(b, e - b, "..") == 0 || path.compare(b, e - b, ".") == 0;
      b = e + 1;
    }
    if (path.empty() || path[0] == '/' || escapes)
      return Status::Corruption(where + ": path '" + path + "' leaves the bag");
    if (!out->emplace(path, h).second)
      return Status::Corruption(where + ": '" + path + "' listed twice");
  }
  return Status::Ok();
}

std::map<std::string, std::string> ParseBagInfo(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string v = line.substr(colon + 1);
    size_t b = v.find_first_not_of(" \t");
    out[line.substr(0, colon)] = b == std::string::npos ? "" : v.substr(b);
  }
  return out;
}

}  // namespace

Result<BagCheck> VerifyBag(const std::string& dir, std::string_view pinned_log_key) {
  BagCheck r;
  auto fail = [&](std::string m) {
    r.ok = false;
    r.problem = std::move(m);
    return r;
  };
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": not a directory");
  auto read = [&](const std::string& rel) {
    return ReadFileToString((fs::path(dir) / rel).string());
  };

  // 1. Structure (RFC 8493 §2.1.1).
  auto bagit = read("bagit.txt");
  if (!bagit.ok()) return fail("bagit.txt missing");
  if (bagit->rfind("BagIt-Version: 1.0", 0) != 0 ||
      bagit->find("Tag-File-Character-Encoding: UTF-8") == std::string::npos)
    return fail("bagit.txt: not a BagIt 1.0 declaration with UTF-8 tag files");
  if (!fs::is_directory(fs::path(dir) / "data", ec)) return fail("payload directory data/ missing");

  // 2. Payload manifest: every listed file present with its hash, every payload file listed.
  auto mtxt = read("manifest-sha256.txt");
  if (!mtxt.ok()) return fail("manifest-sha256.txt missing");
  std::map<std::string, std::string> manifest;
  if (Status s = ParseManifest(*mtxt, "manifest-sha256.txt", &manifest); !s.ok())
    return fail(s.message());
  int64_t octets = 0;
  size_t files = 0;
  for (auto it = fs::recursive_directory_iterator(fs::path(dir) / "data", ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory()) continue;
    std::string rel = fs::relative(it->path(), dir).generic_string();
    if (it->is_symlink() || !it->is_regular_file())
      return fail(rel + ": not a regular file (links are not allowed in the payload)");
    if (!manifest.count(rel)) return fail(rel + ": payload file not listed in manifest-sha256.txt");
  }
  if (ec) return fail("data/: " + ec.message());
  for (const auto& [path, h] : manifest) {
    if (path.rfind("data/", 0) != 0)
      return fail("manifest-sha256.txt: '" + path + "' is not under data/");
    int64_t size = 0;
    auto mf = MappedFile::Open((fs::path(dir) / path).string());
    if (!mf.ok()) return fail(path + ": listed in manifest-sha256.txt but missing");
    size = static_cast<int64_t>((*mf)->data().size());
    std::string have = Sha256Hex((*mf)->data());
    if (have != h)
      return fail(path + ": SHA-256 " + have + " differs from manifest-sha256.txt (" + h + ")");
    octets += size;
    ++files;
  }
  r.payload_files = files;

  // 3. Tag manifest.
  auto ttxt = read("tagmanifest-sha256.txt");
  if (!ttxt.ok()) return fail("tagmanifest-sha256.txt missing");
  std::map<std::string, std::string> tags;
  if (Status s = ParseManifest(*ttxt, "tagmanifest-sha256.txt", &tags); !s.ok())
    return fail(s.message());
  for (const char* need : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"})
    if (!tags.count(need)) return fail(std::string("tagmanifest-sha256.txt does not list ") + need);
  for (const auto& [path, h] : tags) {
    auto content = read(path);
    if (!content.ok()) return fail(path + ": listed in tagmanifest-sha256.txt but missing");
    if (Sha256Hex(*content) != h)
      return fail(path + ": SHA-256 differs from tagmanifest-sha256.txt");
  }
  for (const auto& ent : fs::directory_iterator(dir, ec)) {
    std::string name = ent.path().filename().string();
    if (name == "data" || name == "tagmanifest-sha256.txt") continue;
    if (!tags.count(name)) return fail(name + ": tag file not listed in tagmanifest-sha256.txt");
  }

  // 4. bag-info.txt.
  auto info_text = read("bag-info.txt");
  if (!info_text.ok()) return fail("bag-info.txt missing");
  auto info = ParseBagInfo(*info_text);
  std::string oxum = std::to_string(octets) + "." + std::to_string(files);
  if (info["Payload-Oxum"] != oxum)
    return fail("bag-info.txt: Payload-Oxum " + info["Payload-Oxum"] + " but the payload is " +
                oxum);

  // 5. Keys.
  std::map<std::string, std::string> keys;
  for (const auto& [path, h] : manifest) {
    if (path.rfind("data/keys/", 0) != 0 || path.size() < 15 ||
        path.substr(path.size() - 4) != ".pub")
      continue;
    std::string name = path.substr(10, path.size() - 14);
    auto hex = read(path);
    std::string t = hex.ok() ? *hex : "";
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
    auto pk = audit::BytesFromHex(t);
    if (!pk.ok() || pk->size() != 32) return fail(path + ": not a 64-hex-character public key");
    keys[name] = *pk;
  }
  auto lk = keys.find("interdict-log");
  if (lk == keys.end()) return fail("data/keys/interdict-log.pub missing");
  std::string log_key = lk->second;
  if (!pinned_log_key.empty() && pinned_log_key != log_key)
    return fail("the bag's log key " + KeyId(log_key) + " is not the pinned key " +
                KeyId(pinned_log_key));
  r.log_key_id = KeyId(log_key);

  // 6. Checkpoint.
  auto cp_text = read("data/audit/checkpoint.json");
  if (!cp_text.ok()) return fail("data/audit/checkpoint.json missing");
  auto cp = audit::Checkpoint::FromJson(*cp_text);
  if (!cp.ok()) return fail("data/audit/checkpoint.json: " + cp.status().message());
  if (Status s = audit::VerifyCheckpoint(*cp, log_key); !s.ok())
    return fail("data/audit/checkpoint.json: " + s.message());
  r.checkpoint_size = cp->size;

  // 7. Inclusion proofs, all against that checkpoint.
  std::map<uint64_t, audit::AuditEntry> proven;
  for (const auto& [path, h] : manifest) {
    if (path.rfind("data/audit/entries/", 0) != 0) continue;
    auto text = read(path);
    auto b = text.ok() ? audit::InclusionBundle::FromJson(*text)
                       : Result<audit::InclusionBundle>(text.status());
    if (!b.ok()) return fail(path + ": " + b.status().message());
    if (b->checkpoint.Body() != cp->Body() || b->checkpoint.signature != cp->signature)
      return fail(path + ": proof is against another checkpoint than data/audit/checkpoint.json");
    if (path != "data/audit/entries/" + std::to_string(b->index) + ".json")
      return fail(path + ": file name does not match the proof's index " +
                  std::to_string(b->index));
    if (Status s = audit::VerifyInclusionBundle(*b, log_key); !s.ok())
      return fail(path + ": inclusion proof fails: " + s.message());
    ASSIGN_OR_RETURN(audit::AuditEntry e, audit::AuditEntry::Decode(b->entry));
    proven[b->index] = std::move(e);
  }
  r.proofs = proven.size();

  // 8. Case report, evidence, custody.
  auto rep_text = read("data/case-report.json");
  if (!rep_text.ok()) return fail("data/case-report.json missing");
  json rep = json::parse(*rep_text, nullptr, false);
  if (rep.is_discarded() || !rep.is_object() || !rep.contains("case") || !rep["case"].is_object() ||
      !rep["case"].value("id", json()).is_string() || !rep.value("evidence", json()).is_array())
    return fail("data/case-report.json: not an interdict case report");
  r.case_id = rep["case"]["id"].get<std::string>();
  if (info["Interdict-Case"] != r.case_id)
    return fail("bag-info.txt names case '" + info["Interdict-Case"] + "', the report '" +
                r.case_id + "'");
  std::set<std::string> listed_paths;
  for (const auto& ej : rep["evidence"]) {
    std::string id = ej.value("id", ""), path = ej.value("path", ""), sha = ej.value("sha256", "");
    std::string at = "evidence " + id;
    if (id.empty() || path.rfind("data/evidence/" + id + "/", 0) != 0)
      return fail("data/case-report.json: evidence '" + id + "' has no path under data/evidence/" +
                  id + "/");
    listed_paths.insert(path);
    auto mh = manifest.find(path);
    if (mh == manifest.end()) return fail(at + ": file " + path + " missing from the bag");
    if (mh->second != sha)
      return fail(at + ": " + path + " has SHA-256 " + mh->second + ", the report records " + sha);
    std::string cpath = "data/custody/" + id + ".jsonl";
    if (!manifest.count(cpath)) return fail(at + ": custody log " + cpath + " missing");
    auto lines = read(cpath);
    if (!lines.ok()) return fail(cpath + ": unreadable");
    std::istringstream in(*lines);
    std::string line;
    std::string prev(64, '0');
    int64_t seq = 0;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      std::string where = cpath + " event " + std::to_string(seq);
      auto ev = act::ParseCustodyLine(line);
      if (!ev.ok()) return fail(where + ": " + ev.status().message());
      if (ev->evidence_id != id) return fail(where + ": belongs to evidence " + ev->evidence_id);
      if (ev->seq != seq) return fail(where + ": sequence number " + std::to_string(ev->seq));
      if ((seq == 0) != (ev->kind == CustodyKind::kCollected))
        return fail(where + ": the first event, and only it, must be 'collected'");
      if (ev->prev != prev) return fail(where + ": does not chain to the previous event");
      std::string enc = ev->Encode();
      if (Sha256Hex(enc) != ev->hash)
        return fail(where + ": recorded fields do not match the event hash (record altered)");
      auto pk = keys.find(ev->actor);
      if (pk == keys.end()) return fail(where + ": no public key data/keys/" + ev->actor + ".pub");
      auto sig = audit::BytesFromHex(ev->signature);
      if (!sig.ok() || !VerifyEd25519(pk->second, enc, *sig))
        return fail(where + ": signature by '" + ev->actor + "' does not verify");
      if (ev->sha256 != sha)
        return fail(where + ": content hash " + ev->sha256 + " differs from the file's " + sha);
      bool anchored = false;
      for (const auto& [idx, e] : proven)
        anchored |= e.object == "evidence/" + id && e.detail == "custody=" + ev->hash;
      if (!anchored)
        return fail(where + ": no proven audit entry anchors this event (custody=" + ev->hash +
                    ")");
      prev = ev->hash;
      ++seq;
      ++r.custody_events;
    }
    if (seq == 0) return fail(cpath + ": no custody events");
    ++r.evidence_items;
  }
  for (const auto& [path, h] : manifest) {
    if (path.rfind("data/evidence/", 0) == 0 && !listed_paths.count(path))
      return fail(path + ": evidence file not described in data/case-report.json");
  }

  // 9. The export itself is a proven audit entry.
  uint64_t export_entry = 0;
  const std::string& ee = info["Interdict-Export-Entry"];
  auto [end, perr] = std::from_chars(ee.data(), ee.data() + ee.size(), export_entry);
  if (ee.empty() || perr != std::errc() || end != ee.data() + ee.size())
    return fail("bag-info.txt: Interdict-Export-Entry missing or not a number");
  auto ex = proven.find(export_entry);
  if (ex == proven.end())
    return fail("no inclusion proof for the export entry " + std::to_string(export_entry));
  if (ex->second.op != "case.export" || ex->second.object != "case/" + r.case_id)
    return fail("audit entry " + std::to_string(export_entry) + " is not the export of case " +
                r.case_id);
  return r;
}

}  // namespace interdict
