#pragma once
// Builders for schema entries: one expression per setting, bound to its field.
//   keydef::integer("http.threads", keydef::at(&settings::http, &http_settings::threads),
//                   "I/O threads of the HTTP server.").between(1, 64)
// Used by schema.cpp's table and by tests that need a schema of their own.

#include <limits>
#include <type_traits>
#include <utility>

#include "config/schema.hpp"

namespace playclock::config::keydef {

/// A top-level field of `settings` (settings::profile).
template <class T>
struct top_field {
  T settings::*field;
  T& operator()(settings& s) const { return s.*field; }
  const T& operator()(const settings& s) const { return s.*field; }
};

/// A field inside one group of `settings` (settings::http.threads).
template <class Group, class T>
struct group_field {
  Group settings::*group;
  T Group::*field;
  T& operator()(settings& s) const { return (s.*group).*field; }
  const T& operator()(const settings& s) const { return (s.*group).*field; }
};

/// A field of a group inside a group (settings::sources.espn.base_url).
template <class Group, class Sub, class T>
struct nested_field {
  Group settings::*group;
  Sub Group::*sub;
  T Sub::*field;
  T& operator()(settings& s) const { return ((s.*group).*sub).*field; }
  const T& operator()(const settings& s) const { return ((s.*group).*sub).*field; }
};

/// Access to a top-level field.
template <class T>
top_field<T> at(T settings::*field) {
  return {field};
}

/// Access to a field of a group.
template <class Group, class T>
group_field<Group, T> at(Group settings::*group, T Group::*field) {
  return {group, field};
}

/// Access to a field of a group inside a group.
template <class Group, class Sub, class T>
nested_field<Group, Sub, T> at(Group settings::*group, Sub Group::*sub, T Sub::*field) {
  return {group, sub, field};
}

/// Whether the integer `n` has the same value as a `T`.
template <class T, class S>
bool fits(S n) {
  using limits = std::numeric_limits<T>;
  if constexpr (std::is_signed_v<S> && std::is_signed_v<T>) {
    return n >= limits::min() && n <= limits::max();
  } else if constexpr (!std::is_signed_v<S> && !std::is_signed_v<T>) {
    return n <= limits::max();
  } else if constexpr (std::is_signed_v<S>) {
    return n >= 0 && static_cast<std::make_unsigned_t<S>>(n) <= limits::max();
  } else {
    return n <= static_cast<std::make_unsigned_t<T>>(limits::max());
  }
}

/// Builds one key_spec; converts implicitly to key_spec in the table.
class key_builder {
 public:
  key_builder(std::string path, value_kind kind, std::string doc) {
    spec_.path = std::move(path);
    spec_.kind = kind;
    spec_.doc = std::move(doc);
  }

  /// Inclusive bounds of a numeric key (integer, size or number).
  key_builder& between(std::int64_t lo, std::int64_t hi) {
    spec_.min = lo;
    spec_.max = hi;
    return *this;
  }

  /// Lower bound only; 1 reads as "> 0".
  key_builder& at_least(std::int64_t lo) {
    spec_.min = lo;
    return *this;
  }

  /// Allowed values of an enumeration.
  key_builder& allow(std::vector<std::string> values) {
    spec_.allowed = std::move(values);
    return *this;
  }

  /// Marks the key secret: never logged, dumped or echoed in errors as is.
  key_builder& secret(secrecy how = secrecy::whole) {
    spec_.secret = how;
    return *this;
  }

  /// A conventional variable that overrides the key last (DATABASE_URL).
  key_builder& env_alias(std::string name) {
    spec_.env_alias = std::move(name);
    return *this;
  }

  /// An extra check; several run in the order added.
  key_builder& check(value_check c) {
    checks_.push_back(std::move(c));
    return *this;
  }

  /// Binds get/set to a field; `Stored` is the setting_value alternative.
  template <class Stored, class Field>
  key_builder& bind(Field f) {
    using field_type = std::decay_t<decltype(f(std::declval<const settings&>()))>;
    spec_.get = [f](const settings& s) { return setting_value{static_cast<Stored>(f(s))}; };
    spec_.set = [f](settings& s, const setting_value& v) {
      f(s) = static_cast<field_type>(std::get<Stored>(v));
    };
    if constexpr (std::is_integral_v<field_type> && !std::is_same_v<field_type, bool> &&
                  std::is_integral_v<Stored> && !std::is_same_v<Stored, bool> &&
                  !std::is_same_v<field_type, Stored>) {
      // Bounds are optional in the schema; an int (or 32-bit size_t) field must still fit.
      check([](const setting_value& v) -> std::optional<std::string> {
        if (!fits<field_type>(std::get<Stored>(v))) {
          return "must be between " + std::to_string(std::numeric_limits<field_type>::min()) +
                 " and " + std::to_string(std::numeric_limits<field_type>::max());
        }
        return std::nullopt;
      });
    }
    return *this;
  }

  /// Binds a json key: `apply` checks compact JSON text and stores it (returning
  /// the message if invalid), `render` returns the field as JSON text.
  key_builder&
  bind_json(std::function<std::optional<std::string>(settings&, const std::string&)> apply,
            std::function<std::string(const settings&)> render) {
    spec_.get = [render](const settings& s) { return setting_value{render(s)}; };
    spec_.set = [apply](settings& s, const setting_value& v) {
      apply(s, std::get<std::string>(v));
    };
    // Checking applies the value to a scratch copy, so one function does both.
    check([apply](const setting_value& v) {
      settings scratch;
      return apply(scratch, std::get<std::string>(v));
    });
    return *this;
  }

  operator key_spec() const {
    key_spec k = spec_;
    if (!checks_.empty()) {
      k.check = [checks = checks_](const setting_value& v) -> std::optional<std::string> {
        for (const auto& c : checks) {
          if (auto msg = c(v)) {
            return msg;
          }
        }
        return std::nullopt;
      };
    }
    k.default_value = k.get(settings{});
    return k;
  }

 private:
  key_spec spec_;
  std::vector<value_check> checks_;
};

/// A key of a scalar kind bound to `f`, stored as `Stored`.
template <class Stored, class Field>
key_builder bound(std::string path, value_kind kind, Field f, std::string doc) {
  key_builder b{std::move(path), kind, std::move(doc)};
  b.bind<Stored>(f);
  return b;
}

/// Any string (std::string field).
template <class Field>
key_builder text(std::string path, Field f, std::string doc) {
  return bound<std::string>(std::move(path), value_kind::string, f, std::move(doc));
}

/// A signed integer (int field); add .between() or .at_least().
template <class Field>
key_builder integer(std::string path, Field f, std::string doc) {
  return bound<std::int64_t>(std::move(path), value_kind::integer, f, std::move(doc));
}

/// An unsigned size, count or seed (std::size_t or std::uint64_t field); add
/// .between() or .at_least(), or leave it unbounded for the whole uint64 range.
template <class Field>
key_builder size(std::string path, Field f, std::string doc) {
  return bound<std::uint64_t>(std::move(path), value_kind::size, f, std::move(doc));
}

/// A floating-point number (double field); a file may give it as an integer.
/// Add .between() or .at_least() (integer bounds).
template <class Field>
key_builder number(std::string path, Field f, std::string doc) {
  return bound<double>(std::move(path), value_kind::number, f, std::move(doc));
}

/// A boolean (bool field).
template <class Field>
key_builder flag(std::string path, Field f, std::string doc) {
  return bound<bool>(std::move(path), value_kind::boolean, f, std::move(doc));
}

/// One of a fixed set of strings (std::string field).
template <class Field>
key_builder one_of(std::string path, Field f, std::vector<std::string> allowed, std::string doc) {
  auto b = bound<std::string>(std::move(path), value_kind::enumeration, f, std::move(doc));
  b.allow(std::move(allowed));
  return b;
}

/// host:port (std::string field).
template <class Field>
key_builder address(std::string path, Field f, std::string doc) {
  return bound<std::string>(std::move(path), value_kind::address, f, std::move(doc));
}

/// A JSON array of strings (std::vector<std::string> field).
template <class Field>
key_builder strings(std::string path, Field f, std::string doc) {
  return bound<std::vector<std::string>>(std::move(path), value_kind::string_list, f,
                                         std::move(doc));
}

/// Any JSON value (an array of tenants, a map of schedules): `apply` parses and
/// checks the compact JSON text and stores it into the settings, returning the
/// message if invalid; `render` returns the current value as JSON text.
inline key_builder
json(std::string path, std::string doc,
     std::function<std::optional<std::string>(settings&, const std::string&)> apply,
     std::function<std::string(const settings&)> render) {
  key_builder b{std::move(path), value_kind::json, std::move(doc)};
  b.bind_json(std::move(apply), std::move(render));
  return b;
}

} // namespace playclock::config::keydef
