#include "ComparePage.h"

#include "CatalogService.h"
#include "ChartExport.h"
#include "CompareCharts.h"
#include "HardwarePicker.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace ModelAtlas::Gui {

namespace {

// A first visit shows something: the seeds' three most-discussed flagships.
const QStringList &defaultSelection()
{
    static const QStringList ids = {QStringLiteral("deepseek-v3"), QStringLiteral("qwen3-235b-a22b"),
                                    QStringLiteral("llama-3.3-70b"), QStringLiteral("qwen3-32b")};
    return ids;
}

QString number(double v, int decimals = 1)
{
    return QLocale().toString(v, 'f', decimals);
}

QString fitVerdictLabel(Planner::Verdict v)
{
    switch (v) {
    case Planner::Verdict::Fits: return ComparePage::tr("Fits");
    case Planner::Verdict::FitsWithOffload: return ComparePage::tr("Fits with CPU offload");
    case Planner::Verdict::DoesNotFit: return ComparePage::tr("Does not fit");
    }
    return {};
}

} // namespace

ComparePage::ComparePage(CatalogService *catalog, AdvisorService *advisor, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_advisor(advisor)
{
    setObjectName(QStringLiteral("ComparePage"));

    // Left: what to compare and on which hardware.
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("compareFilter"));
    m_filter->setPlaceholderText(tr("Filter models…"));
    m_filter->setAccessibleName(tr("Filter the model list"));
    m_filter->setClearButtonEnabled(true);
    m_models = new QListWidget;
    m_models->setObjectName(QStringLiteral("compareModels"));
    m_models->setAccessibleName(tr("Models to compare"));
    m_models->setToolTip(tr("Tick 2 to 8 models (Space toggles the current one)"));
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("compareCount"));
    m_hardware = new HardwarePicker(false);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(new QLabel(tr("Models (2 to 8):")));
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_models, 1);
    leftLayout->addWidget(m_count);
    auto *hwLabel = new QLabel(tr("&Hardware for memory, speed and cost:"));
    hwLabel->setBuddy(m_hardware->combo());
    leftLayout->addWidget(hwLabel);
    leftLayout->addWidget(m_hardware);

    // Right: charts, table, scatter.
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("compareMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_message->hide();

    m_chartsPanel = new QWidget;
    m_chartsPanel->setObjectName(QStringLiteral("benchmarkCharts"));
    m_chartsGrid = new QGridLayout(m_chartsPanel);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_chartsPanel);

    m_table = new QTableWidget;
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setAccessibleName(tr("Models side by side"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_scatterBenchmark = new QComboBox;
    m_scatterBenchmark->setObjectName(QStringLiteral("scatterBenchmark"));
    m_scatterBenchmark->setAccessibleName(tr("Quality benchmark (vertical axis)"));
    m_scatterAxis = new QComboBox;
    m_scatterAxis->setObjectName(QStringLiteral("scatterAxis"));
    m_scatterAxis->setAccessibleName(tr("Cost measure (horizontal axis)"));
    m_scatterAxis->addItem(tr("Memory needed (GiB)"), int(Compare::ScatterAxis::MemoryGiB));
    m_scatterAxis->addItem(tr("Active parameters (B)"), int(Compare::ScatterAxis::ActiveParamsB));
    m_scatterAxis->addItem(tr("Self-hosted $ per million tokens"), int(Compare::ScatterAxis::UsdPerMTokens));
    m_scatterView = new QChartView;
    m_scatterView->setObjectName(QStringLiteral("scatterView"));
    m_scatterView->setRenderHint(QPainter::Antialiasing);
    m_scatterView->setAccessibleName(tr("Quality against cost"));
    m_scatterMissing = new QLabel;
    m_scatterMissing->setObjectName(QStringLiteral("scatterMissing"));
    m_scatterMissing->setWordWrap(true);
    auto *scatterPanel = new QWidget;
    auto *scatterLayout = new QVBoxLayout(scatterPanel);
    auto *scatterForm = new QHBoxLayout;
    auto *yLabel = new QLabel(tr("&Quality:"));
    yLabel->setBuddy(m_scatterBenchmark);
    auto *xLabel = new QLabel(tr("&against:"));
    xLabel->setBuddy(m_scatterAxis);
    scatterForm->addWidget(yLabel);
    scatterForm->addWidget(m_scatterBenchmark);
    scatterForm->addWidget(xLabel);
    scatterForm->addWidget(m_scatterAxis);
    scatterForm->addStretch(1);
    scatterLayout->addLayout(scatterForm);
    scatterLayout->addWidget(m_scatterView, 1);
    scatterLayout->addWidget(m_scatterMissing);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("compareTabs"));
    m_tabs->insertTab(BenchmarksTab, scroll, tr("&Benchmarks"));
    m_tabs->insertTab(TableTab, m_table, tr("&Side by side"));
    m_tabs->insertTab(ScatterTab, scatterPanel, tr("Quality vs &cost"));

    m_exportImage = new QPushButton(tr("Export chart…"));
    m_exportImage->setObjectName(QStringLiteral("exportChart"));
    m_exportImage->setToolTip(tr("Save the charts of this tab as PNG or SVG"));
    m_exportCsv = new QPushButton(tr("Export CSV…"));
    m_exportCsv->setObjectName(QStringLiteral("exportCsv"));
    m_exportCsv->setToolTip(tr("Save the table and every benchmark value as CSV"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_exportImage);
    buttons->addWidget(m_exportCsv);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(m_message);
    rightLayout->addWidget(m_tabs, 1);
    rightLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 900});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &ComparePage::update);
    connect(m_filter, &QLineEdit::textChanged, this, &ComparePage::filterModels);
    connect(m_models, &QListWidget::itemChanged, this, &ComparePage::scheduleUpdate);
    connect(m_hardware, &HardwarePicker::changed, this, &ComparePage::scheduleUpdate);
    connect(m_hardware, &HardwarePicker::detectRequested, this, [this] { m_advisor->detectHardware(true); });
    connect(m_scatterBenchmark, &QComboBox::currentIndexChanged, this, &ComparePage::rebuildScatter);
    connect(m_scatterAxis, &QComboBox::currentIndexChanged, this, &ComparePage::rebuildScatter);
    connect(m_exportImage, &QPushButton::clicked, this, &ComparePage::chooseImageFile);
    connect(m_exportCsv, &QPushButton::clicked, this, &ComparePage::chooseCsvFile);
    connect(m_advisor, &AdvisorService::loaded, this, &ComparePage::onLoaded);
    connect(m_advisor, &AdvisorService::metricsReady, this, &ComparePage::onMetrics);
    connect(m_advisor, &AdvisorService::detected, m_hardware, &HardwarePicker::setDetected);
    connect(m_catalog, &CatalogService::finished, this, &ComparePage::onCatalogFinished);
    if (m_advisor->isLoaded())
        onLoaded(m_advisor->catalog());
    else if (m_catalog->isReady())
        onCatalogFinished(m_catalog->info());
}

ComparePage::~ComparePage() = default;

void ComparePage::onCatalogFinished(const CatalogInfo &info)
{
    if (!info.openError.isEmpty()) {
        showMessage(tr("The catalog database could not be opened: %1").arg(info.openError));
        return;
    }
    m_advisor->ensureLoaded(info.databasePath);
}

void ComparePage::onLoaded(const AdvisorCatalog &catalog)
{
    if (!catalog.error.isEmpty()) {
        showMessage(tr("The catalog could not be read: %1").arg(catalog.error));
        return;
    }
    m_hardware->setCatalog(catalog.gpus, catalog.profiles);
    {
        const QSignalBlocker block(m_scatterBenchmark);
        m_scatterBenchmark->clear();
        for (const QString &id : Compare::chartBenchmarks())
            if (const Compare::BenchmarkInfo *b = catalog.facts.benchmark(id))
                m_scatterBenchmark->addItem(b->name, b->id);
    }
    fillModelList();
    m_ready = true;
    m_advisor->detectHardware();
    if (selection().isEmpty())
        setSelection(defaultSelection());
    emit ready();
    scheduleUpdate();
}

void ComparePage::fillModelList()
{
    const QSignalBlocker block(m_models);
    const QStringList checked = selection();
    m_models->clear();
    for (const Compare::ModelFacts &m : m_advisor->catalog().facts.models) {
        auto *item = new QListWidgetItem(m.row.name, m_models);
        item->setData(Qt::UserRole, m.row.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(m.row.id) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(m.scores.isEmpty() ? tr("%1 — no benchmark scores in the catalog").arg(m.row.id) : m.row.id);
    }
}

void ComparePage::filterModels(const QString &text)
{
    for (int i = 0; i < m_models->count(); ++i) {
        QListWidgetItem *item = m_models->item(i);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive)
                        && !item->data(Qt::UserRole).toString().contains(text, Qt::CaseInsensitive));
    }
}

QStringList ComparePage::selection() const
{
    QStringList ids;
    for (int i = 0; i < m_models->count(); ++i)
        if (m_models->item(i)->checkState() == Qt::Checked)
            ids << m_models->item(i)->data(Qt::UserRole).toString();
    return ids;
}

void ComparePage::setSelection(const QStringList &modelIds)
{
    {
        const QSignalBlocker block(m_models);
        for (int i = 0; i < m_models->count(); ++i)
            m_models->item(i)->setCheckState(modelIds.contains(m_models->item(i)->data(Qt::UserRole).toString())
                                                 ? Qt::Checked : Qt::Unchecked);
    }
    scheduleUpdate();
}

void ComparePage::scheduleUpdate()
{
    m_debounce->start();
}

void ComparePage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString ComparePage::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void ComparePage::update()
{
    if (!m_ready)
        return;
    const QStringList ids = selection();
    m_count->setText(tr("%n model(s) picked", nullptr, int(ids.size())));
    const AdvisorCatalog &cat = m_advisor->catalog();
    auto groups = Compare::benchmarkGroups(cat.facts, ids);
    if (!groups) {
        showMessage(groups.error());
        return;
    }
    showMessage({});
    m_shown = ids;
    m_groups = groups.value();
    rebuildBenchmarkCharts();
    // Memory, speed and cost come from the planner, on the worker.
    if (const auto hw = m_hardware->profile()) {
        m_metricsPending = true;
        m_advisor->computeMetrics(ids, *hw);
    } else {
        onMetrics({});
    }
}

bool ComparePage::isUpToDate() const
{
    return m_ready && !m_debounce->isActive() && !m_metricsPending;
}

void ComparePage::onMetrics(const MetricsTable &metrics)
{
    m_metricsPending = false;
    m_metrics = metrics;
    rebuildTable();
    rebuildScatter();
    emit updated();
}

static QStringList namesOf(const Compare::FactsTable &facts, const QStringList &ids)
{
    QStringList names;
    for (const QString &id : ids)
        names << (facts.find(id) ? facts.find(id)->row.name : id);
    return names;
}

void ComparePage::rebuildBenchmarkCharts()
{
    qDeleteAll(m_chartViews);
    m_chartViews.clear();
    const QStringList names = namesOf(m_advisor->catalog().facts, m_shown);
    constexpr int columns = 2;
    for (const Compare::BenchmarkGroup &g : m_groups) {
        auto *view = new QChartView(benchmarkChart(g, names));
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(110 + 28 * int(names.size()));   // title, axis, legend, and a bar per model
        view->setAccessibleName(tr("%1 chart").arg(g.benchmarkName));
        const int i = int(m_chartViews.size());
        m_chartsGrid->addWidget(view, i / columns, i % columns);
        m_chartViews << view;
    }
    if (m_groups.isEmpty()) {
        auto *none = new QChartView;
        none->chart()->setTitle(tr("None of these models has a score on the compared benchmarks"));
        m_chartsGrid->addWidget(none, 0, 0);
        m_chartViews << none;
    }
}

QList<QChart *> ComparePage::benchmarkCharts() const
{
    QList<QChart *> charts;
    for (QChartView *v : m_chartViews)
        charts << v->chart();
    return charts;
}

QChart *ComparePage::scatterChart() const
{
    return m_scatterView->chart();
}

void ComparePage::rebuildTable()
{
    const AdvisorCatalog &cat = m_advisor->catalog();
    const QStringList rows = {tr("Parameters (B)"), tr("Active parameters (B)"), tr("Context (tokens)"),
                              tr("Architecture"), tr("Released"), tr("License"), tr("License tier"),
                              tr("Quantization on this hardware"), tr("Predicted memory (GiB)"), tr("Verdict"),
                              tr("Decode tok/s (1 user)"), tr("Self-hosted $/M tokens"), tr("Cheapest API $/M output")};
    m_table->clear();
    m_table->setRowCount(int(rows.size()));
    m_table->setColumnCount(int(m_shown.size()));
    m_table->setVerticalHeaderLabels(rows);
    m_table->setHorizontalHeaderLabels(namesOf(cat.facts, m_shown));
    const auto opt = [](const std::optional<double> &v, int decimals = 0) {
        return v ? number(*v, decimals) : ComparePage::tr("—");
    };
    for (int c = 0; c < m_shown.size(); ++c) {
        const Compare::ModelFacts *m = cat.facts.find(m_shown[c]);
        const ModelMetrics metrics = m_metrics.value(m_shown[c]);
        std::optional<double> api;
        for (const Cost::ApiPrice &p : cat.apiPrices)
            if (p.modelId == m->row.id) {
                const double perM = p.outputMinPerM.value_or(p.inputMinPerM);
                api = api ? std::min(*api, perM) : perM;
            }
        const QString noPlan = m_metrics.isEmpty() ? tr("no hardware") : tr("no architecture in the catalog");
        const QStringList cells = {
            opt(m->row.paramsTotalB, 1), opt(m->row.paramsActiveB, 1), opt(m->row.contextTokens), m->row.architecture,
            m->row.releaseDate, m->row.licenseName,
            m->row.licenseTier ? QLocale().toString(*m->row.licenseTier) : tr("—"),
            metrics.planned ? metrics.quant : noPlan,
            metrics.planned ? number(metrics.memoryGiB) : tr("—"),
            metrics.planned ? fitVerdictLabel(metrics.verdict) : tr("—"),
            metrics.decodeTokS > 0 ? number(metrics.decodeTokS) : tr("—"),
            metrics.usdPerMTokens ? QLocale().toCurrencyString(*metrics.usdPerMTokens, QStringLiteral("$")) : tr("—"),
            api ? QLocale().toCurrencyString(*api, QStringLiteral("$")) : tr("—")};
        for (int r = 0; r < cells.size(); ++r)
            m_table->setItem(r, c, new QTableWidgetItem(cells[r]));
    }
}

void ComparePage::rebuildScatter()
{
    if (!m_ready || m_shown.isEmpty())
        return;
    const auto axis = Compare::ScatterAxis(m_scatterAxis->currentData().toInt());
    QHash<QString, double> planned;
    for (auto it = m_metrics.cbegin(); it != m_metrics.cend(); ++it) {
        if (axis == Compare::ScatterAxis::MemoryGiB && it->planned)
            planned.insert(it.key(), it->memoryGiB);
        if (axis == Compare::ScatterAxis::UsdPerMTokens && it->usdPerMTokens)
            planned.insert(it.key(), *it->usdPerMTokens);
    }
    const QString bench = m_scatterBenchmark->currentData().toString();
    const auto scatter = Compare::scatterData(m_advisor->catalog().facts, m_shown, bench, axis, planned);
    if (!scatter) {
        m_scatterMissing->setText(scatter.error());
        return;
    }
    std::optional<double> fitLimit;
    const auto hw = m_hardware->profile();
    if (axis == Compare::ScatterAxis::MemoryGiB && hw)
        fitLimit = hw->totalGpus() > 0 ? hw->gpu.memoryGiB * hw->totalGpus() : hw->systemRamGiB;
    QChart *old = m_scatterView->chart();
    m_scatterView->setChart(ModelAtlas::Gui::scatterChart(scatter.value(), m_scatterAxis->currentText(),
                                                          m_scatterBenchmark->currentText(), fitLimit));
    delete old;
    m_scatterMissing->setText(scatter->missing.isEmpty() ? QString()
                                                      : tr("Not drawn: %1").arg(scatter->missing.join(QStringLiteral("; "))));
}

QString ComparePage::csvText() const
{
    const Compare::FactsTable &facts = m_advisor->catalog().facts;
    QList<QStringList> rows;
    rows << (QStringList{tr("Field")} + namesOf(facts, m_shown));
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QStringList row{m_table->verticalHeaderItem(r)->text()};
        for (int c = 0; c < m_table->columnCount(); ++c)
            row << (m_table->item(r, c) ? m_table->item(r, c)->text() : QString());
        rows << row;
    }
    // Benchmarks as numbers a spreadsheet reads (C locale), ranges as "low-high".
    for (const Compare::BenchmarkGroup &g : m_groups) {
        QStringList row{g.benchmarkName};
        for (const Compare::BarValue &v : g.values)
            row << (!v.known ? QString()
                    : v.conflict ? QStringLiteral("%1-%2").arg(v.low).arg(v.high)
                                 : QString::number(v.value));
        rows << row;
    }
    return Compare::toCsv(rows);
}

Status ComparePage::exportCsv(const QString &path) const
{
    return writeTextFile(path, csvText());
}

Status ComparePage::exportImage(const QString &path)
{
    QWidget *what = m_tabs->currentIndex() == BenchmarksTab ? m_chartsPanel
                    : m_tabs->currentIndex() == ScatterTab  ? static_cast<QWidget *>(m_scatterView)
                                                            : static_cast<QWidget *>(m_table);
    return exportWidgetImage(what, path, tr("ModelAtlas comparison"));
}

void ComparePage::chooseImageFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), QStringLiteral("comparison.png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    const Status s = exportImage(path);
    showMessage(s ? QString() : s.error());
}

void ComparePage::chooseCsvFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QStringLiteral("comparison.csv"),
                                                      tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const Status s = exportCsv(path);
    showMessage(s ? QString() : s.error());
}

} // namespace ModelAtlas::Gui
