#pragma once
// The F16-weight tile of the tensor-core matrix product (mma_matmul.cu): the
// CTA and warp arrangement of mma_tile.cuh, 128 values of each row per step,
// mma.sync m16n8k16 with f16 inputs and f32 sums. F16 weights are exact as
// they are; each F32 activation is split into two halves, hi = f16(x) and
// lo = f16(x - hi), and multiplied with both, so that the product keeps
// about 22 of the activation's 24 bits, like the warp kernel's F32 products.
// Like every F16 GEMM of activations (llama.cpp's cuBLAS path too), values
// past the F16 range (65504) would overflow; LLM activations stay well below.
//
// Fragment layouts (PTX ISA, "Matrix Fragments for mma.m16n8k16 with floating
// point type"), lane l, g = l / 4, t = l % 4, two halves per register, the
// lower one first:
//   A (16 x 16): registers 0-3 hold row g columns 2t, 2t + 1; row g + 8 the
//     same; row g columns 2t + 8, 2t + 9; row g + 8 the same;
//   B (16 x 8): registers 0-1 hold rows 2t, 2t + 1 and 2t + 8, 2t + 9 of column g;
//   C: as for the integer mma (mma_tile.cuh).

#include "cuda/mma_tile.cuh"

namespace modelatlas::engine::cuda::kernels {

constexpr int kF16StepValues = 128;
// 8 halves more than a step shifts each row by four banks (see kMmaRowBytes).
constexpr int kF16RowHalves = kF16StepValues + 8;
constexpr int kF16Group = 8;   // values per load task: 16 bytes of weights

struct alignas(16) MmaTileF16 {
    uint16_t w[kMmaRows][kF16RowHalves];
    uint16_t xHi[kMmaTokens][kF16RowHalves];
    uint16_t xLo[kMmaTokens][kF16RowHalves];
};

// Task `task` (< kMmaRows * 16) of a step: values 8 (task % 16) .. +7 of tile
// row task / 16. Rows past `rows` and values past `cols` are zero; cols is a
// multiple of 8.
MA_HOST_DEVICE inline void loadF16WeightGroup(MmaTileF16 &tile, const uint8_t *w, uint64_t rowStride, int rows,
                                              int cols, int step, int task)
{
    constexpr int kGroups = kF16StepValues / kF16Group;
    const int r = task / kGroups, v = kF16Group * (task % kGroups), col = step * kF16StepValues + v;
    uint4 bits = make_uint4(0, 0, 0, 0);
    if (r < rows && col < cols)
        bits = *reinterpret_cast<const uint4 *>(w + uint64_t(r) * rowStride + 2 * uint64_t(col));
    *reinterpret_cast<uint4 *>(&tile.w[r][v]) = bits;
}

MA_HOST_DEVICE __forceinline__ uint16_t halfBitsOf(float x)
{
    return __half_as_ushort(__float2half_rn(x));
}

// Two floats as two pairs of halves, the lower value in the lower half:
// hi = f16(x) and lo = f16(x - hi), so that hi + lo keeps about 22 bits of x.
MA_HOST_DEVICE __forceinline__ void splitHalves(float x0, float x1, uint32_t &hi, uint32_t &lo)
{
    const uint16_t h0 = halfBitsOf(x0), h1 = halfBitsOf(x1);
    hi = uint32_t(h0) | (uint32_t(h1) << 16);
    lo = uint32_t(halfBitsOf(x0 - halfBits(h0))) | (uint32_t(halfBitsOf(x1 - halfBits(h1))) << 16);
}

// Two floats rounded to halves, the first in the lower half.
MA_HOST_DEVICE __forceinline__ uint32_t packHalves(float x0, float x1)
{
    return uint32_t(halfBitsOf(x0)) | (uint32_t(halfBitsOf(x1)) << 16);
}

// The same for a token's F32 activations (task < kMmaTokens * 16), split into
// hi and lo halves; tokens past `n` are zero. x rows of cols floats, 16-byte aligned.
MA_HOST_DEVICE inline void loadF16TokenGroup(MmaTileF16 &tile, const float *x, int n, int cols, int step, int task)
{
    constexpr int kGroups = kF16StepValues / kF16Group;
    const int t = task / kGroups, v = kF16Group * (task % kGroups), col = step * kF16StepValues + v;
    float values[kF16Group] = {};
    if (t < n && col < cols)
        loadActivations(x + uint64_t(t) * uint64_t(cols) + uint64_t(col), values);
    uint32_t hi[4], lo[4];
#pragma unroll
    for (int i = 0; i < kF16Group; i += 2)
        splitHalves(values[i], values[i + 1], hi[i / 2], lo[i / 2]);
    *reinterpret_cast<uint4 *>(&tile.xHi[t][v]) = make_uint4(hi[0], hi[1], hi[2], hi[3]);
    *reinterpret_cast<uint4 *>(&tile.xLo[t][v]) = make_uint4(lo[0], lo[1], lo[2], lo[3]);
}

// Lane's A fragment of tile rows rowBase .. +15, values k .. k + 15 of the step.
MA_HOST_DEVICE __forceinline__ void loadF16FragmentA(const MmaTileF16 &tile, int rowBase, int k, int lane,
                                                     uint32_t (&a)[4])
{
    const int g = lane / 4, t = lane % 4;
    a[0] = loadWord(&tile.w[rowBase + g][k + 2 * t]);
    a[1] = loadWord(&tile.w[rowBase + g + 8][k + 2 * t]);
    a[2] = loadWord(&tile.w[rowBase + g][k + 2 * t + 8]);
    a[3] = loadWord(&tile.w[rowBase + g + 8][k + 2 * t + 8]);
}

// Lane's B fragment of columns base .. +7, values k .. k + 15, from a shared
// array holding a row of halves per column (here tokens, from hi or lo).
template <int kRowHalves>
MA_HOST_DEVICE __forceinline__ void loadF16FragmentB(const uint16_t (*x)[kRowHalves], int base, int k, int lane,
                                                     uint32_t (&b)[2])
{
    const int g = lane / 4, t = lane % 4;
    b[0] = loadWord(&x[base + g][k + 2 * t]);
    b[1] = loadWord(&x[base + g][k + 2 * t + 8]);
}

} // namespace modelatlas::engine::cuda::kernels
