#include "adapters/auth/directory.hpp"

#include <mutex>
#include <utility>

#include <openssl/crypto.h>

#include "adapters/auth/token.hpp"

namespace playclock::auth {

namespace {

bool same_hash(const std::string& a, const std::string& b) {
  return !b.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

const char* to_string(access a) {
  switch (a) {
  case access::admin:
    return "admin";
  case access::tenant:
    return "tenant";
  case access::missing:
    return "missing";
  case access::invalid:
    return "invalid";
  case access::forbidden:
    return "forbidden";
  }
  return "invalid";
}

directory::directory(std::string admin_hash) : admin_hash_(std::move(admin_hash)) {}

void directory::replace(std::unordered_map<std::string, std::string> hashes) {
  std::unordered_map<std::string, std::string> by_hash;
  for (const auto& [tenant, hash] : hashes)
    if (!hash.empty())
      by_hash.emplace(hash, tenant);
  std::unique_lock<std::shared_mutex> guard{mtx_};
  by_tenant_ = std::move(hashes);
  by_hash_ = std::move(by_hash);
}

void directory::set(const std::string& tenant, const std::string& hash) {
  std::unique_lock<std::shared_mutex> guard{mtx_};
  if (auto old = by_tenant_.find(tenant); old != by_tenant_.end()) {
    by_hash_.erase(old->second);
    by_tenant_.erase(old);
  }
  if (hash.empty())
    return;
  by_tenant_[tenant] = hash;
  by_hash_[hash] = tenant;
}

access directory::classify(const std::string& hash, const std::string* tenant) const {
  if (same_hash(hash, admin_hash_))
    return access::admin;
  std::shared_lock<std::shared_mutex> guard{mtx_};
  if (tenant != nullptr) {
    auto own = by_tenant_.find(*tenant);
    if (own != by_tenant_.end() && same_hash(hash, own->second))
      return access::tenant;
  }
  // Looked up by its hash, which says nothing usable about the token.
  return by_hash_.count(hash) > 0 ? access::forbidden : access::invalid;
}

access directory::check(std::optional<std::string_view> authorization,
                        const std::string& tenant) const {
  auto token = bearer_token(authorization);
  if (!token)
    return access::missing;
  return classify(hash_token(*token), &tenant);
}

access directory::check_admin(std::optional<std::string_view> authorization) const {
  auto token = bearer_token(authorization);
  if (!token)
    return access::missing;
  return classify(hash_token(*token), nullptr);
}

caller directory::identify(std::optional<std::string_view> authorization) const {
  auto token = bearer_token(authorization);
  if (!token)
    return {access::missing, {}};
  auto hash = hash_token(*token);
  if (same_hash(hash, admin_hash_))
    return {access::admin, {}};
  std::shared_lock<std::shared_mutex> guard{mtx_};
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end())
    return {access::invalid, {}};
  return {access::tenant, it->second};
}

} // namespace playclock::auth
