#include "adapters/pg/pool_metrics.hpp"

#include "adapters/metrics/registry.hpp"
#include "adapters/pg/pool.hpp"

namespace playclock::pg {

namespace {

using prometheus::MetricType;

class pool_collector : public prometheus::Collectable {
public:
  explicit pool_collector(std::shared_ptr<const pool> p) : pool_(std::move(p)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    using metrics::single;
    auto s = pool_->stats();
    std::vector<prometheus::MetricFamily> out;
    out.push_back(single("playclock_db_pool_max_connections", "Size of the connection pool.",
                         MetricType::Gauge, s.size));
    prometheus::MetricFamily conns{"playclock_db_pool_connections",
                                   "Open pooled connections by state.", MetricType::Gauge, {}};
    metrics::add_sample(conns, {{"state", "in_use"}}, s.in_use);
    metrics::add_sample(conns, {{"state", "idle"}}, s.idle);
    out.push_back(std::move(conns));
    out.push_back(single("playclock_db_pool_waits_total",
                         "Acquires that found no free connection and waited.", MetricType::Counter,
                         static_cast<double>(s.waits)));
    out.push_back(single("playclock_db_pool_wait_seconds_total",
                         "Time spent waiting for a free connection.", MetricType::Counter,
                         s.wait_seconds));
    out.push_back(single("playclock_db_pool_acquire_timeouts_total",
                         "Acquires that gave up waiting for a connection.", MetricType::Counter,
                         static_cast<double>(s.acquire_timeouts)));
    out.push_back(single("playclock_db_connects_total", "Connections opened to PostgreSQL.",
                         MetricType::Counter, static_cast<double>(s.connects)));
    out.push_back(single("playclock_db_connect_failures_total",
                         "Failed attempts to open a connection.", MetricType::Counter,
                         static_cast<double>(s.connect_failures)));
    out.push_back(single("playclock_db_broken_connections_total",
                         "Pooled connections dropped because they broke.", MetricType::Counter,
                         static_cast<double>(s.broken)));
    return out;
  }

private:
  std::shared_ptr<const pool> pool_;
};

} // namespace

std::shared_ptr<prometheus::Collectable> make_pool_collector(std::shared_ptr<const pool> p) {
  return std::make_shared<pool_collector>(std::move(p));
}

} // namespace playclock::pg
