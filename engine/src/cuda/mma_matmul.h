#pragma once
// The tensor-core matrix product of prompt batches (mma_matmul.cu), for the
// quantised weight types; matMul() (matvec.cu) chooses it.

#include "modelatlas/engine/cuda/device_matrix.h"

namespace modelatlas::engine::cuda {

// Batches of at least this many tokens go to the tensor cores: below it the
// warp kernel reads each weight once for the whole batch anyway.
inline constexpr int kMmaMinTokens = 9;

// Q8_0, Q4_0, Q4_K, Q5_K and Q6_K (8-bit integer products), and F16 rows of
// a multiple of 8 values (f16 products).
bool mmaMatMulSupports(GgmlType type, int64_t cols);

// Y = X W^T for n tokens as matMul(), X in w's activation form (rows of
// actRowBytes: 8-bit blocks, or cols F32 values for F16 weights). Launch
// errors come back; w must be supported.
Result<void> mmaMatMul(const DeviceMatrix &w, const uint8_t *act, uint64_t actRowBytes, int n, float *y,
                       cudaStream_t stream);

} // namespace modelatlas::engine::cuda
