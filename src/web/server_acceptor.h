// Private to server.cpp: the RESTinio traits of METER's server, and the one change METER makes to
// RESTinio's acceptor.
//
// Why: RESTinio 0.6.16 (impl/acceptor.hpp, call_accept_now) drops an accept slot for good when
// accept() fails. When the process runs out of file descriptors (EMFILE) or the system does
// (ENFILE), each of the `concurrent_accepts_count` slots fails once and the server never accepts
// again while the process stays alive, so systemd never restarts it. Here a failed accept is
// tried again on the same slot after kAcceptRetryDelay, and logged (at most once per
// kAcceptLogInterval). Together with the connection count limiter (max_parallel_connections,
// sized below RLIMIT_NOFILE) the server stays below its descriptor limit in normal operation and
// recovers from it when something else (the database, fonts, files) uses the descriptors up.
//
// The change is an explicit specialization of one member function for ServerTraits only, so
// RESTinio's headers stay as Debian ships them; it must be seen before http_server_t<ServerTraits>
// is used, which is why server.cpp includes this header first.
#pragma once

#include <chrono>
#include <memory>
#include <restinio/all.hpp>
#include <system_error>

#include "web/observer.h"

namespace meter {

// Tells the observer (web/observer.h) of each connection accepted and closed, for the open
// connections gauge (issue 15). Called by RESTinio on its threads; never throws.
class ConnectionCounter {
 public:
  explicit ConnectionCounter(WebObserver* observer) : observer_(observer) {}
  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    if (!observer_) return;
    const auto& cause = notice.cause();
    if (restinio::get_if<restinio::connection_state::accepted_t>(&cause)) {
      observer_->OnConnectionOpened();
    } else if (restinio::get_if<restinio::connection_state::closed_t>(&cause)) {
      observer_->OnConnectionClosed();
    }
  }

 private:
  WebObserver* observer_;
};

struct ServerTraits : public restinio::default_traits_t {
  using request_handler_t = restinio::default_request_handler_t;
  // Enables server_settings_t::max_parallel_connections.
  static constexpr bool use_connection_count_limiter = true;
  using connection_state_listener_t = ConnectionCounter;
};

inline constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
inline constexpr std::chrono::seconds kAcceptLogInterval{10};

// Writes "meter: cannot accept a connection: <reason>; trying again" to standard error, at most
// once per kAcceptLogInterval. Thread-safe.
void LogAcceptFailure(const std::error_code& error) noexcept;

}  // namespace meter

namespace restinio::impl {

template <>
inline void acceptor_t<meter::ServerTraits>::call_accept_now(std::size_t index) noexcept {
  m_acceptor.async_accept(
      this->socket(index).lowest_layer(),
      asio_ns::bind_executor(
          get_executor(), [index, ctx = this->shared_from_this()](const auto& ec) noexcept {
            if (!ec) {
              ctx->accept_current_connection(index, ec);
              return;
            }
            // operation_aborted: the server is closing, and the slot with it.
            if (ec == asio_ns::error::operation_aborted || !ctx->m_acceptor.is_open()) return;
            meter::LogAcceptFailure(ec);
            auto timer = std::make_shared<asio_ns::steady_timer>(ctx->m_acceptor.get_executor(),
                                                                 meter::kAcceptRetryDelay);
            timer->async_wait(asio_ns::bind_executor(
                ctx->get_executor(), [index, ctx, timer](const auto& waited) noexcept {
                  if (!waited && ctx->m_acceptor.is_open()) ctx->call_accept_now(index);
                }));
          }));
}

}  // namespace restinio::impl
