// The part every XML list reader (OFAC sdn.xml, EU FSF, UN consolidated) shares: map the
// file, parse it with pugixml, check the root element, and give each entry its line number
// and raw text for provenance and quarantine. Not thread-safe; one per read.
#ifndef INTERDICT_INGEST_XML_LIST_H_
#define INTERDICT_INGEST_XML_LIST_H_

#include <cstddef>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/file.h"
#include "ingest/readers.h"

namespace interdict {

class XmlList {
 public:
  // Parses unit.paths[0]. Errors: "<file>:<line>: not well-formed XML: ...", or
  // "<file>: not <what> (root <x>, expected <root>)" when the root element differs.
  static Result<std::unique_ptr<XmlList>> Open(const InputUnit& unit, const ReadContext& ctx,
                                               const char* reader, const char* root,
                                               const char* what);

  const std::string& display() const { return display_; }
  pugi::xml_node root() const { return root_; }
  // 1-based line of an element (0 when unknown).
  int64_t LineOf(pugi::xml_node n) const { return LineAt(n.offset_debug()); }
  // The element's source text, from its start tag to its end tag (for quarantine records).
  std::string_view Raw(pugi::xml_node n) const;

 private:
  int64_t LineAt(ptrdiff_t offset) const;

  std::unique_ptr<MappedFile> file_;
  std::string display_;
  std::string_view data_;
  std::vector<size_t> line_starts_;
  pugi::xml_document doc_;
  pugi::xml_node root_;
};

}  // namespace interdict

#endif  // INTERDICT_INGEST_XML_LIST_H_
