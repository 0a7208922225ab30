#pragma once

#include "catalog/CatalogDatabase.h"

#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace ModelAtlas::Test {

// The catalog shipped in the repository's data/ folder.
QString sourceDataDir();

// Copies the data folder into `target` so a test can damage or change it.
bool copyDataDir(const QString &target);

// Opens (creating and migrating) a database file inside `dir`.
std::unique_ptr<Catalog::CatalogDatabase> openDatabase(const QTemporaryDir &dir, const QString &name = QStringLiteral("catalog.sqlite"));

// A digest of every row of every table: equal digests mean equal contents.
QByteArray databaseFingerprint(QSqlDatabase db);

// Runs one scalar SQL query with positional values.
QVariant scalar(QSqlDatabase db, const QString &sql, const QVariantList &values = {});

// The output of one run of the real modelatlas-cli binary.
struct CliRun
{
    int exitCode = -1;
    QString out, err;
};

// Runs modelatlas-cli --db DATABASE ARGS... and waits for it (120 s at most).
CliRun runCli(const QString &database, const QStringList &args);

// Reads, edits and writes one JSON data file (used to plant errors).
bool rewriteFile(const QString &path, const std::function<QByteArray(QByteArray)> &edit);

} // namespace ModelAtlas::Test
