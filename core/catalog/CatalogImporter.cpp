#include "CatalogImporter.h"

#include "CatalogParser.h"
#include "CatalogWriter.h"
#include "Conflicts.h"
#include "JsonReader.h"

#include <QFile>
#include <QSqlError>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <optional>

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

// Parsed files handed from the parsing thread to the writing one.
class FileQueue final
{
public:
    void push(CatalogData &&file)
    {
        {
            std::lock_guard lock(m_mutex);
            m_files.push_back(std::move(file));
        }
        m_ready.notify_one();
    }

    void close()
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_one();
    }

    // The next file, or nothing once the queue is closed and empty.
    std::optional<CatalogData> pop()
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_files.empty() || m_closed; });
        if (m_files.empty())
            return std::nullopt;
        CatalogData file = std::move(m_files.front());
        m_files.pop_front();
        return file;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<CatalogData> m_files;
    bool m_closed = false;
};

} // namespace

QString builtinCatalogDir()
{
    return QStringLiteral(":/catalog");
}

Result<ImportReport> importCatalog(CatalogDatabase &db, const QString &dataDir)
{
    using R = Result<ImportReport>;
    QSqlDatabase &sql = db.db();
    if (!sql.transaction())
        return R::failure(QStringLiteral("Cannot start the import: %1").arg(sql.lastError().text()));
    CatalogWriter writer(sql);
    Status written = writer.clear();

    // A worker parses and validates file after file while this thread writes
    // the files already checked: the two halves of an import overlap. The
    // transaction makes it all-or-nothing: any error, from either side, rolls
    // every written row back.
    FileQueue queue;
    std::atomic<bool> stop = false;
    auto parsing = std::async(std::launch::async, [&] {
        const Status parsed = parseCatalogFiles(dataDir, [&](CatalogData &&file) {
            queue.push(std::move(file));
            return !stop.load();
        });
        queue.close();
        return parsed;
    });
    CatalogData all;
    while (std::optional<CatalogData> file = queue.pop()) {
        if (written)
            written = writer.write(*file);
        if (!written)
            stop = true;
        appendCatalogData(all, std::move(*file));
    }
    const Status parsed = parsing.get();
    const std::vector<Conflict> conflicts = parsed && written ? detectConflicts(all) : std::vector<Conflict>{};
    if (parsed && written)
        written = writer.finish(conflicts, all.catalogVersion);
    if (parsed && written && !sql.commit())
        written = Status::failure(sql.lastError().text());
    if (!parsed || !written) {
        sql.rollback();
        return R::failure(QStringLiteral("The catalog was not imported: %1").arg(parsed ? written.error() : parsed.error()));
    }

    ImportReport report;
    report.catalogVersion = all.catalogVersion;
    report.sources = int(all.sources.size());
    report.models = int(all.models.size());
    report.scores = int(all.scores.size());
    report.licenses = int(all.licenses.size());
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
