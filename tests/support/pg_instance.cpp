#include "tests/support/pg_instance.hpp"

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "tests/support/process.hpp"
#include "tests/support/test_database.hpp"

namespace playclock::test {
namespace {

// "15" -> {15}, "9.6" -> {9, 6}; non-numbers sort first.
std::vector<int> version_of(const std::string& name) {
  std::vector<int> parts;
  std::istringstream in{name};
  for (std::string part; std::getline(in, part, '.');) {
    try {
      parts.push_back(std::stoi(part));
    } catch (const std::exception&) {
      return {};
    }
  }
  return parts;
}

std::string last_lines(const std::string& text, std::size_t count) {
  auto pos = text.size();
  for (std::size_t n = 0; n <= count && pos != std::string::npos && pos > 0; ++n)
    pos = text.rfind('\n', pos - 1);
  return pos == std::string::npos ? text : text.substr(pos + 1);
}

} // namespace

std::optional<std::filesystem::path> postgresql_bindir() {
  const std::filesystem::path root{"/usr/lib/postgresql"};
  std::error_code ec;
  std::vector<std::filesystem::path> candidates;
  for (const auto& entry : std::filesystem::directory_iterator{root, ec})
    candidates.push_back(entry.path());
  std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    return version_of(a.filename().string()) > version_of(b.filename().string());
  });
  for (const auto& dir : candidates) {
    auto bin = dir / "bin";
    if (::access((bin / "initdb").c_str(), X_OK) == 0 &&
        ::access((bin / "pg_ctl").c_str(), X_OK) == 0)
      return bin;
  }
  return std::nullopt;
}

pg_instance::pg_instance(bool start_now) {
  auto bin = postgresql_bindir();
  const bool root = ::geteuid() == 0;
  struct passwd* pg_user = root ? ::getpwnam("postgres") : nullptr;
  if (!bin || (root && pg_user == nullptr)) {
    const char* why = !bin ? "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
                           : "running as root, but there is no `postgres` user to run the server";
    if (database_required())
      FAIL(why << " (PLAYCLOCK_TEST_REQUIRE_DB=1)");
    WARN("skipped: " << why << " (install the postgresql package)");
    return;
  }
  bin_ = *bin;
  auto pattern = (std::filesystem::temp_directory_path() / "pc_pg_XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::system_error{errno, std::generic_category(), "mkdtemp " + pattern};
  dir_ = pattern;
  try {
    if (root && ::chown(dir_.c_str(), pg_user->pw_uid, pg_user->pw_gid) != 0)
      throw std::system_error{errno, std::generic_category(), "chown postgres " + dir_.string()};
    port_ = free_port();
    run((bin_ / "initdb").string(), {"-D", (dir_ / "data").string(), "-U", "postgres", "-A",
                                     "trust", "-E", "UTF8", "--no-locale", "--no-sync"});
    // initdb's trust lines cover the unix socket and loopback only.
    std::ofstream conf{dir_ / "data" / "postgresql.conf", std::ios::app};
    conf << "\n# playclock test instance\n"
         << "listen_addresses = '127.0.0.1'\n"
         << "port = " << port_ << "\n"
         << "unix_socket_directories = '" << dir_.string() << "'\n"
         << "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
         << "max_connections = 50\nlogging_collector = off\n";
    conf.close();
    if (!conf)
      throw std::runtime_error("cannot write " + (dir_ / "data" / "postgresql.conf").string());
    if (start_now)
      start();
  } catch (...) {
    remove();
    throw;
  }
}

pg_instance::~pg_instance() {
  remove();
}

void pg_instance::run(const std::string& program, const std::vector<std::string>& args) const {
  std::vector<std::string> argv;
  std::string exe = program;
  if (::geteuid() == 0) { // initdb and postgres refuse root
    argv = {"-u", "postgres", "--", program};
    exe = "runuser";
  }
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run_command(exe, argv, std::chrono::seconds{60});
  if (r.exit_code != 0) {
    std::string cmd = program;
    for (const auto& a : args)
      cmd += " " + a;
    throw std::runtime_error(cmd + " failed (exit " + std::to_string(r.exit_code) + "):\n" +
                             r.output + "\nserver log:\n" + last_lines(log(), 30));
  }
}

void pg_instance::start() {
  if (!available() || running_)
    return;
  run((bin_ / "pg_ctl").string(), {"-D", (dir_ / "data").string(), "-l",
                                   (dir_ / "postgresql.log").string(), "-w", "-t", "30", "start"});
  running_ = true;
  if (!created_database_) {
    pqxx::connection c{url("postgres")};
    pqxx::nontransaction tx{c};
    tx.exec0("CREATE DATABASE playclock");
    created_database_ = true;
  }
}

void pg_instance::stop() {
  if (!available() || !running_)
    return;
  run((bin_ / "pg_ctl").string(),
      {"-D", (dir_ / "data").string(), "-m", "fast", "-w", "-t", "30", "stop"});
  running_ = false;
}

void pg_instance::restart() {
  stop();
  start();
}

std::string pg_instance::url(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string pg_instance::log() const {
  std::ifstream in{dir_ / "postgresql.log"};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void pg_instance::remove() {
  if (dir_.empty())
    return;
  auto data = dir_ / "data";
  std::error_code ec;
  if (std::filesystem::exists(data / "postmaster.pid", ec)) {
    try {
      run((bin_ / "pg_ctl").string(),
          {"-D", data.string(), "-m", "immediate", "-w", "-t", "30", "stop"});
    } catch (const std::exception&) {
      // pg_ctl could not stop it: kill the postmaster (first line of its pid file).
      std::ifstream pid_file{data / "postmaster.pid"};
      pid_t pid = 0;
      if (pid_file >> pid && pid > 0)
        ::kill(pid, SIGKILL);
    }
  }
  running_ = false;
  std::filesystem::remove_all(dir_, ec);
  dir_.clear();
}

} // namespace playclock::test
