#pragma once

#include "Recommender.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace ModelAtlas::Recommend::Explain {

// The sentences the wizard shows: why a model was left out, why it ranks
// where it does, and why the runner-up lost. They reach users, so they go
// through Qt's translation (context "Recommend"); numbers use the locale.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Recommend)
};

QString tooLargeForEdge(double paramsB, double maxB);
QString tierTooHigh(std::optional<int> tier, const QString &licenseName, int maxTier);
QString contextTooShort(std::optional<double> context, int64_t minContext);
QString licenseDenied(const License::ModelVerdict &verdict);
QString doesNotFit(const FitInfo &fit, const Hardware::HardwareProfile &hardware, bool sizeKnown);
QString tooSlow(double tokS, double minTokS);
QString overBudget(double monthlyUsd, double maxUsd);

// One line per consideration: seed endorsements, benchmarks, fit, license, cost.
QStringList reasons(const Candidate &c);
// Why `loser` ranks below `winner`: the components where it fell short.
QString whyLost(const Candidate &winner, const Candidate &loser);

// "Allowed", "Needs legal review" ... translated.
QString verdictText(License::Verdict v);
// "10M", "128K", "32,768" tokens as the seeds write them.
QString tokens(double count);

} // namespace ModelAtlas::Recommend::Explain
