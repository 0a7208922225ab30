// The Compare page against a database imported from the real catalog; the
// core's compare series and the planner are the oracles.

#include "AdvisorService.h"
#include "AppTestSupport.h"
#include "ComparePage.h"
#include "HardwarePicker.h"

#include "compare/CompareSeries.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QFile>
#include <QListWidget>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QValueAxis>

#include <algorithm>
#include <memory>

using namespace ModelAtlas;
using ModelAtlas::Gui::AdvisorService;
using ModelAtlas::Gui::ComparePage;

namespace {
constexpr int timeoutMs = 30000;
}

class TestComparePage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString error = m_catalog.setUp(QStringLiteral("tst_comparepage"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto facts = Compare::loadFacts(m_catalog.database().db());
        QVERIFY(facts);
        m_facts = std::move(facts).value();
    }

    void init()
    {
        m_advisor = std::make_unique<AdvisorService>();
        m_page = std::make_unique<ComparePage>(m_catalog.service(), m_advisor.get());
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

    // One chart per benchmark group; each bar's stack is (lowest claim, range
    // to the highest), under the full name of its model, the first model on top.
    void chartsMatchTheSeries()
    {
        select({QStringLiteral("deepseek-v3"), QStringLiteral("deepseek-r1"), QStringLiteral("qwen3-235b-a22b")});
        const QStringList ids = m_page->shownModels();
        const auto groups = Compare::benchmarkGroups(m_facts, ids);
        QVERIFY(groups);
        const QList<QChart *> charts = m_page->benchmarkCharts();
        QCOMPARE(charts.size(), groups->size());
        int unscored = 0;   // bars of a model without a score, labelled so
        for (qsizetype g = 0; g < charts.size(); ++g) {
            const auto *series = qobject_cast<QAbstractBarSeries *>(charts[g]->series().first());
            QVERIFY(series);
            QCOMPARE(series->count(), 2);
            const auto *models = qobject_cast<QBarCategoryAxis *>(charts[g]->axes(Qt::Vertical).first());
            QVERIFY(models);
            QCOMPARE(models->count(), int(ids.size()));
            double top = 0;
            for (qsizetype m = 0; m < ids.size(); ++m) {
                const Compare::BarValue &v = groups->at(g).values[m];
                const int bar = int(ids.size() - 1 - m);   // counted from the bottom
                const QString name = m_facts.find(ids[m])->row.name;
                QCOMPARE(models->at(bar), v.known ? name : name + QStringLiteral(" (no score)"));
                unscored += !v.known;
                QCOMPARE(series->barSets()[0]->at(bar), v.known ? v.low : 0.0);
                QCOMPARE(series->barSets()[1]->at(bar), v.known ? v.high - v.low : 0.0);
                top = std::max(top, v.known ? v.high : 0.0);
            }
            // The value axis shows every bar, and a percentage axis stops at 100.
            const auto *y = qobject_cast<QValueAxis *>(charts[g]->axes(Qt::Horizontal).first());
            QVERIFY(y);
            QVERIFY2(y->max() >= top, qPrintable(groups->at(g).benchmarkName));
            if (groups->at(g).unit == QLatin1String("%"))
                QVERIFY2(y->max() <= 100, qPrintable(groups->at(g).benchmarkName));
        }
        QVERIFY2(unscored > 0, "these picks leave some benchmark without a score");
    }

    // The table carries the planner's figures for the chosen hardware.
    void tableShowsPlannerFigures()
    {
        QVERIFY(m_page->hardwarePicker()->selectGpu(QStringLiteral("rtx-4090")));
        select({QStringLiteral("qwen3-8b"), QStringLiteral("llama-3.3-70b")});
        QTableWidget *t = m_page->table();
        QCOMPARE(t->columnCount(), 2);
        const Gui::ModelMetrics small = m_page->metrics().value(QStringLiteral("qwen3-8b"));
        const Gui::ModelMetrics big = m_page->metrics().value(QStringLiteral("llama-3.3-70b"));
        QVERIFY(small.planned && big.planned);
        QCOMPARE(small.verdict, Planner::Verdict::Fits);
        QVERIFY(small.decodeTokS > 0);
        QVERIFY(small.memoryGiB < 24);
        // A 70B model needs more than 24 GiB fully on the GPU at its best quant, or offloads.
        QVERIFY(big.verdict != Planner::Verdict::Fits || big.memoryGiB < 24);
        const int column = int(m_page->shownModels().indexOf(QStringLiteral("qwen3-8b")));
        QCOMPARE(t->horizontalHeaderItem(column)->text(), m_facts.find(QStringLiteral("qwen3-8b"))->row.name);
        bool found = false;
        for (int r = 0; r < t->rowCount(); ++r)
            found = found || t->item(r, column)->text() == small.quant;
        QVERIFY(found);
    }

    void selectionErrorsShowInline_data()
    {
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("one model") << QStringList{QStringLiteral("deepseek-v3")};
        QTest::newRow("nine models") << QStringList{"deepseek-v3", "llama-3.3-70b", "qwen3-8b", "phi-4", "gemma-3-27b",
                                                    "mistral-7b", "qwen3-32b", "deepseek-r1", "qwen3-14b"};
    }
    void selectionErrorsShowInline()
    {
        QFETCH(QStringList, ids);
        m_page->setSelection(ids);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->messageText().contains(QLatin1String("Pick 2 to 8")), timeoutMs);
    }

    // The scatter draws one series per model that has both values; the front is on top.
    void scatterHasParetoFront()
    {
        select({QStringLiteral("deepseek-v3"), QStringLiteral("llama-3.3-70b"), QStringLiteral("qwen3-235b-a22b"),
                QStringLiteral("phi-4")});
        m_page->tabs()->setCurrentIndex(ComparePage::ScatterTab);
        m_page->scatterBenchmarkCombo()->setCurrentIndex(m_page->scatterBenchmarkCombo()->findData(QStringLiteral("mmlu")));
        m_page->scatterAxisCombo()->setCurrentIndex(m_page->scatterAxisCombo()->findData(int(Compare::ScatterAxis::ActiveParamsB)));
        int points = 0, onFront = 0;
        for (QAbstractSeries *s : m_page->scatterChart()->series())
            if (auto *scatter = qobject_cast<QScatterSeries *>(s)) {
                ++points;
                onFront += scatter->name().contains(QLatin1String("Pareto")) ? 1 : 0;
            }
        const auto data = Compare::scatterData(m_facts, m_page->selection(), QStringLiteral("mmlu"),
                                               Compare::ScatterAxis::ActiveParamsB);
        QVERIFY(data);
        QCOMPARE(points, int(data->points.size()));
        QCOMPARE(onFront, int(data->front.size()));
        QVERIFY(onFront >= 1);
    }

    void exports_data()
    {
        QTest::addColumn<int>("tab");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("benchmarks PNG") << int(ComparePage::BenchmarksTab) << "bench.png" << QByteArray("\x89PNG");
        QTest::newRow("benchmarks SVG") << int(ComparePage::BenchmarksTab) << "bench.svg" << QByteArray("<?xml");
        QTest::newRow("scatter SVG") << int(ComparePage::ScatterTab) << "scatter.svg" << QByteArray("<?xml");
    }
    void exports()
    {
        QFETCH(int, tab);
        QFETCH(QString, file);
        QFETCH(QByteArray, magic);
        select({QStringLiteral("deepseek-v3"), QStringLiteral("qwen3-235b-a22b")});
        m_page->tabs()->setCurrentIndex(tab);
        const QString path = m_catalog.dirPath(file);
        const Status s = m_page->exportImage(path);
        QVERIFY2(s, qPrintable(s.error()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith(magic));
        if (file.endsWith(QLatin1String(".svg")))
            QVERIFY(bytes.contains("<svg"));
        QVERIFY(!m_page->exportImage(m_catalog.dirPath(QStringLiteral("chart.bmpx"))));
    }

    // CSV: a header with the model names, the table rows, then one row per benchmark.
    void csvExport()
    {
        select({QStringLiteral("deepseek-v3"), QStringLiteral("llama-3.3-70b")});
        const QStringList ids = m_page->shownModels();
        const QString path = m_catalog.dirPath(QStringLiteral("compare.csv"));
        QVERIFY(m_page->exportCsv(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QVERIFY(lines.first().contains(m_facts.find(ids[0])->row.name));
        const auto groups = Compare::benchmarkGroups(m_facts, ids);
        QCOMPARE(lines.size(), 1 + m_page->table()->rowCount() + groups->size());
        const QString mmluLine = lines.filter(QRegularExpression(QStringLiteral("^MMLU,"))).value(0);
        QVERIFY2(mmluLine.contains(QString::number(m_facts.find(ids[0])->scoresFor(QStringLiteral("mmlu")).first().value)),
                 qPrintable(mmluLine));
    }

    void controlsHaveAccessibleNames()
    {
        for (QWidget *w : m_page->findChildren<QWidget *>()) {
            if (qobject_cast<QComboBox *>(w) || qobject_cast<QListWidget *>(w) || qobject_cast<QTableWidget *>(w))
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
    }

private:
    void select(const QStringList &ids)
    {
        m_page->setSelection(ids);
        // The page lists models in catalog order, whatever order they were picked in.
        const auto sorted = [](QStringList l) {
            l.sort();
            return l;
        };
        QTRY_VERIFY_WITH_TIMEOUT(sorted(m_page->shownModels()) == sorted(ids) && m_page->isUpToDate(), timeoutMs);
    }

    Test::ImportedCatalog m_catalog;
    Compare::FactsTable m_facts;
    std::unique_ptr<AdvisorService> m_advisor;
    std::unique_ptr<ComparePage> m_page;
};

QTEST_MAIN(TestComparePage)
#include "tst_comparepage.moc"
