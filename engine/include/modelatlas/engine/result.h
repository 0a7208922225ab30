#pragma once
// Error values for untrusted input (files, user fields). The engine never throws
// across its API and never aborts on bad input: it returns a Result whose Error
// carries a message a user can act on (naming the key/tensor and the problem).

#include <cassert>
#include <sstream>
#include <string>
#include <utility>
#include <variant>

namespace modelatlas::engine {

struct Error {
    std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { assert(ok()); return std::get<0>(m_v); }
    const T &value() const & { assert(ok()); return std::get<0>(m_v); }
    T &&value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { assert(!ok()); return std::get<1>(m_v); }
    const std::string &message() const { return error().message; }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { assert(m_failed); return m_error; }
    const std::string &message() const { return error().message; }

private:
    Error m_error;
    bool m_failed = false;
};

namespace detail {
// Streams the arguments into one string. uint8_t/int8_t must be widened by the
// caller (they would print as characters).
template <typename... Args>
std::string cat(const Args &...args)
{
    std::ostringstream os;
    (os << ... << args);
    return os.str();
}
} // namespace detail

template <typename... Args>
Error makeError(const Args &...args)
{
    return Error{detail::cat(args...)};
}

} // namespace modelatlas::engine
