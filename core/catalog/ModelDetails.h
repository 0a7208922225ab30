#pragma once

#include "CatalogQuery.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace ModelAtlas::Catalog {

struct SourcedValue
{
    QString text, src, sourceLabel, quote, note;
    bool approx = false;
};

struct FactDetail
{
    QString field;
    QList<SourcedValue> values; // preference order
    QString conflict;           // non-empty when the sources disagree
};

struct ScoreDetail
{
    QString benchmarkId, benchmarkName, unit, setup, date;
    SourcedValue value;
    QString conflict;           // the benchmark's conflict detail for this model
};

struct ClauseDetail
{
    QString id, kind, summary, quote, conflict, src, sourceLabel;
};

struct LicenseDetail
{
    QString id, name, url, commercialUse;
    std::optional<int> tier;
    QList<ClauseDetail> clauses;
};

struct StatementDetail
{
    QString kind, text, src, sourceLabel;
};

// Everything the detail pane and `modelatlas-cli show` display for one model.
struct ModelDetails
{
    ModelRow row;
    QString baseModel;
    QStringList aliases;
    QList<FactDetail> facts;
    QList<ScoreDetail> scores;
    std::optional<LicenseDetail> license;
    QList<QPair<QString, QString>> architecture; // hyper-parameter -> value
    QString architectureSource;
    QList<StatementDetail> hardware;
    QList<StatementDetail> prices;
    QStringList sources;                         // every source id cited for this model
    QString note;                                // the user's own note
};

Result<ModelDetails> loadModelDetails(QSqlDatabase db, const QString &modelId);

// A fact's or hyper-parameter's name as a reader sees it ("params_total_b" ->
// "Total parameters (B)"), translated; unknown names are spelled out.
QString factLabel(const QString &field);

} // namespace ModelAtlas::Catalog
