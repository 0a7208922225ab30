#pragma once

#include <QString>

#include <optional>

namespace ModelAtlas::Hardware {

// One accelerator model as the planner sees it. Figures are vendor datasheet
// values (dense FP16 tensor TFLOPS, peak memory bandwidth); the planner's
// efficiency factors turn them into expected throughput.
struct GpuSpec
{
    QString id;                 // catalog id ("h100-sxm-80gb") or "custom"
    QString name;
    QString vendor;
    double memoryGiB = 0;       // device memory visible to the runtime
    double bandwidthGBs = 0;    // peak memory bandwidth, GB/s (10^9 bytes)
    double fp16Tflops = 0;      // dense FP16/BF16 tensor throughput
    bool unifiedMemory = false; // Apple-style: GPU memory is system RAM
    std::optional<double> pricePerHourUsd;
    std::optional<double> purchaseUsd;
    std::optional<double> powerWatts;
};

// A machine (or a cluster of identical machines) a plan targets.
struct HardwareProfile
{
    QString name;
    GpuSpec gpu;                // identical GPUs; gpuCount == 0 means CPU only
    int gpuCount = 0;           // per node
    int nodes = 1;
    QString interconnect = QStringLiteral("pcie"); // "nvlink", "pcie", "infiniband" (between nodes)
    double systemRamGiB = 0;
    int cpuCores = 0;
    double cpuBandwidthGBs = 0; // system memory read bandwidth, for CPU offload / CPU-only plans

    int totalGpus() const { return gpuCount * nodes; }
};

} // namespace ModelAtlas::Hardware
