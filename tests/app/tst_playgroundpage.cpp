// The Playground page offscreen: real two-pane runs of the tiny model to
// completion, blind votes into the ranking, a prompt-set batch with export,
// bad runners shown in their pane, and the note that says where an endpoint's
// API key is kept. The GUI thread must stay responsive while the engine works.
#include "../core/RunnerTestSupport.h"

#include "PlaygroundPage.h"
#include "PlaygroundPane.h"

#include "catalog/CatalogDatabase.h"
#include "runners/PromptSetStore.h"
#include "runners/RunScheduler.h"

#include "modelatlas/engine/cuda/cuda_device.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace ModelAtlas;
using namespace ModelAtlas::Gui;
using namespace ModelAtlas::Test;

namespace {
constexpr int kTimeoutMs = 60000;

QString otherTinyModel()
{
    return QDir(sharedDir()).filePath(QStringLiteral("models/aidreams260K-F16.gguf"));
}

// Whether the settings file holds `secret` in plain text, under any name.
bool settingsHold(const QString &secret)
{
    QSettings settings;
    const QStringList keys = settings.allKeys();
    return std::any_of(keys.begin(), keys.end(), [&](const QString &k) { return settings.value(k).toString() == secret; });
}

QLineEdit *urlEdit(PlaygroundPane *pane)
{
    const QList<QLineEdit *> edits = pane->findChildren<QLineEdit *>();
    const auto it = std::find_if(edits.begin(), edits.end(),
                                 [](QLineEdit *e) { return e->accessibleName() == QLatin1String("Endpoint URL"); });
    return it == edits.end() ? nullptr : *it;
}
} // namespace

class TestPlaygroundPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void twoLocalPanesRunToCompletion();
    void runOnChoiceIsShownAndExplained();
    void blindVoteRevealsAndRanks();
    void promptSetRunsAsABatchAndExports();
    void badRunnersAreShownInTheirPane();
    void paneCountStaysBetweenTwoAndFour();
    void apiKeyNoteTellsWhereTheKeyIs();
    void loadProgressShowsBytesAndEta_data();
    void loadProgressShowsBytesAndEta();

private:
    int scalar(const QString &sql);
    void configureGolden(PlaygroundPane *pane, const QString &path);

    QTemporaryDir m_dir;
    QString m_dbPath;
    std::unique_ptr<Catalog::CatalogDatabase> m_db;  // the test's own connection, the oracle
    std::unique_ptr<PlaygroundPage> m_page;
};

void TestPlaygroundPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ModelAtlasTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_playgroundpage"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_dbPath = m_dir.filePath(QStringLiteral("catalog.sqlite"));
    m_db = std::make_unique<Catalog::CatalogDatabase>(m_dbPath);
    const Status opened = m_db->open();
    QVERIFY2(opened, qPrintable(opened.error()));
}

void TestPlaygroundPage::init()
{
    m_page = std::make_unique<PlaygroundPage>(m_dbPath);
    m_page->databaseReady();   // the test's database is open and migrated already
    m_page->resize(1400, 900);
    m_page->show();
}

void TestPlaygroundPage::cleanup()
{
    m_page.reset();
}

int TestPlaygroundPage::scalar(const QString &sql)
{
    QSqlQuery q(m_db->db());
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

// On the CPU whatever the machine has: the suites check CPU measurements.
void TestPlaygroundPage::configureGolden(PlaygroundPane *pane, const QString &path)
{
    pane->setLocalFile(path);
    pane->setSampling(0, tinyModelGolden().tokens, false);
    pane->setBackend(modelatlas::engine::cuda::BackendChoice::Cpu);
}

// "Run on" and "KV cache" reach the runner; a run that "auto" keeps on the CPU says why in
// its pane, and its figures name the device. (No GPU here: a machine with one
// sees the GPU named instead, and no note.)
void TestPlaygroundPage::runOnChoiceIsShownAndExplained()
{
    MA_REQUIRE_TINY_MODEL();
    using modelatlas::engine::cuda::BackendChoice;
    const auto gpu = modelatlas::engine::cuda::firstUsableDevice();
    PlaygroundPane *autoPane = m_page->pane(0);
    PlaygroundPane *cpuPane = m_page->pane(1);
    configureGolden(autoPane, tinyModelPath());
    configureGolden(cpuPane, tinyModelPath());
    auto *runOn = autoPane->findChild<QComboBox *>(QStringLiteral("runOn"));
    QVERIFY(runOn);
    QCOMPARE(runOn->accessibleName(), QStringLiteral("Run on"));
    runOn->setCurrentIndex(runOn->findData(int(BackendChoice::Auto)));
    QCOMPARE(autoPane->spec().backend, BackendChoice::Auto);
    QCOMPARE(cpuPane->spec().backend, BackendChoice::Cpu);

    QSignalSpy finished(m_page.get(), &PlaygroundPage::runFinished);
    m_page->promptEdit()->setPlainText(tinyModelGolden().prompt);
    QTest::mouseClick(m_page->sendButton(), Qt::LeftButton);
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY2(autoPane->lastOutcome().ok, qPrintable(autoPane->lastOutcome().error));
    QVERIFY2(cpuPane->lastOutcome().ok, qPrintable(cpuPane->lastOutcome().error));
    QCOMPARE(autoPane->answerText(), tinyModelGolden().text);
    QVERIFY2(cpuPane->figuresText().startsWith(QStringLiteral("CPU (")), qPrintable(cpuPane->figuresText()));
    QCOMPARE(cpuPane->messageText(), QString());
    if (gpu) {
        QVERIFY2(autoPane->figuresText().startsWith(QStringLiteral("CUDA (")), qPrintable(autoPane->figuresText()));
        QVERIFY2(autoPane->figuresText().contains(QStringLiteral("GPU memory")), qPrintable(autoPane->figuresText()));
        QCOMPARE(autoPane->messageText(), QString());
    } else {
        QVERIFY2(autoPane->figuresText().startsWith(QStringLiteral("CPU (")), qPrintable(autoPane->figuresText()));
        QVERIFY2(autoPane->messageText().startsWith(QStringLiteral("Running on the CPU: ")),
                 qPrintable(autoPane->messageText()));
        QVERIFY2(autoPane->messageText().contains(QString::fromStdString(gpu.message())),
                 qPrintable(autoPane->messageText()));
    }
    // The KV cache choice reaches the spec too.
    auto *kvCache = autoPane->findChild<QComboBox *>(QStringLiteral("kvCache"));
    QVERIFY(kvCache);
    QCOMPARE(autoPane->spec().kvType, modelatlas::engine::KvCacheType::F16);
    kvCache->setCurrentIndex(kvCache->findData(int(modelatlas::engine::KvCacheType::Q8_0)));
    QCOMPARE(autoPane->spec().kvType, modelatlas::engine::KvCacheType::Q8_0);
    // "Same settings for all panes" carries both choices over.
    cpuPane->copySettingsFrom(*autoPane);
    QCOMPARE(cpuPane->spec().backend, BackendChoice::Auto);
    QCOMPARE(cpuPane->spec().kvType, modelatlas::engine::KvCacheType::Q8_0);
}

void TestPlaygroundPage::twoLocalPanesRunToCompletion()
{
    MA_REQUIRE_TINY_MODEL();
    const GoldenRun golden = tinyModelGolden();
    const int before = scalar(QStringLiteral("SELECT COUNT(*) FROM measurements"));
    configureGolden(m_page->pane(0), tinyModelPath());
    configureGolden(m_page->pane(1), tinyModelPath());
    // A GUI-thread timer keeps ticking while the panes run: nothing blocks it.
    int ticks = 0;
    QTimer tick;
    connect(&tick, &QTimer::timeout, this, [&ticks] { ++ticks; });
    tick.start(1);
    QSignalSpy finished(m_page.get(), &PlaygroundPage::runFinished);
    m_page->promptEdit()->setPlainText(golden.prompt);
    QTest::mouseClick(m_page->sendButton(), Qt::LeftButton);
    QVERIFY(m_page->isRunning());
    QVERIFY(!m_page->sendButton()->isEnabled());
    QVERIFY(m_page->stopAllButton()->isEnabled());
    QVERIFY(m_page->pane(0)->stopButton()->isEnabled());
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(ticks > 0);
    QVERIFY(!m_page->isRunning());
    QVERIFY(m_page->sendButton()->isEnabled());
    for (int i = 0; i < 2; ++i) {
        PlaygroundPane *p = m_page->pane(i);
        QVERIFY2(p->lastOutcome().ok, qPrintable(p->lastOutcome().error));
        QCOMPARE(p->answerText(), golden.text);
        QVERIFY(p->transcriptText().contains(golden.prompt));
        QVERIFY(p->transcriptText().endsWith(golden.text));
        QVERIFY2(p->figuresText().contains(QStringLiteral("TTFT")), qPrintable(p->figuresText()));
        QVERIFY2(p->figuresText().contains(QStringLiteral("predicted")), qPrintable(p->figuresText()));
        QVERIFY(p->regenerateButton()->isEnabled());
        QVERIFY(p->copyButton()->isEnabled());
    }
    QCOMPARE(m_page->transcript().size(), 2);
    // Both local runs become measurements (stored on the service's thread).
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT COUNT(*) FROM measurements")), before + 2, kTimeoutMs);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM measurements WHERE device = 'cpu'"
                                   " AND json LIKE '%\"backend\":\"modelatlas-cpu\"%'")),
             before + 2);

    // Regenerate one pane: greedy, so the same answer, and only that pane runs.
    QTest::mouseClick(m_page->pane(1)->regenerateButton(), Qt::LeftButton);
    QVERIFY(m_page->isRunning());
    QVERIFY(!m_page->pane(0)->isRunning());
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(m_page->pane(1)->answerText(), golden.text);
}

void TestPlaygroundPage::blindVoteRevealsAndRanks()
{
    MA_REQUIRE_TINY_MODEL();
    if (!QFile::exists(otherTinyModel()))
        QSKIP(qPrintable(QStringLiteral("missing %1 (set MODELATLAS_SHARED_DIR)").arg(otherTinyModel())));
    configureGolden(m_page->pane(0), tinyModelPath());
    configureGolden(m_page->pane(1), otherTinyModel());
    m_page->taskEdit()->setText(QStringLiteral("Stories"));
    m_page->blindCheck()->setChecked(true);
    QStringList letters{m_page->pane(0)->blindLetter(), m_page->pane(1)->blindLetter()};
    letters.sort();
    QCOMPARE(letters, (QStringList{"A", "B"}));
    QSignalSpy finished(m_page.get(), &PlaygroundPage::runFinished);
    m_page->promptEdit()->setPlainText(tinyModelGolden().prompt);
    m_page->send();
    QVERIFY(finished.wait(kTimeoutMs));
    QPushButton *voteA = m_page->voteButton(Runners::VoteOutcome::A);
    QVERIFY(voteA->isVisible());
    // Which file is "A" is only known after the vote.
    PlaygroundPane *a = m_page->pane(0)->blindLetter() == QLatin1String("A") ? m_page->pane(0) : m_page->pane(1);
    QVERIFY(!a->findChild<QLabel *>(QStringLiteral("paneTitle"))->text().contains(QStringLiteral(".gguf")));
    QTest::mouseClick(voteA, Qt::LeftButton);
    QVERIFY(!voteA->isVisible());
    QVERIFY(a->findChild<QLabel *>(QStringLiteral("paneTitle"))->text().contains(a->displayName()));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT COUNT(*) FROM votes WHERE task_tag = 'stories'"
                                                    " AND outcome = 'a'")),
                              1, kTimeoutMs);
    // The ranking shows the winner first.
    QTRY_COMPARE_WITH_TIMEOUT(m_page->rankingTable()->rowCount(), 2, kTimeoutMs);
    QCOMPARE(m_page->rankingTable()->item(0, 0)->text(), a->displayName());
    QCOMPARE(m_page->rankingTable()->item(0, 1)->text(), QStringLiteral("1016"));
}

void TestPlaygroundPage::promptSetRunsAsABatchAndExports()
{
    MA_REQUIRE_TINY_MODEL();
    Runners::PromptSet set{QStringLiteral("smoke"), QStringLiteral("stories"),
                           {QStringLiteral("Once upon a time"), QStringLiteral("The machine wakes up and")}};
    QVERIFY(Runners::PromptSetStore(m_db->db()).save(set));
    for (int i = 0; i < 2; ++i) {
        m_page->pane(i)->setLocalFile(tinyModelPath());
        m_page->pane(i)->setSampling(0, 8, false);
    }
    QSignalSpy batch(m_page.get(), &PlaygroundPage::batchFinished);
    m_page->runPromptSet(set);
    QVERIFY(m_page->batchProgress()->isVisible());
    QCOMPARE(m_page->batchProgress()->maximum(), 2);
    QVERIFY(batch.wait(kTimeoutMs));
    QCOMPARE(m_page->transcript().size(), 4);
    QCOMPARE(m_page->transcript().at(2).prompt, set.prompts[1]);
    // The second prompt continues each pane's conversation.
    QVERIFY(m_page->pane(0)->transcriptText().contains(set.prompts[0]));
    QVERIFY(m_page->pane(0)->transcriptText().contains(set.prompts[1]));

    const QString md = m_dir.filePath(QStringLiteral("t.md"));
    const QString json = m_dir.filePath(QStringLiteral("t.json"));
    m_page->exportTranscript(md);
    m_page->exportTranscript(json);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(json), kTimeoutMs);
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    QCOMPARE(mdFile.readAll().count("## Prompt"), 2);
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    QVERIFY(jsonFile.readAll().contains("\"decode_tok_s\""));

    // Saving the prompt box to a set appends to it.
    m_page->promptEdit()->setPlainText(QStringLiteral("A third prompt"));
    m_page->savePromptToSet(QStringLiteral("smoke"));
    QTRY_COMPARE_WITH_TIMEOUT(Runners::PromptSetStore(m_db->db()).load(QStringLiteral("smoke")).value().prompts.size(), 3,
                              kTimeoutMs);
}

void TestPlaygroundPage::badRunnersAreShownInTheirPane()
{
    MA_REQUIRE_TINY_MODEL();
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    m_page->pane(0)->setEndpoint(QStringLiteral("http://127.0.0.1:%1/v1").arg(port), QStringLiteral("m"));
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.gguf"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("GGUF but not really");
    f.close();
    m_page->pane(1)->setLocalFile(broken);
    QSignalSpy finished(m_page.get(), &PlaygroundPage::runFinished);
    m_page->promptEdit()->setPlainText(QStringLiteral("hello"));
    m_page->send();
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY2(m_page->pane(0)->messageText().contains(QStringLiteral("Cannot reach")), qPrintable(m_page->pane(0)->messageText()));
    QVERIFY2(m_page->pane(1)->messageText().contains(QStringLiteral("broken.gguf")), qPrintable(m_page->pane(1)->messageText()));

    // A pane without a runner says what is missing and the others run.
    m_page->setPaneCount(3);
    m_page->pane(0)->setLocalFile(tinyModelPath());
    m_page->pane(1)->setLocalFile(QString());
    m_page->promptEdit()->setPlainText(QStringLiteral("hello"));
    m_page->send();
    QVERIFY(m_page->pane(1)->messageText().contains(QStringLiteral("Choose a GGUF file")));
    QVERIFY(!m_page->pane(1)->isRunning());
    QVERIFY(m_page->pane(0)->isRunning());
    m_page->stopAll();
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(!m_page->isRunning());
}

void TestPlaygroundPage::paneCountStaysBetweenTwoAndFour()
{
    QCOMPARE(m_page->paneCount(), 2);
    m_page->setPaneCount(4);
    QCOMPARE(m_page->paneCount(), 4);
    m_page->setPaneCount(9);
    QCOMPARE(m_page->paneCount(), 4);
    m_page->setPaneCount(1);
    QCOMPARE(m_page->paneCount(), 2);
}

// Whatever this machine's keychain does, the note must match where the key
// really is: plain text in the settings file (named in the note) or the
// keychain (and then not in the file).
void TestPlaygroundPage::apiKeyNoteTellsWhereTheKeyIs()
{
    const QString url = QStringLiteral("http://127.0.0.1:9/v1");
    const QString key = QStringLiteral("sk-playground-test");
    const QString settingsFile = QSettings().fileName();
    PlaygroundPane *pane = m_page->pane(0);
    pane->setEndpoint(url, QStringLiteral("m"), key);
    const QString before = pane->apiKeyNoteText();
    QVERIFY2(before.contains(settingsFile), qPrintable(before));
    QVERIFY(pane->runner());  // a new remote runner saves its key
    QTRY_VERIFY_WITH_TIMEOUT(pane->apiKeyNoteText() != before, kTimeoutMs);
    const QString note = pane->apiKeyNoteText();
    const bool plain = note.contains(QStringLiteral("plain text"));
    QVERIFY2(plain || note.contains(QStringLiteral("saved in the system keychain")), qPrintable(note));
    QCOMPARE(settingsHold(key), plain);
    if (plain)
        QVERIFY2(note.contains(settingsFile), qPrintable(note));

    // Another pane given the URL finds the key, and says where it was.
    PlaygroundPane *other = m_page->pane(1);
    other->setEndpoint(url, QStringLiteral("m"));
    QLineEdit *otherUrl = urlEdit(other);
    QVERIFY(otherUrl);
    emit otherUrl->editingFinished();
    QTRY_COMPARE_WITH_TIMEOUT(other->spec().apiKey, key, kTimeoutMs);
    QCOMPARE(other->apiKeyNoteText(), note);

    // Forget removes every copy and says so.
    QTest::mouseClick(pane->forgetKeyButton(), Qt::LeftButton);
    QVERIFY(pane->spec().apiKey.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(pane->apiKeyNoteText(), QStringLiteral("No API key is saved for this endpoint."), kTimeoutMs);
    QVERIFY(!settingsHold(key));
}

void TestPlaygroundPage::loadProgressShowsBytesAndEta_data()
{
    QTest::addColumn<qint64>("done");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<QString>("text");
    constexpr qint64 MiB = 1024 * 1024;
    QTest::newRow("half of 1 GiB in 1 s") << 512 * MiB << 1024 * MiB << qint64(1000)
                                          << QStringLiteral("Loading: 512.0 MiB of 1.0 GiB, about 1 s left");
    QTest::newRow("a tenth of 4 GiB in 2 s") << 410 * MiB << 4096 * MiB << qint64(2000)
                                             << QStringLiteral("Loading: 410.0 MiB of 4.0 GiB, about 18 s left");
    QTest::newRow("not started: no ETA") << qint64(0) << 4096 * MiB << qint64(0) << QStringLiteral("Loading: 0.0 KiB of 4.0 GiB");
    QTest::newRow("done: no ETA") << 10 * MiB << 10 * MiB << qint64(500) << QStringLiteral("Loading: 10.0 MiB of 10.0 MiB");
}

void TestPlaygroundPage::loadProgressShowsBytesAndEta()
{
    QFETCH(qint64, done);
    QFETCH(qint64, total);
    QFETCH(qint64, elapsedMs);
    QFETCH(QString, text);
    QCOMPARE(loadProgressText(done, total, elapsedMs), text);
}

QTEST_MAIN(TestPlaygroundPage)
#include "tst_playgroundpage.moc"
