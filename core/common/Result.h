#pragma once
// The one idiom for fallible functions in core: a value or an error that says what went wrong
// and where, written for the person who will read it, with a kind that callers can act on
// (retry when busy, ask for sign-in, refuse to go on with a corrupt cache).

#include <QString>
#include <optional>
#include <utility>

namespace sportello {

// What kind of failure an error is. The message is for people; the kind is for code: a caller
// that must tell "busy" from "not found" from "refused" asks the kind, never the text.
enum class ErrorKind {
    Unspecified,     // not classified (yet): treat as a plain failure
    InvalidInput,    // the input (a file, an argument, a setting) is malformed or out of range
    NotFound,        // what was asked for does not exist (a thread, an account, a file)
    Conflict,        // the state changed underneath (decided by someone else, a duplicate, a lease held)
    Busy,            // the resource is locked or in use right now; trying again later may work
    RefusedByPolicy, // a rule refused it (the guard, a limit, a missing permission or sign-in)
    Io,              // reading or writing a file failed (disk full, permissions)
    Network,         // the network or the remote service failed
    Corrupt,         // stored data is damaged or not what it should be
};

// A readable name for logs and tests ("busy", "not_found"...); never shown to users.
inline const char *errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Unspecified: return "unspecified";
    case ErrorKind::InvalidInput: return "invalid_input";
    case ErrorKind::NotFound: return "not_found";
    case ErrorKind::Conflict: return "conflict";
    case ErrorKind::Busy: return "busy";
    case ErrorKind::RefusedByPolicy: return "refused_by_policy";
    case ErrorKind::Io: return "io";
    case ErrorKind::Network: return "network";
    case ErrorKind::Corrupt: return "corrupt";
    }
    return "unspecified";
}

// Whether the same thing tried again a little later may work: a busy resource, a read or write
// that failed, the network. Damaged data, bad input, a refusal or a conflict stay as they are.
inline bool isTransient(ErrorKind kind)
{
    return kind == ErrorKind::Busy || kind == ErrorKind::Io || kind == ErrorKind::Network;
}

struct Error {
    QString message;
    ErrorKind kind = ErrorKind::Unspecified;

    // The same kind with a message that says more (where, what was being done).
    Error withMessage(QString text) const { return Error{std::move(text), kind}; }
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    T &value() & { return *m_value; }
    const T &value() const & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    T &operator*() & { return *m_value; }
    const T &operator*() const & { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }

    // The message of a failed result.
    const QString &error() const { return m_error.message; }
    ErrorKind errorKind() const { return m_error.kind; }
    // The whole error, to pass up unchanged: `return result.failure();`.
    const Error &failure() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

// Result for functions that return nothing but can fail.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)), m_failed(true) {}
    static Status success() { return {}; }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error.message; }
    ErrorKind errorKind() const { return m_error.kind; }
    const Error &failure() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace sportello
