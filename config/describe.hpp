#pragma once
// Documentation of the settings, generated from the schema.

#include <string>

namespace playclock::config {

/// A Markdown table of every key: key | env variable | type | default |
/// description, one row per key in schema order (secrets' defaults redacted).
std::string describe_markdown();

} // namespace playclock::config
