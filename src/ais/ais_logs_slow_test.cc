// Differential test over every real log in ../shared/data/maritime/ais: each line that
// gpsd 3.22's `gpsdecode -j` printed (generated-gpsdecode-3.22/) must appear, byte for
// byte and in order, in our --gpsd output. We may print more (interleaved fragments we
// reassemble, a last line without newline, type-24 pairs gpsd's small ring lost); those
// extras are listed in docs/ais.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "interdict/ais.h"
#include "testutil.h"

namespace interdict::ais {
namespace {

namespace fs = std::filesystem;

TEST(GpsdLogsTest, OursIsASupersetOfGpsdOnEveryLog) {
  std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "needs ../shared/data/maritime/ais (absent)";
  const std::string dir = shared + "/maritime/ais";
  const std::string gen = dir + "/gpsd/generated-gpsdecode-3.22";
  int files = 0;
  for (const auto& e : fs::directory_iterator(gen)) {
    std::string name = e.path().filename().string();
    const std::string suffix = ".gpsdecode-j.json";
    if (name.size() <= suffix.size()) continue;
    std::string stem = name.substr(0, name.size() - suffix.size());
    size_t us = stem.find('_');
    std::string src = stem.substr(0, us) == "gpsd"
                          ? dir + "/gpsd/daemon/" + stem.substr(us + 1 + 7)  // "daemon_"
                          : dir + "/" + stem.substr(0, us) + "/" + stem.substr(us + 1);
    ASSERT_TRUE(fs::exists(src)) << src;
    std::vector<std::string> ours;
    JsonOptions o;
    o.gpsd_compat = true;
    AisStats st;
    ASSERT_TRUE(DecodeFile(
                    src,
                    [&](const AisMessage& m) {
                      std::string j;
                      if (AppendGpsdJson(m, o, &j)) ours.push_back(j);
                    },
                    &st)
                    .ok());
    std::string text = testing::ReadFile(e.path().string());
    size_t pos = 0, matched = 0, expected = 0, k = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string l = text.substr(pos, nl - pos);
      pos = nl + 1;
      if (!l.empty() && l.back() == '\r') l.pop_back();
      if (l.find("\"class\":\"AIS\"") == std::string::npos) continue;  // TPV/SKY lines
      ++expected;
      while (k < ours.size() && ours[k] != l) ++k;
      if (k < ours.size()) {
        ++matched;
        ++k;
      } else {
        ADD_FAILURE() << src << ": gpsd line not found in order: " << l;
        break;
      }
    }
    EXPECT_EQ(matched, expected) << src;
    // Every line is accounted for.
    EXPECT_EQ(st.lines, st.sentences + st.skipped_lines + st.bad_checksum + st.malformed);
    ++files;
  }
  EXPECT_EQ(files, 21);
}

}  // namespace
}  // namespace interdict::ais
