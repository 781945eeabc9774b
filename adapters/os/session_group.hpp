#pragma once
// The CPU weight of this process's scheduling group. With the kernel's
// autogroups (/proc/sys/kernel/sched_autogroup_enabled, on in Debian) each
// session is a group, and groups share the cores as equals whatever their
// threads' nice values: a node and a PostgreSQL started in a session of its
// own (pg_ctl, systemd) get half the cores each while both are busy, and the
// backends writing the node's alerts wait out the node's poll bursts. A
// positive nice for the node's group puts such a local PostgreSQL first.
// Raising it needs no privilege; it applies to the whole session.

#include <optional>
#include <string>

namespace playclock::os {

/// What the kernel says of this process's group.
struct session_group {
  /// False when the kernel has no autogroups or has them switched off: a
  /// nice value then changes nothing.
  bool autogroups = false;
  /// The group's nice value (/proc/self/autogroup).
  std::optional<int> nice;
};

session_group this_session_group();

/// Sets the nice value (-20..19; below 0 needs CAP_SYS_NICE) of this
/// process's session group; the reason if the kernel refused it.
std::optional<std::string> set_session_group_nice(int nice);

} // namespace playclock::os
