#pragma once

#include "catalog/CatalogData.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <vector>

namespace ModelAtlas::License {

struct DeploymentProfile;

// A clause's machine-readable trigger (the "rule.when" object of a clause in
// data/licenses.json). Every member that is set must hold; `any` holds when
// one of its alternatives does. An empty condition always holds.
struct Condition
{
    std::optional<bool> commercial;
    std::optional<bool> euDomiciled;
    std::optional<double> mauGreaterThan;             // "mau_gt"
    std::optional<double> revenueGreaterThan;         // "revenue_gt" (annual USD)
    std::optional<double> monthlyRevenueGreaterThan;  // "monthly_revenue_gt" (annual / 12)
    QStringList organisationIn;                       // "org_type_in"
    QStringList useAny;                               // "use_any"
    QStringList domainAny;                            // "domain_any"
    QStringList modelModalityAny;                     // "model_modality_any": the model's own modality
    std::vector<Condition> any;                       // "any"

    // True when the profile/model meet the condition; `why` receives one
    // phrase per fact that made it hold ("800,000,000 monthly active users > 700,000,000").
    bool matches(const DeploymentProfile &profile, const QStringList &modelModality, QStringList *why) const;
};

// What a triggered clause does to the verdict ("rule.then").
enum class RuleEffect {
    Deny,        // not granted: NotAllowed
    Permission,  // the licensor's separate permission is needed: NotAllowed + a license-request obligation
    Review,      // depends on facts the profile cannot express: NeedsLegalReview
    Oblige,      // allowed, with the obligation text
    Note,        // a risk to know about; no effect on the verdict
};

struct ClauseRule
{
    QString clauseId, kind, summary, quote, src;
    Condition when;
    RuleEffect effect = RuleEffect::Note;
    QString obligation;      // checklist text (Oblige, Permission; optional for Review/Note)
    QString obligationKind;  // attribution, naming, notice, aup_passthrough, license_request, copy_of_license
    QString remedy;          // what would make a denied use possible
};

struct LicenseTerms
{
    QString id, name, url, commercialUse;
    int clauseCount = 0;
    std::vector<ClauseRule> rules; // clauses with a rule and no seed conflict, in file order
};

// One catalog model and the licenses that govern it.
struct ModelLicenses
{
    QString id, name;
    QStringList licenseIds; // every license a non-seed source attaches; else the preferred claim
    QStringList modality;   // the model's preferred modality claim ("text", "image", ...)
};

// The license knowledge the evaluator runs on: parsed once, then read-only
// (safe to share between threads).
class LicenseCatalog final
{
public:
    // From an imported catalog database (licenses.json / models.json columns).
    static Result<LicenseCatalog> fromDatabase(QSqlDatabase db);
    // From parsed catalog data (tests, tools).
    static Result<LicenseCatalog> fromCatalogData(const Catalog::CatalogData &data);
    // Parses one license object as written in data/licenses.json; errors name
    // the license, the clause and the field.
    static Result<LicenseTerms> parseLicense(const nlohmann::json &license);

    const LicenseTerms *license(const QString &id) const;
    const ModelLicenses *model(const QString &id) const;
    const std::vector<ModelLicenses> &models() const { return m_models; }
    const std::map<QString, LicenseTerms> &licenses() const { return m_licenses; }

    // For catalogs built in code (tests, benchmarks).
    void addLicense(LicenseTerms terms) { m_licenses[terms.id] = std::move(terms); }
    void addModel(ModelLicenses model);

private:
    // Reads the license claims of one model object; `seedSources` are ids of kind "seed".
    void addModelFromJson(const QString &id, const QString &name, const nlohmann::json &object,
                          const std::map<QString, bool> &isSeed);

    std::map<QString, LicenseTerms> m_licenses;
    std::vector<ModelLicenses> m_models;
    std::map<QString, size_t> m_modelIndex;
};

} // namespace ModelAtlas::License
