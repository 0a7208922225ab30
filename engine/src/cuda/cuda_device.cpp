// Device discovery through the CUDA runtime. The runtime is linked statically,
// so this code runs on machines without any CUDA library and turns a missing
// driver into a message instead of a failure to start.
#include "modelatlas/engine/cuda/cuda_device.h"

#include "cuda/cuda_check.h"

#include <cuda_runtime_api.h>

namespace modelatlas::engine::cuda {

namespace {

bool isSupported(int major, int minor)
{
    return major > kMinComputeMajor || (major == kMinComputeMajor && minor >= kMinComputeMinor);
}

// Reading free memory needs the device's context; creating it costs a few
// hundred MiB that the process keeps, which is fine because the backend
// would create it anyway. The caller's current device is restored.
Result<DeviceInfo> readDevice(int index)
{
    DeviceInfo info;
    info.index = index;
    cudaDeviceProp prop{};
    MA_CUDA_TRY(cudaGetDeviceProperties(&prop, index));
    info.name = prop.name;
    info.computeMajor = prop.major;
    info.computeMinor = prop.minor;
    info.totalMemoryBytes = prop.totalGlobalMem;
    info.smCount = prop.multiProcessorCount;
    info.memoryBusWidthBits = prop.memoryBusWidth;
    // CUDA 13 dropped memoryClockRate from cudaDeviceProp; the attribute remains.
    MA_CUDA_TRY(cudaDeviceGetAttribute(&info.memoryClockKHz, cudaDevAttrMemoryClockRate, index));
    info.peakBandwidthGBs = derivePeakBandwidthGBs(info.memoryClockKHz, info.memoryBusWidthBits);

    int previous = 0;
    MA_CUDA_TRY(cudaGetDevice(&previous));
    MA_CUDA_TRY(cudaSetDevice(index));
    size_t freeBytes = 0, totalBytes = 0;
    const cudaError_t memStatus = cudaMemGetInfo(&freeBytes, &totalBytes);
    MA_CUDA_TRY(cudaSetDevice(previous));
    MA_CUDA_TRY(memStatus);
    info.freeMemoryBytes = freeBytes;

    info.supported = isSupported(prop.major, prop.minor);
    if (!info.supported)
        info.unsupportedReason = detail::cat("compute capability ", prop.major, '.', prop.minor, " is below the ",
                                             kMinComputeMajor, '.', kMinComputeMinor, " this build supports");
    return info;
}

} // namespace

bool builtWithCuda()
{
    return true;
}

Result<CudaSystem> discoverDevices()
{
    CudaSystem system;
    MA_CUDA_TRY(cudaRuntimeGetVersion(&system.runtimeVersion));
    MA_CUDA_TRY(cudaDriverGetVersion(&system.driverVersion));
    if (system.driverVersion == 0)
        return makeError("no NVIDIA driver found (libcuda could not be loaded): the GPU cannot be used");
    // Minor-version compatibility: a driver for CUDA 13.0 runs any 13.x runtime.
    const std::string tooOld = detail::cat("the NVIDIA driver supports CUDA ", formatCudaVersion(system.driverVersion),
                                           " but this build needs CUDA ", system.runtimeVersion / 1000,
                                           ".0 or newer: update the driver");
    if (system.driverVersion / 1000 < system.runtimeVersion / 1000)
        return makeError(tooOld);

    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status == cudaErrorNoDevice || (status == cudaSuccess && count == 0))
        return makeError("no CUDA device found (NVIDIA driver for CUDA ", formatCudaVersion(system.driverVersion),
                         " is installed)");
    if (status == cudaErrorInsufficientDriver)
        return makeError(tooOld);
    MA_CUDA_TRY(status);

    for (int i = 0; i < count; ++i) {
        auto device = readDevice(i);
        if (!device)
            return makeError("CUDA device ", i, ": ", device.message());
        system.devices.push_back(std::move(device.value()));
    }
    return system;
}

Result<DeviceInfo> firstUsableDevice()
{
    auto system = discoverDevices();
    if (!system)
        return system.error();
    return firstUsableDevice(system.value());
}

} // namespace modelatlas::engine::cuda
