#pragma once
// Device memory of one GPU, every allocation tagged with a MemoryCategory and
// recorded in a MemoryLedger (current and high-water mark per category), plus
// cudaMemGetInfo snapshots to measure what the driver and runtime take beyond
// the ledger. Destroying the allocator frees everything still allocated, so
// unloading a model cannot leak device memory.

#include "modelatlas/engine/cuda/memory_ledger.h"
#include "modelatlas/engine/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace modelatlas::engine::cuda {

struct MemorySnapshot {
    uint64_t freeBytes = 0;
    uint64_t totalBytes = 0;
};

// Not thread-safe: one allocator per device, used from the thread that drives it.
class DeviceAllocator {
public:
    // Creates the device's context (if the process has none yet) and takes the
    // baseline snapshot. Errors say why the device cannot be used.
    static Result<std::unique_ptr<DeviceAllocator>> create(int device);
    ~DeviceAllocator();
    DeviceAllocator(const DeviceAllocator &) = delete;
    DeviceAllocator &operator=(const DeviceAllocator &) = delete;

    // `bytes` (> 0) of device memory, 256-byte aligned. Out of memory is an
    // error naming the label, the requested size and the free memory.
    Result<void *> allocate(MemoryCategory category, uint64_t bytes, std::string_view label);
    // Frees memory this allocator handed out; any other pointer is an error.
    Result<void> release(void *address);

    const MemoryLedger &ledger() const { return m_ledger; }
    // cudaMemGetInfo now.
    Result<MemorySnapshot> snapshot() const;
    // cudaMemGetInfo when the allocator was created, the context already existing.
    const MemorySnapshot &baseline() const { return m_baseline; }
    // The CUDA context's own device memory, which the baseline leaves out:
    // from the driver (NVML), measured once per process; nullopt where it cannot tell.
    std::optional<uint64_t> contextBytes() const { return m_contextBytes; }
    int device() const { return m_device; }

private:
    DeviceAllocator(int device, MemorySnapshot baseline, std::optional<uint64_t> contextBytes);

    int m_device;
    MemorySnapshot m_baseline;
    std::optional<uint64_t> m_contextBytes;
    MemoryLedger m_ledger;
};

} // namespace modelatlas::engine::cuda
