#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <map>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace ModelAtlas::Catalog {

// One source's statement of one value (see docs/CATALOG_FORMAT.md, "Sourced values").
struct Claim
{
    QString valueJson;             // canonical JSON of the value, compared to detect conflicts
    QString text;                  // the value as a user reads it ("235", "55-65", "text, image")
    std::optional<double> number;  // set for numbers
    std::optional<double> min;     // set for ranges {"min","max"} (and numbers: min == max == number)
    std::optional<double> max;
    bool approx = false;
    QString src;
    QString quote;
    QString note;
};

using ClaimList = std::vector<Claim>;
// field name -> claims in preference order (the first is the value used for filtering and sorting)
using Facts = std::map<QString, ClaimList>;

struct Source
{
    QString id, kind, file, url, repo, path, title, date;
};

// A catalog entity stored as typed key columns (see CatalogSpec) plus its full
// JSON for detail views. Validated against its spec when parsed.
struct Record
{
    QString id;
    nlohmann::json object; // the object as written in the data file
    Facts facts;           // its sourced fields (lists of claims)
};

struct Model
{
    QString id, name, family, variant, baseModel;
    QStringList aliases;
    Facts facts;
    nlohmann::json object;
};

struct Score
{
    QString model;       // empty for models outside the catalog (closed APIs)
    QString modelName;   // display name when model is empty
    QString benchmark;
    Claim value;         // value with its source
    QString setup, date;
};

struct LicenseClause
{
    QString id, kind, summary, quote, src, conflict;
    std::optional<double> threshold;
};

struct License
{
    Record record;
    QString name, spdx, url;
    std::vector<LicenseClause> clauses;
};

// Everything a catalog import writes, validated and cross-checked before the
// database is touched.
struct CatalogData
{
    QString catalogVersion;
    std::vector<Source> sources;
    std::vector<Model> models;
    std::vector<License> licenses;
    std::vector<Score> scores;
    // Records stored generically, by table name (see CatalogSpec's recordTables()).
    std::map<std::string, std::vector<Record>> records;

    const std::vector<Record> &recordsOf(const std::string &table) const
    {
        static const std::vector<Record> none;
        const auto it = records.find(table);
        return it == records.end() ? none : it->second;
    }
};

// Moves the records of `from` (e.g. one file's) to the end of `into`.
inline void appendCatalogData(CatalogData &into, CatalogData &&from)
{
    const auto append = [](auto &to, auto &items) {
        to.insert(to.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
    };
    if (into.catalogVersion.isEmpty())
        into.catalogVersion = from.catalogVersion;
    append(into.sources, from.sources);
    append(into.models, from.models);
    append(into.licenses, from.licenses);
    append(into.scores, from.scores);
    for (auto &[table, records] : from.records)
        append(into.records[table], records);
}

} // namespace ModelAtlas::Catalog
