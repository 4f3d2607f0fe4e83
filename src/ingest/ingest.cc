// Ingest driver: input discovery, reader dispatch, one transaction per input unit, and the
// rows-read = stored + quarantined check.
#include "interdict/ingest.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/file.h"
#include "core/hash.h"
#include "core/log.h"
#include "core/strings.h"
#include "finance/finance.h"
#include "ingest/readers.h"

namespace interdict {
namespace fs = std::filesystem;

std::unique_ptr<Reader> MakeReader(const std::string& format) {
  if (format == "ofac-csv") return NewOfacCsvReader();
  if (format == "ofac-xml") return NewSdnXmlReader();
  if (format == "eu-xml") return NewEuXmlReader();
  if (format == "watchlist-csv") return NewWatchlistReader();
  if (format == "declarations-csv") return NewDeclarationsReader();
  if (format == "payments-csv") return NewPaymentsReader();
  if (format == "licenses-csv") return NewLicensesReader();
  if (format == "ports-csv") return NewPortsReader();
  if (format == "ftm-jsonl") return NewFtmReader();
  if (format == "ibm-aml-csv") return NewIbmAmlReader();
  if (format == "amlsim-csv") return NewAmlSimReader();
  return nullptr;
}

std::vector<std::string> ReaderNames() {
  return {"ofac-csv",     "ofac-xml",         "eu-xml",       "watchlist-csv", "ftm-jsonl",
          "ports-csv",    "licenses-csv",     "declarations-csv", "payments-csv", "ibm-aml-csv",
          "amlsim-csv"};
}

namespace {

// Ingest order: lists and registries before the records that refer to them.
int FormatOrder(const std::string& f) {
  auto names = ReaderNames();
  auto it = std::find(names.begin(), names.end(), f);
  return it == names.end() ? 99 : static_cast<int>(it - names.begin());
}

std::string FirstLine(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::getline(in, line);
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The name of the first element of an XML file (after the declaration, comments and
// doctype), read from its first 4 KiB; "" if none. Namespace prefixes are kept.
std::string XmlRootElement(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string buf(4096, '\0');
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  buf.resize(static_cast<size_t>(in.gcount()));
  for (size_t i = buf.find('<'); i != std::string::npos; i = buf.find('<', i + 1)) {
    if (i + 1 < buf.size() && (buf[i + 1] == '?' || buf[i + 1] == '!')) continue;
    size_t e = buf.find_first_of(" >\r\n\t/", i + 1);
    return buf.substr(i + 1, e == std::string::npos ? std::string::npos : e - i - 1);
  }
  return "";
}

// Which reader takes `path`, judged by name, extension and header; "" if none.
// `companion` is set for files read as part of another unit (OFAC add/alt/comments).
std::string Sniff(const fs::path& path, bool* companion) {
  *companion = false;
  std::string name = AsciiLower(path.filename().string());
  if (name == "sdn.csv" || name == "cons_prim.csv") return "ofac-csv";
  if (name == "add.csv" || name == "alt.csv" || name == "sdn_comments.csv" ||
      name == "cons_add.csv" || name == "cons_alt.csv" || name == "cons_comments.csv") {
    *companion = true;
    return "ofac-csv";
  }
  if (EndsWith(name, ".ftm.json") || EndsWith(name, ".ftm.jsonl")) return "ftm-jsonl";
  std::string head = FirstLine(path.string());
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".json")) {
    if (StartsWith(Trim(head), "{") && head.find("\"schema\"") != std::string::npos)
      return "ftm-jsonl";
    return "";
  }
  if (EndsWith(name, ".xml")) {
    // Sanctions lists in XML, told apart by their root element.
    std::string root = XmlRootElement(path.string());
    if (root == "sdnList") return "ofac-xml";
    if (root == "export") return "eu-xml";
    return "";
  }
  if (EndsWith(name, ".csv") || EndsWith(name, ".txt")) {
    std::string fin = SniffFinanceFormat(head);
    if (!fin.empty()) return fin;
  }
  if (!EndsWith(name, ".csv")) return "";
  std::vector<std::string> cols = Split(AsciiLower(head), ',');
  for (auto& c : cols) {
    std::string_view t = Trim(c);
    if (!t.empty() && t.front() == '"' && t.back() == '"' && t.size() >= 2) t = t.substr(1, t.size() - 2);
    c = std::string(t);
  }
  auto has = [&](const char* c) { return std::find(cols.begin(), cols.end(), c) != cols.end(); };
  if (has("declaration_id")) return "declarations-csv";
  if (has("payment_id")) return "payments-csv";
  if (has("license_number") && has("holder")) return "licenses-csv";
  if (has("locode") && has("lat") && has("lon")) return "ports-csv";
  if (has("id") && has("name") && has("aliases") && has("schema")) return "watchlist-csv";
  return "";
}

InputUnit MakeUnit(const fs::path& root, const fs::path& file, const std::string& format) {
  InputUnit u;
  u.format = format;
  u.paths.push_back(file.string());
  u.display = file.lexically_relative(root).generic_string();
  if (format == "ofac-csv") {
    std::string stem = AsciiLower(file.filename().string());
    std::vector<std::string> companions =
        stem == "cons_prim.csv"
            ? std::vector<std::string>{"cons_add.csv", "cons_alt.csv", "cons_comments.csv"}
            : std::vector<std::string>{"add.csv", "alt.csv", "sdn_comments.csv"};
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(file.parent_path(), ec)) {
      std::string n = AsciiLower(entry.path().filename().string());
      if (std::find(companions.begin(), companions.end(), n) != companions.end())
        u.paths.push_back(entry.path().string());
    }
    std::sort(u.paths.begin() + 1, u.paths.end());
  }
  return u;
}

Result<std::vector<InputUnit>> FromSourcesYaml(const fs::path& root, const fs::path& yaml) {
  std::vector<InputUnit> units;
  try {
    YAML::Node doc = YAML::LoadFile(yaml.string());
    YAML::Node list = doc["sources"];
    if (!list || !list.IsSequence())
      return Status::InvalidArgument(yaml.string() + ": expected a 'sources:' list");
    for (size_t i = 0; i < list.size(); ++i) {
      const YAML::Node& n = list[i];
      std::string where = yaml.string() + ": sources[" + std::to_string(i) + "]";
      if (!n["path"]) return Status::InvalidArgument(where + ": missing 'path'");
      fs::path p = root / n["path"].as<std::string>();
      if (!fs::is_regular_file(p))
        return Status::NotFound(where + ": no such file: " + p.string());
      std::string format;
      if (n["format"]) {
        format = n["format"].as<std::string>();
        if (!MakeReader(format))
          return Status::InvalidArgument(where + ": unknown format '" + format +
                                         "' (known: " + Join(ReaderNames(), ", ") + ")");
      } else {
        bool companion = false;
        format = Sniff(p, &companion);
        if (format.empty())
          return Status::InvalidArgument(where + ": cannot tell the format of " + p.string() +
                                         "; add 'format:'");
      }
      units.push_back(MakeUnit(root, p, format));
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(yaml.string() + ": line " + std::to_string(e.mark.line + 1) +
                                   ": " + e.msg);
  }
  return units;
}

class CountingSink : public RecordSink {
 public:
  CountingSink(IngestTxn* txn, std::vector<QuarantineEntry>* sample)
      : txn_(txn), sample_(sample) {}
  Status Record(Entity record, int64_t rows) override {
    stored_rows += rows;
    ++entities;
    return txn_->AddRecord(record);
  }
  Status Quarantine(QuarantineEntry q) override {
    ++quarantined;
    if (sample_->size() < 20) sample_->push_back(q);
    return txn_->AddQuarantine(q);
  }
  int64_t stored_rows = 0, entities = 0, quarantined = 0;

 private:
  IngestTxn* txn_;
  std::vector<QuarantineEntry>* sample_;
};

}  // namespace

Result<std::vector<InputUnit>> DiscoverInputs(const std::string& dir,
                                              std::vector<std::string>* skipped) {
  fs::path root(dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return Status::NotFound(dir + ": not a directory");
  std::vector<InputUnit> units;
  if (fs::is_regular_file(root / "sources.yaml")) {
    ASSIGN_OR_RETURN(units, FromSourcesYaml(root, root / "sources.yaml"));
  } else {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(
             root,
             fs::directory_options::skip_permission_denied |
                 fs::directory_options::follow_directory_symlink,
             ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      // Linked folders are followed, but not without bound (a link loop would never end).
      if (it->is_directory() && it.depth() >= 16) it.disable_recursion_pending();
      if (it->is_regular_file()) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      bool companion = false;
      std::string format = Sniff(f, &companion);
      if (format.empty()) {
        if (skipped) skipped->push_back(f.lexically_relative(root).generic_string());
        continue;
      }
      if (companion) {
        // Read with its primary file; alone (no sdn.csv beside it) it is skipped.
        fs::path dirp = f.parent_path();
        bool has_primary = fs::exists(dirp / "sdn.csv") || fs::exists(dirp / "SDN.CSV") ||
                           fs::exists(dirp / "cons_prim.csv");
        if (!has_primary && skipped) skipped->push_back(f.lexically_relative(root).generic_string());
        continue;
      }
      units.push_back(MakeUnit(root, f, format));
    }
  }
  std::stable_sort(units.begin(), units.end(), [](const InputUnit& a, const InputUnit& b) {
    return FormatOrder(a.format) < FormatOrder(b.format);
  });
  return units;
}

Result<IngestReport> IngestUnit(const InputUnit& unit, Store* store, const Clock& clock) {
  IngestReport report;
  report.path = unit.display;
  report.format = unit.format;
  auto reader = MakeReader(unit.format);
  if (!reader) return Status::InvalidArgument(unit.display + ": unknown format " + unit.format);

  // The unit's content hash covers every file in it, in order.
  Sha256 unit_hash;
  ReadContext ctx;
  ctx.ingest_time = clock.NowSeconds();
  for (const auto& p : unit.paths) {
    ASSIGN_OR_RETURN(auto file, MappedFile::Open(p));
    unit_hash.Update(Sha256Hex(file->data()));
    std::string rel = unit.display;
    if (p != unit.paths[0]) {
      // Companions are named relative to the same folder as the primary file.
      fs::path primary_rel(unit.display);
      rel = (primary_rel.parent_path() / fs::path(p).filename()).generic_string();
    }
    ctx.display_names.push_back(rel);
  }
  std::string sha = unit_hash.FinalHex();
  ASSIGN_OR_RETURN(auto done, store->FindIngest(unit.display, sha));
  if (done.has_value()) {
    report.skipped_unchanged = true;
    report.records_in = done->records_in;
    report.stored = done->stored;
    report.quarantined = done->quarantined;
    return report;
  }
  int64_t started = clock.NowSeconds();
  ASSIGN_OR_RETURN(auto txn, store->BeginIngest(unit.display));
  CountingSink sink(txn.get(), &report.quarantine_sample);
  auto rows = reader->Read(unit, ctx, &sink);
  if (!rows.ok()) {
    Status st = rows.status();
    return st.Annotate("ingest " + unit.display);
  }
  if (*rows != sink.stored_rows + sink.quarantined) {
    return Status::Internal(unit.display + ": reader " + unit.format + " read " +
                            std::to_string(*rows) + " rows but stored " +
                            std::to_string(sink.stored_rows) + " and quarantined " +
                            std::to_string(sink.quarantined) + " (rows lost)");
  }
  IngestLogEntry log;
  log.path = unit.display;
  log.sha256 = sha;
  log.format = unit.format;
  log.started = started;
  log.finished = std::max<int64_t>(clock.NowSeconds(), 1);
  log.records_in = *rows;
  log.stored = sink.stored_rows;
  log.quarantined = sink.quarantined;
  log.entities = sink.entities;
  RETURN_IF_ERROR(txn->Commit(log));
  report.records_in = log.records_in;
  report.stored = log.stored;
  report.quarantined = log.quarantined;
  return report;
}

}  // namespace interdict
