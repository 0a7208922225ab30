// Compare: facts loaded from the real catalog, grouped benchmark series with
// conflicts as ranges, scatter points, the Pareto front and CSV quoting.

#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "compare/CompareSeries.h"
#include "compare/ModelFacts.h"
#include "compare/Pareto.h"

#include <QSqlQuery>
#include <QTest>

using namespace ModelAtlas;
using namespace ModelAtlas::Compare;

Q_DECLARE_METATYPE(QList<ModelAtlas::Compare::ScatterPoint>)

class TestCompare final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_db = Test::openDatabase(m_dir);
        QVERIFY(m_db);
        const auto imported = Catalog::importCatalog(*m_db, Test::sourceDataDir());
        QVERIFY2(imported, qPrintable(imported.error()));
        auto facts = loadFacts(m_db->db());
        QVERIFY2(facts, qPrintable(facts.error()));
        m_facts = std::move(facts).value();
    }

    // Every score row of a catalog model is loaded, none invented.
    void factsHoldEveryScore()
    {
        qsizetype loaded = 0;
        for (const ModelFacts &m : m_facts.models)
            loaded += m.scores.size();
        QCOMPARE(loaded, Test::scalar(m_db->db(), QStringLiteral("SELECT COUNT(*) FROM scores WHERE model_id IS NOT NULL")).toLongLong());
        QCOMPARE(m_facts.models.size(), Test::scalar(m_db->db(), QStringLiteral("SELECT COUNT(*) FROM models")).toLongLong());
        const ModelFacts *qwen = m_facts.find(QStringLiteral("qwen3-235b-a22b"));
        QVERIFY(qwen);
        QVERIFY(qwen->languages);
        QCOMPARE(*qwen->languages, 119.0);   // seed 001: "119 languages supported" (the preferred claim)
    }

    void selection_data()
    {
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<QString>("error");   // substring; empty: valid
        QTest::newRow("two models") << QStringList{"deepseek-v3", "llama-3.3-70b"} << "";
        QTest::newRow("eight models") << QStringList{"deepseek-v3", "llama-3.3-70b", "qwen3-8b", "phi-4", "gemma-3-27b",
                                                     "mistral-7b", "qwen3-32b", "deepseek-r1"} << "";
        QTest::newRow("one model is not a comparison") << QStringList{"deepseek-v3"} << "Pick 2 to 8";
        QTest::newRow("nine models") << QStringList{"deepseek-v3", "llama-3.3-70b", "qwen3-8b", "phi-4", "gemma-3-27b",
                                                    "mistral-7b", "qwen3-32b", "deepseek-r1", "qwen3-14b"} << "Pick 2 to 8";
        QTest::newRow("unknown id") << QStringList{"deepseek-v3", "gpt-17"} << "Unknown model \"gpt-17\"";
        QTest::newRow("duplicate") << QStringList{"deepseek-v3", "deepseek-v3"} << "picked twice";
    }
    void selection()
    {
        QFETCH(QStringList, ids);
        QFETCH(QString, error);
        const Status s = validateSelection(m_facts, ids);
        QCOMPARE(s.ok(), error.isEmpty());
        if (!error.isEmpty())
            QVERIFY2(s.error().contains(error), qPrintable(s.error()));
        const auto groups = benchmarkGroups(m_facts, ids);
        QCOMPARE(groups.ok(), error.isEmpty());
    }

    // The bar for each model is the preferred (first) claim; the range spans every claim.
    void groupsMatchScores_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("benchmark");
        QTest::newRow("DeepSeek-V3 MMLU") << "deepseek-v3" << "mmlu";
        QTest::newRow("DeepSeek-R1 MATH-500") << "deepseek-r1" << "math-500";
        QTest::newRow("Qwen3-235B HumanEval") << "qwen3-235b-a22b" << "humaneval";
        QTest::newRow("Llama 3.3 70B MMLU") << "llama-3.3-70b" << "mmlu";
    }
    void groupsMatchScores()
    {
        QFETCH(QString, model);
        QFETCH(QString, benchmark);
        const QStringList ids{model, QStringLiteral("phi-4")};
        const auto groups = benchmarkGroups(m_facts, ids);
        QVERIFY2(groups, qPrintable(groups.error()));
        const BenchmarkGroup *g = nullptr;
        for (const BenchmarkGroup &x : groups.value())
            if (x.benchmarkId == benchmark)
                g = &x;
        QVERIFY2(g, "the model's benchmark must have a group");
        // Oracle: the scores table, in preference (row) order.
        QSqlQuery q(m_db->db());
        q.prepare(QStringLiteral("SELECT value, COALESCE(value_min, value), COALESCE(value_max, value) FROM scores"
                                 " WHERE model_id = ? AND benchmark_id = ? ORDER BY id"));
        q.addBindValue(model);
        q.addBindValue(benchmark);
        QVERIFY(q.exec() && q.next());
        const double first = q.value(0).toDouble();
        double lo = q.value(1).toDouble(), hi = q.value(2).toDouble();
        int claims = 1;
        while (q.next()) {
            lo = std::min(lo, q.value(1).toDouble());
            hi = std::max(hi, q.value(2).toDouble());
            ++claims;
        }
        const BarValue &bar = g->values.first();
        QVERIFY(bar.known);
        QCOMPARE(bar.value, first);
        QCOMPARE(bar.low, lo);
        QCOMPARE(bar.high, hi);
        QCOMPARE(bar.conflict, lo != hi);
        QCOMPARE(bar.tooltip.count(QLatin1Char('\n')), claims);   // header + one line per claim
    }

    // Somewhere in the catalog sources disagree on a score: that bar must be a range.
    void conflictingScoresBecomeRanges()
    {
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(QStringLiteral("SELECT model_id, benchmark_id FROM scores WHERE model_id IS NOT NULL"
                                      " AND benchmark_id IN ('mmlu','humaneval','math-500','gpqa-diamond','mmlu-pro')"
                                      " GROUP BY model_id, benchmark_id HAVING MIN(value) <> MAX(value) LIMIT 1")));
        if (!q.next())
            QSKIP("the catalog has no conflicting chart score");
        const QString model = q.value(0).toString(), bench = q.value(1).toString();
        const auto groups = benchmarkGroups(m_facts, {model, QStringLiteral("phi-4")});
        QVERIFY(groups);
        for (const BenchmarkGroup &g : groups.value())
            if (g.benchmarkId == bench) {
                QVERIFY(g.values.first().conflict);
                QVERIFY(g.values.first().low < g.values.first().high);
                return;
            }
        QFAIL("no group for the conflicting benchmark");
    }

    void pareto_data()
    {
        QTest::addColumn<QList<ScatterPoint>>("points");
        QTest::addColumn<QStringList>("front");   // by x
        const auto p = [](const char *id, double x, double y) { return ScatterPoint{QString::fromLatin1(id), {}, x, y, false}; };
        QTest::newRow("one dominates all") << QList<ScatterPoint>{p("a", 1, 9), p("b", 2, 8), p("c", 3, 7)} << QStringList{"a"};
        QTest::newRow("a staircase") << QList<ScatterPoint>{p("small", 4, 60), p("mid", 16, 75), p("big", 140, 88), p("bad", 20, 70)}
                                     << QStringList{"small", "mid", "big"};
        QTest::newRow("equal points are both on the front") << QList<ScatterPoint>{p("a", 5, 5), p("b", 5, 5), p("c", 6, 4)}
                                                            << QStringList{"a", "b"};
        QTest::newRow("same x, lower y is dominated") << QList<ScatterPoint>{p("a", 5, 5), p("b", 5, 4)} << QStringList{"a"};
        QTest::newRow("empty") << QList<ScatterPoint>{} << QStringList{};
    }
    void pareto()
    {
        QFETCH(QList<ScatterPoint>, points);
        QFETCH(QStringList, front);
        const QList<ScatterPoint> got = markParetoFront(points);
        QStringList ids;
        for (const ScatterPoint &s : got)
            ids << s.modelId;
        QCOMPARE(ids, front);
        for (const ScatterPoint &s : points)
            QCOMPARE(s.onFront, front.contains(s.modelId));
    }

    void scatterFromCatalog_data()
    {
        QTest::addColumn<int>("axis");
        QTest::addColumn<QString>("missing");   // a model listed as missing (substring), or empty
        QTest::newRow("active parameters") << int(ScatterAxis::ActiveParamsB) << "";
        QTest::newRow("memory, one model not planned") << int(ScatterAxis::MemoryGiB) << "Phi-4: no memory estimate";
    }
    void scatterFromCatalog()
    {
        QFETCH(int, axis);
        QFETCH(QString, missing);
        const QStringList ids{QStringLiteral("deepseek-v3"), QStringLiteral("qwen3-235b-a22b"), QStringLiteral("llama-3.3-70b"),
                              QStringLiteral("phi-4")};
        QHash<QString, double> planned{{QStringLiteral("deepseek-v3"), 380}, {QStringLiteral("qwen3-235b-a22b"), 133},
                                       {QStringLiteral("llama-3.3-70b"), 40}};
        const auto data = scatterData(m_facts, ids, QStringLiteral("mmlu"), ScatterAxis(axis), planned);
        QVERIFY2(data, qPrintable(data.error()));
        for (const ScatterPoint &p : data->points) {
            const ModelFacts *m = m_facts.find(p.modelId);
            QCOMPARE(p.y, m->scoresFor(QStringLiteral("mmlu")).first().value);
            if (ScatterAxis(axis) == ScatterAxis::ActiveParamsB)
                QCOMPARE(p.x, m->row.paramsActiveB.value_or(m->row.paramsTotalB.value_or(-1)));
            else
                QCOMPARE(p.x, planned.value(p.modelId));
        }
        QVERIFY(!data->front.isEmpty());
        if (!missing.isEmpty())
            QVERIFY2(data->missing.join(QLatin1Char('\n')).contains(missing), qPrintable(data->missing.join(QLatin1Char('\n'))));
        QVERIFY(!scatterData(m_facts, ids, QStringLiteral("no-such-bench"), ScatterAxis(axis)).ok());
    }

    void csv_data()
    {
        QTest::addColumn<QList<QStringList>>("rows");
        QTest::addColumn<QString>("csv");
        QTest::newRow("plain") << QList<QStringList>{{"a", "b"}, {"1", "2"}} << "a,b\r\n1,2\r\n";
        QTest::newRow("comma and quote") << QList<QStringList>{{"Llama 4, Scout", "say \"hi\""}}
                                         << "\"Llama 4, Scout\",\"say \"\"hi\"\"\"\r\n";
        QTest::newRow("line break") << QList<QStringList>{{"a\nb"}} << "\"a\nb\"\r\n";
        QTest::newRow("empty field") << QList<QStringList>{{"", "x"}} << ",x\r\n";
    }
    void csv()
    {
        QFETCH(QList<QStringList>, rows);
        QFETCH(QString, csv);
        QCOMPARE(toCsv(rows), csv);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::CatalogDatabase> m_db;
    FactsTable m_facts;
};

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
