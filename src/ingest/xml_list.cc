#include "ingest/xml_list.h"

#include <algorithm>

namespace interdict {

Result<std::unique_ptr<XmlList>> XmlList::Open(const InputUnit& unit, const ReadContext& ctx,
                                               const char* reader, const char* root,
                                               const char* what) {
  if (unit.paths.empty()) return Status::InvalidArgument(std::string(reader) + ": no input path");
  std::unique_ptr<XmlList> x(new XmlList());
  const std::string& path = unit.paths[0];
  x->display_ = ctx.display_names.empty() ? unit.display : ctx.display_names[0];
  if (x->display_.empty()) x->display_ = path;
  ASSIGN_OR_RETURN(x->file_, MappedFile::Open(path));
  x->data_ = x->file_->data();
  x->line_starts_ = {0};
  for (size_t i = 0; i < x->data_.size(); ++i)
    if (x->data_[i] == '\n') x->line_starts_.push_back(i + 1);
  pugi::xml_parse_result pr = x->doc_.load_buffer(x->data_.data(), x->data_.size(),
                                                  pugi::parse_default, pugi::encoding_utf8);
  if (!pr) {
    return Status::Corruption(x->display_ + ":" + std::to_string(x->LineAt(pr.offset)) +
                              ": not well-formed XML: " + pr.description());
  }
  x->root_ = x->doc_.child(root);
  if (!x->root_) {
    return Status::Corruption(x->display_ + ": not " + what + " (root <" +
                              std::string(x->doc_.document_element().name()) + ">, expected <" +
                              root + ">)");
  }
  return x;
}

int64_t XmlList::LineAt(ptrdiff_t offset) const {
  if (offset < 0) return 0;
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), size_t(offset));
  return static_cast<int64_t>(it - line_starts_.begin());
}

std::string_view XmlList::Raw(pugi::xml_node n) const {
  ptrdiff_t off = n.offset_debug();
  if (off < 0 || size_t(off) >= data_.size()) return {};
  std::string close = std::string("</") + n.name() + ">";
  size_t end = data_.find(close, size_t(off));
  end = end == std::string_view::npos ? data_.size() : end + close.size();
  return data_.substr(size_t(off), end - size_t(off));
}

}  // namespace interdict
