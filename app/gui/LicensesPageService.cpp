#include "LicensesPageService.h"

#include "license/LicenseCatalog.h"
#include "license/ProfileStore.h"
#include "hardware/GpuCatalog.h"

#include <QMetaObject>

namespace ModelAtlas::Gui {

namespace Internal {

LicensesWorker::LicensesWorker(QString databasePath)
    : m_db(std::move(databasePath))
{
}

// Runs on the worker thread (QThread::finished -> deleteLater), so the
// connection is closed by the thread that opened it.
LicensesWorker::~LicensesWorker() = default;

bool LicensesWorker::ensureOpen()
{
    const Status s = m_db.open();
    if (!s)
        emit failed(s.error());
    return bool(s);
}

QStringList LicensesWorker::profileNames()
{
    const auto names = License::ProfileStore(m_db->db()).names();
    if (!names) {
        emit failed(names.error());
        return {};
    }
    return names.value();
}

void LicensesWorker::reload()
{
    if (!ensureOpen())
        return;
    auto catalog = License::LicenseCatalog::fromDatabase(m_db->db());
    if (!catalog) {
        emit failed(catalog.error());
        return;
    }
    m_catalog = std::make_unique<License::LicenseCatalog>(std::move(catalog).value());
    QStringList gpus;
    if (const auto list = Hardware::catalogGpus(m_db->db()))
        for (const Hardware::GpuSpec &g : list.value())
            gpus << g.id;
    emit reloaded(gpus, profileNames());
}

void LicensesWorker::evaluate(quint64 requestId, const License::DeploymentProfile &profile)
{
    if (!m_catalog) {
        emit failed(tr("The license catalog is not loaded yet."));
        return;
    }
    const std::vector<License::ModelVerdict> all = License::LicenseEvaluator(*m_catalog).evaluateAll(profile);
    emit verdictsReady(requestId, QList<License::ModelVerdict>(all.begin(), all.end()));
}

void LicensesWorker::saveProfile(const License::DeploymentProfile &profile)
{
    if (!ensureOpen())
        return;
    if (const Status s = License::ProfileStore(m_db->db()).save(profile); !s) {
        emit failed(s.error());
        return;
    }
    emit profilesChanged(profileNames());
}

void LicensesWorker::loadProfile(const QString &name)
{
    if (!ensureOpen())
        return;
    const auto profile = License::ProfileStore(m_db->db()).load(name);
    if (!profile)
        emit failed(profile.error());
    else
        emit profileLoaded(profile.value());
}

void LicensesWorker::exportReport(const Reports::ReportRequest &request, Reports::ReportFormat format, const QString &path)
{
    if (!ensureOpen())
        return;
    const auto report = Reports::buildReport(*m_db, request);
    if (!report) {
        emit failed(report.error());
        return;
    }
    if (const Status s = Reports::writeReport(report.value(), format, path); !s) {
        emit failed(s.error());
        return;
    }
    emit reportWritten(path);
}

} // namespace Internal

LicensesService::LicensesService(QString databasePath, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<License::DeploymentProfile>();
    qRegisterMetaType<QList<License::ModelVerdict>>();
    qRegisterMetaType<Reports::ReportRequest>();

    m_thread.setObjectName(QStringLiteral("LicensesWorker"));
    m_worker = new Internal::LicensesWorker(std::move(databasePath));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Worker signals are emitted on its thread; AutoConnection queues them to
    // the GUI thread, where these run.
    connect(m_worker, &Internal::LicensesWorker::reloaded, this, &LicensesService::reloaded);
    connect(m_worker, &Internal::LicensesWorker::verdictsReady, this,
            [this](quint64 requestId, const QList<License::ModelVerdict> &verdicts) {
                if (requestId == m_verdictRequest)
                    emit verdictsReady(verdicts);
            });
    connect(m_worker, &Internal::LicensesWorker::profileLoaded, this, &LicensesService::profileLoaded);
    connect(m_worker, &Internal::LicensesWorker::profilesChanged, this, &LicensesService::profilesChanged);
    connect(m_worker, &Internal::LicensesWorker::reportWritten, this, &LicensesService::reportWritten);
    connect(m_worker, &Internal::LicensesWorker::failed, this, &LicensesService::failed);
    m_thread.start();
}

LicensesService::~LicensesService()
{
    m_thread.quit();
    m_thread.wait();
}

// Each call is queued to the worker thread and runs there after earlier calls.
void LicensesService::reload()
{
    Internal::LicensesWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker] { worker->reload(); }, Qt::QueuedConnection);
}

void LicensesService::evaluate(const License::DeploymentProfile &profile)
{
    Internal::LicensesWorker *worker = m_worker;
    const quint64 id = m_verdictRequest = m_nextRequest++;
    QMetaObject::invokeMethod(m_worker, [worker, id, profile] { worker->evaluate(id, profile); }, Qt::QueuedConnection);
}

void LicensesService::saveProfile(const License::DeploymentProfile &profile)
{
    Internal::LicensesWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker, profile] { worker->saveProfile(profile); }, Qt::QueuedConnection);
}

void LicensesService::loadProfile(const QString &name)
{
    Internal::LicensesWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker, name] { worker->loadProfile(name); }, Qt::QueuedConnection);
}

void LicensesService::exportReport(const Reports::ReportRequest &request, Reports::ReportFormat format, const QString &path)
{
    Internal::LicensesWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker, request, format, path] { worker->exportReport(request, format, path); },
                              Qt::QueuedConnection);
}

} // namespace ModelAtlas::Gui
