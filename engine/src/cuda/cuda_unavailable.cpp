// The CUDA backend's entry points in a build without the CUDA toolkit: each
// says so, and the CPU backend is the whole engine. Only discovery and the
// backend factory exist in such a build (the kernel headers need CUDA).
#include "modelatlas/engine/cuda/cuda_backend.h"
#include "modelatlas/engine/cuda/cuda_device.h"

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

Result<std::unique_ptr<Backend>> makeCudaBackend(std::shared_ptr<const Model>, const BackendParams &, int)
{
    return builtWithoutCuda();
}

} // namespace modelatlas::engine::cuda
