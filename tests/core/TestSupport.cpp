#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace ModelAtlas::Test {

QString sourceDataDir()
{
    return QStringLiteral(MODELATLAS_DATA_DIR);
}

bool copyDataDir(const QString &target)
{
    const QDir source(sourceDataDir());
    QDirIterator it(source.path(), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString to = target + QLatin1Char('/') + source.relativeFilePath(from);
        QDir().mkpath(QFileInfo(to).absolutePath());
        if (!QFile::copy(from, to))
            return false;
    }
    return true;
}

std::unique_ptr<Catalog::CatalogDatabase> openDatabase(const QTemporaryDir &dir, const QString &name)
{
    auto db = std::make_unique<Catalog::CatalogDatabase>(dir.filePath(name));
    const Status s = db->open();
    if (!s)
        qWarning("openDatabase: %s", qPrintable(s.error()));
    return s ? std::move(db) : nullptr;
}

QByteArray databaseFingerprint(QSqlDatabase db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QSqlQuery tables(db);
    tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'model_search_%'"
                               " ORDER BY name"));
    while (tables.next()) {
        const QString table = tables.value(0).toString();
        hash.addData(table.toUtf8());
        QSqlQuery rows(db);
        rows.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(table));
        while (rows.next())
            for (int i = 0; i < rows.record().count(); ++i)
                hash.addData(rows.value(i).toString().toUtf8() + '\x1f');
    }
    return hash.result().toHex();
}

QVariant scalar(QSqlDatabase db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(int(i), values[i]);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0);
}

CliRun runCli(const QString &database, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(MODELATLAS_CLI_PATH), QStringList{QStringLiteral("--db"), database} + args);
    if (!p.waitForFinished(120000))
        qWarning("modelatlas-cli did not finish");
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

bool rewriteFile(const QString &path, const std::function<QByteArray(QByteArray)> &edit)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray edited = edit(file.readAll());
    file.close();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(edited) == edited.size();
}

} // namespace ModelAtlas::Test
