#include "LocalPrediction.h"

#include "hardware/MemoryBandwidth.h"
#include "planner/GgufModel.h"
#include "planner/Planner.h"

#include "modelatlas/engine/runtime/session.h"

#include <thread>

namespace ModelAtlas::Runners {

LocalPrediction predictLocalRun(const QString &path, int contextLength, int threads)
{
    LocalPrediction out;
    const auto model = Planner::readGgufModel(path);
    if (!model) {
        out.error = model.error();
        return out;
    }
    out.fileType = model->fileType;
    out.cpuBandwidthGBs = Hardware::machineMemoryBandwidthGBs();
    Planner::PlanInput in;
    in.shape = &model->shape;
    in.layout = &model->layout;
    in.quant = Planner::quantByName(model->fileType);
    in.hardware.gpuCount = 0;
    in.hardware.systemRamGiB = 1e6;   // fit is the scheduler's question; here only the figures
    in.hardware.cpuBandwidthGBs = out.cpuBandwidthGBs;
    in.hardware.cpuCores = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    in.workload.context = std::max(1, contextLength);
    in.workload.ubatch = modelatlas::engine::SessionOptions{}.batchSize;
    in.deployment.backend = Planner::Backend::ModelAtlasCpu;
    in.computeMaxContext = false;
    const auto plan = Planner::plan(in);
    if (!plan) {
        out.error = plan.error();
        return out;
    }
    for (const Planner::DeviceUse &d : plan->devices)
        out.bytes += d.total();
    out.decodeTokS = plan->speed.known ? plan->speed.decodeTokS : 0.0;
    out.ok = out.bytes > 0;
    return out;
}

} // namespace ModelAtlas::Runners
