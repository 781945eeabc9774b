#include "tests/integration/node_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "tests/support/wait.hpp"

namespace playclock::test {

node_process::node_process(const std::string& database_url, std::map<std::string, std::string> env,
                           std::optional<std::vector<std::string>> args)
    : port_(free_port()) {
  std::map<std::string, std::string> full{
      {"DATABASE_URL", database_url},
      {"PLAYCLOCK_HTTP__LISTEN", "127.0.0.1:" + std::to_string(port_)},
      {"PLAYCLOCK_LOG__FILE", ""},
      {"PLAYCLOCK_NODE__NAME", "itest-" + std::to_string(port_)},
  };
  for (auto& kv : env)
    full[kv.first] = kv.second;
  proc_ = std::make_unique<child_process>(
      PLAYCLOCK_DAEMON_PATH, args.value_or(std::vector<std::string>{"--profile", "testing"}), full);
}

bool node_process::wait_ready(std::chrono::milliseconds timeout) {
  return wait_until(
             [&] {
               if (!proc_->running())
                 return true; // stop waiting: it died
               return get("/").has_value();
             },
             timeout, std::chrono::milliseconds{100}) &&
         proc_->running();
}

std::optional<http::client_response>
node_process::request(const std::string& method, const std::string& path, std::string body) {
  return request_as(token_, method, path, std::move(body));
}

std::optional<http::client_response> node_process::request_as(const std::string& token,
                                                              const std::string& method,
                                                              const std::string& path,
                                                              std::string body,
                                                              const http::header_list& extra) {
  http::client_request req;
  if (!token.empty())
    req.headers.emplace_back("Authorization", "Bearer " + token);
  req.headers.insert(req.headers.end(), extra.begin(), extra.end());
  req.method = method;
  req.url = "http://127.0.0.1:" + std::to_string(port_) + path;
  req.body = std::move(body);
  req.timeout = std::chrono::seconds{10};
  auto res = http::fetch(req);
  if (auto* ok = std::get_if<http::client_response>(&res))
    return std::move(*ok);
  return std::nullopt;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds timeout) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return {};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0)
        break;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
        break;
      auto n = ::recv(fd, buf, sizeof(buf), 0);
      if (n <= 0)
        break;
      out.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return out;
}

std::string json_string(const std::string& json, const std::string& pointer) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  if (doc.HasParseError())
    return {};
  auto* v = rapidjson::Pointer(pointer.c_str()).Get(doc);
  return v != nullptr && v->IsString() ? v->GetString() : std::string{};
}

double json_number(const std::string& json, const std::string& pointer) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  if (doc.HasParseError())
    return -1;
  auto* v = rapidjson::Pointer(pointer.c_str()).Get(doc);
  return v != nullptr && v->IsNumber() ? v->GetDouble() : -1;
}

double metric_value(const std::string& exposition, const std::string& series) {
  auto key = series.back() == ' ' ? series : series + " ";
  for (std::size_t at = 0; at < exposition.size();) {
    auto end = exposition.find('\n', at);
    if (end == std::string::npos)
      end = exposition.size();
    if (exposition.compare(at, key.size(), key) == 0)
      return std::stod(exposition.substr(at + key.size(), end - at - key.size()));
    at = end + 1;
  }
  return -1;
}

} // namespace playclock::test
