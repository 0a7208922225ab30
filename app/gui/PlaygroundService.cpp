#include "PlaygroundService.h"

#include "runners/MeasurementStore.h"
#include "runners/VoteStore.h"

#include <QDir>
#include <QSaveFile>

namespace ModelAtlas::Gui {

namespace Internal {

PlaygroundWorker::PlaygroundWorker(QString databasePath, std::shared_ptr<std::atomic<bool>> cancelScan)
    : m_db(std::move(databasePath)), m_cancelScan(std::move(cancelScan))
{
}

// Destroyed on the worker thread (QThread::finished -> deleteLater), so the
// connection is closed by the thread that opened it.
PlaygroundWorker::~PlaygroundWorker() = default;

bool PlaygroundWorker::ensureOpen()
{
    const Status s = m_db.open();
    if (!s)
        emit failed(s.error());
    return bool(s);
}

void PlaygroundWorker::storeMeasurement(const Runners::RunnerSpec &spec, const Runners::RunOutcome &outcome)
{
    if (!ensureOpen())
        return;
    const auto id = Runners::MeasurementStore(m_db->db()).store(spec, outcome);
    if (id)
        emit measurementStored(id.value(), outcome.local.modelName);
    else
        emit failed(id.error());
}

void PlaygroundWorker::recordVote(const Runners::Vote &vote)
{
    if (!ensureOpen())
        return;
    if (const Status s = Runners::VoteStore(m_db->db()).record(vote); !s) {
        emit failed(s.error());
        return;
    }
    loadRanking(vote.tag.trimmed().toLower());
}

void PlaygroundWorker::loadRanking(const QString &tag)
{
    if (!ensureOpen())
        return;
    const Runners::VoteStore store(m_db->db());
    const auto votes = store.votes(tag);
    const auto tags = store.tags();
    if (!votes || !tags) {
        emit failed(!votes ? votes.error() : tags.error());
        return;
    }
    emit rankingReady(tag, Runners::eloRanking(votes.value()), tags.value());
}

void PlaygroundWorker::appendPrompt(const QString &setName, const QString &tag, const QString &prompt)
{
    if (!ensureOpen())
        return;
    Runners::PromptSetStore store(m_db->db());
    Runners::PromptSet set{setName, tag, {}};
    if (const auto existing = store.load(setName)) {
        set = existing.value();
        if (set.tag.isEmpty())
            set.tag = tag;
    }
    set.prompts << prompt;
    if (const Status s = store.save(set); !s) {
        emit failed(s.error());
        return;
    }
    listPromptSets();
}

void PlaygroundWorker::loadPromptSet(const QString &name)
{
    if (!ensureOpen())
        return;
    const auto set = Runners::PromptSetStore(m_db->db()).load(name);
    if (set)
        emit promptSetLoaded(set.value());
    else
        emit failed(set.error());
}

void PlaygroundWorker::listPromptSets()
{
    if (!ensureOpen())
        return;
    const auto names = Runners::PromptSetStore(m_db->db()).names();
    if (names)
        emit promptSetsChanged(names.value());
    else
        emit failed(names.error());
}

void PlaygroundWorker::writeFile(const QString &path, const QByteArray &contents)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(contents) != contents.size() || !f.commit()) {
        emit failed(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()));
        return;
    }
    emit fileWritten(path);
}

void PlaygroundWorker::scanModels(const QStringList &extraFolders)
{
    m_cancelScan->store(false);
    const QStringList folders = Runners::defaultModelFolders(QDir::homePath()) + extraFolders;
    emit modelsFound(Runners::scanModelFolders(folders, m_cancelScan.get()));
}

} // namespace Internal

PlaygroundService::PlaygroundService(QString databasePath, QObject *parent)
    : QObject(parent), m_cancelScan(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<Runners::RunnerSpec>();
    qRegisterMetaType<Runners::RunOutcome>();
    qRegisterMetaType<Runners::Vote>();
    qRegisterMetaType<Runners::PromptSet>();
    qRegisterMetaType<QList<Runners::EloEntry>>();
    qRegisterMetaType<QList<Runners::FoundModel>>();

    m_thread.setObjectName(QStringLiteral("PlaygroundWorker"));
    m_worker = new Internal::PlaygroundWorker(std::move(databasePath), m_cancelScan);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Emitted on the worker thread; AutoConnection queues them to the GUI thread.
    connect(m_worker, &Internal::PlaygroundWorker::measurementStored, this, &PlaygroundService::measurementStored);
    connect(m_worker, &Internal::PlaygroundWorker::rankingReady, this, &PlaygroundService::rankingReady);
    connect(m_worker, &Internal::PlaygroundWorker::promptSetsChanged, this, &PlaygroundService::promptSetsChanged);
    connect(m_worker, &Internal::PlaygroundWorker::promptSetLoaded, this, &PlaygroundService::promptSetLoaded);
    connect(m_worker, &Internal::PlaygroundWorker::fileWritten, this, &PlaygroundService::fileWritten);
    connect(m_worker, &Internal::PlaygroundWorker::modelsFound, this, &PlaygroundService::modelsFound);
    connect(m_worker, &Internal::PlaygroundWorker::failed, this, &PlaygroundService::failed);
    m_thread.start();
}

PlaygroundService::~PlaygroundService()
{
    m_cancelScan->store(true);  // a scan of a huge cache stops at the next file
    m_thread.quit();
    m_thread.wait();
}

template <typename F>
void PlaygroundService::post(F &&call)
{
    Internal::PlaygroundWorker *worker = m_worker;
    // Queued: runs on the worker thread, in the order posted.
    QMetaObject::invokeMethod(m_worker, [worker, call = std::forward<F>(call)] { call(worker); }, Qt::QueuedConnection);
}

void PlaygroundService::storeMeasurement(const Runners::RunnerSpec &spec, const Runners::RunOutcome &outcome)
{
    post([spec, outcome](Internal::PlaygroundWorker *w) { w->storeMeasurement(spec, outcome); });
}

void PlaygroundService::recordVote(const Runners::Vote &vote)
{
    post([vote](Internal::PlaygroundWorker *w) { w->recordVote(vote); });
}

void PlaygroundService::loadRanking(const QString &tag)
{
    post([tag](Internal::PlaygroundWorker *w) { w->loadRanking(tag); });
}

void PlaygroundService::appendPrompt(const QString &setName, const QString &tag, const QString &prompt)
{
    post([setName, tag, prompt](Internal::PlaygroundWorker *w) { w->appendPrompt(setName, tag, prompt); });
}

void PlaygroundService::loadPromptSet(const QString &name)
{
    post([name](Internal::PlaygroundWorker *w) { w->loadPromptSet(name); });
}

void PlaygroundService::listPromptSets()
{
    post([](Internal::PlaygroundWorker *w) { w->listPromptSets(); });
}

void PlaygroundService::writeFile(const QString &path, const QByteArray &contents)
{
    post([path, contents](Internal::PlaygroundWorker *w) { w->writeFile(path, contents); });
}

void PlaygroundService::scanModels(const QStringList &extraFolders)
{
    post([extraFolders](Internal::PlaygroundWorker *w) { w->scanModels(extraFolders); });
}

} // namespace ModelAtlas::Gui
