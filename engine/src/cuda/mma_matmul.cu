// Prompt batches on the tensor cores: each CTA decodes a 32-row weight tile
// and up to 64 tokens' activations into shared memory, so a weight is read
// from DRAM once per 64 tokens. Quantised weights meet 8-bit activations in
// int8 mma.sync (mma_tile.cuh): the integer sums are the dp4a kernels' own,
// so prompts and decode steps agree with each other and with the CPU up to
// float rounding. F16 weights meet F32 activations split into two halves
// (mma_tile_f16.cuh).
#include "cuda/mma_matmul.h"

#include "cuda/cuda_check.h"
#include "cuda/mma_ops.cuh"
#include "cuda/mma_tile_f16.cuh"
#include "cuda/warp_reduce.cuh"

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

// Stores a warp's accumulators: tile row rowBase + accumulatorRow, token
// tokenBase + 8 nt + accumulatorToken, inside the matrix only.
__device__ __forceinline__ void storeAccumulators(const float (&acc)[kMmaNTiles][4], int row0, int token0, int lane,
                                                  int rows, int n, float *__restrict__ y)
{
#pragma unroll
    for (int nt = 0; nt < kMmaNTiles; ++nt) {
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            const int r = row0 + accumulatorRow(lane, i);
            const int t = token0 + kMmaTileTokens * nt + accumulatorToken(lane, i);
            if (r < rows && t < n)
                y[uint64_t(t) * uint64_t(rows) + uint64_t(r)] = acc[nt][i];
        }
    }
}

template <class Chunks>
__global__ void __launch_bounds__(kMmaThreads)
    mmaMatMulKernel(const uint8_t *__restrict__ w, uint64_t rowStride, const uint8_t *__restrict__ act,
                    uint64_t actRowBytes, float *__restrict__ y, int rows, int cols, int n)
{
    __shared__ MmaTile tile;
    const int row0 = int(blockIdx.x) * kMmaRows, token0 = int(blockIdx.y) * kMmaTokens;
    const int warp = int(threadIdx.x) / kWarpSize, lane = int(threadIdx.x) % kWarpSize;
    const int rowBase = warpRowBase(warp), tokenBase = warpTokenBase(warp);
    const int nChunks = cols / kChunkValues;
    const uint8_t *tileRows = w + uint64_t(row0) * rowStride;
    const uint8_t *tileTokens = act + uint64_t(token0) * actRowBytes;
    float acc[kMmaNTiles][4] = {};
    for (int step = 0; step * kMmaChunks < nChunks; ++step) {
        for (int task = int(threadIdx.x); task < kMmaRows * kMmaChunks; task += kMmaThreads)
            loadWeightChunk<Chunks>(tile, tileRows, rowStride, rows - row0, nChunks, step, task);
        for (int task = int(threadIdx.x); task < kMmaTokens * kMmaChunks; task += kMmaThreads)
            loadTokenChunk<Chunks::kQ8K>(tile, tileTokens, actRowBytes, n - token0, nChunks, step, task);
        __syncthreads();
#pragma unroll 2
        for (int chunk = 0; chunk < kMmaChunks; ++chunk) {
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                const int k = kChunkValues * chunk + 16 * h;
                uint32_t a[2];
                loadFragmentA(tile, rowBase, k, lane, a);
#pragma unroll
                for (int nt = 0; nt < kMmaNTiles; ++nt) {
                    const int tokens = tokenBase + kMmaTileTokens * nt;
                    int c[4];
                    mmaS8(a, loadFragmentB(tile, tokens, k, lane), c);
                    accumulateProducts(tile, rowBase, tokens, chunk, h, lane, c, acc[nt]);
                }
            }
            if constexpr (Chunks::kHasMin) {
#pragma unroll
                for (int nt = 0; nt < kMmaNTiles; ++nt)
                    subtractMins(tile, rowBase, tokenBase + kMmaTileTokens * nt, chunk, lane, acc[nt]);
            }
        }
        __syncthreads();   // the next step overwrites the tile
    }
    storeAccumulators(acc, row0 + rowBase, token0 + tokenBase, lane, rows, n, y);
}

__global__ void __launch_bounds__(kMmaThreads)
    mmaMatMulF16Kernel(const uint8_t *__restrict__ w, uint64_t rowStride, const float *__restrict__ x,
                       float *__restrict__ y, int rows, int cols, int n)
{
    __shared__ MmaTileF16 tile;
    constexpr int kGroups = kF16StepValues / kF16Group;
    const int row0 = int(blockIdx.x) * kMmaRows, token0 = int(blockIdx.y) * kMmaTokens;
    const int warp = int(threadIdx.x) / kWarpSize, lane = int(threadIdx.x) % kWarpSize;
    const int rowBase = warpRowBase(warp), tokenBase = warpTokenBase(warp);
    const uint8_t *tileRows = w + uint64_t(row0) * rowStride;
    const float *tileTokens = x + uint64_t(token0) * uint64_t(cols);
    float acc[kMmaNTiles][4] = {};
    for (int step = 0; step * kF16StepValues < cols; ++step) {
        for (int task = int(threadIdx.x); task < kMmaRows * kGroups; task += kMmaThreads)
            loadF16WeightGroup(tile, tileRows, rowStride, rows - row0, cols, step, task);
        for (int task = int(threadIdx.x); task < kMmaTokens * kGroups; task += kMmaThreads)
            loadF16TokenGroup(tile, tileTokens, n - token0, cols, step, task);
        __syncthreads();
#pragma unroll 2
        for (int k = 0; k < kF16StepValues; k += 16) {
            uint32_t a[4];
            loadF16FragmentA(tile, rowBase, k, lane, a);
#pragma unroll
            for (int nt = 0; nt < kMmaNTiles; ++nt) {
                const int tokens = tokenBase + kMmaTileTokens * nt;
                uint32_t b[2];
                loadF16FragmentB(tile.xHi, tokens, k, lane, b);
                mmaF16(a, b, acc[nt]);
                loadF16FragmentB(tile.xLo, tokens, k, lane, b);
                mmaF16(a, b, acc[nt]);
            }
        }
        __syncthreads();   // the next step overwrites the tile
    }
    storeAccumulators(acc, row0 + rowBase, token0 + tokenBase, lane, rows, n, y);
}

dim3 gridFor(const DeviceMatrix &m, int n)
{
    return dim3{unsigned((m.rows + kMmaRows - 1) / kMmaRows), unsigned((n + kMmaTokens - 1) / kMmaTokens)};
}

template <class Chunks>
void launch(const DeviceMatrix &m, const uint8_t *act, uint64_t actRowBytes, int n, float *y, cudaStream_t stream)
{
    mmaMatMulKernel<Chunks><<<gridFor(m, n), kMmaThreads, 0, stream>>>(static_cast<const uint8_t *>(m.data),
                                                              m.rowStrideBytes, act, actRowBytes, y, int(m.rows),
                                                              int(m.cols), n);
}

} // namespace
} // namespace kernels

bool mmaMatMulSupports(GgmlType type, int64_t cols)
{
    switch (type) {
    case GgmlType::F16: return cols % kernels::kF16Group == 0;
    case GgmlType::Q8_0:
    case GgmlType::Q4_0:
    case GgmlType::Q5_0:
    case GgmlType::Q4_1:
    case GgmlType::Q5_1:
    case GgmlType::Q4_K:
    case GgmlType::Q5_K:
    case GgmlType::Q6_K: return true;
    default: return false;
    }
}

Result<void> mmaMatMul(const DeviceMatrix &w, const uint8_t *act, uint64_t actRowBytes, int n, float *y,
                       cudaStream_t stream)
{
    using namespace kernels;
    switch (w.type) {
    case GgmlType::F16:
        mmaMatMulF16Kernel<<<gridFor(w, n), kMmaThreads, 0, stream>>>(static_cast<const uint8_t *>(w.data),
                                                                      w.rowStrideBytes,
                                                                      reinterpret_cast<const float *>(act), y,
                                                                      int(w.rows), int(w.cols), n);
        break;
    case GgmlType::Q8_0: launch<Q8_0Chunks>(w, act, actRowBytes, n, y, stream); break;
    case GgmlType::Q4_0: launch<Q4_0Chunks>(w, act, actRowBytes, n, y, stream); break;
    case GgmlType::Q5_0: launch<Q5_0Chunks>(w, act, actRowBytes, n, y, stream); break;
    case GgmlType::Q4_1: launch<Q4_1Chunks>(w, act, actRowBytes, n, y, stream); break;
    case GgmlType::Q5_1: launch<Q5_1Chunks>(w, act, actRowBytes, n, y, stream); break;
    case GgmlType::Q4_K: launch<Q4_KChunks>(w, act, actRowBytes, n, y, stream); break;
    case GgmlType::Q5_K: launch<Q5_KChunks>(w, act, actRowBytes, n, y, stream); break;
    case GgmlType::Q6_K: launch<Q6_KChunks>(w, act, actRowBytes, n, y, stream); break;
    default: return makeError("mmaMatMul: no tensor-core kernel for ", ggmlTypeName(w.type));
    }
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
