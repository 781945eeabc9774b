#include <algorithm>

#include <rapidjson/document.h>

#include "adapters/kalshi/json_read.hpp"
#include "adapters/kalshi/parse.hpp"

namespace playclock::kalshi {

namespace {

using detail::json;
using levels = std::vector<markets::price_level>;

/// One side in one form: [[price, count], ...] with prices in cents
/// (`cents` true) or dollars. nullopt and `error` set if any level is bad.
std::optional<levels> read_levels(const json& v, const std::string& path, bool cents,
                                  std::string& error) {
  if (!v.IsArray()) {
    error = path + ": expected an array of levels, got " + detail::type_name(v);
    return std::nullopt;
  }
  levels out;
  out.reserve(v.Size());
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    auto at = detail::index_path(path, i);
    const json& level = v[i];
    if (!level.IsArray() || level.Size() != 2) {
      error = at + ": expected [price, count], got " +
              (level.IsArray() ? std::to_string(level.Size()) + " elements"
                               : std::string{detail::type_name(level)});
      return std::nullopt;
    }
    std::string why;
    auto price = detail::as_decimal(level[0], why);
    if (!price) {
      error = detail::index_path(at, 0) + ": " + why;
      return std::nullopt;
    }
    double top = cents ? 100 : 1;
    if (*price < 0 || *price > top) {
      error = detail::index_path(at, 0) + ": price " + detail::format_decimal(*price, 4) +
              (cents ? " cents outside [0, 100]" : " dollars outside [0, 1]");
      return std::nullopt;
    }
    auto count = detail::as_decimal(level[1], why);
    if (!count) {
      error = detail::index_path(at, 1) + ": " + why;
      return std::nullopt;
    }
    if (*count < 0) {
      error = detail::index_path(at, 1) + ": negative count " + detail::format_decimal(*count, 2);
      return std::nullopt;
    }
    out.push_back(markets::price_level{cents ? *price / 100 : *price, *count});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.price < b.price; });
  return out;
}

/// One side ("yes" or "no") of a book object: the *_dollars levels, else
/// the cent levels, else none. Both forms are checked when present.
std::optional<levels> read_side(const json& book, const std::string& path, const std::string& side,
                                std::string& error) {
  auto dollars_name = side + "_dollars";
  const json* cents = detail::member(book, side.c_str());
  const json* dollars = detail::member(book, dollars_name.c_str());
  std::optional<levels> from_cents;
  std::optional<levels> from_dollars;
  if (cents != nullptr) {
    from_cents = read_levels(*cents, detail::member_path(path, side), true, error);
    if (!from_cents)
      return std::nullopt;
  }
  if (dollars != nullptr) {
    from_dollars = read_levels(*dollars, detail::member_path(path, dollars_name), false, error);
    if (!from_dollars)
      return std::nullopt;
  }
  if (from_dollars)
    return from_dollars;
  if (from_cents)
    return from_cents;
  return levels{};
}

std::optional<markets::orderbook> read_book(const json& book, const std::string& path,
                                            std::string& error) {
  if (!book.IsObject()) {
    error = path + ": expected an object, got " + detail::type_name(book);
    return std::nullopt;
  }
  markets::orderbook out;
  auto yes = read_side(book, path, "yes", error);
  if (!yes)
    return std::nullopt;
  auto no = read_side(book, path, "no", error);
  if (!no)
    return std::nullopt;
  out.yes = std::move(*yes);
  out.no = std::move(*no);
  return out;
}

} // namespace

parsed<markets::orderbook> parse_orderbook(std::string_view body, std::string_view ticker) {
  rapidjson::Document doc;
  if (auto error = detail::parse_document(doc, body))
    return parse_error{"orderbook: " + *error};
  if (!doc.IsObject())
    return parse_error{"orderbook: the document is not an object"};
  const json* fp = detail::member(doc, "orderbook_fp");
  const json* legacy = detail::member(doc, "orderbook");
  if (fp == nullptr && legacy == nullptr)
    return parse_error{"orderbook: neither an orderbook_fp nor an orderbook object"};
  std::string error;
  std::optional<markets::orderbook> from_fp;
  std::optional<markets::orderbook> from_legacy;
  if (fp != nullptr && !(from_fp = read_book(*fp, "orderbook_fp", error)))
    return parse_error{"orderbook: " + error};
  if (legacy != nullptr && !(from_legacy = read_book(*legacy, "orderbook", error)))
    return parse_error{"orderbook: " + error};
  markets::orderbook out = from_fp ? std::move(*from_fp) : std::move(*from_legacy);
  out.ticker = std::string{ticker};
  return out;
}

} // namespace playclock::kalshi
