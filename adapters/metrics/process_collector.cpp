#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/metrics/registry.hpp"

namespace playclock::metrics {

namespace {

using prometheus::MetricType;

// Fields of /proc/self/stat after the command name, which may hold spaces.
std::vector<std::string> stat_fields() {
  std::ifstream in{"/proc/self/stat"};
  std::string line{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  auto close = line.rfind(')');
  if (close == std::string::npos)
    return {};
  std::istringstream rest{line.substr(close + 2)};
  return {std::istream_iterator<std::string>{rest}, std::istream_iterator<std::string>{}};
}

double boot_time_seconds() {
  std::ifstream in{"/proc/stat"};
  std::string key;
  double value = 0;
  while (in >> key) {
    if (key == "btime") {
      in >> value;
      return value;
    }
    in.ignore(4096, '\n');
  }
  return 0;
}

double open_fds() {
  double n = 0;
  if (auto* dir = opendir("/proc/self/fd")) {
    while (auto* entry = readdir(dir))
      if (entry->d_name[0] != '.')
        ++n;
    closedir(dir);
    --n; // the descriptor of the directory stream itself
  }
  return n;
}

class process_collector : public prometheus::Collectable {
public:
  std::vector<prometheus::MetricFamily> Collect() const override {
    std::vector<prometheus::MetricFamily> out;
    auto f = stat_fields();
    // After "(comm) ": state is index 0, so field N of proc(5) is index N-3.
    if (f.size() < 22)
      return out;
    auto ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    auto page = static_cast<double>(sysconf(_SC_PAGESIZE));
    auto cpu = (std::stod(f[11]) + std::stod(f[12])) / ticks;
    out.push_back(single("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
                         MetricType::Counter, cpu));
    out.push_back(single("process_resident_memory_bytes", "Resident memory size in bytes.",
                         MetricType::Gauge, std::stod(f[21]) * page));
    out.push_back(single("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                         MetricType::Gauge, std::stod(f[20])));
    out.push_back(single("process_start_time_seconds",
                         "Start time of the process since unix epoch in seconds.", MetricType::Gauge,
                         boot_time_seconds() + std::stod(f[19]) / ticks));
    out.push_back(single("process_threads", "Number of OS threads in the process.",
                         MetricType::Gauge, std::stod(f[17])));
    out.push_back(single("process_open_fds", "Number of open file descriptors.", MetricType::Gauge,
                         open_fds()));
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0)
      out.push_back(single("process_max_fds", "Maximum number of open file descriptors.",
                           MetricType::Gauge, static_cast<double>(lim.rlim_cur)));
    return out;
  }
};

} // namespace

std::shared_ptr<prometheus::Collectable> make_process_collector() {
  return std::make_shared<process_collector>();
}

} // namespace playclock::metrics
