#pragma once
// One Q8_0 block held by a warp, lane j holding value j, quantised as the
// CPU's quantiser (cpu/matmul.cpp, the reference's quantize_row_q8_0) does:
// the scale amax / 127 stored as F16, each quotient v * 127 / amax rounded to
// nearest even. Shared by the activation quantiser and the Q8_0 KV cache.

#include "cuda/warp_reduce.cuh"

#include <cuda_fp16.h>

#include <cstdint>

namespace modelatlas::engine::cuda::kernels {

struct Q8_0Lane {
    int q;      // this lane's quotient, -127..127
    __half d;   // the block's scale
};

// All 32 lanes must call it.
__device__ __forceinline__ Q8_0Lane quantizeQ8_0Lane(float v)
{
    const float amax = warpMax(fabsf(v));
    const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
    return {__float2int_rn(v * id), __float2half_rn(amax / 127.0f)};
}

// Quantises the warp's block and writes it at blk: F16 scale, then 32 int8.
__device__ __forceinline__ void storeQ8_0Block(float v, uint8_t *blk)
{
    const int lane = int(threadIdx.x) % kWarpSize;
    const Q8_0Lane l = quantizeQ8_0Lane(v);
    blk[2 + lane] = uint8_t(int8_t(l.q));
    if (lane == 0)
        *reinterpret_cast<uint16_t *>(blk) = __half_as_ushort(l.d);
}

} // namespace modelatlas::engine::cuda::kernels
