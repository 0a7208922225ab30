#include "ProfileFlags.h"

#include "CliArguments.h"

namespace ModelAtlas::Cli {

using namespace ModelAtlas::License;

QString profileFromFlags(const ProfileFlags &flags, DeploymentProfile &profile)
{
    profile.commercial = flags.commercial;
    profile.euDomiciled = flags.eu;
    profile.organisation = flags.commercial ? QStringLiteral("company") : QStringLiteral("individual");
    if (!flags.org.isEmpty()) {
        profile.organisation = canonicalOrganisation(flags.org);
        if (profile.organisation.isEmpty())
            return QStringLiteral("--org: unknown organisation type \"%1\".").arg(flags.org);
    }
    if (!flags.mau.isEmpty()) {
        const auto n = parseAmount(flags.mau);
        if (!n || *n < 0)
            return QStringLiteral("--mau: \"%1\" is not a number of users >= 0 (e.g. 800M).").arg(flags.mau);
        profile.monthlyActiveUsers = *n;
    }
    if (!flags.revenue.isEmpty()) {
        const auto n = parseAmount(flags.revenue);
        if (!n || *n < 0)
            return QStringLiteral("--revenue: \"%1\" is not an amount in USD >= 0 (e.g. 5M).").arg(flags.revenue);
        profile.annualRevenueUsd = *n;
    }
    for (const QString &u : flags.uses) {
        const QString id = canonicalUse(u);
        if (id.isEmpty())
            return QStringLiteral("--use: unknown use mode \"%1\".").arg(u);
        if (!profile.uses.contains(id))
            profile.uses << id;
    }
    for (const QString &d : flags.domains) {
        const QString id = canonicalDomain(d);
        if (id.isEmpty())
            return QStringLiteral("--domain: unknown domain \"%1\".").arg(d);
        if (!profile.domains.contains(id))
            profile.domains << id;
    }
    if (const Status s = validate(profile); !s)
        return s.error() + QLatin1Char('.');
    return {};
}

} // namespace ModelAtlas::Cli
