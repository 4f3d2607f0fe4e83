// Every list parser on deterministic mutations of its hand-made fixture: truncations,
// byte flips, deleted and duplicated ranges, inserted hostile bytes (NUL, 0xFF, quotes,
// markup, separators), a UTF-8 BOM, swapped lines. Each run must keep the reader invariants
// (fuzz/list_fuzz.h: errors name the file, rows = stored + quarantined, quarantine entries
// name file, line, field and reason) and must not crash; CI runs this test under
// ASan/UBSan. The libFuzzer targets (INTERDICT_FUZZ) explore the same invariants further.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "screen/fuzz/list_fuzz.h"
#include "testutil.h"

namespace interdict::screen::fuzz {
namespace {

std::string Mutate(const std::string& in, std::mt19937* rng, int kind) {
  std::string s = in;
  auto pos = [&](size_t n) { return n == 0 ? size_t(0) : size_t((*rng)() % n); };
  static const char* kHostile[] = {"\0",       "\xFF",
                                   "\"",       "'",
                                   "<",        ">",
                                   "&",        "&#0;",
                                   ",",        "\n",
                                   "\r\n",     ";",
                                   "]]>",      "<!--",
                                   "{",        "}",
                                   "\\u0000",  "\xC3",
                                   "\xE2\x80", "-0-",
                                   "\x1A",     "9999999999999999999"};
  switch (kind % 8) {
    case 0:  // truncate
      s.resize(pos(s.size() + 1));
      break;
    case 1:  // flip bytes
      for (int k = 0; k < 1 + int((*rng)() % 8) && !s.empty(); ++k)
        s[pos(s.size())] ^= static_cast<char>(1 << ((*rng)() % 8));
      break;
    case 2: {  // delete a range
      size_t a = pos(s.size()), len = 1 + pos(64);
      s.erase(a, len);
      break;
    }
    case 3: {  // duplicate a range
      size_t a = pos(s.size()), len = 1 + pos(200);
      s.insert(pos(s.size()), s.substr(a, len));
      break;
    }
    case 4: {  // insert hostile tokens
      for (int k = 0; k < 1 + int((*rng)() % 4); ++k) {
        const char* h = kHostile[pos(sizeof(kHostile) / sizeof(kHostile[0]))];
        std::string t = h[0] == '\0' ? std::string(1, '\0') : std::string(h);
        s.insert(pos(s.size() + 1), t);
      }
      break;
    }
    case 5:  // BOM, then truncate
      s = "\xEF\xBB\xBF" + s.substr(0, pos(s.size() + 1));
      break;
    case 6: {  // swap two lines
      std::vector<std::string> lines;
      size_t start = 0;
      while (start < s.size()) {
        size_t e = s.find('\n', start);
        if (e == std::string::npos) e = s.size() - 1;
        lines.push_back(s.substr(start, e - start + 1));
        start = e + 1;
      }
      if (lines.size() >= 2) std::swap(lines[pos(lines.size())], lines[pos(lines.size())]);
      s.clear();
      for (auto& l : lines) s += l;
      break;
    }
    case 7:  // random bytes
      s.assign(pos(300), '\0');
      for (auto& c : s) c = static_cast<char>((*rng)());
      break;
  }
  return s;
}

struct Case {
  const char* format;
  const char* fixture;  // under tests/data/lists/
  const char* file_name;
  std::vector<const char*> companions;  // OFAC CSV companions, read unmutated
};

class ListParsersRobust : public ::testing::TestWithParam<Case> {};

TEST_P(ListParsersRobust, MutatedFixturesGiveCleanErrors) {
  const Case& c = GetParam();
  std::string lists = testing::TestDataDir() + "/lists/";
  std::string original = testing::ReadFile(lists + c.fixture);
  ASSERT_FALSE(original.empty()) << c.fixture;
  std::string dir = testing::MakeTempDir();
  std::vector<std::string> companions;
  for (const char* comp : c.companions) {
    std::string p = dir + "/" + comp;
    testing::WriteFile(p, testing::ReadFile(lists + "ofac/" + comp));
    companions.push_back(p);
  }
  std::string path = dir + "/" + c.file_name;
  // The fixture itself first: it must read cleanly.
  testing::WriteFile(path, original);
  EXPECT_EQ(CheckReader(c.format, path, c.file_name, companions), "") << "unmutated fixture";
  std::mt19937 rng(20240503);  // deterministic
  constexpr int kRuns = 400;
  int failures = 0;
  for (int i = 0; i < kRuns; ++i) {
    std::string m = Mutate(original, &rng, i);
    if (i % 3 == 0) m = Mutate(m, &rng, static_cast<int>(rng()));  // some double mutations
    testing::WriteFile(path, m);
    std::string problem = CheckReader(c.format, path, c.file_name, companions);
    if (!problem.empty() && ++failures <= 5)
      ADD_FAILURE() << c.format << " mutation " << i << " (kind " << i % 8 << "): " << problem;
  }
  EXPECT_EQ(failures, 0);
}

INSTANTIATE_TEST_SUITE_P(
    AllLists, ListParsersRobust,
    ::testing::Values(Case{"ofac-csv", "ofac/sdn.csv", "sdn.csv", {"alt.csv", "add.csv"}},
                      Case{"ofac-csv", "ofac/alt.csv", "sdn.csv", {}},
                      Case{"ofac-xml", "sdn_small.xml", "sdn.xml", {}},
                      Case{"un-xml", "un_small.xml", "un.xml", {}},
                      Case{"eu-xml", "eu_small.xml", "eu.xml", {}},
                      Case{"ftm-jsonl", "ftm_small.ftm.jsonl", "e.ftm.jsonl", {}},
                      Case{"watchlist-csv", "watchlist.csv", "wl.csv", {}}),
    [](const ::testing::TestParamInfo<Case>& info) {
      std::string n = std::string(info.param.format) + "_" + std::to_string(info.index);
      for (auto& ch : n)
        if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

}  // namespace
}  // namespace interdict::screen::fuzz
