// The CUDA backend's API in a build without the CUDA toolkit: every entry
// point says so, and the CPU backend is the whole engine.
#include "modelatlas/engine/cuda/cuda_backend.h"
#include "modelatlas/engine/cuda/cuda_device.h"
#include "modelatlas/engine/cuda/cuda_ops.h"
#include "modelatlas/engine/cuda/device_allocator.h"
#include "modelatlas/engine/cuda/device_matrix.h"

namespace modelatlas::engine::cuda {

namespace {

Error builtWithoutCuda()
{
    return makeError("built without CUDA: this build of ModelAtlas has no GPU backend, the CPU runs the model");
}

} // namespace

bool builtWithCuda()
{
    return false;
}

Result<CudaSystem> discoverDevices()
{
    return builtWithoutCuda();
}

Result<DeviceInfo> firstUsableDevice()
{
    return builtWithoutCuda();
}

// No allocator can be created, so its members below are never reached; they
// exist so code using the API links in both builds.
Result<std::unique_ptr<DeviceAllocator>> DeviceAllocator::create(int)
{
    return builtWithoutCuda();
}

DeviceAllocator::DeviceAllocator(int device, MemorySnapshot baseline)
    : m_device(device), m_baseline(baseline)
{
}

DeviceAllocator::~DeviceAllocator() = default;

Result<void *> DeviceAllocator::allocate(MemoryCategory, uint64_t, std::string_view)
{
    return builtWithoutCuda();
}

Result<void> DeviceAllocator::release(void *)
{
    return builtWithoutCuda();
}

Result<MemorySnapshot> DeviceAllocator::snapshot() const
{
    return builtWithoutCuda();
}

bool matVecSupports(GgmlType)
{
    return false;
}

Result<DeviceMatrix> uploadMatrix(DeviceAllocator &, std::string_view, GgmlType, int64_t, int64_t, const void *,
                                  uint64_t)
{
    return builtWithoutCuda();
}

Result<void> matMul(const DeviceMatrix &, const float *, int, float *)
{
    return builtWithoutCuda();
}

Result<void> rmsNorm(float *, const float *, const float *, int, int, float)
{
    return builtWithoutCuda();
}

Result<void> rope(float *, int, int, int, int, int, float, const float *, cpu::RopeStyle)
{
    return builtWithoutCuda();
}

Result<void> swiglu(float *, const float *, int64_t)
{
    return builtWithoutCuda();
}

Result<void> copyToDevice(void *, const void *, uint64_t)
{
    return builtWithoutCuda();
}

Result<void> copyToHost(void *, const void *, uint64_t)
{
    return builtWithoutCuda();
}

Result<void> synchronize()
{
    return builtWithoutCuda();
}

Result<std::unique_ptr<Backend>> makeCudaBackend(std::shared_ptr<const Model>, int, int)
{
    return builtWithoutCuda();
}

} // namespace modelatlas::engine::cuda
