#pragma once
// The part of jobs.schedules that config cannot check: each schedule's job
// type and params, against the job types' own rules.

#include <vector>

#include "config/error.hpp"
#include "config/settings.hpp"

namespace playclock::jobs {

/// One error per bad schedule, at "jobs.schedules[i].type" or
/// "jobs.schedules[i].params.<name>".
std::vector<config::config_error>
check_schedules(const std::vector<config::job_schedule_setting>& schedules);

} // namespace playclock::jobs
