#pragma once

#include "util/Result.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace ModelAtlas::License {

// Who deploys a model and how: the facts a license clause's condition is
// tested against. Uses and domains are stored as the canonical ids below so
// that clause conditions in data/licenses.json can name them directly.
struct DeploymentProfile
{
    QString name;                    // for saved profiles; may be empty otherwise
    QString organisation = QStringLiteral("company"); // one of organisationTypes()
    bool commercial = true;          // any commercial purpose (revenue, paid product, business use)
    double monthlyActiveUsers = 0;   // MAU of the products/services (incl. affiliates)
    double annualRevenueUsd = 0;
    bool euDomiciled = false;        // individual domiciled / principal place of business in the EU
    QStringList uses;                // useModes(): internal, saas, on_device, ...
    QStringList domains;             // domains(): military, medical, ...

    bool hasUse(const QString &use) const { return uses.contains(use); }
    bool hasDomain(const QString &domain) const { return domains.contains(domain); }
};

// Canonical ids with a one-line description each (for help texts and forms).
struct Choice
{
    const char *id;
    const char *description;
};
const std::vector<Choice> &organisationTypes();
const std::vector<Choice> &useModes();
const std::vector<Choice> &domains();

// Accepts the canonical id or a common alias ("api" -> "saas", "fine-tune" ->
// "distribute_derivative", hyphens for underscores); empty when unknown.
QString canonicalUse(const QString &text);
QString canonicalDomain(const QString &text);
QString canonicalOrganisation(const QString &text);

// Rejects nonsense: negative or non-finite numbers, more users than people on
// Earth, unknown uses/domains, no use at all. Messages name the field.
Status validate(const DeploymentProfile &profile);

// JSON form (the profile file and the database's json column):
// {"format":1,"name":..,"organisation":..,"commercial":..,"monthly_active_users":..,
//  "annual_revenue_usd":..,"eu_domiciled":..,"uses":[..],"domains":[..]}
nlohmann::json toJson(const DeploymentProfile &profile);
// `where` names the origin in error messages (a file path, "saved profile X").
Result<DeploymentProfile> fromJson(const nlohmann::json &json, const QString &where);

// Profile files: errors name the file and the field; the profile is validated.
Result<DeploymentProfile> loadProfileFile(const QString &path);
Status saveProfileFile(const DeploymentProfile &profile, const QString &path);

} // namespace ModelAtlas::License
