#include "actors/http/query_reply.hpp"

#include <caf/sec.hpp>

#include "actors/http/params.hpp"
#include "adapters/http/problem.hpp"

namespace playclock::http_query {

http::response error_response(caf::actor_system& sys, const caf::error& e, const std::string& what,
                              const std::string& instance) {
  if (e == caf::sec::request_timeout)
    return http::problem(http::ec::timeout, what + " did not answer in time", instance);
  if (e.category() == query_error_category) {
    switch (static_cast<query_errc>(e.code())) {
    case query_errc::database_unavailable: {
      auto res = http::problem(http::ec::unavailable, "database unavailable", instance);
      res.headers.emplace_back("Retry-After", "1");
      return res;
    }
    case query_errc::not_found:
    case query_errc::conflict:
    case query_errc::unprocessable:
    case query_errc::forbidden: {
      auto context = e.context().match_elements<std::string>() ? e.context().get_as<std::string>(0)
                                                               : std::string{};
      auto code = static_cast<query_errc>(e.code());
      return http::problem(code == query_errc::not_found   ? http::ec::not_found
                           : code == query_errc::conflict  ? http::ec::conflict
                           : code == query_errc::forbidden ? http::ec::forbidden
                                                           : http::ec::unprocessable,
                           context, instance);
    }
    case query_errc::malformed_cursor:
      return http_params::bad_request(http_params::bad_param{"cursor", "malformed"}, instance);
    default:
      break;
    }
  }
  return http::problem(http::ec::internal, what + " failed: " + sys.render(e), instance);
}

http::response page_response(json_page& page, const std::string& not_found,
                             const std::string& instance) {
  if (!page.found)
    return http::problem(http::ec::not_found, not_found, instance);
  http::response res;
  res.body = std::move(page.body);
  return res;
}

} // namespace playclock::http_query
