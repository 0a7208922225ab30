// ApiKeyStore: a key goes to the keychain when it works and to plain-text
// QSettings, saying so, when it does not; plain-text keys move into the
// keychain once it works. A fake keychain drives each path; the last test
// uses the system keychain as this machine has it. Settings live in Qt's
// test location, never in the user's file.
#include "runners/ApiKeyStore.h"
#include "runners/SystemKeychain.h"

#include <QCoreApplication>
#include <QHash>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace ModelAtlas::Runners;
using Storage = ApiKeyStore::Storage;
using Status = SecretReply::Status;

namespace {
constexpr int kTimeoutMs = 10000;
const QString kUrl = QStringLiteral("http://gpu-box:8000/v1");

// The plain-text entry exactly as versions before the keychain wrote it:
// their settings files must keep working.
QString settingsKey(const QString &url)
{
    return QStringLiteral("playground/apiKeys/") + QString::fromLatin1(url.toUtf8().toHex());
}

QString plainText(const QString &url)
{
    return QSettings().value(settingsKey(url)).toString();
}

// Answers like a keychain, later from the event loop; with `failure` set it
// answers every call with that status and stores nothing.
class FakeKeychain final : public SecretBackend
{
public:
    FakeKeychain(QHash<QString, QString> *entries, Status failure) : m_entries(entries), m_failure(failure) {}

    void write(const QString &key, const QString &secret, Done done) override
    {
        if (works())
            m_entries->insert(key, secret);
        answer(std::move(done), {Status::Ok, {}, {}});
    }

    void read(const QString &key, Done done) override
    {
        answer(std::move(done), m_entries->contains(key) ? SecretReply{Status::Ok, m_entries->value(key), {}}
                                                         : SecretReply{Status::NotFound, {}, QStringLiteral("no entry")});
    }

    void remove(const QString &key, Done done) override
    {
        if (works())
            m_entries->remove(key);
        answer(std::move(done), {Status::Ok, {}, {}});
    }

private:
    bool works() const { return m_failure == Status::Ok; }

    void answer(Done done, SecretReply reply)
    {
        if (!works())
            reply = {m_failure, {}, QStringLiteral("fake keychain failure")};
        QMetaObject::invokeMethod(this, [done = std::move(done), reply] { done(reply); }, Qt::QueuedConnection);
    }

    QHash<QString, QString> *m_entries;
    Status m_failure;
};

// A store over a fake keychain whose entries the test can see.
struct FakeSetup
{
    explicit FakeSetup(Status failure = Status::Ok) : store(std::make_unique<FakeKeychain>(&keychain, failure)) {}
    QHash<QString, QString> keychain;
    ApiKeyStore store;
};

// The one signal a call answers with; empty when it came from inside the
// call, never came, or came twice.
template<typename Signal, typename Call>
QList<QVariant> answerOf(ApiKeyStore &store, Signal signal, Call call)
{
    QSignalSpy spy(&store, signal);
    call();
    if (!spy.isEmpty() || !spy.wait(kTimeoutMs))
        return {};
    QCoreApplication::processEvents();  // a second answer would be queued by now
    return spy.size() == 1 ? spy.takeFirst() : QList<QVariant>{};
}

struct Saved
{
    Storage storage = Storage::None;
    QString keychainError;
    bool answered = false;
};

Saved save(ApiKeyStore &store, const QString &url, const QString &key)
{
    const QList<QVariant> a = answerOf(store, &ApiKeyStore::saved, [&] { store.save(url, key); });
    if (a.size() != 3 || a[0].toString() != url)
        return {};
    return {a[1].value<Storage>(), a[2].toString(), true};
}

struct Loaded
{
    QString key;
    Storage storage = Storage::None;
    bool answered = false;
};

Loaded load(ApiKeyStore &store, const QString &url)
{
    const QList<QVariant> a = answerOf(store, &ApiKeyStore::loaded, [&] { store.load(url); });
    if (a.size() != 3 || a[0].toString() != url)
        return {};
    return {a[1].toString(), a[2].value<Storage>(), true};
}

struct Removed
{
    Storage remaining = Storage::None;
    bool answered = false;
};

Removed remove(ApiKeyStore &store, const QString &url)
{
    const QList<QVariant> a = answerOf(store, &ApiKeyStore::removed, [&] { store.remove(url); });
    if (a.size() != 2 || a[0].toString() != url)
        return {};
    return {a[1].value<Storage>(), true};
}

const char *statusName(Status s)
{
    switch (s) {
    case Status::Ok: return "works";
    case Status::NotFound: return "not found";
    case Status::Unavailable: return "unavailable";
    case Status::Refused: return "refused";
    }
    return "?";
}
} // namespace

class TestRunnersApiKeys final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ModelAtlasTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_runners_apikeys"));
        QVERIFY2(ApiKeyStore::plainTextLocation().contains(QStringLiteral("qttest")), qPrintable(ApiKeyStore::plainTextLocation()));
    }

    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    void workingKeychainHoldsTheOnlyCopy()
    {
        FakeSetup fake;
        QSettings().setValue(settingsKey(kUrl), QStringLiteral("sk-old"));
        const Saved saved = save(fake.store, kUrl, QStringLiteral("sk-new"));
        QVERIFY(saved.answered);
        QCOMPARE(saved.storage, Storage::Keychain);
        QVERIFY(saved.keychainError.isEmpty());
        QCOMPARE(fake.keychain.value(kUrl), QStringLiteral("sk-new"));
        QVERIFY2(plainText(kUrl).isEmpty(), "a keychain key must leave no plain-text copy");
        const Loaded loaded = load(fake.store, kUrl);
        QVERIFY(loaded.answered);
        QCOMPARE(loaded.key, QStringLiteral("sk-new"));
        QCOMPARE(loaded.storage, Storage::Keychain);
    }

    void failingKeychainFallsBackToPlainText()
    {
        FakeSetup fake(Status::Unavailable);
        const Saved saved = save(fake.store, kUrl, QStringLiteral("sk-1"));
        QVERIFY(saved.answered);
        QCOMPARE(saved.storage, Storage::PlainText);
        QCOMPARE(saved.keychainError, QStringLiteral("fake keychain failure"));
        QCOMPARE(plainText(kUrl), QStringLiteral("sk-1"));
        const Loaded loaded = load(fake.store, kUrl);
        QVERIFY(loaded.answered);
        QCOMPARE(loaded.key, QStringLiteral("sk-1"));
        QCOMPARE(loaded.storage, Storage::PlainText);
    }

    void refusedKeychainStoresNothing()
    {
        FakeSetup fake(Status::Refused);
        const Saved saved = save(fake.store, kUrl, QStringLiteral("sk-1"));
        QVERIFY(saved.answered);
        QCOMPARE(saved.storage, Storage::None);
        QVERIFY(!saved.keychainError.isEmpty());
        QVERIFY2(plainText(kUrl).isEmpty(), "the user refused the keychain: no silent plain-text copy");
    }

    void legacyPlainTextKeyMovesIntoTheKeychain()
    {
        FakeSetup fake;
        QSettings().setValue(settingsKey(kUrl), QStringLiteral("sk-legacy"));
        const Loaded loaded = load(fake.store, kUrl);
        QVERIFY(loaded.answered);
        QCOMPARE(loaded.key, QStringLiteral("sk-legacy"));
        QCOMPARE(loaded.storage, Storage::Keychain);
        QCOMPARE(fake.keychain.value(kUrl), QStringLiteral("sk-legacy"));
        QVERIFY(plainText(kUrl).isEmpty());
    }

    void legacyKeyStaysInPlainTextWithoutAKeychain()
    {
        FakeSetup fake(Status::Unavailable);
        QSettings().setValue(settingsKey(kUrl), QStringLiteral("sk-legacy"));
        const Loaded loaded = load(fake.store, kUrl);
        QVERIFY(loaded.answered);
        QCOMPARE(loaded.key, QStringLiteral("sk-legacy"));
        QCOMPARE(loaded.storage, Storage::PlainText);
        QCOMPARE(plainText(kUrl), QStringLiteral("sk-legacy"));
    }

    // Saved while the keychain was down, after an older keychain save.
    void newerPlainTextKeyReplacesTheKeychainOne()
    {
        FakeSetup fake;
        fake.keychain.insert(kUrl, QStringLiteral("sk-old"));
        QSettings().setValue(settingsKey(kUrl), QStringLiteral("sk-new"));
        const Loaded loaded = load(fake.store, kUrl);
        QVERIFY(loaded.answered);
        QCOMPARE(loaded.key, QStringLiteral("sk-new"));
        QCOMPARE(loaded.storage, Storage::Keychain);
        QCOMPARE(fake.keychain.value(kUrl), QStringLiteral("sk-new"));
        QVERIFY(plainText(kUrl).isEmpty());
    }

    void nothingStoredLoadsEmpty()
    {
        FakeSetup fake;
        const Loaded loaded = load(fake.store, kUrl);
        QVERIFY(loaded.answered);
        QVERIFY(loaded.key.isEmpty());
        QCOMPARE(loaded.storage, Storage::None);
    }

    void keysArePerTrimmedUrl()
    {
        FakeSetup fake;
        const QString other = QStringLiteral("http://other:8000/v1");
        QVERIFY(save(fake.store, kUrl, QStringLiteral("sk-a")).answered);
        QVERIFY(save(fake.store, other, QStringLiteral("sk-b")).answered);
        const QString padded = QStringLiteral("  %1 ").arg(kUrl);
        const Loaded a = load(fake.store, padded);
        QVERIFY(a.answered);
        QCOMPARE(a.key, QStringLiteral("sk-a"));
        QCOMPARE(load(fake.store, other).key, QStringLiteral("sk-b"));
    }

    void removeDeletesBothCopies()
    {
        FakeSetup fake;
        fake.keychain.insert(kUrl, QStringLiteral("sk-1"));
        QSettings().setValue(settingsKey(kUrl), QStringLiteral("sk-2"));
        const Removed removed = remove(fake.store, kUrl);
        QVERIFY(removed.answered);
        QCOMPARE(removed.remaining, Storage::None);
        QVERIFY(fake.keychain.isEmpty());
        QVERIFY(plainText(kUrl).isEmpty());
    }

    void refusedDeleteLeavesTheKeychainCopy()
    {
        FakeSetup fake(Status::Refused);
        fake.keychain.insert(kUrl, QStringLiteral("sk-1"));
        QSettings().setValue(settingsKey(kUrl), QStringLiteral("sk-2"));
        const Removed removed = remove(fake.store, kUrl);
        QVERIFY(removed.answered);
        QCOMPARE(removed.remaining, Storage::Keychain);
        QCOMPARE(fake.keychain.value(kUrl), QStringLiteral("sk-1"));
        QVERIFY(plainText(kUrl).isEmpty());
    }

    // The real keychain (QtKeychain) as this machine has it: on a headless CI
    // machine there is no Secret Service, so its job fails and the store must
    // say plain text; on a desktop it must say keychain. What the keychain
    // does is asked first, not assumed.
    void systemKeychainAsThisMachineHasIt()
    {
        const QString url = QStringLiteral("http://tst-runners-apikeys.invalid/v1");
        const QString service = QCoreApplication::applicationName();
        SecretReply probe;
        bool answered = false;
        {
            const std::unique_ptr<SecretBackend> keychain = makeSystemKeychain(service);
            keychain->write(url, QStringLiteral("sk-probe"), [&](const SecretReply &r) {
                probe = r;
                answered = true;
            });
            QVERIFY2(!answered, "the keychain answered from inside the call");
            QTRY_VERIFY_WITH_TIMEOUT(answered, kTimeoutMs);
        }
        qInfo("system keychain: %s (%s)", statusName(probe.status), qPrintable(probe.error));

        ApiKeyStore store(makeSystemKeychain(service));
        const Saved saved = save(store, url, QStringLiteral("sk-real"));
        QVERIFY(saved.answered);
        const Loaded loaded = load(store, url);
        QVERIFY(loaded.answered);
        switch (probe.status) {
        case Status::Ok:
            QCOMPARE(saved.storage, Storage::Keychain);
            QVERIFY(plainText(url).isEmpty());
            QCOMPARE(loaded.key, QStringLiteral("sk-real"));
            QCOMPARE(loaded.storage, Storage::Keychain);
            break;
        case Status::NotFound:
        case Status::Unavailable:
            QCOMPARE(saved.storage, Storage::PlainText);
            QVERIFY2(!saved.keychainError.isEmpty(), "the fallback must say why");
            QCOMPARE(plainText(url), QStringLiteral("sk-real"));
            QCOMPARE(loaded.key, QStringLiteral("sk-real"));
            QCOMPARE(loaded.storage, Storage::PlainText);
            break;
        case Status::Refused:
            QCOMPARE(saved.storage, Storage::None);
            QVERIFY(plainText(url).isEmpty());
            break;
        }
        QVERIFY(remove(store, url).answered);
        QVERIFY(plainText(url).isEmpty());
        QVERIFY(load(store, url).key.isEmpty() || probe.status == Status::Refused);

        // A store destroyed with a keychain job in flight: the job ends on its
        // own and calls nothing back into the dead store.
        auto doomed = std::make_unique<ApiKeyStore>(makeSystemKeychain(service));
        doomed->save(url, QStringLiteral("sk-doomed"));
        doomed.reset();
        QTest::qWait(500);
        QVERIFY(remove(store, url).answered);
    }
};

QTEST_GUILESS_MAIN(TestRunnersApiKeys)
#include "tst_runners_apikeys.moc"
