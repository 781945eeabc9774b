#pragma once
// The optional narrative writer: an OpenAI-compatible chat-completions API
// (simulations.llm_url) asked to retell the built-in summary. Any failure
// (unreachable, time-out, non-2xx, no text in the answer) is reported, and
// the caller keeps the built-in narrative. Blocking; plain C++.

#include <chrono>
#include <string>

namespace playclock::simulations {

struct llm_options {
  /// Base URL ("https://api.openai.com/v1"); empty = off.
  std::string url;
  std::string model = "gpt-4o-mini";
  std::string api_key;
  std::chrono::milliseconds timeout{20000};
};

struct llm_result {
  bool ok = false;
  /// The narrative, or why there is none.
  std::string text;
};

/// POSTs {model, messages: [system, user: `facts`]} to <url>/chat/completions
/// and returns choices[0].message.content.
llm_result llm_narrative(const llm_options& opts, const std::string& facts);

} // namespace playclock::simulations
