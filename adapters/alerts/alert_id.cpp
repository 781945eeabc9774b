#include "adapters/alerts/alert_id.hpp"

#include <cstring>

#include <openssl/evp.h>
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

// OpenSSL 3's one-shot SHA256() looks the algorithm up on every call; a
// fetched digest and a context reused per thread take a third of the time.
struct sha256_context {
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  sha256_context() = default;
  sha256_context(const sha256_context&) = delete;
  sha256_context& operator=(const sha256_context&) = delete;
  ~sha256_context() {
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
  }
};

std::array<std::uint8_t, SHA256_DIGEST_LENGTH> sha256(std::string_view text) {
  std::array<std::uint8_t, SHA256_DIGEST_LENGTH> digest{};
  thread_local sha256_context c;
  unsigned int size = 0;
  if (c.md != nullptr && c.ctx != nullptr && EVP_DigestInit_ex2(c.ctx, c.md, nullptr) == 1 &&
      EVP_DigestUpdate(c.ctx, text.data(), text.size()) == 1 &&
      EVP_DigestFinal_ex(c.ctx, digest.data(), &size) == 1)
    return digest;
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return digest;
}

} // namespace

std::array<std::uint8_t, 16> alert_id_digest(std::int64_t rule_id, alert_type type,
                                             std::string_view key, std::string_view event_id) {
  std::string input;
  input.reserve(48 + key.size() + event_id.size());
  append_field(input, "alert/v1");
  append_field(input, std::to_string(rule_id));
  append_field(input, to_string(type));
  append_field(input, key);
  append_field(input, event_id);
  auto digest = sha256(input);
  std::array<std::uint8_t, 16> out{};
  std::memcpy(out.data(), digest.data(), out.size());
  return out;
}

std::string alert_id_hex(const std::array<std::uint8_t, 16>& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string id(32, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    id[2 * i] = digits[bytes[i] >> 4];
    id[2 * i + 1] = digits[bytes[i] & 0x0f];
  }
  return id;
}

std::string make_alert_id(std::int64_t rule_id, alert_type type, std::string_view key,
                          std::string_view event_id) {
  return alert_id_hex(alert_id_digest(rule_id, type, key, event_id));
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
