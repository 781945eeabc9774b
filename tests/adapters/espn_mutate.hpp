#pragma once
// Damaging one value of a JSON document at a time, for the robustness tests:
// every value under a subtree is removed or replaced by a value of another
// type, and the damaged document is written back out as text.

#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock::test {

/// What is done to the value.
enum class damage { removed, text, number, null, object, array, boolean };

inline constexpr damage all_damages[] = {damage::removed, damage::text,   damage::number,
                                         damage::null,    damage::object, damage::array,
                                         damage::boolean};

inline const char* to_string(damage d) {
  switch (d) {
  case damage::removed:
    return "removed";
  case damage::text:
    return "\"x\"";
  case damage::number:
    return "7";
  case damage::null:
    return "null";
  case damage::object:
    return "{}";
  case damage::array:
    return "[]";
  case damage::boolean:
    return "true";
  }
  return "?";
}

/// One step of a JSON pointer, escaped (RFC 6901).
inline std::string pointer_token(const std::string& name) {
  std::string out;
  for (char c : name)
    out += c == '~' ? std::string{"~0"} : c == '/' ? std::string{"~1"} : std::string(1, c);
  return out;
}

/// JSON pointers of `v` (at `at`) and of every value below it, parents first.
inline void collect_pointers(const rapidjson::Value& v, const std::string& at,
                             std::vector<std::string>& out) {
  out.push_back(at);
  if (v.IsObject()) {
    for (const auto& m : v.GetObject())
      collect_pointers(m.value, at + "/" + pointer_token(m.name.GetString()), out);
  } else if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
      collect_pointers(v[i], at + "/" + std::to_string(i), out);
  }
}

inline std::string to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w{buffer};
  v.Accept(w);
  return {buffer.GetString(), buffer.GetSize()};
}

/// `doc` as text with the value at `pointer` damaged.
inline std::string damaged(const rapidjson::Document& doc, const std::string& pointer, damage d) {
  rapidjson::Document copy;
  copy.CopyFrom(doc, copy.GetAllocator());
  rapidjson::Pointer p(pointer.c_str());
  auto& a = copy.GetAllocator();
  switch (d) {
  case damage::removed:
    p.Erase(copy);
    break;
  case damage::text:
    p.Set(copy, rapidjson::Value("x", a).Move(), a);
    break;
  case damage::number:
    p.Set(copy, rapidjson::Value(7).Move(), a);
    break;
  case damage::null:
    p.Set(copy, rapidjson::Value(rapidjson::kNullType).Move(), a);
    break;
  case damage::object:
    p.Set(copy, rapidjson::Value(rapidjson::kObjectType).Move(), a);
    break;
  case damage::array:
    p.Set(copy, rapidjson::Value(rapidjson::kArrayType).Move(), a);
    break;
  case damage::boolean:
    p.Set(copy, rapidjson::Value(true).Move(), a);
    break;
  }
  return to_text(copy);
}

/// The last step of a pointer ("score" in "/events/1/.../score").
inline std::string last_token(const std::string& pointer) {
  return pointer.substr(pointer.rfind('/') + 1);
}

/// False when the value at `pointer` is certainly not read into a game: it is
/// no array element and its member name is none of those read_game and
/// read_situation look at (a scoreboard event or a summary header). A damaged
/// value there must leave the game exactly as it was.
inline bool game_may_read(const std::string& pointer) {
  static const std::string reads =
      " id date season year type week number competitions status state detail shortDetail"
      " description period displayClock clock competitors homeAway team abbreviation"
      " displayName name score value displayValue venue fullName address city indoor"
      " situation down distance possession possessionText yardLine yardsToEndzone isRedZone"
      " homeTimeouts awayTimeouts lastPlay end ";
  auto last = last_token(pointer);
  bool index = !last.empty() && last.find_first_not_of("0123456789") == std::string::npos;
  return index || reads.find(" " + last + " ") != std::string::npos;
}

} // namespace playclock::test
