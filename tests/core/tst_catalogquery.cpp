// The catalog query API: every filter returns exactly the rows that satisfy
// it (checked against the database directly), and sorting is ordered.
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "catalog/CatalogQuery.h"

#include <QTest>

#include "catalog/CatalogSortProxy.h"
#include "catalog/CatalogTableModel.h"

using namespace ModelAtlas;
using namespace ModelAtlas::Catalog;
using namespace ModelAtlas::Test;

Q_DECLARE_METATYPE(ModelAtlas::Catalog::ModelFilter)

class TestCatalogQuery final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDatabase> m_db;

    QList<ModelRow> query(const ModelFilter &filter, const ModelSort &sort = {})
    {
        const auto rows = CatalogQuery(m_db->db()).models(filter, sort);
        if (!rows)
            qWarning("%s", qPrintable(rows.error()));
        return rows ? rows.value() : QList<ModelRow>{};
    }

private slots:
    void initTestCase()
    {
        m_db = openDatabase(m_dir);
        QVERIFY(m_db);
        QVERIFY(importCatalog(*m_db, builtinCatalogDir()));
    }

    void filter_data()
    {
        QTest::addColumn<ModelFilter>("filter");
        QTest::addColumn<QString>("sqlWhere"); // the same filter written directly against the tables

        ModelFilter f;
        QTest::newRow("no filter") << f << "1";
        f = {};
        f.families = {QStringLiteral("qwen3")};
        QTest::newRow("family qwen3") << f << "m.family = 'qwen3'";
        f = {};
        f.vendors = {QStringLiteral("meta"), QStringLiteral("mistral")};
        QTest::newRow("vendors meta, mistral") << f << "m.vendor IN ('meta', 'mistral')";
        f = {};
        f.licenseTiers = {1};
        QTest::newRow("license tier 1") << f << "l.tier = 1";
        f = {};
        f.commercialUseOnly = true;
        QTest::newRow("commercial use allowed") << f << "l.commercial_use IN ('yes', 'conditional')";
        f = {};
        f.minParamsB = 100;
        f.maxParamsB = 700;
        QTest::newRow("100B to 700B total") << f << "m.params_total_b BETWEEN 100 AND 700";
        f = {};
        f.maxActiveParamsB = 20;
        QTest::newRow("at most 20B active") << f << "COALESCE(m.params_active_b, m.params_total_b) <= 20";
        f = {};
        f.minContextTokens = 1000000;
        QTest::newRow("1M+ context") << f << "m.context_tokens >= 1000000";
        f = {};
        f.architecture = ArchitectureFilter::MoE;
        QTest::newRow("MoE only") << f << "m.architecture = 'moe'";
        f = {};
        f.architecture = ArchitectureFilter::Dense;
        QTest::newRow("dense only") << f << "m.architecture = 'dense'";
        f = {};
        f.modality = QStringLiteral("image");
        QTest::newRow("image input") << f << "m.modality LIKE '%image%'";
        f = {};
        f.benchmark = QStringLiteral("mmlu");
        f.minScore = 88;
        QTest::newRow("MMLU at least 88") << f << "(SELECT MAX(value) FROM scores s WHERE s.model_id = m.id AND s.benchmark_id = 'mmlu') >= 88";
        f = {};
        f.conflictsOnly = true;
        QTest::newRow("conflicts only") << f << "m.has_conflicts = 1";
        f = {};
        f.licenseTiers = {1, 2};
        f.architecture = ArchitectureFilter::MoE;
        f.minParamsB = 200;
        QTest::newRow("tier 1-2 MoE over 200B") << f << "l.tier IN (1, 2) AND m.architecture = 'moe' AND m.params_total_b >= 200";
    }

    void filter()
    {
        QFETCH(ModelFilter, filter);
        QFETCH(QString, sqlWhere);
        const QList<ModelRow> rows = query(filter);
        const int expected = scalar(m_db->db(), QStringLiteral("SELECT COUNT(*) FROM models m LEFT JOIN licenses l ON l.id = m.license_id WHERE %1").arg(sqlWhere)).toInt();
        QVERIFY(expected > 0); // every row of this table must select something
        QCOMPARE(rows.size(), expected);
    }

    void textSearch_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mustContain");
        QTest::addColumn<QString>("idPrefix"); // every hit's id starts with it (empty: no check)
        QTest::newRow("qwen3 prefix") << "qwen3" << "qwen3-235b-a22b" << "qwen3";
        QTest::newRow("two words") << "deepseek distill" << "deepseek-r1-distill-qwen-32b" << "deepseek-r1-distill";
        QTest::newRow("alias") << "qwen3:235b" << "qwen3-235b-a22b" << "";
        QTest::newRow("case insensitive") << "MAVERICK" << "llama-4-maverick" << "llama-4-maverick";
        QTest::newRow("quotes are not syntax") << "\"llama" << "llama-3.3-70b" << "";
    }

    void textSearch()
    {
        QFETCH(QString, text);
        QFETCH(QString, mustContain);
        QFETCH(QString, idPrefix);
        ModelFilter f;
        f.text = text;
        const QList<ModelRow> rows = query(f);
        QVERIFY(!rows.isEmpty());
        bool found = false;
        for (const ModelRow &r : rows) {
            found = found || r.id == mustContain;
            if (!idPrefix.isEmpty())
                QVERIFY2(r.id.startsWith(idPrefix), qPrintable(r.id));
        }
        QVERIFY(found);
    }

    void noMatchIsEmptyNotAnError()
    {
        ModelFilter f;
        f.text = QStringLiteral("zzzz-no-such-model");
        const auto rows = CatalogQuery(m_db->db()).models(f);
        QVERIFY(rows);
        QVERIFY(rows.value().isEmpty());
    }

    void sortOrders_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<bool>("descending");
        QTest::newRow("params descending") << int(ModelSortKey::ParamsTotal) << true;
        QTest::newRow("params ascending") << int(ModelSortKey::ParamsTotal) << false;
        QTest::newRow("context descending") << int(ModelSortKey::Context) << true;
        QTest::newRow("active ascending") << int(ModelSortKey::ParamsActive) << false;
    }

    void sortOrders()
    {
        QFETCH(int, key);
        QFETCH(bool, descending);
        const QList<ModelRow> rows = query({}, {ModelSortKey(key), descending});
        const auto value = [&](const ModelRow &r) {
            switch (ModelSortKey(key)) {
            case ModelSortKey::Context: return r.contextTokens;
            case ModelSortKey::ParamsActive: return r.paramsActiveB ? r.paramsActiveB : r.paramsTotalB;
            default: return r.paramsTotalB;
            }
        };
        bool seenNull = false;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const auto a = value(rows[i - 1]), b = value(rows[i]);
            seenNull = seenNull || !a;
            if (!b)
                continue;
            QVERIFY2(!seenNull, "unknown values sort last");
            QVERIFY(descending ? *a >= *b : *a <= *b);
        }
    }

    void benchmarkSortPutsTheBestFirst()
    {
        ModelFilter f;
        f.benchmark = QStringLiteral("mmlu");
        f.minScore = 0;
        const QList<ModelRow> rows = query(f, {ModelSortKey::BenchmarkScore, true});
        QVERIFY(rows.size() >= 5);
        QCOMPARE(*rows.front().benchmarkScore, 90.8);
    }

    void resolveModel_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: must fail
        QTest::newRow("id") << "qwen3-8b" << "qwen3-8b";
        QTest::newRow("display name, other case") << "deepseek-v3" << "deepseek-v3";
        QTest::newRow("alias") << "qwen3:235b" << "qwen3-235b-a22b";
        QTest::newRow("ambiguous prefix") << "qwen3-" << "";
        QTest::newRow("unknown") << "gpt-9" << "";
        QTest::newRow("SQL wildcard is literal") << "%" << "";
    }

    void resolveModel()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const auto id = CatalogQuery(m_db->db()).resolveModel(input);
        if (expected.isEmpty()) {
            QVERIFY(!id);
            QVERIFY(!id.error().isEmpty());
        } else {
            QVERIFY2(id, qPrintable(id.error()));
            QCOMPARE(id.value(), expected);
        }
    }

    void tableModelSortsNumbersAsNumbers()
    {
        CatalogTableModel model;
        model.setRows(query({}));
        CatalogSortProxy proxy;
        proxy.setSourceModel(&model);
        for (const Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
            proxy.sort(CatalogTableModel::ParamsTotal, order);
            const QString first = proxy.index(0, CatalogTableModel::ParamsTotal).data().toString();
            QCOMPARE(first, order == Qt::DescendingOrder ? QStringLiteral("2T") : QStringLiteral("270M")); // Llama 4 Behemoth / Gemma 3 270M
            // Models without a parameter count come last in both orders.
            QVERIFY(proxy.index(proxy.rowCount() - 1, CatalogTableModel::ParamsTotal).data().toString().isEmpty());
        }
        QCOMPARE(model.columnCount(), int(CatalogTableModel::NB_COLUMNS));
    }

    void formatting_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("isContext");
        QTest::addColumn<QString>("text");
        QTest::newRow("235B") << 235.0 << false << "235B";
        QTest::newRow("0.6B is 600M") << 0.6 << false << "600M";
        QTest::newRow("1T") << 1000.0 << false << "1T";
        QTest::newRow("128K") << 131072.0 << true << "128K";
        QTest::newRow("10M") << 10000000.0 << true << "10M";
    }

    void formatting()
    {
        QFETCH(double, value);
        QFETCH(bool, isContext);
        QFETCH(QString, text);
        QCOMPARE(isContext ? CatalogTableModel::formatContext(value) : CatalogTableModel::formatParams(value), text);
    }
};

QTEST_GUILESS_MAIN(TestCatalogQuery)
#include "tst_catalogquery.moc"
