// `interdict screen`, `interdict compare` and `interdict screen-eval`.
//
// screen:  interdict screen --list PATH... [--schema S] [--algorithm logic|ofac]
//                           [--threshold T] [--top K]
//                           [--threads N] [--out FILE] [QUERIES|-]
//   QUERIES is a CSV with a header (name|full_name, optional id, schema,
//   birth_date|date_of_birth, nationality|country, gender, imo, mmsi) or one name per line.
//   Output: JSON lines {query_id, query, matches:[{id, list, name, matched_name, schema,
//   score, match, program, explanation}]}.
// compare: interdict compare --pairs FILE.csv [--algorithm logic|ofac] [--threshold T]
//                            [--out FILE]
//   reads name1,name2[,schema] and writes the same CSV with score and match added.
// screen-eval: runs the public benchmarks under DIR (../shared/data/sanctions layout).
//
// Compiled only with INTERDICT_HAVE_SCREEN (set where the CLI links interdict_screen), so
// the tool keeps linking while the screening module is wired in.
#ifdef INTERDICT_HAVE_SCREEN
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "ingest/readers.h"
#include "interdict/screen.h"
#include "screen/eval.h"
#include "screen/readers.h"

namespace interdict::cli {
namespace {

namespace fs = std::filesystem;
using screen::Query;
using screen::Screener;
using screen::ScreenMatch;
using screen::ScreenOptions;

class CollectSink : public RecordSink {
 public:
  Status Record(Entity record, int64_t) override {
    records.push_back(std::move(record));
    return Status::Ok();
  }
  Status Quarantine(QuarantineEntry q) override {
    if (quarantined++ < 5) std::cerr << "interdict: quarantined " << q.ToString() << "\n";
    return Status::Ok();
  }
  std::vector<Entity> records;
  int64_t quarantined = 0;
};

std::string XmlRoot(const std::string& path) {
  std::ifstream in(path);
  std::string buf(4096, '\0');
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  buf.resize(static_cast<size_t>(in.gcount()));
  size_t i = 0;
  while ((i = buf.find('<', i)) != std::string::npos) {
    if (i + 1 < buf.size() && (buf[i + 1] == '?' || buf[i + 1] == '!')) {
      ++i;
      continue;
    }
    size_t e = buf.find_first_of(" >\r\n\t/", i + 1);
    return buf.substr(i + 1, e == std::string::npos ? std::string::npos : e - i - 1);
  }
  return "";
}

std::string FirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  if (StartsWith(line, "\xEF\xBB\xBF")) line.erase(0, 3);
  return line;
}

// Loads every list under `paths` (files or folders). The files of one OFAC CSV set may
// come from different folders: they are joined on ent_num by the OFAC reader.
Result<std::vector<Entity>> LoadLists(const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, bool>> files;  // path, explicitly named
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(p, ec))
        if (e.is_regular_file()) found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      for (auto& f : found) files.emplace_back(f, false);
    } else if (fs::is_regular_file(p, ec)) {
      files.emplace_back(p, true);
    } else {
      return Status::NotFound("--list: no such file or folder: " + p);
    }
  }
  std::vector<Entity> out;
  std::map<std::string, std::vector<std::string>> ofac;  // "sdn"/"cons" -> [primary, comps]
  std::map<std::string, std::vector<std::string>> ofac_comp;
  auto read = [&](Reader* r, InputUnit unit) -> Status {
    if (!r)
      return Status::Unimplemented(unit.paths[0] + ": no reader for this format in this build");
    CollectSink sink;
    ReadContext ctx;
    for (const auto& p : unit.paths) ctx.display_names.push_back(fs::path(p).filename().string());
    auto rows = r->Read(unit, ctx, &sink);
    if (!rows.ok()) return rows.status();
    std::cerr << "interdict: " << unit.paths[0] << ": " << sink.records.size() << " records, "
              << sink.quarantined << " quarantined\n";
    for (auto& e : sink.records) out.push_back(std::move(e));
    return Status::Ok();
  };
  for (const auto& [path, explicit_file] : files) {
    std::string name = AsciiLower(fs::path(path).filename().string());
    if (name == "sdn.csv" || name == "cons_prim.csv") {
      ofac[name == "sdn.csv" ? "sdn" : "cons"].push_back(path);
      continue;
    }
    if (name == "add.csv" || name == "alt.csv" || name == "sdn_comments.csv") {
      ofac_comp["sdn"].push_back(path);
      continue;
    }
    if (name == "cons_add.csv" || name == "cons_alt.csv" || name == "cons_comments.csv") {
      ofac_comp["cons"].push_back(path);
      continue;
    }
    InputUnit unit{"", {path}, path};
    if (EndsWith(name, ".xml")) {
      std::string root = XmlRoot(path);
      if (root == "CONSOLIDATED_LIST") {
        unit.format = "un-xml";
        RETURN_IF_ERROR(read(screen::NewUnXmlReader().get(), unit));
        continue;
      }
      if (root == "sdnList") {
        unit.format = "ofac-xml";
        RETURN_IF_ERROR(read(NewSdnXmlReader().get(), unit));
        continue;
      }
      if (root == "export") {
        unit.format = "eu-xml";
        RETURN_IF_ERROR(read(NewEuXmlReader().get(), unit));
        continue;
      }
      if (explicit_file)
        return Status::InvalidArgument(
            path + ": XML list with root <" + root +
            "> is not a known list (expected UN CONSOLIDATED_LIST, OFAC sdnList, EU export)");
      continue;
    }
    std::string head = FirstLine(path);
    if (EndsWith(name, ".ftm.json") || EndsWith(name, ".ftm.jsonl") ||
        ((EndsWith(name, ".json") || EndsWith(name, ".jsonl")) &&
         head.find("\"schema\"") != std::string::npos)) {
      RETURN_IF_ERROR(read(NewFtmReader().get(), unit));
      continue;
    }
    if (EndsWith(name, ".csv")) {
      std::string h = AsciiLower(head);
      if (h.find("aliases") != std::string::npos && h.find("name") != std::string::npos) {
        RETURN_IF_ERROR(read(NewWatchlistReader().get(), unit));
        continue;
      }
    }
    if (explicit_file) return Status::InvalidArgument(path + ": not a recognised list format");
    std::cerr << "interdict: skipping " << path << " (not a list format)\n";
  }
  for (const auto& [family, primaries] : ofac) {
    if (primaries.size() > 1)
      return Status::InvalidArgument("--list: several " + family +
                                     " primary files: " + Join(primaries, ", "));
    std::vector<std::string> unit_paths = primaries;
    std::vector<std::string> comps = ofac_comp[family];
    // One file of each companion kind: the last one named wins.
    std::map<std::string, std::string> by_kind;
    for (const auto& c : comps) by_kind[AsciiLower(fs::path(c).filename().string())] = c;
    for (const auto& [k, c] : by_kind) unit_paths.push_back(c);
    auto reader = NewOfacCsvReader();
    if (!reader) return Status::Unimplemented("OFAC CSV reader not available in this build");
    RETURN_IF_ERROR(read(reader.get(), InputUnit{"ofac-csv", unit_paths, unit_paths[0]}));
  }
  for (const auto& [family, comps] : ofac_comp)
    if (!ofac.count(family))
      return Status::InvalidArgument("--list: OFAC companion files without their primary (" +
                                     std::string(family == "sdn" ? "sdn.csv" : "cons_prim.csv") +
                                     "): " + Join(comps, ", "));
  if (out.empty()) return Status::InvalidArgument("--list: no list entries loaded");
  return out;
}

// Queries from a CSV with a header (name|full_name, ...) or one name per line.
Result<std::vector<Query>> ReadQueries(const std::string& source) {
  std::string text;
  if (source == "-") {
    std::stringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else {
    ASSIGN_OR_RETURN(text, ReadFileToString(source));
  }
  std::vector<Query> out;
  CsvReader reader(text);
  CsvRecord rec;
  bool first = true;
  std::map<std::string, size_t> cols;
  bool csv = false;
  while (reader.Next(&rec)) {
    if (first) {
      first = false;
      for (size_t i = 0; i < rec.fields.size(); ++i) {
        std::string h = AsciiLower(Trim(rec.fields[i]));
        if (i == 0 && StartsWith(h, "\xEF\xBB\xBF")) h.erase(0, 3);
        cols[h] = i;
      }
      csv = cols.count("name") || cols.count("full_name");
      if (csv) continue;
    }
    if (!csv) {
      // One name per line: take the raw line (commas belong to the name).
      std::string line(Trim(rec.raw));
      if (line.empty()) continue;
      Query q;
      q.id = std::to_string(out.size() + 1);
      q.name = line;
      out.push_back(std::move(q));
      continue;
    }
    if (!rec.error.empty())
      return Status::Corruption(source + ":" + std::to_string(rec.line) + ": " + rec.error);
    auto get = [&](std::initializer_list<const char*> names) -> std::string {
      for (const char* n : names) {
        auto it = cols.find(n);
        if (it != cols.end() && it->second < rec.fields.size())
          return std::string(Trim(rec.fields[it->second]));
      }
      return "";
    };
    Query q;
    q.id = get({"id"});
    if (q.id.empty()) q.id = std::to_string(out.size() + 1);
    q.name = get({"name", "full_name"});
    q.schema = get({"schema"});
    q.birth_date = get({"birth_date", "date_of_birth"});
    q.country = get({"nationality", "country"});
    q.gender = get({"gender"});
    if (std::string imo = get({"imo"}); !imo.empty()) q.identifiers.push_back({"imoNumber", imo});
    if (std::string mmsi = get({"mmsi"}); !mmsi.empty()) q.identifiers.push_back({"mmsi", mmsi});
    if (q.name.empty() && q.identifiers.empty()) continue;
    out.push_back(std::move(q));
  }
  return out;
}

nlohmann::json MatchJson(const ScreenMatch& m) {
  using nlohmann::json;
  const auto& ex = m.explanation;
  json parts = json::array();
  for (const auto& p : ex.parts)
    parts.push_back({{"query", p.query},
                     {"result", p.result},
                     {"score", p.score},
                     {"weight", p.weight},
                     {"how", p.how}});
  json features = json::array(), qualifiers = json::array();
  for (const auto& f : ex.features)
    features.push_back({{"name", f.name}, {"value", f.value}, {"detail", f.detail}});
  for (const auto& f : ex.qualifiers)
    qualifiers.push_back({{"name", f.name}, {"value", f.value}, {"detail", f.detail}});
  return json{{"id", m.entity_id},
              {"list", m.list},
              {"name", m.caption},
              {"matched_name", m.matched_name},
              {"schema", m.schema},
              {"score", std::round(m.score * 10000) / 10000},
              {"match", m.match},
              {"program", m.program},
              {"explanation",
               {{"text", ex.ToString()},
                {"matched_property", ex.matched_property},
                {"query_name", ex.query_name},
                {"name_score", std::round(ex.name_score * 10000) / 10000},
                {"parts", parts},
                {"features", features},
                {"qualifiers", qualifiers}}}};
}

template <typename F>
void ParallelFor(size_t n, int threads, F fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  std::vector<std::thread> ts;
  for (int t = 1; t < threads; ++t) ts.emplace_back(work);
  work();
  for (auto& t : ts) t.join();
}

int Threads(int requested) {
  if (requested > 0) return requested;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Writes to --out (atomically) or stdout.
Status Emit(const std::string& out_path, const std::string& content) {
  if (out_path.empty()) {
    std::cout << content;
    std::cout.flush();
    return std::cout ? Status::Ok() : Status::IoError("stdout: write failed");
  }
  return WriteFileAtomic(out_path, content);
}

int Fail(const Status& st) {
  std::cerr << "interdict: " << st.ToString() << "\n";
  return 1;
}

struct ScreenArgs {
  std::vector<std::string> lists;
  std::string schema;
  double threshold = 0.7;
  double min_score = -1;
  int top = 5;
  int threads = 0;
  std::string out;
  std::string queries;
  std::string algorithm = "logic";
};

int RunScreen(const ScreenArgs& a) {
  if (a.queries.empty())
    return Fail(Status::InvalidArgument("screen: give QUERIES (a file) or - for stdin"));
  screen::Algorithm algorithm;
  if (!screen::ParseAlgorithm(a.algorithm, &algorithm))
    return Fail(Status::InvalidArgument("--algorithm: expected logic or ofac, got '" +
                                        a.algorithm + "'"));
  auto entities = LoadLists(a.lists);
  if (!entities.ok()) return Fail(entities.status());
  auto screener = Screener::Build(std::move(entities).value());
  if (!screener.ok()) return Fail(screener.status());
  auto queries = ReadQueries(a.queries);
  if (!queries.ok()) return Fail(queries.status());
  ScreenOptions opts;
  opts.threshold = a.threshold;
  opts.min_score = a.min_score;
  opts.top = a.top;
  opts.schema = a.schema;
  opts.algorithm = algorithm;
  std::vector<std::string> lines(queries->size());
  ParallelFor(queries->size(), Threads(a.threads), [&](size_t i) {
    const Query& q = (*queries)[i];
    nlohmann::json matches = nlohmann::json::array();
    for (const auto& m : (*screener)->Screen(q, opts)) matches.push_back(MatchJson(m));
    nlohmann::json line{{"query_id", q.id}, {"query", q.name}, {"matches", matches}};
    lines[i] = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  });
  std::string all;
  for (auto& l : lines) all += l;
  Status st = Emit(a.out, all);
  return st.ok() ? 0 : Fail(st);
}

struct CompareArgs {
  std::string pairs;
  std::string algorithm = "logic";
  double threshold = 0.7;
  int threads = 0;
  std::string out;
};

int RunCompare(const CompareArgs& a) {
  screen::Algorithm algorithm;
  if (!screen::ParseAlgorithm(a.algorithm, &algorithm))
    return Fail(Status::InvalidArgument("--algorithm: expected logic or ofac, got '" +
                                        a.algorithm + "'"));
  auto text = ReadFileToString(a.pairs);
  if (!text.ok()) return Fail(text.status());
  CsvReader reader(*text);
  CsvRecord rec;
  std::vector<CsvRecord> rows;
  while (reader.Next(&rec)) {
    if (!rec.error.empty())
      return Fail(Status::Corruption(a.pairs + ":" + std::to_string(rec.line) + ": " + rec.error));
    rows.push_back(rec);
  }
  if (rows.empty()) return Fail(Status::InvalidArgument(a.pairs + ": no pairs"));
  size_t c1 = 0, c2 = 1, cs = 2;
  bool header = false;
  {
    const auto& h = rows[0].fields;
    for (size_t i = 0; i < h.size(); ++i) {
      std::string f = AsciiLower(Trim(h[i]));
      if (i == 0 && StartsWith(f, "\xEF\xBB\xBF")) f.erase(0, 3);
      if (f == "name1") c1 = i, header = true;
      if (f == "name2") c2 = i, header = true;
      if (f == "schema") cs = i;
    }
  }
  std::vector<std::string> out(rows.size());
  size_t start = header ? 1 : 0;
  if (header) {
    std::vector<std::string> f = rows[0].fields;
    f.push_back("score");
    f.push_back("match");
    out[0] = CsvLine(f) + "\n";
  }
  for (size_t i = start; i < rows.size(); ++i)
    if (rows[i].fields.size() <= std::max(c1, c2))
      return Fail(Status::InvalidArgument(a.pairs + ":" + std::to_string(rows[i].line) +
                                          ": expected name1,name2[,schema]"));
  ParallelFor(rows.size() - start, Threads(a.threads), [&](size_t k) {
    size_t i = k + start;
    const auto& f = rows[i].fields;
    std::string schema = cs < f.size() ? std::string(Trim(f[cs])) : "";
    double s = algorithm == screen::Algorithm::kOfac
                   ? screen::OfacNameScore(f[c1], f[c2])
                   : screen::CompareNameStrings(f[c1], f[c2], schema).score;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", s);
    std::vector<std::string> o = f;
    o.push_back(buf);
    o.push_back(s >= a.threshold - 1e-9 ? "true" : "false");
    out[i] = CsvLine(o) + "\n";
  });
  std::string all;
  for (auto& l : out) all += l;
  Status st = Emit(a.out, all);
  return st.ok() ? 0 : Fail(st);
}

struct EvalArgs {
  std::string data;
  double threshold = 0.7;
  int threads = 0;
  bool details = false;
};

int RunEval(const EvalArgs& a) {
  const std::string& d = a.data;
  auto nb = screen::RunNameBench(d + "/eval/nomenklatura/name_bench_cases.csv", a.threshold);
  if (!nb.ok()) return Fail(nb.status());
  std::cout << "== nomenklatura name_bench (logic scorer)\n" << nb->ToString();
  auto ofac = screen::RunOfacParity(d + "/eval/nomenklatura/ofac_search_scores.csv");
  if (!ofac.ok()) return Fail(ofac.status());
  std::cout << "== ofac scorer vs OFAC Sanctions List Search scores\n" << ofac->ToString();
  auto un = screen::ReadUnList(d + "/un/UN_consolidated_2026-02-27.xml");
  if (!un.ok()) return Fail(un.status());
  auto un_index = Screener::Build(std::move(un).value());
  if (!un_index.ok()) return Fail(un_index.status());
  auto q1 = screen::ReadYenteQueries(d + "/eval/yente/positives_un_untreated.csv");
  auto q2 = screen::ReadYenteQueries(d + "/eval/yente/positives_un_treated.csv");
  auto n1 = screen::ReadYenteQueries(d + "/eval/yente/negatives_global.csv");
  auto n2 = screen::ReadYenteQueries(d + "/eval/yente/negatives_us.csv");
  for (const auto* r : {&q1, &q2, &n1, &n2})
    if (!r->ok()) return Fail(r->status());
  std::vector<Query> neg = *n1;
  neg.insert(neg.end(), n2->begin(), n2->end());
  auto yr = screen::RunYente(**un_index, *q1, *q2, neg, a.threshold, Threads(a.threads));
  std::cout << "== yente fixtures against the UN list\n" << yr.ToString();
  if (a.details) {
    for (const auto& m : yr.misses) std::cout << "  miss " << m << "\n";
    for (const auto& m : yr.false_hits) std::cout << "  false hit " << m << "\n";
  }
  auto sdn = screen::ReadSdnNamesForBench(d + "/ofac/sdn_2024-05-03/sdn.csv",
                                          d + "/ofac/sls_2025-01/alt.csv");
  if (!sdn.ok()) return Fail(sdn.status());
  auto t0 = std::chrono::steady_clock::now();
  auto sdn_index = Screener::Build(std::move(sdn).value());
  if (!sdn_index.ok()) return Fail(sdn_index.status());
  double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "== speed against SDN + aliases (" << (*sdn_index)->entities().size()
            << " entities, " << (*sdn_index)->name_count() << " names; index build " << build_s
            << " s)\n";
  std::vector<Query> all = neg;
  all.insert(all.end(), q1->begin(), q1->end());
  all.insert(all.end(), q2->begin(), q2->end());
  screen::RunSpeed(**sdn_index, all, a.threshold, 1);  // warm caches
  std::cout << "  " << screen::RunSpeed(**sdn_index, all, a.threshold, 1).ToString() << "\n";
  int threads = Threads(a.threads);
  if (threads > 1)
    std::cout << "  " << screen::RunSpeed(**sdn_index, all, a.threshold, threads).ToString()
              << "\n";
  // Cross-script: watchman pairs and Putin spellings, expected entity at rank 1 among
  // the SDN entries plus the expected names.
  {
    auto text = ReadFileToString(d + "/eval/watchman/cross_script_pairs.csv");
    if (!text.ok()) return Fail(text.status());
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& line : Split(*text, '\n')) {
      if (line.empty() || line[0] == '#') continue;
      auto f = Split(line, ',', true, false);
      if (f.size() >= 2) pairs.emplace_back(f[0], f[1]);
    }
    auto base = screen::ReadSdnNamesForBench(d + "/ofac/sdn_2024-05-03/sdn.csv",
                                             d + "/ofac/sls_2025-01/alt.csv");
    if (!base.ok()) return Fail(base.status());
    std::vector<Entity> ents = std::move(base).value();
    for (size_t i = 0; i < pairs.size(); ++i) {
      Entity e("xs-" + std::to_string(i), Schema::Get("Person"));
      e.Add("name", pairs[i].second);
      ents.push_back(std::move(e));
    }
    auto idx = Screener::Build(std::move(ents));
    if (!idx.ok()) return Fail(idx.status());
    int found = 0;
    ScreenOptions o;
    o.threshold = a.threshold;
    for (size_t i = 0; i < pairs.size(); ++i) {
      Query q;
      q.name = pairs[i].first;
      auto m = (*idx)->Screen(q, o);
      // Ties at the top score count (the SDN itself lists some of these names).
      bool ok = false;
      for (const auto& mm : m)
        ok |= mm.score >= m[0].score - 1e-9 && mm.match &&
              (mm.entity_id == "xs-" + std::to_string(i) || mm.matched_name == pairs[i].second);
      found += ok;
      if (a.details)
        std::cout << "  " << (ok ? "found " : "missed ") << pairs[i].first << " -> "
                  << pairs[i].second << " (" << screen::ToLatinAscii(pairs[i].first) << ")\n";
    }
    std::cout << "== watchman cross-script pairs: " << found << "/" << pairs.size()
              << " found at rank 1 above threshold\n";
    auto putin = ReadFileToString(d + "/eval/nomenklatura/putin_names.txt");
    if (!putin.ok()) return Fail(putin.status());
    int pf = 0, pn = 0;
    for (const auto& line : Split(*putin, '\n')) {
      Query q;
      q.name = line;
      ++pn;
      auto m = (*idx)->Screen(q, o);
      bool ok = false;
      for (const auto& mm : m)
        ok |= mm.score >= m[0].score - 1e-9 && mm.match &&
              mm.caption.find("PUTIN") != std::string::npos;
      pf += ok;
      if (a.details && !ok) std::cout << "  missed " << line << "\n";
    }
    std::cout << "== Putin spellings: " << pf << "/" << pn
              << " with the SDN PUTIN entry at rank 1 above threshold\n";
  }
  return 0;
}

}  // namespace

void RegisterScreenCommands(CLI::App& app, int* exit_code) {
  auto sa = std::make_shared<ScreenArgs>();
  auto* s = app.add_subcommand("screen", "Screen names against sanctions lists (JSON lines)");
  s->add_option("--list", sa->lists,
                "List files or folders (OFAC CSV set, UN XML, FtM JSON lines, watchlist CSV)")
      ->required()
      ->expected(1, -1);
  s->add_option("--schema", sa->schema, "Person, Company, Organization, Vessel (default any)");
  s->add_option("--algorithm", sa->algorithm, "Name scorer: logic (default) or ofac")
      ->check(CLI::IsMember({"logic", "ofac"}));
  s->add_option("--threshold", sa->threshold, "Match threshold of the name scorer")
      ->check(CLI::Range(0.0, 1.0));
  s->add_option("--min-score", sa->min_score,
                "Also report candidates from this score (default: the threshold)");
  s->add_option("--top", sa->top, "Matches per query")->check(CLI::PositiveNumber);
  s->add_option("--threads", sa->threads, "Worker threads (default: all cores)");
  s->add_option("--out", sa->out, "Output file (default stdout)");
  s->add_option("queries", sa->queries,
                "CSV with a header (name|full_name, ...) or one name "
                "per line; - for stdin");
  s->callback([sa, exit_code] { *exit_code = RunScreen(*sa); });

  auto ca = std::make_shared<CompareArgs>();
  auto* c = app.add_subcommand("compare",
                               "Score name pairs (name1,name2[,schema]) with the "
                               "logic scorer");
  c->add_option("--pairs", ca->pairs, "CSV of name1,name2[,schema]")->required();
  c->add_option("--algorithm", ca->algorithm, "Name scorer: logic (default) or ofac")
      ->check(CLI::IsMember({"logic", "ofac"}));
  c->add_option("--threshold", ca->threshold, "Match threshold")->check(CLI::Range(0.0, 1.0));
  c->add_option("--threads", ca->threads, "Worker threads (default: all cores)");
  c->add_option("--out", ca->out, "Output file (default stdout)");
  c->callback([ca, exit_code] { *exit_code = RunCompare(*ca); });

  auto ea = std::make_shared<EvalArgs>();
  auto* e = app.add_subcommand("screen-eval",
                               "Run the screening benchmarks "
                               "(name_bench, yente, cross-script, speed)");
  e->add_option("--data", ea->data, "shared/data/sanctions folder")->required();
  e->add_option("--threshold", ea->threshold, "Match threshold")->check(CLI::Range(0.0, 1.0));
  e->add_option("--threads", ea->threads, "Worker threads (default: all cores)");
  e->add_flag("--details", ea->details, "List misses and false hits");
  e->callback([ea, exit_code] { *exit_code = RunEval(*ea); });
}

}  // namespace interdict::cli

#endif  // INTERDICT_HAVE_SCREEN
