#include "adapters/jobs/job_request.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/auth/token.hpp"

namespace playclock::jobs {

namespace {

constexpr int max_priority = 1000;
constexpr int max_attempts_limit = 100;
constexpr int max_timeout_s = 7 * 24 * 3600;

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  v.Accept(w);
  return {buf.GetString(), buf.GetSize()};
}

std::optional<bad_field> int_field(const rapidjson::Value& doc, const char* name, int lo, int hi,
                                   int& out) {
  auto m = doc.FindMember(name);
  if (m == doc.MemberEnd())
    return std::nullopt;
  if (!m->value.IsInt() || m->value.GetInt() < lo || m->value.GetInt() > hi)
    return bad_field{name,
                     "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi)};
  out = m->value.GetInt();
  return std::nullopt;
}

// Digits at text[pos, pos+n) as a number, or -1.
int digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size())
    return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9')
      return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return std::int64_t{era} * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

} // namespace

std::optional<std::int64_t> parse_rfc3339_ms(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't') ||
      t[13] != ':' || t[16] != ':')
    return std::nullopt;
  int y = digits(t, 0, 4), mo = digits(t, 5, 2), d = digits(t, 8, 2);
  int h = digits(t, 11, 2), mi = digits(t, 14, 2), s = digits(t, 17, 2);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 ||
      s > 60 || d > days_in_month(y, mo))
    return std::nullopt;
  std::size_t pos = 19;
  std::int64_t ms = 0;
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    int scale = 100, n = 0;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
      ms += std::int64_t{t[pos] - '0'} * scale;
      scale /= 10;
      ++pos;
      ++n;
    }
    if (n == 0)
      return std::nullopt;
  }
  if (pos >= t.size())
    return std::nullopt;
  int offset_min = 0;
  if (t[pos] == 'Z' || t[pos] == 'z') {
    ++pos;
  } else if (t[pos] == '+' || t[pos] == '-') {
    int oh = digits(t, pos + 1, 2), om = digits(t, pos + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59 || pos + 3 >= t.size() || t[pos + 3] != ':')
      return std::nullopt;
    offset_min = (t[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != t.size())
    return std::nullopt;
  std::int64_t secs = days_from_civil(y, mo, d) * 86400 + std::int64_t{h} * 3600 +
                      std::int64_t{mi} * 60 + std::min(s, 59) - std::int64_t{offset_min} * 60;
  return secs * 1000 + ms;
}

std::variant<job_request, bad_field> parse_job_request(std::string_view body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject())
    return bad_field{"body", "must be a JSON object"};
  for (const auto& m : doc.GetObject()) {
    std::string_view name{m.name.GetString(), m.name.GetStringLength()};
    static constexpr std::string_view known[] = {"type",         "params",    "priority", "run_at",
                                                 "max_attempts", "timeout_s", "tenant"};
    if (std::find(std::begin(known), std::end(known), name) == std::end(known))
      return bad_field{std::string{name}, "unknown field"};
  }
  job_request r;
  auto type = doc.FindMember("type");
  if (type == doc.MemberEnd() || !type->value.IsString())
    return bad_field{"type", "required, a string"};
  r.type.assign(type->value.GetString(), type->value.GetStringLength());
  const auto& types = job_types();
  if (!std::binary_search(types.begin(), types.end(), r.type)) {
    std::string list;
    for (const auto& t : types)
      list += (list.empty() ? "" : ", ") + t;
    return bad_field{"type", "unknown job type (known: " + list + ")"};
  }
  if (auto p = doc.FindMember("params"); p != doc.MemberEnd()) {
    if (!p->value.IsObject())
      return bad_field{"params", "must be a JSON object"};
    r.params = compact(p->value);
  }
  if (auto bad = check_params(r.type, r.params))
    return *bad;
  if (auto bad = int_field(doc, "priority", -max_priority, max_priority, r.priority))
    return *bad;
  if (auto bad = int_field(doc, "max_attempts", 1, max_attempts_limit, r.max_attempts))
    return *bad;
  if (auto bad = int_field(doc, "timeout_s", 1, max_timeout_s, r.timeout_s))
    return *bad;
  if (auto at = doc.FindMember("run_at"); at != doc.MemberEnd() && !at->value.IsNull()) {
    std::optional<std::int64_t> ms;
    if (at->value.IsString())
      ms = parse_rfc3339_ms({at->value.GetString(), at->value.GetStringLength()});
    if (!ms)
      return bad_field{"run_at", "must be an RFC 3339 date-time, e.g. 2026-11-24T18:30:00Z"};
    r.run_at_ms = *ms;
  }
  if (auto t = doc.FindMember("tenant"); t != doc.MemberEnd() && !t->value.IsNull()) {
    if (!t->value.IsString())
      return bad_field{"tenant", "must be a string"};
    r.tenant.assign(t->value.GetString(), t->value.GetStringLength());
  }
  return r;
}

std::string request_hash(const job_request& r) {
  // Length-prefixed fields: no two requests share a preimage.
  std::string pre;
  auto add = [&](const std::string& f) { pre += std::to_string(f.size()) + ":" + f + ";"; };
  add(r.type);
  add(r.params);
  add(std::to_string(r.priority));
  add(r.run_at_ms ? std::to_string(*r.run_at_ms) : "now");
  add(std::to_string(r.max_attempts));
  add(std::to_string(r.timeout_s));
  add(r.tenant);
  return auth::hash_token(pre);
}

std::int64_t retry_delay_ms(int attempt, std::int64_t initial_ms, std::int64_t max_ms) {
  std::int64_t d = std::max<std::int64_t>(initial_ms, 0);
  for (int i = 1; i < attempt && d < max_ms; ++i)
    d *= 2;
  return std::min(d, max_ms);
}

} // namespace playclock::jobs
