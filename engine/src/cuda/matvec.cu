// Fused dequantising matrix-vector product for decode: one warp per output
// row streams the row's blocks once from DRAM and never writes them out in
// a wider type. Decode is bound by weight bandwidth, so the layout of loads
// (block_dot.cuh) matters and the arithmetic does not.
#include "modelatlas/engine/cuda/device_matrix.h"

#include "cuda/block_dot.cuh"
#include "cuda/cuda_check.h"
#include "cuda/warp_reduce.cuh"

#include <cstdint>

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

constexpr int kRowsPerCta = 4;   // 128 threads: enough warps per SM to hide latency at any row count

template <class Rows>
__global__ void __launch_bounds__(kRowsPerCta *kWarpSize)
    matVecKernel(const uint8_t *__restrict__ w, uint64_t rowStride, const float *__restrict__ x,
                 float *__restrict__ y, int rows, int cols)
{
    const int lane = int(threadIdx.x) % kWarpSize;
    const int row = int(blockIdx.x) * kRowsPerCta + int(threadIdx.x) / kWarpSize;
    if (row >= rows)
        return;   // the whole warp leaves together, so the shuffles below stay full-warp
    const uint8_t *rowBytes = w + uint64_t(row) * rowStride;
    const int nBlocks = cols / Rows::kElems;
    const int nSlices = nBlocks * Rows::kSlices;
    float acc = 0.0f;
    for (int s = lane; s < nSlices; s += kWarpSize) {
        const int b = s / Rows::kSlices;
        Rows::accumulate(acc, rowBytes + size_t(b) * Rows::kBytes, s % Rows::kSlices, x + size_t(b) * Rows::kElems);
    }
    if constexpr (Rows::kHasTail) {
        for (int i = nBlocks * Rows::kElems + lane; i < cols; i += kWarpSize)
            acc = fmaf(Rows::element(rowBytes, i), x[i], acc);
    }
    acc = warpSum(acc);
    if (lane == 0)
        y[row] = acc;
}

template <class Rows>
void launch(const DeviceMatrix &m, const float *x, float *y)
{
    const unsigned ctas = unsigned((m.rows + kRowsPerCta - 1) / kRowsPerCta);
    matVecKernel<Rows><<<ctas, kRowsPerCta * kWarpSize>>>(static_cast<const uint8_t *>(m.data), m.rowStrideBytes, x,
                                                          y, int(m.rows), int(m.cols));
}

} // namespace
} // namespace kernels

Result<void> matVec(const DeviceMatrix &w, const float *x, float *y)
{
    if (!w.data || !x || !y)
        return makeError("matVec: null device pointer");
    if (reinterpret_cast<uintptr_t>(x) % 16 != 0)
        return makeError("matVec: the activations must be 16-byte aligned (they are read 4 floats at a time)");
    using namespace kernels;
    switch (w.type) {
    case GgmlType::F32: launch<F32Rows>(w, x, y); break;
    case GgmlType::F16: launch<F16Rows>(w, x, y); break;
    case GgmlType::BF16: launch<BF16Rows>(w, x, y); break;
    case GgmlType::Q8_0: launch<Q8_0Rows>(w, x, y); break;
    case GgmlType::Q4_0: launch<Q4_0Rows>(w, x, y); break;
    case GgmlType::Q4_K: launch<Q4_KRows>(w, x, y); break;
    case GgmlType::Q5_K: launch<Q5_KRows>(w, x, y); break;
    case GgmlType::Q6_K: launch<Q6_KRows>(w, x, y); break;
    default: return makeError("matVec: no kernel for ", ggmlTypeName(w.type));
    }
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
