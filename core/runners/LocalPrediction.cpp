#include "LocalPrediction.h"

#include "hardware/MemoryBandwidth.h"
#include "planner/GgufModel.h"
#include "planner/Planner.h"

#include "modelatlas/engine/runtime/session.h"

#include <thread>

namespace ModelAtlas::Runners {

LocalPrediction predictLocalRun(const QString &path, int contextLength, int threads,
                                const modelatlas::engine::cuda::DeviceInfo *gpu, modelatlas::engine::KvCacheType kvType)
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
    in.deployment.backend = Planner::Backend::ModelAtlasCpu;
    if (gpu) {
        // The card as the driver reports it: the planner needs memory and
        // bandwidth for the memory lines and decode; compute (prefill) is not reported.
        in.hardware.gpu.id = QStringLiteral("custom");
        in.hardware.gpu.name = QString::fromStdString(gpu->name);
        in.hardware.gpu.memoryGiB = double(gpu->totalMemoryBytes) / double(1ull << 30);
        in.hardware.gpu.bandwidthGBs = gpu->peakBandwidthGBs;
        in.hardware.gpuCount = 1;
        in.deployment.backend = Planner::Backend::ModelAtlasCuda;
    }
    in.hardware.systemRamGiB = 1e6;   // fit is the scheduler's question; here only the figures
    in.hardware.cpuBandwidthGBs = out.cpuBandwidthGBs;
    in.hardware.cpuCores = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    in.workload.context = std::max(1, contextLength);
    in.workload.kvType = kvType == modelatlas::engine::KvCacheType::Q8_0 ? Planner::KvType::Q8_0 : Planner::KvType::F16;
    in.workload.ubatch = modelatlas::engine::SessionOptions{}.batchSize;
    in.computeMaxContext = false;
    const auto plan = Planner::plan(in);
    if (!plan) {
        out.error = plan.error();
        return out;
    }
    // On a GPU the host keeps only the mapped token embedding (file pages the
    // kernel can drop), so the run's memory is the GPU's lines alone.
    for (const Planner::DeviceUse &d : plan->devices)
        if (d.gpu == (gpu != nullptr))
            out.bytes += d.total();
    out.decodeTokS = plan->speed.known ? plan->speed.decodeTokS : 0.0;
    out.ok = out.bytes > 0;
    return out;
}

} // namespace ModelAtlas::Runners
