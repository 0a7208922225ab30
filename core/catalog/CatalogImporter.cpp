#include "CatalogImporter.h"

#include "CatalogParser.h"
#include "CatalogWriter.h"
#include "Conflicts.h"
#include "JsonReader.h"

#include <QFile>
#include <QSqlError>

namespace ModelAtlas::Catalog {

namespace {

Result<QString> manifestVersion(const QString &dataDir)
{
    QFile file(dataDir + QStringLiteral("/manifest.json"));
    if (!file.open(QIODevice::ReadOnly))
        return Result<QString>::failure(QStringLiteral("manifest.json: cannot read the file: %1").arg(file.errorString()));
    try {
        const nlohmann::json manifest = parseJsonText(file.readAll(), QStringLiteral("manifest.json"));
        return JsonNode(manifest, QStringLiteral("manifest.json")).string("catalog_version");
    } catch (const FormatError &e) {
        return Result<QString>::failure(QString::fromStdString(e.what()));
    }
}

} // namespace

QString builtinCatalogDir()
{
    return QStringLiteral(":/catalog");
}

Result<ImportReport> importCatalog(CatalogDatabase &db, const QString &dataDir)
{
    Result<CatalogData> parsed = parseCatalog(dataDir);
    if (!parsed)
        return Result<ImportReport>::failure(QStringLiteral("The catalog was not imported: %1").arg(parsed.error()));
    const CatalogData &data = parsed.value();
    const std::vector<Conflict> conflicts = detectConflicts(data);

    QSqlDatabase &sql = db.db();
    if (!sql.transaction())
        return Result<ImportReport>::failure(QStringLiteral("Cannot start the import: %1").arg(sql.lastError().text()));
    Status written = writeCatalog(sql, data, conflicts);
    if (written && !sql.commit())
        written = Status::failure(sql.lastError().text());
    if (!written) {
        sql.rollback();
        return Result<ImportReport>::failure(QStringLiteral("The catalog was not imported: %1").arg(written.error()));
    }

    ImportReport report;
    report.catalogVersion = data.catalogVersion;
    report.sources = int(data.sources.size());
    report.models = int(data.models.size());
    report.scores = int(data.scores.size());
    report.licenses = int(data.licenses.size());
    report.conflicts = int(conflicts.size());
    report.imported = true;
    return report;
}

Result<ImportReport> ensureCatalogImported(CatalogDatabase &db, const QString &dataDir)
{
    const Result<QString> shipped = manifestVersion(dataDir);
    if (!shipped)
        return Result<ImportReport>::failure(shipped.error());
    if (db.catalogVersion() == shipped.value()) {
        ImportReport report;
        report.catalogVersion = shipped.value();
        return report;
    }
    return importCatalog(db, dataDir);
}

} // namespace ModelAtlas::Catalog
