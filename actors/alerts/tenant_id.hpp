#pragma once
// Tenant ids as the tenants table's CHECK constraint has them.

#include <string_view>

namespace playclock {

/// True for ^[a-z0-9][a-z0-9_-]{0,62}$.
inline bool valid_tenant_id(std::string_view id) {
  if (id.empty() || id.size() > 63)
    return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-'));
    if (!ok)
      return false;
  }
  return true;
}

} // namespace playclock
