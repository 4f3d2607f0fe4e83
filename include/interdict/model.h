// The data model: FollowTheMoney-compatible entities with provenance on every value.
//
// An Entity has a stable id, a schema from the FtM hierarchy (Thing -> LegalEntity ->
// Person / Organization -> Company; Vessel; Address; Ownership; Directorship; Payment;
// Sanction; ...) plus interdict's own Declaration, License, AisEvent and Port, and
// multi-valued properties. Every value points at one of the entity's referents: the
// source records (file, record id, line, ingest time, content hash) it came from, so
// any output can be traced back to the records that support it.
//
// Thread-safety: Schema and property-name tables are immutable after static init and
// safe to read from any thread; an Entity is a value type.
#ifndef INTERDICT_MODEL_H_
#define INTERDICT_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interdict {

struct Provenance {
  std::string source;        // source file, relative to the investigated folder
  std::string record_id;     // the record's id in its source (ent_num, declaration_id, ...)
  int64_t line = 0;          // 1-based line where the record starts; 0 if not line-based
  int64_t ingest_time = 0;   // unix seconds
  std::string content_hash;  // SHA-256 (hex) of the record's raw bytes
  bool operator==(const Provenance&) const = default;
};

class Schema {
 public:
  // nullptr if `name` is not a known schema.
  static const Schema* Get(std::string_view name);
  static const Schema& Thing();
  const std::string& name() const { return name_; }
  const Schema* parent() const { return parent_; }
  // True if this schema is `other` or descends from it ("Company" IsA "LegalEntity").
  bool IsA(const Schema& other) const;
  bool IsA(std::string_view other_name) const;
  // Interval-like schemas (Ownership, Directorship, Payment, Sanction...) link entities.
  bool is_edge() const { return edge_; }

  Schema(std::string name, const Schema* parent, bool edge)
      : name_(std::move(name)), parent_(parent), edge_(edge) {}

 private:
  std::string name_;
  const Schema* parent_;
  bool edge_;
};

// Property names are interned to small integers so an entity stores compact statements.
using PropId = uint16_t;
PropId InternProp(std::string_view name);
const std::string& PropName(PropId id);

struct Statement {
  PropId prop;
  uint32_t ref;  // index into Entity::referents
  std::string value;
};

class Entity {
 public:
  Entity() = default;
  Entity(std::string id, const Schema* schema) : id_(std::move(id)), schema_(schema) {}

  const std::string& id() const { return id_; }
  void set_id(std::string id) { id_ = std::move(id); }
  const Schema& schema() const { return schema_ ? *schema_ : Schema::Thing(); }
  void set_schema(const Schema* s) { schema_ = s; }

  // Adds a value unless the same (prop, value) is already present. Empty values ignored.
  void Add(std::string_view prop, std::string_view value, uint32_t ref = 0);
  void Add(PropId prop, std::string_view value, uint32_t ref = 0);
  // First value or "" (properties keep insertion order).
  const std::string& First(std::string_view prop) const;
  const std::string& First(PropId prop) const;
  std::vector<std::string> Values(std::string_view prop) const;
  bool Has(std::string_view prop) const { return !First(prop).empty(); }
  const std::vector<Statement>& statements() const { return statements_; }

  // Name for display: first "name", else other identifying properties, else the id.
  std::string Caption() const;

  // Adds a referent unless an equal one is present (linear scan) and returns its index.
  uint32_t AddReferent(Provenance p);
  // As AddReferent, but only compares with the most recent referent: for callers that add
  // each source record once, consecutively (resolution of mentions), where a full scan
  // would be quadratic in the number of mentions.
  uint32_t AddReferentIfNewerThanLast(Provenance p);
  const std::vector<Provenance>& referents() const { return referents_; }

  // Rewrites every value of `prop` in place (e.g. upper-casing FtM country codes);
  // values that become duplicates or empty are dropped.
  void TransformValues(std::string_view prop, std::string (*fn)(std::string_view));

  // Merges another entity's values and referents into this one (resolution).
  void MergeFrom(const Entity& other);

 private:
  std::string id_;
  const Schema* schema_ = nullptr;
  std::vector<Statement> statements_;
  std::vector<Provenance> referents_;
};

}  // namespace interdict

#endif  // INTERDICT_MODEL_H_
