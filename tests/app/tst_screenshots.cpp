// Every page of the main window rendered offscreen in every language and
// both themes, saved as PNGs under the build folder for review (never
// committed). The test also proves the translations are embedded: a
// translated window's navigation differs from the English one.

#include "Appearance.h"
#include "CatalogPage.h"
#include "ComparePage.h"
#include "LicensesPage.h"
#include "MainWindow.h"
#include "RecommendPage.h"

#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogImporter.h"
#include "license/LicenseEvaluator.h"

#include <QApplication>
#include <QDir>
#include <QFontDatabase>
#include <QImage>
#include <QListWidget>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>

using namespace ModelAtlas;
using ModelAtlas::Gui::MainWindow;

namespace {
constexpr int timeoutMs = 120000;
}

class TestScreenshots final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ModelAtlasTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_screenshots"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_dbPath = m_dir.filePath(QStringLiteral("catalog.sqlite"));
        Catalog::CatalogDatabase db(m_dbPath);
        QVERIFY(db.open());
        QVERIFY(Catalog::importCatalog(db, Catalog::builtinCatalogDir()));
        m_out = QStringLiteral(MODELATLAS_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(m_out));
    }

    void pages_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("theme");
        for (const char *lang : {"en", "ru", "zh_CN"})
            for (const char *theme : {"light", "dark"})
                QTest::addRow("%s, %s", lang, theme) << QString::fromLatin1(lang) << QString::fromLatin1(theme);
    }

    void pages()
    {
        QFETCH(QString, language);
        QFETCH(QString, theme);
        QTranslator translator;
        if (language != QLatin1String("en")) {
            QVERIFY2(translator.load(QStringLiteral(":/i18n/modelatlas_%1.qm").arg(language)),
                     "the translation must be embedded in the app");
            QVERIFY(QApplication::installTranslator(&translator));
        }
        QLocale::setDefault(QLocale(language));
        Gui::applyTheme(Gui::themeById(theme));
        // A screenshot in a script no installed font covers is a row of boxes
        // (scripts/setup-debian.sh installs a CJK font for this).
        if (language == QLatin1String("zh_CN"))
            QVERIFY2(!QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty(), "no font covers Simplified Chinese");
        if (language == QLatin1String("ru"))
            QVERIFY2(!QFontDatabase::families(QFontDatabase::Cyrillic).isEmpty(), "no font covers Cyrillic");

        {
            MainWindow window({m_dbPath, {}, false});
            window.resize(1440, 900);
            window.show();
            QTRY_VERIFY_WITH_TIMEOUT(window.modelCount() > 0, timeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(window.comparePage()->isReady() && window.recommendPage()->isReady(), timeoutMs);
            // The Recommend page ranks once after loading; wait for it, and for Compare's charts.
            QTRY_VERIFY_WITH_TIMEOUT(window.recommendPage()->shortlistTable()->rowCount() > 0, timeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(!window.comparePage()->benchmarkCharts().isEmpty(), timeoutMs);

            auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
            QVERIFY(nav);
            QStringList names;
            for (int i = 0; i < nav->count(); ++i) {
                nav->setCurrentRow(i);
                QTest::qWait(300);   // let charts lay out
                const QString file = QStringLiteral("%1/%2-%3-%4.png").arg(m_out).arg(i).arg(language, theme);
                const QImage shot = window.grab().toImage();
                QVERIFY(!shot.isNull());
                QVERIFY2(shot.save(file, "PNG"), qPrintable(file));
                names << nav->item(i)->text();
                QVERIFY2(!nav->item(i)->icon().pixmap(32).isNull(), qPrintable(nav->item(i)->text()));
            }
            // No page, in no language, needs more width than a 1366-pixel laptop
            // screen, or grows the window past the size it was given.
            QVERIFY2(window.minimumSizeHint().width() <= 1366, qPrintable(QString::number(window.minimumSizeHint().width())));
            QCOMPARE(window.width(), 1440);
            // The catalog's column titles and the Licenses page's verdicts are in the window's language.
            const QString modelColumn = window.catalogPage()->proxyModel()->headerData(0, Qt::Horizontal).toString();
            QCOMPARE(modelColumn == QLatin1String("Model"), language == QLatin1String("en"));
            const QAbstractItemModel *verdicts = window.findChild<Gui::LicensesPage *>()->verdictModel();
            QVERIFY(verdicts->rowCount() > 0);
            const QString verdict = verdicts->index(0, Gui::LicenseVerdictModel::VerdictColumn).data().toString();
            const auto shown = License::Verdict(
                verdicts->index(0, 0).data(Gui::LicenseVerdictModel::VerdictRole).toInt());
            QCOMPARE(verdict == License::verdictLabel(shown), language == QLatin1String("en"));
            if (language == QLatin1String("en"))
                m_englishNames = names;
            else if (!m_englishNames.isEmpty())
                QVERIFY2(names != m_englishNames, qPrintable(names.join(QLatin1Char(','))));
            // Dark means dark: the window background is darker than its text.
            const QPalette p = window.palette();
            QCOMPARE(p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness(), theme == QLatin1String("dark"));
        }
        QApplication::removeTranslator(&translator);
        QLocale::setDefault(QLocale::c());
    }

    void cleanupTestCase()
    {
        Gui::applyTheme(Gui::Theme::System);
        QSettings().clear();
    }

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    QString m_out;
    QStringList m_englishNames;
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
