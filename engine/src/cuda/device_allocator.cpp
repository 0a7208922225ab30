#include "modelatlas/engine/cuda/device_allocator.h"

#include "cuda/cuda_check.h"
#include "cuda/process_memory.h"
#include "modelatlas/engine/cuda/cuda_device.h"

#include <cuda_runtime_api.h>

namespace modelatlas::engine::cuda {

Result<std::unique_ptr<DeviceAllocator>> DeviceAllocator::create(int device)
{
    auto system = discoverDevices();
    if (!system)
        return system.error();
    if (device < 0 || size_t(device) >= system->devices.size())
        return makeError("CUDA device ", device, " does not exist (", system->devices.size(), " found)");
    const DeviceInfo &info = system->devices[size_t(device)];
    if (!info.supported)
        return makeError("CUDA device ", device, " (", info.name, "): ", info.unsupportedReason);

    MA_CUDA_TRY(cudaSetDevice(device));
    size_t freeBytes = 0, totalBytes = 0;
    MA_CUDA_TRY(cudaMemGetInfo(&freeBytes, &totalBytes));
    return std::unique_ptr<DeviceAllocator>(
        new DeviceAllocator(device, MemorySnapshot{freeBytes, totalBytes}, cudaContextBytes(device)));
}

DeviceAllocator::DeviceAllocator(int device, MemorySnapshot baseline, std::optional<uint64_t> contextBytes)
    : m_device(device), m_baseline(baseline), m_contextBytes(contextBytes)
{
}

DeviceAllocator::~DeviceAllocator()
{
    // Errors cannot be reported from here; after a sticky fault the context
    // (and with it this memory) is gone anyway, so the frees are best effort.
    if (cudaSetDevice(m_device) != cudaSuccess)
        return;
    for (const auto &[address, allocation] : m_ledger.live())
        cudaFree(const_cast<void *>(address));
}

Result<void *> DeviceAllocator::allocate(MemoryCategory category, uint64_t bytes, std::string_view label)
{
    if (bytes == 0)
        return makeError("allocating 0 bytes of ", memoryCategoryName(category), " for '", label, "'");
    MA_CUDA_TRY(cudaSetDevice(m_device));
    void *address = nullptr;
    const cudaError_t status = cudaMalloc(&address, bytes);
    if (status == cudaErrorMemoryAllocation) {
        cudaGetLastError();   // out of memory is not sticky: clear it so later calls do not report it again
        size_t freeBytes = 0, totalBytes = 0;
        MA_CUDA_TRY(cudaMemGetInfo(&freeBytes, &totalBytes));
        return makeError("out of GPU memory: '", label, "' (", memoryCategoryName(category), ") needs ",
                         formatBytes(bytes), " but device ", m_device, " has ", formatBytes(freeBytes), " free of ",
                         formatBytes(totalBytes), " (this model already holds ", formatBytes(m_ledger.currentBytes()),
                         ")");
    }
    MA_CUDA_TRY(status);
    m_ledger.record(address, bytes, category, label);
    return address;
}

Result<void> DeviceAllocator::release(void *address)
{
    if (m_ledger.live().count(address) == 0)
        return makeError("releasing device memory that was not allocated here");
    MA_CUDA_TRY(cudaSetDevice(m_device));
    // Forget first: if cudaFree fails the context is broken and the memory is lost with it.
    m_ledger.forget(address);
    MA_CUDA_TRY(cudaFree(address));
    return {};
}

Result<MemorySnapshot> DeviceAllocator::snapshot() const
{
    MA_CUDA_TRY(cudaSetDevice(m_device));
    size_t freeBytes = 0, totalBytes = 0;
    MA_CUDA_TRY(cudaMemGetInfo(&freeBytes, &totalBytes));
    return MemorySnapshot{freeBytes, totalBytes};
}

} // namespace modelatlas::engine::cuda
