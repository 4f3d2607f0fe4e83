// Test helpers shared by all test binaries.
#ifndef INTERDICT_TESTS_TESTUTIL_H_
#define INTERDICT_TESTS_TESTUTIL_H_

#include <string>

namespace interdict::testing {

// The repository root (from the build), for tests/data fixtures.
std::string SourceDir();
std::string TestDataDir();  // SourceDir() + "/tests/data"
// ../shared/data beside the repository, or "" if absent. Tests that need it call
// GTEST_SKIP() << "needs ../shared/data (...)" when this is empty.
std::string SharedDataDir();
// A fresh empty directory under the system temp dir, removed at process exit.
std::string MakeTempDir();
void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_TESTUTIL_H_
