// WriteOutputs: every output file of `interdict investigate` (DESIGN.md §4). Each file is
// rendered in memory by report/*.cc and written atomically (temp file + rename), so a
// killed run leaves each file either old or new, never half written.
#include <exception>
#include <filesystem>
#include <functional>
#include <new>

#include "core/file.h"
#include "interdict/report.h"
#include "report/report_internal.h"

namespace interdict {

Result<OutputSummary> WriteOutputs(const World& world, const std::vector<Finding>& findings,
                                   const Scores& scores, const std::string& out_dir,
                                   const IngestOverview* ingest) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Status::IoError(out_dir + ": cannot create output folder: " + ec.message());
  if (!fs::is_directory(out_dir, ec))
    return Status::IoError(out_dir + ": output path exists and is not a folder");

  OutputSummary summary;
  const std::vector<std::pair<const char*, std::function<std::string(const report::Index&)>>>
      files = {
          {"leads.jsonl", [&](const report::Index&) { return report::RenderLeadsJsonl(scores); }},
          {"declarations.csv", report::RenderDeclarationsCsv},
          {"entities.jsonl", report::RenderEntitiesJsonl},
          {"vessels.jsonl", report::RenderVesselsJsonl},
          {"events.jsonl", [&](const report::Index&) { return report::RenderEventsJsonl(world); }},
          {"entities.ftm.jsonl", report::RenderFtmJsonl},
          {"network.graphml", report::RenderGraphml},
          {"report.html",
           [&](const report::Index& idx) {
             return report::RenderHtmlReport(idx, findings, ingest);
           }},
      };
  try {
    report::Index idx(world, scores);
    for (const auto& [name, render] : files) {
      std::string path = (fs::path(out_dir) / name).string();
      std::string content;
      try {
        content = render(idx);
      } catch (const std::bad_alloc&) {
        return Status::Internal(path + ": out of memory while rendering");
      } catch (const std::exception& e) {
        return Status::Internal(path + ": cannot render: " + e.what());
      }
      RETURN_IF_ERROR(WriteFileAtomic(path, content));
      summary.files.push_back(path);
    }
  } catch (const std::exception& e) {
    return Status::Internal(out_dir + ": cannot write outputs: " + e.what());
  }
  return summary;
}

}  // namespace interdict
