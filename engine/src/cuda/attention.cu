// Split-KV causal attention. Pass 1: CTA (head, split, token) scores its slice
// of kSplitPositions cached positions, and writes the slice's max score, sum of
// exponentials and unnormalised value mix. Pass 2: one CTA per (head, token)
// merges the slices, rescaling each by exp(its max - the global max). At
// decode this is the only part of a step that grows with the context.
#include "modelatlas/engine/cuda/cuda_attention.h"

#include "cuda/cuda_check.h"
#include "cuda/warp_reduce.cuh"

#include <cuda_fp16.h>

#include <cmath>

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

constexpr int kSplitPositions = 256;
constexpr int kAttentionThreads = 128;
constexpr int kKvThreads = 256;

__host__ __device__ int splitsFor(int positions)
{
    return (positions + kSplitPositions - 1) / kSplitPositions;
}

// key/value point at the layer; the batch's rows start at position pos.
__global__ void storeKvKernel(__half *key, __half *value, const float *k, const float *v, int count, int kvDim,
                              int hostPos, const int *devicePos)
{
    const int i = int(blockIdx.x) * kKvThreads + int(threadIdx.x);
    if (i < count) {
        const size_t at = size_t(devicePos ? *devicePos : hostPos) * size_t(kvDim) + size_t(i);
        key[at] = __float2half_rn(k[i]);
        value[at] = __float2half_rn(v[i]);
    }
}

// Scratch layout: out (nTokens, nHeads, maxSplits, headDim), then max and
// sum (nTokens, nHeads, maxSplits); slot = (token * nHeads + head) * maxSplits + split.
struct Partials {
    float *out;
    float *max;
    float *sum;
    int maxSplits;
};

__global__ void __launch_bounds__(kAttentionThreads)
    attentionSplitKernel(const __half *__restrict__ key, const __half *__restrict__ value, int kvDim, int hostPos0,
                         const int *devicePos0, const float *__restrict__ q, int nHeads, int group, int headDim,
                         float scale, Partials partials)
{
    __shared__ float query[kMaxAttentionHeadDim];
    __shared__ float scores[kSplitPositions];
    __shared__ float spill[kAttentionThreads / kWarpSize];
    const int h = int(blockIdx.x);
    const int split = int(blockIdx.y);
    const int token = int(blockIdx.z);
    const int pos = (devicePos0 ? *devicePos0 : hostPos0) + token;
    const int p0 = split * kSplitPositions;
    if (p0 > pos)
        return;   // the grid is sized for the batch's last token; earlier ones have fewer splits
    const int tid = int(threadIdx.x);
    const size_t headOffset = size_t(h / group) * size_t(headDim);
    const int n = min(kSplitPositions, pos + 1 - p0);
    const float *qRow = q + (size_t(token) * nHeads + h) * headDim;

    for (int d = tid; d < headDim; d += kAttentionThreads)
        query[d] = __half2float(__float2half_rn(qRow[d]));
    __syncthreads();

    // Scores: a warp per position, its lanes across the head.
    const int warp = tid / kWarpSize, lane = tid % kWarpSize;
    for (int i = warp; i < n; i += kAttentionThreads / kWarpSize) {
        const __half *k = key + size_t(p0 + i) * kvDim + headOffset;
        float dot = 0.0f;
        for (int d = lane; d < headDim; d += kWarpSize)
            dot = fmaf(__half2float(k[d]), query[d], dot);
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
    const size_t slot = (size_t(token) * nHeads + h) * partials.maxSplits + split;
    for (int d = tid; d < headDim; d += kAttentionThreads) {
        const __half *v = value + size_t(p0) * kvDim + headOffset + d;
        float acc = 0.0f;
        for (int i = 0; i < n; ++i)
            acc = fmaf(scores[i], __half2float(v[size_t(i) * kvDim]), acc);
        partials.out[slot * headDim + d] = acc;
    }
    if (tid == 0) {
        partials.max[slot] = sliceMax;
        partials.sum[slot] = sliceSum;
    }
}

__global__ void __launch_bounds__(kAttentionThreads)
    attentionMergeKernel(Partials partials, int hostPos0, const int *devicePos0, int nHeads, int headDim, float *out)
{
    const int h = int(blockIdx.x);
    const int token = int(blockIdx.y);
    const int splits = splitsFor((devicePos0 ? *devicePos0 : hostPos0) + token + 1);
    const size_t first = (size_t(token) * nHeads + h) * partials.maxSplits;
    float globalMax = -INFINITY;
    for (int s = 0; s < splits; ++s)
        globalMax = fmaxf(globalMax, partials.max[first + s]);
    float total = 0.0f;
    for (int s = 0; s < splits; ++s)
        total += partials.sum[first + s] * expf(partials.max[first + s] - globalMax);
    for (int d = int(threadIdx.x); d < headDim; d += kAttentionThreads) {
        float acc = 0.0f;
        for (int s = 0; s < splits; ++s)
            acc += partials.out[(first + s) * headDim + d] * expf(partials.max[first + s] - globalMax);
        out[(size_t(token) * nHeads + h) * headDim + d] = acc / total;
    }
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
    if (layer < 0 || layer >= kv.nLayers || pos < 0 || nTokens < 1 || pos + nTokens > kv.contextLength)
        return makeError("storeKv: layer ", layer, " positions ", pos, "..", pos + nTokens - 1,
                         " are outside the cache (", kv.nLayers, " layers, ", kv.contextLength, " positions)");
    // The batch's positions are consecutive, so its K (and V) rows are one contiguous run of the cache.
    const size_t layerOffset = size_t(layer) * size_t(kv.contextLength) * size_t(kv.kvDim);
    const int count = nTokens * kv.kvDim;
    const unsigned ctas = unsigned((count + kernels::kKvThreads - 1) / kernels::kKvThreads);
    kernels::storeKvKernel<<<ctas, kernels::kKvThreads, 0, stream>>>(
        reinterpret_cast<__half *>(kv.key) + layerOffset, reinterpret_cast<__half *>(kv.value) + layerOffset, k, v,
        count, kv.kvDim, pos, devicePos);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

uint64_t attentionScratchBytes(int nHeads, int headDim, int contextLength, int nTokens)
{
    const uint64_t slots = uint64_t(nTokens) * uint64_t(nHeads) * uint64_t(kernels::splitsFor(contextLength));
    return slots * (uint64_t(headDim) + 2) * sizeof(float);
}

Result<void> attention(const DeviceKvCache &kv, int layer, int pos0, int nTokens, const float *q, int nHeads,
                       int nKvHeads, int headDim, float *scratch, float *out, cudaStream_t stream,
                       const int *devicePos0)
{
    if (!kv.key || !kv.value || !q || !scratch || !out)
        return makeError("attention: null device pointer");
    if (nHeads <= 0 || nKvHeads <= 0 || nHeads % nKvHeads != 0 || headDim <= 0
        || headDim > kMaxAttentionHeadDim || nKvHeads * headDim != kv.kvDim)
        return makeError("attention: ", nHeads, " heads over ", nKvHeads, " KV heads of ", headDim,
                         " do not fit a cache of ", kv.kvDim, " per position (head dimension at most ",
                         kMaxAttentionHeadDim, ")");
    if (layer < 0 || layer >= kv.nLayers || pos0 < 0 || nTokens < 1 || pos0 + nTokens > kv.contextLength)
        return makeError("attention: layer ", layer, " positions ", pos0, "..", pos0 + nTokens - 1,
                         " are outside the cache");
    const size_t layerOffset = size_t(layer) * size_t(kv.contextLength) * size_t(kv.kvDim);
    const auto *key = reinterpret_cast<const __half *>(kv.key) + layerOffset;
    const auto *value = reinterpret_cast<const __half *>(kv.value) + layerOffset;
    const kernels::Partials partials = kernels::partialsIn(scratch, nHeads, headDim, kv.contextLength, nTokens);
    const int splits = kernels::splitsFor(pos0 + nTokens);   // the last token's (at most, with devicePos0)
    const float scale = 1.0f / std::sqrt(float(headDim));
    kernels::attentionSplitKernel<<<dim3(unsigned(nHeads), unsigned(splits), unsigned(nTokens)),
                                    kernels::kAttentionThreads, 0, stream>>>(
        key, value, kv.kvDim, pos0, devicePos0, q, nHeads, nHeads / nKvHeads, headDim, scale, partials);
    MA_CUDA_TRY(cudaGetLastError());
    kernels::attentionMergeKernel<<<dim3(unsigned(nHeads), unsigned(nTokens)), kernels::kAttentionThreads, 0,
                                    stream>>>(partials, pos0, devicePos0, nHeads, headDim, out);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
