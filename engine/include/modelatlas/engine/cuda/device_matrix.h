#pragma once
// Weight matrices on the device in their GGUF block types (never expanded),
// and the fused dequantising matrix-vector product of decode: y = W x.

#include "modelatlas/engine/cuda/device_allocator.h"
#include "modelatlas/engine/result.h"
#include "modelatlas/engine/tensor/ggml_type.h"

#include <cuda_runtime_api.h>

#include <cstdint>
#include <string_view>

namespace modelatlas::engine::cuda {

// A row-major matrix of `rows` rows of `cols` elements, each row a whole number
// of blocks of `type`. The memory belongs to the DeviceAllocator that made it
// (category Weights); release it there or let the allocator free it.
struct DeviceMatrix {
    GgmlType type = GgmlType::F32;
    int64_t rows = 0;
    int64_t cols = 0;
    uint64_t rowStrideBytes = 0;  // the row's bytes rounded up to 16: every row starts 16-byte aligned for wide loads
    void *data = nullptr;         // device: (rows, rowStrideBytes) bytes
};

// True for the types matVec() handles: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K.
bool matVecSupports(GgmlType type);

// Copies a tensor's raw GGUF bytes (rows * cols elements of `type`, `nBytes`
// long) to the device. Errors name the tensor.
Result<DeviceMatrix> uploadMatrix(DeviceAllocator &allocator, std::string_view name, GgmlType type, int64_t rows,
                                  int64_t cols, const void *bytes, uint64_t nBytes);

// Y = X W^T for n tokens: X (n, cols) and Y (n, rows), F32 on the device; X
// must be 16-byte aligned and, for n > 1, cols a multiple of 4 (every token's
// row aligned). Asynchronous on `stream`: launch errors come back here,
// faults during the kernel from the next synchronize().
Result<void> matMul(const DeviceMatrix &w, const float *x, int n, float *y, cudaStream_t stream = nullptr);

// y[rows] = W x[cols]: decode's one token.
inline Result<void> matVec(const DeviceMatrix &w, const float *x, float *y, cudaStream_t stream = nullptr)
{
    return matMul(w, x, 1, y, stream);
}

} // namespace modelatlas::engine::cuda
