#include "adapters/log/logging.hpp"

#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace playclock::log {

namespace {

// Writes the message payload JSON-escaped (flag %*), for the json format.
class json_escaped_payload : public spdlog::custom_flag_formatter {
public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    for (char ch : msg.payload) {
      switch (ch) {
        case '"':
          dest.append(std::string_view{"\\\""});
          break;
        case '\\':
          dest.append(std::string_view{"\\\\"});
          break;
        case '\n':
          dest.append(std::string_view{"\\n"});
          break;
        case '\r':
          dest.append(std::string_view{"\\r"});
          break;
        case '\t':
          dest.append(std::string_view{"\\t"});
          break;
        default:
          if (static_cast<unsigned char>(ch) < 0x20) {
            static constexpr char hex[] = "0123456789abcdef";
            char buf[6] = {'\\', 'u', '0', '0', hex[(ch >> 4) & 0xf], hex[ch & 0xf]};
            dest.append(buf, buf + 6);
          } else {
            dest.push_back(ch);
          }
      }
    }
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<json_escaped_payload>();
  }
};

std::unique_ptr<spdlog::formatter> make_formatter(const std::string& format) {
  auto f = std::make_unique<spdlog::pattern_formatter>();
  if (format == "json") {
    f->add_flag<json_escaped_payload>('*').set_pattern(
      R"({"ts":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","component":"%n","thread":%t,"msg":"%*"})");
  } else {
    f->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%-5l%$ [%n] %v");
  }
  return f;
}

struct registry {
  std::mutex mtx;
  std::vector<spdlog::sink_ptr> sinks;
  spdlog::level::level_enum level = spdlog::level::info;
};

registry& global() {
  static registry r;
  return r;
}

} // namespace

void setup(const options& opts) {
  auto& r = global();
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  if (!opts.file.empty()) {
    std::error_code ec;
    auto dir = std::filesystem::path{opts.file}.parent_path();
    if (!dir.empty())
      std::filesystem::create_directories(dir, ec);
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
        opts.file, opts.max_file_bytes, static_cast<std::size_t>(opts.max_files)));
    } catch (const spdlog::spdlog_ex& e) {
      throw std::runtime_error("log: cannot open " + opts.file + ": " + e.what());
    }
  }
  for (auto& s : sinks)
    s->set_formatter(make_formatter(opts.format));
  auto level = spdlog::level::from_str(opts.level);
  std::lock_guard<std::mutex> guard{r.mtx};
  r.sinks = sinks;
  r.level = level;
  // Re-point loggers created before set-up (and the default one).
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) {
    l->sinks() = sinks;
    l->set_level(level);
  });
  auto def = std::make_shared<spdlog::logger>("playclockd", sinks.begin(), sinks.end());
  def->set_level(level);
  spdlog::set_default_logger(def);
  spdlog::flush_on(spdlog::level::warn);
  spdlog::flush_every(std::chrono::seconds{2});
}

std::shared_ptr<spdlog::logger> component(const std::string& name) {
  if (auto l = spdlog::get(name))
    return l;
  auto& r = global();
  std::lock_guard<std::mutex> guard{r.mtx};
  if (auto l = spdlog::get(name))
    return l;
  std::shared_ptr<spdlog::logger> l;
  if (r.sinks.empty()) {
    // Before set-up (tests, tools): share the default logger's sinks.
    auto def = spdlog::default_logger();
    l = std::make_shared<spdlog::logger>(name, def->sinks().begin(), def->sinks().end());
    l->set_level(def->level());
  } else {
    l = std::make_shared<spdlog::logger>(name, r.sinks.begin(), r.sinks.end());
    l->set_level(r.level);
  }
  spdlog::register_logger(l);
  return l;
}

void shutdown() {
  spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& l) { l->flush(); });
  spdlog::shutdown();
}

} // namespace playclock::log
