// The noop job: `steps` steps of `step_ms` each, reporting progress after
// each; with no steps it does nothing at all (the queue benchmark's job).
#include <chrono>
#include <string>

#include <rapidjson/document.h>

#include "actors/jobs/job_runner.hpp"

namespace playclock {

namespace {

class noop_runner final : public job_runner {
 public:
  noop_runner(int steps, int step_ms) : steps_(steps), step_ms_(step_ms) {}

  bool step(job_context& ctx) override {
    if (done_ >= steps_)
      return true;
    if (!ctx.sleep_for(std::chrono::milliseconds{step_ms_}))
      return false; // stopping: the actor ends the job
    ++done_;
    ctx.progress(done_ * 100 / steps_,
                 "step " + std::to_string(done_) + " of " + std::to_string(steps_));
    return done_ >= steps_;
  }

  std::string result() const override { return R"({"steps":)" + std::to_string(done_) + "}"; }

 private:
  int steps_;
  int step_ms_;
  int done_ = 0;
};

} // namespace

std::unique_ptr<job_runner> make_noop_runner(const rapidjson::Value& params) {
  return std::make_unique<noop_runner>(int_param(params, "steps", 0),
                                       int_param(params, "step_ms", 0));
}

} // namespace playclock
