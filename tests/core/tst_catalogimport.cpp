// The importer: first run, idempotence, user data across catalog updates, and
// rejection of malformed data with the database left exactly as it was.
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace ModelAtlas;
using namespace ModelAtlas::Catalog;
using namespace ModelAtlas::Test;

class TestCatalogImport final : public QObject
{
    Q_OBJECT

private:
    void addUserData(QSqlDatabase db)
    {
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO user_models (id, name, params_total_b, created_at) VALUES ('user/my-finetune', 'My fine-tune', 8, '%1')").arg(now)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO notes (model_id, body, updated_at) VALUES ('qwen3-8b', 'Try with Q5_K_M', '%1')").arg(now)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO hardware_profiles (name, json, created_at) VALUES ('Workstation', '{\"gpus\":[\"rtx-4090\"]}', '%1')").arg(now)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO measurements (model_id, device, json, created_at) VALUES ('qwen3-8b', 'cpu', '{\"decode_tps\":12.5}', '%1')").arg(now)));
    }

    void verifyUserData(QSqlDatabase db)
    {
        QCOMPARE(scalar(db, QStringLiteral("SELECT name FROM user_models WHERE id = 'user/my-finetune'")).toString(), QStringLiteral("My fine-tune"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT body FROM notes WHERE model_id = 'qwen3-8b'")).toString(), QStringLiteral("Try with Q5_K_M"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT json FROM hardware_profiles WHERE name = 'Workstation'")).toString(), QStringLiteral("{\"gpus\":[\"rtx-4090\"]}"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT json FROM measurements WHERE model_id = 'qwen3-8b'")).toString(), QStringLiteral("{\"decode_tps\":12.5}"));
    }

private slots:
    void firstRunImportsTheBuiltInCatalog()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        const auto report = ensureCatalogImported(*db, builtinCatalogDir());
        QVERIFY2(report, qPrintable(report.error()));
        QVERIFY(report->imported);
        QVERIFY(report->models >= 100);
        QVERIFY(report->scores >= 100);
        QCOMPARE(db->catalogVersion(), report->catalogVersion);
        QCOMPARE(scalar(db->db(), QStringLiteral("SELECT COUNT(*) FROM models")).toInt(), report->models);
        QCOMPARE(scalar(db->db(), QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(scalar(db->db(), QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(scalar(db->db(), QStringLiteral("PRAGMA foreign_key_check")), QVariant());
        // The importer drops secondary indexes for the bulk insert; they are back.
        for (const char *index : {"scores_model", "models_family"})
            QVERIFY2(scalar(db->db(), QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?"),
                            {QString::fromLatin1(index)}).toInt() == 1, index);

        // Second start: same version, nothing to do.
        const auto again = ensureCatalogImported(*db, builtinCatalogDir());
        QVERIFY(again);
        QVERIFY(!again->imported);
    }

    void builtInResourceMatchesTheDataFolder()
    {
        QTemporaryDir dir;
        auto fromResource = openDatabase(dir, QStringLiteral("a.sqlite"));
        auto fromFolder = openDatabase(dir, QStringLiteral("b.sqlite"));
        QVERIFY(fromResource && fromFolder);
        QVERIFY(importCatalog(*fromResource, builtinCatalogDir()));
        QVERIFY(importCatalog(*fromFolder, sourceDataDir()));
        QSqlQuery strip(fromResource->db());
        QVERIFY(strip.exec(QStringLiteral("DELETE FROM meta WHERE key = 'imported_at'")));
        QSqlQuery strip2(fromFolder->db());
        QVERIFY(strip2.exec(QStringLiteral("DELETE FROM meta WHERE key = 'imported_at'")));
        QCOMPARE(databaseFingerprint(fromResource->db()), databaseFingerprint(fromFolder->db()));
    }

    void reimportIsIdempotentAndKeepsUserData()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        QVERIFY(importCatalog(*db, sourceDataDir()));
        addUserData(db->db());
        QSqlQuery q(db->db());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM meta WHERE key = 'imported_at'")));
        const QByteArray before = databaseFingerprint(db->db());

        const auto report = importCatalog(*db, sourceDataDir());
        QVERIFY2(report, qPrintable(report.error()));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM meta WHERE key = 'imported_at'")));
        QCOMPARE(databaseFingerprint(db->db()), before);
        verifyUserData(db->db());
    }

    void newerCatalogUpdatesFactsButNeverUserData()
    {
        QTemporaryDir dir;
        QVERIFY(copyDataDir(dir.filePath(QStringLiteral("data"))));
        auto db = openDatabase(dir);
        QVERIFY(db);
        QVERIFY(importCatalog(*db, dir.filePath(QStringLiteral("data"))));
        addUserData(db->db());
        const int models = scalar(db->db(), QStringLiteral("SELECT COUNT(*) FROM models")).toInt();

        // The next catalog release renames a model and bumps its version.
        QVERIFY(rewriteFile(dir.filePath(QStringLiteral("data/manifest.json")), [](QByteArray text) {
            return QString::fromUtf8(text)
                .replace(QRegularExpression(QStringLiteral("\"catalog_version\": \"[^\"]*\"")),
                         QStringLiteral("\"catalog_version\": \"2099.01.01\""))
                .toUtf8();
        }));
        QVERIFY(rewriteFile(dir.filePath(QStringLiteral("data/models/alibaba.json")), [](QByteArray text) {
            return text.replace("\"name\": \"Qwen3-8B\"", "\"name\": \"Qwen3-8B (renamed)\"");
        }));
        const auto report = ensureCatalogImported(*db, dir.filePath(QStringLiteral("data")));
        QVERIFY2(report, qPrintable(report.error()));
        QVERIFY(report->imported);
        QCOMPARE(db->catalogVersion(), QStringLiteral("2099.01.01"));
        QCOMPARE(scalar(db->db(), QStringLiteral("SELECT name FROM models WHERE id = 'qwen3-8b'")).toString(), QStringLiteral("Qwen3-8B (renamed)"));
        QCOMPARE(scalar(db->db(), QStringLiteral("SELECT COUNT(*) FROM models")).toInt(), models);
        verifyUserData(db->db());
    }

    void malformedDataIsRejected_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("expected"); // must appear in the error message

        QTest::newRow("truncated JSON") << "models/meta.json" << QByteArray() << QByteArray("TRUNCATE")
                                        << "models/meta.json: $: not valid JSON at line";
        QTest::newRow("syntax error") << "benchmarks.json" << QByteArray("\"benchmarks\"") << QByteArray("\"benchmarks\" ::")
                                      << "benchmarks.json: $: not valid JSON at line 2";
        QTest::newRow("number where text expected") << "models/alibaba.json" << QByteArray("\"name\": \"Qwen3-8B\"")
                                                    << QByteArray("\"name\": 8") << "$.models[";
        QTest::newRow("unknown license") << "models/alibaba.json" << QByteArray("\"value\": \"apache-2.0\"")
                                         << QByteArray("\"value\": \"apache-9.9\"") << "\"apache-9.9\" is not a known id in licenses";
        QTest::newRow("unknown source") << "models/alibaba.json" << QByteArray("\"src\": \"seed-001\"")
                                        << QByteArray("\"src\": \"seed-999\"") << "\"seed-999\" is not a known id in sources";
        QTest::newRow("unknown fact key") << "models/alibaba.json" << QByteArray("\"params_total_b\"")
                                          << QByteArray("\"params_totl_b\"") << "unknown fact \"params_totl_b\"";
        QTest::newRow("missing family") << "models/google.json" << QByteArray("\"family\":")
                                        << QByteArray("\"famly\":") << "missing required field \"family\"";
        QTest::newRow("duplicate model id") << "models/alibaba.json" << QByteArray("\"id\": \"qwen3-14b\"")
                                            << QByteArray("\"id\": \"qwen3-8b\"") << "duplicate id \"qwen3-8b\" in models";
        QTest::newRow("license tier out of range") << "licenses.json" << QByteArray("\"value\": 1,")
                                                   << QByteArray("\"value\": 7,") << "tier must be a whole number from 1 to 5";
        QTest::newRow("bad range") << "statements.json" << QByteArray("\"min\": 500000")
                                   << QByteArray("\"min\": 5000000000") << "min <= max";
        QTest::newRow("score without number") << "benchmarks.json" << QByteArray("\"value\": 90.8")
                                              << QByteArray("\"value\": \"high\"") << "a score must be a number";
        QTest::newRow("unknown section") << "engines.json" << QByteArray("\"engines\"")
                                         << QByteArray("\"engins\"") << "unknown section \"engins\"";
        QTest::newRow("manifest lists a missing file") << "manifest.json" << QByteArray("\"engines.json\"")
                                                       << QByteArray("\"engines-missing.json\"") << "engines-missing.json: $: cannot read the file";
        QTest::newRow("path outside the folder") << "manifest.json" << QByteArray("\"engines.json\"")
                                                 << QByteArray("\"../engines.json\"") << "is not a file inside the catalog folder";
        QTest::newRow("not an object") << "quantizations.json" << QByteArray() << QByteArray("REPLACE:[1, 2, 3]")
                                       << "quantizations.json: $: expected an object, found array";
    }

    void malformedDataIsRejected()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, expected);

        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(copyDataDir(data));
        auto db = openDatabase(dir);
        QVERIFY(db);
        QVERIFY(importCatalog(*db, sourceDataDir()));
        const QByteArray before = databaseFingerprint(db->db());

        QVERIFY(rewriteFile(data + QLatin1Char('/') + file, [&](QByteArray text) {
            if (to == "TRUNCATE")
                return text.left(text.size() / 2);
            if (to.startsWith("REPLACE:"))
                return to.mid(8);
            const qsizetype at = text.indexOf(from);
            if (at < 0)
                qWarning("fixture text %s not found in %s", from.constData(), qPrintable(file));
            return text.replace(at, from.size(), to);
        }));
        const auto report = importCatalog(*db, data);
        QVERIFY(!report);
        QVERIFY2(report.error().contains(expected), qPrintable(report.error()));
        QCOMPARE(databaseFingerprint(db->db()), before);
    }
};

QTEST_GUILESS_MAIN(TestCatalogImport)
#include "tst_catalogimport.moc"
