#pragma once
// What the attention kernels of one split of the cached positions leave for
// the merge (attention.cu): per (token, head, split) slot the slice's largest
// score, the sum of exp(score - that max) over its positions, and the value
// rows mixed with those weights, not yet divided by the sum. Both the split
// kernel and the tiled prompt kernel (tiled_attention.cu) write this.

#include <cmath>
#include <cstdint>

namespace modelatlas::engine::cuda::kernels {

constexpr int kSplitPositions = 256;

__host__ __device__ constexpr int splitsFor(int positions)
{
    return (positions + kSplitPositions - 1) / kSplitPositions;
}

// Which cached positions the split kernel's CTAs take. A token at `pos`
// sees positions firstVisible(pos, window) .. pos (window 0: from 0; a
// sliding-window layer: its last `window`).
__host__ __device__ inline int firstVisible(int pos, int window)
{
    return window > 0 && pos - window + 1 > 0 ? pos - window + 1 : 0;
}

// The first split the token at `pos` sees: the merge starts there, and a
// batch's grid of splits at its first token's.
__host__ __device__ inline int firstSplit(int pos, int window)
{
    return firstVisible(pos, window) / kSplitPositions;
}

// The positions of split `split` the token at `pos` sees: first ..
// first + count - 1; count <= 0 when it sees none (the CTA leaves).
struct SplitSpan {
    int first;
    int count;
};
__host__ __device__ inline SplitSpan splitSpan(int pos, int window, int split)
{
    const int start = split * kSplitPositions, visible = firstVisible(pos, window);
    const int first = start > visible ? start : visible;
    const int end = start + kSplitPositions < pos + 1 ? start + kSplitPositions : pos + 1;
    return {first, end - first};
}

// The grid's splits for nTokens tokens from pos0 (at most pos0, with the
// position on the device): up to the last token's, and with a window only
// those the batch's windows touch, window + nTokens - 1 positions from the
// first token's window on.
__host__ __device__ inline int launchedSplits(int pos0, int nTokens, int window)
{
    const int all = splitsFor(pos0 + nTokens);
    const int windowed = splitsFor(window + nTokens - 1) + 1;
    return window > 0 && windowed < all ? windowed : all;
}

// The slot of position `pos` in a layer's cache: its own, or pos mod ring.
__host__ __device__ inline int slotOf(int pos, int ring)
{
    return ring > 0 ? pos % ring : pos;
}

// Scratch layout: out (nTokens, nHeads, maxSplits, headDim), then max and
// sum (nTokens, nHeads, maxSplits); slot = (token * nHeads + head) * maxSplits + split.
struct Partials {
    float *out;
    float *max;
    float *sum;
    int maxSplits;
};

__host__ __device__ inline int64_t partialSlot(const Partials &p, int nHeads, int token, int head, int split)
{
    return (int64_t(token) * nHeads + head) * p.maxSplits + split;
}

// A (token, head)'s merge over its first `splits` slots from slot `first`:
// the largest slice max, and the slices' sums rescaled to it.
struct MergeScale {
    float max;
    float total;
};

__host__ __device__ inline MergeScale mergeScale(const Partials &p, int64_t first, int splits)
{
    MergeScale m{-INFINITY, 0.0f};
    for (int s = 0; s < splits; ++s)
        m.max = fmaxf(m.max, p.max[first + s]);
    for (int s = 0; s < splits; ++s)
        m.total += p.sum[first + s] * expf(p.max[first + s] - m.max);
    return m;
}

// Output value d of that merge.
__host__ __device__ inline float mergedValue(const Partials &p, int64_t first, int splits, int headDim,
                                             const MergeScale &m, int d)
{
    float acc = 0.0f;
    for (int s = 0; s < splits; ++s)
        acc += p.out[(first + s) * headDim + d] * expf(p.max[first + s] - m.max);
    return acc / m.total;
}

} // namespace modelatlas::engine::cuda::kernels
