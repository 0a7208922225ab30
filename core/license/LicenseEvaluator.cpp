#include "LicenseEvaluator.h"

#include <algorithm>

namespace ModelAtlas::License {

QString verdictId(Verdict v)
{
    switch (v) {
    case Verdict::Allowed: return QStringLiteral("allowed");
    case Verdict::AllowedWithObligations: return QStringLiteral("allowed_with_obligations");
    case Verdict::NeedsLegalReview: return QStringLiteral("needs_legal_review");
    case Verdict::NotAllowed: return QStringLiteral("not_allowed");
    }
    return {};
}

QString verdictLabel(Verdict v)
{
    switch (v) {
    case Verdict::Allowed: return QStringLiteral("Allowed");
    case Verdict::AllowedWithObligations: return QStringLiteral("Allowed with obligations");
    case Verdict::NeedsLegalReview: return QStringLiteral("Needs legal review");
    case Verdict::NotAllowed: return QStringLiteral("Not allowed");
    }
    return {};
}

QString ModelVerdict::decidingClause() const
{
    for (const Reason &r : reasons)
        if (r.effect == verdict && verdict != Verdict::Allowed)
            return r.clauseId.isEmpty() ? r.licenseId : r.licenseId + QLatin1Char('/') + r.clauseId;
    return {};
}

bool ModelVerdict::hasObligation(const QString &kind) const
{
    return std::any_of(obligations.begin(), obligations.end(), [&](const Obligation &o) { return o.kind == kind; });
}

namespace {

Verdict effectVerdict(RuleEffect e)
{
    switch (e) {
    case RuleEffect::Deny:
    case RuleEffect::Permission: return Verdict::NotAllowed;
    case RuleEffect::Review: return Verdict::NeedsLegalReview;
    case RuleEffect::Oblige: return Verdict::AllowedWithObligations;
    case RuleEffect::Note: return Verdict::Allowed;
    }
    return Verdict::NeedsLegalReview;
}

} // namespace

ModelVerdict LicenseEvaluator::evaluate(const DeploymentProfile &profile, const ModelLicenses &model) const
{
    ModelVerdict out;
    out.modelId = model.id;
    out.modelName = model.name;
    out.licenseIds = model.licenseIds;
    out.verdict = Verdict::Allowed;
    const auto raise = [&](Verdict v) { out.verdict = std::max(out.verdict, v); };

    if (model.licenseIds.isEmpty()) {
        out.reasons.push_back({Verdict::NeedsLegalReview, {}, {}, QStringLiteral("other"),
                               QStringLiteral("No license is on record for this model"), {}, {},
                               QStringLiteral("the catalog has no sourced license fact for this model"), {}});
        out.verdict = Verdict::NeedsLegalReview;
        return out;
    }
    for (const QString &licenseId : model.licenseIds) {
        const LicenseTerms *terms = m_catalog.license(licenseId);
        if (!terms || terms->rules.empty()) {
            out.reasons.push_back({Verdict::NeedsLegalReview, licenseId, {}, QStringLiteral("other"),
                                   QStringLiteral("The terms of this license are not encoded as clause rules"), {}, {},
                                   terms ? QStringLiteral("no machine-readable clause for %1; read the license").arg(terms->name)
                                         : QStringLiteral("unknown license id \"%1\"").arg(licenseId),
                                   {}});
            raise(Verdict::NeedsLegalReview);
            continue;
        }
        for (const ClauseRule &rule : terms->rules) {
            QStringList why;
            if (!rule.when.matches(profile, model.modality, &why))
                continue;
            const QString whyText = why.isEmpty() ? QStringLiteral("applies to every use") : why.join(QStringLiteral("; "));
            if (rule.effect == RuleEffect::Note) {
                out.notes << QStringLiteral("%1 (%2/%3)").arg(rule.obligation.isEmpty() ? rule.summary : rule.obligation,
                                                             licenseId, rule.clauseId);
                continue;
            }
            const Verdict v = effectVerdict(rule.effect);
            out.reasons.push_back({v, licenseId, rule.clauseId, rule.kind, rule.summary, rule.quote, rule.src, whyText,
                                   rule.remedy});
            raise(v);
            if (!rule.obligation.isEmpty() && (rule.effect == RuleEffect::Oblige || rule.effect == RuleEffect::Permission))
                out.obligations.push_back({rule.obligationKind, rule.obligation, licenseId, rule.clauseId});
        }
    }
    std::stable_sort(out.reasons.begin(), out.reasons.end(),
                     [](const Reason &a, const Reason &b) { return a.effect > b.effect; });
    return out;
}

ModelVerdict LicenseEvaluator::evaluate(const DeploymentProfile &profile, const QString &modelId) const
{
    if (const ModelLicenses *m = m_catalog.model(modelId))
        return evaluate(profile, *m);
    ModelVerdict out;
    out.modelId = modelId;
    out.verdict = Verdict::NeedsLegalReview;
    out.reasons.push_back({Verdict::NeedsLegalReview, {}, {}, QStringLiteral("other"), QStringLiteral("Model not in the catalog"),
                           {}, {}, QStringLiteral("no catalog model has the id \"%1\"").arg(modelId), {}});
    return out;
}

std::vector<ModelVerdict> LicenseEvaluator::evaluateAll(const DeploymentProfile &profile) const
{
    std::vector<ModelVerdict> out;
    out.reserve(m_catalog.models().size());
    for (const ModelLicenses &m : m_catalog.models())
        out.push_back(evaluate(profile, m));
    return out;
}

QStringList LicenseEvaluator::permittedModelIds(const DeploymentProfile &profile, bool withoutObligations) const
{
    const Verdict worst = withoutObligations ? Verdict::Allowed : Verdict::AllowedWithObligations;
    QStringList ids;
    for (const ModelLicenses &m : m_catalog.models())
        if (evaluate(profile, m).verdict <= worst)
            ids << m.id;
    return ids;
}

ObligationComparison LicenseEvaluator::compareObligations(const DeploymentProfile &profile, const QStringList &modelIds) const
{
    static const QStringList order = {QStringLiteral("license_request"), QStringLiteral("attribution"), QStringLiteral("naming"),
                                      QStringLiteral("notice"), QStringLiteral("copy_of_license"),
                                      QStringLiteral("aup_passthrough"), QStringLiteral("other")};
    ObligationComparison cmp;
    cmp.modelIds = modelIds;
    std::vector<ModelVerdict> verdicts;
    for (const QString &id : modelIds)
        verdicts.push_back(evaluate(profile, id));
    for (const QString &kind : order) {
        std::vector<QStringList> row(modelIds.size());
        bool any = false;
        for (size_t i = 0; i < verdicts.size(); ++i)
            for (const Obligation &o : verdicts[i].obligations)
                if (o.kind == kind) {
                    row[i] << o.text;
                    any = true;
                }
        if (any) {
            cmp.kinds << kind;
            cmp.cells.push_back(std::move(row));
        }
    }
    return cmp;
}

} // namespace ModelAtlas::License
