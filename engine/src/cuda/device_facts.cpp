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

} // namespace modelatlas::engine::cuda
