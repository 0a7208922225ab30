#pragma once

#include "HardwareProfile.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace ModelAtlas::Hardware {

// The built-in cards: every row of the catalog's `gpus` table (sourced
// values, see data/hardware.json) as a GpuSpec, each field its preferred
// claim. Memory "GB" as vendors print it for HBM/GDDR capacity is taken as
// GiB of device memory. A card whose memory or bandwidth no source gave has
// 0 there and fails validateGpu() with a message naming the missing value.
Result<QList<GpuSpec>> catalogGpus(QSqlDatabase db);

// "h100", "H100 SXM", "rtx-4090", "4090x2", "2x h100", "B200 x 8":
// a GPU name and how many of it.
struct GpuRequest
{
    QString name;
    int count = 1;
};
Result<GpuRequest> parseGpuRequest(const QString &text);

// Finds a card by catalog id, full name or a common short name ("4090",
// "h100" = H100 SXM, "a100" = A100 80GB, "m4 max"); case, spaces, hyphens and
// vendor words ("NVIDIA", "GeForce", "AMD Instinct", "Apple") are ignored.
Result<GpuSpec> findGpu(const QList<GpuSpec> &gpus, const QString &name);

// A profile for `count` identical cards. Up to 8 cards are one node; more
// than 8 in multiples of 8 become nodes of 8 (the usual HGX/DGX server),
// joined by InfiniBand; other counts above 8 are one node.
HardwareProfile profileFor(const GpuSpec &gpu, int count);

// What the CLI and the planner page call: a saved profile of that name, or a
// catalog card with an optional count ("h100x2"), validated.
Result<HardwareProfile> resolveHardware(QSqlDatabase db, const QString &text);

// Short names findGpu() understands, for "did you mean" messages and help.
QStringList knownGpuNames(const QList<GpuSpec> &gpus);

} // namespace ModelAtlas::Hardware
