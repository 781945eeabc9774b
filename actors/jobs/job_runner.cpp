#include "actors/jobs/job_runner.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include <pqxx/connection_base>
#include <rapidjson/document.h>

#include "adapters/pg/pool.hpp"

namespace playclock {

void job_context::progress(int percent, const std::string& message) {
  bool cancel = env_.pool->run([&](pqxx::connection_base& c) {
    return jobs_sql::record_progress(c, job_, env_.node, percent, message);
  });
  if (cancel)
    control_->request_stop(stop_reason::cancelled);
}

bool job_context::sleep_for(std::chrono::milliseconds d) {
  using namespace std::chrono;
  auto until = steady_clock::now() + d;
  while (!stopping()) {
    auto left = until - steady_clock::now();
    if (left <= steady_clock::duration::zero())
      return true;
    std::this_thread::sleep_for(std::min<steady_clock::duration>(left, milliseconds{20}));
  }
  return false;
}

int int_param(const rapidjson::Value& params, const char* name, int fallback) {
  auto m = params.FindMember(name);
  return m != params.MemberEnd() && m->value.IsInt() ? m->value.GetInt() : fallback;
}

std::unique_ptr<job_runner> make_runner(const jobs_sql::claimed_job& job) {
  rapidjson::Document params;
  params.Parse(job.params.c_str());
  if (params.HasParseError() || !params.IsObject())
    throw std::invalid_argument("params: not a JSON object");
  if (job.type == "noop")
    return make_noop_runner(params);
  if (job.type == "model_training")
    return make_training_runner(params);
  if (job.type == "prediction_generation")
    return make_predictions_runner(params);
  if (job.type == "quick_data_refresh")
    return make_refresh_runner(params);
  if (job.type == "data_pipeline")
    return make_pipeline_runner(params);
  if (job.type == "simulation")
    return make_simulation_runner(job);
  throw std::invalid_argument("no runner for job type " + job.type);
}

} // namespace playclock
