#include "adapters/kalshi/json_read.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <rapidjson/error/en.h>

namespace playclock::kalshi::detail {

std::optional<std::string> parse_document(rapidjson::Document& doc, std::string_view text) {
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag;
  doc.Parse<flags>(text.data(), text.size());
  if (!doc.HasParseError())
    return std::nullopt;
  return std::string{"not JSON: "} + rapidjson::GetParseError_En(doc.GetParseError()) +
         " at byte " + std::to_string(doc.GetErrorOffset());
}

const json* member(const json& v, const char* name) {
  if (!v.IsObject())
    return nullptr;
  auto it = v.FindMember(name);
  if (it == v.MemberEnd() || it->value.IsNull())
    return nullptr;
  return &it->value;
}

const char* type_name(const json& v) {
  switch (v.GetType()) {
  case rapidjson::kNullType:
    return "null";
  case rapidjson::kFalseType:
    return "false";
  case rapidjson::kTrueType:
    return "true";
  case rapidjson::kObjectType:
    return "an object";
  case rapidjson::kArrayType:
    return "an array";
  case rapidjson::kStringType:
    return "a string";
  case rapidjson::kNumberType:
    return "a number";
  }
  return "?";
}

std::optional<double> parse_decimal(std::string_view s) {
  if (s.empty() || s.size() > 64)
    return std::nullopt;
  // from_chars takes "inf", "nan" and a leading '-' only; reject the words.
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      return std::nullopt;
  if (s.front() == '+')
    return std::nullopt;
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(d))
    return std::nullopt;
  return d;
}

std::string format_decimal(double v, int digits) {
  if (!std::isfinite(v))
    v = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  std::string out{buf};
  // "-0.0000" for a tiny negative: write zero.
  if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos)
    out.erase(0, 1);
  return out;
}

std::string member_path(const std::string& path, std::string_view name) {
  if (path.empty())
    return std::string{name};
  if (name.empty())
    return path;
  return path + "." + std::string{name};
}

std::string index_path(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::optional<double> as_decimal(const json& v, std::string& why) {
  if (v.IsNumber()) {
    double d = v.GetDouble();
    if (std::isfinite(d))
      return d;
    why = "not a finite number";
    return std::nullopt;
  }
  if (v.IsString()) {
    std::string_view s{v.GetString(), v.GetStringLength()};
    if (auto d = parse_decimal(s))
      return d;
    std::string shown{s.substr(0, 32)};
    why = "not a number: \"" + shown + (s.size() > 32 ? "...\"" : "\"");
    return std::nullopt;
  }
  why = std::string{"expected a number, got "} + type_name(v);
  return std::nullopt;
}

std::optional<std::string> reader::text(const char* name) {
  const json* v = member(object_, name);
  if (v == nullptr || failed_)
    return std::nullopt;
  if (!v->IsString()) {
    fail(name, std::string{"expected a string, got "} + type_name(*v));
    return std::nullopt;
  }
  return std::string{v->GetString(), v->GetStringLength()};
}

std::optional<double> reader::decimal(const char* name) {
  const json* v = member(object_, name);
  if (v == nullptr || failed_)
    return std::nullopt;
  std::string why;
  auto d = as_decimal(*v, why);
  if (!d)
    fail(name, std::move(why));
  return d;
}

void reader::fail(std::string_view name, std::string message) {
  if (failed_)
    return;
  failed_ = true;
  error_path_ = member_path(path_, name);
  error_message_ = std::move(message);
}

} // namespace playclock::kalshi::detail
