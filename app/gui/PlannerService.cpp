#include "PlannerService.h"

#include "catalog/CatalogDatabase.h"
#include "hardware/GpuCatalog.h"
#include "hardware/HardwareProfileStore.h"
#include "planner/Calibration.h"
#include "planner/CatalogModels.h"

#include <QMetaObject>

namespace ModelAtlas::Gui {

namespace Internal {

// Runs on the worker thread (QThread::finished -> deleteLater), so the
// connection is closed by the thread that opened it.
PlannerWorker::PlannerWorker() = default;
PlannerWorker::~PlannerWorker() = default;

void PlannerWorker::load(const QString &databasePath)
{
    PlannerCatalog out;
    auto db = std::make_unique<Catalog::CatalogDatabase>(databasePath);
    if (const Status s = db->open(); !s) {
        out.error = s.error();
        emit loaded(out);
        return;
    }
    if (auto shapes = Planner::loadCatalogShapes(db->db())) {
        out.shapes = std::move(shapes.value().shapes);
        out.skippedModels = shapes->skipped;
    } else {
        out.error = shapes.error();
    }
    if (const auto gpus = Hardware::catalogGpus(db->db()))
        out.gpus = gpus.value();
    else if (out.error.isEmpty())
        out.error = gpus.error();
    // Saved profiles and prices are optional: a failure leaves them empty.
    if (const auto profiles = Hardware::HardwareProfileStore(db->db()).list())
        out.profiles = profiles.value();
    if (const auto prices = Cost::apiPrices(db->db(), {}))
        out.apiPrices = prices.value();
    // Measured runs are user data: unreadable ones leave the built-in efficiencies.
    if (const auto calibration = Planner::calibrationFromDatabase(db->db())) {
        out.efficiency = calibration->table;
        out.calibrationRuns = calibration->rowsUsed;
    }
    if (auto runs = Planner::readMeasurements(db->db()))
        out.measurements = std::move(runs).value();
    m_efficiency = out.efficiency;
    for (const Planner::ModelShape &shape : out.shapes) {
        if (const auto p = Deploy::planForCatalogModel(db->db(), shape.id))
            out.servePlans.insert(shape.id, p.value());
    }
    m_db = std::move(db);
    emit loaded(out);
}

void PlannerWorker::readGguf(quint64 requestId, const QString &path)
{
    // Reads the header and tensor infos only; tensor data is never touched.
    const Result<Planner::GgufModel> model = Planner::readGgufModel(path);
    if (!model)
        emit ggufFailed(requestId, path, model.error());
    else
        emit ggufRead(requestId, path, model.value());
}

void PlannerWorker::computeFit(quint64 requestId, const std::vector<Planner::ModelShape> &shapes,
                               const Hardware::HardwareProfile &hardware, const Fit::FitOptions &options)
{
    Fit::FitOptions calibrated = options;
    calibrated.efficiency = &m_efficiency;
    emit fitReady(requestId, Fit::fitMatrix(shapes, hardware, calibrated));
}

} // namespace Internal

PlannerService::PlannerService(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<PlannerCatalog>();
    qRegisterMetaType<Planner::GgufModel>();
    qRegisterMetaType<std::vector<Fit::FitRow>>();

    m_thread.setObjectName(QStringLiteral("PlannerWorker"));
    m_worker = new Internal::PlannerWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // The worker emits on its own thread; these are queued (AutoConnection
    // resolves to queued across threads) so the handlers run on the GUI thread.
    connect(m_worker, &Internal::PlannerWorker::loaded, this, &PlannerService::loaded);
    connect(m_worker, &Internal::PlannerWorker::ggufRead, this,
            [this](quint64 id, const QString &path, const Planner::GgufModel &model) {
                if (id == m_ggufRequest)
                    emit ggufRead(path, model);
            });
    connect(m_worker, &Internal::PlannerWorker::ggufFailed, this,
            [this](quint64 id, const QString &path, const QString &message) {
                if (id == m_ggufRequest)
                    emit ggufFailed(path, message);
            });
    connect(m_worker, &Internal::PlannerWorker::fitReady, this,
            [this](quint64 id, const std::vector<Fit::FitRow> &rows) {
                if (id == m_fitRequest)
                    emit fitReady(rows);
            });
    m_thread.start();
}

PlannerService::~PlannerService()
{
    m_thread.quit();
    m_thread.wait();
}

void PlannerService::load(const QString &databasePath)
{
    Internal::PlannerWorker *worker = m_worker;
    // Queued: runs on the worker thread, after any earlier call.
    QMetaObject::invokeMethod(m_worker, [worker, databasePath] { worker->load(databasePath); }, Qt::QueuedConnection);
}

void PlannerService::readGguf(const QString &path)
{
    Internal::PlannerWorker *worker = m_worker;
    const quint64 id = m_ggufRequest = m_nextRequest++;
    QMetaObject::invokeMethod(m_worker, [worker, id, path] { worker->readGguf(id, path); }, Qt::QueuedConnection);
}

void PlannerService::computeFit(const std::vector<Planner::ModelShape> &shapes, const Hardware::HardwareProfile &hardware,
                                const Fit::FitOptions &options)
{
    Internal::PlannerWorker *worker = m_worker;
    const quint64 id = m_fitRequest = m_nextRequest++;
    // The shapes are copied into the call: the worker never shares the page's data.
    QMetaObject::invokeMethod(
        m_worker, [worker, id, shapes, hardware, options] { worker->computeFit(id, shapes, hardware, options); },
        Qt::QueuedConnection);
}

} // namespace ModelAtlas::Gui
