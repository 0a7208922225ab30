// Split-KV causal attention. Pass 1: CTA (head, split, token) scores its slice
// of kSplitPositions cached positions, and writes the slice's max score, sum of
// exponentials and unnormalised value mix. Pass 2: one CTA per (head, token)
// merges the slices, rescaling each by exp(its max - the global max). At
// decode this is the only part of a step that grows with the context. A
// sliding window leaves the splits before it out of both passes. The
// cache is F16 or Q8_0 (kernels templated on its type). Prompt batches take
// the tensor-core pass 1 of tiled_attention.cu instead where it applies.
#include "modelatlas/engine/cuda/cuda_attention.h"

#include "cuda/attention_partials.cuh"
#include "cuda/cuda_check.h"
#include "cuda/q8_0_block.cuh"
#include "cuda/tiled_attention.h"
#include "cuda/warp_reduce.cuh"

#include <cuda_fp16.h>

#include <cmath>

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

constexpr int kAttentionThreads = 128;
constexpr int kKvThreads = 256;

// Bytes of n cached values of type T (the host's kvCacheBytes, on the device).
template <KvCacheType T>
__host__ __device__ constexpr uint64_t cachedBytes(uint64_t n)
{
    return T == KvCacheType::Q8_0 ? n / kKvQ8Block * kKvQ8BlockBytes : n * 2;
}

// Value d of a cached row of type T.
template <KvCacheType T>
__device__ __forceinline__ float cachedValue(const uint8_t *row, int d)
{
    if constexpr (T == KvCacheType::Q8_0) {
        const uint8_t *blk = row + (d / kKvQ8Block) * kKvQ8BlockBytes;
        return __half2float(*reinterpret_cast<const __half *>(blk)) * float(int8_t(blk[2 + d % kKvQ8Block]));
    } else {
        return __half2float(reinterpret_cast<const __half *>(row)[d]);
    }
}

// key/value point at the layer; the batch's rows are positions pos.. (each
// in its slot, so a ring may wrap inside the batch).
__global__ void storeKvF16Kernel(uint8_t *key, uint8_t *value, const float *k, const float *v, int count, int kvDim,
                                 int hostPos, const int *devicePos, int ring)
{
    const int i = int(blockIdx.x) * kKvThreads + int(threadIdx.x);
    if (i < count) {
        const int slot = slotOf((devicePos ? *devicePos : hostPos) + i / kvDim, ring);
        const size_t at = size_t(slot) * size_t(kvDim) + size_t(i % kvDim);
        reinterpret_cast<__half *>(key)[at] = __float2half_rn(k[i]);
        reinterpret_cast<__half *>(value)[at] = __float2half_rn(v[i]);
    }
}

// A warp per Q8_0 block of the batch's K and V rows (blocksPerRow to a row).
__global__ void storeKvQ8_0Kernel(uint8_t *key, uint8_t *value, const float *k, const float *v, int64_t blocks,
                                  int blocksPerRow, uint64_t rowBytes, int hostPos, const int *devicePos, int ring)
{
    const int64_t b = int64_t(blockIdx.x) * (kKvThreads / kWarpSize) + int64_t(threadIdx.x) / kWarpSize;
    if (b >= blocks)
        return;   // the whole warp leaves together
    const int lane = int(threadIdx.x) % kWarpSize;
    const int slot = slotOf((devicePos ? *devicePos : hostPos) + int(b / blocksPerRow), ring);
    const size_t at = size_t(slot) * rowBytes + size_t(b % blocksPerRow) * kKvQ8BlockBytes;
    storeQ8_0Block(k[b * kKvQ8Block + lane], key + at);
    storeQ8_0Block(v[b * kKvQ8Block + lane], value + at);
}

// The query as the CPU backend rounds it before it meets the cache: to F16,
// or (Q8_0 cache) to the Q8_0 blocks its integer dot would use, dequantised.
template <KvCacheType T>
__device__ __forceinline__ void loadQuery(const float *qRow, int headDim, float *query)
{
    const int tid = int(threadIdx.x);
    if constexpr (T == KvCacheType::Q8_0) {
        const int lane = tid % kWarpSize;
        for (int b = tid / kWarpSize; b < headDim / kKvQ8Block; b += kAttentionThreads / kWarpSize) {
            const Q8_0Lane l = quantizeQ8_0Lane(qRow[b * kKvQ8Block + lane]);
            query[b * kKvQ8Block + lane] = float(l.q) * __half2float(l.d);
        }
    } else {
        for (int d = tid; d < headDim; d += kAttentionThreads)
            query[d] = __half2float(__float2half_rn(qRow[d]));
    }
}

template <KvCacheType T>
__global__ void __launch_bounds__(kAttentionThreads)
    attentionSplitKernel(const uint8_t *__restrict__ key, const uint8_t *__restrict__ value, uint64_t rowBytes,
                         int hostPos0, const int *devicePos0, const float *__restrict__ q, int nHeads, int group,
                         int headDim, float scale, int window, int ring, Partials partials)
{
    __shared__ float query[kMaxAttentionHeadDim];
    __shared__ float scores[kSplitPositions];
    __shared__ float spill[kAttentionThreads / kWarpSize];
    const int h = int(blockIdx.x);
    const int token = int(blockIdx.z);
    const int pos0 = devicePos0 ? *devicePos0 : hostPos0, pos = pos0 + token;
    const int split = firstSplit(pos0, window) + int(blockIdx.y);
    const SplitSpan span = splitSpan(pos, window, split);
    if (span.count <= 0)
        return;   // past the token (the grid is sized for the batch's last one) or before its window
    // The split's positions the token sees: p0 .. p0 + n - 1.
    const int p0 = span.first, n = span.count;
    const int tid = int(threadIdx.x);
    const size_t headOffset = size_t(cachedBytes<T>(uint64_t(h / group) * uint64_t(headDim)));
    loadQuery<T>(q + (size_t(token) * nHeads + h) * headDim, headDim, query);
    __syncthreads();

    // Scores: a warp per position, its lanes across the head.
    const int warp = tid / kWarpSize, lane = tid % kWarpSize;
    for (int i = warp; i < n; i += kAttentionThreads / kWarpSize) {
        const uint8_t *k = key + size_t(slotOf(p0 + i, ring)) * rowBytes + headOffset;
        float dot = 0.0f;
        for (int d = lane; d < headDim; d += kWarpSize)
            dot = fmaf(cachedValue<T>(k, d), query[d], dot);
        dot = warpSum(dot);
        if (lane == 0)
            scores[i] = dot * scale;
    }
    __syncthreads();

    float localMax = -INFINITY;
    for (int i = tid; i < n; i += kAttentionThreads)
        localMax = fmaxf(localMax, scores[i]);
    const float sliceMax = ctaReduce<kAttentionThreads, true>(localMax, spill);
    float localSum = 0.0f;
    for (int i = tid; i < n; i += kAttentionThreads) {
        const float e = expf(scores[i] - sliceMax);
        scores[i] = e;
        localSum += e;
    }
    const float sliceSum = ctaReduce<kAttentionThreads, false>(localSum, spill);   // also orders the writes above

    // Value mix: a thread per dimension, so each position's row is one coalesced read.
    const auto slot = size_t(partialSlot(partials, nHeads, token, h, split));
    const uint8_t *v = value + headOffset;
    for (int d = tid; d < headDim; d += kAttentionThreads) {
        float acc = 0.0f;
        for (int i = 0; i < n; ++i)
            acc = fmaf(scores[i], cachedValue<T>(v + size_t(slotOf(p0 + i, ring)) * rowBytes, d), acc);
        partials.out[slot * headDim + d] = acc;
    }
    if (tid == 0) {
        partials.max[slot] = sliceMax;
        partials.sum[slot] = sliceSum;
    }
}

__global__ void __launch_bounds__(kAttentionThreads)
    attentionMergeKernel(Partials partials, int hostPos0, const int *devicePos0, int nHeads, int headDim, int window,
                         float *out)
{
    const int h = int(blockIdx.x);
    const int token = int(blockIdx.y);
    const int pos = (devicePos0 ? *devicePos0 : hostPos0) + token;
    const int seen = firstSplit(pos, window);
    const int splits = splitsFor(pos + 1) - seen;
    const int64_t first = partialSlot(partials, nHeads, token, h, seen);
    const MergeScale m = mergeScale(partials, first, splits);
    for (int d = int(threadIdx.x); d < headDim; d += kAttentionThreads)
        out[(size_t(token) * nHeads + h) * headDim + d] = mergedValue(partials, first, splits, headDim, m, d);
}

Partials partialsIn(float *scratch, int nHeads, int headDim, int contextLength, int nTokens)
{
    Partials p;
    p.maxSplits = splitsFor(contextLength);
    const size_t slots = size_t(nTokens) * size_t(nHeads) * size_t(p.maxSplits);
    p.out = scratch;
    p.max = scratch + slots * size_t(headDim);
    p.sum = p.max + slots;
    return p;
}

} // namespace
} // namespace kernels

Result<void> storeKv(const DeviceKvCache &kv, int layer, int pos, int nTokens, const float *k, const float *v,
                     cudaStream_t stream, const int *devicePos)
{
    if (!kv.key || !kv.value || !k || !v)
        return makeError("storeKv: null device pointer");
    if (!kv.ring.empty() && kv.ring.size() != size_t(kv.nLayers))
        return makeError("storeKv: ", kv.ring.size(), " rings for ", kv.nLayers, " layers");
    if (layer < 0 || layer >= kv.nLayers || pos < 0 || nTokens < 1 || pos + nTokens > kv.contextLength)
        return makeError("storeKv: layer ", layer, " positions ", pos, "..", pos + nTokens - 1,
                         " are outside the cache (", kv.nLayers, " layers, ", kv.contextLength, " positions)");
    if (kv.type == KvCacheType::Q8_0 && kv.kvDim % kKvQ8Block != 0)
        return makeError("storeKv: rows of ", kv.kvDim, " values are not whole Q8_0 blocks");
    const uint64_t layerOffset = kv.layerOffset(layer);
    const int ring = kv.ringOf(layer);
    const int count = nTokens * kv.kvDim;
    if (kv.type == KvCacheType::Q8_0) {
        const int64_t blocks = count / kKvQ8Block;
        constexpr int warpsPerCta = kernels::kKvThreads / kernels::kWarpSize;
        const auto ctas = unsigned((blocks + warpsPerCta - 1) / warpsPerCta);
        kernels::storeKvQ8_0Kernel<<<ctas, kernels::kKvThreads, 0, stream>>>(
            kv.key + layerOffset, kv.value + layerOffset, k, v, blocks, kv.kvDim / kKvQ8Block, kv.rowBytes(), pos,
            devicePos, ring);
    } else {
        const auto ctas = unsigned((count + kernels::kKvThreads - 1) / kernels::kKvThreads);
        kernels::storeKvF16Kernel<<<ctas, kernels::kKvThreads, 0, stream>>>(kv.key + layerOffset,
                                                                             kv.value + layerOffset, k, v, count,
                                                                             kv.kvDim, pos, devicePos, ring);
    }
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

uint64_t attentionScratchBytes(int nHeads, int headDim, int contextLength, int nTokens)
{
    const uint64_t slots = uint64_t(nTokens) * uint64_t(nHeads) * uint64_t(kernels::splitsFor(contextLength));
    return slots * (uint64_t(headDim) + 2) * sizeof(float);
}

Result<void> attention(const DeviceKvCache &kv, int layer, int pos0, int nTokens, const float *q,
                       const AttentionHeads &heads, float *scratch, float *out, cudaStream_t stream,
                       const int *devicePos0)
{
    const int nHeads = heads.nHeads, nKvHeads = heads.nKvHeads, headDim = heads.headDim;
    if (!kv.key || !kv.value || !q || !scratch || !out)
        return makeError("attention: null device pointer");
    if (nHeads <= 0 || nKvHeads <= 0 || nHeads % nKvHeads != 0 || headDim <= 0
        || headDim > kMaxAttentionHeadDim || nKvHeads * headDim != kv.kvDim)
        return makeError("attention: ", nHeads, " heads over ", nKvHeads, " KV heads of ", headDim,
                         " do not fit a cache of ", kv.kvDim, " per position (head dimension at most ",
                         kMaxAttentionHeadDim, ")");
    if (!(heads.scale > 0.0f) || heads.window < 0)
        return makeError("attention: score scale ", heads.scale, " and window ", heads.window,
                         " must be positive and not negative");
    if (!kv.ring.empty() && kv.ring.size() != size_t(kv.nLayers))
        return makeError("attention: ", kv.ring.size(), " rings for ", kv.nLayers, " layers");
    if (layer < 0 || layer >= kv.nLayers || pos0 < 0 || nTokens < 1 || pos0 + nTokens > kv.contextLength)
        return makeError("attention: layer ", layer, " positions ", pos0, "..", pos0 + nTokens - 1,
                         " are outside the cache");
    if (const std::string problem = kvCacheTypeProblem(kv.type, headDim); !problem.empty())
        return makeError("attention: ", problem);
    // A ring must still hold the window of the batch's first token after the
    // batch has written all its positions.
    const int ring = kv.ringOf(layer);
    if (ring > 0 && (heads.window == 0 || ring < heads.window + nTokens - 1))
        return makeError("attention: layer ", layer, "'s ring of ", ring, " slots cannot hold a window of ",
                         heads.window, " and a batch of ", nTokens);
    const uint64_t layerOffset = kv.layerOffset(layer);
    const uint8_t *key = kv.key + layerOffset;
    const uint8_t *value = kv.value + layerOffset;
    const kernels::Partials partials = kernels::partialsIn(scratch, nHeads, headDim, kv.contextLength, nTokens);
    if (!devicePos0 && tiledAttentionTakes(kv.type, headDim, nTokens)) {
        if (auto r = tiledAttention(kv.type, key, value, kv.rowBytes(), pos0, nTokens, q, nHeads, nKvHeads, headDim,
                                    heads.scale, heads.window, ring, partials, stream);
            !r)
            return r;
    } else {
        const int splits = kernels::launchedSplits(pos0, nTokens, heads.window);
        const dim3 grid{unsigned(nHeads), unsigned(splits), unsigned(nTokens)};
        const int group = nHeads / nKvHeads;
        if (kv.type == KvCacheType::Q8_0)
            kernels::attentionSplitKernel<KvCacheType::Q8_0><<<grid, kernels::kAttentionThreads, 0, stream>>>(
                key, value, kv.rowBytes(), pos0, devicePos0, q, nHeads, group, headDim, heads.scale, heads.window,
                ring, partials);
        else
            kernels::attentionSplitKernel<KvCacheType::F16><<<grid, kernels::kAttentionThreads, 0, stream>>>(
                key, value, kv.rowBytes(), pos0, devicePos0, q, nHeads, group, headDim, heads.scale, heads.window,
                ring, partials);
        MA_CUDA_TRY(cudaGetLastError());
    }
    kernels::attentionMergeKernel<<<dim3(unsigned(nHeads), unsigned(nTokens)), kernels::kAttentionThreads, 0,
                                    stream>>>(partials, pos0, devicePos0, nHeads, headDim, heads.window, out);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
