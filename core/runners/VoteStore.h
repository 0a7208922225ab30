#pragma once

#include "EloRanking.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace ModelAtlas::Runners {

// Blind-mode votes in the user part of the database (table votes, schema
// version 5). Never touched by a catalog import.
class VoteStore final
{
public:
    explicit VoteStore(QSqlDatabase db) : m_db(std::move(db)) {}

    Status record(const Vote &vote);
    // Every vote in the order cast; tag empty: every tag.
    Result<QList<Vote>> votes(const QString &tag = {}) const;
    Result<QStringList> tags() const;

private:
    QSqlDatabase m_db;
};

// The ranking as a JSON document and as a Markdown table (export).
QByteArray rankingJson(const QString &tag, const QList<EloEntry> &ranking);
QString rankingMarkdown(const QString &tag, const QList<EloEntry> &ranking);

} // namespace ModelAtlas::Runners
