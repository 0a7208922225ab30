#pragma once
// Quantised weights and 8-bit activations as 32-value chunks of signed 8-bit
// integers with a float scale per 16 values: the form the tensor-core kernel
// (mma_matmul.cu) multiplies. A weight value is scale[i / 16] * q[i] - min,
// an activation value scale * q[i]; `min` (the K-quants' d_min * m of the
// sub-block, Q4_1/Q5_1's -m) meets the activations' sum of the chunk. The
// integers are the ones the warp kernels' dp4a products see (block_dot.cuh):
// Q4_0, Q5_0 and Q6_K are shifted to signed values here, the K-quants' integer sub-block scales
// folded into the float scale.
// Weight layouts: tensor/block_layouts.h.

#include "cuda/block_dot.cuh"

namespace modelatlas::engine::cuda::kernels {

constexpr int kChunkValues = 32;

// Four unsigned byte values v (each < 128) minus k each, as signed bytes:
// the high bit set first keeps every byte's borrow inside the byte.
MA_HOST_DEVICE __forceinline__ uint32_t bytesMinus(uint32_t v, uint32_t k)
{
    return ((v | 0x80808080u) - k * kOnes) ^ 0x80808080u;
}

struct WeightChunk {
    uint32_t q[8];   // 32 int8 values, value 4w + b in byte b of q[w]
    float scale[2];  // of values 0-15 and 16-31
    float min;
};

// Chunk j (values 32j .. 32j + 31) of a row.
struct Q8_0Chunks {
    static constexpr bool kQ8K = false, kHasMin = false;
    MA_HOST_DEVICE static void decode(const uint8_t *row, int j, WeightChunk &out)
    {
        const uint8_t *block = row + size_t(j) * 34;
#pragma unroll
        for (int w = 0; w < 8; ++w)
            out.q[w] = load32From2Aligned(block + 2 + 4 * w);
        out.scale[0] = out.scale[1] = halfBits(load16(block));
        out.min = 0.0f;
    }
};

// The legacy blocks (LegacyLayout): Q4_0/Q5_0 shifted to signed values,
// Q4_1/Q5_1's m as a negative min.
template <bool kWithMin, bool kFifthBit>
struct LegacyChunks {
    using Layout = LegacyLayout<kWithMin, kFifthBit>;
    static constexpr bool kQ8K = false, kHasMin = kWithMin;
    MA_HOST_DEVICE static void decode(const uint8_t *row, int j, WeightChunk &out)
    {
        const uint8_t *block = row + size_t(j) * Layout::kBytes;
#pragma unroll
        for (int k = 0; k < 4; ++k) {
            uint32_t lo, hi;
            Layout::quads(block, k, lo, hi);
            out.q[k] = bytesMinus(lo, Layout::kOffset);
            out.q[4 + k] = bytesMinus(hi, Layout::kOffset);
        }
        out.scale[0] = out.scale[1] = halfBits(load16(block));
        out.min = kHasMin ? -halfBits(load16(block + 2)) : 0.0f;
    }
};
using Q4_0Chunks = LegacyChunks<false, false>;
using Q5_0Chunks = LegacyChunks<false, true>;
using Q4_1Chunks = LegacyChunks<true, false>;
using Q5_1Chunks = LegacyChunks<true, true>;

// Sub-block s = j % 8 of super-block j / 8: its 32 values are the low (s even)
// or high nibbles of qs bytes 32 (s / 2) .., Q5_K adding bit s of qh[i] as 16.
template <bool kFifthBit>
struct KQuant45Chunks {
    static constexpr bool kQ8K = true, kHasMin = true;
    MA_HOST_DEVICE static void decode(const uint8_t *row, int j, WeightChunk &out)
    {
        const uint8_t *block = row + size_t(j / 8) * KQuant45Rows<kFifthBit>::kBytes;
        const int s = j % 8;
        const uint8_t *qs = block + KQuant45Rows<kFifthBit>::kQsOffset + 32 * (s / 2);
#pragma unroll
        for (int w = 0; w < 8; ++w) {
            uint32_t q = (load32From2Aligned(qs + 4 * w) >> (4 * (s % 2))) & kLowNibbles;
            if constexpr (kFifthBit)
                q |= ((load32From2Aligned(block + KQuant45Rows<kFifthBit>::kQhOffset + 4 * w) >> s) & kOnes) << 4;
            out.q[w] = q;
        }
        int scale = 0, min = 0;
        kquantScaleMin(s, block + 4, scale, min);
        out.scale[0] = out.scale[1] = halfBits(load16(block)) * float(scale);
        out.min = halfBits(load16(block + 2)) * float(min);
    }
};
using Q4_KChunks = KQuant45Chunks<false>;
using Q5_KChunks = KQuant45Chunks<true>;

// Chunk s = j % 8 is quarter s % 4 of half s / 4 of the super-block: low
// (quarters 0, 1) or high (2, 3) nibbles of ql[64 half + 32 (quarter % 2) + i],
// with bits 2 quarter .. of qh[32 half + i] on top, stored as q + 32; a scale
// per 16 values.
struct Q6_KChunks {
    static constexpr bool kQ8K = true, kHasMin = false;
    MA_HOST_DEVICE static void decode(const uint8_t *row, int j, WeightChunk &out)
    {
        const uint8_t *block = row + size_t(j / 8) * Q6_KRows::kBytes;
        const int s = j % 8, half = s / 4, quarter = s % 4;
        const uint8_t *ql = block + 64 * half + 32 * (quarter % 2);
        const uint8_t *qh = block + 128 + 32 * half;
#pragma unroll
        for (int w = 0; w < 8; ++w) {
            const uint32_t low = (load32From2Aligned(ql + 4 * w) >> (4 * (quarter / 2))) & kLowNibbles;
            const uint32_t high = (load32From2Aligned(qh + 4 * w) >> (2 * quarter)) & 0x03030303u;
            out.q[w] = bytesMinus(low | (high << 4), 32);
        }
        const float d = halfBits(load16(block + 208));
        const auto *scales = reinterpret_cast<const int8_t *>(block + 192);
        out.scale[0] = d * float(scales[2 * s]);
        out.scale[1] = d * float(scales[2 * s + 1]);
        out.min = 0.0f;
    }
};

struct ActivationChunk {
    uint32_t q[8];
    float scale;
    int sum;   // of the 32 values: what a weight chunk's min meets
};

// Chunk j of a row of Q8_0 (kQ8K false) or Q8_K activation blocks.
template <bool kQ8K>
MA_HOST_DEVICE __forceinline__ void decodeActivationChunk(const uint8_t *row, int j, ActivationChunk &out)
{
    if constexpr (kQ8K) {
        const uint8_t *block = row + size_t(j / 8) * kQ8KBytes;
        const int s = j % 8;
#pragma unroll
        for (int w = 0; w < 8; ++w)
            out.q[w] = q8KQuad(block, 32 * s + 4 * w);
        out.scale = q8KScale(block);
        out.sum = q8KGroupSum(block, 2 * s) + q8KGroupSum(block, 2 * s + 1);
    } else {
        const uint8_t *block = row + size_t(j) * 34;
        out.sum = 0;
#pragma unroll
        for (int w = 0; w < 8; ++w) {
            out.q[w] = q8_0Quad(block, 4 * w);
            out.sum = dot4(kOnes, out.q[w], out.sum);
        }
        out.scale = q8_0Scale(block);
    }
}

} // namespace modelatlas::engine::cuda::kernels
