#pragma once

#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace ModelAtlas::Recommend {

// One row of the seeds' recommendation tables (data/recommendations.json):
// a catalog model named for a use case in a scenario, at a rank.
struct Endorsement
{
    QString useCase, scenario, modelId, note, src;
    int rank = 1;
};

// Every recommendation that names a catalog model (rows naming "All
// Apache/MIT models" or models outside the catalog carry no model id and
// cannot rank anything, so they are left out).
Result<QList<Endorsement>> loadEndorsements(QSqlDatabase db);

} // namespace ModelAtlas::Recommend
