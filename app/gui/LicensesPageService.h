#pragma once

#include "WorkerDatabase.h"

#include "license/DeploymentProfile.h"
#include "license/LicenseEvaluator.h"
#include "reports/DeploymentReport.h"
#include "reports/ReportRender.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <memory>

namespace ModelAtlas::License {
class LicenseCatalog;
}

namespace ModelAtlas::Gui {

namespace Internal {

// Lives on LicensesService's thread with its own connection to the catalog
// database: verdicts, saved profiles and report exports never run on the GUI
// thread.
class LicensesWorker final : public QObject
{
    Q_OBJECT

public:
    explicit LicensesWorker(QString databasePath);
    ~LicensesWorker() override;

    void reload();
    void evaluate(quint64 requestId, const ModelAtlas::License::DeploymentProfile &profile);
    void saveProfile(const ModelAtlas::License::DeploymentProfile &profile);
    void loadProfile(const QString &name);
    void exportReport(const ModelAtlas::Reports::ReportRequest &request, ModelAtlas::Reports::ReportFormat format, const QString &path);

signals:
    void reloaded(const QStringList &gpus, const QStringList &profileNames);
    void verdictsReady(quint64 requestId, const QList<ModelAtlas::License::ModelVerdict> &verdicts);
    void profileLoaded(const ModelAtlas::License::DeploymentProfile &profile);
    void profilesChanged(const QStringList &names);
    void reportWritten(const QString &path);
    void failed(const QString &message);

private:
    bool ensureOpen();
    QStringList profileNames();

    WorkerDatabase m_db;
    std::unique_ptr<License::LicenseCatalog> m_catalog;
};

} // namespace Internal

// The Licenses page's facade over its worker thread (start/requests as
// calls, results as signals on the GUI thread). Only the newest verdict
// request is answered.
class LicensesService final : public QObject
{
    Q_OBJECT

public:
    explicit LicensesService(QString databasePath, QObject *parent = nullptr);
    ~LicensesService() override;

    // (Re)reads licenses, GPUs and saved profile names: after the catalog opened or was imported.
    void reload();
    void evaluate(const License::DeploymentProfile &profile);
    void saveProfile(const License::DeploymentProfile &profile);
    void loadProfile(const QString &name);
    void exportReport(const Reports::ReportRequest &request, Reports::ReportFormat format, const QString &path);

signals:
    void reloaded(const QStringList &gpus, const QStringList &profileNames);
    void verdictsReady(const QList<ModelAtlas::License::ModelVerdict> &verdicts);
    void profileLoaded(const ModelAtlas::License::DeploymentProfile &profile);
    void profilesChanged(const QStringList &names);
    void reportWritten(const QString &path);
    void failed(const QString &message);

private:
    QThread m_thread;
    Internal::LicensesWorker *m_worker = nullptr; // lives on m_thread, deleted there
    quint64 m_nextRequest = 1;
    quint64 m_verdictRequest = 0;
};

} // namespace ModelAtlas::Gui

Q_DECLARE_METATYPE(ModelAtlas::License::DeploymentProfile)
Q_DECLARE_METATYPE(ModelAtlas::License::ModelVerdict)
Q_DECLARE_METATYPE(ModelAtlas::Reports::ReportRequest)
