#pragma once
// A local Elo ranking from blind A/B votes, per task tag. Ratings are not
// stored: they are replayed from the stored votes in order, so a ranking is
// reproducible and deleting a vote is just deleting a row.

#include <QList>
#include <QString>

namespace ModelAtlas::Runners {

enum class VoteOutcome { A, B, Tie, BothBad };

// "a", "b", "tie", "both_bad" (the stored form) and back.
QString voteOutcomeName(VoteOutcome outcome);
bool voteOutcomeFromName(const QString &name, VoteOutcome *outcome);

struct Vote
{
    QString tag;      // the task ("coding", "summaries"); empty: "general"
    QString modelA;
    QString modelB;
    VoteOutcome outcome = VoteOutcome::Tie;
    QString prompt;
};

struct EloEntry
{
    QString model;
    double rating = 0;
    int games = 0;
    int wins = 0;
    int losses = 0;
    int ties = 0;     // ties and "both bad"
};

constexpr double kEloStart = 1000.0;
constexpr double kEloK = 32.0;

struct EloPair
{
    double a = 0;
    double b = 0;
};

// One game: scoreA is 1 (A won), 0 (B won) or 0.5 (a draw).
EloPair eloUpdate(double ratingA, double ratingB, double scoreA, double k = kEloK);

// Ratings after replaying `votes` in order, best first. tag empty: every vote.
// "Both bad" counts as a draw: neither answer was preferred, which is what
// the rating measures (as LMSYS Chatbot Arena does).
QList<EloEntry> eloRanking(const QList<Vote> &votes, const QString &tag = {});

} // namespace ModelAtlas::Runners
