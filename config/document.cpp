// JSON documents and text values to typed setting values (RapidJSON stays here).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "config/layers.hpp"

namespace playclock::config {
namespace {

using json_value = rapidjson::Value;

const char* type_name(const json_value& v) {
  switch (v.GetType()) {
  case rapidjson::kNullType:
    return "null";
  case rapidjson::kFalseType:
  case rapidjson::kTrueType:
    return "boolean";
  case rapidjson::kObjectType:
    return "object";
  case rapidjson::kArrayType:
    return "array";
  case rapidjson::kStringType:
    return "string";
  case rapidjson::kNumberType:
    return v.IsDouble() ? "non-integer number" : "number";
  }
  return "unknown";
}

std::string syntax_error(std::string_view text, const rapidjson::Document& doc) {
  auto offset = std::min(doc.GetErrorOffset(), text.size());
  auto before = text.substr(0, offset);
  auto line = std::count(before.begin(), before.end(), '\n') + 1;
  auto last_newline = before.rfind('\n');
  auto column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
  return "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(column) +
         " (offset " + std::to_string(offset) + "): " + GetParseError_En(doc.GetParseError());
}

std::string compact(const json_value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
  v.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

std::optional<setting_value> from_json(const key_spec& k, const json_value& j, std::string& error) {
  switch (k.kind) {
  case value_kind::string:
  case value_kind::enumeration:
  case value_kind::address:
    if (j.IsString()) {
      return setting_value{std::string{j.GetString(), j.GetStringLength()}};
    }
    error = std::string{"expected a string, got "} + type_name(j);
    return std::nullopt;
  case value_kind::integer:
    if (j.IsInt64()) {
      return setting_value{j.GetInt64()};
    }
    if (j.IsUint64()) { // too large: clamp so the range check reports it
      return setting_value{std::numeric_limits<std::int64_t>::max()};
    }
    error = std::string{"expected an integer, got "} + type_name(j);
    return std::nullopt;
  case value_kind::size:
    if (j.IsUint64()) {
      return setting_value{j.GetUint64()};
    }
    error = std::string{"expected a non-negative integer, got "} +
            (j.IsInt64() ? "a negative number" : type_name(j));
    return std::nullopt;
  case value_kind::number:
    if (j.IsNumber()) { // integers too; RapidJSON rejects NaN, Infinity and overflow
      return setting_value{j.GetDouble()};
    }
    error = std::string{"expected a number, got "} + type_name(j);
    return std::nullopt;
  case value_kind::boolean:
    if (j.IsBool()) {
      return setting_value{j.GetBool()};
    }
    error = std::string{"expected a boolean, got "} + type_name(j);
    return std::nullopt;
  case value_kind::string_list: {
    if (!j.IsArray()) {
      error = std::string{"expected an array of strings, got "} + type_name(j);
      return std::nullopt;
    }
    std::vector<std::string> items;
    for (rapidjson::SizeType i = 0; i < j.Size(); ++i) {
      if (!j[i].IsString()) {
        error =
            "expected an array of strings, element " + std::to_string(i) + " is " + type_name(j[i]);
        return std::nullopt;
      }
      items.emplace_back(j[i].GetString(), j[i].GetStringLength());
    }
    return setting_value{std::move(items)};
  }
  case value_kind::json:
    return setting_value{compact(j)};
  }
  error = "unsupported kind";
  return std::nullopt;
}

const key_spec* lookup(const std::vector<key_spec>& schema, std::string_view path) {
  auto it =
      std::find_if(schema.begin(), schema.end(), [&](const auto& k) { return k.path == path; });
  return it == schema.end() ? nullptr : &*it;
}

bool is_group(const std::vector<key_spec>& schema, const std::string& path) {
  auto prefix = path + ".";
  return std::any_of(schema.begin(), schema.end(),
                     [&](const auto& k) { return k.path.rfind(prefix, 0) == 0; });
}

void apply_object(const json_value& object, const std::string& prefix,
                  const std::vector<key_spec>& schema, settings& s,
                  std::vector<config_error>& errors) {
  std::set<std::string> seen;
  for (const auto& member : object.GetObject()) {
    std::string name{member.name.GetString(), member.name.GetStringLength()};
    auto path = prefix.empty() ? name : prefix + "." + name;
    if (!seen.insert(name).second) {
      errors.push_back({path, "duplicate key"});
      continue;
    }
    if (const auto* k = lookup(schema, path)) {
      std::string error;
      if (auto v = from_json(*k, member.value, error)) {
        if (auto msg = check_value(*k, *v)) {
          error = *msg;
        } else {
          k->set(s, *v);
        }
      }
      if (!error.empty()) {
        errors.push_back({path, error});
      }
    } else if (is_group(schema, path)) {
      if (member.value.IsObject()) {
        apply_object(member.value, path, schema, s, errors);
      } else {
        errors.push_back({path, std::string{"expected an object, got "} + type_name(member.value)});
      }
    } else {
      errors.push_back({path, "unknown key"});
    }
  }
}

std::string got(const key_spec& k, const std::string& text) {
  return k.is_secret() ? std::string{} : ", got \"" + text + "\"";
}

std::string trim(std::string_view text) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return std::string{text};
}

template <class Int>
std::optional<Int> parse_number(const std::string& text) {
  Int n{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (ptr != end || text.empty()) {
    return std::nullopt;
  }
  if (ec == std::errc::result_out_of_range) { // clamp so the range check reports it
    return text.front() == '-' ? std::numeric_limits<Int>::min() : std::numeric_limits<Int>::max();
  }
  return ec == std::errc{} ? std::optional<Int>{n} : std::nullopt;
}

/// The whole text as a double (no sign '+', spaces, hex or trailing garbage), finite.
std::optional<setting_value> parse_double(const key_spec& k, const std::string& text,
                                          std::string& error) {
  double n = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ptr != end || ec == std::errc::invalid_argument) {
    error = "expected a number" + got(k, text);
    return std::nullopt;
  }
  if (ec != std::errc{} || !std::isfinite(n)) { // out of range, inf, nan
    error = "expected a finite number" + got(k, text);
    return std::nullopt;
  }
  return setting_value{n};
}

std::optional<setting_value> parse_list(const key_spec& k, const std::string& text,
                                        std::string& error) {
  auto trimmed = trim(text);
  if (!trimmed.empty() && trimmed.front() == '[') {
    rapidjson::Document doc;
    doc.Parse(trimmed.data(), trimmed.size());
    if (doc.HasParseError()) {
      error = syntax_error(trimmed, doc);
      return std::nullopt;
    }
    return from_json(k, doc, error);
  }
  std::vector<std::string> items;
  for (std::size_t start = 0; !trimmed.empty() && start <= trimmed.size();) {
    auto comma = std::min(trimmed.find(',', start), trimmed.size());
    items.push_back(trim(std::string_view{trimmed}.substr(start, comma - start)));
    start = comma + 1;
  }
  return setting_value{std::move(items)};
}

} // namespace

std::vector<config_error> apply_document(std::string_view json, const std::string& origin,
                                         const std::vector<key_spec>& schema, settings& s) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return {{origin, syntax_error(json, doc)}};
  }
  if (!doc.IsObject()) {
    return {
        {origin, std::string{"expected a JSON object at the top level, got "} + type_name(doc)}};
  }
  std::vector<config_error> errors;
  apply_object(doc, "", schema, s, errors);
  return errors;
}

std::optional<std::string> peek_string(std::string_view json, std::string_view key) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return std::nullopt;
  }
  auto it =
      doc.FindMember(rapidjson::Value{key.data(), static_cast<rapidjson::SizeType>(key.size())});
  if (it == doc.MemberEnd() || !it->value.IsString()) {
    return std::nullopt;
  }
  return std::string{it->value.GetString(), it->value.GetStringLength()};
}

std::optional<setting_value> parse_env_value(const key_spec& k, const std::string& text,
                                             std::string& error) {
  switch (k.kind) {
  case value_kind::string:
  case value_kind::enumeration:
  case value_kind::address:
    return setting_value{text};
  case value_kind::integer:
    if (auto n = parse_number<std::int64_t>(text)) {
      return setting_value{*n};
    }
    error = "expected an integer" + got(k, text);
    return std::nullopt;
  case value_kind::size:
    if (auto n = parse_number<std::uint64_t>(text)) {
      return setting_value{*n};
    }
    error = "expected a non-negative integer" + got(k, text);
    return std::nullopt;
  case value_kind::number:
    return parse_double(k, text, error);
  case value_kind::boolean: {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "true" || lower == "1" || lower == "yes") {
      return setting_value{true};
    }
    if (lower == "false" || lower == "0" || lower == "no") {
      return setting_value{false};
    }
    error = "expected a boolean (true/false/1/0/yes/no)" + got(k, text);
    return std::nullopt;
  }
  case value_kind::string_list:
    return parse_list(k, text, error);
  case value_kind::json: {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError()) {
      error = syntax_error(text, doc);
      return std::nullopt;
    }
    return setting_value{compact(doc)};
  }
  }
  error = "unsupported kind";
  return std::nullopt;
}

} // namespace playclock::config
