// Audit entry, checkpoint and proof encodings (docs/formats/audit.md §1, §2, §4, §5).
#include <charconv>
#include <nlohmann/json.hpp>

#include "act/canonical.h"
#include "interdict/audit.h"
#include "interdict/keys.h"

namespace interdict::audit {
namespace {

using nlohmann::json;

constexpr std::string_view kCheckpointHeader = "interdict-audit-log/v1";

Result<json> ParseObject(std::string_view text, const char* what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return Status::Corruption(std::string(what) + ": not a JSON object");
  return j;
}

Status GetString(const json& j, const char* key, std::string* out, const char* what) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string())
    return Status::Corruption(std::string(what) + ": field '" + key + "' missing or not a string");
  *out = it->get<std::string>();
  return Status::Ok();
}

template <typename Int>
Status GetInt(const json& j, const char* key, Int* out, const char* what) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer())
    return Status::Corruption(std::string(what) + ": field '" + key +
                              "' missing or not an integer");
  if (std::is_unsigned_v<Int> && it->is_number_integer() && !it->is_number_unsigned() &&
      it->get<int64_t>() < 0)
    return Status::Corruption(std::string(what) + ": field '" + key + "' is negative");
  *out = it->get<Int>();
  return Status::Ok();
}

template <typename Int>
bool ParseDecimal(std::string_view s, Int* out) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string AuditEntry::Encode() const {
  json j = json::object();
  j["v"] = 1;
  j["index"] = index;
  j["time"] = time;
  j["actor"] = actor;
  j["agency"] = agency;
  j["action"] = action;
  j["op"] = op;
  j["object"] = object;
  j["justification"] = justification;
  j["recipients"] = recipients;
  j["detail"] = detail;
  return act::CanonicalDump(j);
}

Result<AuditEntry> AuditEntry::Decode(std::string_view data) {
  const char* what = "audit entry";
  ASSIGN_OR_RETURN(json j, ParseObject(data, what));
  AuditEntry e;
  int64_t v = 0;
  RETURN_IF_ERROR(GetInt(j, "v", &v, what));
  if (v != 1) return Status::Corruption("audit entry: unsupported version " + std::to_string(v));
  RETURN_IF_ERROR(GetInt(j, "index", &e.index, what));
  RETURN_IF_ERROR(GetInt(j, "time", &e.time, what));
  RETURN_IF_ERROR(GetString(j, "actor", &e.actor, what));
  RETURN_IF_ERROR(GetString(j, "agency", &e.agency, what));
  RETURN_IF_ERROR(GetString(j, "action", &e.action, what));
  RETURN_IF_ERROR(GetString(j, "op", &e.op, what));
  RETURN_IF_ERROR(GetString(j, "object", &e.object, what));
  RETURN_IF_ERROR(GetString(j, "justification", &e.justification, what));
  RETURN_IF_ERROR(GetString(j, "detail", &e.detail, what));
  auto r = j.find("recipients");
  if (r == j.end() || !r->is_array())
    return Status::Corruption("audit entry: field 'recipients' missing or not an array");
  for (const auto& x : *r) {
    if (!x.is_string()) return Status::Corruption("audit entry: recipient is not a string");
    e.recipients.push_back(x.get<std::string>());
  }
  if (j.size() != 11) return Status::Corruption("audit entry: unexpected fields");
  return e;
}

std::string Checkpoint::Body() const {
  std::string b;
  b.append(kCheckpointHeader).push_back('\n');
  b.append(origin).push_back('\n');
  b.append(std::to_string(size)).push_back('\n');
  b.append(ToHex(root)).push_back('\n');
  b.append(std::to_string(time)).push_back('\n');
  return b;
}

Result<Checkpoint> Checkpoint::ParseBody(std::string_view body) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < body.size()) {
    size_t nl = body.find('\n', start);
    if (nl == std::string_view::npos)
      return Status::Corruption("checkpoint body: last line does not end in a newline");
    lines.push_back(body.substr(start, nl - start));
    start = nl + 1;
  }
  if (lines.size() != 5) return Status::Corruption("checkpoint body: expected 5 lines");
  if (lines[0] != kCheckpointHeader)
    return Status::Corruption("checkpoint body: unknown header '" + std::string(lines[0]) + "'");
  Checkpoint cp;
  cp.origin = std::string(lines[1]);
  if (cp.origin.empty()) return Status::Corruption("checkpoint body: empty origin");
  if (!ParseDecimal(lines[2], &cp.size))
    return Status::Corruption("checkpoint body: bad tree size");
  auto root = HashFromHex(lines[3]);
  if (!root.ok()) return Status::Corruption("checkpoint body: bad root hash");
  cp.root = *root;
  if (!ParseDecimal(lines[4], &cp.time)) return Status::Corruption("checkpoint body: bad time");
  if (cp.Body() != body) return Status::Corruption("checkpoint body: not in canonical form");
  return cp;
}

std::string Checkpoint::ToJson() const {
  json j = json::object();
  j["body"] = Body();
  j["origin"] = origin;
  j["size"] = size;
  j["root_hash"] = ToHex(root);
  j["time"] = time;
  j["signature"] = ToHex(signature);
  j["key_id"] = key_id;
  return act::CanonicalDump(j);
}

Result<Checkpoint> Checkpoint::FromJson(std::string_view text) {
  const char* what = "checkpoint";
  ASSIGN_OR_RETURN(json j, ParseObject(text, what));
  std::string body, sig_hex, origin, root_hex;
  uint64_t size = 0;
  int64_t time = 0;
  RETURN_IF_ERROR(GetString(j, "body", &body, what));
  RETURN_IF_ERROR(GetString(j, "signature", &sig_hex, what));
  RETURN_IF_ERROR(GetString(j, "origin", &origin, what));
  RETURN_IF_ERROR(GetString(j, "root_hash", &root_hex, what));
  RETURN_IF_ERROR(GetInt(j, "size", &size, what));
  RETURN_IF_ERROR(GetInt(j, "time", &time, what));
  ASSIGN_OR_RETURN(Checkpoint cp, ParseBody(body));
  // The duplicated fields are for people; a mismatch means someone edited one copy.
  if (cp.origin != origin || cp.size != size || ToHex(cp.root) != root_hex || cp.time != time)
    return Status::Corruption("checkpoint: fields disagree with the signed body");
  auto sig = BytesFromHex(sig_hex);
  if (!sig.ok() || sig->size() != 64)
    return Status::Corruption("checkpoint: signature must be 128 hex characters");
  cp.signature = *sig;
  auto kid = j.find("key_id");
  if (kid != j.end() && kid->is_string()) cp.key_id = kid->get<std::string>();
  return cp;
}

Status VerifyCheckpoint(const Checkpoint& cp, std::string_view public_key) {
  if (public_key.size() != 32) return Status::InvalidArgument("log public key must be 32 bytes");
  if (!VerifyEd25519(public_key, cp.Body(), cp.signature))
    return Status::Corruption("checkpoint of size " + std::to_string(cp.size) +
                              ": signature does not verify under key " + KeyId(public_key));
  return Status::Ok();
}

std::string InclusionBundle::ToJson() const {
  json j = json::object();
  j["format"] = "interdict-inclusion-proof/v1";
  j["entry"] = entry;
  j["index"] = index;
  j["leaf_hash"] = ToHex(HashLeaf(entry));
  json p = json::array();
  for (const Hash& h : proof) p.push_back(ToHex(h));
  j["proof"] = p;
  j["checkpoint"] = json::parse(checkpoint.ToJson());
  j["log_public_key"] = ToHex(log_public_key);
  return j.dump(2);
}

Result<InclusionBundle> InclusionBundle::FromJson(std::string_view text) {
  const char* what = "inclusion proof";
  ASSIGN_OR_RETURN(json j, ParseObject(text, what));
  std::string format, pk;
  RETURN_IF_ERROR(GetString(j, "format", &format, what));
  if (format != "interdict-inclusion-proof/v1")
    return Status::Corruption("inclusion proof: unknown format '" + format + "'");
  InclusionBundle b;
  RETURN_IF_ERROR(GetString(j, "entry", &b.entry, what));
  RETURN_IF_ERROR(GetInt(j, "index", &b.index, what));
  RETURN_IF_ERROR(GetString(j, "log_public_key", &pk, what));
  auto pkb = BytesFromHex(pk);
  if (!pkb.ok() || pkb->size() != 32)
    return Status::Corruption("inclusion proof: log_public_key must be 64 hex characters");
  b.log_public_key = *pkb;
  auto p = j.find("proof");
  if (p == j.end() || !p->is_array())
    return Status::Corruption("inclusion proof: field 'proof' missing or not an array");
  for (const auto& x : *p) {
    if (!x.is_string()) return Status::Corruption("inclusion proof: proof hash not a string");
    auto h = HashFromHex(x.get<std::string>());
    if (!h.ok()) return Status::Corruption("inclusion proof: " + h.status().message());
    b.proof.push_back(*h);
  }
  auto c = j.find("checkpoint");
  if (c == j.end() || !c->is_object())
    return Status::Corruption("inclusion proof: field 'checkpoint' missing");
  ASSIGN_OR_RETURN(b.checkpoint, Checkpoint::FromJson(c->dump()));
  return b;
}

Status VerifyInclusionBundle(const InclusionBundle& b, std::string_view pinned_public_key) {
  std::string_view key = pinned_public_key.empty() ? std::string_view(b.log_public_key)
                                                   : pinned_public_key;
  RETURN_IF_ERROR(VerifyCheckpoint(b.checkpoint, key));
  ASSIGN_OR_RETURN(AuditEntry e, AuditEntry::Decode(b.entry));
  if (e.index != b.index)
    return Status::Corruption("inclusion proof: entry says index " + std::to_string(e.index) +
                              ", proof is for " + std::to_string(b.index));
  if (e.Encode() != b.entry)
    return Status::Corruption("inclusion proof: entry is not in canonical form");
  return VerifyInclusion(b.index, b.checkpoint.size, HashLeaf(b.entry), b.proof,
                         b.checkpoint.root);
}

}  // namespace interdict::audit
