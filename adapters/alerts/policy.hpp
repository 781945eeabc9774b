#pragma once
// The alert router's decision engine: given a rule that matched a candidate,
// send the alert or suppress it (duplicate, cooldown, daily limit). Plain,
// single-threaded and allocation-light; time is always passed in.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "adapters/alerts/types.hpp"

namespace playclock::alerts {

/// What the policy decided for one (rule, candidate).
struct decision {
  enum class kind { send, suppress };
  kind what = kind::send;
  /// Empty for a send; "duplicate", "cooldown" or "daily_limit".
  std::string reason;
  /// The alert, built either way (the history records suppressed ones too).
  alert a;
};

/// The alert for `r` and `c`: id make_alert_id(r.id, c.type, c.key,
/// c.event_id); priority high when the rule or the candidate's urgency is.
alert build_alert(const rule& r, const candidate& c);

/// Decides, rule by rule, which alerts go out. In this order:
///
/// 1. duplicate: an alert with the same id was decided (sent or suppressed)
///    within the seen window (the last `seen_capacity` ids, at most
///    `seen_window` old) -> suppress "duplicate". Every decision remembers its
///    id, so a replayed event never alerts twice.
/// 2. cooldown: per (rule id, alert type, key), an alert was *sent* less than
///    the rule's cooldown_s before `now` -> suppress "cooldown". cooldown_s 0
///    means none.
/// 3. daily limit: per tenant and UTC day, once the tenant's limit of
///    normal-priority alerts has been sent that day -> suppress "daily_limit".
///    High-priority alerts bypass the limit entirely: they are never held back
///    by it and do not count toward it, so a burst of urgent alerts cannot use
///    up a tenant's normal quota.
///
/// Only a send starts a cooldown and counts toward the day; a suppressed
/// alert changes neither. The caller checks matches() first.
///
/// Memory stays bounded: the seen ids are a bounded FIFO; cooldown entries
/// whose cooldown (as in force when they were sent) has passed are pruned,
/// amortized over decisions, and so are daily counters of past days. A rule
/// edited to a longer cooldown takes the new length from its next send on.
class alert_policy {
 public:
  using clock = std::chrono::system_clock;
  using time_point = clock::time_point;

  /// `daily_limit`: the per-tenant default (negative: no limit).
  explicit alert_policy(int daily_limit = 100, std::size_t seen_capacity = 100'000,
                        std::chrono::seconds seen_window = std::chrono::hours{24});

  /// Decides for a rule that matched the candidate, at `now`.
  decision decide(const rule& r, const candidate& c, time_point now);

  /// The tenant's daily limit from now on (negative: no limit).
  void set_daily_limit(const std::string& tenant, int n);
  /// Back to the default for the tenant.
  void clear_daily_limit(const std::string& tenant);
  int daily_limit(const std::string& tenant) const;
  /// Normal-priority alerts sent for the tenant on now's UTC day.
  int sent_today(const std::string& tenant, time_point now) const;

  /// After a restart, replays an alert that was sent at `sent_at`: re-arms
  /// its cooldown (kept until `cooldown_s` after sent_at; the rule's own
  /// cooldown_s still decides, this only bounds how long the entry is kept),
  /// counts it toward its tenant's limit for sent_at's UTC day if it is
  /// normal priority and that day is not older than the day already counted,
  /// and remembers its id as seen.
  void restore_sent(const alert& a, time_point sent_at, int cooldown_s = 86400);
  /// After a restart, remembers an id decided before (suppressed or failed);
  /// without `seen_at` it counts as seen at the next decision's time.
  void restore_seen(const std::string& alert_id, std::optional<time_point> seen_at = {});

  /// Drops the cooldowns of a deleted rule.
  void forget_rule(std::int64_t rule_id);

  /// Prunes expired cooldowns, past days' counters and seen ids out of the
  /// window now (decide() also does so, amortized).
  void prune(time_point now);

  /// For metrics and tests.
  std::size_t cooldown_entries() const { return cooldown_count_; }
  std::size_t seen_entries() const { return seen_.size(); }
  std::size_t tenant_counters() const { return days_.size(); }

 private:
  using id_bytes = std::array<std::uint8_t, 16>;
  /// A set of alert ids: open addressing with linear probing over the ids'
  /// own (uniform) bits, one probe run per lookup instead of a node chase.
  class id_set {
   public:
    bool contains(const id_bytes& id) const;
    /// False if it was there already.
    bool insert(const id_bytes& id);
    void erase(const id_bytes& id);
    std::size_t size() const { return size_; }

   private:
    std::size_t home(const id_bytes& id) const;
    /// The slot holding `id`, or the empty slot where it would go.
    std::size_t probe(const id_bytes& id) const;
    void grow();
    std::vector<id_bytes> slots_;
    std::size_t size_ = 0;
  };
  struct slot {
    std::int64_t rule_id;
    alert_type type;
    bool operator==(const slot& o) const { return rule_id == o.rule_id && type == o.type; }
  };
  struct slot_hash {
    std::size_t operator()(const slot& s) const;
  };
  struct cooldown_entry {
    time_point sent;
    /// The cooldown in force at that send: how long the entry is kept.
    std::chrono::seconds keep;
  };
  struct day_count {
    std::int64_t day = 0;
    int count = 0;
  };
  struct seen_entry {
    id_bytes id;
    time_point at;
    bool stamped;
  };

  bool seen_before(const id_bytes& id, time_point now);
  void remember(const id_bytes& id, time_point at, bool stamped);
  void evict_seen(time_point now);
  void arm_cooldown(const slot& s, const std::string& key, time_point sent,
                    std::chrono::seconds keep);
  void count_send(const std::string& tenant, std::int64_t day);
  void maybe_prune(time_point now);

  int default_limit_;
  std::size_t seen_capacity_;
  std::chrono::seconds seen_window_;

  id_set seen_;
  std::deque<seen_entry> seen_order_;
  std::size_t unstamped_ = 0;

  std::unordered_map<slot, std::unordered_map<std::string, cooldown_entry>, slot_hash> cooldowns_;
  std::size_t cooldown_count_ = 0;

  std::unordered_map<std::string, int> limits_;
  std::unordered_map<std::string, day_count> days_;

  std::size_t ops_since_prune_ = 0;
  std::size_t size_after_prune_ = 0;
};

} // namespace playclock::alerts
