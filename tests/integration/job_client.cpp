#include "tests/integration/job_client.hpp"

#include <catch2/catch.hpp>

#include "tests/support/wait.hpp"

namespace playclock::test {

std::map<std::string, std::string> tenants_env(std::map<std::string, std::string> more) {
  std::map<std::string, std::string> env{
      {"PLAYCLOCK_AUTH__ADMIN_TOKEN", admin_token},
      {"PLAYCLOCK_TENANTS", R"([{"id":"acme","token":")" + acme_token + R"("},)" +
                                R"({"id":"bravo","token":")" + bravo_token + R"("}])"}};
  for (auto& [k, v] : more)
    env[k] = v;
  return env;
}

std::string run_job(node_process& node, const std::string& token, const std::string& path,
                    const std::string& body, std::chrono::milliseconds timeout) {
  auto res = node.request_as(token, "POST", path, body);
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 202);
  auto location = res->header("location").value_or("");
  std::string job;
  bool ended = wait_until(
      [&] {
        auto j = node.request_as(token, "GET", location);
        if (!j)
          return false;
        job = j->body;
        auto status = json_string(job, "/status");
        return status == "completed" || status == "failed";
      },
      timeout);
  INFO(job);
  REQUIRE(ended);
  return job;
}

} // namespace playclock::test
