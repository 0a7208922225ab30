#include "PlannerPage.h"

#include "CatalogService.h"

#include "cost/CostModel.h"
#include "hardware/GpuCatalog.h"
#include "hardware/HardwareValidation.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScatterSeries>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ModelAtlas::Gui {

using namespace ModelAtlas::Planner;

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr int kRecomputeDelayMs = 150;
constexpr int kFitDelayMs = 300;
const char *const kGroup = "PlannerPage";

// Numbers a user reads: never NaN or inf.
QString number(double v, int decimals)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    return QLocale().toString(v, 'f', decimals);
}

QString gib(double bytes)
{
    return number(bytes / kGiB, bytes / kGiB < 10 ? 2 : 1);
}

QString rate(double v)
{
    if (!std::isfinite(v) || v <= 0)
        return QStringLiteral("—");
    return number(v, v < 10 ? 1 : 0);
}

QString count(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    if (v >= 1e9)
        return QCoreApplication::translate("ModelAtlas::Gui::PlannerPage", "%1 B").arg(number(v / 1e9, 1));
    if (v >= 1e6)
        return QCoreApplication::translate("ModelAtlas::Gui::PlannerPage", "%1 M").arg(number(v / 1e6, 1));
    if (v >= 1e4)
        return QCoreApplication::translate("ModelAtlas::Gui::PlannerPage", "%1 K").arg(number(v / 1e3, 0));
    return number(v, 0);
}

// A number typed into a field: "8192", "32k", "128K", "1M", "1,000"; unset
// when it is not a finite number.
std::optional<double> parseNumber(QString text)
{
    text = text.trimmed().remove(QLatin1Char(',')).remove(QLatin1Char('_')).remove(QLatin1Char(' '));
    double scale = 1;
    if (text.endsWith(QLatin1Char('k'), Qt::CaseInsensitive)) {
        scale = 1024;
        text.chop(1);
    } else if (text.endsWith(QLatin1Char('m'), Qt::CaseInsensitive)) {
        scale = 1024.0 * 1024.0;
        text.chop(1);
    }
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v * scale;
}

QString kvName(KvType t)
{
    return QString::fromLatin1(kvTypeName(t));
}

QLineEdit *numberEdit(const QString &objectName, const QString &accessibleName, const QString &text, const QString &toolTip)
{
    auto *e = new QLineEdit(text);
    e->setObjectName(objectName);
    e->setAccessibleName(accessibleName);
    e->setToolTip(toolTip);
    e->setClearButtonEnabled(false);
    return e;
}

QComboBox *searchCombo(const QString &objectName, const QString &accessibleName)
{
    auto *c = new QComboBox;
    c->setObjectName(objectName);
    c->setAccessibleName(accessibleName);
    c->setEditable(true);
    c->setInsertPolicy(QComboBox::NoInsert);
    c->setMaxVisibleItems(20);
    c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    c->setMinimumContentsLength(18);
    c->completer()->setCompletionMode(QCompleter::PopupCompletion);
    c->completer()->setFilterMode(Qt::MatchContains);
    c->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    return c;
}

// Index of the item whose text is `text` (any case), or -1.
int exactIndex(const QComboBox *c, const QString &text)
{
    return c->findText(text.trimmed(), Qt::MatchFixedString);
}

QColor verdictColor(Verdict v)
{
    switch (v) {
    case Verdict::Fits: return QColor(0x2e, 0x7d, 0x32);
    case Verdict::FitsWithOffload: return QColor(0xef, 0x8f, 0x00);
    case Verdict::DoesNotFit: break;
    }
    return QColor(0xc6, 0x28, 0x28);
}

QColor cellColor(Verdict v)
{
    switch (v) {
    case Verdict::Fits: return QColor(0xc8, 0xe6, 0xc9);
    case Verdict::FitsWithOffload: return QColor(0xff, 0xe0, 0xb2);
    case Verdict::DoesNotFit: break;
    }
    return QColor(0xff, 0xcd, 0xd2);
}

} // namespace

PlannerPage::PlannerPage(CatalogService *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_service(new PlannerService(this))
{
    setObjectName(QStringLiteral("PlannerPage"));

    m_recomputeTimer = new QTimer(this);
    m_recomputeTimer->setSingleShot(true);
    m_recomputeTimer->setInterval(kRecomputeDelayMs);
    connect(m_recomputeTimer, &QTimer::timeout, this, &PlannerPage::recompute);
    m_fitTimer = new QTimer(this);
    m_fitTimer->setSingleShot(true);
    m_fitTimer->setInterval(kFitDelayMs);

    QWidget *inputs = createInputs();
    auto *inputScroll = new QScrollArea;
    inputScroll->setObjectName(QStringLiteral("plannerInputs"));
    inputScroll->setWidget(inputs);
    inputScroll->setWidgetResizable(true);
    inputScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    inputScroll->setMinimumWidth(inputs->sizeHint().width() + 24);

    // Results: verdict and speed on top, the details in tabs.
    m_verdict = new QLabel;
    m_verdict->setObjectName(QStringLiteral("plannerVerdict"));
    m_verdict->setAccessibleName(tr("Verdict"));
    QFont big = m_verdict->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_verdict->setFont(big);
    m_verdictDetail = new QLabel;
    m_verdictDetail->setObjectName(QStringLiteral("plannerVerdictDetail"));
    m_verdictDetail->setWordWrap(true);
    m_verdictDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto figure = [](const QString &name, const QString &accessible) {
        auto *l = new QLabel;
        l->setObjectName(name);
        l->setAccessibleName(accessible);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);   // long translations wrap instead of widening the window
        return l;
    };
    m_headroom = figure(QStringLiteral("plannerHeadroom"), tr("Headroom"));
    m_maxContext = figure(QStringLiteral("plannerMaxContext"), tr("Maximum context"));
    m_decode = figure(QStringLiteral("plannerDecode"), tr("Decode speed"));
    m_prefill = figure(QStringLiteral("plannerPrefill"), tr("Prefill speed"));
    m_ttft = figure(QStringLiteral("plannerTtft"), tr("Time to first token"));
    m_measured = figure(QStringLiteral("plannerMeasured"), tr("Measured on this machine"));
    auto *figures = new QFormLayout;
    figures->setRowWrapPolicy(QFormLayout::WrapLongRows);
    figures->addRow(tr("Headroom:"), m_headroom);
    figures->addRow(tr("Max context that fits:"), m_maxContext);
    auto *speeds = new QFormLayout;
    speeds->setRowWrapPolicy(QFormLayout::WrapLongRows);
    speeds->addRow(tr("Decode:"), m_decode);
    speeds->addRow(tr("Prefill:"), m_prefill);
    speeds->addRow(tr("Time to first token:"), m_ttft);
    speeds->addRow(tr("Measured here:"), m_measured);
    auto *figureRow = new QHBoxLayout;
    figureRow->addLayout(figures, 1);
    figureRow->addLayout(speeds, 1);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("plannerTabs"));
    m_tabs->setAccessibleName(tr("Plan details"));
    m_tabs->addTab(createMemoryTab(), tr("Memory"));
    m_tabs->addTab(createCostTab(), tr("Cost"));
    m_tabs->addTab(createFitTab(), tr("Fit matrix"));
    m_tabs->addTab(createServeTab(), tr("Serving config"));

    auto *results = new QWidget;
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->addWidget(m_verdict);
    resultsLayout->addWidget(m_verdictDetail);
    resultsLayout->addLayout(figureRow);
    resultsLayout->addWidget(m_tabs, 1);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("plannerSplitter"));
    m_splitter->addWidget(inputScroll);
    m_splitter->addWidget(results);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(1, false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_service, &PlannerService::loaded, this, &PlannerPage::onPlannerLoaded);
    connect(m_service, &PlannerService::ggufRead, this, &PlannerPage::onGgufRead);
    connect(m_service, &PlannerService::ggufFailed, this, &PlannerPage::onGgufFailed);
    connect(m_service, &PlannerService::fitReady, this, &PlannerPage::onFitReady);
    connect(m_catalog, &CatalogService::finished, this, &PlannerPage::onCatalogFinished);
    if (m_catalog->isReady())
        onCatalogFinished(m_catalog->info());

    clearOutputs();
    showProblem(tr("Loading the catalog…"));
}

PlannerPage::~PlannerPage() = default;

QWidget *PlannerPage::createInputs()
{
    auto *w = new QWidget;

    // Model.
    m_model = searchCombo(QStringLiteral("plannerModel"), tr("Model"));
    m_model->setToolTip(tr("A catalog model with known hyper-parameters; type to search"));
    m_openGguf = new QPushButton(tr("Open GGUF file…"));
    m_openGguf->setObjectName(QStringLiteral("plannerOpenGguf"));
    m_openGguf->setAccessibleName(tr("Open GGUF file"));
    m_openGguf->setToolTip(tr("Plan from a GGUF file's header (exact tensor types); the weights are not loaded"));
    m_sourceLabel = new QLabel;
    m_sourceLabel->setObjectName(QStringLiteral("plannerSource"));
    m_sourceLabel->setWordWrap(true);
    m_sourceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_quant = new QComboBox;
    m_quant->setObjectName(QStringLiteral("plannerQuant"));
    m_quant->setAccessibleName(tr("Quantization"));
    for (const Quant q : allQuants())
        m_quant->addItem(QString::fromLatin1(quantInfo(q).name), int(q));
    m_quant->setCurrentIndex(m_quant->findData(int(Quant::Q4_K_M)));

    auto *modelBox = new QGroupBox(tr("Model"));
    auto *modelForm = new QFormLayout(modelBox);
    modelForm->addRow(tr("&Model:"), m_model);
    modelForm->addRow(QString(), m_openGguf);
    modelForm->addRow(QString(), m_sourceLabel);
    modelForm->addRow(tr("&Quantization:"), m_quant);

    // Workload.
    m_context = numberEdit(QStringLiteral("plannerContext"), tr("Context length"), QStringLiteral("8192"),
                           tr("Tokens per sequence, e.g. 8192, 32k, 128K"));
    m_users = numberEdit(QStringLiteral("plannerUsers"), tr("Concurrent users"), QStringLiteral("1"),
                         tr("Sequences served at the same time; each has its own KV cache"));
    m_prompt = numberEdit(QStringLiteral("plannerPrompt"), tr("Prompt length"), QStringLiteral("1024"),
                          tr("Prompt tokens, for prefill time and time to first token"));
    m_kv = new QComboBox;
    m_kv->setObjectName(QStringLiteral("plannerKvType"));
    m_kv->setAccessibleName(tr("KV-cache type"));
    for (const KvType t : {KvType::F16, KvType::Q8_0, KvType::Q4_0})
        m_kv->addItem(kvName(t), int(t));
    auto *workBox = new QGroupBox(tr("Workload"));
    auto *workForm = new QFormLayout(workBox);
    workForm->addRow(tr("&Context (tokens):"), m_context);
    workForm->addRow(tr("Concurrent &users:"), m_users);
    workForm->addRow(tr("&Prompt (tokens):"), m_prompt);
    workForm->addRow(tr("&KV cache:"), m_kv);

    // Hardware.
    m_gpu = searchCombo(QStringLiteral("plannerGpu"), tr("GPU"));
    m_gpu->setToolTip(tr("A catalog GPU, a saved hardware profile, or CPU only; type to search"));
    m_gpuCount = numberEdit(QStringLiteral("plannerGpuCount"), tr("GPUs per node"), QStringLiteral("1"), tr("GPUs in each node (1-64)"));
    m_nodes = numberEdit(QStringLiteral("plannerNodes"), tr("Nodes"), QStringLiteral("1"), tr("Identical machines (1-1024)"));
    m_ram = numberEdit(QStringLiteral("plannerRam"), tr("CPU RAM in GiB"), QStringLiteral("64"),
                       tr("System RAM available for CPU offload, GiB"));
    m_cpuBandwidth = numberEdit(QStringLiteral("plannerCpuBandwidth"), tr("CPU memory bandwidth in GB/s"), QStringLiteral("60"),
                                tr("Sustained system-memory read bandwidth, GB/s: what CPU-only plans and offloaded layers run at"));
    m_backend = new QComboBox;
    m_backend->setObjectName(QStringLiteral("plannerBackend"));
    m_backend->setAccessibleName(tr("Engine"));
    m_backend->addItem(tr("Auto (llama.cpp for GGUF, else vLLM)"), int(Backend::Auto));
    m_backend->addItem(tr("llama.cpp (CUDA)"), int(Backend::LlamaCppCuda));
    m_backend->addItem(tr("llama.cpp (CPU)"), int(Backend::LlamaCppCpu));
    m_backend->addItem(tr("llama.cpp (Metal)"), int(Backend::LlamaCppMetal));
    m_backend->addItem(tr("vLLM"), int(Backend::Vllm));
    m_backend->addItem(tr("ModelAtlas engine (CPU)"), int(Backend::ModelAtlasCpu));
    m_backend->addItem(tr("ModelAtlas engine (CUDA, one GPU)"), int(Backend::ModelAtlasCuda));
    auto *hwBox = new QGroupBox(tr("Hardware"));
    auto *hwForm = new QFormLayout(hwBox);
    hwForm->addRow(tr("&GPU:"), m_gpu);
    hwForm->addRow(tr("GPUs per &node:"), m_gpuCount);
    hwForm->addRow(tr("N&odes:"), m_nodes);
    hwForm->addRow(tr("CPU &RAM (GiB):"), m_ram);
    hwForm->addRow(tr("CPU memory &bandwidth (GB/s):"), m_cpuBandwidth);
    hwForm->addRow(tr("&Engine:"), m_backend);

    // Cost workload.
    m_requestsPerDay = numberEdit(QStringLiteral("plannerRequestsPerDay"), tr("Requests per day"), QStringLiteral("10000"),
                                  tr("Requests a day, for the monthly cost"));
    m_tokensIn = numberEdit(QStringLiteral("plannerTokensIn"), tr("Input tokens per request"), QStringLiteral("1000"),
                            tr("Prompt tokens per request (priced as input by APIs)"));
    m_tokensOut = numberEdit(QStringLiteral("plannerTokensOut"), tr("Output tokens per request"), QStringLiteral("500"),
                             tr("Generated tokens per request"));
    auto *costBox = new QGroupBox(tr("Traffic (for cost)"));
    auto *costForm = new QFormLayout(costBox);
    costForm->addRow(tr("Requests per &day:"), m_requestsPerDay);
    costForm->addRow(tr("&Input tokens:"), m_tokensIn);
    costForm->addRow(tr("&Output tokens:"), m_tokensOut);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("plannerMessage"));
    m_message->setAccessibleName(tr("Input problem"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #b71c1c; }"));
    m_message->hide();

    auto *layout = new QVBoxLayout(w);
    layout->addWidget(modelBox);
    layout->addWidget(workBox);
    layout->addWidget(hwBox);
    layout->addWidget(costBox);
    layout->addWidget(m_message);
    layout->addStretch(1);

    // Every change recomputes after a short pause, so typing "32768" plans once.
    const auto schedule = [this] { scheduleRecompute(); };
    connect(m_model, &QComboBox::currentTextChanged, this, schedule);
    connect(m_quant, &QComboBox::currentIndexChanged, this, schedule);
    connect(m_kv, &QComboBox::currentIndexChanged, this, schedule);
    connect(m_gpu, &QComboBox::currentTextChanged, this, schedule);
    connect(m_gpu, &QComboBox::activated, this, &PlannerPage::onGpuActivated);
    connect(m_backend, &QComboBox::currentIndexChanged, this, schedule);
    for (QLineEdit *e : {m_context, m_users, m_prompt, m_gpuCount, m_nodes, m_ram, m_cpuBandwidth, m_requestsPerDay, m_tokensIn, m_tokensOut})
        connect(e, &QLineEdit::textChanged, this, schedule);
    connect(m_openGguf, &QPushButton::clicked, this, &PlannerPage::browseGguf);
    return w;
}

QWidget *PlannerPage::createMemoryTab()
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_memoryView = new QChartView(chart);
    m_memoryView->setObjectName(QStringLiteral("plannerMemoryChart"));
    m_memoryView->setAccessibleName(tr("Memory per device"));
    m_memoryView->setRenderHint(QPainter::Antialiasing);
    m_memoryView->setMinimumHeight(260);
    return m_memoryView;
}

QWidget *PlannerPage::createCostTab()
{
    auto *w = new QWidget;
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignRight);
    m_costView = new QChartView(chart);
    m_costView->setObjectName(QStringLiteral("plannerCostChart"));
    m_costView->setAccessibleName(tr("Monthly cost against volume"));
    m_costView->setRenderHint(QPainter::Antialiasing);
    m_costView->setMinimumHeight(240);
    m_costSummary = new QLabel;
    m_costSummary->setObjectName(QStringLiteral("plannerCostSummary"));
    m_costSummary->setWordWrap(true);
    m_costSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_costTable = new QTableWidget(0, 4);
    m_costTable->setObjectName(QStringLiteral("plannerCostTable"));
    m_costTable->setAccessibleName(tr("API alternatives"));
    m_costTable->setHorizontalHeaderLabels({tr("API"), tr("Monthly at your traffic"), tr("Break-even (requests/month)"), tr("Cheaper now")});
    m_costTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_costTable->verticalHeader()->hide();
    m_costTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_costTable->horizontalHeader()->setStretchLastSection(false);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_costView);
    split->addWidget(m_costTable);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(w);
    layout->addWidget(m_costSummary);
    layout->addWidget(split, 1);
    return w;
}

QWidget *PlannerPage::createFitTab()
{
    auto *w = new QWidget;
    m_fitLabel = new QLabel;
    m_fitLabel->setObjectName(QStringLiteral("plannerFitLabel"));
    m_fitLabel->setWordWrap(true);
    m_fitTable = new QTableWidget;
    m_fitTable->setObjectName(QStringLiteral("plannerFitTable"));
    m_fitTable->setAccessibleName(tr("Fit matrix"));
    m_fitTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fitTable->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_fitTable->verticalHeader()->hide();
    m_fitTable->setSortingEnabled(false);
    auto *layout = new QVBoxLayout(w);
    layout->addWidget(m_fitLabel);
    layout->addWidget(m_fitTable, 1);
    // Double-clicking a cell plans that model and quantization.
    connect(m_fitTable, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        const auto &quants = fitMatrixQuants();
        QTableWidgetItem *item = m_fitTable->item(row, 0);
        if (!item || column < 1 || column > int(quants.size()))
            return;
        if (selectModel(item->data(Qt::UserRole).toString()))
            m_quant->setCurrentIndex(m_quant->findData(int(quants[size_t(column - 1)])));
    });
    connect(m_fitTimer, &QTimer::timeout, this, [this] {
        if (m_ready && m_plan) {
            Deployment dep;
            dep.backend = Backend(m_backend->currentData().toInt());
            requestFit(m_hardware, m_workload, dep);
        }
    });
    return w;
}

QWidget *PlannerPage::createServeTab()
{
    auto *w = new QWidget;
    m_engine = new QComboBox;
    m_engine->setObjectName(QStringLiteral("plannerServeEngine"));
    m_engine->setAccessibleName(tr("Serving engine"));
    m_engine->addItem(tr("vLLM"), int(Deploy::Engine::Vllm));
    m_engine->addItem(tr("SGLang"), int(Deploy::Engine::Sglang));
    m_engine->addItem(tr("llama.cpp server"), int(Deploy::Engine::LlamaCpp));
    m_engine->addItem(tr("Ollama (Modelfile)"), int(Deploy::Engine::Ollama));
    m_copy = new QPushButton(tr("&Copy"));
    m_copy->setObjectName(QStringLiteral("plannerCopyServeConfig"));
    m_copy->setAccessibleName(tr("Copy the serving configuration"));
    m_serveText = new QPlainTextEdit;
    m_serveText->setObjectName(QStringLiteral("plannerServeConfig"));
    m_serveText->setAccessibleName(tr("Serving configuration"));
    m_serveText->setReadOnly(true);
    m_serveText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_serveText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_serveMessage = new QLabel;
    m_serveMessage->setObjectName(QStringLiteral("plannerServeMessage"));
    m_serveMessage->setWordWrap(true);
    m_serveMessage->setStyleSheet(QStringLiteral("QLabel { color: #b71c1c; }"));
    m_serveMessage->hide();
    auto *top = new QHBoxLayout;
    auto *engineLabel = new QLabel(tr("E&ngine:"));
    engineLabel->setBuddy(m_engine);
    top->addWidget(engineLabel);
    top->addWidget(m_engine);
    top->addStretch(1);
    top->addWidget(m_copy);
    auto *layout = new QVBoxLayout(w);
    layout->addLayout(top);
    layout->addWidget(m_serveMessage);
    layout->addWidget(m_serveText, 1);
    // Any change but the page's own (made under a QSignalBlocker) is a choice that sticks.
    connect(m_engine, &QComboBox::currentIndexChanged, this, [this] {
        m_engineChosen = true;
        updateServeConfig();
    });
    connect(m_copy, &QPushButton::clicked, this, &PlannerPage::copyServeConfig);
    return w;
}

// --- catalog and GGUF -------------------------------------------------------------

void PlannerPage::onCatalogFinished(const CatalogInfo &info)
{
    if (!info.openError.isEmpty()) {
        showProblem(tr("The catalog database could not be opened: %1").arg(info.openError));
        return;
    }
    // The catalog service has opened and imported; the planner reads with its own connection.
    m_service->load(info.databasePath);
}

void PlannerPage::onPlannerLoaded(const PlannerCatalog &catalog)
{
    m_data = catalog;
    m_restoring = true;
    const QString keepModel = m_pendingModel.isEmpty() ? m_model->currentData().toString() : m_pendingModel;
    const QString keepGpu = m_pendingGpu.isEmpty() ? m_gpu->currentData().toString() : m_pendingGpu;
    m_model->clear();
    if (m_gguf)
        m_model->addItem(tr("GGUF: %1").arg(QFileInfo(m_ggufPath).fileName()), QStringLiteral("gguf:"));
    std::vector<const ModelShape *> sorted;
    for (const ModelShape &s : m_data.shapes)
        sorted.push_back(&s);
    std::sort(sorted.begin(), sorted.end(), [](const ModelShape *a, const ModelShape *b) {
        return QString::localeAwareCompare(a->name, b->name) < 0;
    });
    for (const ModelShape *s : sorted)
        m_model->addItem(s->name.isEmpty() ? s->id : s->name, s->id);

    m_gpu->clear();
    m_gpu->addItem(tr("CPU only"), QStringLiteral("cpu"));
    for (const Hardware::GpuSpec &g : m_data.gpus)
        m_gpu->addItem(g.name, QStringLiteral("gpu:") + g.id);
    for (const Hardware::HardwareProfile &p : m_data.profiles)
        m_gpu->addItem(tr("Profile: %1").arg(p.name), QStringLiteral("profile:") + p.name);
    m_restoring = false;

    if (!m_data.error.isEmpty() && m_data.shapes.empty()) {
        showProblem(tr("The planner could not read the catalog: %1").arg(m_data.error));
        return;
    }
    m_ready = true;
    m_pendingModel.clear();
    m_pendingGpu.clear();
    if (!keepModel.isEmpty() && keepModel != QLatin1String("gguf:"))
        selectModel(keepModel);
    else if (!m_gguf && !selectModel(QStringLiteral("llama-3.1-8b")))
        m_model->setCurrentIndex(0);
    if (keepGpu.isEmpty() || m_gpu->findData(keepGpu) < 0)
        selectGpu(QStringLiteral("rtx-4090"));
    else
        m_gpu->setCurrentIndex(m_gpu->findData(keepGpu));
    emit catalogLoaded(int(m_data.shapes.size()));
    recomputeNow();
}

bool PlannerPage::selectModel(const QString &modelId)
{
    const int i = m_model->findData(modelId);
    if (i < 0)
        return false;
    m_model->setCurrentIndex(i);
    return true;
}

bool PlannerPage::selectGpu(const QString &gpu)
{
    int i = m_gpu->findData(gpu);
    if (i < 0)
        i = m_gpu->findData(QStringLiteral("gpu:") + gpu);
    if (i < 0)
        i = exactIndex(m_gpu, gpu);
    if (i < 0) {
        if (const auto found = Hardware::findGpu(m_data.gpus, gpu))
            i = m_gpu->findData(QStringLiteral("gpu:") + found->id);
    }
    if (i < 0)
        return false;
    m_gpu->setCurrentIndex(i);
    onGpuActivated();
    return true;
}

// A saved profile brings its own counts and RAM into the fields.
void PlannerPage::onGpuActivated()
{
    const QString choice = m_gpu->currentData().toString();
    if (!choice.startsWith(QLatin1String("profile:")) || exactIndex(m_gpu, m_gpu->currentText()) != m_gpu->currentIndex())
        return;
    const QString name = choice.mid(8);
    for (const Hardware::HardwareProfile &p : m_data.profiles) {
        if (p.name == name) {
            m_gpuCount->setText(QString::number(std::max(1, p.gpuCount)));
            m_nodes->setText(QString::number(std::max(1, p.nodes)));
            m_ram->setText(QString::number(p.systemRamGiB));
            if (p.cpuBandwidthGBs > 0)
                m_cpuBandwidth->setText(QString::number(p.cpuBandwidthGBs));
        }
    }
}

void PlannerPage::browseGguf()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open GGUF file"), QFileInfo(m_ggufPath).absolutePath(),
                                                      tr("GGUF models (*.gguf);;All files (*)"));
    if (!path.isEmpty())
        openGgufFile(path);
}

void PlannerPage::openGgufFile(const QString &path)
{
    m_sourceLabel->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_service->readGguf(path);
}

void PlannerPage::onGgufRead(const QString &path, const GgufModel &model)
{
    m_gguf = model;
    m_ggufPath = path;
    m_restoring = true;
    const int old = m_model->findData(QStringLiteral("gguf:"));
    if (old >= 0)
        m_model->removeItem(old);
    m_model->insertItem(0, tr("GGUF: %1").arg(QFileInfo(path).fileName()), QStringLiteral("gguf:"));
    m_model->setCurrentIndex(0);
    if (const auto q = quantByName(model.fileType))
        m_quant->setCurrentIndex(m_quant->findData(int(*q)));
    // The file's own context length bounds the default.
    if (const auto ctx = parseNumber(m_context->text()); model.shape.maxContext > 0 && (!ctx || *ctx > model.shape.maxContext))
        m_context->setText(QString::number(model.shape.maxContext));
    m_restoring = false;
    m_sourceLabel->setText(tr("%1: %2, %3 layers, %4 tensors, %5 GiB of weights (exact, from the header)")
                               .arg(QFileInfo(path).fileName(), model.fileType)
                               .arg(model.shape.nLayers)
                               .arg(model.tensorCount)
                               .arg(gib(double(model.layout.totalBytes))));
    emit ggufLoaded(path);
    recomputeNow();
}

void PlannerPage::onGgufFailed(const QString &path, const QString &message)
{
    m_sourceLabel->clear();
    showProblem(tr("%1 cannot be planned: %2").arg(QFileInfo(path).fileName(), message));
    emit ggufFailed(path, message);
}

// --- recompute ---------------------------------------------------------------------

void PlannerPage::scheduleRecompute()
{
    if (!m_restoring)
        m_recomputeTimer->start();
}

void PlannerPage::recomputeNow()
{
    m_recomputeTimer->stop();
    recompute();
}

void PlannerPage::showProblem(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    if (!message.isEmpty()) {
        m_plan.reset();
        clearOutputs();
    }
}

QString PlannerPage::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString PlannerPage::verdictText() const
{
    return m_verdict->text();
}

QChart *PlannerPage::memoryChart() const
{
    return m_memoryView->chart();
}

QChart *PlannerPage::costChart() const
{
    return m_costView->chart();
}

QString PlannerPage::serveConfigText() const
{
    return m_serveText->toPlainText();
}

void PlannerPage::clearOutputs()
{
    const QString none = QStringLiteral("—");
    m_verdict->setText(none);
    m_verdict->setStyleSheet({});
    m_verdictDetail->clear();
    for (QLabel *l : {m_headroom, m_maxContext, m_decode, m_prefill, m_ttft, m_measured})
        l->setText(none);
    m_memoryView->chart()->removeAllSeries();
    for (QAbstractAxis *a : m_memoryView->chart()->axes())
        m_memoryView->chart()->removeAxis(a);
    m_memoryView->chart()->setTitle({});
    m_costView->chart()->removeAllSeries();
    for (QAbstractAxis *a : m_costView->chart()->axes())
        m_costView->chart()->removeAxis(a);
    m_costSummary->clear();
    m_costTable->setRowCount(0);
    m_serveText->clear();
    m_serveMessage->hide();
}

void PlannerPage::recompute()
{
    if (!m_ready) {
        emit planUpdated();
        return;
    }
    const auto fail = [this](const QString &message) {
        showProblem(message);
        emit planUpdated();
    };

    // Model and quantization.
    const bool fromGguf = m_gguf && m_model->currentData().toString() == QLatin1String("gguf:")
                          && exactIndex(m_model, m_model->currentText()) == m_model->currentIndex();
    m_quant->setEnabled(!fromGguf);
    m_planFromGguf = fromGguf;
    const std::optional<Quant> quant = m_quant->currentIndex() >= 0 ? std::optional<Quant>(Quant(m_quant->currentData().toInt()))
                                                                    : std::nullopt;
    if (fromGguf) {
        m_shape = m_gguf->shape;
        m_layout = m_gguf->layout;
        m_planQuant = quantByName(m_gguf->fileType);
    } else {
        const int i = exactIndex(m_model, m_model->currentText());
        const ModelShape *shape = nullptr;
        if (i >= 0)
            for (const ModelShape &s : m_data.shapes)
                if (s.id == m_model->itemData(i).toString())
                    shape = &s;
        if (!shape) {
            if (m_model->currentText().trimmed().isEmpty())
                return fail(tr("Choose a model (type to search the catalog) or open a GGUF file."));
            return fail(tr("Unknown model \"%1\": choose one from the list (only catalog models with known layers and heads "
                           "can be planned) or open a GGUF file.").arg(m_model->currentText().trimmed()));
        }
        if (!quant)
            return fail(tr("Choose a quantization."));
        m_shape = *shape;
        m_layout = layoutFor(m_shape, *quant);
        m_planQuant = quant;
    }

    // Numbers: each field names itself in the message.
    struct Field { QLineEdit *edit; QString name; double lo, hi; bool whole; double *out; };
    double context = 0, users = 0, prompt = 0, gpus = 0, nodes = 0, ram = 0, cpuBw = 0, rpd = 0, tin = 0, tout = 0;
    const Field fields[] = {
        {m_context, tr("Context"), 1, double(1 << 24), true, &context},
        {m_users, tr("Concurrent users"), 1, 100000, true, &users},
        {m_prompt, tr("Prompt"), 1, double(1 << 24), true, &prompt},
        {m_gpuCount, tr("GPUs per node"), 1, Hardware::Limits::maxGpusPerNode, true, &gpus},
        {m_nodes, tr("Nodes"), 1, Hardware::Limits::maxNodes, true, &nodes},
        {m_ram, tr("CPU RAM"), 0, Hardware::Limits::maxSystemRamGiB, false, &ram},
        {m_cpuBandwidth, tr("CPU memory bandwidth"), 0.1, 100000, false, &cpuBw},
        {m_requestsPerDay, tr("Requests per day"), 0.001, 1e10, false, &rpd},
        {m_tokensIn, tr("Input tokens"), 0, 1e7, false, &tin},
        {m_tokensOut, tr("Output tokens"), 1, 1e7, false, &tout},
    };
    for (const Field &f : fields) {
        const auto v = parseNumber(f.edit->text());
        if (!v)
            return fail(tr("%1: \"%2\" is not a number.").arg(f.name, f.edit->text().trimmed()));
        if (*v < f.lo || *v > f.hi)
            return fail(tr("%1 must be between %2 and %3 (got %4).").arg(f.name, QLocale().toString(f.lo), QLocale().toString(f.hi),
                                                                         QLocale().toString(*v)));
        if (f.whole && *v != std::floor(*v))
            return fail(tr("%1 must be a whole number (got %2).").arg(f.name, QLocale().toString(*v)));
        *f.out = *v;
    }

    // Hardware.
    Hardware::HardwareProfile hw;
    const QString gpuText = m_gpu->currentText().trimmed();
    const int gpuIndex = exactIndex(m_gpu, gpuText);
    const QString gpuData = gpuIndex >= 0 ? m_gpu->itemData(gpuIndex).toString() : QString();
    if (gpuData == QLatin1String("cpu")) {
        hw.gpuCount = 0;
        hw.name = tr("CPU only");
    } else if (gpuData.startsWith(QLatin1String("profile:"))) {
        for (const Hardware::HardwareProfile &p : m_data.profiles)
            if (p.name == gpuData.mid(8))
                hw = p;
        if (hw.gpuCount > 0) {
            hw.gpuCount = int(gpus);
            hw.nodes = int(nodes);
        }
    } else {
        std::optional<Hardware::GpuSpec> gpu;
        for (const Hardware::GpuSpec &g : m_data.gpus)
            if (QStringLiteral("gpu:") + g.id == gpuData)
                gpu = g;
        if (!gpu && !gpuText.isEmpty()) {
            if (const auto found = Hardware::findGpu(m_data.gpus, gpuText))
                gpu = found.value();
        }
        if (!gpu)
            return fail(gpuText.isEmpty() ? tr("Choose a GPU, a saved profile or CPU only.")
                                          : tr("Unknown GPU \"%1\": choose one from the list, a saved profile or CPU only.").arg(gpuText));
        // The same profile the CLI builds for "NAMExK" (interconnect by card type), then the nodes.
        hw = Hardware::profileFor(*gpu, int(gpus));
        hw.gpuCount = int(gpus);
        hw.nodes = int(nodes);
        if (hw.nodes > 1)
            hw.interconnect = QStringLiteral("infiniband");
    }
    hw.systemRamGiB = ram;
    hw.cpuBandwidthGBs = cpuBw;
    if (const Status s = Hardware::validateProfile(hw); !s)
        return fail(s.error());

    Workload wl;
    wl.context = int64_t(context);
    wl.users = int(users);
    wl.promptTokens = int64_t(prompt);
    wl.kvType = KvType(m_kv->currentData().toInt());
    Deployment dep;
    dep.backend = Backend(m_backend->currentData().toInt());

    PlanInput in;
    in.shape = &m_shape;
    in.layout = &m_layout;
    in.hardware = hw;
    in.workload = wl;
    in.deployment = dep;
    in.quant = m_planQuant;
    in.efficiency = &m_data.efficiency;
    const Result<Plan> p = plan(in);
    if (!p)
        return fail(p.error());

    m_message->clear();
    m_message->hide();
    m_plan = p.value();
    m_hardware = hw;
    m_workload = wl;

    const Plan &pl = *m_plan;
    QString verdict;
    switch (pl.verdict) {
    case Verdict::Fits: verdict = tr("Fits"); break;
    case Verdict::FitsWithOffload: verdict = tr("Fits with CPU offload"); break;
    case Verdict::DoesNotFit: verdict = tr("Does not fit"); break;
    }
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(verdictColor(pl.verdict).name()));
    QString detail = tr("%1 %2 on %3 — %4 GiB of weights (%5), KV cache %6 GiB; engine %7.")
                         .arg(m_shape.name.isEmpty() ? m_shape.id : m_shape.name,
                              m_planQuant ? QString::fromLatin1(quantInfo(*m_planQuant).name) : QString(),
                              hw.gpuCount > 0 ? tr("%1 × %2").arg(hw.totalGpus()).arg(hw.gpu.name) : tr("CPU only"),
                              gib(double(m_layout.totalBytes)), m_layout.source, gib(double(pl.kvBytes)),
                              QString::fromLatin1(backendId(pl.backend)));
    if (!pl.reason.isEmpty())
        detail += QLatin1Char(' ') + pl.reason;
    if (m_shape.maxContext > 0 && wl.context > m_shape.maxContext)
        detail += QLatin1Char(' ') + tr("Note: the model was trained for at most %1 tokens of context.").arg(QLocale().toString(m_shape.maxContext));
    m_verdictDetail->setText(detail);
    m_headroom->setText(pl.verdict == Verdict::DoesNotFit
                            ? tr("%1 GiB short").arg(gib(double(-std::min<int64_t>(pl.headroomBytes, 0))))
                            : tr("%1 GiB").arg(gib(double(pl.headroomBytes))));
    m_maxContext->setText(pl.maxContext > 0 ? tr("%1 tokens").arg(QLocale().toString(qlonglong(pl.maxContext))) : tr("none"));

    updateMemoryChart();
    updateSpeed();
    updateCost();
    updateServeConfig();

    // The fit matrix depends on the hardware and workload only.
    const QString fitKey = QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8|%9")
                               .arg(hw.gpu.id, hw.name).arg(hw.gpuCount).arg(hw.nodes).arg(hw.systemRamGiB)
                               .arg(wl.context).arg(wl.users).arg(int(wl.kvType)).arg(int(dep.backend));
    if (fitKey != m_fitKey) {
        m_fitKey = fitKey;
        m_fitLabel->setText(tr("Computing the fit matrix…"));
        m_fitTimer->start();
    }
    emit planUpdated();
}

void PlannerPage::updateMemoryChart()
{
    QChart *chart = m_memoryView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *a : chart->axes())
        chart->removeAxis(a);
    const Plan &pl = *m_plan;

    auto *weights = new QBarSet(tr("Weights"));
    auto *kv = new QBarSet(tr("KV cache"));
    auto *compute = new QBarSet(tr("Compute buffers"));
    auto *overhead = new QBarSet(tr("Overhead"));
    weights->setColor(QColor(0x3f, 0x51, 0xb5));
    kv->setColor(QColor(0x00, 0x96, 0x88));
    compute->setColor(QColor(0xff, 0x98, 0x00));
    overhead->setColor(QColor(0x9e, 0x9e, 0x9e));
    QStringList categories;
    double top = 0;
    // System RAM that holds little (llama.cpp keeps the token embedding there)
    // would flatten the GPU bars against its size: its limit is left out then.
    std::vector<bool> showLimit;
    for (const DeviceUse &d : pl.devices) {
        *weights << double(d.weights) / kGiB;
        *kv << double(d.kvCache) / kGiB;
        *compute << double(d.compute) / kGiB;
        *overhead << double(d.overhead) / kGiB;
        const bool limit = d.capacity > 0 && (d.gpu || double(d.total()) > 0.25 * double(d.capacity));
        showLimit.push_back(limit);
        // "GPU 0 (NVIDIA GeForce RTX 4090)" -> "GPU 0": the card is named above the chart.
        QString label = d.name;
        if (d.gpu && label.contains(QLatin1String(" (")))
            label.truncate(label.indexOf(QLatin1String(" (")));
        if (!d.gpu && !limit && d.capacity > 0)
            label = tr("%1 (of %2 GiB)").arg(label, gib(double(d.capacity)));
        // Category labels must be unique.
        while (categories.contains(label))
            label += QLatin1Char(' ');
        categories << label;
        top = std::max({top, double(d.total()) / kGiB, limit ? double(d.capacity) / kGiB : 0.0});
    }
    auto *bars = new QStackedBarSeries;
    bars->append({weights, kv, compute, overhead});
    bars->setBarWidth(0.5);
    chart->addSeries(bars);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    auto *y = new QValueAxis;
    y->setTitleText(tr("GiB"));
    y->setRange(0, top > 0 ? top * 1.1 : 1);
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(x);
    bars->attachAxis(y);

    // Each device's usable memory as a line across its bar.
    bool first = true;
    for (size_t i = 0; i < pl.devices.size(); ++i) {
        const DeviceUse &d = pl.devices[i];
        if (!showLimit[i])
            continue;
        auto *limit = new QLineSeries;
        limit->setName(tr("Usable memory"));
        limit->append(double(i) - 0.4, double(d.capacity) / kGiB);
        limit->append(double(i) + 0.4, double(d.capacity) / kGiB);
        QPen pen(QColor(0xc6, 0x28, 0x28));
        pen.setWidth(3);
        pen.setStyle(Qt::DashLine);
        limit->setPen(pen);
        chart->addSeries(limit);
        limit->attachAxis(x);
        limit->attachAxis(y);
        if (!first) {
            for (QLegendMarker *m : chart->legend()->markers(limit))
                m->setVisible(false);
        }
        first = false;
    }
    chart->setTitle(m_hardware.gpuCount > 0 ? tr("Memory per device (GiB) against usable memory — %1").arg(m_hardware.gpu.name)
                                            : tr("Memory (GiB) against usable memory"));
}

void PlannerPage::updateMeasured()
{
    const QString quant = m_planQuant ? QString::fromLatin1(quantInfo(*m_planQuant).name) : QString();
    const Measurement *latest = nullptr;
    int runs = 0;
    for (const Measurement &m : m_data.measurements) {
        if (m.modelId != m_shape.id || m.quant.compare(quant, Qt::CaseInsensitive) != 0)
            continue;
        ++runs;
        if (!latest || m.createdAt >= latest->createdAt)
            latest = &m;
    }
    if (!latest) {
        m_measured->setText(tr("no runs of this model and quantization yet (the Playground records them)"));
        return;
    }
    QStringList parts;
    if (latest->decodeTokS > 0)
        parts << tr("%1 tok/s decode").arg(rate(latest->decodeTokS));
    if (latest->prefillTokS > 0)
        parts << tr("%1 tok/s prefill").arg(rate(latest->prefillTokS));
    if (latest->peakBytes > 0)
        parts << tr("peak memory %1 GiB").arg(gib(double(latest->peakBytes)));
    m_measured->setText(tr("%1 (%2, %3 on %4; %n run(s))", nullptr, runs)
                            .arg(parts.join(QStringLiteral(", ")), QString::fromLatin1(backendId(latest->backend)),
                                 QLocale().toString(latest->createdAt.toLocalTime(), QLocale::ShortFormat), latest->deviceId));
}

void PlannerPage::updateSpeed()
{
    updateMeasured();
    const SpeedEstimate &s = m_plan->speed;
    if (!s.known || m_plan->verdict == Verdict::DoesNotFit) {
        const QString why = !s.known ? tr("unknown (no bandwidth/TFLOPS for this GPU)") : tr("— (does not fit)");
        m_decode->setText(why);
        m_prefill->setText(QStringLiteral("—"));
        m_ttft->setText(QStringLiteral("—"));
        return;
    }
    m_decode->setText(m_workload.users > 1 ? tr("%1 tok/s per user, %2 tok/s total").arg(rate(s.decodeTokS), rate(s.aggregateTokS))
                                           : tr("%1 tok/s").arg(rate(s.decodeTokS)));
    QString bound = s.computeBound ? tr("compute bound") : tr("bandwidth bound");
    if (s.cpuAttentionShare >= 0.05)
        bound += tr("; attention on the CPU: %1% of each step").arg(qRound(s.cpuAttentionShare * 100));
    m_decode->setToolTip(tr("%1; efficiency from %2").arg(bound, s.efficiency.source));
    m_prefill->setText(tr("%1 tok/s").arg(rate(s.prefillTokS)));
    m_ttft->setText(std::isfinite(s.ttftSeconds) && s.ttftSeconds > 0
                        ? tr("%1 s for %2 prompt tokens").arg(number(s.ttftSeconds, s.ttftSeconds < 1 ? 3 : 2)).arg(m_workload.promptTokens)
                        : QStringLiteral("—"));
}

void PlannerPage::updateCost()
{
    QChart *chart = m_costView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *a : chart->axes())
        chart->removeAxis(a);
    m_costTable->setRowCount(0);
    chart->setTitle({});
    m_costView->hide(); // shown again once there is a cost to draw

    const Plan &pl = *m_plan;
    if (m_hardware.gpuCount == 0) {
        m_costSummary->setText(tr("Cost is computed for GPU deployments; choose a GPU."));
        return;
    }
    if (pl.verdict == Verdict::DoesNotFit || !pl.speed.known || !(pl.speed.aggregateTokS > 0)) {
        m_costSummary->setText(tr("No cost: the plan has no throughput (it does not fit, or the GPU's speed is unknown)."));
        return;
    }
    Cost::SelfHostInput sh;
    sh.gpu.gpuCount = m_hardware.totalGpus();
    sh.outputTokensPerSecond = pl.speed.aggregateTokS;
    if (m_hardware.gpu.pricePerHourUsd) {
        sh.gpu.pricePerGpuHourUsd = m_hardware.gpu.pricePerHourUsd;
    } else if (m_hardware.gpu.purchaseUsd) {
        // Owned: the catalog's purchase price over three years plus power at a typical $0.15/kWh.
        sh.gpu.purchasePerGpuUsd = m_hardware.gpu.purchaseUsd;
        sh.gpu.amortisationMonths = 36;
        sh.gpu.powerWattsPerGpu = m_hardware.gpu.powerWatts.value_or(0);
        sh.gpu.usdPerKwh = 0.15;
    } else {
        m_costSummary->setText(tr("The catalog has neither a rental nor a purchase price for %1.").arg(m_hardware.gpu.name));
        return;
    }
    Cost::Workload w;
    w.requestsPerDay = parseNumber(m_requestsPerDay->text()).value_or(0);
    w.inputTokensPerRequest = parseNumber(m_tokensIn->text()).value_or(0);
    w.outputTokensPerRequest = parseNumber(m_tokensOut->text()).value_or(1);
    const Result<Cost::SelfHostEstimate> est = Cost::estimateSelfHost(sh, w);
    if (!est) {
        m_costSummary->setText(est.error());
        return;
    }
    m_costSummary->setText(tr("Self-hosting: %1 per month for %2 replica(s) (%3), %4 loaded at %5 requests/month; "
                              "%6 per million output tokens at full load.")
                               .arg(Cost::formatUsd(est->monthlyUsd)).arg(est->replicas)
                               .arg(est->perReplica.basis, number(est->load * 100, 0) + QLatin1Char('%'),
                                    count(w.requestsPerMonth()), Cost::formatUsd(est->usdPerMillionOutputTokens)));

    QList<Cost::ApiComparison> comparisons;
    for (const Cost::ApiPrice &price : m_data.apiPrices)
        comparisons.append(Cost::compareWithApi(price, w, est.value()));
    std::stable_sort(comparisons.begin(), comparisons.end(),
                     [](const Cost::ApiComparison &a, const Cost::ApiComparison &b) { return a.apiPerRequest.min < b.apiPerRequest.min; });
    m_costTable->setRowCount(int(comparisons.size()));
    for (int r = 0; r < comparisons.size(); ++r) {
        const Cost::ApiComparison &c = comparisons[r];
        const auto range = [](const Cost::ValueRange &v, bool money) {
            const auto f = [money](double x) { return money ? Cost::formatUsd(x) : count(x); };
            return std::abs(v.max - v.min) <= 1e-9 * std::max(1.0, std::abs(v.max)) ? f(v.min) : f(v.min) + QStringLiteral("–") + f(v.max);
        };
        m_costTable->setItem(r, 0, new QTableWidgetItem(c.price.label()));
        m_costTable->setItem(r, 1, new QTableWidgetItem(range(c.apiMonthly, true)));
        m_costTable->setItem(r, 2, new QTableWidgetItem(c.neverBreaksEven ? tr("never")
                                                        : c.breakEvenRequestsPerMonth ? range(*c.breakEvenRequestsPerMonth, false)
                                                                                      : QStringLiteral("—")));
        m_costTable->setItem(r, 3, new QTableWidgetItem(c.selfHostCheaperNow ? tr("self-host") : tr("API")));
    }

    // The chart: a handful of APIs across the price range (the table lists all),
    // this model's own APIs first.
    QList<const Cost::ApiComparison *> shown;
    for (const Cost::ApiComparison &c : comparisons)
        if (!m_shape.id.isEmpty() && c.price.modelId == m_shape.id && shown.size() < 2)
            shown << &c;
    const int want = 6;
    for (int k = 0; k < comparisons.size() && shown.size() < want; ++k) {
        const int idx = comparisons.size() <= want ? k : int(std::lround(double(k) * (comparisons.size() - 1) / (want - 1)));
        if (idx < comparisons.size() && !shown.contains(&comparisons[idx]))
            shown << &comparisons[idx];
    }

    double lo = 1e3, hi = 1e7;
    for (const Cost::ApiComparison *c : shown)
        if (c->breakEvenRequestsPerMonth && std::isfinite(c->breakEvenRequestsPerMonth->max))
            hi = std::max(hi, c->breakEvenRequestsPerMonth->max * 3);
    hi = std::clamp(std::max(hi, w.requestsPerMonth() * 3), 1e4, 1e11);
    constexpr int points = 48;
    const auto volumeAt = [&](int i) { return lo * std::pow(hi / lo, double(i) / (points - 1)); };

    auto *x = new QLogValueAxis;
    x->setTitleText(tr("Requests per month"));
    x->setLabelFormat(QStringLiteral("%g"));
    x->setBase(10);
    x->setRange(lo, hi);
    auto *y = new QLogValueAxis;
    y->setTitleText(tr("USD per month"));
    y->setLabelFormat(QStringLiteral("%g"));
    y->setBase(10);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double yMin = 1e300, yMax = 0;
    const auto add = [&](QLineSeries *s, double volume, double usd) {
        if (std::isfinite(usd) && usd > 0) {
            s->append(volume, usd);
            yMin = std::min(yMin, usd);
            yMax = std::max(yMax, usd);
        }
    };

    auto *self = new QLineSeries;
    self->setName(tr("Self-host (%1 × %2)").arg(m_hardware.totalGpus()).arg(m_hardware.gpu.name));
    QPen selfPen(QColor(0x21, 0x21, 0x21));
    selfPen.setWidth(3);
    self->setPen(selfPen);
    std::vector<double> selfUsd(points, 0.0);
    for (int i = 0; i < points; ++i) {
        Cost::Workload wi = w;
        wi.requestsPerDay = volumeAt(i) / w.daysPerMonth;
        if (const auto e = Cost::estimateSelfHost(sh, wi)) {
            selfUsd[size_t(i)] = e->monthlyUsd;
            add(self, volumeAt(i), e->monthlyUsd);
        }
    }
    chart->addSeries(self);
    self->attachAxis(x);
    self->attachAxis(y);

    auto *marks = new QScatterSeries;
    marks->setName(tr("Break-even"));
    marks->setMarkerSize(11);
    marks->setColor(QColor(0xc6, 0x28, 0x28));
    // Distinct colours: the default theme repeats after five series.
    static const QColor palette[] = {QColor(0x1e, 0x88, 0xe5), QColor(0x43, 0xa0, 0x47), QColor(0xfb, 0x8c, 0x00),
                                     QColor(0x8e, 0x24, 0xaa), QColor(0x00, 0xac, 0xc1), QColor(0x6d, 0x4c, 0x41),
                                     QColor(0xd8, 0x1b, 0x60), QColor(0x7c, 0xb3, 0x42)};
    int colour = 0;
    for (const Cost::ApiComparison *c : shown) {
        auto *api = new QLineSeries;
        api->setName(c->price.label());
        QPen pen(palette[colour++ % std::size(palette)]);
        pen.setWidth(2);
        api->setPen(pen);
        std::vector<double> apiUsd(points, 0.0);
        for (int i = 0; i < points; ++i) {
            Cost::Workload wi = w;
            wi.requestsPerDay = volumeAt(i) / w.daysPerMonth;
            apiUsd[size_t(i)] = Cost::apiMonthlyUsd(c->price, wi).min;
            add(api, volumeAt(i), apiUsd[size_t(i)]);
        }
        chart->addSeries(api);
        api->attachAxis(x);
        api->attachAxis(y);
        // The break-even point: where the API's bill first rises above the
        // self-host bill as drawn (the self-host bill steps up as replicas are
        // added), interpolated between samples in log space.
        for (int i = 1; i < points; ++i) {
            const double s0 = selfUsd[size_t(i - 1)], s1 = selfUsd[size_t(i)];
            const double a0 = apiUsd[size_t(i - 1)], a1 = apiUsd[size_t(i)];
            if (!(s0 > 0 && s1 > 0 && a0 > 0 && a1 > 0) || !(a0 < s0 && a1 >= s1))
                continue;
            const double d0 = std::log(a0) - std::log(s0), d1 = std::log(a1) - std::log(s1);
            const double t = d1 != d0 ? std::clamp(-d0 / (d1 - d0), 0.0, 1.0) : 0.0;
            const double v = std::exp(std::log(volumeAt(i - 1)) + t * (std::log(volumeAt(i)) - std::log(volumeAt(i - 1))));
            const double usd = std::exp(std::log(a0) + t * (std::log(a1) - std::log(a0)));
            if (std::isfinite(v) && std::isfinite(usd))
                marks->append(v, usd);
            break;
        }
    }
    chart->addSeries(marks);
    marks->attachAxis(x);
    marks->attachAxis(y);
    if (yMax > 0)
        y->setRange(std::max(yMin, yMax * 1e-6) / 2, yMax * 2);
    chart->setTitle(tr("Monthly cost against volume (APIs at their lowest quoted price)"));
    m_costView->show();
}

void PlannerPage::updateServeConfig()
{
    m_serveText->clear();
    m_serveMessage->hide();
    if (!m_plan)
        return;
    const Plan &pl = *m_plan;
    // Until the user picks an engine, the one the plan was made for.
    if (!m_engineChosen) {
        const bool ggml = pl.backend != Backend::Vllm;
        const int want = m_engine->findData(int(ggml ? Deploy::Engine::LlamaCpp : Deploy::Engine::Vllm));
        if (want >= 0 && want != m_engine->currentIndex()) {
            const QSignalBlocker block(m_engine);
            m_engine->setCurrentIndex(want);
        }
    }
    const auto engine = Deploy::Engine(m_engine->currentData().toInt());
    Deploy::ServePlan sp;
    if (m_planFromGguf) {
        sp.ggufPath = m_ggufPath;
        sp.modelId = QFileInfo(m_ggufPath).completeBaseName();
    } else {
        sp = m_data.servePlans.value(m_shape.id);
        sp.modelId = m_shape.id;
        const QString quant = m_planQuant ? QString::fromLatin1(quantInfo(*m_planQuant).name) : QString();
        // llama.cpp needs a file: name the one to download for this quantization.
        sp.ggufPath = QStringLiteral("%1-%2.gguf").arg(m_shape.id, quant);
        // Ollama: the model's own tag when the catalog knows it.
        if (engine == Deploy::Engine::Ollama && !sp.ollamaModel.isEmpty())
            sp.ggufPath.clear();
        if (m_planQuant && (engine == Deploy::Engine::Vllm || engine == Deploy::Engine::Sglang)) {
            switch (*m_planQuant) {
            case Quant::FP8: sp.quantization = QStringLiteral("fp8"); break;
            case Quant::GPTQ_4bit_g128: sp.quantization = QStringLiteral("gptq"); break;
            case Quant::AWQ_4bit_g128: sp.quantization = QStringLiteral("awq"); break;
            default: break;
            }
        }
    }
    sp.attentionHeads = m_shape.nHeads > 0 ? std::optional<int>(m_shape.nHeads) : std::nullopt;
    sp.kvHeads = m_shape.nKvHeads > 0 ? std::optional<int>(m_shape.nKvHeads) : std::nullopt;
    sp.layers = m_shape.nLayers > 0 ? std::optional<int>(m_shape.nLayers) : std::nullopt;
    sp.tensorParallel = std::max(1, pl.tensorParallel);
    sp.pipelineParallel = std::max(1, pl.pipelineParallel);
    sp.nodes = std::max(1, m_hardware.nodes);
    sp.gpusPerNode = std::max(1, m_hardware.gpuCount);
    sp.maxContext = int(m_workload.context);
    sp.maxConcurrentSequences = m_workload.users;
    sp.flashAttention = m_workload.flashAttention;
    sp.gpuLayers = m_hardware.gpuCount == 0 ? 0 : (pl.gpuLayers < pl.nLayers ? pl.gpuLayers : -1);
    if (m_workload.kvType != KvType::F16) {
        const bool ggml = engine == Deploy::Engine::LlamaCpp || engine == Deploy::Engine::Ollama;
        // vLLM/SGLang have no 8-bit integer cache; FP8 is their 8-bit cache.
        sp.kvCacheDtype = ggml ? kvName(m_workload.kvType).toLower()
                               : (m_workload.kvType == KvType::Q8_0 ? QStringLiteral("fp8") : kvName(m_workload.kvType).toLower());
    }
    const Result<Deploy::ServeConfig> config = Deploy::exportConfig(engine, sp);
    if (!config) {
        m_serveMessage->setText(tr("No %1 configuration for this plan: %2").arg(m_engine->currentText(), config.error()));
        m_serveMessage->show();
        return;
    }
    QString text = config->text;
    for (const QString &n : config->notes)
        text += QStringLiteral("# Note: ") + n + QLatin1Char('\n');
    if (pl.verdict == Verdict::DoesNotFit)
        text.prepend(tr("# Warning: the planner predicts this does not fit the chosen hardware.\n"));
    m_serveText->setPlainText(text);
}

void PlannerPage::copyServeConfig()
{
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(m_serveText->toPlainText());
}

// --- fit matrix --------------------------------------------------------------------

void PlannerPage::requestFit(const Hardware::HardwareProfile &hw, const Workload &wl, const Deployment &dep)
{
    Fit::FitOptions options;
    options.workload = wl;
    options.deployment = dep;
    m_service->computeFit(m_data.shapes, hw, options);
}

void PlannerPage::onFitReady(const std::vector<Fit::FitRow> &rows)
{
    const auto &quants = fitMatrixQuants();
    QStringList header{tr("Model")};
    for (const Quant q : quants)
        header << QString::fromLatin1(quantInfo(q).name);
    header << tr("Best");
    m_fitTable->clear();
    m_fitTable->setColumnCount(int(header.size()));
    m_fitTable->setHorizontalHeaderLabels(header);
    m_fitTable->setRowCount(int(rows.size()));
    const QString fits = tr("fits"), offload = tr("offload"), no = tr("no");
    for (int r = 0; r < int(rows.size()); ++r) {
        const Fit::FitRow &row = rows[size_t(r)];
        auto *name = new QTableWidgetItem(row.modelName.isEmpty() ? row.modelId : row.modelName);
        name->setData(Qt::UserRole, row.modelId);
        name->setToolTip(row.modelId);
        m_fitTable->setItem(r, 0, name);
        for (size_t c = 0; c < quants.size(); ++c) {
            const Fit::FitCell &cell = row.cells[c];
            auto *item = new QTableWidgetItem(cell.verdict == Verdict::Fits ? fits : cell.verdict == Verdict::FitsWithOffload ? offload : no);
            item->setBackground(cellColor(cell.verdict));
            item->setForeground(Qt::black);
            item->setTextAlignment(Qt::AlignCenter);
            item->setData(Qt::UserRole, int(cell.verdict));
            item->setToolTip(tr("%1 at %2: %3 GiB of weights; max context %4; %5 tok/s")
                                 .arg(name->text(), QString::fromLatin1(quantInfo(quants[c]).name), gib(double(cell.weightBytes)),
                                      cell.maxContext > 0 ? QLocale().toString(qlonglong(cell.maxContext)) : tr("none"), rate(cell.decodeTokS)));
            m_fitTable->setItem(r, int(c) + 1, item);
        }
        m_fitTable->setItem(r, int(quants.size()) + 1,
                            new QTableWidgetItem(row.bestQuant >= 0 ? QString::fromLatin1(quantInfo(quants[size_t(row.bestQuant)]).name)
                                                                    : QStringLiteral("—")));
    }
    m_fitTable->resizeColumnsToContents();
    m_fitLabel->setText(tr("%1 models × %2 quantizations on %3 at %4 tokens × %5 user(s). Green: fits on the GPUs; amber: fits "
                           "with CPU offload; red: does not fit. Double-click a cell to plan it.")
                            .arg(rows.size()).arg(quants.size())
                            .arg(m_hardware.gpuCount > 0 ? tr("%1 × %2").arg(m_hardware.totalGpus()).arg(m_hardware.gpu.name) : tr("CPU only"))
                            .arg(m_workload.context).arg(m_workload.users));
    emit fitMatrixShown(int(rows.size()));
}

// --- state -------------------------------------------------------------------------

void PlannerPage::saveState(QSettings &settings) const
{
    settings.beginGroup(QLatin1String(kGroup));
    const QString model = m_model->currentData().toString();
    if (!model.isEmpty() && model != QLatin1String("gguf:"))
        settings.setValue(QStringLiteral("model"), model);
    settings.setValue(QStringLiteral("quant"), m_quant->currentText());
    settings.setValue(QStringLiteral("gpu"), m_gpu->currentData().toString());
    settings.setValue(QStringLiteral("kv"), m_kv->currentIndex());
    settings.setValue(QStringLiteral("backend"), m_backend->currentIndex());
    if (m_engineChosen)
        settings.setValue(QStringLiteral("engine"), m_engine->currentIndex());
    else
        settings.remove(QStringLiteral("engine"));
    for (const QLineEdit *e : {m_context, m_users, m_prompt, m_gpuCount, m_nodes, m_ram, m_cpuBandwidth, m_requestsPerDay, m_tokensIn, m_tokensOut})
        settings.setValue(e->objectName(), e->text());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
    settings.endGroup();
}

void PlannerPage::restoreState(const QSettings &settings)
{
    const auto value = [&](const QString &key) { return settings.value(QLatin1String(kGroup) + QLatin1Char('/') + key); };
    m_restoring = true;
    for (QLineEdit *e : {m_context, m_users, m_prompt, m_gpuCount, m_nodes, m_ram, m_cpuBandwidth, m_requestsPerDay, m_tokensIn, m_tokensOut}) {
        const QVariant v = value(e->objectName());
        if (v.isValid())
            e->setText(v.toString());
    }
    if (const int q = m_quant->findText(value(QStringLiteral("quant")).toString()); q >= 0)
        m_quant->setCurrentIndex(q);
    const auto index = [&](QComboBox *c, const QString &key) {
        const int i = value(key).toInt();
        if (value(key).isValid() && i >= 0 && i < c->count())
            c->setCurrentIndex(i);
    };
    index(m_kv, QStringLiteral("kv"));
    index(m_backend, QStringLiteral("backend"));
    index(m_engine, QStringLiteral("engine"));
    m_engineChosen = value(QStringLiteral("engine")).isValid();
    if (const int t = value(QStringLiteral("tab")).toInt(); t >= 0 && t < m_tabs->count())
        m_tabs->setCurrentIndex(t);
    m_splitter->restoreState(value(QStringLiteral("splitter")).toByteArray());
    m_restoring = false;
    const QString model = value(QStringLiteral("model")).toString();
    const QString gpu = value(QStringLiteral("gpu")).toString();
    if (m_ready) {
        if (!model.isEmpty())
            selectModel(model);
        if (!gpu.isEmpty())
            selectGpu(gpu);
        scheduleRecompute();
    } else {
        m_pendingModel = model;
        m_pendingGpu = gpu;
    }
}

} // namespace ModelAtlas::Gui
