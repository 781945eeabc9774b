#include "adapters/simulations/llm.hpp"

#include <variant>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/http/client.hpp"

namespace playclock::simulations {

namespace {

const char* const instructions =
    "You are a sports writer. Retell this simulated American football result as a short, "
    "lively recap of two or three paragraphs. Use only the facts given: teams, scores, "
    "turning points, big plays and players as listed. Plain text, no headings.";

std::string request_body(const llm_options& opts, const std::string& facts) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("model");
  w.String(opts.model.c_str());
  w.Key("messages");
  w.StartArray();
  for (const auto& [role, content] :
       {std::pair<const char*, const std::string>{"system", instructions}, {"user", facts}}) {
    w.StartObject();
    w.Key("role");
    w.String(role);
    w.Key("content");
    w.String(content.c_str(), static_cast<rapidjson::SizeType>(content.size()));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buf.GetString();
}

} // namespace

llm_result llm_narrative(const llm_options& opts, const std::string& facts) {
  if (opts.url.empty())
    return {false, "no llm_url configured"};
  http::client_request req;
  req.method = "POST";
  req.url = opts.url + (opts.url.back() == '/' ? "" : "/") + "chat/completions";
  req.headers.emplace_back("Content-Type", "application/json");
  if (!opts.api_key.empty())
    req.headers.emplace_back("Authorization", "Bearer " + opts.api_key);
  req.body = request_body(opts, facts);
  req.timeout = opts.timeout;
  req.body_limit = std::size_t{4} << 20;
  auto res = http::fetch(req);
  if (const auto* err = std::get_if<http::client_error>(&res))
    return {false, err->message};
  const auto& r = std::get<http::client_response>(res);
  if (r.status < 200 || r.status > 299)
    return {false, "chat completions answered " + std::to_string(r.status)};
  rapidjson::Document d;
  d.Parse(r.body.c_str());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("choices") || !d["choices"].IsArray() ||
      d["choices"].Empty())
    return {false, "chat completions answered without choices"};
  const auto& first = d["choices"][0];
  if (!first.IsObject() || !first.HasMember("message") || !first["message"].IsObject() ||
      !first["message"].HasMember("content") || !first["message"]["content"].IsString() ||
      first["message"]["content"].GetStringLength() == 0)
    return {false, "chat completions answered without message content"};
  return {true, first["message"]["content"].GetString()};
}

} // namespace playclock::simulations
