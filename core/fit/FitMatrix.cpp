#include "FitMatrix.h"

#include <algorithm>

namespace ModelAtlas::Fit {

using namespace ModelAtlas::Planner;

std::vector<FitRow> fitMatrix(const std::vector<ModelShape> &models, const Hardware::HardwareProfile &hardware,
                              const FitOptions &options)
{
    std::vector<FitRow> rows;
    rows.reserve(models.size());
    const auto &quants = fitMatrixQuants();
    for (const ModelShape &shape : models) {
        FitRow row;
        row.modelId = shape.id;
        row.modelName = shape.name;
        int bestOffload = -1;
        for (size_t i = 0; i < quants.size(); ++i) {
            const WeightLayout layout = layoutFor(shape, quants[i]);
            PlanInput in;
            in.shape = &shape;
            in.layout = &layout;
            in.hardware = hardware;
            in.workload = options.workload;
            in.deployment = options.deployment;
            in.quant = quants[i];
            in.efficiency = options.efficiency;
            FitCell &cell = row.cells[i];
            cell.weightBytes = layout.totalBytes;
            const auto p = plan(in);
            if (!p)
                continue;
            cell.verdict = p->verdict;
            cell.maxContext = p->maxContext;
            cell.decodeTokS = p->verdict != Verdict::DoesNotFit && p->speed.known ? p->speed.decodeTokS : 0;
            // quants are ordered best quality first
            if (cell.verdict == Verdict::Fits && row.bestQuant < 0)
                row.bestQuant = int(i);
            if (cell.verdict == Verdict::FitsWithOffload && bestOffload < 0)
                bestOffload = int(i);
        }
        if (row.bestQuant < 0)
            row.bestQuant = bestOffload;
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<GpuConfigFit> gpuConfigsFor(const ModelShape &model, Quant quant, const QList<Hardware::GpuSpec> &gpus,
                                        const FitOptions &options, double systemRamGiB)
{
    std::vector<GpuConfigFit> out;
    const WeightLayout layout = layoutFor(model, quant);
    for (const auto &gpu : gpus) {
        if (!(gpu.memoryGiB > 0))
            continue;
        for (const int count : {1, 2, 4, 8}) {
            if (gpu.unifiedMemory && count > 1)
                break;
            PlanInput in;
            in.shape = &model;
            in.layout = &layout;
            in.hardware.gpu = gpu;
            in.hardware.gpuCount = count;
            in.hardware.systemRamGiB = systemRamGiB;
            in.hardware.interconnect = QStringLiteral("nvlink");
            in.workload = options.workload;
            in.deployment = options.deployment;
            in.quant = quant;
            in.efficiency = options.efficiency;
            const auto p = plan(in);
            if (!p || p->verdict == Verdict::DoesNotFit)
                continue;
            out.push_back({gpu, count, p->verdict, p->headroomBytes, p->speed.known ? p->speed.decodeTokS : 0, p->maxContext});
            break;   // the smallest count of this GPU that fits
        }
    }
    std::sort(out.begin(), out.end(), [](const GpuConfigFit &a, const GpuConfigFit &b) {
        const double ma = a.gpu.memoryGiB * a.count, mb = b.gpu.memoryGiB * b.count;
        return ma != mb ? ma < mb : a.gpu.id < b.gpu.id;
    });
    return out;
}

} // namespace ModelAtlas::Fit
