// The polish around the pages: the About box names every version a bug
// report needs, Settings stores and applies the theme and language, and the
// first-run tour walks the pages once and can be skipped.

#include "AboutDialog.h"
#include "Appearance.h"
#include "FirstRunTour.h"
#include "SettingsDialog.h"

#include "modelatlas/engine/version.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cstdlib>

using namespace ModelAtlas::Gui;

class TestAppearance final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ModelAtlasTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_appearance"));
    }
    void init() { QSettings().clear(); }
    void cleanupTestCase()
    {
        applyTheme(Theme::System);
        QSettings().clear();
    }

    void aboutNamesEveryVersion()
    {
        AboutDialog about(QStringLiteral("2026.11.23"), QStringLiteral("/tmp/catalog.sqlite"));
        const QString text = about.versionText();
        QVERIFY(text.contains(QStringLiteral(MODELATLAS_VERSION)));
        QVERIFY(text.contains(QLatin1String("2026.11.23")));
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(QString::fromStdString(modelatlas::engine::backendName())));
        QVERIFY(text.contains(QString::fromLatin1(modelatlas::engine::engineVersion())));
        QVERIFY(text.contains(QLatin1String("CPU kernels")));
    }

    // An unchecked box shows its outline in both forced themes: in the dark
    // one, Fusion's own outline was as dark as the box and vanished.
    void uncheckedBoxesAreVisible_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("dark") << "dark";
        QTest::newRow("light") << "light";
    }

    void uncheckedBoxesAreVisible()
    {
        QFETCH(QString, theme);
        applyTheme(themeById(theme));
        QListWidget list;
        auto *item = new QListWidgetItem(QString(), &list);   // no text: only the box is drawn
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        QCheckBox box;
        for (QWidget *w : std::initializer_list<QWidget *>{&list, &box}) {
            w->resize(200, 60);
            const QImage picture = w->grab().toImage();
            const QRect indicator = w == &list ? list.visualItemRect(item).adjusted(0, 0, -150, 0)
                                               : QRect(0, 0, 30, picture.height());
            const int base = w->palette().color(w == &list ? QPalette::Base : QPalette::Window).lightness();
            int contrast = 0;   // the indicator's strongest difference from its background
            for (int y = indicator.top(); y <= indicator.bottom(); ++y)
                for (int x = indicator.left(); x <= indicator.right(); ++x)
                    contrast = std::max(contrast, std::abs(QColor(picture.pixel(x, y)).lightness() - base));
            QVERIFY2(contrast >= 40, qPrintable(QStringLiteral("%1: %2").arg(w->metaObject()->className()).arg(contrast)));
        }
        applyTheme(Theme::System);
    }

    void settingsStoreAndApply_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::addColumn<QString>("language");
        QTest::newRow("dark, Russian") << "dark" << "ru";
        QTest::newRow("light, Chinese") << "light" << "zh_CN";
        QTest::newRow("system, system language") << "system" << "";
    }
    void settingsStoreAndApply()
    {
        QFETCH(QString, theme);
        QFETCH(QString, language);
        SettingsDialog dialog;
        dialog.themeCombo()->setCurrentIndex(dialog.themeCombo()->findData(theme));
        dialog.languageCombo()->setCurrentIndex(dialog.languageCombo()->findData(language));
        // A language change says it waits for a restart.
        auto *note = dialog.findChild<QLabel *>(QStringLiteral("restartNote"));
        QVERIFY(note);
        QCOMPARE(!note->isHidden(), !language.isEmpty());
        dialog.apply();
        const QSettings settings;
        QCOMPARE(themeId(savedTheme(settings)), theme);
        QCOMPARE(savedLanguage(settings), language);
        const QPalette p = QApplication::palette();
        const bool dark = p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
        QCOMPARE(dark, isDark(themeById(theme)));
    }

    void unknownSettingsFallBack()
    {
        QSettings settings;
        settings.setValue(QStringLiteral("appearance/theme"), QStringLiteral("purple"));
        settings.setValue(QStringLiteral("appearance/language"), QStringLiteral("xx"));
        QCOMPARE(savedTheme(settings), Theme::System);
        QCOMPARE(savedLanguage(settings), QString());
    }

    void tourWalksAndIsShownOnce()
    {
        QVERIFY(!FirstRunTour::alreadyShown(QSettings()));
        FirstRunTour tour({{QStringLiteral("Catalog"), QStringLiteral("a")}, {QStringLiteral("Planner"), QStringLiteral("b")},
                           {QStringLiteral("Compare"), QStringLiteral("c")}});
        QSignalSpy steps(&tour, &FirstRunTour::stepShown);
        tour.open();
        tour.next();
        tour.next();
        QCOMPARE(tour.currentStep(), 2);
        tour.back();
        QCOMPARE(tour.currentStep(), 1);
        QCOMPARE(steps.size(), 3);
        QCOMPARE(steps.last().first().toInt(), 1);
        tour.findChild<QPushButton *>(QStringLiteral("tourSkip"))->click();
        QVERIFY(!tour.isVisible());
        QVERIFY(FirstRunTour::alreadyShown(QSettings()));
    }
};

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"
