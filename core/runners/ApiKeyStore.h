#pragma once

#include "SecretBackend.h"

#include <QObject>

#include <memory>

namespace ModelAtlas::Runners {

// The remote runners' API keys, one per endpoint URL: in the system keychain
// when it works, else in plain text in QSettings (the caller tells the user
// which, with plainTextLocation()). Keys saved in plain text by earlier
// versions, or while the keychain was unavailable, move into the keychain
// the next time they are loaded and it works.
//
// Asynchronous like the keychain: every call answers with exactly one signal,
// from the event loop, never from inside the call.
class ApiKeyStore final : public QObject
{
    Q_OBJECT

public:
    enum class Storage {
        None,       // nothing stored: no key, removed, or the keychain refused access
        Keychain,
        PlainText,  // in QSettings, readable by anyone who can read the file
    };
    Q_ENUM(Storage)

    explicit ApiKeyStore(std::unique_ptr<SecretBackend> keychain, QObject *parent = nullptr);
    ~ApiKeyStore() override;

    void save(const QString &url, const QString &key);
    void load(const QString &url);
    void remove(const QString &url);

    // The settings file that holds plain-text keys.
    static QString plainTextLocation();

signals:
    // `keychainError`: why the keychain was not used; empty when it was.
    void saved(const QString &url, ModelAtlas::Runners::ApiKeyStore::Storage storage, const QString &keychainError);
    // An empty key with Storage::None when nothing is stored for `url`.
    void loaded(const QString &url, const QString &key, ModelAtlas::Runners::ApiKeyStore::Storage storage);
    // `remaining`: None, or Keychain when the keychain refused to delete its copy.
    void removed(const QString &url, ModelAtlas::Runners::ApiKeyStore::Storage remaining);

private:
    void migrate(const QString &url, const QString &key);

    std::unique_ptr<SecretBackend> m_keychain;
};

} // namespace ModelAtlas::Runners
