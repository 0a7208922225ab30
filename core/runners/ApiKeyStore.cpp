#include "ApiKeyStore.h"

#include <QDir>
#include <QSettings>

namespace ModelAtlas::Runners {

namespace {
using Status = SecretReply::Status;

// The keychain entry's name.
QString keychainKey(const QString &url)
{
    return url.trimmed();
}

// The plain-text entry; hex because QSettings gives '/' in keys a meaning.
// Versions before the keychain stored every key here.
QString settingsKey(const QString &url)
{
    return QStringLiteral("playground/apiKeys/") + QString::fromLatin1(url.trimmed().toUtf8().toHex());
}
} // namespace

ApiKeyStore::ApiKeyStore(std::unique_ptr<SecretBackend> keychain, QObject *parent)
    : QObject(parent)
    , m_keychain(std::move(keychain))
{
    Q_ASSERT(m_keychain);
}

ApiKeyStore::~ApiKeyStore() = default;

QString ApiKeyStore::plainTextLocation()
{
    return QDir::toNativeSeparators(QSettings().fileName());
}

void ApiKeyStore::save(const QString &url, const QString &key)
{
    m_keychain->write(keychainKey(url), key, [this, url, key](const SecretReply &reply) {
        switch (reply.status) {
        case Status::Ok:
            QSettings().remove(settingsKey(url));  // the keychain's copy is the only one
            emit saved(url, Storage::Keychain, {});
            return;
        case Status::Refused:
            emit saved(url, Storage::None, reply.error);
            return;
        case Status::NotFound:  // not an answer to a write; treated as a failure
        case Status::Unavailable:
            QSettings().setValue(settingsKey(url), key);
            emit saved(url, Storage::PlainText, reply.error);
            return;
        }
    });
}

void ApiKeyStore::load(const QString &url)
{
    m_keychain->read(keychainKey(url), [this, url](const SecretReply &reply) {
        const QString plain = QSettings().value(settingsKey(url)).toString();
        const bool keychainWorks = reply.status == Status::Ok || reply.status == Status::NotFound;
        // A successful save removes the plain-text copy, so one that exists
        // was written later (or by an old version): it is the key to keep.
        if (keychainWorks && !plain.isEmpty())
            migrate(url, plain);
        else if (reply.status == Status::Ok)
            emit loaded(url, reply.secret, Storage::Keychain);
        else
            emit loaded(url, plain, plain.isEmpty() ? Storage::None : Storage::PlainText);
    });
}

void ApiKeyStore::migrate(const QString &url, const QString &key)
{
    m_keychain->write(keychainKey(url), key, [this, url, key](const SecretReply &reply) {
        const bool moved = reply.status == Status::Ok;
        if (moved)
            QSettings().remove(settingsKey(url));
        emit loaded(url, key, moved ? Storage::Keychain : Storage::PlainText);
    });
}

void ApiKeyStore::remove(const QString &url)
{
    QSettings().remove(settingsKey(url));
    m_keychain->remove(keychainKey(url), [this, url](const SecretReply &reply) {
        emit removed(url, reply.status == Status::Refused ? Storage::Keychain : Storage::None);
    });
}

} // namespace ModelAtlas::Runners
