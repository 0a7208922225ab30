#include "VoteStore.h"

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
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Runners::VoteStore)
};

QString normalTag(const QString &tag)
{
    const QString t = tag.trimmed().toLower();
    return t.isEmpty() ? QStringLiteral("general") : t;
}
} // namespace

Status VoteStore::record(const Vote &vote)
{
    if (vote.modelA.trimmed().isEmpty() || vote.modelB.trimmed().isEmpty())
        return Status::failure(Text::tr("A vote needs both models."));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO votes (task_tag, model_a, model_b, outcome, prompt, created_at)"
                             " VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(normalTag(vote.tag));
    q.addBindValue(vote.modelA);
    q.addBindValue(vote.modelB);
    q.addBindValue(voteOutcomeName(vote.outcome));
    q.addBindValue(vote.prompt);
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!q.exec())
        return Status::failure(Text::tr("Cannot store the vote: %1").arg(q.lastError().text()));
    return {};
}

Result<QList<Vote>> VoteStore::votes(const QString &tag) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT task_tag, model_a, model_b, outcome, prompt FROM votes"
                             " WHERE ? OR task_tag = ? ORDER BY id"));
    q.addBindValue(tag.isEmpty());
    q.addBindValue(normalTag(tag));
    if (!q.exec())
        return Result<QList<Vote>>::failure(Text::tr("Cannot read votes: %1").arg(q.lastError().text()));
    QList<Vote> out;
    while (q.next()) {
        Vote v;
        v.tag = q.value(0).toString();
        v.modelA = q.value(1).toString();
        v.modelB = q.value(2).toString();
        if (!voteOutcomeFromName(q.value(3).toString(), &v.outcome))
            continue;  // a row from a newer release with an outcome this one does not know
        v.prompt = q.value(4).toString();
        out.append(v);
    }
    return out;
}

Result<QStringList> VoteStore::tags() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT DISTINCT task_tag FROM votes ORDER BY task_tag")))
        return Result<QStringList>::failure(Text::tr("Cannot read votes: %1").arg(q.lastError().text()));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QByteArray rankingJson(const QString &tag, const QList<EloEntry> &ranking)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const EloEntry &e : ranking)
        rows.push_back({{"model", e.model.toStdString()}, {"rating", e.rating}, {"games", e.games},
                        {"wins", e.wins}, {"losses", e.losses}, {"ties", e.ties}});
    const nlohmann::json doc = {{"tag", tag.isEmpty() ? "all" : tag.toStdString()}, {"ranking", rows}};
    return QByteArray::fromStdString(doc.dump(2));
}

QString rankingMarkdown(const QString &tag, const QList<EloEntry> &ranking)
{
    QString md = Text::tr("# Blind-vote ranking: %1\n\n").arg(tag.isEmpty() ? Text::tr("all tasks") : tag);
    md += Text::tr("| # | Model | Elo | Games | Wins | Losses | Ties |\n");
    md += QStringLiteral("|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < ranking.size(); ++i) {
        const EloEntry &e = ranking[i];
        md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
                  .arg(i + 1)
                  .arg(e.model)
                  .arg(e.rating, 0, 'f', 0)
                  .arg(e.games)
                  .arg(e.wins)
                  .arg(e.losses)
                  .arg(e.ties);
    }
    return md;
}

} // namespace ModelAtlas::Runners
