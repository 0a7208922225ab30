#pragma once

#include "license/DeploymentProfile.h"
#include "license/LicenseEvaluator.h"
#include "util/Result.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTableWidget;
class QTextBrowser;
class QTimer;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

class CatalogService;
class LicensesService;
struct CatalogInfo;

// Every catalog model's verdict for one deployment profile, as a traffic light.
class LicenseVerdictModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ModelColumn, LicenseColumn, VerdictColumn, DecidingClauseColumn, ObligationsColumn, NB_COLUMNS };
    enum Role { ModelIdRole = Qt::UserRole + 1, VerdictRole /* int(License::Verdict) */, SortRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setVerdicts(QList<License::ModelVerdict> verdicts);
    const QList<License::ModelVerdict> &verdicts() const { return m_verdicts; }
    const License::ModelVerdict *verdict(const QString &modelId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QColor verdictColour(License::Verdict v);

private:
    QList<License::ModelVerdict> m_verdicts;
};

// License risk: a deployment profile form, the whole catalog's verdicts for
// it, the clauses behind the selected model's verdict, obligations of several
// models side by side, and the deployment report export.
class LicensesPage final : public QWidget
{
    Q_OBJECT

public:
    LicensesPage(CatalogService *catalog, const QString &databasePath, QWidget *parent = nullptr);
    ~LicensesPage() override;

    // The profile the form describes (validated by the evaluator's rules on use).
    License::DeploymentProfile profile() const;
    void setProfile(const License::DeploymentProfile &profile);

    QTableView *tableView() const { return m_table; }
    LicenseVerdictModel *verdictModel() const { return m_model; }
    QTextBrowser *clauseView() const { return m_clauses; }
    QTableWidget *comparisonTable() const { return m_comparison; }
    QLabel *messageLabel() const { return m_message; }

    QStringList selectedModelIds() const;
    void selectModels(const QStringList &modelIds);

    // Reads a profile file into the form; a malformed file leaves the form as
    // it was and shows the error.
    Status importProfileFile(const QString &path);
    // Writes the selected model's report; the format comes from the extension.
    // Asynchronous: reportExported() or exportFailed() follows.
    void exportReport(const QString &path);

signals:
    void verdictsShown(int count);
    void reportExported(const QString &path);
    void exportFailed(const QString &message);

private:
    void buildForm(QWidget *form);
    void onCatalogReady(const CatalogInfo &info);
    void onReloaded(const QStringList &gpus, const QStringList &profileNames);
    void onVerdicts(const QList<License::ModelVerdict> &verdicts);
    void onProfilesChanged(const QStringList &names);
    void onFailed(const QString &message);
    void scheduleEvaluation();
    void evaluateNow();
    void updateDetails();
    void showMessage(const QString &text, bool error);
    void chooseExportFile();
    void chooseProfileFile();
    void saveNamedProfile();

    CatalogService *m_catalog;
    LicensesService *m_service = nullptr;
    LicenseVerdictModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_clauses = nullptr;
    QTableWidget *m_comparison = nullptr;
    QLabel *m_message = nullptr;
    QTimer *m_evaluateTimer = nullptr;

    QComboBox *m_savedProfiles = nullptr;
    QLineEdit *m_profileName = nullptr;
    QComboBox *m_organisation = nullptr;
    QCheckBox *m_commercial = nullptr;
    QDoubleSpinBox *m_mau = nullptr;      // millions of monthly active users
    QDoubleSpinBox *m_revenue = nullptr;  // millions of USD per year
    QCheckBox *m_eu = nullptr;
    QListWidget *m_uses = nullptr;
    QListWidget *m_domains = nullptr;
    // The report's hardware plan.
    QComboBox *m_quant = nullptr;
    QComboBox *m_gpu = nullptr;
    QSpinBox *m_gpuCount = nullptr;
    QSpinBox *m_context = nullptr;
    QSpinBox *m_users = nullptr;
    QPushButton *m_export = nullptr;

    bool m_loaded = false;         // licenses read: verdicts can be asked for
    bool m_exportPending = false;  // a failure now is the export's
    bool m_settingProfile = false; // setProfile() fills the form: one evaluation, not one per field
};

} // namespace ModelAtlas::Gui
