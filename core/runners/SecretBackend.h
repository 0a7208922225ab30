#pragma once
// The smallest view of a system keychain that ApiKeyStore needs. An interface
// so tests can put a fake keychain behind the store; SystemKeychain.h makes
// the real one.

#include <QObject>
#include <QString>

#include <functional>

namespace ModelAtlas::Runners {

// What the keychain said about one request.
struct SecretReply
{
    enum class Status {
        Ok,           // done; a read's value is in `secret`
        NotFound,     // the keychain works but holds nothing under the key
        Unavailable,  // no keychain, or it failed: the store falls back to plain text
        Refused,      // the keychain works but refused (access denied, entry not deletable):
                      // the user's decision, so no plain-text fallback
    };
    Status status = Status::Unavailable;
    QString secret;
    QString error;  // the keychain's own explanation when status is not Ok
};

// Every call answers through `done` later, from the event loop of the
// backend's thread and never from inside the call (keychains talk to a daemon
// and may ask the user to unlock them: the GUI thread must not wait). A
// destroyed backend calls nothing back, so `done` may capture its owner.
class SecretBackend : public QObject
{
public:
    using Done = std::function<void(const SecretReply &)>;

    explicit SecretBackend(QObject *parent = nullptr) : QObject(parent) {}
    ~SecretBackend() override = default;

    virtual void write(const QString &key, const QString &secret, Done done) = 0;
    virtual void read(const QString &key, Done done) = 0;
    virtual void remove(const QString &key, Done done) = 0;
};

} // namespace ModelAtlas::Runners
