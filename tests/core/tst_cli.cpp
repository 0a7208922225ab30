// modelatlas-cli end to end: run the real binary on a temporary database.
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace ModelAtlas::Test;

class TestCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    CliRun cli(const QStringList &args) { return runCli(m_dir.filePath(QStringLiteral("cli.sqlite")), args); }

private slots:
    void modelsAsJson()
    {
        const CliRun r = cli({QStringLiteral("models"), QStringLiteral("--family"), QStringLiteral("qwen3"), QStringLiteral("--moe"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QVERIFY(rows.size() >= 2);
        for (const QJsonValue &v : rows) {
            QCOMPARE(v[QStringLiteral("family")].toString(), QStringLiteral("qwen3"));
            QCOMPARE(v[QStringLiteral("architecture")].toString(), QStringLiteral("moe"));
        }
    }

    void modelsTable()
    {
        const CliRun r = cli({QStringLiteral("models"), QStringLiteral("--benchmark"), QStringLiteral("mmlu"), QStringLiteral("--min-score"),
                           QStringLiteral("90"), QStringLiteral("--sort"), QStringLiteral("score"), QStringLiteral("--desc")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("ID")));
        QVERIFY(r.out.contains(QStringLiteral("deepseek-v3")));
        QVERIFY(r.out.contains(QStringLiteral("90.8")));
        QVERIFY(r.out.contains(QStringLiteral("model(s)")));
    }

    void showListsSourcesAndConflicts()
    {
        const CliRun r = cli({QStringLiteral("show"), QStringLiteral("llama-4-maverick")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("params_total_b [CONFLICT]")));
        QVERIFY(r.out.contains(QStringLiteral("000_cdd2f5996d7badb5.txt")));
        QVERIFY(r.out.contains(QStringLiteral("License: ")));

        const CliRun json = cli({QStringLiteral("show"), QStringLiteral("qwen3:235b"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o[QStringLiteral("id")].toString(), QStringLiteral("qwen3-235b-a22b"));
        QVERIFY(!o[QStringLiteral("facts")][QStringLiteral("experts")][QStringLiteral("conflict")].isNull());
        QVERIFY(o[QStringLiteral("scores")].toArray().size() >= 5);
    }

    void sourcesAndConflicts()
    {
        const CliRun s = cli({QStringLiteral("sources")});
        QCOMPARE(s.exitCode, 0);
        for (const char *seed : {"000_cdd2f5996d7badb5.txt", "001_56b6f632f1a389da.txt", "002_3a354e65124d6c48.txt",
                                 "003_ffc1db20d6a03965.txt", "004_7d033aa1120fe5e1.txt"})
            QVERIFY2(s.out.contains(QLatin1String(seed)), seed);
        const CliRun c = cli({QStringLiteral("conflicts"), QStringLiteral("--json")});
        QCOMPARE(c.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(c.out.toUtf8()).array().size() >= 10);
    }

    void badInputGetsAClearError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("nonsense number") << QStringList{"models", "--min-params", "abc"} << 2 << "--min-params: \"abc\" is not a number";
        QTest::newRow("negative params") << QStringList{"models", "--max-params", "-5"} << 2 << "outside the sensible range";
        QTest::newRow("min above max") << QStringList{"models", "--min-params", "70", "--max-params", "7"} << 2 << "larger than --max-params";
        QTest::newRow("bad context") << QStringList{"models", "--min-context", "lots"} << 2 << "is not a token count";
        QTest::newRow("tier out of range") << QStringList{"models", "--tier", "9"} << 2 << "not a license tier 1 to 5";
        QTest::newRow("unknown sort") << QStringList{"models", "--sort", "vibes"} << 2 << "unknown column";
        QTest::newRow("score without benchmark") << QStringList{"models", "--min-score", "80"} << 2 << "needs --benchmark";
        QTest::newRow("unknown benchmark") << QStringList{"models", "--benchmark", "vibes"} << 2 << "no benchmark \"vibes\"";
        QTest::newRow("unknown model") << QStringList{"show", "gpt-9"} << 1 << "No model named \"gpt-9\"";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << "unknown command";
        QTest::newRow("missing data folder") << QStringList{"import", "--data", "/nonexistent"} << 1 << "manifest.json: $: cannot read the file";
    }

    void badInputGetsAClearError()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void version()
    {
        QProcess p;
        p.start(QStringLiteral(MODELATLAS_CLI_PATH), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).startsWith(QStringLiteral("modelatlas-cli ")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
