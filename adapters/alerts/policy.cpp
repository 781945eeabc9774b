#include "adapters/alerts/policy.hpp"

#include <algorithm>
#include <cstring>

#include "adapters/alerts/alert_id.hpp"

namespace playclock::alerts {

namespace {

constexpr std::int64_t seconds_per_day = 86400;

// The UTC day number (days since 1970-01-01, floored for earlier times).
std::int64_t utc_day(alert_policy::time_point t) {
  auto s = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  auto d = s / seconds_per_day;
  return s % seconds_per_day < 0 ? d - 1 : d;
}

// Below this many entries pruning is not worth a pass.
constexpr std::size_t min_prune_interval = 4096;

} // namespace

namespace {

alert build_alert(const rule& r, const candidate& c, const std::array<std::uint8_t, 16>& id) {
  alert a;
  a.id = alert_id_hex(id);
  a.tenant = r.tenant;
  a.rule_id = r.id;
  a.type = c.type;
  a.key = c.key;
  a.level =
      r.level == priority::high || c.urgency == priority::high ? priority::high : priority::normal;
  a.via = r.via;
  a.target = r.target;
  a.message = c.message;
  a.payload_json = c.payload_json;
  return a;
}

} // namespace

alert build_alert(const rule& r, const candidate& c) {
  return build_alert(r, c, alert_id_digest(r.id, c.type, c.key, c.event_id));
}

namespace {

using alert_policy_id = std::array<std::uint8_t, 16>;

// The all-zero id marks an empty slot; a real id of all zeros is stored as
// ...01 (a 2^-128 chance of confusing two ids).
alert_policy_id normalized(alert_policy_id id) {
  for (auto b : id)
    if (b != 0)
      return id;
  id[15] = 1;
  return id;
}

bool is_empty(const alert_policy_id& id) {
  for (auto b : id)
    if (b != 0)
      return false;
  return true;
}

} // namespace

std::size_t alert_policy::id_set::home(const id_bytes& id) const {
  // The bytes are already a cryptographic hash: any 8 of them will do.
  std::uint64_t h = 0;
  std::memcpy(&h, id.data(), sizeof h);
  return static_cast<std::size_t>(h) & (slots_.size() - 1);
}

std::size_t alert_policy::id_set::probe(const id_bytes& id) const {
  auto mask = slots_.size() - 1;
  auto i = home(id);
  while (!is_empty(slots_[i]) && slots_[i] != id)
    i = (i + 1) & mask;
  return i;
}

bool alert_policy::id_set::contains(const id_bytes& raw) const {
  if (slots_.empty())
    return false;
  auto id = normalized(raw);
  return slots_[probe(id)] == id;
}

bool alert_policy::id_set::insert(const id_bytes& raw) {
  // At most half full: probe runs stay short.
  if ((size_ + 1) * 2 > slots_.size())
    grow();
  auto id = normalized(raw);
  auto i = probe(id);
  if (slots_[i] == id)
    return false;
  slots_[i] = id;
  ++size_;
  return true;
}

void alert_policy::id_set::erase(const id_bytes& raw) {
  if (slots_.empty())
    return;
  auto id = normalized(raw);
  auto i = probe(id);
  if (slots_[i] != id)
    return;
  // Backward-shift deletion: pull later members of the run into the hole
  // unless their home lies cyclically in (hole, their slot].
  auto mask = slots_.size() - 1;
  auto j = i;
  for (;;) {
    j = (j + 1) & mask;
    if (is_empty(slots_[j]))
      break;
    auto k = home(slots_[j]);
    bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
    if (!stays) {
      slots_[i] = slots_[j];
      i = j;
    }
  }
  slots_[i] = id_bytes{};
  --size_;
}

void alert_policy::id_set::grow() {
  std::vector<id_bytes> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, id_bytes{});
  for (const auto& id : old)
    if (!is_empty(id))
      slots_[probe(id)] = id;
}

std::size_t alert_policy::slot_hash::operator()(const slot& s) const {
  auto h = static_cast<std::uint64_t>(s.rule_id) * 0x9e3779b97f4a7c15ULL;
  h ^= static_cast<std::uint64_t>(s.type) + (h >> 29);
  return static_cast<std::size_t>(h);
}

alert_policy::alert_policy(int daily_limit, std::size_t seen_capacity,
                           std::chrono::seconds seen_window)
    : default_limit_(daily_limit), seen_capacity_(std::max<std::size_t>(1, seen_capacity)),
      seen_window_(seen_window) {}

decision alert_policy::decide(const rule& r, const candidate& c, time_point now) {
  decision d;
  auto id = alert_id_digest(r.id, c.type, c.key, c.event_id);
  d.a = build_alert(r, c, id);
  maybe_prune(now);

  if (seen_before(id, now)) {
    d.what = decision::kind::suppress;
    d.reason = "duplicate";
    return d;
  }
  remember(id, now, true);

  slot s{r.id, c.type};
  if (r.cooldown_s > 0) {
    if (auto it = cooldowns_.find(s); it != cooldowns_.end()) {
      if (auto e = it->second.find(c.key); e != it->second.end()) {
        if (now - e->second.sent < std::chrono::seconds{r.cooldown_s}) {
          d.what = decision::kind::suppress;
          d.reason = "cooldown";
          return d;
        }
      }
    }
  }

  auto day = utc_day(now);
  if (d.a.level == priority::normal) {
    int limit = daily_limit(r.tenant);
    if (limit >= 0) {
      int sent = 0;
      if (auto it = days_.find(r.tenant); it != days_.end() && it->second.day >= day)
        sent = it->second.count;
      if (sent >= limit) {
        d.what = decision::kind::suppress;
        d.reason = "daily_limit";
        return d;
      }
    }
  }

  d.what = decision::kind::send;
  if (r.cooldown_s > 0)
    arm_cooldown(s, c.key, now, std::chrono::seconds{r.cooldown_s});
  if (d.a.level == priority::normal)
    count_send(r.tenant, day);
  return d;
}

void alert_policy::set_daily_limit(const std::string& tenant, int n) {
  limits_[tenant] = n;
}

void alert_policy::clear_daily_limit(const std::string& tenant) {
  limits_.erase(tenant);
}

int alert_policy::daily_limit(const std::string& tenant) const {
  if (limits_.empty())
    return default_limit_;
  auto it = limits_.find(tenant);
  return it == limits_.end() ? default_limit_ : it->second;
}

int alert_policy::sent_today(const std::string& tenant, time_point now) const {
  auto it = days_.find(tenant);
  if (it == days_.end() || it->second.day < utc_day(now))
    return 0;
  return it->second.count;
}

void alert_policy::restore_sent(const alert& a, time_point sent_at, int cooldown_s) {
  ++ops_since_prune_;
  auto id = alert_id_bytes(a.id);
  if (!seen_.contains(id))
    remember(id, sent_at, true);
  if (cooldown_s > 0)
    arm_cooldown(slot{a.rule_id, a.type}, a.key, sent_at, std::chrono::seconds{cooldown_s});
  if (a.level == priority::normal)
    count_send(a.tenant, utc_day(sent_at));
}

void alert_policy::restore_seen(const std::string& alert_id, std::optional<time_point> seen_at) {
  auto id = alert_id_bytes(alert_id);
  if (seen_.contains(id))
    return;
  remember(id, seen_at.value_or(time_point{}), seen_at.has_value());
}

void alert_policy::forget_rule(std::int64_t rule_id) {
  for (auto t : all_alert_types()) {
    auto it = cooldowns_.find(slot{rule_id, t});
    if (it == cooldowns_.end())
      continue;
    cooldown_count_ -= it->second.size();
    cooldowns_.erase(it);
  }
}

void alert_policy::prune(time_point now) {
  ops_since_prune_ = 0;
  for (auto it = cooldowns_.begin(); it != cooldowns_.end();) {
    auto& entries = it->second;
    for (auto e = entries.begin(); e != entries.end();) {
      if (now - e->second.sent >= e->second.keep) {
        e = entries.erase(e);
        --cooldown_count_;
      } else {
        ++e;
      }
    }
    it = entries.empty() ? cooldowns_.erase(it) : std::next(it);
  }
  auto today = utc_day(now);
  for (auto it = days_.begin(); it != days_.end();)
    it = it->second.day < today ? days_.erase(it) : std::next(it);
  evict_seen(now);
  size_after_prune_ = cooldown_count_ + days_.size();
}

bool alert_policy::seen_before(const id_bytes& id, time_point now) {
  evict_seen(now);
  return seen_.contains(id);
}

void alert_policy::remember(const id_bytes& id, time_point at, bool stamped) {
  if (!seen_.insert(id))
    return;
  seen_order_.push_back(seen_entry{id, at, stamped});
  if (!stamped)
    ++unstamped_;
  while (seen_order_.size() > seen_capacity_) {
    if (!seen_order_.front().stamped)
      --unstamped_;
    seen_.erase(seen_order_.front().id);
    seen_order_.pop_front();
  }
}

void alert_policy::evict_seen(time_point now) {
  if (unstamped_ > 0) {
    // Ids restored without a time count as seen at the first time we learn.
    for (auto& e : seen_order_)
      if (!e.stamped) {
        e.at = now;
        e.stamped = true;
      }
    unstamped_ = 0;
  }
  // The FIFO is in decision order, nearly in time order (restored entries may
  // be older): stopping at the first young entry keeps this O(1) amortized.
  auto horizon = now - seen_window_;
  while (!seen_order_.empty() && seen_order_.front().at < horizon) {
    seen_.erase(seen_order_.front().id);
    seen_order_.pop_front();
  }
}

void alert_policy::arm_cooldown(const slot& s, const std::string& key, time_point sent,
                                std::chrono::seconds keep) {
  auto& entries = cooldowns_[s];
  auto [it, inserted] = entries.try_emplace(key, cooldown_entry{sent, keep});
  if (inserted) {
    ++cooldown_count_;
    return;
  }
  if (sent >= it->second.sent)
    it->second = cooldown_entry{sent, keep};
}

void alert_policy::count_send(const std::string& tenant, std::int64_t day) {
  auto [it, inserted] = days_.try_emplace(tenant, day_count{day, 0});
  auto& dc = it->second;
  if (day > dc.day)
    dc = day_count{day, 0};
  else if (day < dc.day)
    return; // an older day than the one counted: nothing to count against
  ++dc.count;
}

void alert_policy::maybe_prune(time_point now) {
  // A pass costs what was left after the last one plus what came since: at
  // most twice the operations in between.
  if (++ops_since_prune_ >= std::max(min_prune_interval, size_after_prune_))
    prune(now);
}

} // namespace playclock::alerts
