// The opaque read-API cursors: base64url (no padding) of a short JSON array.
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "actors/query_actor.hpp"

namespace playclock {

namespace {

constexpr std::string_view b64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// Cursors are short; a longer one is garbage (and never worth parsing).
constexpr std::size_t max_cursor_chars = 512;

std::string base64url(std::string_view in) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char ch : in) {
    acc = (acc << 8) | ch;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(b64_alphabet[(acc >> bits) & 0x3f]);
    }
  }
  if (bits > 0)
    out.push_back(b64_alphabet[(acc << (6 - bits)) & 0x3f]);
  return out;
}

std::optional<std::string> unbase64url(std::string_view in) {
  if (in.empty() || in.size() > max_cursor_chars || in.size() % 4 == 1)
    return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char ch : in) {
    auto pos = b64_alphabet.find(ch);
    if (pos == std::string_view::npos)
      return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // Canonical form only: the unused low bits of the last character are zero.
  if ((acc & ((1u << bits) - 1)) != 0)
    return std::nullopt;
  return out;
}

template <class F>
std::string encode_array(F write_elements) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartArray();
  write_elements(w);
  w.EndArray();
  return base64url({buf.GetString(), buf.GetSize()});
}

// The two elements of a cursor's JSON array, or nullptr.
const rapidjson::Value* decode_pair(std::string_view text, rapidjson::Document& doc) {
  auto raw = unbase64url(text);
  if (!raw)
    return nullptr;
  doc.Parse(raw->data(), raw->size());
  if (doc.HasParseError() || !doc.IsArray() || doc.Size() != 2 || !doc[1].IsString() ||
      doc[1].GetStringLength() == 0)
    return nullptr;
  return doc.Begin();
}

} // namespace

std::string encode_cursor(const games_cursor& c) {
  return encode_array([&](auto& w) {
    if (c.start_us)
      w.Int64(*c.start_us);
    else
      w.Null();
    w.String(c.game_id.data(), static_cast<rapidjson::SizeType>(c.game_id.size()));
  });
}

std::string encode_cursor(const injuries_cursor& c) {
  return encode_array([&](auto& w) {
    w.String(c.team.data(), static_cast<rapidjson::SizeType>(c.team.size()));
    w.String(c.player_id.data(), static_cast<rapidjson::SizeType>(c.player_id.size()));
  });
}

std::optional<games_cursor> decode_games_cursor(std::string_view text) {
  rapidjson::Document doc;
  auto xs = decode_pair(text, doc);
  if (xs == nullptr || !(xs[0].IsNull() || xs[0].IsInt64()))
    return std::nullopt;
  games_cursor c;
  if (xs[0].IsInt64()) {
    // Far outside PostgreSQL's timestamp range: forged, not ours.
    constexpr std::int64_t max_us = 100'000'000'000'000'000;
    c.start_us = xs[0].GetInt64();
    if (*c.start_us > max_us || *c.start_us < -max_us)
      return std::nullopt;
  }
  c.game_id.assign(xs[1].GetString(), xs[1].GetStringLength());
  return c;
}

std::optional<injuries_cursor> decode_injuries_cursor(std::string_view text) {
  rapidjson::Document doc;
  auto xs = decode_pair(text, doc);
  if (xs == nullptr || !xs[0].IsString() || xs[0].GetStringLength() == 0)
    return std::nullopt;
  return injuries_cursor{{xs[0].GetString(), xs[0].GetStringLength()},
                         {xs[1].GetString(), xs[1].GetStringLength()}};
}

} // namespace playclock
