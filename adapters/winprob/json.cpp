// Coefficients as JSON: {"name":..,"version":..,"features":[...],"weights":[...]}
// (the form the model_versions table stores). Doubles are written in the
// shortest form that reads back to the same bits.
#include <cmath>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/winprob/model.hpp"

namespace playclock::winprob {

namespace {

std::optional<coefficients> fail(std::string* error, std::string message) {
  if (error)
    *error = "win-probability coefficients: " + std::move(message);
  return std::nullopt;
}

} // namespace

std::string to_json(const coefficients& c) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("name");
  w.String(c.name.data(), static_cast<rapidjson::SizeType>(c.name.size()));
  w.Key("version");
  w.Int(c.version);
  w.Key("features");
  w.StartArray();
  for (const auto& f : feature_names())
    w.String(f.data(), static_cast<rapidjson::SizeType>(f.size()));
  w.EndArray();
  w.Key("weights");
  w.StartArray();
  for (double x : c.weights)
    w.Double(std::isfinite(x) ? x : 0.0); // never invalid JSON; from_json rejects such sets
  w.EndArray();
  w.EndObject();
  return {buf.GetString(), buf.GetSize()};
}

std::optional<coefficients> from_json(std::string_view text, std::string* error) {
  rapidjson::Document doc;
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag;
  doc.Parse<flags>(text.data(), text.size());
  if (doc.HasParseError())
    return fail(error, std::string{"not JSON: "} +
                           rapidjson::GetParseError_En(doc.GetParseError()) + " at byte " +
                           std::to_string(doc.GetErrorOffset()));
  if (!doc.IsObject())
    return fail(error, "not a JSON object");
  coefficients c;
  auto name = doc.FindMember("name");
  if (name == doc.MemberEnd() || !name->value.IsString() || name->value.GetStringLength() == 0)
    return fail(error, "\"name\" must be a non-empty string");
  c.name.assign(name->value.GetString(), name->value.GetStringLength());
  auto version = doc.FindMember("version");
  if (version == doc.MemberEnd() || !version->value.IsInt() || version->value.GetInt() < 1)
    return fail(error, "\"version\" must be a positive integer");
  c.version = version->value.GetInt();
  const auto& expected = feature_names();
  auto features = doc.FindMember("features");
  if (features == doc.MemberEnd() || !features->value.IsArray())
    return fail(error, "\"features\" must be an array of feature names");
  const auto& fs = features->value;
  if (fs.Size() != expected.size())
    return fail(error, "\"features\" has " + std::to_string(fs.Size()) + " names, this model has " +
                           std::to_string(expected.size()));
  for (rapidjson::SizeType i = 0; i < fs.Size(); ++i) {
    if (!fs[i].IsString() || std::string_view{fs[i].GetString(), fs[i].GetStringLength()} !=
                                 std::string_view{expected[i]})
      return fail(error, "feature " + std::to_string(i) + " must be \"" + expected[i] + "\"");
  }
  auto weights = doc.FindMember("weights");
  if (weights == doc.MemberEnd() || !weights->value.IsArray())
    return fail(error, "\"weights\" must be an array of numbers");
  const auto& ws = weights->value;
  if (ws.Size() != expected.size())
    return fail(error, "\"weights\" has " + std::to_string(ws.Size()) +
                           " numbers, this model has " + std::to_string(expected.size()) +
                           " features");
  for (rapidjson::SizeType i = 0; i < ws.Size(); ++i) {
    if (!ws[i].IsNumber())
      return fail(error, "weight " + std::to_string(i) + " (" + expected[i] + ") is not a number");
    const double x = ws[i].GetDouble();
    if (!std::isfinite(x))
      return fail(error, "weight " + std::to_string(i) + " (" + expected[i] + ") is not finite");
    c.weights.push_back(x);
  }
  return c;
}

} // namespace playclock::winprob
