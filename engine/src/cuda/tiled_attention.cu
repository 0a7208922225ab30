// Prompt attention on the tensor cores (the tile: tiled_attention_tile.cuh).
// The split kernel scores each (head, token) pair in its own CTA, a warp per
// cached position; here a CTA of 64 query rows reads each K/V tile once and
// multiplies it on the tensor cores. The grid also splits the cached
// positions like the split kernel, so long contexts keep every SM busy, and
// leaves the same partials for the same merge.
#include "cuda/tiled_attention.h"

#include "cuda/attention_partials.cuh"
#include "cuda/cuda_check.h"
#include "cuda/mma_ops.cuh"
#include "cuda/tiled_attention_q8.cuh"
#include "cuda/warp_reduce.cuh"

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

// Max or sum over the four lanes of a quad (the lanes sharing a row).
__device__ __forceinline__ float quadMax(float v)
{
    v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, 1));
    return fmaxf(v, __shfl_xor_sync(0xffffffffu, v, 2));
}

__device__ __forceinline__ float quadSum(float v)
{
    v += __shfl_xor_sync(0xffffffffu, v, 1);
    return v + __shfl_xor_sync(0xffffffffu, v, 2);
}

// S += the tile's scores of the warp's rows.
template <KvCacheType T, int D>
__device__ __forceinline__ void scoreTile(const typename TiledCache<T, D>::Tile &tile,
                                          const typename TiledCache<T, D>::Query &query, int lane,
                                          float (&s)[kTiledKeyTiles][4])
{
    if constexpr (T == KvCacheType::Q8_0) {
#pragma unroll
        for (int b = 0; b < D / kKvQ8Block; ++b) {
#pragma unroll
            for (int nt = 0; nt < kTiledKeyTiles; ++nt) {
                int c[4], c2[4];
                mmaS8(query.a[2 * b], loadS8FragmentB(tile.key, 8 * nt, kKvQ8Block * b, lane), c);
                mmaS8(query.a[2 * b + 1], loadS8FragmentB(tile.key, 8 * nt, kKvQ8Block * b + 16, lane), c2);
#pragma unroll
                for (int i = 0; i < 4; ++i)
                    c[i] += c2[i];
                addBlockScores<D>(s[nt], c, query, tile, nt, b, lane);
            }
        }
    } else {
#pragma unroll
        for (int ks = 0; ks < D / 16; ++ks) {
#pragma unroll
            for (int nt = 0; nt < kTiledKeyTiles; ++nt) {
                uint32_t b[2];
                loadF16FragmentB(tile.key, 8 * nt, 16 * ks, lane, b);
                mmaF16(query.a[ks], b, s[nt]);
            }
        }
    }
}

// o += the weights of keys 16 j .. +15 times their values, for the value
// dimensions dim0 .. dim0 + dims - 1, the weights scaled by `factor`.
template <class Tile, int D>
__device__ __forceinline__ void mixValues(const Tile &tile, const float (&s)[kTiledKeyTiles][4], int j,
                                          const float (&factor)[4], int dim0, int dims, int lane,
                                          float (&o)[D / 8][4])
{
    uint32_t hi[4], lo[4];
    probabilityFragments(s, j, factor, hi, lo);
#pragma unroll
    for (int nt = dim0 / 8; nt < (dim0 + dims) / 8; ++nt) {
        uint32_t b[2];
        loadF16FragmentB(tile.valueT, 8 * nt, 16 * j, lane, b);
        mmaF16(hi, b, o[nt]);
        mmaF16(lo, b, o[nt]);
    }
}

// One warp's rows against the tile at p0: scores, mask, online softmax, P V.
template <KvCacheType T, int D>
__device__ __forceinline__ void attendTile(const typename TiledCache<T, D>::Tile &tile,
                                           const typename TiledCache<T, D>::Query &query, int p0,
                                           const int (&rowFirst)[2], const int (&rowPos)[2], float scale, int lane,
                                           float (&runMax)[2], float (&runSum)[2], float (&o)[D / 8][4])
{
    float s[kTiledKeyTiles][4] = {};
    scoreTile<T, D>(tile, query, lane, s);
    maskScores(s, p0, rowFirst, rowPos, scale, lane);
    float tileMax[2];
    rowMaxima(s, tileMax);
    tileMax[0] = quadMax(tileMax[0]);
    tileMax[1] = quadMax(tileMax[1]);
    softmaxStep<D>(s, tileMax, runMax, runSum, o);
#pragma unroll
    for (int j = 0; j < kTiledKeySteps; ++j) {
        if constexpr (T == KvCacheType::Q8_0) {
#pragma unroll
            for (int b = 0; b < D / kKvQ8Block; ++b) {
                float factor[4];
                valueBlockFactors<D>(tile, j, b, lane, factor);
                mixValues<decltype(tile), D>(tile, s, j, factor, kKvQ8Block * b, kKvQ8Block, lane, o);
            }
        } else {
            constexpr float kOnes[4] = {1.0f, 1.0f, 1.0f, 1.0f};
            mixValues<decltype(tile), D>(tile, s, j, kOnes, 0, D, lane, o);
        }
    }
}

// CTA (row block, KV head, split). key and value point at the layer. With
// a window (a sliding-window layer) the grid's splits start at the batch's
// first token's first (firstSplit), and positions come from their slots.
template <KvCacheType T, int D>
__global__ void __launch_bounds__(kTiledThreads)
    tiledAttentionKernel(const uint8_t *__restrict__ key, const uint8_t *__restrict__ value, uint64_t rowBytes,
                         int pos0, const float *__restrict__ q, int nTokens, int nHeads, int group, float scale,
                         int window, int ring, Partials partials)
{
    __shared__ typename TiledCache<T, D>::Tile tile;
    const int block = int(blockIdx.x), kvHead = int(blockIdx.y);
    const int split = firstSplit(pos0, window) + int(blockIdx.z);
    const int warp = int(threadIdx.x) / kWarpSize, lane = int(threadIdx.x) % kWarpSize;
    // Rows ascend by token, so a block's (or warp's) first row has its first
    // position and its last row its last.
    const int ctaFirst = pos0 + tiledRow(block, 0, kvHead, group, nTokens).token;
    const int ctaLast = pos0 + tiledRow(block, kTiledRows - 1, kvHead, group, nTokens).token;
    // Zero-filled keys past `last` score 0, not -inf; they are masked all the
    // same: a split is whole tiles, so only past ctaLast can a tile overrun
    // `last`, and there every key is past every row's position.
    const TiledSpan span = tiledSpan(split, ctaFirst, ctaLast, window);
    if (span.first > span.last)
        return;   // past the rows (the grid is sized for the batch's last token) or before their windows
    const int warpRow0 = kTiledWarpRows * warp;
    const int warpLast = pos0 + tiledRow(block, warpRow0 + kTiledWarpRows - 1, kvHead, group, nTokens).token;

    TiledRow rows[2];
    int rowPos[2], rowFirst[2];
    const float *queryRows[2];
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        rows[r] = tiledRow(block, warpRow0 + lane / 4 + 8 * r, kvHead, group, nTokens);
        rowPos[r] = pos0 + rows[r].token;
        rowFirst[r] = firstVisible(rowPos[r], window);
        queryRows[r] = q + (uint64_t(rows[r].token) * uint64_t(nHeads) + uint64_t(rows[r].head)) * D;
    }
    typename TiledCache<T, D>::Query query;
    loadTiledQuery<D>(query, queryRows[0], queryRows[1], lane);

    const uint64_t headOffset = uint64_t(kvHead) * TiledCache<T, D>::kHeadBytes;
    constexpr int kLoadTasks = T == KvCacheType::Q8_0 ? kTiledKeys * D / kKvQ8Block : kTiledKeys * D / 8;
    float o[D / 8][4] = {};
    float runMax[2] = {-INFINITY, -INFINITY}, runSum[2] = {0.0f, 0.0f};
    for (int p0 = span.first; p0 <= span.last; p0 += kTiledKeys) {
        for (int task = int(threadIdx.x); task < kLoadTasks; task += kTiledThreads)
            loadTiledKv<D>(tile, key + headOffset, value + headOffset, rowBytes, p0, span.visible, span.last, ring,
                           task);
        __syncthreads();
        if (p0 <= warpLast)   // the same for the whole warp
            attendTile<T, D>(tile, query, p0, rowFirst, rowPos, scale, lane, runMax, runSum, o);
        __syncthreads();   // the next tile overwrites this one
    }
    const float sums[2] = {quadSum(runSum[0]), quadSum(runSum[1])};
    int64_t slot[2];
#pragma unroll
    for (int r = 0; r < 2; ++r)
        slot[r] = tiledRowStored(block, warpRow0 + lane / 4 + 8 * r, group, nTokens)
                      ? partialSlot(partials, nHeads, rows[r].token, rows[r].head, split)
                      : -1;
    storeTiledPartials<D>(o, TiledCache<T, D>::kOutScale, runMax, sums, slot, lane, partials);
}

template <KvCacheType T, int D>
void launch(const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0, int nTokens, const float *q,
            int nHeads, int nKvHeads, float scale, int window, int ring, const Partials &partials,
            cudaStream_t stream)
{
    const int group = nHeads / nKvHeads;
    const dim3 grid{unsigned((nTokens * group + kTiledRows - 1) / kTiledRows), unsigned(nKvHeads),
                    unsigned(launchedSplits(pos0, nTokens, window))};
    tiledAttentionKernel<T, D><<<grid, kTiledThreads, 0, stream>>>(key, value, rowBytes, pos0, q, nTokens, nHeads,
                                                                   group, scale, window, ring, partials);
}

} // namespace
} // namespace kernels

bool tiledAttentionTakesHeads(int headDim)
{
    return headDim == 64 || headDim == 96 || headDim == 128;
}

bool tiledAttentionTakes(KvCacheType type, int headDim, int nTokens)
{
    return (type == KvCacheType::F16 || type == KvCacheType::Q8_0) && nTokens >= kTiledAttentionMinTokens
           && tiledAttentionTakesHeads(headDim);
}

Result<void> tiledAttention(KvCacheType type, const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0,
                            int nTokens, const float *q, int nHeads, int nKvHeads, int headDim, float scale,
                            int window, int ring, const kernels::Partials &partials, cudaStream_t stream)
{
    using Launch = void (*)(const uint8_t *, const uint8_t *, uint64_t, int, int, const float *, int, int, float, int,
                            int, const kernels::Partials &, cudaStream_t);
    constexpr KvCacheType F16 = KvCacheType::F16, Q8 = KvCacheType::Q8_0;
    const bool q8 = type == Q8;
    const Launch launch = headDim == 64    ? (q8 ? kernels::launch<Q8, 64> : kernels::launch<F16, 64>)
                          : headDim == 96  ? (q8 ? kernels::launch<Q8, 96> : kernels::launch<F16, 96>)
                          : headDim == 128 ? (q8 ? kernels::launch<Q8, 128> : kernels::launch<F16, 128>)
                                           : nullptr;
    if (!launch)
        return makeError("tiled attention: no kernel for heads of ", headDim, " dimensions");
    launch(key, value, rowBytes, pos0, nTokens, q, nHeads, nKvHeads, scale, window, ring, partials, stream);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
