#pragma once
// Weight matrices on the device in their GGUF block types (never expanded),
// and the fused dequantising matrix product of decode and prompts: Y = X W^T.

#include "modelatlas/engine/cpu/matmul.h"
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

// The activations a weight type is multiplied with: F32 for F32/F16/BF16,
// else the 8-bit blocks the CPU backend uses (Q8_0 for Q8_0/Q4_0, Q8_K for the
// K-quants), so integer dot products do the work.
cpu::ActType matMulActivations(GgmlType weightType);

// X of a matMul in the forms its weights may need, each (n, cols) rows on the
// device: F32 (16-byte aligned) and its quantizeActivations() forms.
struct MatMulInput {
    const float *f32 = nullptr;
    const void *q8_0 = nullptr;
    const void *q8K = nullptr;
};

// Y = X W^T for n tokens (decode: a warp per row; a batch of quantised or F16
// weights: tensor cores): Y (n, rows) F32 on the device, X in the form
// matMulActivations(w.type) names (an error when it is missing). F32 rows of a
// batch (n > 1) must be a multiple of 4 values, so each is 16-byte aligned.
// Asynchronous on `stream`: launch errors come back here, faults during the
// kernel from the next synchronize().
Result<void> matMul(const DeviceMatrix &w, const MatMulInput &x, int n, float *y, cudaStream_t stream = nullptr);

// x (n rows of cols floats) as `type` blocks (Q8_0 or Q8_K; cols a multiple of
// the block) into out (n * cpu::actRowBytes(type, cols) bytes), bit for bit as
// cpu::quantizeActivations does.
Result<void> quantizeActivations(cpu::ActType type, const float *x, int n, int cols, void *out,
                                 cudaStream_t stream = nullptr);

} // namespace modelatlas::engine::cuda
