#pragma once

#include "ModelShape.h"
#include "hardware/HardwareProfile.h"
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

// Catalog GPUs (the `gpus` table) as GpuSpecs. Until hardware profiles with
// built-in cards land, this is where GPU names resolve.
Result<QList<Hardware::GpuSpec>> loadCatalogGpus(QSqlDatabase db);

// "h100-sxm-80gb", "H100 SXM", "4090", "rtx-4090x2" -> (GPU, count). The
// name matches an id or a name exactly (any case), else as a unique
// substring; "xK" at the end is the count (1-64).
struct GpuChoice
{
    Hardware::GpuSpec gpu;
    int count = 1;
};
Result<GpuChoice> resolveGpu(const QList<Hardware::GpuSpec> &gpus, const QString &text);

} // namespace ModelAtlas::Planner
