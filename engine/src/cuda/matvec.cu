// Fused dequantising matrix products: one warp per output row streams the
// row's blocks once from DRAM and never writes them out in a wider type.
// Decode is bound by weight bandwidth, so the layout of loads (block_dot.cuh)
// matters and the arithmetic does not. Prompt batches of quantised and F16
// weights are arithmetic-bound instead and go to the tensor cores (mma_matmul.cu).
#include "modelatlas/engine/cuda/device_matrix.h"

#include "cuda/block_dot.cuh"
#include "cuda/cuda_check.h"
#include "cuda/mma_matmul.h"
#include "cuda/warp_reduce.cuh"

#include <cstdint>

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

constexpr int kRowsPerCta = 4;   // 128 threads: enough warps per SM to hide latency at any row count

// Weight rows are decoded once per group of up to kTokens tokens: a batch
// (prompt) reads each weight once per group instead of once per token. Token
// t's activations start at act + t * actRowBytes (F32 or 8-bit blocks, as the
// weight type needs) and its outputs at y + t * rows.
template <class Rows, int kTokens>
__global__ void __launch_bounds__(kRowsPerCta *kWarpSize)
    matMulKernel(const uint8_t *__restrict__ w, uint64_t rowStride, const uint8_t *__restrict__ act,
                 uint64_t actRowBytes, float *__restrict__ y, int rows, int cols, int nTokens)
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
                Rows::accumulate(acc[t], block, s % Rows::kSlices, act + t * actRowBytes + size_t(b) * Rows::kActBytes);
        }
    }
    if constexpr (Rows::kHasTail) {   // float types only: F32 activations
        for (int i = nBlocks * Rows::kElems + lane; i < cols; i += kWarpSize) {
            const float wi = Rows::element(rowBytes, i);
#pragma unroll
            for (int t = 0; t < kTokens; ++t) {
                if (t < nTokens)
                    acc[t] = fmaf(wi, reinterpret_cast<const float *>(act + t * actRowBytes)[i], acc[t]);
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
void launch(const DeviceMatrix &m, const uint8_t *act, uint64_t actRowBytes, int n, float *y, cudaStream_t stream)
{
    const unsigned ctas = unsigned((m.rows + kRowsPerCta - 1) / kRowsPerCta);
    const auto *w = static_cast<const uint8_t *>(m.data);
    if (n == 1) {
        matMulKernel<Rows, 1><<<ctas, kRowsPerCta * kWarpSize, 0, stream>>>(w, m.rowStrideBytes, act, actRowBytes, y,
                                                                         int(m.rows), int(m.cols), 1);
        return;
    }
    for (int t0 = 0; t0 < n; t0 += kTokensPerGroup) {
        const int group = n - t0 < kTokensPerGroup ? n - t0 : kTokensPerGroup;
        matMulKernel<Rows, kTokensPerGroup><<<ctas, kRowsPerCta * kWarpSize, 0, stream>>>(
            w, m.rowStrideBytes, act + size_t(t0) * actRowBytes, actRowBytes, y + size_t(t0) * size_t(m.rows),
            int(m.rows), int(m.cols), group);
    }
}

} // namespace
} // namespace kernels

cpu::ActType matMulActivations(GgmlType weightType)
{
    const cpu::ActType t = cpu::actTypeFor(weightType);
    return t == cpu::ActType::Q8_0 || t == cpu::ActType::Q8_K ? t : cpu::ActType::F32;
}

Result<void> matMul(const DeviceMatrix &w, const MatMulInput &x, int n, float *y, cudaStream_t stream)
{
    if (!w.data || !y)
        return makeError("matMul: null device pointer");
    if (n < 1)
        return makeError("matMul: ", n, " tokens");
    const cpu::ActType actType = matMulActivations(w.type);
    const void *act = actType == cpu::ActType::Q8_0 ? x.q8_0 : actType == cpu::ActType::Q8_K ? x.q8K : x.f32;
    if (!act)
        return makeError("matMul: ", ggmlTypeName(w.type), " weights need their ",
                         actType == cpu::ActType::F32 ? "F32" : "8-bit (quantizeActivations)", " activations");
    if (actType == cpu::ActType::F32
        && (reinterpret_cast<uintptr_t>(act) % 16 != 0 || (n > 1 && w.cols % 4 != 0)))
        return makeError("matMul: every token's activations must be 16-byte aligned (they are read 4 floats at a "
                         "time), so a batch needs rows of a multiple of 4 values; this one has ", w.cols);
    const auto *bytes = static_cast<const uint8_t *>(act);
    const uint64_t rowBytes = cpu::actRowBytes(actType, int(w.cols));
    if (n >= kMmaMinTokens && mmaMatMulSupports(w.type, w.cols))
        return mmaMatMul(w, bytes, rowBytes, n, y, stream);
    using namespace kernels;
    switch (w.type) {
    case GgmlType::F32: launch<F32Rows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::F16: launch<F16Rows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::BF16: launch<BF16Rows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::Q8_0: launch<Q8_0Rows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::Q4_0: launch<Q4_0Rows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::Q5_0: launch<Q5_0Rows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::Q4_1: launch<Q4_1Rows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::Q5_1: launch<Q5_1Rows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::Q4_K: launch<Q4_KRows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::Q5_K: launch<Q5_KRows>(w, bytes, rowBytes, n, y, stream); break;
    case GgmlType::Q6_K: launch<Q6_KRows>(w, bytes, rowBytes, n, y, stream); break;
    default: return makeError("matMul: no kernel for ", ggmlTypeName(w.type));
    }
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
