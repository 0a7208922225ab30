#include "EloRanking.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace ModelAtlas::Runners {

QString voteOutcomeName(VoteOutcome outcome)
{
    switch (outcome) {
    case VoteOutcome::A: return QStringLiteral("a");
    case VoteOutcome::B: return QStringLiteral("b");
    case VoteOutcome::Tie: return QStringLiteral("tie");
    case VoteOutcome::BothBad: return QStringLiteral("both_bad");
    }
    return QStringLiteral("tie");
}

bool voteOutcomeFromName(const QString &name, VoteOutcome *outcome)
{
    for (VoteOutcome o : {VoteOutcome::A, VoteOutcome::B, VoteOutcome::Tie, VoteOutcome::BothBad}) {
        if (voteOutcomeName(o) == name) {
            *outcome = o;
            return true;
        }
    }
    return false;
}

EloPair eloUpdate(double ratingA, double ratingB, double scoreA, double k)
{
    const double expectedA = 1.0 / (1.0 + std::pow(10.0, (ratingB - ratingA) / 400.0));
    const double delta = k * (scoreA - expectedA);
    return {ratingA + delta, ratingB - delta};
}

QList<EloEntry> eloRanking(const QList<Vote> &votes, const QString &tag)
{
    QHash<QString, EloEntry> table;
    const auto ensure = [&table](const QString &model) {
        if (!table.contains(model))
            table.insert(model, EloEntry{model, kEloStart, 0, 0, 0, 0});
    };
    for (const Vote &v : votes) {
        if (!tag.isEmpty() && v.tag != tag)
            continue;
        if (v.modelA == v.modelB)
            continue;  // a model against itself says nothing about either
        // Both inserted before either reference is taken: an insert may rehash.
        ensure(v.modelA);
        ensure(v.modelB);
        EloEntry &a = table[v.modelA];
        EloEntry &b = table[v.modelB];
        const double scoreA = v.outcome == VoteOutcome::A ? 1.0 : v.outcome == VoteOutcome::B ? 0.0 : 0.5;
        const EloPair r = eloUpdate(a.rating, b.rating, scoreA);
        a.rating = r.a;
        b.rating = r.b;
        ++a.games;
        ++b.games;
        if (scoreA == 1.0) {
            ++a.wins;
            ++b.losses;
        } else if (scoreA == 0.0) {
            ++b.wins;
            ++a.losses;
        } else {
            ++a.ties;
            ++b.ties;
        }
    }
    QList<EloEntry> out = table.values();
    std::sort(out.begin(), out.end(), [](const EloEntry &x, const EloEntry &y) {
        return x.rating != y.rating ? x.rating > y.rating : x.model < y.model;
    });
    return out;
}

} // namespace ModelAtlas::Runners
