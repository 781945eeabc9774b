#pragma once
// Reading and writing the elements of settings whose values are JSON arrays
// of objects (tenants, ticker rules, job schedules). Internal to config/.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock::config::json_fields {

using object = rapidjson::Value::ConstObject;

/// Reads `obj[key]` as a string into `out`; returns the message if present
/// and not a string, or absent while required.
inline std::optional<std::string> string_field(const object& obj, const char* key, bool required,
                                               std::string& out) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd())
    return required ? std::optional<std::string>{std::string{key} + ": required"} : std::nullopt;
  if (!it->value.IsString())
    return std::string{key} + ": must be a string";
  out.assign(it->value.GetString(), it->value.GetStringLength());
  return std::nullopt;
}

inline std::optional<std::string> unknown_keys(const object& obj,
                                               const std::set<std::string>& known) {
  for (const auto& m : obj) {
    std::string k{m.name.GetString(), m.name.GetStringLength()};
    if (!known.count(k))
      return k + ": unknown key (expected one of: " + [&] {
        std::string all;
        for (const auto& x : known)
          all += (all.empty() ? "" : ", ") + x;
        return all;
      }() + ")";
  }
  return std::nullopt;
}

template <class T, class Read>
std::optional<std::string> parse_array(const std::string& json, std::vector<T>& out, Read read) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (doc.HasParseError() || !doc.IsArray())
    return std::string{"must be a JSON array of objects"};
  std::vector<T> result;
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    auto where = "[" + std::to_string(i) + "]";
    if (!doc[i].IsObject())
      return where + ": must be an object";
    T item;
    const rapidjson::Value& element = doc[i];
    if (auto err = read(element.GetObject(), item))
      return where + "." + *err;
    result.push_back(std::move(item));
  }
  out = std::move(result);
  return std::nullopt;
}

template <class Write>
std::string render_array(Write write) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartArray();
  write(w);
  w.EndArray();
  return buf.GetString();
}

/// ^[a-z0-9][a-z0-9_-]{0,62}$, as the tenants table checks it (no
/// std::regex: GCC 12 warns inside <regex> under ASan, and CI uses -Werror).
inline bool valid_tenant_id(const std::string& id) {
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (id.empty() || id.size() > 63 || !lower_or_digit(id[0]))
    return false;
  for (char c : id)
    if (!lower_or_digit(c) && c != '_' && c != '-')
      return false;
  return true;
}

} // namespace playclock::config::json_fields
