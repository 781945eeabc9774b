#include "adapters/alerts/rule_json.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock::alerts {

namespace {

using json = rapidjson::Value;
using error = std::optional<rule_error>;

error fail(std::string field, std::string message) {
  return rule_error{std::move(field), std::move(message)};
}

std::string_view view(const json& v) {
  return {v.GetString(), v.GetStringLength()};
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// Printable ASCII without spaces: ids and tickers.
bool is_token(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
  });
}

// Code points of valid UTF-8 (the parser validated the encoding).
std::size_t utf8_chars(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

std::string lower_ascii(std::string_view s) {
  std::string out{s};
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// -- targets ------------------------------------------------------------------

bool valid_port(std::string_view p) {
  if (p.empty() || p.size() > 5 || !std::all_of(p.begin(), p.end(), is_digit))
    return false;
  int n = 0;
  for (char c : p)
    n = n * 10 + (c - '0');
  return n >= 1 && n <= 65535;
}

std::optional<std::string> check_webhook(std::string_view url) {
  if (url.size() > max_webhook_url_bytes)
    return "must be a URL of at most " + std::to_string(max_webhook_url_bytes) + " bytes";
  if (!is_token(url))
    return std::string{"must be a URL without spaces or control characters (percent-encode them)"};
  auto head = lower_ascii(url.substr(0, 8));
  std::size_t skip = 0;
  if (head.rfind("https://", 0) == 0)
    skip = 8;
  else if (head.rfind("http://", 0) == 0)
    skip = 7;
  else
    return std::string{"must be an http:// or https:// URL"};
  auto rest = url.substr(skip);
  auto authority = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = authority.rfind('@'); at != std::string_view::npos)
    authority = authority.substr(at + 1);
  std::string_view host = authority;
  std::string_view port;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1)
      return std::string{"must be a URL with a host"};
    host = authority.substr(1, close - 1);
    for (char c : host)
      if (!(std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.'))
        return std::string{"must be a URL with a valid IPv6 host"};
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':')
        return std::string{"must be a URL with a valid host"};
      has_port = true;
      port = after.substr(1);
    }
  } else {
    if (auto colon = authority.find(':'); colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      has_port = true;
      port = authority.substr(colon + 1);
    }
    if (host.empty())
      return std::string{"must be a URL with a host"};
    bool any_alnum = false;
    for (char c : host) {
      if (!(is_ascii_alnum(c) || c == '.' || c == '-' || c == '_'))
        return std::string{"must be a URL with a valid host"};
      any_alnum = any_alnum || is_ascii_alnum(c);
    }
    if (!any_alnum)
      return std::string{"must be a URL with a valid host"};
  }
  if (has_port && !valid_port(port))
    return std::string{"must be a URL with a port from 1 to 65535"};
  return std::nullopt;
}

std::optional<std::string> check_telegram(std::string_view t) {
  const char* what = "must be a Telegram chat id (an integer such as -1001234567890) or "
                     "@channelname (5 to 32 letters, digits or underscores)";
  if (t.empty())
    return std::string{what};
  if (t.front() == '@') {
    auto name = t.substr(1);
    if (name.size() < 5 || name.size() > 32 || !is_ascii_letter(name.front()))
      return std::string{what};
    for (char c : name)
      if (!(is_ascii_alnum(c) || c == '_'))
        return std::string{what};
    return std::nullopt;
  }
  auto digits = t.front() == '-' ? t.substr(1) : t;
  // 19 digits keeps any chat id inside int64; Telegram's are at most 13.
  if (digits.empty() || digits.size() > 19 || !std::all_of(digits.begin(), digits.end(), is_digit))
    return std::string{what};
  if (digits.size() == 19 && digits > "9223372036854775807")
    return std::string{what};
  return std::nullopt;
}

std::optional<std::string> check_log(std::string_view t) {
  if (t.empty())
    return std::string{"must not be empty"};
  if (utf8_chars(t) > max_log_target_chars)
    return "must be at most " + std::to_string(max_log_target_chars) + " characters";
  if (has_control(t))
    return std::string{"must not contain control characters"};
  return std::nullopt;
}

std::optional<std::string> check_target(channel via, std::string_view t) {
  switch (via) {
  case channel::webhook:
    return check_webhook(t);
  case channel::telegram:
    return check_telegram(t);
  case channel::log:
    return check_log(t);
  }
  return std::string{"unknown channel"};
}

// -- object walking -----------------------------------------------------------

std::string join_names(const char* const* names, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0)
      out += i + 1 == n ? " or " : ", ";
    out += '"';
    out += names[i];
    out += '"';
  }
  return out;
}

// Rejects keys not in `allowed` and keys given twice; `prefix` is the path of
// the object ("" or "filters.").
template <std::size_t N>
error check_keys(const json& obj, const std::string& prefix, const char* const (&allowed)[N]) {
  std::vector<std::string_view> seen;
  for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
    auto name = view(it->name);
    bool known = std::any_of(std::begin(allowed), std::end(allowed),
                             [&](const char* a) { return name == a; });
    if (!known)
      return fail(prefix + std::string{name},
                  "unknown field (expected " + join_names(allowed, N) + ")");
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      return fail(prefix + std::string{name}, "given twice");
    seen.push_back(name);
  }
  return std::nullopt;
}

// obj[name] unless absent or null.
const json* member(const json& obj, const char* name) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull())
    return nullptr;
  return &it->value;
}

enum class list_kind { teams, games, markets };

error read_list(const json& v, const std::string& path, list_kind kind,
                std::vector<std::string>& out) {
  if (!v.IsArray())
    return fail(path, "must be an array of strings");
  if (v.Size() > max_filter_entries)
    return fail(path, "must have at most " + std::to_string(max_filter_entries) + " entries");
  out.clear();
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    auto item_path = path + "[" + std::to_string(i) + "]";
    const auto& item = v[i];
    if (!item.IsString())
      return fail(item_path, "must be a string");
    auto s = view(item);
    if (s.empty())
      return fail(item_path, "must not be empty");
    std::string value;
    switch (kind) {
    case list_kind::teams:
      if (s.size() > 8 || !std::all_of(s.begin(), s.end(), is_ascii_alnum))
        return fail(item_path,
                    "must be a team abbreviation (1 to 8 letters or digits, like \"KC\")");
      value.reserve(s.size());
      for (char c : s)
        value += upper(c);
      break;
    case list_kind::games:
    case list_kind::markets:
      if (s.size() > 100 || !is_token(s))
        return fail(item_path, kind == list_kind::games
                                   ? "must be a game id (at most 100 characters, no spaces)"
                                   : "must be a market ticker (at most 100 characters, no spaces)");
      value = std::string{s};
      break;
    }
    if (std::find(out.begin(), out.end(), value) == out.end())
      out.push_back(std::move(value));
  }
  return std::nullopt;
}

const char* const filter_keys[] = {"teams", "games", "markets", "min_impact"};

error read_filters(const json& v, const std::string& path, filters& out) {
  auto prefix = path.empty() ? std::string{} : path + ".";
  if (!v.IsObject())
    return fail(path, "must be an object");
  if (auto e = check_keys(v, prefix, filter_keys))
    return e;
  if (const auto* t = member(v, "teams"))
    if (auto e = read_list(*t, prefix + "teams", list_kind::teams, out.teams))
      return e;
  if (const auto* g = member(v, "games"))
    if (auto e = read_list(*g, prefix + "games", list_kind::games, out.games))
      return e;
  if (const auto* m = member(v, "markets"))
    if (auto e = read_list(*m, prefix + "markets", list_kind::markets, out.markets))
      return e;
  if (const auto* mi = member(v, "min_impact")) {
    std::optional<impact> level;
    if (mi->IsString())
      level = parse_impact(view(*mi));
    if (!level)
      return fail(prefix + "min_impact",
                  "must be one of \"low\", \"medium\", \"high\" or \"extreme\"");
    out.min_impact = level;
  }
  return std::nullopt;
}

std::optional<std::string> parse_text(rapidjson::Document& doc, std::string_view text) {
  if (text.size() > max_rule_body_bytes)
    return "must be at most " + std::to_string(max_rule_body_bytes) + " bytes";
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag |
                             rapidjson::kParseValidateEncodingFlag;
  doc.Parse<flags>(text.data(), text.size());
  if (!doc.HasParseError())
    return std::nullopt;
  return std::string{"not JSON: "} + rapidjson::GetParseError_En(doc.GetParseError()) +
         " at byte " + std::to_string(doc.GetErrorOffset());
}

const char* const rule_keys[] = {"type", "channel", "target", "filters", "cooldown_s", "priority"};

std::string type_names() {
  std::vector<const char*> names;
  for (auto t : all_alert_types())
    names.push_back(to_string(t));
  return join_names(names.data(), names.size());
}

error read_rule(const json& v, rule& r) {
  if (!v.IsObject())
    return fail("", "must be a JSON object");
  if (auto e = check_keys(v, "", rule_keys))
    return e;

  const auto* type = member(v, "type");
  if (type == nullptr)
    return fail("type", "is required (one of " + type_names() + ")");
  std::optional<alert_type> t;
  if (type->IsString())
    t = parse_alert_type(view(*type));
  if (!t)
    return fail("type", "must be one of " + type_names());
  r.type = *t;

  const auto* via = member(v, "channel");
  const char* const channels[] = {"telegram", "webhook", "log"};
  if (via == nullptr)
    return fail("channel", "is required (one of " + join_names(channels, 3) + ")");
  std::optional<channel> c;
  if (via->IsString())
    c = parse_channel(view(*via));
  if (!c)
    return fail("channel", "must be one of " + join_names(channels, 3));
  r.via = *c;

  const auto* target = member(v, "target");
  if (target == nullptr)
    return fail("target", "is required");
  if (!target->IsString())
    return fail("target", "must be a string");
  if (auto why = check_target(r.via, view(*target)))
    return fail("target", *why + " for channel \"" + to_string(r.via) + "\"");
  r.target = std::string{view(*target)};

  if (const auto* f = member(v, "filters"))
    if (auto e = read_filters(*f, "filters", r.only))
      return e;

  if (const auto* cd = member(v, "cooldown_s")) {
    if (!cd->IsInt64() || cd->GetInt64() < 0 || cd->GetInt64() > max_cooldown_s)
      return fail("cooldown_s",
                  "must be an integer from 0 to " + std::to_string(max_cooldown_s) + " (seconds)");
    r.cooldown_s = static_cast<int>(cd->GetInt64());
  }

  if (const auto* p = member(v, "priority")) {
    std::optional<priority> level;
    if (p->IsString())
      level = parse_priority(view(*p));
    if (!level)
      return fail("priority", "must be \"normal\" or \"high\"");
    r.level = *level;
  }
  return std::nullopt;
}

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(writer& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_list(writer& w, const char* name, const std::vector<std::string>& items) {
  w.Key(name);
  w.StartArray();
  for (const auto& s : items)
    write_string(w, s);
  w.EndArray();
}

void write_filters(writer& w, const filters& f) {
  w.StartObject();
  write_list(w, "teams", f.teams);
  write_list(w, "games", f.games);
  write_list(w, "markets", f.markets);
  if (f.min_impact) {
    w.Key("min_impact");
    w.String(to_string(*f.min_impact));
  }
  w.EndObject();
}

} // namespace

std::string to_string(const rule_error& e) {
  return e.field.empty() ? e.message : e.field + ": " + e.message;
}

std::variant<rule, rule_error> parse_rule(std::string_view json_body, const std::string& tenant) {
  rapidjson::Document doc;
  if (auto why = parse_text(doc, json_body))
    return rule_error{"", *why};
  rule r;
  r.tenant = tenant;
  if (auto e = read_rule(doc, r))
    return *e;
  return r;
}

std::string rule_to_json(const rule& r) {
  rapidjson::StringBuffer buf;
  writer w{buf};
  w.StartObject();
  w.Key("id");
  w.Int64(r.id);
  w.Key("tenant");
  write_string(w, r.tenant);
  w.Key("type");
  w.String(to_string(r.type));
  w.Key("channel");
  w.String(to_string(r.via));
  w.Key("target");
  write_string(w, r.target);
  w.Key("filters");
  write_filters(w, r.only);
  w.Key("cooldown_s");
  w.Int(r.cooldown_s);
  w.Key("priority");
  w.String(to_string(r.level));
  w.EndObject();
  return {buf.GetString(), buf.GetSize()};
}

std::string filters_to_json(const filters& f) {
  rapidjson::StringBuffer buf;
  writer w{buf};
  write_filters(w, f);
  return {buf.GetString(), buf.GetSize()};
}

std::optional<filters> filters_from_json(std::string_view json) {
  rapidjson::Document doc;
  if (parse_text(doc, json))
    return std::nullopt;
  filters f;
  if (read_filters(doc, "", f))
    return std::nullopt;
  return f;
}

} // namespace playclock::alerts
