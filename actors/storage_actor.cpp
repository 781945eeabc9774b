#include "actors/storage_actor.hpp"

#include <deque>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <spdlog/spdlog.h>

#include "actors/storage/games_sql.hpp"
#include "actors/storage/markets_sql.hpp"
#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"
#include "adapters/metrics/registry.hpp"
#include "adapters/pg/pool.hpp"
#include "adapters/sources/backoff.hpp"

namespace playclock {

namespace {

std::size_t rows_of(const store_batch& b) {
  return b.games.size() + b.plays.size() + b.injuries.size() + b.weather.size() + b.sync.size();
}

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

void merge_into(store_batch& to, store_batch& from) {
  append(to.games, from.games);
  append(to.plays, from.plays);
  // injury_games runs parallel to injuries: pad before appending.
  to.injury_games.resize(to.injuries.size());
  from.injury_games.resize(from.injuries.size());
  append(to.injuries, from.injuries);
  append(to.injury_games, from.injury_games);
  append(to.weather, from.weather);
  append(to.sync, from.sync);
}

struct storage_metrics {
  prometheus::Family<prometheus::Counter>* rows = nullptr;
  prometheus::Histogram* flush_seconds = nullptr;
  prometheus::Gauge* buffered = nullptr;
  prometheus::Counter* failures = nullptr;
  prometheus::Counter* waits = nullptr;
  prometheus::Counter* pruned = nullptr;
};

storage_metrics make_metrics(metrics::registry* reg) {
  storage_metrics m;
  if (reg == nullptr)
    return m;
  auto& p = reg->prom();
  m.rows = &prometheus::BuildCounter()
                .Name("playclock_storage_rows_total")
                .Help("Rows written by the storage actor, by table.")
                .Register(p);
  m.flush_seconds =
      &prometheus::BuildHistogram()
           .Name("playclock_storage_flush_seconds")
           .Help("Duration of one storage transaction.")
           .Register(p)
           .Add({}, prometheus::Histogram::BucketBoundaries{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                            0.1, 0.25, 0.5, 1, 2.5, 5});
  m.buffered = &prometheus::BuildGauge()
                    .Name("playclock_storage_buffered_rows")
                    .Help("Rows waiting in the storage actor's buffer.")
                    .Register(p)
                    .Add({});
  m.pruned = &prometheus::BuildCounter()
                  .Name("playclock_storage_pruned_rows_total")
                  .Help("Rows deleted for their age (storage.sync_log_days), by table.")
                  .Register(p)
                  .Add({{"table", "sync_log"}});
  m.failures = &prometheus::BuildCounter()
                    .Name("playclock_storage_flush_failures_total")
                    .Help("Storage transactions that failed (rows kept and retried).")
                    .Register(p)
                    .Add({});
  m.waits = &prometheus::BuildCounter()
                 .Name("playclock_storage_backpressure_waits_total")
                 .Help("Store requests held back because the buffer was full.")
                 .Register(p)
                 .Add({});
  return m;
}

struct waiting_sender {
  caf::typed_response_promise<std::int32_t> rp;
  std::int32_t rows;
};

struct storage_state {
  static inline const char* name = "storage";
  storage_config cfg;
  std::shared_ptr<spdlog::logger> log;
  std::deque<store_batch> buffer;
  std::deque<market_batch> market_buffer;
  storage::market_rows_written markets_written;
  /// Rows buffered, both domains.
  std::size_t rows = 0;
  std::vector<waiting_sender> waiting;
  std::unique_ptr<sources::backoff> retry;
  bool failing = false;
  storage_metrics m;
};

using self_ptr = storage_actor::stateful_pointer<storage_state>;

void count(storage_state& st, const storage::written& w) {
  if (st.m.rows == nullptr)
    return;
  st.m.rows->Add({{"table", "games"}}).Increment(static_cast<double>(w.games));
  st.m.rows->Add({{"table", "plays"}}).Increment(static_cast<double>(w.plays));
  st.m.rows->Add({{"table", "injuries"}}).Increment(static_cast<double>(w.injuries));
  st.m.rows->Add({{"table", "weather"}}).Increment(static_cast<double>(w.weather));
  st.m.rows->Add({{"table", "sync_log"}}).Increment(static_cast<double>(w.sync));
}

void count(storage_state& st, const storage::market_rows& w) {
  if (st.m.rows == nullptr)
    return;
  st.m.rows->Add({{"table", "markets"}}).Increment(static_cast<double>(w.markets));
  st.m.rows->Add({{"table", "market_snapshots"}}).Increment(static_cast<double>(w.snapshots));
  st.m.rows->Add({{"table", "correlations"}}).Increment(static_cast<double>(w.correlations));
}

void written_ok(storage_state& st) {
  if (st.failing)
    st.log->info("storage writes again; {} rows still buffered", st.rows);
  st.failing = false;
  st.retry->reset();
}

void write_failed(storage_state& st, const std::exception& e) {
  if (st.m.failures != nullptr)
    st.m.failures->Increment();
  if (!st.failing)
    st.log->error("storage cannot write ({} rows kept for retry): {}", st.rows, e.what());
  st.failing = true;
}

// Writes the buffered market rows like the games rows below.
std::int32_t flush_markets(self_ptr self) {
  auto& st = self->state;
  std::int32_t total = 0;
  while (!st.market_buffer.empty()) {
    market_batch merged = std::move(st.market_buffer.front());
    st.market_buffer.pop_front();
    while (!st.market_buffer.empty() &&
           storage::rows_of(merged) + storage::rows_of(st.market_buffer.front()) <=
               static_cast<std::size_t>(st.cfg.batch_size)) {
      auto& next = st.market_buffer.front();
      append(merged.snapshots, next.snapshots);
      append(merged.correlations, next.correlations);
      st.market_buffer.pop_front();
    }
    auto n = storage::rows_of(merged);
    try {
      auto w = st.cfg.pool->run([&](pqxx::connection_base& c) {
        return storage::write_market_batch(c, merged, &st.markets_written);
      });
      count(st, w);
      st.rows -= n;
      total += static_cast<std::int32_t>(n);
      written_ok(st);
    } catch (const std::exception& e) {
      st.market_buffer.push_front(std::move(merged));
      write_failed(st, e);
      break;
    }
  }
  return total;
}

// Writes the buffer in transactions of about batch_size rows; stops at the
// first failure, keeping what is left. Returns the rows written.
std::int32_t flush(self_ptr self) {
  auto& st = self->state;
  std::int32_t total = 0;
  while (!st.buffer.empty()) {
    store_batch merged = std::move(st.buffer.front());
    st.buffer.pop_front();
    while (!st.buffer.empty() && rows_of(merged) + rows_of(st.buffer.front()) <=
                                     static_cast<std::size_t>(st.cfg.batch_size)) {
      merge_into(merged, st.buffer.front());
      st.buffer.pop_front();
    }
    auto n = rows_of(merged);
    auto start = std::chrono::steady_clock::now();
    try {
      auto w = st.cfg.pool->run([&](pqxx::connection_base& c) {
        return storage::write_batch(c, merged, st.cfg.node_name);
      });
      if (st.m.flush_seconds != nullptr)
        st.m.flush_seconds->Observe(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      count(st, w);
      st.rows -= n;
      total += static_cast<std::int32_t>(n);
      written_ok(st);
    } catch (const std::exception& e) {
      st.buffer.push_front(std::move(merged));
      write_failed(st, e);
      break;
    }
  }
  if (!st.failing)
    total += flush_markets(self);
  if (st.m.buffered != nullptr)
    st.m.buffered->Set(static_cast<double>(st.rows));
  // Room again: let held-back senders go on.
  if (st.rows <= static_cast<std::size_t>(st.cfg.max_buffered)) {
    for (auto& w : st.waiting)
      w.rp.deliver(w.rows);
    st.waiting.clear();
  }
  return total;
}

// `n` rows were buffered: flush at batch_size; above max_buffered the
// sender's reply waits for a flush that made room (back-pressure).
caf::result<std::int32_t> accepted(self_ptr self, std::int32_t n) {
  auto& st = self->state;
  if (st.m.buffered != nullptr)
    st.m.buffered->Set(static_cast<double>(st.rows));
  if (st.rows >= static_cast<std::size_t>(st.cfg.batch_size) && !st.failing)
    flush(self);
  if (st.rows > static_cast<std::size_t>(st.cfg.max_buffered)) {
    if (st.m.waits != nullptr)
      st.m.waits->Increment();
    auto rp = self->make_response_promise<std::int32_t>();
    st.waiting.push_back(waiting_sender{rp, n});
    return rp;
  }
  return n;
}

storage_actor::behavior_type storage_impl(self_ptr self, storage_config cfg) {
  log::name_this_thread("pc-storage");
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.log = log::component("storage");
  st.retry = std::make_unique<sources::backoff>(st.cfg.flush_interval, std::chrono::seconds{10},
                                                0x5707a9e);
  st.m = make_metrics(st.cfg.metrics.get());
  self->set_exit_handler([self](caf::exit_msg& em) {
    auto& st = self->state;
    // Shutdown: write what was accepted; a few quick retries if the database
    // hiccups, within the supervisor's shutdown timeout.
    for (int attempt = 0; attempt < 5 && st.rows > 0; ++attempt) {
      if (attempt > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds{200 * attempt});
      flush(self);
    }
    if (st.rows > 0)
      st.log->error("storage stops with {} rows it could not write", st.rows);
    else
      st.log->info("storage flushed everything");
    self->quit(em.reason);
  });
  self->delayed_send(self, st.cfg.flush_interval, tick_atom::value);
  if (st.cfg.sync_log_days > 0)
    self->send(self, prune_atom::value);
  return {
      [self](store_atom, store_batch& batch) -> caf::result<std::int32_t> {
        auto& st = self->state;
        auto n = static_cast<std::int32_t>(rows_of(batch));
        st.rows += static_cast<std::size_t>(n);
        st.buffer.push_back(std::move(batch));
        return accepted(self, n);
      },
      [self](store_atom, market_batch& batch) -> caf::result<std::int32_t> {
        auto& st = self->state;
        auto n = static_cast<std::int32_t>(storage::rows_of(batch));
        st.rows += static_cast<std::size_t>(n);
        st.market_buffer.push_back(std::move(batch));
        return accepted(self, n);
      },
      [self](flush_atom) { return flush(self); },
      [self](load_atom, const std::string& game_id) -> caf::result<game_record> {
        auto& st = self->state;
        flush(self);
        try {
          return st.cfg.pool->run([&](pqxx::connection_base& c) {
            return storage::read_game(c, game_id, static_cast<std::size_t>(st.cfg.recent_plays));
          });
        } catch (const std::exception& e) {
          st.log->warn("storage cannot load game {}: {}", game_id, e.what());
          return caf::make_error(caf::sec::runtime_error, std::string{e.what()});
        }
      },
      [self](prune_atom) {
        auto& st = self->state;
        if (st.cfg.sync_log_days <= 0)
          return;
        try {
          auto n = st.cfg.pool->run([&](pqxx::connection_base& c) {
            return storage::prune_sync_log(c, st.cfg.sync_log_days);
          });
          if (st.m.pruned != nullptr)
            st.m.pruned->Increment(static_cast<double>(n));
          if (n > 0)
            st.log->info("storage deleted {} sync_log rows older than {} days", n,
                         st.cfg.sync_log_days);
        } catch (const std::exception& e) {
          // The next prune deletes them; nothing else depends on it.
          st.log->warn("storage cannot prune sync_log: {}", e.what());
        }
        self->delayed_send(self, st.cfg.prune_interval, prune_atom::value);
      },
      [self](tick_atom) {
        auto& st = self->state;
        if (st.rows > 0)
          flush(self);
        auto next = st.failing ? st.retry->next() : st.cfg.flush_interval;
        self->delayed_send(self, next, tick_atom::value);
      },
  };
}

} // namespace

storage_actor spawn_storage_actor(caf::actor_system& sys, storage_config cfg) {
  return sys.spawn<caf::detached>(storage_impl, std::move(cfg));
}

} // namespace playclock
