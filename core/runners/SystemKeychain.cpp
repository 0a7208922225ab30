#include "SystemKeychain.h"

#ifdef MODELATLAS_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace ModelAtlas::Runners {

namespace {

#ifdef MODELATLAS_HAVE_QTKEYCHAIN

SecretReply::Status statusOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return SecretReply::Status::Ok;
    case QKeychain::EntryNotFound:
        return SecretReply::Status::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::CouldNotDeleteEntry:
        return SecretReply::Status::Refused;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    return SecretReply::Status::Unavailable;
}

class QtKeychainBackend final : public SecretBackend
{
public:
    explicit QtKeychainBackend(QString service) : m_service(std::move(service)) {}

    void write(const QString &key, const QString &secret, Done done) override
    {
        auto *job = new QKeychain::WritePasswordJob(m_service);
        job->setTextData(secret);
        start(job, key, std::move(done));
    }

    void read(const QString &key, Done done) override
    {
        start(new QKeychain::ReadPasswordJob(m_service), key, std::move(done));
    }

    void remove(const QString &key, Done done) override
    {
        start(new QKeychain::DeletePasswordJob(m_service), key, std::move(done));
    }

private:
    // The job has no parent and deletes itself after finished(): the
    // keychain's daemon callbacks hold raw pointers to it, so it must outlive
    // this backend. `this` as the context drops the answer once we are gone.
    void start(QKeychain::Job *job, const QString &key, Done done)
    {
        job->setKey(key);
        job->setAutoDelete(true);
        connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
            SecretReply reply;
            reply.status = statusOf(finished->error());
            reply.error = finished->errorString();
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished); read && reply.status == SecretReply::Status::Ok)
                reply.secret = read->textData();
            done(reply);
        });
        job->start();  // queued: finished() comes from the event loop
    }

    QString m_service;
};

#else

class NoKeychain final : public SecretBackend
{
public:
    void write(const QString &, const QString &, Done done) override { answer(std::move(done)); }
    void read(const QString &, Done done) override { answer(std::move(done)); }
    void remove(const QString &, Done done) override { answer(std::move(done)); }

private:
    void answer(Done done)
    {
        // Queued, like a real keychain's answer.
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                done({SecretReply::Status::Unavailable, {}, QStringLiteral("built without QtKeychain")});
            },
            Qt::QueuedConnection);
    }
};

#endif

} // namespace

std::unique_ptr<SecretBackend> makeSystemKeychain(const QString &service)
{
#ifdef MODELATLAS_HAVE_QTKEYCHAIN
    return std::make_unique<QtKeychainBackend>(service);
#else
    Q_UNUSED(service)
    return std::make_unique<NoKeychain>();
#endif
}

} // namespace ModelAtlas::Runners
