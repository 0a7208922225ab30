#include "ProfileStore.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace ModelAtlas::License {

Status ProfileStore::save(const DeploymentProfile &profile)
{
    if (profile.name.trimmed().isEmpty())
        return Status::failure(QStringLiteral("name: a saved profile needs a name"));
    if (const Status s = validate(profile); !s)
        return s;
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO deployment_profiles (name, json, created_at, updated_at) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT(name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at"));
    q.addBindValue(profile.name.trimmed());
    q.addBindValue(QString::fromStdString(toJson(profile).dump()));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec())
        return Status::failure(QStringLiteral("Cannot save the profile \"%1\": %2").arg(profile.name, q.lastError().text()));
    return {};
}

Result<DeploymentProfile> ProfileStore::load(const QString &name) const
{
    using R = Result<DeploymentProfile>;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT json FROM deployment_profiles WHERE name = ?"));
    q.addBindValue(name.trimmed());
    if (!q.exec())
        return R::failure(QStringLiteral("Cannot read saved profiles: %1").arg(q.lastError().text()));
    if (!q.next())
        return R::failure(QStringLiteral("No saved profile named \"%1\"").arg(name));
    const QByteArray text = q.value(0).toString().toUtf8();
    const auto j = nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    if (j.is_discarded())
        return R::failure(QStringLiteral("saved profile \"%1\": stored JSON is damaged").arg(name));
    return fromJson(j, QStringLiteral("saved profile \"%1\"").arg(name));
}

Result<QStringList> ProfileStore::names() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT name FROM deployment_profiles ORDER BY name")))
        return Result<QStringList>::failure(QStringLiteral("Cannot read saved profiles: %1").arg(q.lastError().text()));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Status ProfileStore::remove(const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM deployment_profiles WHERE name = ?"));
    q.addBindValue(name.trimmed());
    if (!q.exec())
        return Status::failure(QStringLiteral("Cannot delete the profile \"%1\": %2").arg(name, q.lastError().text()));
    if (q.numRowsAffected() == 0)
        return Status::failure(QStringLiteral("No saved profile named \"%1\"").arg(name));
    return {};
}

} // namespace ModelAtlas::License
