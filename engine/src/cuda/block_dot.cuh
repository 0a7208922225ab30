#pragma once
// Per-type decoding for the matrix-vector kernel (matvec.cu). A weight row is
// cut into slices small enough to spread over a warp's 32 lanes even for short
// rows (a 4096-wide Q4_K row is 16 blocks but 128 slices), consecutive slices
// lying in consecutive bytes so that a warp's loads coalesce. Each type's
// accumulate() adds w * x over one slice, decoding w with the same float
// operations as the CPU reference (tensor/dequantize*.cpp), so GPU and CPU
// differ only in summation order. Layouts: tensor/block_layouts.h.

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

MA_HOST_DEVICE __forceinline__ int byteOf(uint32_t word, int i)
{
    return int((word >> (8 * i)) & 0xffu);
}

// Plain types have no blocks: a "block" here is one 16-byte load. Rows need not
// be a whole number of them; the kernel finishes the row with element().
struct F32Rows {
    static constexpr int kElems = 4, kBytes = 16, kSlices = 1;
    static constexpr bool kHasTail = true;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int, const float *x)
    {
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
    static constexpr bool kHasTail = true;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int, const float *x)
    {
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

// Q8_0: 4 slices of 8 values per 32-value block.
struct Q8_0Rows {
    static constexpr int kElems = 32, kBytes = 34, kSlices = 4;
    static constexpr bool kHasTail = false;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int slice, const float *xBlock)
    {
        const float d = halfBits(load16(block));
        const uint8_t *qs = block + 2 + 8 * slice;
        const uint32_t q[2] = {load32From2Aligned(qs), load32From2Aligned(qs + 4)};
        float v[8];
        loadActivations(xBlock + 8 * slice, v);
#pragma unroll
        for (int i = 0; i < 8; ++i)
            acc = fmaf(d * float(int8_t(byteOf(q[i / 4], i % 4))), v[i], acc);
    }
};

// Q4_0: slice s holds qs bytes 4s..4s+3, i.e. values 4s.. (low nibbles) and 16+4s.. (high).
struct Q4_0Rows {
    static constexpr int kElems = 32, kBytes = 18, kSlices = 4;
    static constexpr bool kHasTail = false;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int slice, const float *xBlock)
    {
        const float d = halfBits(load16(block));
        const uint32_t q = load32From2Aligned(block + 2 + 4 * slice);
        float lo[4], hi[4];
        loadActivations(xBlock + 4 * slice, lo);
        loadActivations(xBlock + 16 + 4 * slice, hi);
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            acc = fmaf(d * float((byteOf(q, i) & 0x0f) - 8), lo[i], acc);
            acc = fmaf(d * float((byteOf(q, i) >> 4) - 8), hi[i], acc);
        }
    }
};

// The 6-bit scale and min of sub-block j of Q4_K/Q5_K (12 packed bytes at `q`):
// j < 4 in the low 6 bits of bytes j and j+4; j >= 4 split between the
// nibbles of bytes j+4 and the top 2 bits of bytes j-4 (scale) and j (min).
MA_HOST_DEVICE __forceinline__ void kQuantScaleMin(int j, const uint8_t *q, float &scale, float &min)
{
    if (j < 4) {
        scale = float(q[j] & 63);
        min = float(q[j + 4] & 63);
    } else {
        scale = float((q[j + 4] & 0x0f) | ((q[j - 4] >> 6) << 4));
        min = float((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

// Q4_K/Q5_K: 8 slices per 256-value super-block. Slice s covers 16 bytes of a
// 32-byte qs chunk c = s / 2: values 64c + 16h + i (low nibbles, sub-block 2c)
// and 64c + 32 + 16h + i (high nibbles, sub-block 2c + 1), h = s % 2. Q5_K
// adds bit 2c (low) or 2c + 1 (high) of qh[16h + i] as 16.
template <bool kFifthBit>
struct KQuant45Rows {
    static constexpr int kElems = 256, kBytes = kFifthBit ? 176 : 144, kSlices = 8;
    static constexpr bool kHasTail = false;
    static constexpr int kQsOffset = kFifthBit ? 48 : 16, kQhOffset = 16;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int slice, const float *xBlock)
    {
        const int c = slice / 2, h = slice % 2;
        const float d = halfBits(load16(block)), dmin = halfBits(load16(block + 2));
        float sc = 0.0f, m = 0.0f;
        kQuantScaleMin(2 * c, block + 4, sc, m);
        const float dLo = d * sc, mLo = dmin * m;
        kQuantScaleMin(2 * c + 1, block + 4, sc, m);
        const float dHi = d * sc, mHi = dmin * m;
        uint32_t qs[4], qh[4] = {};
        load16Bytes(block + kQsOffset + 32 * c + 16 * h, qs);
        if constexpr (kFifthBit)
            load16Bytes(block + kQhOffset + 16 * h, qh);
        float lo[16], hi[16];
        loadActivations(xBlock + 64 * c + 16 * h, lo);
        loadActivations(xBlock + 64 * c + 32 + 16 * h, hi);
#pragma unroll
        for (int i = 0; i < 16; ++i) {
            const int q = byteOf(qs[i / 4], i % 4);
            int qLo = q & 0x0f, qHi = q >> 4;
            if constexpr (kFifthBit) {
                const int bits = byteOf(qh[i / 4], i % 4);
                qLo += ((bits >> (2 * c)) & 1) << 4;
                qHi += ((bits >> (2 * c + 1)) & 1) << 4;
            }
            // d * q is exact in float, so the fma rounds exactly like the reference's d * q - m.
            acc = fmaf(fmaf(dLo, float(qLo), -mLo), lo[i], acc);
            acc = fmaf(fmaf(dHi, float(qHi), -mHi), hi[i], acc);
        }
    }
};
using Q4_KRows = KQuant45Rows<false>;
using Q5_KRows = KQuant45Rows<true>;

// Q6_K: 16 slices per super-block. Slice s is half hf = s / 8 and l = 4 (s % 8)
// .. +3 of that half's 32 columns; each l yields values l, l+32, l+64, l+96 of
// the half from ql[l], ql[l + 32] and the 2-bit pairs of qh[l].
struct Q6_KRows {
    static constexpr int kElems = 256, kBytes = 210, kSlices = 16;
    static constexpr bool kHasTail = false;
    MA_HOST_DEVICE static void accumulate(float &acc, const uint8_t *block, int slice, const float *xBlock)
    {
        const int hf = slice / 8, l0 = 4 * (slice % 8);
        const uint8_t *ql = block + 64 * hf;
        const uint8_t *qh = block + 128 + 32 * hf;
        const auto *scales = reinterpret_cast<const int8_t *>(block + 192) + 8 * hf + l0 / 16;
        const float d = halfBits(load16(block + 208));
        // (d * scale) * q in this order, as the reference: the product is not exact.
        const float ds[4] = {d * float(scales[0]), d * float(scales[2]), d * float(scales[4]), d * float(scales[6])};
        const uint32_t a = load32From2Aligned(ql + l0), b = load32From2Aligned(ql + 32 + l0);
        const uint32_t hb = load32From2Aligned(qh + l0);
        const float *x = xBlock + 128 * hf + l0;
        float v[4][4];
#pragma unroll
        for (int quarter = 0; quarter < 4; ++quarter)
            loadActivations(x + 32 * quarter, v[quarter]);
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            const int la = byteOf(a, i), lb = byteOf(b, i), h = byteOf(hb, i);
            const int q[4] = {((la & 0x0f) | ((h & 3) << 4)) - 32, ((lb & 0x0f) | (((h >> 2) & 3) << 4)) - 32,
                              ((la >> 4) | (((h >> 4) & 3) << 4)) - 32, ((lb >> 4) | (((h >> 6) & 3) << 4)) - 32};
#pragma unroll
            for (int quarter = 0; quarter < 4; ++quarter)
                acc = fmaf(ds[quarter] * float(q[quarter]), v[quarter][i], acc);
        }
    }
};

} // namespace modelatlas::engine::cuda::kernels
