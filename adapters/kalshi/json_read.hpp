#pragma once
// INTERNAL to the Kalshi adapter's .cpp files; not a public header (it pulls
// in RapidJSON). Typed reads of one JSON object that never throw and keep the
// first problem with its path, so a market is read whole or not at all.

#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace playclock::kalshi::detail {

using json = rapidjson::Value;

/// Parses `text` (iteratively, so deep nesting cannot overflow the stack; full
/// precision doubles). Returns the error text, or nullopt on success.
std::optional<std::string> parse_document(rapidjson::Document& doc, std::string_view text);

/// v[name] when v is an object holding it and it is not null; else nullptr.
const json* member(const json& v, const char* name);

/// "object", "array", "string", "number", "true", "false", "null".
const char* type_name(const json& v);

/// A finite decimal number written as text ("0.4200", "12", "-3.5e2"); no
/// spaces, no hex, no inf/nan.
std::optional<double> parse_decimal(std::string_view s);

/// A decimal as Kalshi writes it: "0.4200" (`digits` 4), "12.00" (2).
std::string format_decimal(double v, int digits);

/// "markets[3]" / "markets[3].yes_bid".
std::string member_path(const std::string& path, std::string_view name);
std::string index_path(const std::string& path, std::size_t i);

/// Reads the members of one object; the first failure is kept and later
/// reads of a failed reader still answer (nullopt) without overwriting it.
class reader {
 public:
  reader(const json& object, std::string path) : object_(object), path_(std::move(path)) {}

  /// A string member; absent or null: nullopt; another type fails.
  std::optional<std::string> text(const char* name);
  /// A number, or a string holding one; absent or null: nullopt; anything
  /// else (another type, a non-numeric or non-finite string) fails.
  std::optional<double> decimal(const char* name);

  /// Records a failure at member `name` (or at the object when empty).
  void fail(std::string_view name, std::string message);

  bool failed() const { return failed_; }
  const std::string& error_path() const { return error_path_; }
  const std::string& error_message() const { return error_message_; }
  const std::string& path() const { return path_; }

 private:
  const json& object_;
  std::string path_;
  bool failed_ = false;
  std::string error_path_;
  std::string error_message_;
};

/// A JSON value as a number: a number, or a string holding one. Gives the
/// failure text ("expected a number, got an object", "not a number: \"abc\"").
std::optional<double> as_decimal(const json& v, std::string& why);

} // namespace playclock::kalshi::detail
