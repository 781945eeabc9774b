#pragma once
// Internal to the server: one HTTP connection. The Beast code lives in
// session.cpp only; the listener needs just this entry point.

#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "adapters/http/server_state.hpp"

namespace playclock::http::detail {

/// Registers the connection with `state` (before returning) and starts serving
/// it on the socket's strand.
void start_session(boost::asio::ip::tcp::socket socket, std::shared_ptr<server_state> state);

} // namespace playclock::http::detail
