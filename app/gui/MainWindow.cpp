#include "MainWindow.h"

#include "AboutDialog.h"
#include "AdvisorService.h"
#include "CatalogPage.h"
#include "CatalogService.h"
#include "ComparePage.h"
#include "FirstRunTour.h"
#include "LicensesPage.h"
#include "PlannerPage.h"
#include "PlaygroundPage.h"
#include "RecommendPage.h"
#include "SettingsDialog.h"

#include "catalog/CatalogDatabase.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

namespace ModelAtlas::Gui {

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(QStringLiteral("ModelAtlas"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/modelatlas.svg")));

    const QString databasePath = options.databasePath.isEmpty() ? Catalog::CatalogDatabase::defaultPath()
                                                                : options.databasePath;
    m_service = new CatalogService(databasePath, options.catalogDir, this);

    m_catalogPage = new CatalogPage(m_service);
    m_pages = new QStackedWidget;
    m_pages->addWidget(m_catalogPage);
    m_plannerPage = new PlannerPage(m_service);
    m_pages->addWidget(m_plannerPage);
    m_licensesPage = new LicensesPage(m_service, databasePath);
    m_pages->addWidget(m_licensesPage);
    m_advisor = new AdvisorService(this);
    m_comparePage = new ComparePage(m_service, m_advisor);
    m_pages->addWidget(m_comparePage);
    m_recommendPage = new RecommendPage(m_service, m_advisor);
    m_pages->addWidget(m_recommendPage);
    m_playgroundPage = new PlaygroundPage(databasePath);
    m_pages->addWidget(m_playgroundPage);

    // Only pages that exist are listed; later pages join this list.
    m_navigation = new QListWidget;
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setIconSize(QSize(24, 24));   // one box for every icon, so the names line up
    auto *catalogItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/catalog.svg")), tr("Catalog"));
    catalogItem->setToolTip(tr("Browse, search and filter the model catalog"));
    m_navigation->addItem(catalogItem);
    auto *plannerItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/planner.svg")), tr("Planner"));
    plannerItem->setToolTip(tr("Memory, speed, cost and serving configuration for a model on your hardware"));
    m_navigation->addItem(plannerItem);
    auto *licensesItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/licenses.svg")), tr("Licenses"));
    licensesItem->setToolTip(tr("License verdicts, clauses and obligations for your deployment; deployment reports"));
    m_navigation->addItem(licensesItem);
    auto *compareItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/compare.svg")), tr("Compare"));
    compareItem->setToolTip(tr("Benchmarks, specs, memory, speed and cost of 2 to 8 models side by side"));
    m_navigation->addItem(compareItem);
    auto *recommendItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/recommend.svg")), tr("Recommend"));
    recommendItem->setToolTip(tr("A ranked shortlist for your use case, hardware, license and budget"));
    m_navigation->addItem(recommendItem);
    auto *playgroundItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/playground.svg")), tr("Playground"));
    playgroundItem->setToolTip(tr("Prompt local and remote models side by side and measure what the planner predicted"));
    m_navigation->addItem(playgroundItem);
    m_navigation->setCurrentRow(0);
    // As wide as the longest page name plus its icon: the pages need the room.
    int navWidth = 0;
    for (int i = 0; i < m_navigation->count(); ++i)
        navWidth = qMax(navWidth, fontMetrics().horizontalAdvance(m_navigation->item(i)->text()));
    navWidth += fontMetrics().height() * 3;
    m_navigation->setMinimumWidth(navWidth);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_navigation);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(1, false);
    m_splitter->setSizes({navWidth, navWidth * 8});
    setCentralWidget(m_splitter);

    m_statusMessage = new QLabel;
    m_busy = new QProgressBar;
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setAccessibleName(tr("Opening the catalog"));
    m_busy->setRange(0, 0); // indeterminate: the import reports no progress
    m_busy->setMaximumWidth(fontMetrics().averageCharWidth() * 16);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_modelCountLabel = new QLabel;
    m_modelCountLabel->setObjectName(QStringLiteral("modelCount"));
    m_versionLabel = new QLabel;
    m_versionLabel->setObjectName(QStringLiteral("catalogVersion"));
    statusBar()->addWidget(m_statusMessage, 1);
    statusBar()->addWidget(m_busy);
    statusBar()->addPermanentWidget(m_modelCountLabel);
    statusBar()->addPermanentWidget(m_versionLabel);

    createMenus();

    // The wizard's buttons lead to the pages that go deeper on one model.
    connect(m_recommendPage, &RecommendPage::openPlanRequested, this, [this](const QString &modelId) {
        m_plannerPage->selectModel(modelId);
        showPage(m_plannerPage);
    });
    connect(m_recommendPage, &RecommendPage::openLicenseRequested, this, [this](const QString &modelId) {
        m_licensesPage->selectModels({modelId});
        showPage(m_licensesPage);
    });
    connect(m_recommendPage, &RecommendPage::openPlaygroundRequested, this, [this](const QStringList &modelIds) {
        m_playgroundPage->proposeModels(modelIds);
        showPage(m_playgroundPage);
    });
    // My hardware: the Planner starts on this computer, once both are known.
    connect(m_advisor, &AdvisorService::detected, this, &MainWindow::defaultPlannerToThisComputer);
    connect(m_plannerPage, &PlannerPage::catalogLoaded, this, &MainWindow::defaultPlannerToThisComputer);

    connect(m_service, &CatalogService::started, this, &MainWindow::onCatalogStarted);
    connect(m_service, &CatalogService::finished, this, &MainWindow::onCatalogFinished);
    connect(m_service, &CatalogService::error, this, &MainWindow::onCatalogError);

    // A reasonable first-run size; restoreSettings() replaces it.
    if (const QScreen *screen = QGuiApplication::primaryScreen()) {
        const QSize available = screen->availableSize();
        resize(available.width() * 4 / 5, available.height() * 4 / 5);
    }
    if (m_options.persistState)
        restoreSettings();

    m_service->start();

    // Scripted runs (screenshots, benchmarks, tests) never get the tour.
    if (m_options.persistState && !FirstRunTour::alreadyShown(QSettings()))
        QTimer::singleShot(0, this, &MainWindow::showTour);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Tour of the pages"), this, &MainWindow::showTour);
    QAction *about = help->addAction(tr("&About ModelAtlas"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

bool MainWindow::isBusy() const
{
    return !m_busy->isHidden();
}

void MainWindow::onCatalogStarted()
{
    m_statusMessage->setText(tr("Opening the catalog; a first start imports the built-in catalog…"));
    m_busy->show();
}

void MainWindow::onCatalogFinished(const CatalogInfo &info)
{
    m_busy->hide();
    m_modelCount = info.modelCount;
    m_modelCountLabel->setText(info.modelCount == 1 ? tr("1 model in the catalog")
                                                    : tr("%1 models in the catalog").arg(info.modelCount));
    m_versionLabel->setText(info.catalogVersion.isEmpty() ? tr("no catalog") : tr("catalog %1").arg(info.catalogVersion));
    if (!info.openError.isEmpty())
        m_statusMessage->setText(tr("The database could not be opened."));
    else if (!info.importError.isEmpty())
        m_statusMessage->setText(tr("The catalog import failed; showing the models already in the database."));
    else if (info.imported)
        m_statusMessage->setText(tr("Imported catalog %1.").arg(info.catalogVersion));
    else
        m_statusMessage->clear();
    m_statusMessage->setToolTip(info.databasePath);
    if (info.openError.isEmpty())
        m_playgroundPage->databaseReady();
}

void MainWindow::onCatalogError(const QString &message)
{
    // Window-modal and non-blocking: the app stays usable behind it.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Catalog problem"),
                                tr("ModelAtlas could not load the built-in catalog. It keeps working with "
                                   "whatever the database already holds."),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("catalogErrorDialog"));
    box->setInformativeText(message);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    const CatalogInfo &info = m_service->info();
    auto *about = new AboutDialog(info.catalogVersion, info.databasePath, this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

void MainWindow::defaultPlannerToThisComputer()
{
    // A GPU the user chose in an earlier session wins over detection, and
    // scripted runs (screenshots, tests) must not depend on this machine.
    const bool userChose = QSettings().contains(QStringLiteral("PlannerPage/gpu"));
    const auto &detected = m_advisor->detectedProfile();
    if (!m_options.persistState || m_plannerDefaulted || userChose || !detected || !m_plannerPage->isReady())
        return;
    m_plannerDefaulted = true;
    const Hardware::HardwareProfile &hw = detected->profile;
    const bool selected = hw.gpuCount > 0 ? m_plannerPage->selectGpu(hw.gpu.id) : m_plannerPage->selectGpu(QStringLiteral("cpu"));
    if (!selected)
        return;
    if (hw.gpuCount > 0)
        m_plannerPage->gpuCountEdit()->setText(QString::number(hw.gpuCount));
    if (hw.systemRamGiB > 0)
        m_plannerPage->ramEdit()->setText(QString::number(hw.systemRamGiB, 'f', 0));
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showTour()
{
    // One step per page, in navigation order; the page is shown behind its step.
    QList<FirstRunTour::Step> steps;
    for (int i = 0; i < m_navigation->count(); ++i)
        steps.append({m_navigation->item(i)->text(), m_navigation->item(i)->toolTip()});
    auto *tour = new FirstRunTour(steps, this);
    tour->setAttribute(Qt::WA_DeleteOnClose);
    connect(tour, &FirstRunTour::stepShown, m_navigation, [this](int row) { m_navigation->setCurrentRow(row); });
    m_navigation->setCurrentRow(0);
    tour->open();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.endGroup();
    m_catalogPage->saveState(settings);
    m_plannerPage->saveState(settings);
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("MainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("MainWindow/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("MainWindow/splitter")).toByteArray());
    m_catalogPage->restoreState(settings);
    m_plannerPage->restoreState(settings);
}

void MainWindow::showPage(QWidget *page)
{
    const int index = m_pages->indexOf(page);
    if (index >= 0)
        m_navigation->setCurrentRow(index);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_options.persistState)
        saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace ModelAtlas::Gui
