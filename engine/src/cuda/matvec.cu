// Fused dequantising matrix products: one warp per output row streams the
// row's blocks once from DRAM and never writes them out in a wider type.
// Decode is bound by weight bandwidth, so the layout of loads (block_dot.cuh)
// matters and the arithmetic does not.
#include "modelatlas/engine/cuda/device_matrix.h"

#include "cuda/block_dot.cuh"
#include "cuda/cuda_check.h"
#include "cuda/warp_reduce.cuh"

#include <cstdint>

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

constexpr int kRowsPerCta = 4;   // 128 threads: enough warps per SM to hide latency at any row count

// Weight rows are decoded once per group of up to kTokens tokens: a batch
// (prompt) reads each weight once per group instead of once per token. Token
// t's activations start at x + t * cols and its outputs at y + t * rows.
template <class Rows, int kTokens>
__global__ void __launch_bounds__(kRowsPerCta *kWarpSize)
    matMulKernel(const uint8_t *__restrict__ w, uint64_t rowStride, const float *__restrict__ x,
                 float *__restrict__ y, int rows, int cols, int nTokens)
{
    const int lane = int(threadIdx.x) % kWarpSize;
    const int row = int(blockIdx.x) * kRowsPerCta + int(threadIdx.x) / kWarpSize;
    if (row >= rows)
        return;   // the whole warp leaves together, so the shuffles below stay full-warp
    const uint8_t *rowBytes = w + uint64_t(row) * rowStride;
    const int nBlocks = cols / Rows::kElems;
    const int nSlices = nBlocks * Rows::kSlices;
    float acc[kTokens];
#pragma unroll
    for (int t = 0; t < kTokens; ++t)
        acc[t] = 0.0f;
    for (int s = lane; s < nSlices; s += kWarpSize) {
        const int b = s / Rows::kSlices;
        const uint8_t *block = rowBytes + size_t(b) * Rows::kBytes;
#pragma unroll
        for (int t = 0; t < kTokens; ++t) {
            if (t < nTokens)
                Rows::accumulate(acc[t], block, s % Rows::kSlices, x + size_t(t) * cols + size_t(b) * Rows::kElems);
        }
    }
    if constexpr (Rows::kHasTail) {
        for (int i = nBlocks * Rows::kElems + lane; i < cols; i += kWarpSize) {
            const float wi = Rows::element(rowBytes, i);
#pragma unroll
            for (int t = 0; t < kTokens; ++t) {
                if (t < nTokens)
                    acc[t] = fmaf(wi, x[size_t(t) * cols + i], acc[t]);
            }
        }
    }
#pragma unroll
    for (int t = 0; t < kTokens; ++t) {
        const float sum = warpSum(acc[t]);
        if (lane == 0 && t < nTokens)
            y[size_t(t) * rows + row] = sum;
    }
}

// One token reads the weights once anyway; a batch goes in groups of 8
// (8 accumulators per lane keep the kernel free of register spills).
constexpr int kTokensPerGroup = 8;

template <class Rows>
void launch(const DeviceMatrix &m, const float *x, int n, float *y, cudaStream_t stream)
{
    const unsigned ctas = unsigned((m.rows + kRowsPerCta - 1) / kRowsPerCta);
    const auto *w = static_cast<const uint8_t *>(m.data);
    if (n == 1) {
        matMulKernel<Rows, 1><<<ctas, kRowsPerCta * kWarpSize, 0, stream>>>(w, m.rowStrideBytes, x, y, int(m.rows),
                                                                         int(m.cols), 1);
        return;
    }
    for (int t0 = 0; t0 < n; t0 += kTokensPerGroup) {
        const int group = n - t0 < kTokensPerGroup ? n - t0 : kTokensPerGroup;
        matMulKernel<Rows, kTokensPerGroup><<<ctas, kRowsPerCta * kWarpSize, 0, stream>>>(
            w, m.rowStrideBytes, x + size_t(t0) * size_t(m.cols), y + size_t(t0) * size_t(m.rows), int(m.rows),
            int(m.cols), group);
    }
}

} // namespace
} // namespace kernels

Result<void> matMul(const DeviceMatrix &w, const float *x, int n, float *y, cudaStream_t stream)
{
    if (!w.data || !x || !y)
        return makeError("matMul: null device pointer");
    if (n < 1)
        return makeError("matMul: ", n, " tokens");
    if (reinterpret_cast<uintptr_t>(x) % 16 != 0 || (n > 1 && w.cols % 4 != 0))
        return makeError("matMul: every token's activations must be 16-byte aligned (they are read 4 floats at a "
                         "time), so a batch needs rows of a multiple of 4 values; this one has ", w.cols);
    using namespace kernels;
    switch (w.type) {
    case GgmlType::F32: launch<F32Rows>(w, x, n, y, stream); break;
    case GgmlType::F16: launch<F16Rows>(w, x, n, y, stream); break;
    case GgmlType::BF16: launch<BF16Rows>(w, x, n, y, stream); break;
    case GgmlType::Q8_0: launch<Q8_0Rows>(w, x, n, y, stream); break;
    case GgmlType::Q4_0: launch<Q4_0Rows>(w, x, n, y, stream); break;
    case GgmlType::Q4_K: launch<Q4_KRows>(w, x, n, y, stream); break;
    case GgmlType::Q5_K: launch<Q5_KRows>(w, x, n, y, stream); break;
    case GgmlType::Q6_K: launch<Q6_KRows>(w, x, n, y, stream); break;
    default: return makeError("matMul: no kernel for ", ggmlTypeName(w.type));
    }
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
