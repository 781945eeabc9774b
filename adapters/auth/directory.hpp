#pragma once
// Who may act on a tenant's data: the token hashes of the tenants and of the
// admin, kept in memory for the HTTP threads (a check costs one SHA-256 and
// no database round trip) and replaced whole when the tenants are re-read.

#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace playclock::auth {

enum class access {
  /// The admin token: every tenant and the cluster-wide endpoints.
  admin,
  /// The tenant's own token.
  tenant,
  /// No Authorization: Bearer header (401).
  missing,
  /// A token nobody has (401).
  invalid,
  /// Another tenant's token (403).
  forbidden,
};

/// "admin", "tenant", "missing", "invalid", "forbidden".
const char* to_string(access a);

inline bool allowed(access a) {
  return a == access::admin || a == access::tenant;
}

/// Who a request's bearer is, for endpoints that are not under one tenant's
/// path (the job API): the admin, a tenant (its id), or a refusal (missing /
/// invalid).
struct caller {
  access who = access::missing;
  /// The tenant's id when who == tenant.
  std::string tenant;
};

class directory {
 public:
  /// `admin_hash` is hash_token(admin token), or empty for no admin.
  explicit directory(std::string admin_hash = {});

  /// Replaces every tenant's hash (tenant id -> hash_token result; a tenant
  /// without a token is left out).
  void replace(std::unordered_map<std::string, std::string> hashes);
  /// Sets (or with an empty hash removes) one tenant's hash.
  void set(const std::string& tenant, const std::string& hash);

  /// Access of the bearer of `authorization` (the header's value) to
  /// `tenant`'s data.
  access check(std::optional<std::string_view> authorization, const std::string& tenant) const;
  /// Access to the cluster-wide endpoints: admin, or missing / invalid /
  /// forbidden (a tenant's token).
  access check_admin(std::optional<std::string_view> authorization) const;

  /// The bearer of `authorization`: admin, tenant (with its id), missing or
  /// invalid.
  caller identify(std::optional<std::string_view> authorization) const;

  bool has_admin() const { return !admin_hash_.empty(); }

 private:
  access classify(const std::string& hash, const std::string* tenant) const;

  const std::string admin_hash_;
  mutable std::shared_mutex mtx_;
  std::unordered_map<std::string, std::string> by_tenant_;
  std::unordered_map<std::string, std::string> by_hash_;
};

} // namespace playclock::auth
