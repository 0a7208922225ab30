#pragma once

#include "HardwareProfile.h"
#include "util/Result.h"

namespace ModelAtlas::Hardware {

// Bounds a plan accepts. They are generous on purpose (a future accelerator
// should not be refused) but reject numbers that can only be typos: a
// negative memory size, 100 TB on one GPU, ten thousand GPUs.
struct Limits
{
    static constexpr double maxMemoryGiB = 4096;        // per device; the largest shipping part has < 300 GiB
    static constexpr double maxBandwidthGBs = 100000;   // per device; B200 is 8,000 GB/s
    static constexpr double maxFp16Tflops = 100000;     // per device, dense
    static constexpr int maxGpusPerNode = 64;
    static constexpr int maxNodes = 1024;
    static constexpr int maxTotalGpus = 4096;
    static constexpr double maxPricePerHourUsd = 1000;  // per GPU
    static constexpr double maxPurchaseUsd = 10000000;  // per GPU
    static constexpr double maxPowerWatts = 5000;       // per GPU
    static constexpr double maxSystemRamGiB = 65536;
    static constexpr int maxCpuCores = 4096;
    static constexpr double maxCpuBandwidthGBs = 10000;
};

// Checks one GPU: memory and bandwidth must be positive and plausible;
// TFLOPS, prices and power are optional (0 / unset = unknown) but never
// negative, NaN or absurd. The message names the GPU and the field.
Status validateGpu(const GpuSpec &gpu);

// Checks a whole profile (its GPU when gpuCount > 0, counts, RAM, CPU).
Status validateProfile(const HardwareProfile &profile);

} // namespace ModelAtlas::Hardware
