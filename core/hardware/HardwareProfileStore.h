#pragma once

#include "HardwareProfile.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>

namespace ModelAtlas::Hardware {

// The user's saved hardware profiles, one JSON row each in the
// hardware_profiles table (schema v2). User data: catalog imports never touch
// this table. Names are unique, compared case-insensitively.
class HardwareProfileStore final
{
public:
    explicit HardwareProfileStore(QSqlDatabase db);

    // Validates, then inserts; with `replace`, an existing profile of that name is overwritten.
    Status save(const HardwareProfile &profile, bool replace = false);
    Result<HardwareProfile> load(const QString &name) const;
    bool contains(const QString &name) const;
    // Every saved profile by name; rows that no longer parse are reported, not skipped silently.
    Result<QList<HardwareProfile>> list() const;
    Status remove(const QString &name);

    // Profile names: 1-64 characters, no control characters.
    static Status validateName(const QString &name);

private:
    QSqlDatabase m_db;
};

} // namespace ModelAtlas::Hardware
