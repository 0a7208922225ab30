#pragma once

#include "AdvisorService.h"
#include "recommend/Recommender.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTextBrowser;
class QTimer;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

class CatalogService;
class HardwarePicker;
struct CatalogInfo;

// The selection wizard: use case, hardware, license profile, latency or
// budget and traffic in; a ranked shortlist out, each rank with its reasons
// (seed recommendations, benchmarks weighed, fit, license verdict, cost),
// why the runner-up lost, the models a constraint removed, and the way on
// to the Planner, the Licenses page or the Playground.
class RecommendPage final : public QWidget
{
    Q_OBJECT

public:
    RecommendPage(CatalogService *catalog, AdvisorService *advisor, QWidget *parent = nullptr);
    ~RecommendPage() override;

    bool isReady() const { return m_ready; }
    // The request the form describes.
    Recommend::Request request() const;
    // Runs the ranking now (the form otherwise waits for its debounce).
    void recommendNow();

    QComboBox *useCaseCombo() const { return m_useCase; }
    QLineEdit *languagesEdit() const { return m_languages; }
    HardwarePicker *hardwarePicker() const { return m_hardware; }
    QCheckBox *permissiveOnlyCheck() const { return m_permissiveOnly; }
    QCheckBox *commercialCheck() const { return m_commercial; }
    QCheckBox *euCheck() const { return m_eu; }
    QComboBox *contextCombo() const { return m_context; }
    QDoubleSpinBox *minSpeedSpin() const { return m_minSpeed; }
    QDoubleSpinBox *budgetSpin() const { return m_budget; }
    QSpinBox *requestsSpin() const { return m_requests; }
    QTableWidget *shortlistTable() const { return m_shortlist; }
    QTextBrowser *reasonsView() const { return m_reasons; }
    QListWidget *excludedList() const { return m_excluded; }
    QString messageText() const;
    const Recommend::Recommendation &result() const { return m_result; }
    QString selectedModelId() const;

signals:
    void ready();
    void recommendationShown(int count);
    void openPlanRequested(const QString &modelId);
    void openLicenseRequested(const QString &modelId);
    // Another page (the Playground) runs the models side by side; MainWindow connects it.
    void openPlaygroundRequested(const QStringList &modelIds);

private:
    QWidget *buildForm();
    void onCatalogFinished(const CatalogInfo &info);
    void onLoaded(const AdvisorCatalog &catalog);
    void onRecommended(const Recommend::Recommendation &result);
    void onFailed(const QString &message);
    void scheduleRecommend();
    void showDetails();
    void showMessage(const QString &text);

    CatalogService *m_catalog;
    AdvisorService *m_advisor;
    bool m_ready = false;
    Recommend::Recommendation m_result;

    QComboBox *m_useCase = nullptr;
    QLineEdit *m_languages = nullptr;
    HardwarePicker *m_hardware = nullptr;
    QCheckBox *m_allowOffload = nullptr;
    QCheckBox *m_permissiveOnly = nullptr;
    QCheckBox *m_commercial = nullptr;
    QComboBox *m_use = nullptr;
    QDoubleSpinBox *m_mau = nullptr;
    QCheckBox *m_eu = nullptr;
    QComboBox *m_context = nullptr;
    QDoubleSpinBox *m_minSpeed = nullptr;
    QDoubleSpinBox *m_budget = nullptr;
    QSpinBox *m_requests = nullptr;
    QSpinBox *m_inTokens = nullptr;
    QSpinBox *m_outTokens = nullptr;
    QLabel *m_message = nullptr;
    QTableWidget *m_shortlist = nullptr;
    QTextBrowser *m_reasons = nullptr;
    QListWidget *m_excluded = nullptr;
    QPushButton *m_openPlan = nullptr;
    QPushButton *m_openLicense = nullptr;
    QPushButton *m_openPlayground = nullptr;
    QTimer *m_debounce = nullptr;
};

} // namespace ModelAtlas::Gui
