#pragma once

#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace ModelAtlas::Catalog {

enum class ArchitectureFilter { Any, Dense, MoE };

// What the catalog list shows. Empty/unset members do not filter.
struct ModelFilter
{
    QStringList ids;                    // exact model ids
    QString text;                       // full-text over id, name and aliases (prefix match per word)
    QStringList families;
    QStringList vendors;
    QList<int> licenseTiers;            // e.g. {1, 2}
    bool commercialUseOnly = false;     // licenses whose commercial use is "yes" or "conditional"
    std::optional<double> minParamsB, maxParamsB;
    std::optional<double> minActiveParamsB, maxActiveParamsB;
    std::optional<double> minContextTokens;
    QString modality;                   // "image", "video", "audio", "text"
    ArchitectureFilter architecture = ArchitectureFilter::Any;
    QString benchmark;                  // with minScore: best score on this benchmark >= minScore
    std::optional<double> minScore;
    bool conflictsOnly = false;
};

enum class ModelSortKey {
    Name, Family, Vendor, Variant, ParamsTotal, ParamsActive, Architecture, Context, Released, License,
    LicenseTier, BenchmarkScore
};

struct ModelSort
{
    ModelSortKey key = ModelSortKey::Name;
    bool descending = false;
};

// One row of the catalog list: each field's preferred value.
struct ModelRow
{
    QString id, name, family, familyName, vendor, vendorName, variant;
    std::optional<double> paramsTotalB, paramsActiveB, contextTokens;
    QString architecture, attention, releaseDate, modality;
    QString licenseId, licenseName, commercialUse;
    std::optional<int> licenseTier;
    bool hasConflicts = false;
    std::optional<double> benchmarkScore; // the filter's benchmark, best score
};

struct SourceRow
{
    QString id, kind, location, title, date; // location: seed file name, URL or repo path
    int citations = 0;
};

struct NamedId
{
    QString id, name;
};

// Read-only queries over an open catalog database.
class CatalogQuery final
{
public:
    explicit CatalogQuery(QSqlDatabase db);

    Result<QList<ModelRow>> models(const ModelFilter &filter = {}, const ModelSort &sort = {}) const;
    Result<QList<SourceRow>> sources() const;
    QList<NamedId> families() const;
    QList<NamedId> vendors() const;
    QList<NamedId> benchmarks() const;
    int modelCount() const;

    // "deepseek-v3", "DeepSeek-V3", an alias, or a unique prefix -> model id.
    Result<QString> resolveModel(const QString &nameOrId) const;

private:
    QList<NamedId> namedIds(const QString &sql) const;
    QSqlDatabase m_db;
};

// Turns free text into a safe FTS5 query: every word a quoted prefix term.
QString ftsQuery(const QString &text);

} // namespace ModelAtlas::Catalog
