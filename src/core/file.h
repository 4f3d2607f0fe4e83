// File access. Readers take a MappedFile (read-only mmap) so large inputs are not copied.
#ifndef INTERDICT_CORE_FILE_H_
#define INTERDICT_CORE_FILE_H_

#include <memory>
#include <string>
#include <string_view>

#include "interdict/status.h"

namespace interdict {

class MappedFile {
 public:
  static Result<std::unique_ptr<MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view data() const { return {static_cast<const char*>(addr_), size_}; }
  const std::string& path() const { return path_; }

 private:
  MappedFile(std::string path, void* addr, size_t size)
      : path_(std::move(path)), addr_(addr), size_(size) {}
  std::string path_;
  void* addr_;
  size_t size_;
};

Result<std::string> ReadFileToString(const std::string& path);
// Writes atomically: to `path.tmp`, fsync, rename. A killed process leaves the old file or
// the new one, never half of one.
Status WriteFileAtomic(const std::string& path, std::string_view content);

}  // namespace interdict

#endif  // INTERDICT_CORE_FILE_H_
