#pragma once

#include "cost/ApiPricing.h"
#include "deploy/ServingConfig.h"
#include "fit/FitMatrix.h"
#include "hardware/HardwareProfile.h"
#include "planner/Calibration.h"
#include "planner/Efficiency.h"
#include "planner/GgufModel.h"
#include "planner/ModelShape.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>
#include <vector>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Gui {

// Everything the Planner page plans from, read once from the database: the
// plannable models, the GPUs and saved hardware profiles, API prices and the
// per-model serving facts (Hugging Face repo, Ollama tag).
struct PlannerCatalog
{
    std::vector<Planner::ModelShape> shapes;
    QStringList skippedModels;                    // "model-id: reason"
    QList<Hardware::GpuSpec> gpus;
    QList<Hardware::HardwareProfile> profiles;
    QList<Cost::ApiPrice> apiPrices;
    QHash<QString, Deploy::ServePlan> servePlans; // model id -> catalog serving facts
    Planner::EfficiencyTable efficiency;          // defaults, calibrated from this machine's measured runs
    int calibrationRuns = 0;                      // measured runs the calibration used
    QList<Planner::Measurement> measurements;     // every run measured on this machine
    QString error;                                // non-empty: nothing could be loaded
};

namespace Internal {

// Lives on PlannerService's thread and owns its own database connection (a
// QSqlDatabase connection belongs to the thread that opened it).
class PlannerWorker final : public QObject
{
    Q_OBJECT

public:
    PlannerWorker();
    ~PlannerWorker() override;

    void load(const QString &databasePath);
    void readGguf(quint64 requestId, const QString &path);
    void computeFit(quint64 requestId, const std::vector<Planner::ModelShape> &shapes,
                    const Hardware::HardwareProfile &hardware, const Fit::FitOptions &options);

signals:
    void loaded(const ModelAtlas::Gui::PlannerCatalog &catalog);
    void ggufRead(quint64 requestId, const QString &path, const ModelAtlas::Planner::GgufModel &model);
    void ggufFailed(quint64 requestId, const QString &path, const QString &message);
    void fitReady(quint64 requestId, const std::vector<ModelAtlas::Fit::FitRow> &rows);

private:
    std::unique_ptr<Catalog::CatalogDatabase> m_db;
    Planner::EfficiencyTable m_efficiency;   // the fit matrix plans with the same calibration as the page
};

} // namespace Internal

// The Planner page's way to the database and the disk: loading the catalog's
// models/GPUs/prices, reading a GGUF header and computing the fit matrix run
// on a worker thread; the results come back as signals on the GUI thread.
// Only the newest GGUF read and fit request are answered.
class PlannerService final : public QObject
{
    Q_OBJECT

public:
    explicit PlannerService(QObject *parent = nullptr);
    ~PlannerService() override;

    void load(const QString &databasePath);
    void readGguf(const QString &path);
    void computeFit(const std::vector<Planner::ModelShape> &shapes, const Hardware::HardwareProfile &hardware,
                    const Fit::FitOptions &options);

signals:
    void loaded(const ModelAtlas::Gui::PlannerCatalog &catalog);
    void ggufRead(const QString &path, const ModelAtlas::Planner::GgufModel &model);
    void ggufFailed(const QString &path, const QString &message);
    void fitReady(const std::vector<ModelAtlas::Fit::FitRow> &rows);

private:
    QThread m_thread;
    Internal::PlannerWorker *m_worker = nullptr; // lives on m_thread, deleted there
    quint64 m_nextRequest = 1;
    quint64 m_ggufRequest = 0;
    quint64 m_fitRequest = 0;
};

} // namespace ModelAtlas::Gui

Q_DECLARE_METATYPE(ModelAtlas::Gui::PlannerCatalog)
Q_DECLARE_METATYPE(ModelAtlas::Planner::GgufModel)
Q_DECLARE_METATYPE(std::vector<ModelAtlas::Fit::FitRow>)
