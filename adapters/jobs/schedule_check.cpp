#include "adapters/jobs/schedule_check.hpp"

#include <string>

#include "adapters/jobs/job_request.hpp"

namespace playclock::jobs {

std::vector<config::config_error>
check_schedules(const std::vector<config::job_schedule_setting>& schedules) {
  std::vector<config::config_error> out;
  for (std::size_t i = 0; i < schedules.size(); ++i)
    if (auto bad = check_params(schedules[i].type, schedules[i].params))
      out.push_back(config::config_error{
          "jobs.schedules[" + std::to_string(i) + "]." + bad->name,
          bad->name == "type" ? "unknown job type \"" + schedules[i].type + "\"" : bad->reason});
  return out;
}

} // namespace playclock::jobs
