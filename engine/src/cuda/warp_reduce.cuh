#pragma once
// Reductions across a full warp (all 32 lanes must call them) and across a CTA.

namespace modelatlas::engine::cuda::kernels {

constexpr int kWarpSize = 32;

__device__ __forceinline__ float warpSum(float v)
{
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset /= 2)
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    return v;
}

__device__ __forceinline__ float warpMax(float v)
{
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset /= 2)
        v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, offset));
    return v;
}

// Sum or max over the whole CTA of `threads` threads; every thread gets the
// result. `spill` holds threads / 32 floats of shared memory.
template <int threads, bool max>
__device__ __forceinline__ float ctaReduce(float v, float *spill)
{
    v = max ? warpMax(v) : warpSum(v);
    const int warp = int(threadIdx.x) / kWarpSize;
    if (int(threadIdx.x) % kWarpSize == 0)
        spill[warp] = v;
    __syncthreads();
    float r = spill[0];
#pragma unroll
    for (int w = 1; w < threads / kWarpSize; ++w)
        r = max ? fmaxf(r, spill[w]) : r + spill[w];
    __syncthreads();   // spill may be reused by the next reduction
    return r;
}

} // namespace modelatlas::engine::cuda::kernels
