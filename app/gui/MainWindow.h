#pragma once

#include <QMainWindow>

QT_BEGIN_NAMESPACE
class QLabel;
class QListWidget;
class QProgressBar;
class QSplitter;
class QStackedWidget;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

class AdvisorService;
class CatalogPage;
class ComparePage;
class RecommendPage;
class PlannerPage;
class PlaygroundPage;
class CatalogService;
class LicensesPage;
struct CatalogInfo;

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    struct Options
    {
        QString databasePath;  // empty: CatalogDatabase::defaultPath()
        QString catalogDir;    // empty: the catalog compiled into the app
        bool persistState = true; // read and write window state in QSettings
    };

    explicit MainWindow(const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    CatalogService *catalogService() const { return m_service; }
    CatalogPage *catalogPage() const { return m_catalogPage; }
    LicensesPage *licensesPage() const { return m_licensesPage; }
    PlannerPage *plannerPage() const { return m_plannerPage; }
    ComparePage *comparePage() const { return m_comparePage; }
    RecommendPage *recommendPage() const { return m_recommendPage; }
    PlaygroundPage *playgroundPage() const { return m_playgroundPage; }
    // Shows one of the pages (as if picked in the navigation list).
    void showPage(QWidget *page);
    // Models in the database, as the status bar shows it (0 until it is open).
    int modelCount() const { return m_modelCount; }
    bool isBusy() const;

    void saveSettings() const;
    void restoreSettings();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void onCatalogStarted();
    void onCatalogFinished(const CatalogInfo &info);
    void onCatalogError(const QString &message);
    void showAbout();
    void showSettings();
    void showTour();
    void defaultPlannerToThisComputer();

    Options m_options;
    CatalogService *m_service = nullptr;
    QSplitter *m_splitter = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    CatalogPage *m_catalogPage = nullptr;
    LicensesPage *m_licensesPage = nullptr;
    PlannerPage *m_plannerPage = nullptr;
    AdvisorService *m_advisor = nullptr;   // shared by Compare and Recommend
    ComparePage *m_comparePage = nullptr;
    RecommendPage *m_recommendPage = nullptr;
    bool m_plannerDefaulted = false;   // the detected hardware was offered to the Planner once
    PlaygroundPage *m_playgroundPage = nullptr;
    QLabel *m_statusMessage = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_modelCountLabel = nullptr;
    QLabel *m_versionLabel = nullptr;
    int m_modelCount = 0;
};

} // namespace ModelAtlas::Gui
