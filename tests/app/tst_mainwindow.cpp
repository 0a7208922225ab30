// The main window: first start on an empty database, import failures.

#include "AppTestSupport.h"
#include "CatalogPage.h"
#include "CatalogService.h"
#include "MainWindow.h"

#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogImporter.h"
#include "catalog/CatalogQuery.h"

#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelAtlas;
using ModelAtlas::Catalog::CatalogDatabase;
using ModelAtlas::Gui::MainWindow;

namespace {
constexpr int importTimeoutMs = 60000;

int builtinModelCount(const QString &dir)
{
    CatalogDatabase db(dir + QStringLiteral("/reference.sqlite"));
    if (!db.open() || !Catalog::importCatalog(db, Catalog::builtinCatalogDir()))
        return -1;
    return Catalog::CatalogQuery(db.db()).modelCount();
}
} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void firstStartImportsWithoutBlocking();
    void importErrorShowsDialogAndKeepsDatabase();
    void unreadableDatabaseShowsDialog();
    void windowStateIsSavedAndRestored();
    void everyPageHasItsOwnIcon();

private:
    QTemporaryDir m_dir;
    int m_builtinModels = 0;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ModelAtlasTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QVERIFY(m_dir.isValid());
    m_builtinModels = builtinModelCount(m_dir.path());
    QVERIFY(m_builtinModels > 0);
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::firstStartImportsWithoutBlocking()
{
    const QString dbPath = m_dir.filePath(QStringLiteral("first-start/catalog.sqlite"));
    QVERIFY(!QFile::exists(dbPath));

    MainWindow window({dbPath, {}, false});
    window.show();
    // The constructor returned before the import finished: results only
    // arrive through the event loop, which has not run yet.
    QVERIFY(window.isBusy());
    QCOMPARE(window.modelCount(), 0);
    QVERIFY(window.findChild<QProgressBar *>(QStringLiteral("busyIndicator"))->isVisible());

    QTRY_VERIFY_WITH_TIMEOUT(window.modelCount() > 0, importTimeoutMs);
    QCOMPARE(window.modelCount(), m_builtinModels);
    QVERIFY(!window.isBusy());
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("modelCount"))->text().contains(QString::number(m_builtinModels)));
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("catalogVersion"))->text().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(window.catalogPage()->proxyModel()->rowCount(), m_builtinModels, importTimeoutMs);
    QVERIFY(QFile::exists(dbPath));
    QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("catalogErrorDialog")));
}

void TestMainWindow::importErrorShowsDialogAndKeepsDatabase()
{
    // A database holding the built-in catalog, then a newer catalog with a broken file.
    const QString dbPath = m_dir.filePath(QStringLiteral("broken-update/catalog.sqlite"));
    {
        CatalogDatabase db(dbPath);
        QVERIFY(db.open());
        QVERIFY(Catalog::importCatalog(db, Catalog::builtinCatalogDir()));
    }
    const QString catalogDir = m_dir.filePath(QStringLiteral("broken-catalog"));
    QVERIFY(Test::copyBuiltinCatalog(catalogDir));
    QFile manifest(catalogDir + QStringLiteral("/manifest.json"));
    QVERIFY(manifest.open(QIODevice::ReadWrite));
    QString text = QString::fromUtf8(manifest.readAll());
    manifest.close();
    static const QRegularExpression version(QStringLiteral("\"catalog_version\"\\s*:\\s*\"[^\"]*\""));
    QVERIFY(text.contains(version));
    text.replace(version, QStringLiteral("\"catalog_version\": \"9999.1.1\""));
    QVERIFY(Test::writeCatalogFile(catalogDir, QStringLiteral("manifest.json"), text.toUtf8()));
    QVERIFY(Test::writeCatalogFile(catalogDir, QStringLiteral("models/meta.json"), "{ \"models\": [ { not json"));

    MainWindow window({dbPath, catalogDir, false});
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QMessageBox *>(QStringLiteral("catalogErrorDialog")), importTimeoutMs);
    auto *dialog = window.findChild<QMessageBox *>(QStringLiteral("catalogErrorDialog"));
    QVERIFY2(dialog->informativeText().contains(QStringLiteral("meta.json")), qPrintable(dialog->informativeText()));
    QVERIFY(!dialog->isModal() || dialog->windowModality() == Qt::WindowModal);

    // Still usable, with the models the database already had.
    QCOMPARE(window.modelCount(), m_builtinModels);
    QTRY_COMPARE_WITH_TIMEOUT(window.catalogPage()->proxyModel()->rowCount(), m_builtinModels, importTimeoutMs);
    dialog->accept();
}

void TestMainWindow::unreadableDatabaseShowsDialog()
{
    const QString dbPath = m_dir.filePath(QStringLiteral("not-a-database.sqlite"));
    QVERIFY(Test::writeCatalogFile(m_dir.path(), QStringLiteral("not-a-database.sqlite"),
                                   QByteArray("this is not SQLite, just text long enough to have a header").repeated(40)));
    MainWindow window({dbPath, {}, false});
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QMessageBox *>(QStringLiteral("catalogErrorDialog")), importTimeoutMs);
    QVERIFY(!window.isBusy());
    QCOMPARE(window.modelCount(), 0);
    QCOMPARE(window.catalogPage()->proxyModel()->rowCount(), 0);
}

void TestMainWindow::windowStateIsSavedAndRestored()
{
    const QString dbPath = m_dir.filePath(QStringLiteral("state/catalog.sqlite"));
    QList<int> sizes;
    {
        MainWindow window({dbPath, {}, true});
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *splitter = window.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        splitter->setSizes({150, 850});
        sizes = splitter->sizes();
        window.close(); // saves
    }
    MainWindow restored({dbPath, {}, true});
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes(), sizes);
    QCOMPARE(restored.size(), QSize(1000, 700));
}

// The navigation's icons come from the embedded SVGs: each renders (the SVG
// image plugin is present) and no two pages share a picture.
void TestMainWindow::everyPageHasItsOwnIcon()
{
    MainWindow window({m_dir.filePath(QStringLiteral("icons/catalog.sqlite")), {}, false});
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), 6);
    QList<QImage> pictures;
    for (int i = 0; i < navigation->count(); ++i) {
        const QListWidgetItem *item = navigation->item(i);
        const QImage picture = item->icon().pixmap(QSize(24, 24)).toImage();
        QVERIFY2(!picture.isNull(), qPrintable(item->text()));
        int opaque = 0;
        for (int y = 0; y < picture.height(); ++y)
            for (int x = 0; x < picture.width(); ++x)
                opaque += qAlpha(picture.pixel(x, y)) > 0;
        QVERIFY2(opaque > 24 * 24 / 4, qPrintable(item->text() + QStringLiteral(": an almost empty icon")));
        QVERIFY2(!pictures.contains(picture), qPrintable(item->text() + QStringLiteral(": the same icon as another page")));
        pictures.append(picture);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), importTimeoutMs);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
