// `modelatlas-cli report` end to end: each format written to -o, the profile
// given as flags or a file, and the errors (exit 1: input files and models,
// exit 2: options) that leave no file behind.
#include "TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

class TestReportCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run
    {
        int exitCode;
        QString out, err;
    };

    Run cli(const QStringList &args) const
    {
        QProcess p;
        p.start(QStringLiteral(MODELATLAS_CLI_PATH),
                QStringList{QStringLiteral("--db"), m_dir.filePath(QStringLiteral("cli.sqlite")), QStringLiteral("report")} + args);
        if (!p.waitForFinished(120000))
            qWarning("modelatlas-cli did not finish");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QByteArray read(const QString &file) const
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QString writeFile(const QString &name, const QByteArray &text) const
    {
        QFile f(path(name));
        if (f.open(QIODevice::WriteOnly))
            f.write(text);
        return path(name);
    }

    QStringList llama(const QString &output) const
    {
        return QString::fromLatin1("--model llama-3.3-70b --quant Q4_K_M --gpu h100-sxm-80gbx2 --ctx 8K --users 4 --commercial --mau 800M --use saas -o")
                   .split(QLatin1Char(' '))
               << output;
    }

private slots:
    void eachFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::newRow("md by --format") << "md" << "a.txt";
        QTest::newRow("html by extension") << "" << "a.html";
        QTest::newRow("json by --format") << "json" << "a.out";
        QTest::newRow("pdf by extension") << "" << "a.pdf";
    }
    void eachFormat()
    {
        QFETCH(QString, format);
        QFETCH(QString, file);
        QStringList args = llama(path(file));
        if (!format.isEmpty())
            args << QStringLiteral("--format") << format;
        const Run r = cli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("Not allowed")));
        const QByteArray bytes = read(path(file));
        QVERIFY(bytes.size() > 1000);
        if (format == QLatin1String("json")) {
            const auto j = nlohmann::json::parse(bytes.toStdString());
            QCOMPARE(j["schema_version"].get<int>(), 1);
            QCOMPARE(j["license"]["verdict"].get<std::string>(), std::string("not_allowed"));
            QCOMPARE(j["plan"]["workload"]["context"].get<int>(), 8192);
            QCOMPARE(j["plan"]["workload"]["users"].get<int>(), 4);
        } else if (file.endsWith(QLatin1String(".pdf"))) {
            QVERIFY(bytes.startsWith("%PDF-"));
        } else {
            QVERIFY(QString::fromUtf8(bytes).contains(QStringLiteral("License verdict: Not allowed")));
            QVERIFY(QString::fromUtf8(bytes).contains(QStringLiteral("not legal advice"), Qt::CaseInsensitive));
        }
    }

    void profileFile()
    {
        const QString profile = writeFile(QStringLiteral("p.json"),
                                          R"({"organisation":"company","commercial":true,"monthly_active_users":1000,"uses":["saas"]})");
        const Run r = cli({QStringLiteral("--model"), QStringLiteral("qwen2.5-7b"), QStringLiteral("--quant"), QStringLiteral("Q8_0"),
                           QStringLiteral("--gpu"), QStringLiteral("rtx-4090"), QStringLiteral("--profile"), profile,
                           QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-o"), path(QStringLiteral("q.json"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = nlohmann::json::parse(read(path(QStringLiteral("q.json"))).toStdString());
        QCOMPARE(j["model"]["id"].get<std::string>(), std::string("qwen2.5-7b"));
        QCOMPARE(j["profile"]["monthly_active_users"].get<double>(), 1000.0);
        const std::string verdict = j["license"]["verdict"].get<std::string>();
        QVERIFY(verdict == "allowed" || verdict == "allowed_with_obligations");
    }

    void malformedProfileFile()
    {
        const QString profile = writeFile(QStringLiteral("bad.json"), R"({"commercial": "yes", "uses": [)");
        const QString out = path(QStringLiteral("never.md"));
        const Run r = cli({QStringLiteral("--model"), QStringLiteral("qwen2.5-7b"), QStringLiteral("--profile"), profile, QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("bad.json")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }

    void wrongOptions_data()
    {
        QTest::addColumn<QString>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no model") << "--gpu h100-sxm-80gb -o %1/x.md" << 2 << "--model";
        QTest::newRow("no output") << "--model qwen2.5-7b" << 2 << "-o FILE";
        QTest::newRow("unknown extension") << "--model qwen2.5-7b -o %1/x.docx" << 2 << "--format";
        QTest::newRow("bad format") << "--model qwen2.5-7b --format doc -o %1/x.md" << 2 << "doc";
        QTest::newRow("bad users") << "--model qwen2.5-7b --users 0 -o %1/x.md" << 2 << "--users";
        QTest::newRow("two profiles") << "--model qwen2.5-7b --saved a --commercial -o %1/x.md" << 2 << "one profile";
        QTest::newRow("unknown model") << "--model no-such-model -o %1/x.md" << 1 << "no-such-model";
        QTest::newRow("unknown gpu") << "--model qwen2.5-7b --gpu warp-drive -o %1/x.md" << 1 << "warp-drive";
    }
    void wrongOptions()
    {
        QFETCH(QString, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = cli(QString(args).replace(QStringLiteral("%1"), m_dir.path()).split(QLatin1Char(' ')));
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(path(QStringLiteral("x.md"))));
    }

    void helpListsReport()
    {
        QProcess p;
        p.start(QStringLiteral(MODELATLAS_CLI_PATH), {QStringLiteral("help")});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains(QStringLiteral("report --model M")));
    }
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "tst_reportcli.moc"
