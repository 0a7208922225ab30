#pragma once
// CUDA device discovery: what the planner needs to predict speed (memory size,
// bandwidth, SM count) and what a user needs to know when the GPU cannot be
// used (no driver, driver too old, no device, compute capability too low).
// Exists in every build; without the toolkit it reports "built without CUDA".

#include "modelatlas/engine/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace modelatlas::engine::cuda {

// The build contains device code for sm_80 and newer only (Ampere onwards, the
// supported set); an older GPU could not run it, so it is listed but marked unsupported.
inline constexpr int kMinComputeMajor = 8;
inline constexpr int kMinComputeMinor = 0;

struct DeviceInfo {
    int index = 0;                   // CUDA device ordinal
    std::string name;                // "NVIDIA H100 80GB HBM3"
    int computeMajor = 0;
    int computeMinor = 0;
    uint64_t totalMemoryBytes = 0;
    uint64_t freeMemoryBytes = 0;    // at discovery, after this process's context was created
    int smCount = 0;
    int memoryBusWidthBits = 0;
    int memoryClockKHz = 0;          // peak memory clock as the driver reports it
    double peakBandwidthGBs = 0.0;   // derived: see derivePeakBandwidthGBs()
    bool supported = false;          // compute capability >= kMinCompute*
    std::string unsupportedReason;   // empty when supported
};

struct CudaSystem {
    int driverVersion = 0;           // CUDA version the driver supports, 1000*major + 10*minor
    int runtimeVersion = 0;          // CUDA runtime this build links, same encoding
    std::vector<DeviceInfo> devices; // never empty when discovery succeeds
};

// True when this build contains the CUDA backend.
bool builtWithCuda();

// Lists the devices; the error says why none can be listed (no driver, driver
// older than the runtime, no device, built without CUDA).
Result<CudaSystem> discoverDevices();

// The first supported device, or an error naming why each one is not usable.
Result<DeviceInfo> firstUsableDevice();
// The same choice among devices already discovered.
Result<DeviceInfo> firstUsableDevice(const CudaSystem &system);

// "13.0" from 13000.
std::string formatCudaVersion(int version);

// Peak DRAM bandwidth in GB/s (1e9 bytes): the driver reports the memory clock
// such that two transfers happen per cycle (DDR) for HBM and GDDR alike.
double derivePeakBandwidthGBs(int memoryClockKHz, int memoryBusWidthBits);

} // namespace modelatlas::engine::cuda
