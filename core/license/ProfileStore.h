#pragma once

#include "DeploymentProfile.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace ModelAtlas::License {

// Saved deployment profiles in the user part of the catalog database (table
// deployment_profiles, schema version 4). Never touched by a catalog import.
class ProfileStore final
{
public:
    explicit ProfileStore(QSqlDatabase db) : m_db(std::move(db)) {}

    // Inserts or replaces the profile with the same name (required, non-empty).
    Status save(const DeploymentProfile &profile);
    Result<DeploymentProfile> load(const QString &name) const;
    Result<QStringList> names() const;
    Status remove(const QString &name);

private:
    QSqlDatabase m_db;
};

} // namespace ModelAtlas::License
