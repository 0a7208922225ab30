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
