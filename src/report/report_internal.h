// Internals shared by the output writers (report/). Not a public API: WriteOutputs in
// include/interdict/report.h is. Each Render* function builds one output file in memory;
// they may throw (nlohmann, bad_alloc), WriteOutputs catches and returns a Status.
#ifndef INTERDICT_REPORT_REPORT_INTERNAL_H_
#define INTERDICT_REPORT_REPORT_INTERNAL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "interdict/detect.h"
#include "interdict/report.h"
#include "interdict/score.h"
#include "interdict/world.h"

namespace interdict::report {

// Field order in the JSON outputs follows the documented order (docs/formats/outputs.md).
using OJson = nlohmann::ordered_json;

// One JSON line: compact, invalid UTF-8 replaced by U+FFFD (never throws on bytes), '\n'.
void AppendJsonLine(const OJson& j, std::string* out);

// Rounds to `dp` decimals; NaN and infinities become 0 so every number is valid JSON.
double RoundTo(double x, int dp);
// A score clamped to [0, 1] and rounded to 4 decimals.
double Score4(double x);
// printf("%.*f"), non-finite as 0.
std::string Fixed(double x, int dp);

// `s` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string ValidUtf8(std::string_view s);
// XML/HTML text and attribute escaping (& < > " '); invalid UTF-8 and characters XML 1.0
// forbids (C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF) become U+FFFD.
std::string XmlEscape(std::string_view s);
inline std::string HtmlEscape(std::string_view s) { return XmlEscape(s); }
// At most `max_chars` code points of `s` (valid UTF-8), with "…" appended when cut.
std::string Utf8Truncate(std::string_view s, size_t max_chars);

// The leads best first: ScoreFindings already orders them; a stable sort by (rounded)
// score keeps its tie-breaking and guards against a caller that did not.
std::vector<const Lead*> OrderedLeads(const Scores& scores);

// Lookups the writers share. Built from the World's vectors (does not rely on
// World::BuildIndexes having run).
class Index {
 public:
  Index(const World& world, const Scores& scores);

  const World& world() const { return w_; }
  const Scores& scores() const { return s_; }

  const Entity* FindEntity(const std::string& id) const;
  // By vessel id, IMO number (normalised) or a merged record id.
  const Entity* FindVessel(const std::string& key) const;
  const Entity* FindDeclaration(const std::string& id) const;
  // By UN/LOCODE (normalised).
  const Entity* FindPort(const std::string& locode) const;

  const SubjectScore* EntityScore(const std::string& id) const;
  const SubjectScore* VesselScore(const Entity& vessel) const;
  const SubjectScore* DeclarationScore(const std::string& id) const;

  // The graph node id an entity reference points at: an entity id, or the id of the
  // vessel it names (vessel id, IMO or merged id); "" when it names nothing known.
  std::string NodeId(const std::string& ref) const;

  // Party links grouped by record (declaration or payment id), in first-seen order.
  const std::vector<std::pair<std::string, std::vector<const PartyLink*>>>& PartiesByRecord()
      const {
    return parties_;
  }
  const std::vector<const PartyLink*>* Parties(const std::string& record_id) const;

 private:
  const World& w_;
  const Scores& s_;
  std::unordered_map<std::string, const Entity*> entities_, vessels_, declarations_, ports_;
  std::vector<std::pair<std::string, std::vector<const PartyLink*>>> parties_;
  std::unordered_map<std::string, size_t> parties_index_;
};

// The source and target properties of an edge entity (Ownership: owner -> asset,
// Directorship: director -> organization, ...). For a schema without a known pair, the
// first two properties whose values name known nodes. nullopt when none.
std::optional<std::pair<std::string, std::string>> EdgeProps(const Entity& link, const Index& idx);

// An edge between two parties of one declaration or payment.
struct PartyEdge {
  std::string source, target;  // entity ids
  std::string label;           // role pair, "exporter->importer"
  std::string record_id;       // declaration_id or payment_id
  bool payment = false;
};
// Party-to-party edges of one record's parties. Declarations follow the flow of goods
// (exporter -> importer -> consignee -> end_user over the roles present; declarant -> the
// exporter, else importer; notify_party -> the consignee, else importer); payments
// payer -> payee. Self-loops are dropped.
std::vector<PartyEdge> PartyEdgesOf(const std::string& record_id,
                                    const std::vector<const PartyLink*>& parties, bool is_payment);

// Renderers, one per output file.
std::string RenderLeadsJsonl(const Scores& scores);
std::string RenderDeclarationsCsv(const Index& idx);
std::string RenderEntitiesJsonl(const Index& idx);
std::string RenderVesselsJsonl(const Index& idx);
std::string RenderEventsJsonl(const World& world);
std::string RenderFtmJsonl(const Index& idx);
std::string RenderGraphml(const Index& idx);
std::string RenderHtmlReport(const Index& idx, const std::vector<Finding>& findings,
                             const IngestOverview* ingest);

// report.html pieces (html_*.cc).
// A ring of (lon, lat) points, closed implicitly.
using Ring = std::vector<std::pair<double, double>>;
struct LandPolygon {
  std::vector<Ring> rings;  // outer ring first, then holes
  double lon_min = 0, lon_max = 0, lat_min = 0, lat_max = 0;
};
// Natural Earth 1:110m land (world-atlas land-110m.json compiled in); empty when the build
// had no web/node_modules/world-atlas. Decoded once; thread-safe.
const std::vector<LandPolygon>& NaturalEarthLand();
// The network around each lead (html_network.cc). Built once per report: the registry
// links by node and the vessels by MMSI.
class LeadNetworks {
 public:
  explicit LeadNetworks(const Index& idx);
  // An inline <svg class="lead-network"> (force-directed layout computed here) with the
  // lead's entities, vessels, declarations and payments, the list entries they matched and
  // their registry links; a note instead when the lead names nothing to draw.
  std::string Render(const Lead& lead, size_t rank) const;

 private:
  struct LinkEnd {
    std::string other, label;
    bool outgoing;  // this node is the link's source (owner, director, ...)
  };
  const Index& idx_;
  std::unordered_map<std::string, std::vector<LinkEnd>> links_;
  std::unordered_map<std::string, std::string> vessel_by_mmsi_;
};

// Number of leads report.html details.
inline constexpr size_t kHtmlTopLeads = 25;

}  // namespace interdict::report

#endif  // INTERDICT_REPORT_REPORT_INTERNAL_H_
