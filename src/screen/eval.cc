#include "screen/eval.h"

#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"

namespace interdict::screen {

void Confusion::Add(bool truth, bool predicted) {
  if (truth && predicted) ++tp;
  if (truth && !predicted) ++fn;
  if (!truth && predicted) ++fp;
  if (!truth && !predicted) ++tn;
}

std::string Confusion::ToString() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, "P %.3f R %.3f F1 %.3f (TP %d FP %d TN %d FN %d)", precision(),
                recall(), f1(), tp, fp, tn, fn);
  return buf;
}

std::string NameBenchReport::ToString() const {
  char buf[64];
  std::snprintf(buf, sizeof buf, "threshold %.2f\n", threshold);
  std::string s = buf;
  s += "all: " + all.ToString() + "\n";
  for (const auto& [k, c] : by_group) s += "  group " + k + ": " + c.ToString() + "\n";
  for (const auto& [k, c] : by_schema) s += "  schema " + k + ": " + c.ToString() + "\n";
  return s;
}

namespace {

// Reads a CSV with a header into maps (field name -> value).
Result<std::vector<std::unordered_map<std::string, std::string>>> ReadCsvMaps(
    const std::string& path) {
  ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  CsvReader reader(file->data());
  CsvRecord rec;
  std::vector<std::string> header;
  std::vector<std::unordered_map<std::string, std::string>> rows;
  while (reader.Next(&rec)) {
    if (!rec.error.empty())
      return Status::Corruption(path + ":" + std::to_string(rec.line) + ": " + rec.error);
    if (header.empty()) {
      header = rec.fields;
      for (auto& h : header) h = std::string(Trim(h));
      if (!header.empty() && StartsWith(header[0], "\xEF\xBB\xBF")) header[0].erase(0, 3);
      continue;
    }
    std::unordered_map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < rec.fields.size(); ++i)
      row[header[i]] = rec.fields[i];
    rows.push_back(std::move(row));
  }
  if (header.empty()) return Status::Corruption(path + ": empty file");
  return rows;
}

}  // namespace

Result<NameBenchReport> RunNameBench(const std::string& cases_csv, double threshold) {
  ASSIGN_OR_RETURN(auto rows, ReadCsvMaps(cases_csv));
  NameBenchReport rep;
  rep.threshold = threshold;
  for (auto& row : rows) {
    const std::string& schema = row["schema"];
    bool truth = row["is_match"] == "true" || row["is_match"] == "True";
    double score = CompareNameStrings(row["name1"], row["name2"], schema).score;
    bool pred = score >= threshold - 1e-6;
    rep.all.Add(truth, pred);
    rep.by_group[row["case_group"]].Add(truth, pred);
    rep.by_schema[schema].Add(truth, pred);
    if (truth != pred) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%s %.3f ", truth ? "FN" : "FP", score);
      rep.errors.push_back(buf + schema + ": " + row["name1"] + " | " + row["name2"] + " [" +
                           row["category"] + "]");
    }
  }
  return rep;
}

Result<std::vector<Query>> ReadYenteQueries(const std::string& path) {
  ASSIGN_OR_RETURN(auto rows, ReadCsvMaps(path));
  std::vector<Query> out;
  out.reserve(rows.size());
  int n = 0;
  for (auto& row : rows) {
    Query q;
    q.id = std::to_string(++n);
    q.name = row["full_name"];
    q.schema = "Person";
    q.birth_date = row["date_of_birth"];
    q.country = row["nationality"];
    q.gender = row["gender"];
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace interdict::screen

// ---------------------------------------------------------------------------------
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <unordered_set>

#include "screen/readers.h"

namespace interdict::screen {
namespace {

class CollectSink : public RecordSink {
 public:
  Status Record(Entity record, int64_t) override {
    records.push_back(std::move(record));
    return Status::Ok();
  }
  Status Quarantine(QuarantineEntry) override { return Status::Ok(); }
  std::vector<Entity> records;
};

std::string TokenSorted(std::string_view name) {
  std::vector<std::string> t = Split(ToLatinAscii(name), ' ');
  std::sort(t.begin(), t.end());
  return Join(t, " ");
}

}  // namespace

Result<std::vector<Entity>> ReadUnList(const std::string& path) {
  auto reader = NewUnXmlReader();
  CollectSink sink;
  InputUnit unit{"un-xml", {path}, path};
  ReadContext ctx;
  ctx.display_names = {path};
  auto rows = reader->Read(unit, ctx, &sink);
  if (!rows.ok()) return rows.status();
  return std::move(sink.records);
}

Result<std::vector<Entity>> ReadSdnNamesForBench(const std::string& sdn_csv,
                                                 const std::string& alt_csv) {
  ASSIGN_OR_RETURN(auto sdn, MappedFile::Open(sdn_csv));
  std::vector<Entity> out;
  std::unordered_map<std::string, size_t> by_num;
  CsvReader r(sdn->data());
  CsvRecord rec;
  auto clean = [](const std::string& v) {
    std::string s(Trim(v));
    return s == "-0-" ? std::string() : s;
  };
  while (r.Next(&rec)) {
    if (rec.fields.size() < 3) continue;
    std::string num = clean(rec.fields[0]);
    std::string name = clean(rec.fields[1]);
    if (num.empty() || name.empty()) continue;
    std::string type = AsciiLower(clean(rec.fields[2]));
    const char* schema = type == "individual" ? "Person"
                         : type == "vessel"   ? "Vessel"
                         : type == "aircraft" ? "Airplane"
                                              : "Organization";
    Entity e("ofac-" + num, Schema::Get(schema));
    e.Add("name", name);
    e.Add("topics", "sanction");
    if (rec.fields.size() > 3) e.Add("program", clean(rec.fields[3]));
    by_num[num] = out.size();
    out.push_back(std::move(e));
  }
  if (!alt_csv.empty()) {
    ASSIGN_OR_RETURN(auto alt, MappedFile::Open(alt_csv));
    CsvReader ar(alt->data());
    while (ar.Next(&rec)) {
      if (rec.fields.size() < 4) continue;
      auto it = by_num.find(clean(rec.fields[0]));
      if (it == by_num.end()) continue;
      out[it->second].Add("alias", clean(rec.fields[3]));
    }
  }
  return out;
}

std::string YenteReport::ToString() const {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "threshold %.2f\nuntreated rank-1: %d/%d = %.2f%%\ntreated rank-1: %d/%d = "
                "%.2f%%\n(no identifiable UN entry: %d rows)\nnegatives with any hit: %d/%d "
                "= %.3f%%\n",
                threshold, untreated_rank1, untreated,
                untreated ? 100.0 * untreated_rank1 / untreated : 0, treated_rank1, treated,
                treated ? 100.0 * treated_rank1 / treated : 0, no_truth, negatives_hit, negatives,
                negatives ? 100.0 * negatives_hit / negatives : 0);
  return buf;
}

namespace {

// Runs fn(i) for i in [0, n) on `threads` threads.
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

}  // namespace

YenteReport RunYente(const Screener& screener, const std::vector<Query>& untreated,
                     const std::vector<Query>& treated, const std::vector<Query>& negatives,
                     double threshold, int threads) {
  YenteReport rep;
  rep.threshold = threshold;
  std::unordered_map<std::string, std::vector<std::string>> truth;  // sorted name -> ids
  for (const Entity& e : screener.entities())
    for (const char* p : {"name", "alias"})
      for (const auto& n : e.Values(p)) {
        auto& v = truth[TokenSorted(n)];
        if (std::find(v.begin(), v.end(), e.id()) == v.end()) v.push_back(e.id());
      }
  ScreenOptions opts;
  opts.threshold = threshold;
  opts.top = 5;
  std::vector<std::vector<std::string>> expected(untreated.size());
  for (size_t i = 0; i < untreated.size(); ++i) {
    auto it = truth.find(TokenSorted(untreated[i].name));
    if (it != truth.end()) expected[i] = it->second;
  }
  auto run = [&](const std::vector<Query>& qs, int* total, int* ok, const char* label) {
    std::vector<std::string> got(qs.size());
    std::vector<char> hit(qs.size(), 0);
    ParallelFor(qs.size(), threads, [&](size_t i) {
      if (i >= expected.size() || expected[i].empty()) return;
      auto m = screener.Screen(qs[i], opts);
      if (!m.empty()) got[i] = m[0].entity_id;
      const auto& ex = expected[i];
      hit[i] =
          !m.empty() && m[0].match && std::find(ex.begin(), ex.end(), m[0].entity_id) != ex.end();
    });
    for (size_t i = 0; i < qs.size() && i < expected.size(); ++i) {
      if (expected[i].empty()) continue;
      ++*total;
      if (hit[i]) {
        ++*ok;
      } else if (rep.misses.size() < 200) {
        rep.misses.push_back(std::string(label) + ": " + qs[i].name + " -> " + expected[i][0] +
                             " (got " + (got[i].empty() ? "-" : got[i]) + ")");
      }
    }
  };
  for (const auto& e : expected) rep.no_truth += e.empty();
  run(untreated, &rep.untreated, &rep.untreated_rank1, "untreated");
  run(treated, &rep.treated, &rep.treated_rank1, "treated");
  std::vector<std::string> first(negatives.size());
  std::vector<char> nhit(negatives.size(), 0);
  ParallelFor(negatives.size(), threads, [&](size_t i) {
    auto m = screener.Screen(negatives[i], opts);
    if (!m.empty() && m[0].match) {
      nhit[i] = 1;
      first[i] = negatives[i].name + " -> " + m[0].entity_id + " '" + m[0].matched_name + "' " +
                 std::to_string(m[0].score) + " " + m[0].explanation.ToString();
    }
  });
  rep.negatives = static_cast<int>(negatives.size());
  for (size_t i = 0; i < negatives.size(); ++i)
    if (nhit[i]) {
      ++rep.negatives_hit;
      if (rep.false_hits.size() < 200) rep.false_hits.push_back(first[i]);
    }
  return rep;
}

std::string SpeedReport::ToString() const {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "%zu queries on %d thread(s) in %.3f s: %.0f queries/s/core, p50 %.1f us, p99 "
                "%.1f us, %zu with a hit",
                queries, threads, seconds, qps_per_core, p50_us, p99_us, hits);
  return buf;
}

SpeedReport RunSpeed(const Screener& screener, const std::vector<Query>& queries, double threshold,
                     int threads) {
  SpeedReport rep;
  rep.queries = queries.size();
  rep.threads = threads;
  ScreenOptions opts;
  opts.threshold = threshold;
  std::vector<float> lat(queries.size());
  std::atomic<size_t> hits{0};
  auto t0 = std::chrono::steady_clock::now();
  ParallelFor(queries.size(), threads, [&](size_t i) {
    auto a = std::chrono::steady_clock::now();
    auto m = screener.Screen(queries[i], opts);
    auto b = std::chrono::steady_clock::now();
    lat[i] = std::chrono::duration<float, std::micro>(b - a).count();
    if (!m.empty()) hits.fetch_add(1, std::memory_order_relaxed);
  });
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rep.hits = hits.load();
  rep.qps_per_core = rep.seconds > 0 ? queries.size() / rep.seconds / threads : 0;
  if (!lat.empty()) {
    std::sort(lat.begin(), lat.end());
    rep.p50_us = lat[lat.size() / 2];
    rep.p99_us = lat[std::min(lat.size() - 1, lat.size() * 99 / 100)];
  }
  return rep;
}

double BruteForceJaroWinklerQps(const std::vector<std::string>& list_names,
                                const std::vector<Query>& queries) {
  auto t0 = std::chrono::steady_clock::now();
  double sink = 0;
  for (const auto& q : queries) {
    std::string qn = ToLatinAscii(q.name);
    double best = 0;
    for (const auto& n : list_names) best = std::max(best, JaroWinkler(qn, n));
    sink += best;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (sink < 0) return 0;  // keep the loop
  return s > 0 ? queries.size() / s : 0;
}

std::string OfacParityReport::ToString() const {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "%d scored pairs: mean absolute error %.4f, max %.3f, within 0.05: %d; "
                "%d pairs OFAC did not return (our mean score on them %.3f)\n",
                scored, mae, max_error, within_005, not_returned, not_returned_mean);
  std::string out = buf;
  for (const auto& w : worst) out += "  " + w + "\n";
  return out;
}

Result<OfacParityReport> RunOfacParity(const std::string& scores_csv) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(scores_csv));
  CsvReader reader(text);
  CsvRecord rec;
  OfacParityReport rep;
  bool header = true;
  std::vector<std::pair<double, std::string>> errs;
  double sum = 0, neg_sum = 0;
  while (reader.Next(&rec)) {
    if (!rec.error.empty())
      return Status::Corruption(scores_csv + ":" + std::to_string(rec.line) + ": " + rec.error);
    if (header) {
      header = false;
      continue;
    }
    if (rec.fields.size() < 3)
      return Status::Corruption(scores_csv + ":" + std::to_string(rec.line) +
                                ": expected query_name,result_name,ofac_score");
    double ours = OfacNameScore(rec.fields[0], rec.fields[1]);
    int observed = std::atoi(rec.fields[2].c_str());
    if (observed < 0) {  // -1: OFAC's search did not list the result
      ++rep.not_returned;
      neg_sum += ours;
      continue;
    }
    double e = std::abs(ours - observed / 100.0);
    ++rep.scored;
    sum += e;
    rep.max_error = std::max(rep.max_error, e);
    rep.within_005 += e <= 0.05 + 1e-9;
    char buf[200];
    std::snprintf(buf, sizeof buf, "%.3f  %s | %s: OFAC %d, ours %.1f", e, rec.fields[0].c_str(),
                  rec.fields[1].c_str(), observed, ours * 100);
    errs.emplace_back(e, buf);
  }
  rep.mae = rep.scored ? sum / rep.scored : 0;
  rep.not_returned_mean = rep.not_returned ? neg_sum / rep.not_returned : 0;
  std::sort(errs.begin(), errs.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  for (size_t i = 0; i < errs.size() && i < 5; ++i) rep.worst.push_back(errs[i].second);
  return rep;
}

}  // namespace interdict::screen
