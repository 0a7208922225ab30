#pragma once

#include "PlannerService.h"

#include "planner/Planner.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QSplitter;
class QTabWidget;
class QTableWidget;
class QTimer;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

class CatalogService;
struct CatalogInfo;

// "Will this model run on my hardware, how fast, at what cost, and how do I
// serve it": inputs on the left, recomputed live (debounced) into a memory
// chart per device, verdict and speed, a cost-vs-volume chart, the fit matrix
// for the chosen hardware and a serving configuration.
//
// One plan is a pure in-memory computation of microseconds, so it runs on the
// GUI thread; loading the catalog, reading GGUF headers and the fit matrix
// (every model x 12 quantizations) run on PlannerService's worker.
class PlannerPage final : public QWidget
{
    Q_OBJECT

public:
    enum Tab { MemoryTab, CostTab, FitTab, ServeTab };

    explicit PlannerPage(CatalogService *catalog, QWidget *parent = nullptr);
    ~PlannerPage() override;

    bool isReady() const { return m_ready; }
    const PlannerCatalog &catalogData() const { return m_data; }

    // The inputs (tests and scripts drive them like a user).
    QComboBox *modelCombo() const { return m_model; }
    QComboBox *quantCombo() const { return m_quant; }
    QLineEdit *contextEdit() const { return m_context; }
    QLineEdit *usersEdit() const { return m_users; }
    QComboBox *gpuCombo() const { return m_gpu; }
    QLineEdit *gpuCountEdit() const { return m_gpuCount; }
    QLineEdit *nodesEdit() const { return m_nodes; }
    QLineEdit *ramEdit() const { return m_ram; }
    QComboBox *backendCombo() const { return m_backend; }
    QComboBox *engineCombo() const { return m_engine; }
    QTabWidget *tabs() const { return m_tabs; }

    // The outputs.
    QString messageText() const;          // the inline problem message; empty when the inputs plan
    QString verdictText() const;
    const std::optional<Planner::Plan> &currentPlan() const { return m_plan; }
    const Planner::WeightLayout *currentLayout() const { return m_plan ? &m_layout : nullptr; }
    QChart *memoryChart() const;
    QChart *costChart() const;
    QTableWidget *fitTable() const { return m_fitTable; }
    QString serveConfigText() const;
    QString ggufPath() const { return m_ggufPath; }

    // Selects a catalog model by id and a GPU by catalog id, name or short name.
    bool selectModel(const QString &modelId);
    bool selectGpu(const QString &gpu);
    // Reads the GGUF header on the worker; ggufLoaded() or ggufFailed() follows.
    void openGgufFile(const QString &path);
    // Recomputes at once (the inputs otherwise wait for the debounce timer).
    void recomputeNow();

    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

signals:
    void catalogLoaded(int models);
    void planUpdated();                  // after every recompute, valid or not
    void fitMatrixShown(int rows);
    void ggufLoaded(const QString &path);
    void ggufFailed(const QString &path, const QString &message);

private:
    QWidget *createInputs();
    QWidget *createMemoryTab();
    QWidget *createCostTab();
    QWidget *createFitTab();
    QWidget *createServeTab();
    void onCatalogFinished(const CatalogInfo &info);
    void onPlannerLoaded(const PlannerCatalog &catalog);
    void onGgufRead(const QString &path, const Planner::GgufModel &model);
    void onGgufFailed(const QString &path, const QString &message);
    void onFitReady(const std::vector<Fit::FitRow> &rows);
    void onGpuActivated();
    void browseGguf();
    void scheduleRecompute();
    void recompute();
    void showProblem(const QString &message);
    void clearOutputs();
    void updateMemoryChart();
    void updateSpeed();
    void updateMeasured();
    void updateCost();
    void updateServeConfig();
    void copyServeConfig();
    void requestFit(const Hardware::HardwareProfile &hw, const Planner::Workload &wl, const Planner::Deployment &dep);

    CatalogService *m_catalog;
    PlannerService *m_service;
    PlannerCatalog m_data;
    bool m_ready = false;
    QString m_pendingModel, m_pendingGpu;  // restored selections waiting for the catalog

    // GGUF source (when set, the model entry "GGUF: file" is in the model combo).
    std::optional<Planner::GgufModel> m_gguf;
    QString m_ggufPath;

    // The latest plan and the inputs it came from.
    std::optional<Planner::Plan> m_plan;
    Planner::ModelShape m_shape;
    Planner::WeightLayout m_layout;
    std::optional<Planner::Quant> m_planQuant;
    bool m_planFromGguf = false;
    Hardware::HardwareProfile m_hardware;
    Planner::Workload m_workload;
    QString m_fitKey;                      // inputs of the fit matrix shown/asked for

    // Inputs.
    QComboBox *m_model = nullptr;
    QPushButton *m_openGguf = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QComboBox *m_quant = nullptr;
    QLineEdit *m_context = nullptr;
    QLineEdit *m_users = nullptr;
    QLineEdit *m_prompt = nullptr;
    QComboBox *m_kv = nullptr;
    QComboBox *m_gpu = nullptr;
    QLineEdit *m_gpuCount = nullptr;
    QLineEdit *m_nodes = nullptr;
    QLineEdit *m_ram = nullptr;
    QLineEdit *m_cpuBandwidth = nullptr;
    QComboBox *m_backend = nullptr;
    QLineEdit *m_requestsPerDay = nullptr;
    QLineEdit *m_tokensIn = nullptr;
    QLineEdit *m_tokensOut = nullptr;
    QLabel *m_message = nullptr;

    // Outputs.
    QLabel *m_verdict = nullptr;
    QLabel *m_verdictDetail = nullptr;
    QLabel *m_headroom = nullptr;
    QLabel *m_maxContext = nullptr;
    QLabel *m_decode = nullptr;
    QLabel *m_prefill = nullptr;
    QLabel *m_ttft = nullptr;
    QLabel *m_measured = nullptr;   // this machine's runs of the planned model and quantization
    QTabWidget *m_tabs = nullptr;
    QChartView *m_memoryView = nullptr;
    QChartView *m_costView = nullptr;
    QLabel *m_costSummary = nullptr;
    QTableWidget *m_costTable = nullptr;
    QLabel *m_fitLabel = nullptr;
    QTableWidget *m_fitTable = nullptr;
    QComboBox *m_engine = nullptr;
    QPlainTextEdit *m_serveText = nullptr;
    QLabel *m_serveMessage = nullptr;
    QPushButton *m_copy = nullptr;

    QSplitter *m_splitter = nullptr;
    QTimer *m_recomputeTimer = nullptr;
    QTimer *m_fitTimer = nullptr;
    bool m_restoring = false;
    bool m_engineChosen = false;           // the user picked the serving engine
};

} // namespace ModelAtlas::Gui
