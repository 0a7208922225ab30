#pragma once

#include "DeploymentProfile.h"
#include "LicenseCatalog.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace ModelAtlas::License {

// Ordered by severity: a model's verdict is the most severe of its clauses'.
enum class Verdict { Allowed, AllowedWithObligations, NeedsLegalReview, NotAllowed };

QString verdictId(Verdict v);    // "allowed", "allowed_with_obligations", "needs_legal_review", "not_allowed"
QString verdictLabel(Verdict v); // "Allowed", "Allowed with obligations", ...

// One clause that triggered for the profile.
struct Reason
{
    Verdict effect = Verdict::Allowed;
    QString licenseId, clauseId, kind, summary, quote, src;
    QString why;    // the profile's facts that made the clause apply
    QString remedy; // for denials: what would make the use possible
};

struct Obligation
{
    QString kind; // attribution, naming, notice, aup_passthrough, license_request, copy_of_license, other
    QString text;
    QString licenseId, clauseId;
};

struct ModelVerdict
{
    QString modelId, modelName;
    QStringList licenseIds;
    Verdict verdict = Verdict::NeedsLegalReview;
    std::vector<Reason> reasons;         // most severe first
    std::vector<Obligation> obligations; // the checklist, in clause order
    QStringList notes;                   // risks that do not change the verdict (revocation, remote restriction)

    // "license/clause" of the first reason as severe as the verdict; empty for Allowed.
    QString decidingClause() const;
    bool hasObligation(const QString &kind) const;
};

// Obligations of several models side by side: one row per obligation kind.
struct ObligationComparison
{
    QStringList modelIds;
    QStringList kinds;                   // rows
    std::vector<std::vector<QStringList>> cells; // [row][model] -> obligation texts
};

// Applies the clause rules of data/licenses.json to a deployment profile.
// Stateless apart from the catalog it reads; evaluate() is const and thread-safe.
class LicenseEvaluator final
{
public:
    explicit LicenseEvaluator(const LicenseCatalog &catalog) : m_catalog(catalog) {}

    ModelVerdict evaluate(const DeploymentProfile &profile, const ModelLicenses &model) const;
    // Unknown model id -> NeedsLegalReview with a reason saying so.
    ModelVerdict evaluate(const DeploymentProfile &profile, const QString &modelId) const;
    std::vector<ModelVerdict> evaluateAll(const DeploymentProfile &profile) const;

    // Ids for Catalog::ModelFilter::ids ("only models I may use"): Allowed and,
    // unless `withoutObligations`, AllowedWithObligations.
    QStringList permittedModelIds(const DeploymentProfile &profile, bool withoutObligations = false) const;

    ObligationComparison compareObligations(const DeploymentProfile &profile, const QStringList &modelIds) const;

private:
    const LicenseCatalog &m_catalog;
};

} // namespace ModelAtlas::License
