// Host <-> device copies and synchronisation on the default stream. Copies
// from pageable host memory are synchronous, which is what decode's small
// activation transfers need.
#include "modelatlas/engine/cuda/cuda_ops.h"

#include "cuda/cuda_check.h"

#include <cuda_runtime_api.h>

namespace modelatlas::engine::cuda {

Result<void> copyToDevice(void *deviceDst, const void *hostSrc, uint64_t bytes)
{
    MA_CUDA_TRY(cudaMemcpy(deviceDst, hostSrc, bytes, cudaMemcpyHostToDevice));
    return {};
}

Result<void> copyToHost(void *hostDst, const void *deviceSrc, uint64_t bytes)
{
    MA_CUDA_TRY(cudaMemcpy(hostDst, deviceSrc, bytes, cudaMemcpyDeviceToHost));
    return {};
}

Result<void> synchronize()
{
    MA_CUDA_TRY(cudaDeviceSynchronize());
    return {};
}

} // namespace modelatlas::engine::cuda
