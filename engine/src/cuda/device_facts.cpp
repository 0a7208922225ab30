// Arithmetic and formatting on what the driver reports, shared by the CUDA
// build and the build without it.
#include "modelatlas/engine/cuda/cuda_device.h"

namespace modelatlas::engine::cuda {

std::string formatCudaVersion(int version)
{
    return detail::cat(version / 1000, '.', (version % 1000) / 10);
}

double derivePeakBandwidthGBs(int memoryClockKHz, int memoryBusWidthBits)
{
    const double transfersPerSecond = 2.0 * double(memoryClockKHz) * 1e3;
    return transfersPerSecond * (double(memoryBusWidthBits) / 8.0) / 1e9;
}

Result<DeviceInfo> firstUsableDevice(const CudaSystem &system)
{
    std::string reasons;
    for (const DeviceInfo &d : system.devices) {
        if (d.supported)
            return d;
        reasons += detail::cat(reasons.empty() ? "" : "; ", "device ", d.index, " (", d.name, "): ",
                               d.unsupportedReason);
    }
    return makeError("no usable CUDA device: ", reasons.empty() ? std::string("none listed") : reasons);
}

} // namespace modelatlas::engine::cuda
