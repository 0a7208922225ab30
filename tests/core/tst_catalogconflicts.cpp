// Values on which the seeds disagree are kept side by side and flagged.
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "catalog/Conflicts.h"

#include <QTest>

using namespace ModelAtlas;
using namespace ModelAtlas::Catalog;
using namespace ModelAtlas::Test;

namespace {
Claim number(double v, const char *src, bool approx = false)
{
    Claim c;
    c.number = c.min = c.max = v;
    c.text = QString::number(v);
    c.valueJson = c.text;
    c.src = QString::fromLatin1(src);
    c.approx = approx;
    return c;
}

Claim text(const char *v, const char *src)
{
    Claim c;
    c.text = QString::fromUtf8(v);
    c.valueJson = QStringLiteral("\"%1\"").arg(c.text.toLower());
    c.src = QString::fromLatin1(src);
    return c;
}
} // namespace

class TestCatalogConflicts final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDatabase> m_db;

private slots:
    void initTestCase()
    {
        m_db = openDatabase(m_dir);
        QVERIFY(m_db);
        QVERIFY(importCatalog(*m_db, builtinCatalogDir()));
    }

    void knownConflictIsDetected_data()
    {
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QStringList>("values"); // each must appear in the detail

        QTest::newRow("Llama 4 Maverick total params 402 vs 400") << "models" << "llama-4-maverick" << "params_total_b" << QStringList{"402", "400"};
        QTest::newRow("Llama 4 Maverick context 128K vs 1M") << "models" << "llama-4-maverick" << "context_tokens" << QStringList{"131072", "1000000"};
        QTest::newRow("Gemma 3 27B context 8k vs 128K") << "models" << "gemma-3-27b" << "context_tokens" << QStringList{"8192", "131072"};
        QTest::newRow("Qwen3-235B experts 94 vs 128") << "models" << "qwen3-235b-a22b" << "experts" << QStringList{"94", "128"};
        QTest::newRow("DeepSeek V3 experts per token 9 vs 8") << "models" << "deepseek-v3" << "experts_per_token" << QStringList{"9", "8"};
        QTest::newRow("DeepSeek V3 license MIT vs DeepSeek License") << "models" << "deepseek-v3" << "license" << QStringList{"mit", "deepseek-license"};
        QTest::newRow("Mistral Large 3 params 235 vs 675") << "models" << "mistral-large-3" << "params_total_b" << QStringList{"235", "675"};
        QTest::newRow("Command R+ active params") << "models" << "command-r-plus" << "params_active_b" << QStringList{"104", "16"};
        QTest::newRow("DeepSeek V3.2 context 128K vs 163K") << "models" << "deepseek-v3.2" << "context_tokens" << QStringList{"131072", "163840"};
        QTest::newRow("DeepSeek V3 MMLU 90.8 vs 88.5") << "scores" << "deepseek-v3" << "mmlu" << QStringList{"90.8", "88.5"};
        QTest::newRow("DeepSeek V3 GPQA 71.5 vs 59.1") << "scores" << "deepseek-v3" << "gpqa-diamond" << QStringList{"71.5", "59.1"};
        QTest::newRow("Llama 4 Maverick MMLU 88.6 vs 85.5") << "scores" << "llama-4-maverick" << "mmlu" << QStringList{"88.6", "85.5"};
        QTest::newRow("Gemma 3 27B MMLU 76.9 vs ~68") << "scores" << "gemma-3-27b" << "mmlu" << QStringList{"76.9", "68"};
        QTest::newRow("Mistral Large 3 HumanEval ~92 vs ~85") << "scores" << "mistral-large-3" << "humaneval" << QStringList{"92", "85"};
        QTest::newRow("DeepSeek license commercial use") << "licenses" << "deepseek-license" << "commercial_use" << QStringList{"yes", "conditional"};
    }

    void knownConflictIsDetected()
    {
        QFETCH(QString, entity);
        QFETCH(QString, id);
        QFETCH(QString, field);
        QFETCH(QStringList, values);
        const QString detail = scalar(m_db->db(), QStringLiteral("SELECT detail FROM conflicts WHERE entity = ? AND entity_id = ? AND field = ?"),
                                      {entity, id, field}).toString();
        QVERIFY2(!detail.isEmpty(), "conflict not detected");
        for (const QString &v : values)
            QVERIFY2(detail.contains(v), qPrintable(detail));
        if (entity != QLatin1String("licenses"))
            QCOMPARE(scalar(m_db->db(), QStringLiteral("SELECT has_conflicts FROM models WHERE id = ?"), {id}).toInt(), 1);
    }

    void agreeingSourcesAreNoConflict()
    {
        // Every seed gives Qwen3-235B-A22B 235B total: no conflict on that field.
        QCOMPARE(scalar(m_db->db(), QStringLiteral("SELECT COUNT(*) FROM conflicts WHERE entity_id = 'qwen3-235b-a22b' AND field = 'params_total_b'")).toInt(), 0);
    }

    void sameValue_data()
    {
        QTest::addColumn<bool>("same");
        QTest::addColumn<int>("caseId");
        QTest::newRow("equal numbers") << true << 0;
        QTest::newRow("different numbers") << false << 1;
        QTest::newRow("approx within half a point") << true << 2;
        QTest::newRow("number inside a range") << true << 3;
        QTest::newRow("number outside a range") << false << 4;
        QTest::newRow("text differing in case") << true << 5;
        QTest::newRow("date prefix") << true << 6;
        QTest::newRow("different dates") << false << 7;
    }

    void sameValue()
    {
        QFETCH(bool, same);
        QFETCH(int, caseId);
        Claim range;
        range.min = 55;
        range.max = 65;
        range.text = QStringLiteral("55–65");
        range.valueJson = QStringLiteral("[55,65]");
        const std::pair<Claim, Claim> cases[] = {
            {number(235, "a"), number(235, "b")},
            {number(402, "a"), number(400, "b")},
            {number(89.2, "a"), number(89, "b", true)},
            {number(62, "a"), range},
            {number(70, "a"), range},
            {text("GQA", "a"), text("gqa", "b")},
            {text("2025-04", "a"), text("2025-04-28", "b")},
            {text("2025-12", "a"), text("2026-02", "b")},
        };
        QCOMPARE(Catalog::sameValue(cases[caseId].first, cases[caseId].second), same);
    }
};

QTEST_GUILESS_MAIN(TestCatalogConflicts)
#include "tst_catalogconflicts.moc"
