#include "PromptSetStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <nlohmann/json.hpp>

namespace ModelAtlas::Runners {

namespace {
// The translation context of this file's messages (lupdate reads the macro).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Runners::PromptSetStore)
};
} // namespace

Status PromptSetStore::save(const PromptSet &set)
{
    const QString name = set.name.trimmed();
    if (name.isEmpty())
        return Status::failure(Text::tr("A prompt set needs a name."));
    QStringList prompts;
    for (const QString &p : set.prompts)
        if (!p.trimmed().isEmpty())
            prompts << p;
    if (prompts.isEmpty())
        return Status::failure(Text::tr("The prompt set \"%1\" has no prompts.").arg(name));
    nlohmann::json list = nlohmann::json::array();
    for (const QString &p : std::as_const(prompts))
        list.push_back(p.toStdString());
    const nlohmann::json doc = {{"tag", set.tag.trimmed().toStdString()}, {"prompts", list}};
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO prompt_sets (name, json, created_at, updated_at) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT(name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at"));
    q.addBindValue(name);
    q.addBindValue(QString::fromStdString(doc.dump()));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec())
        return Status::failure(Text::tr("Cannot save the prompt set \"%1\": %2").arg(name, q.lastError().text()));
    return {};
}

Result<PromptSet> PromptSetStore::load(const QString &name) const
{
    using R = Result<PromptSet>;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT json FROM prompt_sets WHERE name = ?"));
    q.addBindValue(name.trimmed());
    if (!q.exec())
        return R::failure(Text::tr("Cannot read prompt sets: %1").arg(q.lastError().text()));
    if (!q.next())
        return R::failure(Text::tr("No prompt set named \"%1\".").arg(name));
    const std::string text = q.value(0).toString().toStdString();
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("prompts") || !j["prompts"].is_array())
        return R::failure(Text::tr("The stored prompt set \"%1\" is damaged.").arg(name));
    PromptSet set;
    set.name = name.trimmed();
    if (j.contains("tag") && j["tag"].is_string())
        set.tag = QString::fromStdString(j["tag"].get<std::string>());
    for (const auto &p : j["prompts"])
        if (p.is_string())
            set.prompts << QString::fromStdString(p.get<std::string>());
    return set;
}

Result<QStringList> PromptSetStore::names() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT name FROM prompt_sets ORDER BY name")))
        return Result<QStringList>::failure(Text::tr("Cannot read prompt sets: %1").arg(q.lastError().text()));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Status PromptSetStore::remove(const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM prompt_sets WHERE name = ?"));
    q.addBindValue(name.trimmed());
    if (!q.exec())
        return Status::failure(Text::tr("Cannot delete the prompt set \"%1\": %2").arg(name, q.lastError().text()));
    if (q.numRowsAffected() == 0)
        return Status::failure(Text::tr("No prompt set named \"%1\".").arg(name));
    return {};
}

} // namespace ModelAtlas::Runners
