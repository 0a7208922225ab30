#pragma once

#include "ModelShape.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <vector>

namespace ModelAtlas::Planner {

// Every catalog model that has an `architectures` row, as a plannable shape
// (models whose hyper-parameters do not validate are reported in `skipped`).
struct CatalogShapes
{
    std::vector<ModelShape> shapes;
    QStringList skipped;     // "model-id: reason"
    const ModelShape *find(const QString &id) const;
};
Result<CatalogShapes> loadCatalogShapes(QSqlDatabase db);

} // namespace ModelAtlas::Planner
