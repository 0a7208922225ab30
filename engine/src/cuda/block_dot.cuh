#pragma once
// Per-type block arithmetic of the matrix kernels (matvec.cu). A weight row is
// cut into slices small enough to spread over a warp's 32 lanes even for short
// rows (a 4096-wide Q4_K row is 16 blocks but 128 slices), consecutive slices
// lying in consecutive bytes so that a warp's loads coalesce. Each type's
// accumulate() adds w * x over one slice. Float weights (F32, F16, BF16) meet
// F32 activations, decoded with the CPU reference's float operations.
// Quantised weights meet 8-bit activations quantised as the CPU backend does
// (Q8_0 blocks for Q8_0/Q4_0, Q8_K blocks for the K-quants: cpu/matmul.h):
// the products are exact integer dot products four at a time (dp4a), scaled
// once per slice, so GPU and CPU differ only in the order of float additions.
// Weight layouts: tensor/block_layouts.h.

#include "tensor/kquant_scales.h"

#include <cuda_fp16.h>

#include <cstdint>
#include <cstring>

// Host and device: the host build of these functions is what
// tests/engine/cuda_block_decode_test.cpp runs, checking the kernels'
// per-block arithmetic on any machine, GPU or not.
#define MA_HOST_DEVICE __host__ __device__

namespace modelatlas::engine::cuda::kernels {

MA_HOST_DEVICE __forceinline__ float floatBits(uint32_t u)
{
#ifdef __CUDA_ARCH__
    return __uint_as_float(u);
#else
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
#endif
}

MA_HOST_DEVICE __forceinline__ float halfBits(uint16_t h)
{
    return __half2float(__ushort_as_half(h));
}

MA_HOST_DEVICE __forceinline__ float bfloatBits(uint16_t h)
{
    return floatBits(uint32_t(h) << 16);
}

// Blocks whose size is not a multiple of 4 (Q8_0, Q4_0, Q6_K) are only 2-byte
// aligned, so their fields are read as 16-bit halves.
MA_HOST_DEVICE __forceinline__ uint16_t load16(const uint8_t *p)
{
    return *reinterpret_cast<const uint16_t *>(p);
}

MA_HOST_DEVICE __forceinline__ uint32_t load32From2Aligned(const uint8_t *p)
{
    return uint32_t(load16(p)) | (uint32_t(load16(p + 2)) << 16);
}

// One 16-byte load; p must be 16-byte aligned.
MA_HOST_DEVICE __forceinline__ void load16Bytes(const uint8_t *p, uint32_t (&words)[4])
{
    const uint4 v = *reinterpret_cast<const uint4 *>(p);
    words[0] = v.x;
    words[1] = v.y;
    words[2] = v.z;
    words[3] = v.w;
}

// n floats of activations, n a multiple of 4, x 16-byte aligned.
template <int n>
MA_HOST_DEVICE __forceinline__ void loadActivations(const float *x, float (&out)[n])
{
#pragma unroll
    for (int i = 0; i < n; i += 4) {
        const float4 v = *reinterpret_cast<const float4 *>(x + i);
        out[i] = v.x;
        out[i + 1] = v.y;
        out[i + 2] = v.z;
        out[i + 3] = v.w;
    }
}

// Plain types have no blocks: a "block" here is one 16-byte load. Rows need not
// be a whole number of them; the kernel finishes the row with element().
struct F32Rows {
    static constexpr int kElems = 4, kBytes = 16, kSlices = 1;
    static constexpr int kActBytes = 4 * kElems;   // activation bytes per block: F32
    static constexpr bool kHasTail = true;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int, const uint8_t *act)
    {
        const auto *x = reinterpret_cast<const float *>(act);
        uint32_t w[4];
        float v[4];
        load16Bytes(block, w);
        loadActivations(x, v);
#pragma unroll
        for (int i = 0; i < 4; ++i)
            acc = fmaf(floatBits(w[i]), v[i], acc);
    }
    MA_HOST_DEVICE static float element(const uint8_t *row, int i) { return reinterpret_cast<const float *>(row)[i]; }
};

template <float (*decode)(uint16_t)>
struct HalfWidthRows {
    static constexpr int kElems = 8, kBytes = 16, kSlices = 1;
    static constexpr int kActBytes = 4 * kElems;
    static constexpr bool kHasTail = true;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int, const uint8_t *act)
    {
        const auto *x = reinterpret_cast<const float *>(act);
        uint32_t w[4];
        float v[8];
        load16Bytes(block, w);
        loadActivations(x, v);
#pragma unroll
        for (int i = 0; i < 4; ++i) {   // little-endian: the lower half is the earlier element
            acc = fmaf(decode(uint16_t(w[i] & 0xffffu)), v[2 * i], acc);
            acc = fmaf(decode(uint16_t(w[i] >> 16)), v[2 * i + 1], acc);
        }
    }
    MA_HOST_DEVICE static float element(const uint8_t *row, int i) { return decode(load16(row + 2 * i)); }
};
using F16Rows = HalfWidthRows<halfBits>;
using BF16Rows = HalfWidthRows<bfloatBits>;

// Four signed 8-bit products summed into c: dp4a on the device.
MA_HOST_DEVICE __forceinline__ int dot4(uint32_t a, uint32_t b, int c)
{
#ifdef __CUDA_ARCH__
    return __dp4a(int(a), int(b), c);
#else
    for (int i = 0; i < 4; ++i)
        c += int(int8_t(uint8_t(a >> (8 * i)))) * int(int8_t(uint8_t(b >> (8 * i))));
    return c;
#endif
}

constexpr uint32_t kLowNibbles = 0x0f0f0f0fu;
constexpr uint32_t kOnes = 0x01010101u;   // dot4(kOnes, y) sums y's four values

// A Q8_0 activation block (cpu/matmul.h ActType::Q8_0): f16 scale, 32 int8.
MA_HOST_DEVICE __forceinline__ float q8_0Scale(const uint8_t *act)
{
    return halfBits(load16(act));
}
MA_HOST_DEVICE __forceinline__ uint32_t q8_0Quad(const uint8_t *act, int first)
{
    return load32From2Aligned(act + 2 + first);   // values first .. first + 3
}

// A Q8_K activation block (cpu::BlockQ8K): f32 scale, 256 int8, 16 int16 sums of 16.
constexpr int kQ8KBytes = 292;
MA_HOST_DEVICE __forceinline__ float q8KScale(const uint8_t *act)
{
    return *reinterpret_cast<const float *>(act);
}
MA_HOST_DEVICE __forceinline__ uint32_t q8KQuad(const uint8_t *act, int first)
{
    return *reinterpret_cast<const uint32_t *>(act + 4 + first);   // 4-byte aligned: first % 4 == 0
}
MA_HOST_DEVICE __forceinline__ int q8KGroupSum(const uint8_t *act, int group)
{
    return int(*reinterpret_cast<const int16_t *>(act + 260 + 2 * group));
}

// Q8_0: 4 slices of 8 values per 32-value block.
struct Q8_0Rows {
    static constexpr int kElems = 32, kBytes = 34, kSlices = 4, kActBytes = 34;
    static constexpr bool kHasTail = false;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int slice, const uint8_t *act)
    {
        const uint8_t *qs = block + 2 + 8 * slice;
        const int sum = dot4(load32From2Aligned(qs), q8_0Quad(act, 8 * slice),
                             dot4(load32From2Aligned(qs + 4), q8_0Quad(act, 8 * slice + 4), 0));
        acc = fmaf(halfBits(load16(block)) * q8_0Scale(act), float(sum), acc);
    }
};

// The legacy 32-value blocks. Q4_0: f16 d, 16 qs bytes; Q4_1: d, f16 m, qs;
// Q5_0: d, 32 qh bits, qs; Q5_1: d, m, qh, qs. Byte i of qs holds value i in
// its low nibble and 16 + i in its high one; bit j of qh (little-endian) adds
// 16 to value j. Q4_0/Q5_0 store q + 8 / q + 16 (value d (q - offset)),
// Q4_1/Q5_1 plain q (value d q + m).
template <bool kHasMin, bool kFifthBit>
struct LegacyLayout {
    static constexpr int kQhOffset = kHasMin ? 4 : 2;
    static constexpr int kQsOffset = kQhOffset + (kFifthBit ? 4 : 0);
    static constexpr int kBytes = kQsOffset + 16;
    static constexpr uint32_t kOffset = kHasMin ? 0 : kFifthBit ? 16 : 8;

    // Bits 4k .. 4k + 3 of qh as bit 4 of four bytes: the fifth bits of
    // values 4k .. 4k + 3.
    MA_HOST_DEVICE static uint32_t fifthBits(uint32_t qh, int k)
    {
        // The four copies of the nibble (shifts 0, 7, 14, 21) do not overlap,
        // so bit i lands alone on bit 8 i.
        return ((((qh >> (4 * k)) & 0xfu) * 0x00204081u) & kOnes) << 4;
    }
    // Values 4k .. 4k + 3 (low) and 16 + 4k .. (high), k < 4, unsigned.
    MA_HOST_DEVICE static void quads(const uint8_t *block, int k, uint32_t &lo, uint32_t &hi)
    {
        const uint32_t q = load32From2Aligned(block + kQsOffset + 4 * k);
        lo = q & kLowNibbles;
        hi = (q >> 4) & kLowNibbles;
        if constexpr (kFifthBit) {
            const uint32_t qh = load32From2Aligned(block + kQhOffset);
            lo |= fifthBits(qh, k);
            hi |= fifthBits(qh, 4 + k);
        }
    }
};

// 4 slices per block: slice s is values 4s .. 4s + 3 and 16 + 4s .. +3.
template <bool kHasMin, bool kFifthBit>
struct LegacyRows {
    using Layout = LegacyLayout<kHasMin, kFifthBit>;
    static constexpr int kElems = 32, kBytes = Layout::kBytes, kSlices = 4, kActBytes = 34;
    static constexpr bool kHasTail = false;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int slice, const uint8_t *act)
    {
        uint32_t lo, hi;
        Layout::quads(block, slice, lo, hi);
        const uint32_t yLo = q8_0Quad(act, 4 * slice), yHi = q8_0Quad(act, 16 + 4 * slice);
        const int ySum = dot4(kOnes, yLo, dot4(kOnes, yHi, 0));
        const int sum = dot4(lo, yLo, dot4(hi, yHi, 0)) - int(Layout::kOffset) * ySum;
        const float dx = q8_0Scale(act);
        acc = fmaf(float(sum), halfBits(load16(block)) * dx, acc);
        if constexpr (kHasMin)
            acc = fmaf(float(ySum), halfBits(load16(block + 2)) * dx, acc);
    }
};
using Q4_0Rows = LegacyRows<false, false>;
using Q5_0Rows = LegacyRows<false, true>;
using Q4_1Rows = LegacyRows<true, false>;
using Q5_1Rows = LegacyRows<true, true>;

// Q4_K/Q5_K: 8 slices per 256-value super-block. Slice s covers 16 bytes of a
// 32-byte qs chunk c = s / 2: values 64c + 16h + i (low nibbles, sub-block 2c)
// and 64c + 32 + 16h + i (high nibbles, sub-block 2c + 1), h = s % 2. Q5_K
// adds bit 2c (low) or 2c + 1 (high) of qh[16h + i] as 16. The mins term of
// those 32 values is min * (their Q8_K group sums), groups 4c + h and 4c + 2 + h.
template <bool kFifthBit>
struct KQuant45Rows {
    static constexpr int kElems = 256, kBytes = kFifthBit ? 176 : 144, kSlices = 8, kActBytes = kQ8KBytes;
    static constexpr bool kHasTail = false;
    static constexpr int kQsOffset = kFifthBit ? 48 : 16, kQhOffset = 16;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int slice, const uint8_t *act)
    {
        const int c = slice / 2, h = slice % 2;
        int scLo = 0, mLo = 0, scHi = 0, mHi = 0;
        kquantScaleMin(2 * c, block + 4, scLo, mLo);
        kquantScaleMin(2 * c + 1, block + 4, scHi, mHi);
        uint32_t qs[4], qh[4] = {};
        load16Bytes(block + kQsOffset + 32 * c + 16 * h, qs);
        if constexpr (kFifthBit)
            load16Bytes(block + kQhOffset + 16 * h, qh);
        int sumLo = 0, sumHi = 0;
#pragma unroll
        for (int k = 0; k < 4; ++k) {
            uint32_t lo = qs[k] & kLowNibbles, hi = (qs[k] >> 4) & kLowNibbles;
            if constexpr (kFifthBit) {
                lo |= ((qh[k] >> (2 * c)) & kOnes) << 4;
                hi |= ((qh[k] >> (2 * c + 1)) & kOnes) << 4;
            }
            sumLo = dot4(lo, q8KQuad(act, 64 * c + 16 * h + 4 * k), sumLo);
            sumHi = dot4(hi, q8KQuad(act, 64 * c + 32 + 16 * h + 4 * k), sumHi);
        }
        const int mins = mLo * q8KGroupSum(act, 4 * c + h) + mHi * q8KGroupSum(act, 4 * c + 2 + h);
        const float dx = q8KScale(act);
        acc = fmaf(dx * halfBits(load16(block)), float(scLo * sumLo + scHi * sumHi), acc);
        acc = fmaf(-dx * halfBits(load16(block + 2)), float(mins), acc);
    }
};
using Q4_KRows = KQuant45Rows<false>;
using Q5_KRows = KQuant45Rows<true>;

// Q6_K: 16 slices per super-block. Slice s is half hf = s / 8 and l = 4 (s % 8)
// .. +3 of that half's 32 columns; each l yields values l, l+32, l+64, l+96 of
// the half from ql[l], ql[l + 32] and the 2-bit pairs of qh[l], stored as q + 32.
struct Q6_KRows {
    static constexpr int kElems = 256, kBytes = 210, kSlices = 16, kActBytes = kQ8KBytes;
    static constexpr bool kHasTail = false;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int slice, const uint8_t *act)
    {
        const int hf = slice / 8, l0 = 4 * (slice % 8);
        const uint32_t a = load32From2Aligned(block + 64 * hf + l0);
        const uint32_t b = load32From2Aligned(block + 64 * hf + 32 + l0);
        const uint32_t hb = load32From2Aligned(block + 128 + 32 * hf + l0);
        const auto *scales = reinterpret_cast<const int8_t *>(block + 192) + 8 * hf + l0 / 16;
        const uint32_t q[4] = {(a & kLowNibbles) | ((hb & 0x03030303u) << 4),
                               (b & kLowNibbles) | (((hb >> 2) & 0x03030303u) << 4),
                               ((a >> 4) & kLowNibbles) | (((hb >> 4) & 0x03030303u) << 4),
                               ((b >> 4) & kLowNibbles) | (((hb >> 6) & 0x03030303u) << 4)};
        int sum = 0;
#pragma unroll
        for (int quarter = 0; quarter < 4; ++quarter) {
            const uint32_t y = q8KQuad(act, 128 * hf + 32 * quarter + l0);
            sum += int(scales[2 * quarter]) * (dot4(q[quarter], y, 0) - 32 * dot4(kOnes, y, 0));
        }
        acc = fmaf(q8KScale(act) * halfBits(load16(block + 208)), float(sum), acc);
    }
};

} // namespace modelatlas::engine::cuda::kernels
