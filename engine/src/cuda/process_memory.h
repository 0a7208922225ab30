#pragma once
// What the driver counts for this process on a GPU, through NVML loaded at
// run time (libnvidia-ml.so.1 comes with the driver; the build needs no NVML
// header or library). cudaMemGetInfo only sees memory after the CUDA context
// exists; NVML also sees the context itself, which the planner's GPU lines
// include.

#include <cstdint>
#include <optional>
#include <string>

namespace modelatlas::engine::cuda {

// Device memory of this process on the GPU at `pciBusId` ("0000:17:00.0"):
// its CUDA context and every allocation. nullopt where NVML is missing or
// does not list this process (a container whose process ids it cannot map).
std::optional<uint64_t> processDeviceMemory(const std::string &pciBusId);

// The CUDA context's own device memory on `device`: what the process held
// there the first time this was asked, the context just made and nothing
// allocated yet (DeviceAllocator::create asks before its first allocation).
// Later calls return that figure. nullopt where NVML cannot tell.
std::optional<uint64_t> cudaContextBytes(int device);

} // namespace modelatlas::engine::cuda
