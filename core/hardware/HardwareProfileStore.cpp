#include "HardwareProfileStore.h"

#include "HardwareProfileJson.h"
#include "HardwareValidation.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ModelAtlas::Hardware {

HardwareProfileStore::HardwareProfileStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Status HardwareProfileStore::validateName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Status::failure(QStringLiteral("a hardware profile needs a name."));
    if (trimmed.size() > 64)
        return Status::failure(QStringLiteral("hardware profile names are at most 64 characters."));
    for (const QChar c : trimmed) {
        if (c.category() == QChar::Other_Control)
            return Status::failure(QStringLiteral("hardware profile names cannot contain control characters."));
    }
    if (trimmed != name)
        return Status::failure(QStringLiteral("hardware profile names cannot start or end with spaces."));
    return {};
}

Status HardwareProfileStore::save(const HardwareProfile &profile, bool replace)
{
    if (const Status s = validateName(profile.name); !s)
        return s;
    if (const Status s = validateProfile(profile); !s)
        return s;
    if (!replace && contains(profile.name))
        return Status::failure(QStringLiteral("a hardware profile named \"%1\" already exists.").arg(profile.name));
    QSqlQuery q(m_db);
    if (replace) {
        q.prepare(QStringLiteral("DELETE FROM hardware_profiles WHERE lower(name) = lower(?)"));
        q.addBindValue(profile.name);
        if (!q.exec())
            return Status::failure(QStringLiteral("could not save hardware profile: %1").arg(q.lastError().text()));
    }
    q.prepare(QStringLiteral("INSERT INTO hardware_profiles (name, json, created_at) VALUES (?, ?, ?)"));
    q.addBindValue(profile.name);
    q.addBindValue(QString::fromStdString(toJson(profile).dump()));
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!q.exec())
        return Status::failure(QStringLiteral("could not save hardware profile: %1").arg(q.lastError().text()));
    return {};
}

namespace {

Result<HardwareProfile> parseRow(const QString &name, const QString &text)
{
    const nlohmann::json j = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (j.is_discarded())
        return Result<HardwareProfile>::failure(QStringLiteral("hardware profile \"%1\" is stored as invalid JSON.").arg(name));
    return profileFromJson(j);
}

} // namespace

Result<HardwareProfile> HardwareProfileStore::load(const QString &name) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name, json FROM hardware_profiles WHERE lower(name) = lower(?)"));
    q.addBindValue(name);
    if (!q.exec())
        return Result<HardwareProfile>::failure(QStringLiteral("could not read hardware profiles: %1").arg(q.lastError().text()));
    if (!q.next())
        return Result<HardwareProfile>::failure(QStringLiteral("no hardware profile named \"%1\".").arg(name));
    return parseRow(q.value(0).toString(), q.value(1).toString());
}

bool HardwareProfileStore::contains(const QString &name) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM hardware_profiles WHERE lower(name) = lower(?)"));
    q.addBindValue(name);
    return q.exec() && q.next();
}

Result<QList<HardwareProfile>> HardwareProfileStore::list() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT name, json FROM hardware_profiles ORDER BY lower(name)")))
        return Result<QList<HardwareProfile>>::failure(QStringLiteral("could not read hardware profiles: %1").arg(q.lastError().text()));
    QList<HardwareProfile> out;
    while (q.next()) {
        Result<HardwareProfile> p = parseRow(q.value(0).toString(), q.value(1).toString());
        if (!p)
            return Result<QList<HardwareProfile>>::failure(p.error());
        out.append(std::move(p).value());
    }
    return out;
}

Status HardwareProfileStore::remove(const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM hardware_profiles WHERE lower(name) = lower(?)"));
    q.addBindValue(name);
    if (!q.exec())
        return Status::failure(QStringLiteral("could not remove hardware profile: %1").arg(q.lastError().text()));
    if (q.numRowsAffected() == 0)
        return Status::failure(QStringLiteral("no hardware profile named \"%1\".").arg(name));
    return {};
}

} // namespace ModelAtlas::Hardware
