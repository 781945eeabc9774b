// render_json and redact_url: showing settings without showing secrets.
#include <algorithm>
#include <type_traits>
#include <variant>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "config/loader.hpp"
#include "config/schema.hpp"

namespace playclock::config {
namespace {

using json_value = rapidjson::Value;
using allocator = rapidjson::Document::AllocatorType;

json_value string_value(const std::string& text, allocator& alloc) {
  return json_value{text.data(), static_cast<rapidjson::SizeType>(text.size()), alloc};
}

/// The object at `path` without its last segment, created as needed; sets `leaf`.
json_value& parent_of(json_value& root, const std::string& path, std::string& leaf,
                      allocator& alloc) {
  json_value* node = &root;
  std::size_t start = 0;
  for (auto dot = path.find('.'); dot != std::string::npos; dot = path.find('.', start)) {
    auto name = path.substr(start, dot - start);
    auto it = node->FindMember(name.c_str());
    if (it == node->MemberEnd()) {
      node->AddMember(string_value(name, alloc), json_value{rapidjson::kObjectType}, alloc);
      it = node->FindMember(name.c_str());
    }
    node = &it->value;
    start = dot + 1;
  }
  leaf = path.substr(start);
  return *node;
}

// Replaces the value of every "token" member, at any depth, by "***".
void redact_tokens(json_value& v, allocator& alloc) {
  if (v.IsArray()) {
    for (auto& item : v.GetArray())
      redact_tokens(item, alloc);
  } else if (v.IsObject()) {
    for (auto& m : v.GetObject()) {
      if (std::string_view{m.name.GetString(), m.name.GetStringLength()} == "token")
        m.value.SetString("***", alloc);
      else
        redact_tokens(m.value, alloc);
    }
  }
}

json_value to_json(const key_spec& k, const setting_value& v, bool redact, allocator& alloc) {
  if (redact && k.secret == secrecy::json_tokens && k.kind == value_kind::json) {
    rapidjson::Document doc{&alloc};
    doc.Parse(std::get<std::string>(v).c_str());
    json_value out{doc, alloc};
    redact_tokens(out, alloc);
    return out;
  }
  if (redact && k.is_secret()) {
    const auto* text = std::get_if<std::string>(&v);
    if (k.kind != value_kind::json && text != nullptr) {
      if (k.secret == secrecy::url_password) {
        return string_value(redact_url(*text), alloc);
      }
      return string_value(text->empty() ? "" : "***", alloc);
    }
    return string_value("***", alloc);
  }
  if (k.kind == value_kind::json) {
    rapidjson::Document doc{&alloc};
    doc.Parse(std::get<std::string>(v).c_str());
    return json_value{doc, alloc};
  }
  return std::visit(
      [&](const auto& x) -> json_value {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return string_value(x, alloc);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          json_value array{rapidjson::kArrayType};
          for (const auto& item : x) {
            array.PushBack(string_value(item, alloc), alloc);
          }
          return array;
        } else {
          return json_value{x};
        }
      },
      v);
}

} // namespace

std::string render_json(const settings& s, bool redact_secrets) {
  rapidjson::Document doc{rapidjson::kObjectType};
  auto& alloc = doc.GetAllocator();
  for (const auto& k : keys()) {
    std::string leaf;
    auto& parent = parent_of(doc, k.path, leaf, alloc);
    parent.AddMember(string_value(leaf, alloc), to_json(k, k.get(s), redact_secrets, alloc), alloc);
  }
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer{buffer};
  writer.SetIndent(' ', 2);
  doc.Accept(writer);
  return std::string{buffer.GetString(), buffer.GetSize()} + "\n";
}

std::string redact_url(const std::string& url) {
  std::string out = url;
  auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    auto start = scheme + 3;
    // The userinfo ends at the last '@' before the query; a password holding an
    // unencoded '?' falls back to the last '@' anywhere (hiding too much, not too little).
    auto query = out.find('?', start);
    auto at = query == std::string::npos ? out.rfind('@') : out.rfind('@', query);
    if (at == std::string::npos || at < start) {
      at = out.rfind('@');
    }
    if (at != std::string::npos && at > start) {
      auto colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) {
        out.replace(colon + 1, at - colon - 1, "***");
      }
    }
  }
  const std::string key = "password=";
  for (auto pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos)) {
    // Any parameter ending in password (password, sslpassword) is secret.
    auto value = pos + key.size();
    std::size_t end = 0;
    if (value < out.size() && out[value] == '\'') { // conninfo style: password='a b'
      end = out.find('\'', value + 1);
      end = end == std::string::npos ? out.size() : end + 1;
    } else {
      end = std::min(out.find_first_of("& \t", value), out.size());
    }
    out.replace(value, end - value, "***");
    pos = value + 3;
  }
  return out;
}

} // namespace playclock::config
