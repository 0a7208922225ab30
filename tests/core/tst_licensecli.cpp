// `modelatlas-cli license`: verdicts as JSON and text, profile files, saved
// profiles, and the exit codes for bad input (1: files/models, 2: options).
#include "TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using ModelAtlas::Test::CliRun;

class TestLicenseCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    CliRun cli(const QStringList &args) const
    {
        return ModelAtlas::Test::runCli(m_dir.filePath(QStringLiteral("cli.sqlite")), QStringList{QStringLiteral("license")} + args);
    }

    QString writeFile(const QString &name, const QByteArray &text) const
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(text);
        return path;
    }

    static QStringList words(const char *text) { return QString::fromLatin1(text).split(QLatin1Char(' ')); }

private slots:
    void jsonVerdictForFlags()
    {
        const CliRun r = cli(words("--commercial --mau 800M --use saas --model llama-3.3-70b --json"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(j["verdicts"].size(), size_t(1));
        QCOMPARE(j["verdicts"][0]["verdict"].get<std::string>(), std::string("not_allowed"));
        QCOMPARE(j["verdicts"][0]["deciding_clause"].get<std::string>(), std::string("llama-3.3/mau-700m"));
        QCOMPARE(j["profile"]["monthly_active_users"].get<double>(), 800e6);
    }

    void profileFileAndSideBySide()
    {
        const QString path = writeFile(QStringLiteral("eu.json"),
                                       R"({"organisation":"company","commercial":true,"eu_domiciled":true,"monthly_active_users":1000,"uses":["saas","distribute_derivative"]})");
        const CliRun r = cli({QStringLiteral("--profile"), path, QStringLiteral("--model"), QStringLiteral("llama-4-scout,qwen2.5-7b")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("aup-eu-multimodal")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Obligations side by side")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("not legal advice"), Qt::CaseInsensitive));
    }

    void wholeCatalogTableAndSavedProfile()
    {
        CliRun r = cli(words("--commercial --mau 150M --use saas --save-profile big"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("DECIDING CLAUSE")));
        QVERIFY(r.out.contains(QStringLiteral("qwen/mau-100m")));
        r = cli(words("--saved big --permitted"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList ids = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(ids.contains(QStringLiteral("qwen2.5-7b")));
        QVERIFY(!ids.contains(QStringLiteral("qwen2.5-72b")));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown option") << words("--commercial --use saas --bogus") << 2 << "--bogus";
        QTest::newRow("MAU not a number") << words("--mau many --use saas") << 2 << "--mau";
        QTest::newRow("negative MAU") << words("--mau -5 --use saas") << 2 << "--mau";
        QTest::newRow("unknown use") << words("--use teleport") << 2 << "teleport";
        QTest::newRow("no profile") << QStringList{} << 2 << "--profile";
        QTest::newRow("unknown model") << words("--use saas --model no-such-model") << 1 << "no-such-model";
        QTest::newRow("missing profile file") << words("--profile /nonexistent/p.json") << 1 << "/nonexistent/p.json";
        QTest::newRow("unknown saved profile") << words("--saved nobody") << 1 << "nobody";
    }

    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    }

    void malformedProfileFileNamesFileAndField()
    {
        const QString path = writeFile(QStringLiteral("bad.json"), R"({"uses":["saas"],"monthly_active_users":"a lot"})");
        const CliRun r = cli({QStringLiteral("--profile"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path) && r.err.contains(QStringLiteral("monthly_active_users")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestLicenseCli)
#include "tst_licensecli.moc"
