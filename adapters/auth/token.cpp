#include "adapters/auth/token.hpp"

#include <array>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace playclock::auth {

namespace {

constexpr std::string_view hash_prefix = "sha256:";

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0x0f];
  }
  return out;
}

} // namespace

std::string hash_token(std::string_view token) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int n = 0;
  if (EVP_Digest(token.data(), token.size(), digest.data(), &n, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 unavailable");
  return std::string{hash_prefix} + hex(digest.data(), n);
}

bool token_matches(std::string_view token, std::string_view stored) {
  auto given = hash_token(token);
  // Lengths are public (every hash has the same); the bytes are not.
  if (given.size() != stored.size())
    return false;
  return CRYPTO_memcmp(given.data(), stored.data(), given.size()) == 0;
}

std::optional<std::string> bearer_token(std::optional<std::string_view> authorization) {
  if (!authorization)
    return std::nullopt;
  auto v = *authorization;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
    v.remove_prefix(1);
  constexpr std::string_view scheme = "bearer";
  if (v.size() <= scheme.size())
    return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    char c = v[i];
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    if (c != scheme[i])
      return std::nullopt;
  }
  v.remove_prefix(scheme.size());
  if (v.front() != ' ' && v.front() != '\t')
    return std::nullopt;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
    v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
    v.remove_suffix(1);
  if (v.empty())
    return std::nullopt;
  return std::string{v};
}

std::string new_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("no random bytes from the OS");
  return "pc_" + hex(bytes.data(), bytes.size());
}

} // namespace playclock::auth
