#include "CatalogService.h"

#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogImporter.h"

#include <QMetaObject>

namespace ModelAtlas::Gui {

using namespace ModelAtlas::Catalog;

namespace Internal {

CatalogWorker::CatalogWorker(QString databasePath, QString dataDir)
    : m_databasePath(std::move(databasePath))
    , m_dataDir(std::move(dataDir))
{
}

// Runs on the worker thread (QThread::finished -> deleteLater), so the
// connection is closed by the thread that opened it.
CatalogWorker::~CatalogWorker() = default;

void CatalogWorker::open()
{
    CatalogInfo info;
    info.databasePath = m_databasePath;
    auto db = std::make_unique<CatalogDatabase>(m_databasePath);
    if (const Status s = db->open(); !s) {
        info.openError = s.error();
        emit opened(info);
        return;
    }
    const Result<ImportReport> report = ensureCatalogImported(*db, m_dataDir);
    if (report)
        info.imported = report->imported;
    else
        info.importError = report.error();

    // Whatever the import did, describe what the database holds now.
    const CatalogQuery query(db->db());
    info.catalogVersion = db->catalogVersion();
    info.modelCount = query.modelCount();
    info.families = query.families();
    info.vendors = query.vendors();
    info.benchmarks = query.benchmarks();
    if (const auto sources = query.sources()) {
        for (const SourceRow &s : sources.value())
            info.sources.insert(s.id, s);
    }
    m_db = std::move(db);
    emit opened(info);
}

void CatalogWorker::queryModels(quint64 requestId, const ModelFilter &filter, const ModelSort &sort)
{
    if (!m_db) {
        emit requestFailed(requestId, tr("The catalog database is not open."));
        return;
    }
    Result<QList<ModelRow>> rows = CatalogQuery(m_db->db()).models(filter, sort);
    if (!rows)
        emit requestFailed(requestId, rows.error());
    else
        emit modelsReady(requestId, rows.value());
}

void CatalogWorker::loadDetails(quint64 requestId, const QString &modelId)
{
    if (!m_db) {
        emit requestFailed(requestId, tr("The catalog database is not open."));
        return;
    }
    const Result<ModelDetails> details = loadModelDetails(m_db->db(), modelId);
    if (!details)
        emit requestFailed(requestId, details.error());
    else
        emit detailsReady(requestId, details.value());
}

} // namespace Internal

CatalogService::CatalogService(QString databasePath, QString dataDir, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<CatalogInfo>();
    qRegisterMetaType<QList<ModelRow>>();
    qRegisterMetaType<ModelDetails>();

    m_thread.setObjectName(QStringLiteral("CatalogWorker"));
    m_worker = new Internal::CatalogWorker(std::move(databasePath),
                                           dataDir.isEmpty() ? builtinCatalogDir() : std::move(dataDir));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // The worker emits on its own thread; these are queued (AutoConnection
    // resolves to queued across threads) so the handlers run on the GUI thread.
    connect(m_worker, &Internal::CatalogWorker::opened, this, &CatalogService::onOpened);
    connect(m_worker, &Internal::CatalogWorker::modelsReady, this, &CatalogService::onModelsReady);
    connect(m_worker, &Internal::CatalogWorker::detailsReady, this, &CatalogService::onDetailsReady);
    connect(m_worker, &Internal::CatalogWorker::requestFailed, this, &CatalogService::onRequestFailed);
    m_thread.start();
}

CatalogService::~CatalogService()
{
    // Waits for a running import or query; the worker and its connection are
    // deleted on the worker thread as it finishes.
    m_thread.quit();
    m_thread.wait();
}

void CatalogService::start()
{
    Internal::CatalogWorker *worker = m_worker;
    emit started();
    // Queued: the call runs on the worker thread, after any earlier call.
    QMetaObject::invokeMethod(m_worker, [worker] { worker->open(); }, Qt::QueuedConnection);
}

void CatalogService::requestModels(const ModelFilter &filter, const ModelSort &sort)
{
    Internal::CatalogWorker *worker = m_worker;
    const quint64 id = m_modelsRequest = m_nextRequest++;
    QMetaObject::invokeMethod(
        m_worker, [worker, id, filter, sort] { worker->queryModels(id, filter, sort); }, Qt::QueuedConnection);
}

void CatalogService::requestDetails(const QString &modelId)
{
    Internal::CatalogWorker *worker = m_worker;
    const quint64 id = m_detailsRequest = m_nextRequest++;
    QMetaObject::invokeMethod(
        m_worker, [worker, id, modelId] { worker->loadDetails(id, modelId); }, Qt::QueuedConnection);
}

void CatalogService::onOpened(const CatalogInfo &info)
{
    m_info = info;
    m_ready = info.openError.isEmpty();
    if (!info.openError.isEmpty())
        emit error(info.openError);
    else if (!info.importError.isEmpty())
        emit error(info.importError);
    emit finished(m_info);
}

void CatalogService::onModelsReady(quint64 requestId, const QList<ModelRow> &rows)
{
    if (requestId == m_modelsRequest)
        emit modelsReady(rows);
}

void CatalogService::onDetailsReady(quint64 requestId, const ModelDetails &details)
{
    if (requestId == m_detailsRequest)
        emit detailsReady(details);
}

void CatalogService::onRequestFailed(quint64 requestId, const QString &message)
{
    if (requestId == m_modelsRequest || requestId == m_detailsRequest)
        emit queryFailed(message);
}

} // namespace ModelAtlas::Gui
