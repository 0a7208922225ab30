#pragma once

#include "AdvisorService.h"
#include "compare/CompareSeries.h"
#include "util/Result.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTimer;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

class CatalogService;
class HardwarePicker;
struct CatalogInfo;

// Compare 2-8 models: one bar chart per benchmark (conflicting sources as
// ranges, setups and sources in the tooltips), a side-by-side table of
// specs, license tier and what the planner predicts on the chosen hardware,
// and quality-vs-cost scatter views with the Pareto front. Charts export as
// PNG or SVG, the data as CSV.
class ComparePage final : public QWidget
{
    Q_OBJECT

public:
    enum Tab { BenchmarksTab, TableTab, ScatterTab };

    ComparePage(CatalogService *catalog, AdvisorService *advisor, QWidget *parent = nullptr);
    ~ComparePage() override;

    bool isReady() const { return m_ready; }
    QStringList selection() const;
    void setSelection(const QStringList &modelIds);

    HardwarePicker *hardwarePicker() const { return m_hardware; }
    QTabWidget *tabs() const { return m_tabs; }
    QListWidget *modelList() const { return m_models; }
    QComboBox *scatterBenchmarkCombo() const { return m_scatterBenchmark; }
    QComboBox *scatterAxisCombo() const { return m_scatterAxis; }
    QList<QChart *> benchmarkCharts() const;
    QChart *scatterChart() const;
    QTableWidget *table() const { return m_table; }
    QString messageText() const;
    const MetricsTable &metrics() const { return m_metrics; }
    // The selection the charts and table show, and whether the planner's
    // figures for it (on the current hardware) have arrived.
    QStringList shownModels() const { return m_shown; }
    bool isUpToDate() const;

    // The current tab's chart(s) as PNG or SVG (by extension), and every
    // figure of the table and the benchmark charts as CSV.
    Status exportImage(const QString &path);
    Status exportCsv(const QString &path) const;
    // The CSV text exportCsv() writes.
    QString csvText() const;

signals:
    void ready();
    // The charts and table show the current selection on the current
    // hardware (after the planner's figures arrived).
    void updated();

private:
    void onCatalogFinished(const CatalogInfo &info);
    void onLoaded(const AdvisorCatalog &catalog);
    void onMetrics(const MetricsTable &metrics);
    void fillModelList();
    void filterModels(const QString &text);
    void scheduleUpdate();
    void update();
    void rebuildBenchmarkCharts();
    void rebuildTable();
    void rebuildScatter();
    void showMessage(const QString &text);
    void chooseImageFile();
    void chooseCsvFile();

    CatalogService *m_catalog;
    AdvisorService *m_advisor;
    bool m_ready = false;
    QStringList m_shown;          // the selection the charts show
    MetricsTable m_metrics;
    bool m_metricsPending = false;
    QList<Compare::BenchmarkGroup> m_groups;

    QLineEdit *m_filter = nullptr;
    QListWidget *m_models = nullptr;
    QLabel *m_count = nullptr;
    HardwarePicker *m_hardware = nullptr;
    QLabel *m_message = nullptr;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_chartsPanel = nullptr;
    QGridLayout *m_chartsGrid = nullptr;
    QList<QChartView *> m_chartViews;
    QTableWidget *m_table = nullptr;
    QComboBox *m_scatterBenchmark = nullptr;
    QComboBox *m_scatterAxis = nullptr;
    QChartView *m_scatterView = nullptr;
    QLabel *m_scatterMissing = nullptr;
    QPushButton *m_exportImage = nullptr;
    QPushButton *m_exportCsv = nullptr;
    QTimer *m_debounce = nullptr;
};

} // namespace ModelAtlas::Gui
