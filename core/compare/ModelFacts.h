#pragma once

#include "catalog/CatalogQuery.h"
#include "util/Result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ModelAtlas::Compare {

// One source's score of one model on one benchmark. A range claim
// ("55-65") keeps its bounds; a point value has min == max == value.
struct ScoreClaim
{
    QString benchmarkId;
    double value = 0, min = 0, max = 0;
    bool approx = false;
    QString setup, src, quote, date;
};

// What Compare and Recommend know about one catalog model: the catalog
// row (preferred value of every field) and every score claim.
struct ModelFacts
{
    Catalog::ModelRow row;
    std::optional<double> languages;  // the preferred "languages" count, when a source gives one
    QString vendorCountry;            // ISO code of the vendor's seat ("FR"), empty when unknown
    QList<ScoreClaim> scores;

    QList<ScoreClaim> scoresFor(const QString &benchmarkId) const;
    // The best claim's value (higher-is-better benchmarks: the highest), unset when none.
    std::optional<double> bestScore(const QString &benchmarkId, bool higherIsBetter = true) const;
};

struct BenchmarkInfo
{
    QString id, name, unit;
    bool higherIsBetter = true;
};

struct FactsTable
{
    QList<ModelFacts> models;                  // catalog order (by name)
    QList<BenchmarkInfo> benchmarks;
    const ModelFacts *find(const QString &id) const;
    const BenchmarkInfo *benchmark(const QString &id) const;

private:
    friend Result<FactsTable> loadFacts(QSqlDatabase db);
    QHash<QString, qsizetype> m_index;
};

// Reads every model (through Catalog::CatalogQuery), its scores and
// languages; errors name the table that could not be read.
Result<FactsTable> loadFacts(QSqlDatabase db);

} // namespace ModelAtlas::Compare
