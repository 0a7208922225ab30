#pragma once

#include "compare/ModelFacts.h"
#include "cost/ApiPricing.h"
#include "hardware/HardwareDetect.h"
#include "hardware/HardwareProfile.h"
#include "license/LicenseCatalog.h"
#include "planner/ModelShape.h"
#include "recommend/Recommender.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>
#include <optional>
#include <vector>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Gui {

// What Compare and Recommend read from the database once: every model's
// facts and scores, the seeds' recommendations, the plannable shapes, GPUs,
// saved hardware profiles, API prices and the license rules. Read-only after
// loading; the license catalog is shared with the worker's evaluator.
struct AdvisorCatalog
{
    Compare::FactsTable facts;
    QList<Recommend::Endorsement> endorsements;
    std::vector<Planner::ModelShape> shapes;
    QList<Hardware::GpuSpec> gpus;
    QList<Hardware::HardwareProfile> profiles;
    QList<Cost::ApiPrice> apiPrices;
    std::shared_ptr<const License::LicenseCatalog> licenses;
    QString error;   // non-empty: nothing could be loaded
};

// A model on one hardware profile, as the Compare table and scatter show it.
struct ModelMetrics
{
    bool planned = false;          // false: no architecture in the catalog
    QString quant;                 // best quant that fits, else Q4_K_M
    Planner::Verdict verdict = Planner::Verdict::DoesNotFit;
    double memoryGiB = 0;          // everything the plan puts on the devices (weights, KV, buffers)
    double decodeTokS = 0;         // 0: unknown or does not fit
    std::optional<double> usdPerMTokens;   // self-hosted at that speed, when the GPU has a price
};
using MetricsTable = QHash<QString, ModelMetrics>;

namespace Internal {

// Lives on AdvisorService's thread and owns its database connection.
class AdvisorWorker final : public QObject
{
    Q_OBJECT

public:
    AdvisorWorker();
    ~AdvisorWorker() override;

    void load(const QString &databasePath);
    void recommend(quint64 requestId, const Recommend::Request &request);
    void computeMetrics(quint64 requestId, const QStringList &modelIds, const Hardware::HardwareProfile &hardware);
    void detect();

signals:
    void loaded(const ModelAtlas::Gui::AdvisorCatalog &catalog);
    void recommended(quint64 requestId, const ModelAtlas::Recommend::Recommendation &result);
    void recommendFailed(quint64 requestId, const QString &message);
    void metricsReady(quint64 requestId, const ModelAtlas::Gui::MetricsTable &metrics);
    void detected(const ModelAtlas::Hardware::DetectedProfile &profile);

private:
    AdvisorCatalog m_catalog;   // the worker's own copy: the GUI's copy is never shared across threads
    std::unique_ptr<License::LicenseEvaluator> m_evaluator;
};

} // namespace Internal

// Compare's and Recommend's way to the database and the planner: loading,
// ranking, planning a selection and detecting this computer's hardware run
// on a worker thread; results come back as signals on the GUI thread. Only
// the newest ranking and metrics request are answered.
class AdvisorService final : public QObject
{
    Q_OBJECT

public:
    explicit AdvisorService(QObject *parent = nullptr);
    ~AdvisorService() override;

    // Loads once per database (Compare and Recommend share one service);
    // later calls for the same path re-emit nothing, isLoaded() tells.
    void ensureLoaded(const QString &databasePath);
    bool isLoaded() const { return m_loaded; }
    const AdvisorCatalog &catalog() const { return m_catalog; }
    void recommend(const Recommend::Request &request);
    void computeMetrics(const QStringList &modelIds, const Hardware::HardwareProfile &hardware);
    // Detects once; later calls re-emit the first result unless `again`.
    void detectHardware(bool again = false);
    const std::optional<Hardware::DetectedProfile> &detectedProfile() const { return m_detected; }

signals:
    void loaded(const ModelAtlas::Gui::AdvisorCatalog &catalog);
    void recommended(const ModelAtlas::Recommend::Recommendation &result);
    void recommendFailed(const QString &message);
    void metricsReady(const ModelAtlas::Gui::MetricsTable &metrics);
    void detected(const ModelAtlas::Hardware::DetectedProfile &profile);

private:
    QThread m_thread;
    Internal::AdvisorWorker *m_worker = nullptr;   // lives on m_thread, deleted there
    quint64 m_nextRequest = 1;
    quint64 m_recommendRequest = 0;
    quint64 m_metricsRequest = 0;
    QString m_loadedPath;
    bool m_loaded = false;
    AdvisorCatalog m_catalog;   // the GUI thread's copy
    std::optional<Hardware::DetectedProfile> m_detected;
    bool m_detecting = false;
};

} // namespace ModelAtlas::Gui

Q_DECLARE_METATYPE(ModelAtlas::Gui::AdvisorCatalog)
Q_DECLARE_METATYPE(ModelAtlas::Gui::MetricsTable)
Q_DECLARE_METATYPE(ModelAtlas::Recommend::Recommendation)
Q_DECLARE_METATYPE(ModelAtlas::Recommend::Request)
Q_DECLARE_METATYPE(ModelAtlas::Hardware::DetectedProfile)
