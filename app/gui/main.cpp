// modelatlas: the desktop app.

#include "Appearance.h"
#include "CatalogPage.h"
#include "MainWindow.h"
#include "PlannerPage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QIcon>
#include <QSettings>
#include <QTableView>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <cstring>

using ModelAtlas::Gui::CatalogPage;
using ModelAtlas::Gui::MainWindow;
using ModelAtlas::Gui::PlannerPage;

namespace {

// Calls `onPainted` once, after the watched widget finished its first paint.
class FirstPaintWatcher final : public QObject
{
public:
    FirstPaintWatcher(QWidget *widget, std::function<void()> onPainted)
        : QObject(widget)
        , m_onPainted(std::move(onPainted))
    {
        widget->installEventFilter(this);
        widget->update();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_fired) {
            m_fired = true;
            watched->removeEventFilter(this);
            // Queued: the paint this event starts has completed when it runs.
            QTimer::singleShot(0, this, m_onPainted);
        }
        return false;
    }

private:
    std::function<void()> m_onPainted;
    bool m_fired = false;
};

} // namespace

int main(int argc, char *argv[])
{
    // Started first: --quit-after-paint reports time from process start.
    QElapsedTimer sinceStart;
    sinceStart.start();

    // Answered before QApplication, so it works without a display.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("modelatlas %s\n", MODELATLAS_VERSION);
            return 0;
        }
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ModelAtlas"));
    QApplication::setApplicationName(QStringLiteral("ModelAtlas"));
    QApplication::setApplicationVersion(QStringLiteral(MODELATLAS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.modelatlas.ModelAtlas"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/modelatlas.svg")));
    {
        // Before any widget exists: widgets take their texts and palette when built.
        const QSettings settings;
        ModelAtlas::Gui::installTranslations(app, ModelAtlas::Gui::savedLanguage(settings));
        ModelAtlas::Gui::applyTheme(ModelAtlas::Gui::savedTheme(settings));
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Choose an open-weight LLM, plan its deployment, verify it on your hardware."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("version"), QStringLiteral("Print the version and exit.")});
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("Use the database at PATH (default: $MODELATLAS_DB or the user data folder)."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Save the main window as a PNG once the catalog is shown, then exit."),
                                              QStringLiteral("FILE"));
    const QCommandLineOption selectOption(QStringLiteral("select"), QStringLiteral("Select the model with this id."),
                                          QStringLiteral("MODEL"));
    const QCommandLineOption quitAfterPaintOption(QStringLiteral("quit-after-paint"),
                                                  QStringLiteral("Exit after the first paint of the catalog and print "
                                                                 "\"painted-catalog-ms N\" (start-up benchmark)."));
    const QCommandLineOption catalogOption(QStringLiteral("catalog"),
                                           QStringLiteral("Import the catalog from the folder DIR (manifest.json and data files) "
                                                          "instead of the one built into the app."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption pageOption(QStringLiteral("page"), QStringLiteral("Start on PAGE: catalog (default) or planner."),
                                        QStringLiteral("PAGE"));
    parser.addOptions({dbOption, catalogOption, screenshotOption, selectOption, quitAfterPaintOption, pageOption});
    parser.process(app);

    const QString screenshotFile = parser.value(screenshotOption);
    const bool quitAfterPaint = parser.isSet(quitAfterPaintOption);
    const bool scripted = !screenshotFile.isEmpty() || quitAfterPaint;

    MainWindow::Options options;
    options.databasePath = parser.value(dbOption);
    options.catalogDir = parser.value(catalogOption);
    // Screenshots and benchmarks must not depend on, or change, the user's window layout.
    options.persistState = !scripted;
    MainWindow window(options);
    if (!screenshotFile.isEmpty())
        window.resize(1440, 900);
    CatalogPage *page = window.catalogPage();
    if (parser.isSet(selectOption))
        page->selectModel(parser.value(selectOption));
    const QString startPage = parser.value(pageOption).toLower();
    const bool plannerFirst = startPage == QLatin1String("planner");
    if (!startPage.isEmpty() && !plannerFirst && startPage != QLatin1String("catalog")) {
        std::fprintf(stderr, "modelatlas: unknown page \"%s\" (catalog, planner)\n", qPrintable(startPage));
        return 2;
    }
    if (plannerFirst)
        window.showPage(window.plannerPage());
    window.show();

    if (quitAfterPaint) {
        QObject::connect(page, &CatalogPage::modelsShown, &window, [page, &sinceStart] {
            new FirstPaintWatcher(page->tableView()->viewport(), [&sinceStart] {
                std::printf("painted-catalog-ms %lld\n", static_cast<long long>(sinceStart.elapsed()));
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        }, Qt::SingleShotConnection);
    }

    if (!screenshotFile.isEmpty()) {
        const auto save = [&window, screenshotFile] {
            // Let the layout settle and the details render before grabbing.
            QTimer::singleShot(200, &window, [&window, screenshotFile] {
                const bool saved = window.grab().save(screenshotFile, "PNG");
                if (!saved)
                    std::fprintf(stderr, "modelatlas: cannot write %s\n", qPrintable(screenshotFile));
                QCoreApplication::exit(saved ? 0 : 1);
            });
        };
        if (plannerFirst) {
            // The plan is shown first; the fit matrix (computed on the worker) completes the page.
            QObject::connect(window.plannerPage(), &PlannerPage::fitMatrixShown, &window, save, Qt::SingleShotConnection);
        } else {
            QObject::connect(page, &CatalogPage::detailsShown, &window, save, Qt::SingleShotConnection);
            QObject::connect(page, &CatalogPage::modelsShown, &window, [save](int count) {
                if (count == 0)
                    save();
            });
        }
        // Never hang a script: give up when the catalog does not come up.
        QTimer::singleShot(120000, &window, [] {
            std::fprintf(stderr, "modelatlas: the catalog was not shown within 120 s\n");
            QCoreApplication::exit(2);
        });
    }

    return QApplication::exec();
}
