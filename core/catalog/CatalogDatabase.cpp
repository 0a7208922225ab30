#include "CatalogDatabase.h"

#include "CatalogSchema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace ModelAtlas::Catalog {

namespace {
QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("modelatlas-%1").arg(counter.fetchAndAddRelaxed(1));
}
} // namespace

CatalogDatabase::CatalogDatabase(QString path)
    : m_path(std::move(path))
    , m_connectionName(nextConnectionName())
{
}

CatalogDatabase::~CatalogDatabase()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString CatalogDatabase::defaultPath()
{
    const QByteArray env = qgetenv("MODELATLAS_DB");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/catalog.sqlite");
}

int CatalogDatabase::currentDBVersion()
{
    return Schema::currentVersion;
}

Status CatalogDatabase::openRaw()
{
    if (m_path != QLatin1String(":memory:")) {
        const QFileInfo info(m_path);
        if (!QDir().mkpath(info.absolutePath()))
            return Status::failure(QStringLiteral("Cannot create the folder %1 for the database.").arg(info.absolutePath()));
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    if (!m_db.open())
        return Status::failure(QStringLiteral("Cannot open the database %1: %2").arg(m_path, m_db.lastError().text()));
    // WAL lets the GUI read while a worker imports; foreign keys keep the
    // catalog consistent; NORMAL sync is safe with WAL and much faster; a
    // page cache of up to 128 MiB holds a 10,000-model catalog (~40 MB) so an
    // import never spills pages mid-transaction and filter scans stay in memory.
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                               "PRAGMA cache_size = -131072"}) {
        if (Status s = exec(QString::fromLatin1(pragma)); !s)
            return Status::failure(QStringLiteral("Cannot use %1 as the ModelAtlas database (%2). Move the file away or "
                                                  "choose another path.").arg(m_path, s.error()));
    }
    return {};
}

Status CatalogDatabase::open()
{
    if (Status s = openRaw(); !s)
        return s;
    const Result<int> version = schemaVersion();
    if (!version)
        return Status::failure(version.error());
    if (version.value() == 0)
        return createDB();
    if (version.value() > currentDBVersion())
        return Status::failure(QStringLiteral("The database %1 was written by a newer ModelAtlas (schema version %2; "
                                              "this version understands up to %3). Update ModelAtlas or choose "
                                              "another database file.")
                                   .arg(m_path)
                                   .arg(version.value())
                                   .arg(currentDBVersion()));
    if (version.value() < currentDBVersion())
        return updateDB(version.value());
    return {};
}

Result<int> CatalogDatabase::schemaVersion()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return Result<int>::failure(QStringLiteral("Cannot read the schema version of %1: %2 (is it a SQLite database?)")
                                        .arg(m_path, q.lastError().text()));
    return q.value(0).toInt();
}

Status CatalogDatabase::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return Status::failure(QStringLiteral("Database error in \"%1\": %2").arg(sql.left(80), q.lastError().text()));
    return {};
}

Status CatalogDatabase::execAll(const QStringList &statements)
{
    for (const QString &sql : statements) {
        if (Status s = exec(sql); !s)
            return s;
    }
    return {};
}

Status CatalogDatabase::setUserVersion(int version)
{
    return exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
}

Status CatalogDatabase::createVersion1()
{
    if (!m_db.transaction())
        return Status::failure(m_db.lastError().text());
    Status s = execAll(Schema::version1Statements());
    if (s)
        s = setUserVersion(1);
    if (!s || !m_db.commit()) {
        m_db.rollback();
        return s ? Status::failure(m_db.lastError().text()) : s;
    }
    return {};
}

Status CatalogDatabase::createDB()
{
    // A new database takes the same path as an old one being upgraded, so the
    // upgrade steps are exercised on every first run.
    if (Status s = createVersion1(); !s)
        return s;
    return updateDB(1);
}

Status CatalogDatabase::updateDB(int fromVersion)
{
    return migrate(fromVersion, currentDBVersion());
}

Status CatalogDatabase::migrate(int fromVersion, int toVersion)
{
    if (!m_db.transaction())
        return Status::failure(m_db.lastError().text());
    Status s;
    for (int v = fromVersion; s && v < toVersion; ++v)
        s = execAll(Schema::upgradeStatements(v));
    if (s)
        s = setUserVersion(toVersion);
    if (!s || !m_db.commit()) {
        m_db.rollback();
        const QString why = s ? m_db.lastError().text() : s.error();
        return Status::failure(QStringLiteral("Upgrading the database %1 from schema version %2 failed: %3")
                                   .arg(m_path).arg(fromVersion).arg(why));
    }
    return {};
}

QString CatalogDatabase::catalogVersion()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'catalog_version'")) && q.next())
        return q.value(0).toString();
    return {};
}

} // namespace ModelAtlas::Catalog
