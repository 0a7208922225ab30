#pragma once

#include "license/DeploymentProfile.h"

#include <QString>
#include <QStringList>

namespace ModelAtlas::Cli {

// The deployment-profile flags `license` and `report` share
// (--commercial --org --mau --revenue --eu --use --domain), as typed.
struct ProfileFlags
{
    bool commercial = false;
    bool eu = false;
    QString org, mau, revenue;
    QStringList uses, domains;
};

// Fills `profile` from the flags and validates it; returns a usage message
// naming the offending flag, or an empty string.
QString profileFromFlags(const ProfileFlags &flags, License::DeploymentProfile &profile);

} // namespace ModelAtlas::Cli
