#pragma once
// A CAF request whose time-out is taken off the clock when the answer (or an
// error) comes. CAF 0.17 leaves it there and later delivers it as a stray
// message: requests made every poll with time-outs of whole polls (10 s,
// 30 s) came back inside later polls' bursts, one wake-up of the requester
// each, in the middle of the alerts those bursts carried.

#include <chrono>
#include <utility>

#include <caf/detail/type_traits.hpp>
#include <caf/message_id.hpp>

namespace playclock {

namespace detail {

template <class Self, class F, class... Args>
auto cancelling_timeout(Self* self, caf::message_id id, F f, caf::detail::type_list<Args...>) {
  return [self, id, f = std::move(f)](Args... xs) mutable {
    self->clock().cancel_request_timeout(self, id);
    return f(std::forward<Args>(xs)...);
  };
}

template <class Self, class F>
auto cancelling_timeout(Self* self, caf::message_id id, F f) {
  using args = typename caf::detail::get_callable_trait_t<F>::arg_types;
  return cancelling_timeout(self, id, std::move(f), args{});
}

} // namespace detail

/// The handle of a timed_request: then() as on CAF's response handles.
template <class Self, class Handle>
class timed_request_handle {
 public:
  timed_request_handle(Self* self, Handle h) : self_(self), h_(std::move(h)) {}

  template <class F, class G>
  void then(F f, G g) {
    auto id = h_.id();
    h_.then(detail::cancelling_timeout(self_, id, std::move(f)),
            detail::cancelling_timeout(self_, id, std::move(g)));
  }

 private:
  Self* self_;
  Handle h_;
};

/// self->request(dest, timeout, xs...) whose time-out leaves the clock with
/// the answer.
template <class Self, class Dest, class Rep, class Period, class... Ts>
auto timed_request(Self* self, const Dest& dest, std::chrono::duration<Rep, Period> timeout,
                   Ts&&... xs) {
  auto h = self->request(dest, timeout, std::forward<Ts>(xs)...);
  return timed_request_handle<Self, decltype(h)>{self, std::move(h)};
}

} // namespace playclock
