// modelatlas-cli hardware / cost / serve-config end to end: real binary,
// temporary database; nonsense input exits 2 with a message and never prints NaN.
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using ModelAtlas::Test::CliRun;

class TestCostCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    CliRun cli(const QStringList &args) { return ModelAtlas::Test::runCli(m_dir.filePath(QStringLiteral("cli.sqlite")), args); }

    static QStringList words(const char *text) { return QString::fromLatin1(text).split(QLatin1Char(' ')); }

private slots:
    void hardwareListShowAddRemove()
    {
        CliRun r = cli(words("hardware list"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("b200")));
        QVERIFY(r.out.contains(QStringLiteral("h100-sxm-80gb")));

        r = cli(words("hardware show 4090x2 --json"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j[QStringLiteral("gpu_count")].toInt(), 2);
        QCOMPARE(j[QStringLiteral("gpu")][QStringLiteral("id")].toString(), QStringLiteral("rtx-4090"));

        r = cli(words("hardware add lab --memory-gib 48 --bandwidth-gbs 960 --tflops 180 --count 2 --price-hour 1.2"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli(words("hardware show lab"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("2 x custom GPU")));
        r = cli(words("hardware add lab --gpu h100"));
        QCOMPARE(r.exitCode, 2); // exists
        r = cli(words("hardware remove lab"));
        QCOMPARE(r.exitCode, 0);
        r = cli(words("hardware remove lab"));
        QCOMPARE(r.exitCode, 2);
    }

    void hardwareNonsense_data()
    {
        QTest::addColumn<QString>("args");
        QTest::newRow("negative memory") << "hardware add x --memory-gib -24 --bandwidth-gbs 900";
        QTest::newRow("100 TB per GPU") << "hardware add x --memory-gib 102400 --bandwidth-gbs 900";
        QTest::newRow("NaN bandwidth") << "hardware add x --memory-gib 24 --bandwidth-gbs nan";
        QTest::newRow("10,000 GPUs") << "hardware add x --gpu h100 --count 10000";
        QTest::newRow("unknown GPU") << "hardware show h1000";
        QTest::newRow("unknown subcommand") << "hardware frobnicate";
    }
    void hardwareNonsense()
    {
        QFETCH(QString, args);
        const CliRun r = cli(args.split(QLatin1Char(' ')));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(!r.out.contains(QStringLiteral("nan"), Qt::CaseInsensitive));
    }

    void costWithApisAndBreakEven()
    {
        const CliRun r = cli(words("cost --gpu h100x2 --tokens-per-s 1500 --requests-per-day 10000 --in 800 --out 300 --json"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.out.contains(QStringLiteral("nan"), Qt::CaseInsensitive));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject self = j[QStringLiteral("self_host")].toObject();
        // 2 GPUs x $2.65 (catalog) x 730 h
        QCOMPARE(qRound(self[QStringLiteral("monthly_usd")].toDouble()), 3869);
        const QJsonArray apis = j[QStringLiteral("apis")].toArray();
        QVERIFY(apis.size() >= 10);
        bool sawGpt4o = false;
        for (const QJsonValue &a : apis) {
            if (a[QStringLiteral("api")].toString().startsWith(QStringLiteral("GPT-4o"))
                && a[QStringLiteral("output_per_m")].isObject()) {
                sawGpt4o = true;
                // 300,000 requests x (800 x 2.5 + 300 x 10) / 1e6 = $1,500
                QCOMPARE(qRound(a[QStringLiteral("monthly_usd")][QStringLiteral("min")].toDouble()), 1500);
                QVERIFY(a[QStringLiteral("break_even_requests_per_month")].isObject());
            }
        }
        QVERIFY(sawGpt4o);

        const CliRun text = cli(words("cost --gpu h100 --tokens-per-s 800 --requests-per-day 1000 --in 500 --out 200 --purchase-usd 30000 --months 36 --power-w 700 --kwh-usd 0.15"));
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY(text.out.contains(QStringLiteral("BREAK-EVEN")));
        QVERIFY(!text.out.contains(QStringLiteral("nan"), Qt::CaseInsensitive));
        QVERIFY(!text.out.contains(QStringLiteral("inf"), Qt::CaseSensitive));
    }

    void costNonsense_data()
    {
        QTest::addColumn<QString>("args");
        QTest::newRow("zero throughput") << "cost --gpu h100 --tokens-per-s 0 --requests-per-day 100 --in 10 --out 10";
        QTest::newRow("negative requests") << "cost --gpu h100 --tokens-per-s 100 --requests-per-day -5 --in 10 --out 10";
        QTest::newRow("NaN input tokens") << "cost --gpu h100 --tokens-per-s 100 --requests-per-day 100 --in nan --out 10";
        QTest::newRow("inf price") << "cost --gpu h100 --tokens-per-s 100 --requests-per-day 100 --in 10 --out 10 --price-hour inf";
        QTest::newRow("no price known (RTX 4090 has none)") << "cost --gpu rtx-4090 --tokens-per-s 100 --requests-per-day 100 --in 10 --out 10";
        QTest::newRow("utilisation 2") << "cost --gpu h100 --tokens-per-s 100 --requests-per-day 100 --in 10 --out 10 --utilisation 2";
        QTest::newRow("missing --out") << "cost --gpu h100 --tokens-per-s 100 --requests-per-day 100 --in 10";
        QTest::newRow("10,000 GPUs") << "cost --gpu h100x10000 --tokens-per-s 100 --requests-per-day 100 --in 10 --out 10";
        QTest::newRow("absurd volume for the throughput") << "cost --gpu h100 --tokens-per-s 0.001 --requests-per-day 1e9 --in 10 --out 1000";
    }
    void costNonsense()
    {
        QFETCH(QString, args);
        const CliRun r = cli(args.split(QLatin1Char(' ')));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(r.out.isEmpty());
    }

    void serveConfig()
    {
        CliRun r = cli(words("serve-config --engine vllm --model llama-3.3-70b --tp 2 --ctx 32K --gpu-mem-util 0.9"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("vllm serve meta-llama/Llama-3.3-70B-Instruct --tensor-parallel-size 2 --max-model-len 32768 "
                                              "--gpu-memory-utilization 0.9")));
        r = cli(words("serve-config --engine sglang --model deepseek-v3 --tp 16 --nodes 2 --json"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object()[QStringLiteral("commands")].toArray().size(), 2);
        r = cli(words("serve-config --engine ollama --model llama-3.3-70b --ctx 8192"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("FROM llama3.3:70b")));

        for (const char *bad : {"serve-config --engine vllm --model llama-3.3-70b --tp 3",
                                "serve-config --engine vllm --model llama-3.3-70b --tp 2 --kv-cache-dtype q4_0",
                                "serve-config --engine tgi --model llama-3.3-70b",
                                "serve-config --engine vllm --model llama-3.3-70b --gpu-mem-util 7",
                                "serve-config --engine llamacpp --model llama-3.3-70b",
                                "serve-config --engine vllm --model no-such-model"}) {
            const CliRun b = cli(words(bad));
            QVERIFY2(b.exitCode == 2, bad);
            QVERIFY(!b.err.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestCostCli)
#include "tst_costcli.moc"
