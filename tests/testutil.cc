#include "testutil.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace interdict::testing {
namespace fs = std::filesystem;

namespace {
struct TempDirs {
  std::vector<std::string> dirs;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& d : dirs) fs::remove_all(d, ec);
  }
};
TempDirs g_temp;
}  // namespace

std::string SourceDir() {
  const char* env = std::getenv("INTERDICT_SOURCE_DIR");
  if (env && *env) return env;
  return INTERDICT_SOURCE_DIR;
}

std::string TestDataDir() { return SourceDir() + "/tests/data"; }

std::string SharedDataDir() {
  const char* env = std::getenv("INTERDICT_SHARED_DATA");
  if (env && *env) return fs::is_directory(env) ? env : "";
  fs::path p = fs::path(SourceDir()).parent_path() / "shared" / "data";
  return fs::is_directory(p) ? p.string() : "";
}

std::string MakeTempDir() {
  std::string tmpl = (fs::temp_directory_path() / "interdict-test-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed");
  g_temp.dirs.emplace_back(buf.data());
  return buf.data();
}

void WriteFile(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace interdict::testing
