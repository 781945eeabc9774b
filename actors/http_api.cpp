#include "actors/http_api.hpp"

#include "actors/http/alerts_routes.hpp"
#include "actors/http/auth_check.hpp"
#include "actors/http/games_routes.hpp"
#include "actors/http/jobs_routes.hpp"
#include "actors/http/markets_routes.hpp"
#include "actors/http/simulations_routes.hpp"
#include "actors/http/system_routes.hpp"
#include "actors/http/tenants_routes.hpp"
#include "adapters/http/router.hpp"

namespace playclock {

std::shared_ptr<http::router> make_router(const http_api_context& given) {
  auto ctx = given;
  http_auth::register_metrics(ctx);
  auto r = std::make_shared<http::router>();
  add_system_routes(*r, ctx);
  add_games_routes(*r, ctx);
  add_markets_routes(*r, ctx);
  add_alerts_routes(*r, ctx);
  add_tenants_routes(*r, ctx);
  add_jobs_routes(*r, ctx);
  add_simulations_routes(*r, ctx);
  return r;
}

} // namespace playclock
