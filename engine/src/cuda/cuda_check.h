#pragma once
// Every CUDA runtime call goes through MA_CUDA_TRY: a failure becomes an Error
// naming the call, CUDA's own description and the source line, and returns
// from the enclosing function (which returns a Result). Internal to the backend.

#include "modelatlas/engine/result.h"

#include <cuda_runtime_api.h>

namespace modelatlas::engine::cuda {

Error cudaCallError(cudaError_t status, const char *call, const char *file, int line);

} // namespace modelatlas::engine::cuda

#define MA_CUDA_TRY(call)                                                                                  \
    do {                                                                                                   \
        const cudaError_t maCudaStatus = (call);                                                           \
        if (maCudaStatus != cudaSuccess)                                                                   \
            return ::modelatlas::engine::cuda::cudaCallError(maCudaStatus, #call, __FILE__, __LINE__); \
    } while (0)
