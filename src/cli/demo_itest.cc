// `interdict demo` end to end: simulate -> investigate -> eval on the small world. Checks
// the simulator's promise that everything it writes ingests cleanly except the AIS
// sentences it corrupted on purpose, which its answer key counts.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "testutil.h"

namespace interdict {
namespace {

std::string RunDemo(const std::string& out, int* code) {
  std::string cmd = std::string(INTERDICT_BIN) + " demo --out " + out + " 2>&1";
  std::string text;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while (p && (n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int st = p ? pclose(p) : -1;
  *code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return text;
}

int64_t Counter(const std::string& text, const std::string& name) {
  auto pos = text.find(" " + name + "=");
  if (pos == std::string::npos) return -1;
  return std::stoll(text.substr(pos + name.size() + 2));
}

TEST(Demo, CleanIngestPlantedAisCorruptionCountedAndMetricsPrinted) {
  std::string out = testing::MakeTempDir() + "/demo";
  int code = 0;
  std::string text = RunDemo(out, &code);
  ASSERT_EQ(code, 0) << text;
  auto key = nlohmann::json::parse(testing::ReadFile(out + "/truth.json"));
  EXPECT_EQ(key["expected_quarantine"]["other"], 0);
  // Records: nothing quarantined.
  EXPECT_NE(text.find("stored + 0 quarantined"), std::string::npos) << text;
  // AIS: the corrupt sentences the key lists are exactly the ones the decoder rejected.
  int64_t rejected = Counter(text, "bad_checksum") + Counter(text, "bad_tag_blocks") +
                     Counter(text, "malformed") + Counter(text, "decode_errors");
  EXPECT_EQ(rejected, key["expected_quarantine"]["ais"].get<int64_t>()) << text;
  EXPECT_EQ(Counter(text, "lines"), key["ais"]["lines"].get<int64_t>());
  // The leads table and the evaluation are printed.
  EXPECT_NE(text.find("rank score"), std::string::npos);
  EXPECT_NE(text.find("ROC-AUC"), std::string::npos);
  EXPECT_NE(text.find("precision@k"), std::string::npos);
  for (const char* f : {"leads.jsonl", "declarations.csv", "report.html", "tracks.idt"})
    EXPECT_FALSE(testing::ReadFile(out + "/results/" + f).empty()) << f;
}

}  // namespace
}  // namespace interdict
