// Schema versions: create, upgrade from every earlier version with user data
// intact, and refuse databases this build cannot read.
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "catalog/CatalogSchema.h"

#include <QFile>
#include <QSqlQuery>
#include <QTest>

using namespace ModelAtlas;
using namespace ModelAtlas::Catalog;
using namespace ModelAtlas::Test;

class TestCatalogMigration final : public QObject
{
    Q_OBJECT

private slots:
    void newDatabaseHasTheCurrentVersion()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        QCOMPARE(db->schemaVersion().value(), CatalogDatabase::currentDBVersion());
        QVERIFY(scalar(db->db(), QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'model_search'")).toInt() == 1);
    }

    void upgradesFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("fromVersion");
        for (int v = 1; v < Schema::currentVersion; ++v)
            QTest::newRow(qPrintable(QStringLiteral("from v%1").arg(v))) << v;
    }

    void upgradesFromEveryEarlierVersion()
    {
        QFETCH(int, fromVersion);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            CatalogDatabase old(path);
            QVERIFY(old.openRaw());
            QVERIFY(old.createVersion1());
            QVERIFY(old.migrate(1, fromVersion)); // exactly the schema an older release wrote
            QSqlQuery q(old.db());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO user_models (id, name, created_at) VALUES ('user/x', 'My model', '2026-01-01')")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO notes (model_id, body, updated_at) VALUES ('qwen3-8b', 'keep me', '2026-01-01')")));
            if (fromVersion >= 2)
                QVERIFY(q.exec(QStringLiteral("INSERT INTO measurements (model_id, json, created_at) VALUES ('m', '{}', '2026-01-01')")));
        }
        CatalogDatabase db(path);
        const Status opened = db.open();
        QVERIFY2(opened, qPrintable(opened.error()));
        QCOMPARE(db.schemaVersion().value(), CatalogDatabase::currentDBVersion());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT name FROM user_models WHERE id = 'user/x'")).toString(), QStringLiteral("My model"));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT body FROM notes WHERE model_id = 'qwen3-8b'")).toString(), QStringLiteral("keep me"));
        if (fromVersion >= 2)
            QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM measurements")).toInt(), 1);
        // v5: the Playground's tables exist after any upgrade.
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('votes', 'prompt_sets')")).toInt(), 2);
        // The upgraded database takes a catalog import like a new one.
        const auto report = importCatalog(db, builtinCatalogDir());
        QVERIFY2(report, qPrintable(report.error()));
        QVERIFY(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM model_search WHERE model_search MATCH 'qwen3*'")).toInt() > 0);
    }

    // v5's user tables (Playground votes and prompt sets) survive a catalog
    // re-import like every other user table.
    void playgroundTablesSurviveAnImport()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir);
        QVERIFY(db);
        QSqlQuery q(db->db());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO votes (task_tag, model_a, model_b, outcome, created_at)"
                                      " VALUES ('coding', 'a.gguf', 'b.gguf', 'a', '2026-01-01')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO prompt_sets (name, json, created_at, updated_at)"
                                      " VALUES ('smoke', '{\"prompts\":[\"hi\"]}', '2026-01-01', '2026-01-01')")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO votes (task_tag, model_a, model_b, outcome, created_at)"
                                       " VALUES ('coding', 'a', 'b', 'maybe', '2026-01-01')"))); // CHECK refuses it
        const auto report = importCatalog(*db, builtinCatalogDir());
        QVERIFY2(report, qPrintable(report.error()));
        QCOMPARE(scalar(db->db(), QStringLiteral("SELECT COUNT(*) FROM votes")).toInt(), 1);
        QCOMPARE(scalar(db->db(), QStringLiteral("SELECT name FROM prompt_sets")).toString(), QStringLiteral("smoke"));
    }

    void refusesANewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.sqlite"));
        {
            CatalogDatabase future(path);
            QVERIFY(future.open());
            QSqlQuery q(future.db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        CatalogDatabase db(path);
        const Status opened = db.open();
        QVERIFY(!opened);
        QVERIFY2(opened.error().contains(QStringLiteral("newer ModelAtlas")), qPrintable(opened.error()));
        QCOMPARE(db.schemaVersion().value(), 99); // untouched
    }

    void refusesAFileThatIsNotADatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        CatalogDatabase db(path);
        const Status opened = db.open();
        QVERIFY(!opened);
        QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
    }
};

QTEST_GUILESS_MAIN(TestCatalogMigration)
#include "tst_catalogmigration.moc"
