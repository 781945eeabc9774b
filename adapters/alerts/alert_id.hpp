#pragma once
// Alert ids: the idempotency key of an alert, stable across restarts, builds
// and nodes.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/alerts/types.hpp"

namespace playclock::alerts {

/// 32 lowercase hex digits: the first 128 bits of SHA-256 over a
/// length-prefixed encoding of ("alert/v1", the rule id in decimal, the type's
/// name, the key, the event id), so no two different tuples share an input
/// and a collision is practically impossible. Never change the encoding: ids
/// are stored in the alert history and compared after a restart.
std::string make_alert_id(std::int64_t rule_id, alert_type type, std::string_view key,
                          std::string_view event_id);

/// make_alert_id's 16 bytes, before they are written in hex.
std::array<std::uint8_t, 16> alert_id_digest(std::int64_t rule_id, alert_type type,
                                             std::string_view key, std::string_view event_id);

/// 16 bytes as 32 lowercase hex digits.
std::string alert_id_hex(const std::array<std::uint8_t, 16>& bytes);

/// The 16 bytes an alert id stands for: decoded from 32 hex digits (either
/// case), or for any other text the first 16 bytes of its SHA-256, so ids of
/// another form still compare by value.
std::array<std::uint8_t, 16> alert_id_bytes(std::string_view alert_id);

} // namespace playclock::alerts
