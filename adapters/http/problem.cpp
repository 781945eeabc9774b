#include "adapters/http/problem.hpp"

#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock::http {

const char* to_string(ec code) {
  switch (code) {
  case ec::bad_request:
    return "bad_request";
  case ec::unauthorized:
    return "unauthorized";
  case ec::forbidden:
    return "forbidden";
  case ec::not_found:
    return "not_found";
  case ec::method_not_allowed:
    return "method_not_allowed";
  case ec::conflict:
    return "conflict";
  case ec::payload_too_large:
    return "payload_too_large";
  case ec::unsupported_media_type:
    return "unsupported_media_type";
  case ec::unprocessable:
    return "unprocessable";
  case ec::too_many_requests:
    return "too_many_requests";
  case ec::internal:
    return "internal";
  case ec::unavailable:
    return "unavailable";
  case ec::timeout:
    return "timeout";
  }
  return "internal";
}

int to_status(ec code) {
  switch (code) {
  case ec::bad_request:
    return 400;
  case ec::unauthorized:
    return 401;
  case ec::forbidden:
    return 403;
  case ec::not_found:
    return 404;
  case ec::method_not_allowed:
    return 405;
  case ec::conflict:
    return 409;
  case ec::payload_too_large:
    return 413;
  case ec::unsupported_media_type:
    return 415;
  case ec::unprocessable:
    return 422;
  case ec::too_many_requests:
    return 429;
  case ec::internal:
    return 500;
  case ec::unavailable:
    return 503;
  case ec::timeout:
    return 504;
  }
  return 500;
}

const char* reason_phrase(int status) {
  switch (status) {
  case 200:
    return "OK";
  case 201:
    return "Created";
  case 202:
    return "Accepted";
  case 204:
    return "No Content";
  case 400:
    return "Bad Request";
  case 401:
    return "Unauthorized";
  case 403:
    return "Forbidden";
  case 404:
    return "Not Found";
  case 405:
    return "Method Not Allowed";
  case 409:
    return "Conflict";
  case 413:
    return "Content Too Large";
  case 415:
    return "Unsupported Media Type";
  case 422:
    return "Unprocessable Content";
  case 429:
    return "Too Many Requests";
  case 500:
    return "Internal Server Error";
  case 502:
    return "Bad Gateway";
  case 503:
    return "Service Unavailable";
  case 504:
    return "Gateway Timeout";
  default:
    return "Unknown";
  }
}

namespace {

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

} // namespace

response problem(ec code, std::string_view detail, std::string_view instance,
                 std::string_view extra_members_json) {
  int status = to_status(code);
  std::string type = std::string{"https://playclock.dev/problems/"} + to_string(code);
  for (auto& c : type) {
    if (c == '_') {
      c = '-';
    }
  }
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("type");
  w.String(type.data(), static_cast<rapidjson::SizeType>(type.size()));
  w.Key("title");
  w.String(reason_phrase(status));
  w.Key("status");
  w.Int(status);
  w.Key("detail");
  w.String(detail.data(), static_cast<rapidjson::SizeType>(detail.size()));
  if (!instance.empty()) {
    w.Key("instance");
    w.String(instance.data(), static_cast<rapidjson::SizeType>(instance.size()));
  }
  w.EndObject();
  std::string body{buf.GetString(), buf.GetSize()};
  auto extra = trim(extra_members_json);
  if (extra.size() >= 2 && extra.front() == '{' && extra.back() == '}') {
    extra = trim(extra.substr(1, extra.size() - 2));
  }
  if (!extra.empty()) {
    // Splice the caller's members in before the closing brace.
    body.pop_back();
    body += ',';
    body.append(extra.data(), extra.size());
    body += '}';
  }
  response res;
  res.status = status;
  res.content_type = problem_content_type;
  res.body = std::move(body);
  return res;
}

} // namespace playclock::http
