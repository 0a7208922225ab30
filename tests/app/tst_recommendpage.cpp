// The Recommend page: the form's request reaches core/recommend unchanged
// (the core ranking is the oracle), results show with reasons, nonsense is
// answered inline, and the buttons emit what MainWindow connects.

#include "AdvisorService.h"
#include "AppTestSupport.h"
#include "HardwarePicker.h"
#include "RecommendPage.h"

#include "recommend/RecommendExplain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace ModelAtlas;
using ModelAtlas::Gui::AdvisorService;
using ModelAtlas::Gui::RecommendPage;

namespace {
constexpr int timeoutMs = 60000;
}

class TestRecommendPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString error = m_catalog.setUp(QStringLiteral("tst_recommendpage"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        m_advisor = std::make_unique<AdvisorService>();
        m_page = std::make_unique<RecommendPage>(m_catalog.service(), m_advisor.get());
        m_page->resize(1400, 900);
        m_page->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->isReady(), timeoutMs);
    }

    void cleanup()
    {
        m_page.reset();
        m_advisor.reset();
    }

    void cleanupTestCase() { m_catalog.tearDown(); }

    // Coding on one RTX 4090, Apache/MIT only: the page shows what the core ranks.
    void formReachesTheRanking()
    {
        setUseCase(QStringLiteral("coding"));
        QVERIFY(m_page->hardwarePicker()->selectGpu(QStringLiteral("rtx-4090")));
        m_page->permissiveOnlyCheck()->setChecked(true);
        run();
        const Recommend::Request req = m_page->request();
        QCOMPARE(req.useCase, Recommend::UseCase::Coding);
        QCOMPARE(req.maxLicenseTier, 1);
        QVERIFY(req.hardware && req.hardware->gpu.id == QLatin1String("rtx-4090"));

        const auto &shortlist = m_page->result().shortlist;
        QVERIFY(!shortlist.isEmpty());
        QTableWidget *t = m_page->shortlistTable();
        QCOMPARE(t->rowCount(), int(shortlist.size()));
        QCOMPARE(t->item(0, 1)->text(), shortlist.first().modelName);
        // The reasons of the selected (first) row, and the runner-up's story.
        const QString reasons = m_page->reasonsView()->toPlainText();
        QVERIFY2(reasons.contains(shortlist.first().fit.quant), qPrintable(reasons));
        if (shortlist.size() > 1)
            QVERIFY2(reasons.contains(QLatin1String("Runner-up")), qPrintable(reasons));
        QVERIFY(m_page->excludedList()->count() > 0);
    }

    // A new ranking whose first row is another model replaces the details,
    // though row 0 stays selected and the selection never changes.
    void detailsFollowANewRanking()
    {
        setUseCase(QStringLiteral("coding"));
        QVERIFY(m_page->hardwarePicker()->selectGpu(QStringLiteral("rtx-4090")));
        run();
        QVERIFY(!m_page->result().shortlist.isEmpty());
        const QString first = m_page->result().shortlist.first().modelName;
        QVERIFY2(m_page->reasonsView()->toPlainText().contains(first), qPrintable(first));

        m_page->hardwarePicker()->selectNone();
        setUseCase(QStringLiteral("math-reasoning"));
        run();
        QVERIFY(!m_page->result().shortlist.isEmpty());
        const QString second = m_page->result().shortlist.first().modelName;
        QVERIFY2(second != first, "the two requests must rank different models first");
        const QString details = m_page->reasonsView()->toPlainText();
        QVERIFY2(details.startsWith(QStringLiteral("1. ") + second), qPrintable(details));
    }

    void nonsenseShowsInline()
    {
        m_page->hardwarePicker()->selectNone();
        m_page->minSpeedSpin()->setValue(30);
        run();
        QVERIFY2(m_page->messageText().contains(QLatin1String("needs hardware")), qPrintable(m_page->messageText()));
        QCOMPARE(m_page->shortlistTable()->rowCount(), 0);
    }

    void languagesOnlyForMultilingual()
    {
        setUseCase(QStringLiteral("coding"));
        QTRY_VERIFY(!m_page->languagesEdit()->isEnabled());
        setUseCase(QStringLiteral("multilingual"));
        QTRY_VERIFY(m_page->languagesEdit()->isEnabled());
        m_page->languagesEdit()->setText(QStringLiteral("Japanese, Korean"));
        QCOMPARE(m_page->request().languages, (QStringList{QStringLiteral("Japanese"), QStringLiteral("Korean")}));
    }

    void buttonsEmitTheSelectedModel()
    {
        m_page->hardwarePicker()->selectNone();
        setUseCase(QStringLiteral("math-reasoning"));
        run();
        QVERIFY(m_page->result().shortlist.size() >= 2);
        QSignalSpy plan(m_page.get(), &RecommendPage::openPlanRequested);
        QSignalSpy license(m_page.get(), &RecommendPage::openLicenseRequested);
        QSignalSpy playground(m_page.get(), &RecommendPage::openPlaygroundRequested);
        m_page->findChild<QPushButton *>(QStringLiteral("openPlan"))->click();
        m_page->findChild<QPushButton *>(QStringLiteral("openLicense"))->click();
        m_page->findChild<QPushButton *>(QStringLiteral("openPlayground"))->click();
        const QString top = m_page->result().shortlist.first().modelId;
        QCOMPARE(plan.size(), 1);
        QCOMPARE(plan.first().first().toString(), top);
        QCOMPARE(license.first().first().toString(), top);
        QCOMPARE(playground.first().first().toStringList(),
                 (QStringList{top, m_page->result().shortlist[1].modelId}));
    }

    void controlsHaveAccessibleNames()
    {
        for (QWidget *w : m_page->findChildren<QWidget *>()) {
            const bool input = qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                               || qobject_cast<QLineEdit *>(w) || qobject_cast<QTableWidget *>(w);
            // Line edits inside spin boxes and combo boxes are named through their owner.
            if (input && !qobject_cast<QAbstractSpinBox *>(w->parentWidget()) && !qobject_cast<QComboBox *>(w->parentWidget()))
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
    }

private:
    void setUseCase(const QString &id)
    {
        QComboBox *c = m_page->useCaseCombo();
        c->setCurrentIndex(c->findData(id));
    }

    void run()
    {
        QSignalSpy shown(m_page.get(), &RecommendPage::recommendationShown);
        m_page->recommendNow();
        QTRY_VERIFY_WITH_TIMEOUT(shown.size() > 0, timeoutMs);
    }

    Test::ImportedCatalog m_catalog;
    std::unique_ptr<AdvisorService> m_advisor;
    std::unique_ptr<RecommendPage> m_page;
};

QTEST_MAIN(TestRecommendPage)
#include "tst_recommendpage.moc"
