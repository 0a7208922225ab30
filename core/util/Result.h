#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace ModelAtlas {

// A value or a message a user can act on. Untrusted input (files, fields,
// network) reports problems through this, never by aborting.
template <typename T>
class Result final
{
public:
    Result(T value) : m_value(std::move(value)) {}
    static Result failure(QString message) { return Result(std::nullopt, std::move(message)); }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const QString &error() const { return m_error; }

private:
    Result(std::nullopt_t, QString message) : m_error(std::move(message)) {}
    std::optional<T> m_value;
    QString m_error;
};

// For operations that produce nothing but can fail.
class Status final
{
public:
    Status() = default;
    static Status failure(QString message) { Status s; s.m_error = std::move(message); s.m_failed = true; return s; }
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }

private:
    QString m_error;
    bool m_failed = false;
};

} // namespace ModelAtlas
