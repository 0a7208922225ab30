#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace ModelAtlas::Catalog {

// One SQLite connection to the catalog and user database, with the schema
// brought to the current version on open (WAL, foreign keys on). A
// connection belongs to the thread that opened it; open one per thread.
class CatalogDatabase final
{
public:
    explicit CatalogDatabase(QString path);
    ~CatalogDatabase();
    CatalogDatabase(const CatalogDatabase &) = delete;
    CatalogDatabase &operator=(const CatalogDatabase &) = delete;

    // Opens (creating the file and folders if needed) and migrates.
    Status open();
    // Opens without creating or migrating; for tests that build old schemas.
    Status openRaw();

    QSqlDatabase &db() { return m_db; }
    const QString &path() const { return m_path; }

    static int currentDBVersion();
    Result<int> schemaVersion();
    Status createDB();                  // empty database -> current version
    Status updateDB(int fromVersion);   // fromVersion -> current version, one transaction
    // fromVersion -> toVersion, one transaction (tests build each old version with it).
    Status migrate(int fromVersion, int toVersion);

    // Applies the version-1 DDL only (tests use it to build an old database).
    Status createVersion1();

    // The catalog version recorded by the last successful import, or empty.
    QString catalogVersion();

    // The default location: <AppDataLocation>/catalog.sqlite, overridable
    // with the MODELATLAS_DB environment variable.
    static QString defaultPath();

private:
    Status exec(const QString &sql);
    Status execAll(const QStringList &statements);
    Status setUserVersion(int version);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace ModelAtlas::Catalog
