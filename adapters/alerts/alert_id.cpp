#include "adapters/alerts/alert_id.hpp"

#include <cstring>

#include <openssl/sha.h>

namespace playclock::alerts {

namespace {

void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out.append(field.data(), field.size());
  out += ',';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

std::array<std::uint8_t, SHA256_DIGEST_LENGTH> sha256(std::string_view text) {
  std::array<std::uint8_t, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return digest;
}

} // namespace

std::string make_alert_id(std::int64_t rule_id, alert_type type, std::string_view key,
                          std::string_view event_id) {
  std::string input;
  input.reserve(48 + key.size() + event_id.size());
  append_field(input, "alert/v1");
  append_field(input, std::to_string(rule_id));
  append_field(input, to_string(type));
  append_field(input, key);
  append_field(input, event_id);
  auto digest = sha256(input);
  static const char digits[] = "0123456789abcdef";
  std::string id(32, '0');
  for (std::size_t i = 0; i < 16; ++i) {
    id[2 * i] = digits[digest[i] >> 4];
    id[2 * i + 1] = digits[digest[i] & 0x0f];
  }
  return id;
}

std::array<std::uint8_t, 16> alert_id_bytes(std::string_view alert_id) {
  std::array<std::uint8_t, 16> out{};
  if (alert_id.size() == 32) {
    bool ok = true;
    for (std::size_t i = 0; i < 16 && ok; ++i) {
      int hi = hex_value(alert_id[2 * i]);
      int lo = hex_value(alert_id[2 * i + 1]);
      ok = hi >= 0 && lo >= 0;
      if (ok)
        out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    if (ok)
      return out;
  }
  auto digest = sha256(alert_id);
  std::memcpy(out.data(), digest.data(), out.size());
  return out;
}

} // namespace playclock::alerts
