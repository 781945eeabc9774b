#pragma once
// A JSON file in the temp directory for one test, removed afterwards.

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace playclock::config::test {

/// Writes `contents` to a fresh file; the file is removed on destruction.
class temp_file {
 public:
  explicit temp_file(const std::string& contents) {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("playclock-config-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
              ".json"))
                .string();
    std::ofstream{path_} << contents;
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  ~temp_file() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

} // namespace playclock::config::test
