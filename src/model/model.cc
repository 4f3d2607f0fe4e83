#include "interdict/model.h"

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace interdict {
namespace {

struct SchemaTable {
  std::map<std::string, std::unique_ptr<Schema>, std::less<>> by_name;
  const Schema* Add(const std::string& name, const char* parent, bool edge = false) {
    const Schema* p = parent ? by_name.at(parent).get() : nullptr;
    auto s = std::make_unique<Schema>(name, p, edge);
    const Schema* raw = s.get();
    by_name[name] = std::move(s);
    return raw;
  }
};

// The FollowTheMoney schema hierarchy (followthemoney/schema/*.yaml), restricted to the
// schemata interdict reads or writes, plus interdict's own trade/maritime schemata.
const SchemaTable& Schemas() {
  static const SchemaTable* table = [] {
    auto* t = new SchemaTable();
    t->Add("Thing", nullptr);
    t->Add("Interval", nullptr, true);
    t->Add("Value", nullptr);
    t->Add("LegalEntity", "Thing");
    t->Add("Person", "LegalEntity");
    t->Add("Organization", "LegalEntity");
    t->Add("Company", "Organization");
    t->Add("PublicBody", "Organization");
    t->Add("Asset", "Thing");
    t->Add("Vehicle", "Asset");
    t->Add("Vessel", "Vehicle");
    t->Add("Airplane", "Vehicle");
    t->Add("Address", "Thing");
    t->Add("Identification", "Interval", true);
    t->Add("Passport", "Identification", true);
    t->Add("Interest", "Interval", true);
    t->Add("Ownership", "Interest", true);
    t->Add("Directorship", "Interest", true);
    t->Add("Membership", "Interest", true);
    t->Add("Employment", "Interest", true);
    t->Add("Representation", "Interest", true);
    t->Add("Family", "Interval", true);
    t->Add("Associate", "Interval", true);
    t->Add("UnknownLink", "Interval", true);
    t->Add("Succession", "Interval", true);
    t->Add("Payment", "Interval", true);
    t->Add("Sanction", "Interval", true);
    t->Add("Event", "Interval", true);
    t->Add("Position", "Thing");
    t->Add("Occupancy", "Interval", true);
    t->Add("Note", "Value");
    // interdict's own
    t->Add("Declaration", "Interval", true);
    t->Add("License", "Interval");
    t->Add("AisEvent", "Event", true);
    t->Add("Port", "Thing");
    return t;
  }();
  return *table;
}

struct PropTable {
  std::shared_mutex mu;
  std::unordered_map<std::string, PropId> ids;
  std::deque<std::string> names;  // deque: references stay valid as it grows
};
PropTable& Props() {
  static PropTable* t = new PropTable();
  return *t;
}

const std::string& EmptyString() {
  static const std::string* e = new std::string();
  return *e;
}
}  // namespace

const Schema* Schema::Get(std::string_view name) {
  const auto& t = Schemas().by_name;
  auto it = t.find(name);
  return it == t.end() ? nullptr : it->second.get();
}

const Schema& Schema::Thing() { return *Get("Thing"); }

bool Schema::IsA(const Schema& other) const {
  for (const Schema* s = this; s; s = s->parent_)
    if (s == &other) return true;
  return false;
}

bool Schema::IsA(std::string_view other_name) const {
  const Schema* o = Get(other_name);
  return o && IsA(*o);
}

PropId InternProp(std::string_view name) {
  PropTable& t = Props();
  std::string key(name);
  {
    std::shared_lock lock(t.mu);
    auto it = t.ids.find(key);
    if (it != t.ids.end()) return it->second;
  }
  std::unique_lock lock(t.mu);
  auto it = t.ids.find(key);
  if (it != t.ids.end()) return it->second;
  PropId id = static_cast<PropId>(t.names.size());
  t.names.push_back(key);
  t.ids.emplace(key, id);
  return id;
}

const std::string& PropName(PropId id) {
  PropTable& t = Props();
  std::shared_lock lock(t.mu);
  return t.names.at(id);
}

void Entity::Add(std::string_view prop, std::string_view value, uint32_t ref) {
  Add(InternProp(prop), value, ref);
}

void Entity::Add(PropId prop, std::string_view value, uint32_t ref) {
  if (value.empty()) return;
  for (const auto& s : statements_)
    if (s.prop == prop && s.value == value) return;
  statements_.push_back(Statement{prop, ref, std::string(value)});
}

const std::string& Entity::First(PropId prop) const {
  for (const auto& s : statements_)
    if (s.prop == prop) return s.value;
  return EmptyString();
}

const std::string& Entity::First(std::string_view prop) const { return First(InternProp(prop)); }

std::vector<std::string> Entity::Values(std::string_view prop) const {
  PropId id = InternProp(prop);
  std::vector<std::string> out;
  for (const auto& s : statements_)
    if (s.prop == id) out.push_back(s.value);
  return out;
}

std::string Entity::Caption() const {
  for (const char* p : {"name", "declaration_id", "payment_id", "license_number", "full",
                        "imoNumber", "locode"}) {
    const std::string& v = First(p);
    if (!v.empty()) return v;
  }
  return id_;
}

uint32_t Entity::AddReferent(Provenance p) {
  for (uint32_t i = 0; i < referents_.size(); ++i)
    if (referents_[i] == p) return i;
  referents_.push_back(std::move(p));
  return static_cast<uint32_t>(referents_.size() - 1);
}

void Entity::TransformValues(std::string_view prop, std::string (*fn)(std::string_view)) {
  PropId id = InternProp(prop);
  std::vector<Statement> out;
  out.reserve(statements_.size());
  for (auto& s : statements_) {
    if (s.prop == id) {
      s.value = fn(s.value);
      if (s.value.empty()) continue;
      bool dup = false;
      for (const auto& o : out) dup = dup || (o.prop == id && o.value == s.value);
      if (dup) continue;
    }
    out.push_back(std::move(s));
  }
  statements_ = std::move(out);
}

uint32_t Entity::AddReferentIfNewerThanLast(Provenance p) {
  if (!referents_.empty() && referents_.back() == p)
    return static_cast<uint32_t>(referents_.size() - 1);
  referents_.push_back(std::move(p));
  return static_cast<uint32_t>(referents_.size() - 1);
}

void Entity::MergeFrom(const Entity& other) {
  std::vector<uint32_t> remap(other.referents_.size());
  for (uint32_t i = 0; i < other.referents_.size(); ++i) remap[i] = AddReferent(other.referents_[i]);
  for (const auto& s : other.statements_) Add(s.prop, s.value, remap.at(s.ref));
}

}  // namespace interdict
