#include "screen/eval.h"

#include <cstdio>
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
  std::snprintf(buf, sizeof buf, "P %.3f R %.3f F1 %.3f (TP %d FP %d TN %d FN %d)",
                precision(), recall(), f1(), tp, fp, tn, fn);
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
