#pragma once
// A real playclockd in a child process, on a free loopback port, for
// integration tests; plus small HTTP helpers.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/http/client.hpp"
#include "tests/support/process.hpp"

namespace playclock::test {

class node_process {
 public:
  /// Starts playclockd --profile testing on `database_url`; `env` adds or
  /// overrides variables, `args` replaces the default arguments.
  explicit node_process(const std::string& database_url,
                        std::map<std::string, std::string> env = {},
                        std::optional<std::vector<std::string>> args = std::nullopt);

  /// Waits until the HTTP listener answers; false if the process died or
  /// `timeout` passed (the output is then in the test log).
  bool wait_ready(std::chrono::milliseconds timeout = std::chrono::seconds{30});

  /// One request to the node, with the bearer token of use_token(); nullopt
  /// if no response came back.
  std::optional<http::client_response> request(const std::string& method, const std::string& path,
                                               std::string body = {});
  /// The same with `token` as the bearer (none if empty).
  std::optional<http::client_response> request_as(const std::string& token,
                                                  const std::string& method,
                                                  const std::string& path, std::string body = {},
                                                  const http::header_list& extra = {});
  /// The bearer token of later requests (none if empty).
  void use_token(std::string token) { token_ = std::move(token); }
  std::optional<http::client_response> get(const std::string& path) { return request("GET", path); }

  std::uint16_t port() const { return port_; }
  child_process& process() { return *proc_; }

 private:
  std::uint16_t port_;
  std::unique_ptr<child_process> proc_;
  std::string token_;
};

/// Sends raw bytes to 127.0.0.1:port and returns everything read until the
/// peer closes or `timeout` passes.
std::string raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds timeout = std::chrono::seconds{5});

/// The value of a top-level string member of a JSON object ("" if absent).
std::string json_string(const std::string& json, const std::string& pointer);

/// The number at `pointer` in `json`; -1 if absent or not a number.
double json_number(const std::string& json, const std::string& pointer);

/// The value of one series in a Prometheus text exposition (`name{labels}`
/// exactly as exposed, or a bare name); -1 when it is absent.
double metric_value(const std::string& exposition, const std::string& series);

} // namespace playclock::test
