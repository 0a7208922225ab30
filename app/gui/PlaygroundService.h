#pragma once

#include "WorkerDatabase.h"

#include "runners/EloRanking.h"
#include "runners/ModelScanner.h"
#include "runners/PromptSetStore.h"
#include "runners/RunnerTypes.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <memory>


namespace ModelAtlas::Gui {

namespace Internal {

// Lives on PlaygroundService's thread with its own database connection:
// measurements, votes, prompt sets, exports and folder scans never run on the
// GUI thread.
class PlaygroundWorker final : public QObject
{
    Q_OBJECT

public:
    PlaygroundWorker(QString databasePath, std::shared_ptr<std::atomic<bool>> cancelScan);
    ~PlaygroundWorker() override;

    void storeMeasurement(const ModelAtlas::Runners::RunnerSpec &spec, const ModelAtlas::Runners::RunOutcome &outcome);
    void recordVote(const ModelAtlas::Runners::Vote &vote);
    void loadRanking(const QString &tag);
    void appendPrompt(const QString &setName, const QString &tag, const QString &prompt);
    void loadPromptSet(const QString &name);
    void listPromptSets();
    void writeFile(const QString &path, const QByteArray &contents);
    void scanModels(const QStringList &extraFolders);

signals:
    void measurementStored(qint64 id, const QString &model);
    void rankingReady(const QString &tag, const QList<ModelAtlas::Runners::EloEntry> &ranking, const QStringList &tags);
    void promptSetsChanged(const QStringList &names);
    void promptSetLoaded(const ModelAtlas::Runners::PromptSet &set);
    void fileWritten(const QString &path);
    void modelsFound(const QList<ModelAtlas::Runners::FoundModel> &models);
    void failed(const QString &message);

private:
    bool ensureOpen();

    WorkerDatabase m_db;
    std::shared_ptr<std::atomic<bool>> m_cancelScan;
};

} // namespace Internal

// The Playground page's way to the database and the disk (see PlaygroundWorker).
class PlaygroundService final : public QObject
{
    Q_OBJECT

public:
    explicit PlaygroundService(QString databasePath, QObject *parent = nullptr);
    ~PlaygroundService() override;

    void storeMeasurement(const Runners::RunnerSpec &spec, const Runners::RunOutcome &outcome);
    void recordVote(const Runners::Vote &vote);
    void loadRanking(const QString &tag);
    // Adds a prompt to the named set, creating the set if needed.
    void appendPrompt(const QString &setName, const QString &tag, const QString &prompt);
    void loadPromptSet(const QString &name);
    void listPromptSets();
    void writeFile(const QString &path, const QByteArray &contents);
    // Scans the usual model folders under the home folder plus `extraFolders`.
    void scanModels(const QStringList &extraFolders);

signals:
    void measurementStored(qint64 id, const QString &model);
    void rankingReady(const QString &tag, const QList<ModelAtlas::Runners::EloEntry> &ranking, const QStringList &tags);
    void promptSetsChanged(const QStringList &names);
    void promptSetLoaded(const ModelAtlas::Runners::PromptSet &set);
    void fileWritten(const QString &path);
    void modelsFound(const QList<ModelAtlas::Runners::FoundModel> &models);
    void failed(const QString &message);

private:
    template <typename F>
    void post(F &&call);

    QThread m_thread;
    Internal::PlaygroundWorker *m_worker = nullptr;  // lives on m_thread, deleted there
    std::shared_ptr<std::atomic<bool>> m_cancelScan;
};

} // namespace ModelAtlas::Gui

Q_DECLARE_METATYPE(ModelAtlas::Runners::RunnerSpec)
Q_DECLARE_METATYPE(ModelAtlas::Runners::Vote)
Q_DECLARE_METATYPE(ModelAtlas::Runners::PromptSet)
Q_DECLARE_METATYPE(QList<ModelAtlas::Runners::EloEntry>)
Q_DECLARE_METATYPE(QList<ModelAtlas::Runners::FoundModel>)
