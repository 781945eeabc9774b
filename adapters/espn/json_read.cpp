#include "adapters/espn/json_read.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include <rapidjson/error/en.h>

namespace playclock::espn::detail {

namespace {

std::optional<std::int64_t> integral(double d) {
  // 2^63 is exactly representable; anything at or beyond it would overflow.
  constexpr double limit = 9223372036854775808.0;
  if (!std::isfinite(d) || std::floor(d) != d || d >= limit || d < -limit)
    return std::nullopt;
  return static_cast<std::int64_t>(d);
}

std::optional<double> parse_double(std::string_view s) {
  if (s.empty() || s.size() > 64)
    return std::nullopt;
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(d))
    return std::nullopt;
  return d;
}

} // namespace

std::optional<std::string> parse_document(rapidjson::Document& doc, std::string_view text) {
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag;
  doc.Parse<flags>(text.data(), text.size());
  if (!doc.HasParseError())
    return std::nullopt;
  return std::string{"not JSON: "} + rapidjson::GetParseError_En(doc.GetParseError()) +
         " at byte " + std::to_string(doc.GetErrorOffset());
}

const json* get(const json* v, const char* name) {
  if (v == nullptr || !v->IsObject())
    return nullptr;
  auto it = v->FindMember(name);
  return it == v->MemberEnd() ? nullptr : &it->value;
}

const json* at(const json* v, std::size_t i) {
  if (v == nullptr || !v->IsArray() || i >= v->Size())
    return nullptr;
  return &(*v)[static_cast<rapidjson::SizeType>(i)];
}

std::size_t size_of(const json* v) {
  return v != nullptr && v->IsArray() ? v->Size() : 0;
}

bool is_object(const json* v) {
  return v != nullptr && v->IsObject();
}
bool is_array(const json* v) {
  return v != nullptr && v->IsArray();
}

std::optional<std::string> text(const json* v) {
  if (v == nullptr || !v->IsString())
    return std::nullopt;
  return std::string{v->GetString(), v->GetStringLength()};
}

std::optional<std::string> id_text(const json* v) {
  if (v == nullptr)
    return std::nullopt;
  if (v->IsString()) {
    if (v->GetStringLength() == 0)
      return std::nullopt;
    return text(v);
  }
  if (v->IsInt64())
    return std::to_string(v->GetInt64());
  if (v->IsUint64())
    return std::to_string(v->GetUint64());
  return std::nullopt;
}

std::optional<std::int64_t> integer(const json* v) {
  if (v == nullptr)
    return std::nullopt;
  if (v->IsInt64())
    return v->GetInt64();
  if (v->IsUint64())
    return std::nullopt; // beyond int64
  if (v->IsDouble())
    return integral(v->GetDouble());
  if (v->IsString()) {
    std::string_view s{v->GetString(), v->GetStringLength()};
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (!s.empty() && ec == std::errc{} && end == s.data() + s.size())
      return n;
    if (auto d = parse_double(s))
      return integral(*d);
  }
  return std::nullopt;
}

std::optional<int> small_integer(const json* v) {
  auto n = integer(v);
  if (!n || *n < std::numeric_limits<int>::min() || *n > std::numeric_limits<int>::max())
    return std::nullopt;
  return static_cast<int>(*n);
}

std::optional<double> number(const json* v) {
  if (v == nullptr)
    return std::nullopt;
  if (v->IsNumber()) {
    double d = v->GetDouble();
    return std::isfinite(d) ? std::optional<double>{d} : std::nullopt;
  }
  if (v->IsString())
    return parse_double({v->GetString(), v->GetStringLength()});
  return std::nullopt;
}

std::optional<bool> boolean(const json* v) {
  if (v == nullptr)
    return std::nullopt;
  if (v->IsBool())
    return v->GetBool();
  if (v->IsString()) {
    std::string_view s{v->GetString(), v->GetStringLength()};
    if (s == "true")
      return true;
    if (s == "false")
      return false;
  }
  return std::nullopt;
}

std::string text_or(const json* v, std::string fallback) {
  auto t = text(v);
  return t ? std::move(*t) : std::move(fallback);
}

int int_or(const json* v, int fallback) {
  return small_integer(v).value_or(fallback);
}

double number_or(const json* v, double fallback) {
  return number(v).value_or(fallback);
}

bool bool_or(const json* v, bool fallback) {
  return boolean(v).value_or(fallback);
}

std::string last_segment(std::string_view url) {
  auto query = url.find_first_of("?#");
  if (query != std::string_view::npos)
    url = url.substr(0, query);
  while (!url.empty() && url.back() == '/')
    url.remove_suffix(1);
  auto slash = url.rfind('/');
  return std::string{slash == std::string_view::npos ? url : url.substr(slash + 1)};
}

std::string segment_after(std::string_view url, std::string_view name) {
  auto query = url.find_first_of("?#");
  if (query != std::string_view::npos)
    url = url.substr(0, query);
  std::string needle = "/" + std::string{name} + "/";
  auto pos = url.find(needle);
  if (pos == std::string_view::npos)
    return {};
  auto rest = url.substr(pos + needle.size());
  return std::string{rest.substr(0, rest.find('/'))};
}

std::string indexed(const std::string& path, const char* name, std::size_t i) {
  return member_path(path, name) + "[" + std::to_string(i) + "]";
}

std::string member_path(const std::string& path, const char* name) {
  return path.empty() ? std::string{name} : path + "." + name;
}

} // namespace playclock::espn::detail
