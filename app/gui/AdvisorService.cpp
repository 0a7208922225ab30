#include "AdvisorService.h"

#include "catalog/CatalogDatabase.h"
#include "cost/CostModel.h"
#include "fit/FitMatrix.h"
#include "hardware/GpuCatalog.h"
#include "hardware/HardwareProfileStore.h"
#include "planner/CatalogModels.h"
#include "planner/QuantMix.h"

#include <QMetaObject>

namespace ModelAtlas::Gui {

namespace Internal {

AdvisorWorker::AdvisorWorker() = default;
AdvisorWorker::~AdvisorWorker() = default;

void AdvisorWorker::load(const QString &databasePath)
{
    AdvisorCatalog out;
    // The connection is only needed while loading: everything is read into memory.
    Catalog::CatalogDatabase db(databasePath);
    if (const Status s = db.open(); !s) {
        out.error = s.error();
        emit loaded(out);
        return;
    }
    const auto fail = [&out](const QString &message) {
        if (out.error.isEmpty())
            out.error = message;
    };
    if (auto facts = Compare::loadFacts(db.db()))
        out.facts = std::move(facts).value();
    else
        fail(facts.error());
    if (auto e = Recommend::loadEndorsements(db.db()))
        out.endorsements = e.value();
    else
        fail(e.error());
    if (auto shapes = Planner::loadCatalogShapes(db.db()))
        out.shapes = shapes->shapes;
    else
        fail(shapes.error());
    if (auto gpus = Hardware::catalogGpus(db.db()))
        out.gpus = gpus.value();
    else
        fail(gpus.error());
    if (auto licenses = License::LicenseCatalog::fromDatabase(db.db()))
        out.licenses = std::make_shared<const License::LicenseCatalog>(std::move(licenses).value());
    else
        fail(licenses.error());
    // Saved profiles and prices are optional: a failure leaves them empty.
    if (const auto profiles = Hardware::HardwareProfileStore(db.db()).list())
        out.profiles = profiles.value();
    if (const auto prices = Cost::apiPrices(db.db(), {}))
        out.apiPrices = prices.value();
    m_catalog = out;
    m_evaluator = out.licenses ? std::make_unique<License::LicenseEvaluator>(*out.licenses) : nullptr;
    emit loaded(out);
}

void AdvisorWorker::recommend(quint64 requestId, const Recommend::Request &request)
{
    const Recommend::Inputs inputs{&m_catalog.facts, &m_catalog.endorsements, &m_catalog.shapes, m_evaluator.get(),
                                   &m_catalog.apiPrices};
    const auto result = Recommend::recommend(inputs, request);
    if (!result)
        emit recommendFailed(requestId, result.error());
    else
        emit recommended(requestId, result.value());
}

void AdvisorWorker::computeMetrics(quint64 requestId, const QStringList &modelIds, const Hardware::HardwareProfile &hardware)
{
    std::vector<Planner::ModelShape> shapes;
    for (const Planner::ModelShape &s : m_catalog.shapes)
        if (modelIds.contains(s.id))
            shapes.push_back(s);
    Fit::FitOptions options;   // the planner's default workload: 4K context, one user
    const std::vector<Fit::FitRow> rows = Fit::fitMatrix(shapes, hardware, options);
    const auto &quants = Planner::fitMatrixQuants();
    MetricsTable out;
    for (size_t r = 0; r < rows.size(); ++r) {
        const Fit::FitRow &row = rows[r];
        ModelMetrics m;
        m.planned = true;
        // The best quant that fits; a model that fits nowhere is shown at Q4_K_M.
        const Planner::Quant quant = row.bestQuant >= 0 ? quants[size_t(row.bestQuant)] : Planner::Quant::Q4_K_M;
        m.quant = QString::fromLatin1(Planner::quantInfo(quant).name);
        const Planner::WeightLayout layout = Planner::layoutFor(shapes[r], quant);
        Planner::PlanInput in;
        in.shape = &shapes[r];
        in.layout = &layout;
        in.hardware = hardware;
        in.workload = options.workload;
        in.quant = quant;
        in.computeMaxContext = false;
        if (const auto plan = Planner::plan(in)) {
            m.verdict = plan->verdict;
            for (const Planner::DeviceUse &d : plan->devices)
                m.memoryGiB += double(d.total()) / (1024.0 * 1024.0 * 1024.0);
            if (plan->verdict != Planner::Verdict::DoesNotFit && plan->speed.known)
                m.decodeTokS = plan->speed.decodeTokS;
        }
        if (m.decodeTokS > 0 && hardware.totalGpus() > 0 && hardware.gpu.pricePerHourUsd) {
            Cost::GpuCostInput gpu;
            gpu.gpuCount = hardware.totalGpus();
            gpu.pricePerGpuHourUsd = hardware.gpu.pricePerHourUsd;
            if (const auto monthly = Cost::monthlyGpuCost(gpu))
                if (const auto perM = Cost::usdPerMillionTokens(monthly->totalUsd(), m.decodeTokS, 1.0))
                    m.usdPerMTokens = perM.value();
        }
        out.insert(row.modelId, m);
    }
    emit metricsReady(requestId, out);
}

void AdvisorWorker::detect()
{
    // Reads /proc and may run nvidia-smi: seconds at worst, hence the worker.
    emit detected(Hardware::profileFromDetected(Hardware::detectHardware(), m_catalog.gpus));
}

} // namespace Internal

AdvisorService::AdvisorService(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<AdvisorCatalog>();
    qRegisterMetaType<MetricsTable>();
    qRegisterMetaType<Recommend::Recommendation>();
    qRegisterMetaType<Recommend::Request>();
    qRegisterMetaType<Hardware::DetectedProfile>();

    m_thread.setObjectName(QStringLiteral("AdvisorWorker"));
    m_worker = new Internal::AdvisorWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Worker signals cross threads: AutoConnection queues them onto the GUI thread.
    connect(m_worker, &Internal::AdvisorWorker::loaded, this, [this](const AdvisorCatalog &catalog) {
        m_catalog = catalog;
        m_loaded = true;
        emit loaded(m_catalog);
    });
    connect(m_worker, &Internal::AdvisorWorker::detected, this, [this](const Hardware::DetectedProfile &profile) {
        m_detected = profile;
        m_detecting = false;
        emit detected(profile);
    });
    connect(m_worker, &Internal::AdvisorWorker::recommended, this,
            [this](quint64 id, const Recommend::Recommendation &r) {
                if (id == m_recommendRequest)
                    emit recommended(r);
            });
    connect(m_worker, &Internal::AdvisorWorker::recommendFailed, this, [this](quint64 id, const QString &message) {
        if (id == m_recommendRequest)
            emit recommendFailed(message);
    });
    connect(m_worker, &Internal::AdvisorWorker::metricsReady, this, [this](quint64 id, const MetricsTable &m) {
        if (id == m_metricsRequest)
            emit metricsReady(m);
    });
    m_thread.start();
}

AdvisorService::~AdvisorService()
{
    m_thread.quit();
    m_thread.wait();
}

void AdvisorService::ensureLoaded(const QString &databasePath)
{
    if (databasePath == m_loadedPath)
        return;
    m_loadedPath = databasePath;
    m_loaded = false;
    Internal::AdvisorWorker *worker = m_worker;
    // Queued: runs on the worker thread, after any earlier call.
    QMetaObject::invokeMethod(m_worker, [worker, databasePath] { worker->load(databasePath); }, Qt::QueuedConnection);
}

void AdvisorService::recommend(const Recommend::Request &request)
{
    Internal::AdvisorWorker *worker = m_worker;
    const quint64 id = m_recommendRequest = m_nextRequest++;
    QMetaObject::invokeMethod(m_worker, [worker, id, request] { worker->recommend(id, request); }, Qt::QueuedConnection);
}

void AdvisorService::computeMetrics(const QStringList &modelIds, const Hardware::HardwareProfile &hardware)
{
    Internal::AdvisorWorker *worker = m_worker;
    const quint64 id = m_metricsRequest = m_nextRequest++;
    QMetaObject::invokeMethod(m_worker, [worker, id, modelIds, hardware] { worker->computeMetrics(id, modelIds, hardware); },
                              Qt::QueuedConnection);
}

void AdvisorService::detectHardware(bool again)
{
    if (m_detecting)
        return;
    if (m_detected && !again) {
        emit detected(*m_detected);
        return;
    }
    m_detecting = true;
    Internal::AdvisorWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker] { worker->detect(); }, Qt::QueuedConnection);
}

} // namespace ModelAtlas::Gui
