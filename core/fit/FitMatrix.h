#pragma once

#include "planner/Planner.h"

#include <QList>
#include <QString>

#include <array>
#include <vector>

namespace ModelAtlas::Fit {

struct FitCell
{
    Planner::Verdict verdict = Planner::Verdict::DoesNotFit;
    int64_t maxContext = 0;
    double decodeTokS = 0;        // 0 when the speed is unknown or it does not fit
    uint64_t weightBytes = 0;
};

struct FitRow
{
    QString modelId, modelName;
    std::array<FitCell, 12> cells;        // Planner::fitMatrixQuants() order
    int bestQuant = -1;                   // index of the best quant that fits (fully first, then with offload)
};

struct FitOptions
{
    Planner::Workload workload;           // context and users the verdicts are for
    Planner::Deployment deployment;
    const Planner::EfficiencyTable *efficiency = nullptr;
};

// Every model x the 12 fit-matrix quantizations on one hardware profile.
std::vector<FitRow> fitMatrix(const std::vector<Planner::ModelShape> &models,
                              const Hardware::HardwareProfile &hardware, const FitOptions &options);

// Reverse: which catalog GPU configurations (each GPU x 1/2/4/8) run one
// model at one quantization and context. Only configurations that fit are
// returned, cheapest memory first.
struct GpuConfigFit
{
    Hardware::GpuSpec gpu;
    int count = 1;
    Planner::Verdict verdict = Planner::Verdict::DoesNotFit;
    int64_t headroomBytes = 0;
    double decodeTokS = 0;
    int64_t maxContext = 0;
};
std::vector<GpuConfigFit> gpuConfigsFor(const Planner::ModelShape &model, Planner::Quant quant,
                                        const QList<Hardware::GpuSpec> &gpus, const FitOptions &options,
                                        double systemRamGiB = 0);

} // namespace ModelAtlas::Fit
