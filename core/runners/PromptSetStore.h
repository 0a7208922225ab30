#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace ModelAtlas::Runners {

// A named list of prompts, run across the panes in one batch.
struct PromptSet
{
    QString name;
    QString tag;          // the task the prompts test; votes on them count for it
    QStringList prompts;
};

// Saved prompt sets in the user part of the database (table prompt_sets,
// schema version 5). Never touched by a catalog import.
class PromptSetStore final
{
public:
    explicit PromptSetStore(QSqlDatabase db) : m_db(std::move(db)) {}

    // Inserts or replaces the set with the same name.
    Status save(const PromptSet &set);
    Result<PromptSet> load(const QString &name) const;
    Result<QStringList> names() const;
    Status remove(const QString &name);

private:
    QSqlDatabase m_db;
};

} // namespace ModelAtlas::Runners
