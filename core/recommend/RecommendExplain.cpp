#include "RecommendExplain.h"

#include "cost/CostModel.h"

#include <QLocale>

#include <cmath>

namespace ModelAtlas::Recommend::Explain {

namespace {

QString num(double v, int decimals = 1)
{
    return QLocale().toString(v, 'f', decimals);
}

QString money(double usd)
{
    return QLocale().toCurrencyString(usd, QStringLiteral("$"), usd < 10 ? 2 : 0);
}

} // namespace

QString tokens(double count)
{
    if (count >= 1e6 && std::fmod(count, 1e6) == 0)
        return QStringLiteral("%1M").arg(QLocale().toString(count / 1e6, 'f', 0));
    if (count >= 1048576 && std::fmod(count, 1048576) == 0)
        return QStringLiteral("%1M").arg(QLocale().toString(count / 1048576, 'f', 0));
    if (count >= 1024 && std::fmod(count, 1024) == 0)
        return QStringLiteral("%1K").arg(QLocale().toString(count / 1024, 'f', 0));
    return QLocale().toString(count, 'f', 0);
}

QString verdictText(License::Verdict v)
{
    switch (v) {
    case License::Verdict::Allowed: return Text::tr("Allowed");
    case License::Verdict::AllowedWithObligations: return Text::tr("Allowed with obligations");
    case License::Verdict::NeedsLegalReview: return Text::tr("Needs legal review");
    case License::Verdict::NotAllowed: return Text::tr("Not allowed");
    }
    return {};
}

QString tooLargeForEdge(double paramsB, double maxB)
{
    return Text::tr("%1B parameters: too large for an edge device (the seeds' on-device picks stop at %2B)")
        .arg(num(paramsB, 0), num(maxB, 0));
}

QString tierTooHigh(std::optional<int> tier, const QString &licenseName, int maxTier)
{
    if (!tier)
        return Text::tr("license %1 has no tier in the catalog; tier %2 or better was asked for")
            .arg(licenseName.isEmpty() ? Text::tr("(unknown)") : licenseName)
            .arg(maxTier);
    return Text::tr("license tier %1 (%2) is above the allowed tier %3").arg(*tier).arg(licenseName).arg(maxTier);
}

QString contextTooShort(std::optional<double> context, int64_t minContext)
{
    if (!context)
        return Text::tr("context length unknown; %1 tokens needed").arg(tokens(double(minContext)));
    return Text::tr("context %1 tokens is shorter than the %2 needed").arg(tokens(*context), tokens(double(minContext)));
}

QString licenseDenied(const License::ModelVerdict &verdict)
{
    QString text = Text::tr("license not allowed for this deployment (%1)").arg(verdict.decidingClause());
    if (!verdict.reasons.empty() && !verdict.reasons.front().summary.isEmpty())
        text += QStringLiteral(": ") + verdict.reasons.front().summary;
    return text;
}

QString doesNotFit(const FitInfo &fit, const Hardware::HardwareProfile &hardware, bool sizeKnown)
{
    if (!sizeKnown && fit.rough)
        return Text::tr("parameter count unknown, cannot check the fit");
    const double capacity = hardware.totalGpus() > 0 ? hardware.gpu.memoryGiB * hardware.totalGpus() : hardware.systemRamGiB;
    return Text::tr("does not fit at 4-bit or better: %1 GiB of weights at 4 bits, %2 GiB available")
        .arg(num(fit.weightsGiB), num(capacity));
}

QString tooSlow(double tokS, double minTokS)
{
    return Text::tr("predicted %1 tok/s per user, below the %2 tok/s asked for").arg(num(tokS), num(minTokS));
}

QString overBudget(double monthlyUsd, double maxUsd)
{
    return Text::tr("%1 per month, over the %2 budget").arg(money(monthlyUsd), money(maxUsd));
}

QStringList reasons(const Candidate &c)
{
    QStringList out;
    if (!c.endorsedBy.isEmpty()) {
        QStringList where;
        for (const Endorsement &e : c.endorsedBy)
            where << Text::tr("%1 #%2 (%3)").arg(e.scenario).arg(e.rank).arg(e.src);
        out << Text::tr("Recommended by the seeds %n time(s): %1", nullptr, int(c.endorsedBy.size()))
                   .arg(where.join(QStringLiteral("; ")));
    } else {
        out << Text::tr("No seed recommends it for this use; ranked on benchmarks only");
    }
    if (!c.benchmarks.isEmpty()) {
        QStringList parts;
        for (const BenchmarkUse &b : c.benchmarks)
            parts << Text::tr("%1 %2 (weight %3)").arg(b.benchmarkName, num(b.score), num(b.weight));
        out << Text::tr("Benchmarks weighed: %1").arg(parts.join(QStringLiteral(", ")));
    }
    if (!c.qualityKnown)
        out << Text::tr("No benchmark score for this use in the catalog; quality counted as average");
    if (c.fit.checked) {
        QString fit = c.fit.verdict == Planner::Verdict::Fits
                          ? Text::tr("Fits at %1 (%2 GiB of weights)").arg(c.fit.quant, num(c.fit.weightsGiB))
                          : Text::tr("Fits at %1 with CPU offload (%2 GiB of weights)").arg(c.fit.quant, num(c.fit.weightsGiB));
        if (c.fit.decodeTokS > 0)
            fit += Text::tr(", about %1 tok/s per user").arg(num(c.fit.decodeTokS));
        if (c.fit.rough)
            fit += Text::tr(" — rough: no architecture in the catalog");
        out << fit;
    }
    if (c.licenseVerdict) {
        QString lic = Text::tr("License: %1").arg(verdictText(*c.licenseVerdict));
        if (!c.decidingClause.isEmpty())
            lic += QStringLiteral(" (%1)").arg(c.decidingClause);
        out << lic;
    }
    if (c.situationBonus > 1)
        out << Text::tr("EU-based vendor, preferred for an EU deployment (GDPR)");
    if (c.monthlyUsd || c.usdPerMTokens) {
        QStringList cost;
        if (c.monthlyUsd)
            cost << Text::tr("%1 per month").arg(money(*c.monthlyUsd));
        if (c.usdPerMTokens)
            cost << Text::tr("%1 per million output tokens").arg(money(*c.usdPerMTokens));
        out << Text::tr("Cost (%1): %2").arg(c.costBasis, cost.join(QStringLiteral(", ")));
    }
    return out;
}

QString whyLost(const Candidate &winner, const Candidate &loser)
{
    QStringList parts;
    if (loser.endorsement < winner.endorsement)
        parts << Text::tr("fewer seed recommendations for this use (%1 vs %2)")
                     .arg(loser.endorsedBy.size())
                     .arg(winner.endorsedBy.size());
    if (loser.quality < winner.quality)
        parts << Text::tr("weaker benchmark evidence (%1 vs %2 of 100)")
                     .arg(num(loser.quality * 100, 0), num(winner.quality * 100, 0));
    if (loser.licensePenalty < winner.licensePenalty)
        parts << Text::tr("its license needs legal review");
    if (loser.situationBonus < winner.situationBonus)
        parts << Text::tr("not from an EU-based vendor");
    if (parts.isEmpty())
        parts << Text::tr("a lower combined score (%1 vs %2)").arg(num(loser.score * 100, 0), num(winner.score * 100, 0));
    return Text::tr("%1 ranks below %2: %3").arg(loser.modelName, winner.modelName, parts.join(Text::tr("; ")));
}

} // namespace ModelAtlas::Recommend::Explain
