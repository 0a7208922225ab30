// AVX-512 (F, BW, VL, VNNI) multi-token tiles; see gemm_tiles.h. Only these
// functions are compiled for AVX-512 (target pragma after every #include), so
// the rest of the binary stays baseline x86-64; matmul.cpp calls them only on
// the Avx512 path, which needs CPUID's say-so.
//
// What is shared across tokens, and how the integer sums are formed (exact, so
// they may differ in method from the dot kernels):
// - Q8_0: a 4-row x 8-token register tile; one zmm holds a token pair, so a
//   weight block is broadcast to both halves. vpdpbusd multiplies unsigned by
//   signed bytes: the activations are packed as x + 128 and 128 * (sum of
//   each 4 weights) is subtracted again.
// - Q4_K / Q5_K / Q6_K: one row's super-block is unpacked once (nibbles, high bits,
//   6-bit scales) and applied to up to 8 tokens; one zmm covers 64 quants,
//   maddubs + vpdpwssd (the scale multiply-add), and the two 256-bit halves are
//   added at the end, giving the dot kernels' 8 integer lanes. A token pair's
//   lanes share one zmm for the float steps, with the scales packed per pair.
// - Q4_0, Q5_0, Q4_1, Q5_1: 4 rows x 4 tokens in one zmm, a block's unsigned
//   4/5-bit values broadcast to every token's 128-bit lane; the offset (or
//   the minimum) meets each token's packed sum of activations. One token
//   (decode): 8 rows in the lanes of one ymm, vpdpbusd per row.
// - F16: 4 rows x 4 tokens, the activations packed as F32 token pairs.
// - BF16: as F16, each 32-element step split into its odd and even elements
//   (a mask and a shift, exact), two fused steps in the pair instruction's order.
// The float steps (block scale products, fused accumulation, lane reduction)
// are those of the dot kernels, operation for operation.
#include "cpu/gemm_tiles.h"
#include "cpu/kquant_pairs.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "tensor/block_layouts.h"

#include <cstring>

#include "cpu/simd_target.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

MA_SIMD_TARGET_BEGIN("avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni")
#if !defined(__clang__)
// GCC 12's AVX-512 extract intrinsics pass a deliberately undefined register
// and trip -W(maybe-)uninitialized once inlined (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#include "cpu/lanes_avx2.h"   // after the target pragma: compiled for this file's ISA
#include "cpu/legacy_decode_rows.h"

namespace modelatlas::engine::cpu::kernels {

namespace {

// The register tiles are arrays indexed by constant-trip loops; GCC -O2 does
// not unroll them by itself and would keep the accumulators in memory, hence
// the unroll pragmas.
constexpr int kTileRows = 4;    // Q8_0/F16 register tile: rows x Tile::kPairs token pairs
constexpr int kKTokens = 8;     // K-quants: tokens per unpacked super-block


inline __m256 hi256(__m512 v)
{
    return _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1));
}
// Integer lane k of the two 256-bit halves added: the dot kernels' 8 lanes.
inline __m256i foldHalves(__m512i v)
{
    return _mm256_add_epi32(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
}
inline __m512i broadcast256(const void *p)
{
    return _mm512_broadcast_i64x4(_mm256_loadu_si256(static_cast<const __m256i *>(p)));
}
// 16-bit words: the low 16 are a, the high 16 are b.
inline __m512i words(short a, short b)
{
    return _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_set1_epi16(a)), _mm256_set1_epi16(b), 1);
}
// 16-bit words in four groups of 8: a, a+1, a+2, a+3 (a word permutation index).
inline __m512i words4(short a)
{
    const __m256i lo = _mm256_set_m128i(_mm_set1_epi16(short(a + 1)), _mm_set1_epi16(a));
    const __m256i hi = _mm256_set_m128i(_mm_set1_epi16(short(a + 3)), _mm_set1_epi16(short(a + 2)));
    return _mm512_inserti64x4(_mm512_castsi256_si512(lo), hi, 1);
}

// Token pairs: results of zmm accumulator halves to y (the pad token of an odd batch is dropped).
inline void storePair(__m512 acc, float *y, size_t yStride, int t, int B)
{
    y[size_t(t) * yStride] = hsum8(_mm512_castps512_ps256(acc));
    if (t + 1 < B)
        y[size_t(t + 1) * yStride] = hsum8(hi256(acc));
}

// ---- Q8_0: per token pair and block, 128 bytes: both tokens' quants + 128
// (32 + 32 bytes), then 16 floats: the first token's scale 8 times, the second's.
constexpr size_t kQ8PairBlock = 128;

void packQ8_0(int nb, const uint8_t *act, size_t actStride, int B, int t0, int t1, uint8_t *packed)
{
    const __m256i bias = _mm256_set1_epi8(char(0x80));
    for (int t = t0; t < t1 + (t1 & 1); ++t) {
        const int h = t & 1;
        for (int i = 0; i < nb; ++i) {
            uint8_t *dst = packed + (size_t(t / 2) * nb + i) * kQ8PairBlock;
            __m256i q = bias;   // the pad token: x = 0, scale 0
            float d = 0.0f;
            if (t < B) {
                const auto *blk = reinterpret_cast<const blocks::Q8_0 *>(act + size_t(t) * actStride) + i;
                q = _mm256_xor_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(blk->qs)), bias);
                d = f16(blk->d);
            }
            _mm256_storeu_si256(reinterpret_cast<__m256i *>(dst + 32 * h), q);
            _mm256_storeu_ps(reinterpret_cast<float *>(dst + 64 + 32 * h), _mm256_set1_ps(d));
        }
    }
}

struct Q8_0Tile {
    static constexpr int kPairs = 4;
    // R rows from w x P token pairs from pk (pairBytes apart); n = blocks per row.
    template <int R, int P>
    static void run(int nb, const uint8_t *w, size_t wStride, const uint8_t *pk, size_t pairBytes, float *y,
                    size_t yStride, int t0, int B)
    {
        __m512 acc[R][P];
        #pragma GCC unroll 4
        for (int r = 0; r < R; ++r)
            #pragma GCC unroll 4
            for (int p = 0; p < P; ++p)
                acc[r][p] = _mm512_setzero_ps();
        const __m512i bias = _mm512_set1_epi8(char(0x80));
        for (int i = 0; i < nb; ++i) {
            __m512i x[P];
            #pragma GCC unroll 4
            for (int p = 0; p < P; ++p)
                x[p] = _mm512_loadu_si512(pk + p * pairBytes + i * kQ8PairBlock);
            #pragma GCC unroll 4
            for (int r = 0; r < R; ++r) {
                const auto *blk = reinterpret_cast<const blocks::Q8_0 *>(w + r * wStride) + i;
                const __m512i wq = broadcast256(blk->qs);
                // -128 * (sum of each 4 weights): the start value that cancels the + 128.
                const __m512i negCorr =
                    _mm512_sub_epi32(_mm512_setzero_si512(), _mm512_dpbusd_epi32(_mm512_setzero_si512(), bias, wq));
                const __m512 wd = _mm512_set1_ps(f16(blk->d));
                #pragma GCC unroll 4
                for (int p = 0; p < P; ++p) {
                    const __m512i s = _mm512_dpbusd_epi32(negCorr, x[p], wq);
                    const auto *xd = reinterpret_cast<const float *>(pk + p * pairBytes + i * kQ8PairBlock + 64);
                    const __m512 d = _mm512_mul_ps(wd, _mm512_loadu_ps(xd));   // f16(w.d) * f16(x.d), as the dot
                    acc[r][p] = _mm512_fmadd_ps(d, _mm512_cvtepi32_ps(s), acc[r][p]);
                }
            }
        }
        #pragma GCC unroll 4
        for (int r = 0; r < R; ++r)
            #pragma GCC unroll 4
            for (int p = 0; p < P; ++p)
                storePair(acc[r][p], y + r, yStride, t0 + 2 * p, B);
    }
};

// ---- F16: per token pair and 16-element step, 32 floats (the F16 activations
// widened, which is exact): the first token's 16, then the second's.
constexpr size_t kF16PairStep = 128;

void packF16(int ns, const uint8_t *act, size_t actStride, int B, int t0, int t1, uint8_t *packed)
{
    for (int t = t0; t < t1 + (t1 & 1); ++t) {
        const int h = t & 1;
        for (int s = 0; s < ns; ++s) {
            __m512 v = _mm512_setzero_ps();
            if (t < B)
                v = _mm512_cvtph_ps(load256(act + size_t(t) * actStride + 32 * size_t(s)));
            _mm512_storeu_ps(reinterpret_cast<float *>(packed + (size_t(t / 2) * ns + s) * kF16PairStep + 64 * h), v);
        }
    }
}

// R rows x K tokens of 16-lane accumulators (the batched order of F16 and
// BF16): zeroed, and each reduced to y as the dot kernels' 16-lane sum (the
// pad token of an odd batch is dropped).
template <int R, int K>
inline void zeroLanes(__m512 (&acc)[R][K])
{
    #pragma GCC unroll 4
    for (int r = 0; r < R; ++r)
        #pragma GCC unroll 4
        for (int k = 0; k < K; ++k)
            acc[r][k] = _mm512_setzero_ps();
}
template <int R, int K>
inline void storeLanes(const __m512 (&acc)[R][K], float *y, size_t yStride, int t0, int B)
{
    #pragma GCC unroll 4
    for (int r = 0; r < R; ++r)
        #pragma GCC unroll 4
        for (int k = 0; k < K; ++k)
            if (t0 + k < B)
                y[r + size_t(t0 + k) * yStride] = hsum8(_mm256_add_ps(_mm512_castps512_ps256(acc[r][k]), hi256(acc[r][k])));
}

struct F16Tile {
    static constexpr int kPairs = 2;   // 4 rows x 2 pairs x 2 tokens: 16 accumulators
    // dotKernelBatched's order: one fused 16-lane accumulator per (row, token).
    template <int R, int P>
    static void run(int ns, const uint8_t *w, size_t wStride, const uint8_t *pk, size_t pairBytes, float *y,
                    size_t yStride, int t0, int B)
    {
        __m512 acc[R][2 * P];
        zeroLanes(acc);
        for (int s = 0; s < ns; ++s) {
            __m512 wv[R];
            #pragma GCC unroll 4
            for (int r = 0; r < R; ++r)
                wv[r] = _mm512_cvtph_ps(load256(w + r * wStride + 32 * size_t(s)));
            #pragma GCC unroll 4
            for (int k = 0; k < 2 * P; ++k) {
                const __m512 x = _mm512_loadu_ps(pk + (k / 2) * pairBytes + s * kF16PairStep + 64 * (k % 2));
                #pragma GCC unroll 4
                for (int r = 0; r < R; ++r)
                    acc[r][k] = _mm512_fmadd_ps(wv[r], x, acc[r][k]);
            }
        }
        storeLanes(acc, y, yStride, t0, B);
    }
};

// ---- BF16: per token pair and 32-element step, 64 floats (the BF16
// activations widened, which is exact): the first token's odd elements, its
// even elements, then the second token's.
constexpr size_t kBF16PairStep = 256;

// A 32-element BF16 step as two float vectors: lane l holds element 2l + 1
// (the dword's high half) and element 2l (its low half).
inline __m512 bf16Odd(__m512i v) { return _mm512_castsi512_ps(_mm512_and_si512(v, _mm512_set1_epi32(int(0xffff0000u)))); }
inline __m512 bf16Even(__m512i v) { return _mm512_castsi512_ps(_mm512_slli_epi32(v, 16)); }

void packBF16(int ns, const uint8_t *act, size_t actStride, int B, int t0, int t1, uint8_t *packed)
{
    for (int t = t0; t < t1 + (t1 & 1); ++t) {
        const int h = t & 1;
        for (int s = 0; s < ns; ++s) {
            const __m512i v = t < B ? _mm512_loadu_si512(act + size_t(t) * actStride + 64 * size_t(s)) : _mm512_setzero_si512();
            auto *dst = reinterpret_cast<float *>(packed + (size_t(t / 2) * ns + s) * kBF16PairStep + 128 * h);
            _mm512_storeu_ps(dst, bf16Odd(v));
            _mm512_storeu_ps(dst + 16, bf16Even(v));
        }
    }
}

struct BF16Tile {
    static constexpr int kPairs = 2;   // 4 rows x 2 pairs x 2 tokens: 16 accumulators
    // dotKernelBatched's order (the BF16 pair instruction's): per 32-element
    // step, lane l fuses element 2l + 1's product, then element 2l's.
    template <int R, int P>
    static void run(int ns, const uint8_t *w, size_t wStride, const uint8_t *pk, size_t pairBytes, float *y,
                    size_t yStride, int t0, int B)
    {
        __m512 acc[R][2 * P];
        zeroLanes(acc);
        for (int s = 0; s < ns; ++s) {
            __m512 odd[R], even[R];
            #pragma GCC unroll 4
            for (int r = 0; r < R; ++r) {
                const __m512i v = _mm512_loadu_si512(w + r * wStride + 64 * size_t(s));
                odd[r] = bf16Odd(v);
                even[r] = bf16Even(v);
            }
            #pragma GCC unroll 4
            for (int k = 0; k < 2 * P; ++k) {
                const auto *x = reinterpret_cast<const float *>(pk + (k / 2) * pairBytes + s * kBF16PairStep + 128 * (k % 2));
                const __m512 xOdd = _mm512_loadu_ps(x), xEven = _mm512_loadu_ps(x + 16);
                #pragma GCC unroll 4
                for (int r = 0; r < R; ++r)
                    acc[r][k] = _mm512_fmadd_ps(even[r], xEven, _mm512_fmadd_ps(odd[r], xOdd, acc[r][k]));
            }
        }
        storeLanes(acc, y, yStride, t0, B);
    }
};

// ---- Legacy 4/5-bit types (Q4_0, Q5_0, Q4_1, Q5_1): per token quad and
// block, 256 bytes: the 4 tokens' quants 0-15 (16 bytes each, one per 128-bit
// lane), then their quants 16-31, then each token's scale 4 times (16 floats),
// then each token's k * sum(y) 4 times (16 int32), k the type's offset (8 for
// Q4_0, 16 for Q5_0) or 1 (Q4_1, Q5_1: the minimum's sum): the lane patterns
// of LegacyQuadTile's sums. Pad tokens are zero.
constexpr size_t kQ4QuadBlock = 256;

void packLegacyQuads(int nb, const uint8_t *act, size_t actStride, int B, int t0, int t1, uint8_t *packed,
                     int ySumFactor)
{
    const __m256i ones8 = _mm256_set1_epi8(1), ones16 = _mm256_set1_epi16(1);
    const int end = t1 == B ? (B + 3) / 4 * 4 : t1;   // the last range also fills its quad's pad tokens
    for (int t = t0; t < end; ++t) {
        const int lane = t % 4;
        for (int i = 0; i < nb; ++i) {
            uint8_t *dst = packed + (size_t(t / 4) * nb + i) * kQ4QuadBlock;
            __m256i q = _mm256_setzero_si256();
            float d = 0.0f;
            if (t < B) {
                const auto *blk = reinterpret_cast<const blocks::Q8_0 *>(act + size_t(t) * actStride) + i;
                q = load256(blk->qs);
                d = f16(blk->d);
            }
            const int ySum = ySumFactor * hsumI32(_mm256_madd_epi16(_mm256_maddubs_epi16(ones8, q), ones16));
            _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + 16 * lane), _mm256_castsi256_si128(q));
            _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + 64 + 16 * lane), _mm256_extracti128_si256(q, 1));
            _mm_storeu_ps(reinterpret_cast<float *>(dst + 128 + 16 * lane), _mm_set1_ps(d));
            _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + 192 + 16 * lane), _mm_set1_epi32(ySum));
        }
    }
}

// Lane 4 * t + r of the result: the sum of the 4 int32 lanes of 128-bit lane
// t of v[r] (exact), for 4 rows r and 4 tokens t.
inline __m512i sumRowLanes(const __m512i (&v)[4])
{
    // Per 128-bit lane: rows 0 and 1 (2 and 3) interleaved, two sums of two each.
    const __m512i a01 = _mm512_add_epi32(_mm512_unpacklo_epi32(v[0], v[1]), _mm512_unpackhi_epi32(v[0], v[1]));
    const __m512i a23 = _mm512_add_epi32(_mm512_unpacklo_epi32(v[2], v[3]), _mm512_unpackhi_epi32(v[2], v[3]));
    return _mm512_add_epi32(_mm512_unpacklo_epi64(a01, a23), _mm512_unpackhi_epi64(a01, a23));
}

// A block's unsigned values, quants 0-15 (lo) and 16-31 (hi), each in every
// 128-bit lane: nibbles, and for the 5-bit types bit j of qh as 16 above
// quant j's (a byte mask: bits 0-15 for lo, 16-31 for hi).
struct LegacyValues {
    __m512i lo, hi;
};
inline LegacyValues nibbleValues(const uint8_t *qs)
{
    const __m512i low4 = _mm512_set1_epi8(0x0f);
    const __m512i packed = _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i *>(qs)));
    return {_mm512_and_si512(packed, low4), _mm512_and_si512(_mm512_srli_epi16(packed, 4), low4)};
}
inline LegacyValues fiveBitValues(const uint8_t *qs, const uint8_t *qhBytes)
{
    uint32_t qh;
    std::memcpy(&qh, qhBytes, sizeof qh);
    const __m128i low4 = _mm_set1_epi8(0x0f), bit4 = _mm_set1_epi8(0x10);
    const __m128i packed = _mm_loadu_si128(reinterpret_cast<const __m128i *>(qs));
    const __m128i lo = _mm_or_si128(_mm_and_si128(packed, low4), _mm_maskz_mov_epi8(__mmask16(qh), bit4));
    const __m128i hi = _mm_or_si128(_mm_and_si128(_mm_srli_epi16(packed, 4), low4),
                                    _mm_maskz_mov_epi8(__mmask16(qh >> 16), bit4));
    return {_mm512_broadcast_i32x4(lo), _mm512_broadcast_i32x4(hi)};
}

// A block's 32 unsigned 5-bit values in element order (one token's decode
// row): the nibbles, and bit j of qh as 16 on byte j through a mask register.
inline __m256i fiveBitRow(const uint8_t *qs, const uint8_t *qhBytes)
{
    uint32_t qh;
    std::memcpy(&qh, qhBytes, sizeof qh);
    return _mm256_or_si256(legacyNibbles(qs), _mm256_maskz_mov_epi8(__mmask32(qh), _mm256_set1_epi8(16)));
}

// Per type: its block, the packed sum's factor (the offset subtracted, or 1
// where a minimum takes a second fused step), whether it has that minimum,
// and whether qh adds fifth bits to its values.
template <class BlockType, int YSumFactor, bool HasMin, bool FiveBits>
struct LegacyQuads {
    using Block = BlockType;
    static constexpr int kYSumFactor = YSumFactor;
    static constexpr bool kHasMin = HasMin;
    static LegacyValues values(const Block &b)
    {
        if constexpr (FiveBits)
            return fiveBitValues(b.qs, b.qh);
        else
            return nibbleValues(b.qs);
    }
    static __m256i decodeValues(const Block &b)
    {
        if constexpr (FiveBits)
            return fiveBitRow(b.qs, b.qh);
        else
            return legacyNibbles(b.qs);
    }
};
using Q4_0Quads = LegacyQuads<blocks::Q4_0, 8, false, false>;
using Q5_0Quads = LegacyQuads<blocks::Q5_0, 16, false, true>;
using Q4_1Quads = LegacyQuads<blocks::Q4_1, 1, true, false>;
using Q5_1Quads = LegacyQuads<blocks::Q5_1, 1, true, true>;

// f16 fields of 4 rows' blocks, as floats repeated in each 128-bit lane.
inline __m512 rowHalves(uint64_t bits)
{
    return _mm512_broadcast_f32x4(_mm_cvtph_ps(_mm_cvtsi64_si128(int64_t(bits))));
}

template <class Quads>
struct LegacyQuadTile {
    // 4 rows x 4 tokens: the 16 lanes of one accumulator. pairTiles hands it
    // even pairs only, so pk is a quad's start; with P = 1 its second pair
    // is the pad tokens (zero), computed and dropped.
    static constexpr int kPairs = 2;
    // The dot kernels' order, one fused running sum per (row, token), in lane
    // 4 * t + r. vpdpbusd takes the unsigned values against the signed
    // activations, quants 0-15 and 16-31 into the same 4 lanes per token:
    // S = sum(q * y) exactly. Q4_0/Q5_0 add (S - offset * sum(y)) * (d * dy);
    // Q4_1/Q5_1 add S * (d * dy), then sum(y) * (m * dy).
    template <int R, int P>
    static void run(int nb, const uint8_t *w, size_t wStride, const uint8_t *pk, size_t, float *y, size_t yStride,
                    int t0, int B)
    {
        __m512 acc = _mm512_setzero_ps();
        for (int i = 0; i < nb; ++i) {
            const uint8_t *e = pk + i * kQ4QuadBlock;
            const __m512i xLo = _mm512_loadu_si512(e), xHi = _mm512_loadu_si512(e + 64);
            __m512i v[4];
            uint64_t scaleBits = 0, minBits = 0;
            #pragma GCC unroll 4
            for (int r = 0; r < 4; ++r) {
                v[r] = _mm512_setzero_si512();
                if (r >= R)
                    continue;
                const auto *blk = reinterpret_cast<const typename Quads::Block *>(w + r * wStride) + i;
                const LegacyValues q = Quads::values(*blk);
                v[r] = _mm512_dpbusd_epi32(v[r], q.lo, xLo);
                v[r] = _mm512_dpbusd_epi32(v[r], q.hi, xHi);
                scaleBits |= uint64_t(blk->d) << (16 * r);
                if constexpr (Quads::kHasMin)
                    minBits |= uint64_t(blk->m) << (16 * r);
            }
            const __m512 xd = _mm512_loadu_ps(reinterpret_cast<const float *>(e + 128));
            const __m512i ySum = _mm512_loadu_si512(e + 192);
            // f16(row scale) * f16(token scale), rounded once: the dot kernel's product.
            const __m512 wdx = _mm512_mul_ps(rowHalves(scaleBits), xd);
            if constexpr (Quads::kHasMin) {
                acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(sumRowLanes(v)), wdx, acc);
                acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(ySum), _mm512_mul_ps(rowHalves(minBits), xd), acc);
            } else {
                acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_sub_epi32(sumRowLanes(v), ySum)), wdx, acc);
            }
        }
        alignas(64) float out[16];
        _mm512_store_ps(out, acc);
        #pragma GCC unroll 4
        for (int t = 0; t < 2 * P; ++t)
            if (t0 + t < B)   // pad tokens are dropped
                #pragma GCC unroll 4
                for (int r = 0; r < R; ++r)
                    y[size_t(t0 + t) * yStride + size_t(r)] = out[4 * t + r];
    }
};

// Rows [r0, r1) x all tokens in register tiles of kTileRows x Tile::kPairs; the
// token pairs are the outer loop, so the row tile stays in L2 while the
// activations stream past it.
template <class Tile>
void pairTiles(int n, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *packed, size_t pairBytes, int B,
               float *y, size_t yStride)
{
    const int nPairs = (B + 1) / 2;
    for (int p = 0; p < nPairs; p += Tile::kPairs) {
        const int np = nPairs - p < Tile::kPairs ? nPairs - p : Tile::kPairs;
        for (int r = r0; r < r1;) {
            const int nr = r1 - r >= kTileRows ? kTileRows : 1;
            const uint8_t *wr = w + size_t(r) * wStride;
            for (int q = 0; q < np; q += np == Tile::kPairs ? Tile::kPairs : 1) {
                const uint8_t *pk = packed + size_t(p + q) * pairBytes;
                const int t0 = 2 * (p + q);
                if (np == Tile::kPairs) {
                    if (nr == kTileRows)
                        Tile::template run<kTileRows, Tile::kPairs>(n, wr, wStride, pk, pairBytes, y + r, yStride, t0,
                                                                    B);
                    else
                        Tile::template run<1, Tile::kPairs>(n, wr, wStride, pk, pairBytes, y + r, yStride, t0, B);
                } else if (nr == kTileRows) {
                    Tile::template run<kTileRows, 1>(n, wr, wStride, pk, pairBytes, y + r, yStride, t0, B);
                } else {
                    Tile::template run<1, 1>(n, wr, wStride, pk, pairBytes, y + r, yStride, t0, B);
                }
            }
            r += nr;
        }
    }
}

// Lane r: the sum of the 8 int32 lanes of s[r] (exact).
inline __m256i rowSums8(const __m256i (&s)[8])
{
    const __m256i a = _mm256_hadd_epi32(_mm256_hadd_epi32(s[0], s[1]), _mm256_hadd_epi32(s[2], s[3]));
    const __m256i b = _mm256_hadd_epi32(_mm256_hadd_epi32(s[4], s[5]), _mm256_hadd_epi32(s[6], s[7]));
    return _mm256_add_epi32(_mm256_permute2x128_si256(a, b, 0x20), _mm256_permute2x128_si256(a, b, 0x31));
}

// Decode (legacy_decode_rows.h) in the AVX2 kernel's float steps: the integer
// block sums by vpdpbusd, the unsigned values against the activations read
// as they are, less the packed offset term (Q4_0, Q5_0); the 5-bit types'
// fifth bits come from a mask register, where AVX2 spreads them with shuffles
// and compares. Token 0 of the packed quad: lane 0 of its scales and sums.
template <class Quads>
struct LegacyDecodeQuads {
    using Block = typename Quads::Block;
    static constexpr bool kHasMin = Quads::kHasMin;
    static constexpr size_t kPackedBlock = kQ4QuadBlock, kScaleAt = 128, kSumAt = 192;
    static __m256i rowPart(const Block &b, __m256i x)
    {
        return _mm256_dpbusd_epi32(_mm256_setzero_si256(), Quads::decodeValues(b), x);
    }
    static __m256i integerSums(const __m256i (&sums)[8], int32_t ySum)
    {
        if constexpr (kHasMin)
            return rowSums8(sums);
        else
            return _mm256_sub_epi32(rowSums8(sums), _mm256_set1_epi32(ySum));
    }
    static float minSum(int32_t ySum) { return float(ySum); }
};

template <class Quads>
void legacyQuadTiles(int cols, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act,
                     const uint8_t *packed, int B, float *y, size_t yStride)
{
    if (B == 1) {
        legacyDecodeTiles<LegacyDecodeQuads<Quads>>(cols / 32, w, wStride, r0, r1, act, packed, y);
        return;
    }
    pairTiles<LegacyQuadTile<Quads>>(cols / 32, w, wStride, r0, r1, packed, size_t(cols / 32) * kQ4QuadBlock / 2, B,
                                     y, yStride);
}

// ---- K-quants: the activations' scales and offset sums are packed per token
// pair (kquant_pairs.h, filled by the AVX2 file), so one zmm takes a pair's
// float steps.
const BlockQ8K &q8k(const uint8_t *act, size_t actStride, int t, int i)
{
    return reinterpret_cast<const BlockQ8K *>(act + size_t(t) * actStride)[i];
}

// Two tokens' 16 integer lanes folded into one zmm: the first token's 8 lanes, then the second's.
inline __m512i foldPair(__m512i a, __m512i b)
{
    const __m512i lows = _mm512_shuffle_i64x2(a, b, _MM_SHUFFLE(1, 0, 1, 0));
    const __m512i highs = _mm512_shuffle_i64x2(a, b, _MM_SHUFFLE(3, 2, 3, 2));
    return _mm512_add_epi32(lows, highs);
}

// A token pair's K-quant results from its accumulators: lanes 8h.. of acc (and
// 4h.. of accm) are token h's.
inline void storeKPair(__m512 acc, __m256 accm, float *y, size_t yStride, int t)
{
    y[size_t(t) * yStride] = hsum8(_mm512_castps512_ps256(acc)) + hsum4(_mm256_castps256_ps128(accm));
    y[size_t(t + 1) * yStride] = hsum8(hi256(acc)) + hsum4(_mm256_extractf128_ps(accm, 1));
}

// A Q4_K super-block's nibbles (chunk c: its 32 low nibbles, then its 32 high)
// and their sub-block scales (words, the low 16 for the low nibbles).
struct Q4KBlock {
    __m512i q[4], scale[4];
    __m128i mins;
};

inline Q4KBlock unpackQ4K(const blocks::Q4_K &blk)
{
    const __m512i low4 = _mm512_set1_epi8(0x0f);
    const __m512i shiftHi = words(0, 4);   // the second 32 bytes of a chunk: high nibbles
    const __m256i scm = _mm256_cvtepu8_epi16(kquantScalesMins(blk.scales));
    const __m512i sc = _mm512_castsi256_si512(scm);
    Q4KBlock b;
    b.mins = _mm256_extracti128_si256(scm, 1);
    #pragma GCC unroll 4
    for (int c = 0; c < 4; ++c) {
        b.q[c] = _mm512_and_si512(_mm512_srlv_epi16(broadcast256(blk.qs + 32 * c), shiftHi), low4);
        b.scale[c] = _mm512_permutexvar_epi16(words(short(2 * c), short(2 * c + 1)), sc);
    }
    return b;
}

// One token's 16 integer lanes against an unpacked Q4_K super-block, in two
// chains of two chunks (exact integers: the order does not matter, and two
// chains halve the dependent dpwssd latency of a decode step's single token).
inline __m512i q4KSum(const Q4KBlock &b, const BlockQ8K &yb)
{
    __m512i sum[2] = {_mm512_setzero_si512(), _mm512_setzero_si512()};
    #pragma GCC unroll 4
    for (int c = 0; c < 4; ++c)
        sum[c % 2] =
            _mm512_dpwssd_epi32(sum[c % 2], _mm512_maddubs_epi16(b.q[c], _mm512_loadu_si512(yb.qs + 64 * c)), b.scale[c]);
    return _mm512_add_epi32(sum[0], sum[1]);
}

// One Q4_K row against tokens [tb, tb + T) (tb even): dotQ4_K's float order
// per token, a token pair per zmm; an odd T's last token goes alone.
template <int T>
void q4_KRow(int nsb, const uint8_t *wrow, const uint8_t *act, size_t actStride, const uint8_t *packed, int tb,
             float *y, size_t yStride)
{
    constexpr int P = T / 2;
    __m512 acc[P + 1];
    __m256 accm[P + 1];
    #pragma GCC unroll 8
    for (int p = 0; p <= P; ++p) {
        acc[p] = _mm512_setzero_ps();
        accm[p] = _mm256_setzero_ps();
    }
    for (int i = 0; i < nsb; ++i) {
        const auto *blk = reinterpret_cast<const blocks::Q4_K *>(wrow) + i;
        prefetchWeights(blk, int(sizeof(*blk)));
        const Q4KBlock b = unpackQ4K(*blk);
        const __m256i mins = _mm256_broadcastsi128_si256(b.mins);
        const float wd = f16(blk->d), wdmin = f16(blk->dmin);
        const __m512 wdv = _mm512_set1_ps(wd);
        const __m256 wdminv = _mm256_set1_ps(wdmin);
        #pragma GCC unroll 4
        for (int p = 0; p < P; ++p) {
            const int t = tb + 2 * p;
            const Q4KPair &pk = kquantPair<Q4KPair>(packed, nsb, t, i);
            const __m512i sumi =
                foldPair(q4KSum(b, q8k(act, actStride, t, i)), q4KSum(b, q8k(act, actStride, t + 1, i)));
            acc[p] = _mm512_fmadd_ps(_mm512_mul_ps(_mm512_loadu_ps(pk.d), wdv), _mm512_cvtepi32_ps(sumi), acc[p]);
            const __m256i m = _mm256_madd_epi16(mins, load256(pk.bsumPairs));
            accm[p] = _mm256_fmadd_ps(_mm256_mul_ps(_mm256_loadu_ps(pk.negD), wdminv), _mm256_cvtepi32_ps(m), accm[p]);
        }
        if constexpr (T % 2 == 1) {
            const int t = tb + T - 1;
            const BlockQ8K &yb = q8k(act, actStride, t, i);
            const Q4KPair &pk = kquantPair<Q4KPair>(packed, nsb, t, i);
            const __m256 sum = _mm256_cvtepi32_ps(foldHalves(q4KSum(b, yb)));
            acc[P] = _mm512_castps256_ps512(
                _mm256_fmadd_ps(_mm256_set1_ps(yb.d * wd), sum, _mm512_castps512_ps256(acc[P])));
            const __m128i bsumPairs = _mm_loadu_si128(reinterpret_cast<const __m128i *>(pk.bsumPairs[0]));
            const __m128i m = _mm_madd_epi16(b.mins, bsumPairs);
            accm[P] = _mm256_castps128_ps256(
                _mm_fmadd_ps(_mm_set1_ps(-yb.d * wdmin), _mm_cvtepi32_ps(m), _mm256_castps256_ps128(accm[P])));
        }
    }
    #pragma GCC unroll 4
    for (int p = 0; p < P; ++p)
        storeKPair(acc[p], accm[p], y, yStride, tb + 2 * p);
    if constexpr (T % 2 == 1)
        y[size_t(tb + T - 1) * yStride] =
            hsum8(_mm512_castps512_ps256(acc[P])) + hsum4(_mm256_castps256_ps128(accm[P]));
}

// A Q5_K super-block: Q4_K's layout, each chunk's low (high) nibbles with
// their fifth bit from bit 2c (2c + 1) of the 32 qh bytes.
inline Q4KBlock unpackQ5K(const blocks::Q5_K &blk)
{
    const __m512i low4 = _mm512_set1_epi8(0x0f), sixteen = _mm512_set1_epi8(16);
    const __m512i shiftHi = words(0, 4);
    const __m256i scm = _mm256_cvtepu8_epi16(kquantScalesMins(blk.scales));
    const __m512i sc = _mm512_castsi256_si512(scm);
    const __m512i qh = broadcast256(blk.qh);
    Q4KBlock b;
    b.mins = _mm256_extracti128_si256(scm, 1);
    #pragma GCC unroll 4
    for (int c = 0; c < 4; ++c) {
        const __m512i bits = _mm512_inserti64x4(_mm512_set1_epi8(char(1u << (2 * c))),
                                                _mm256_set1_epi8(char(1u << (2 * c + 1))), 1);
        const __m512i fifth = _mm512_maskz_mov_epi8(_mm512_test_epi8_mask(qh, bits), sixteen);
        b.q[c] = _mm512_or_si512(_mm512_and_si512(_mm512_srlv_epi16(broadcast256(blk.qs + 32 * c), shiftHi), low4), fifth);
        b.scale[c] = _mm512_permutexvar_epi16(words(short(2 * c), short(2 * c + 1)), sc);
    }
    return b;
}

// Token h's mins term of a Q5_K super-block as dotQ5_K forms it: one integer
// (mins . bsums, exact), then a fused scalar running sum.
inline __m128 q5KMins(__m128i mins, const Q4KPair &pk, int h, float yd, float wdmin, __m128 summs)
{
    __m128i m = _mm_madd_epi16(mins, _mm_loadu_si128(reinterpret_cast<const __m128i *>(pk.bsumPairs[h])));
    m = _mm_add_epi32(m, _mm_unpackhi_epi64(m, m));
    const int summ = _mm_cvtsi128_si32(_mm_add_epi32(m, _mm_shuffle_epi32(m, 1)));
    return _mm_fmadd_ss(_mm_set_ss(-yd * wdmin), _mm_set_ss(float(summ)), summs);
}

// One Q5_K row against tokens [tb, tb + T) (tb even): dotQ5_K's float order
// per token, a token pair per zmm for the scaled sums; an odd T's last token
// goes alone.
template <int T>
void q5_KRow(int nsb, const uint8_t *wrow, const uint8_t *act, size_t actStride, const uint8_t *packed, int tb,
             float *y, size_t yStride)
{
    constexpr int P = T / 2;
    __m512 acc[P + 1];
    __m128 summs[T];
    #pragma GCC unroll 8
    for (int p = 0; p <= P; ++p)
        acc[p] = _mm512_setzero_ps();
    #pragma GCC unroll 8
    for (int t = 0; t < T; ++t)
        summs[t] = _mm_setzero_ps();
    for (int i = 0; i < nsb; ++i) {
        const auto *blk = reinterpret_cast<const blocks::Q5_K *>(wrow) + i;
        prefetchWeights(blk, int(sizeof(*blk)));
        const Q4KBlock b = unpackQ5K(*blk);
        const float wd = f16(blk->d), wdmin = f16(blk->dmin);
        const __m512 wdv = _mm512_set1_ps(wd);
        #pragma GCC unroll 4
        for (int p = 0; p < P; ++p) {
            const int t = tb + 2 * p;
            const Q4KPair &pk = kquantPair<Q4KPair>(packed, nsb, t, i);
            const BlockQ8K &y0 = q8k(act, actStride, t, i), &y1 = q8k(act, actStride, t + 1, i);
            const __m512i sumi = foldPair(q4KSum(b, y0), q4KSum(b, y1));
            acc[p] = _mm512_fmadd_ps(_mm512_mul_ps(_mm512_loadu_ps(pk.d), wdv), _mm512_cvtepi32_ps(sumi), acc[p]);
            summs[2 * p] = q5KMins(b.mins, pk, 0, y0.d, wdmin, summs[2 * p]);
            summs[2 * p + 1] = q5KMins(b.mins, pk, 1, y1.d, wdmin, summs[2 * p + 1]);
        }
        if constexpr (T % 2 == 1) {
            const int t = tb + T - 1;
            const BlockQ8K &yb = q8k(act, actStride, t, i);
            const __m256 sum = _mm256_cvtepi32_ps(foldHalves(q4KSum(b, yb)));
            acc[P] = _mm512_castps256_ps512(
                _mm256_fmadd_ps(_mm256_set1_ps(yb.d * wd), sum, _mm512_castps512_ps256(acc[P])));
            summs[T - 1] = q5KMins(b.mins, kquantPair<Q4KPair>(packed, nsb, t, i), 0, yb.d, wdmin, summs[T - 1]);
        }
    }
    #pragma GCC unroll 4
    for (int p = 0; p < P; ++p) {
        y[size_t(tb + 2 * p) * yStride] = hsum8(_mm512_castps512_ps256(acc[p])) + _mm_cvtss_f32(summs[2 * p]);
        y[size_t(tb + 2 * p + 1) * yStride] = hsum8(hi256(acc[p])) + _mm_cvtss_f32(summs[2 * p + 1]);
    }
    if constexpr (T % 2 == 1)
        y[size_t(tb + T - 1) * yStride] = hsum8(_mm512_castps512_ps256(acc[P])) + _mm_cvtss_f32(summs[T - 1]);
}

// A Q6_K super-block's 6-bit values (zmm z: quants 64z..64z+63, the low
// nibbles of 64 ql bytes for z even, their high nibbles for z odd, with 2 of
// the high bits of 32 qh bytes) and their 16-value scales (words).
struct Q6KBlock {
    __m512i q[4], scale[4];
};

inline Q6KBlock unpackQ6K(const blocks::Q6_K &blk)
{
    const __m512i low4 = _mm512_set1_epi8(0x0f), three = _mm512_set1_epi8(3);
    const __m512i shift02 = words(0, 2), shift46 = words(4, 6);
    const __m128i sc8 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(blk.scales));
    const __m512i sc = _mm512_castsi256_si512(_mm256_cvtepi8_epi16(sc8));
    Q6KBlock b;
    #pragma GCC unroll 2
    for (int h = 0; h < 2; ++h) {
        const __m512i ql = _mm512_loadu_si512(blk.ql + 64 * h);
        const __m512i qh = broadcast256(blk.qh + 32 * h);
        b.q[2 * h] = _mm512_or_si512(_mm512_and_si512(ql, low4),
                                     _mm512_slli_epi16(_mm512_and_si512(_mm512_srlv_epi16(qh, shift02), three), 4));
        b.q[2 * h + 1] =
            _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(ql, 4), low4),
                            _mm512_slli_epi16(_mm512_and_si512(_mm512_srlv_epi16(qh, shift46), three), 4));
    }
    #pragma GCC unroll 4
    for (int z = 0; z < 4; ++z)
        b.scale[z] = _mm512_permutexvar_epi16(words4(short(4 * z)), sc);
    return b;
}

// One token's 16 integer lanes against an unpacked Q6_K super-block; m32y is
// the token's packed maddubs(32, qs).
inline __m512i q6KSum(const Q6KBlock &b, const BlockQ8K &yb, const int16_t *m32y)
{
    __m512i sumi = _mm512_setzero_si512();
    #pragma GCC unroll 4
    for (int z = 0; z < 4; ++z) {
        const __m512i p =
            _mm512_sub_epi16(_mm512_maddubs_epi16(b.q[z], _mm512_loadu_si512(yb.qs + 64 * z)),
                             _mm512_loadu_si512(m32y + 32 * z));
        sumi = _mm512_dpwssd_epi32(sumi, p, b.scale[z]);
    }
    return sumi;
}

// One Q6_K row against tokens [tb, tb + T) (tb even): dotQ6_K's float order
// per token, a token pair per zmm; an odd T's last token goes alone.
template <int T>
void q6_KRow(int nsb, const uint8_t *wrow, const uint8_t *act, size_t actStride, const uint8_t *packed, int tb,
             float *y, size_t yStride)
{
    constexpr int P = T / 2;
    __m512 acc[P + 1];
    #pragma GCC unroll 8
    for (int p = 0; p <= P; ++p)
        acc[p] = _mm512_setzero_ps();
    for (int i = 0; i < nsb; ++i) {
        const auto *blk = reinterpret_cast<const blocks::Q6_K *>(wrow) + i;
        prefetchWeights(blk, int(sizeof(*blk)));
        const Q6KBlock b = unpackQ6K(*blk);
        const float wd = f16(blk->d);
        const __m512 wdv = _mm512_set1_ps(wd);
        #pragma GCC unroll 4
        for (int p = 0; p < P; ++p) {
            const int t = tb + 2 * p;
            const Q6KPair &pk = kquantPair<Q6KPair>(packed, nsb, t, i);
            const __m512i sumi = foldPair(q6KSum(b, q8k(act, actStride, t, i), pk.m32y[0]),
                                          q6KSum(b, q8k(act, actStride, t + 1, i), pk.m32y[1]));
            acc[p] = _mm512_fmadd_ps(_mm512_mul_ps(_mm512_loadu_ps(pk.d), wdv), _mm512_cvtepi32_ps(sumi), acc[p]);
        }
        if constexpr (T % 2 == 1) {
            const int t = tb + T - 1;
            const BlockQ8K &yb = q8k(act, actStride, t, i);
            const Q6KPair &pk = kquantPair<Q6KPair>(packed, nsb, t, i);
            const __m256 sum = _mm256_cvtepi32_ps(foldHalves(q6KSum(b, yb, pk.m32y[0])));
            acc[P] = _mm512_castps256_ps512(
                _mm256_fmadd_ps(_mm256_set1_ps(yb.d * wd), sum, _mm512_castps512_ps256(acc[P])));
        }
    }
    #pragma GCC unroll 4
    for (int p = 0; p < P; ++p)
        storePair(acc[p], y, yStride, tb + 2 * p, tb + T);
    if constexpr (T % 2 == 1)
        y[size_t(tb + T - 1) * yStride] = hsum8(_mm512_castps512_ps256(acc[P]));
}

// The token count is a template parameter so that the accumulators live in
// registers: with a run-time count they stayed in memory, and every
// super-block's fused update waited on a store-to-load round trip (most of a
// decode step's time, which has one token).
using KRowFn = void (*)(int, const uint8_t *, const uint8_t *, size_t, const uint8_t *, int, float *, size_t);
constexpr KRowFn kQ4KRows[kKTokens] = {q4_KRow<1>, q4_KRow<2>, q4_KRow<3>, q4_KRow<4>,
                                       q4_KRow<5>, q4_KRow<6>, q4_KRow<7>, q4_KRow<8>};
constexpr KRowFn kQ5KRows[kKTokens] = {q5_KRow<1>, q5_KRow<2>, q5_KRow<3>, q5_KRow<4>,
                                       q5_KRow<5>, q5_KRow<6>, q5_KRow<7>, q5_KRow<8>};
constexpr KRowFn kQ6KRows[kKTokens] = {q6_KRow<1>, q6_KRow<2>, q6_KRow<3>, q6_KRow<4>,
                                       q6_KRow<5>, q6_KRow<6>, q6_KRow<7>, q6_KRow<8>};

void kquantTiles(const KRowFn *rows, int nsb, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act,
                 size_t actStride, const uint8_t *packed, int B, float *y, size_t yStride)
{
    for (int tb = 0; tb < B; tb += kKTokens) {
        const KRowFn row = rows[(B - tb < kKTokens ? B - tb : kKTokens) - 1];
        for (int r = r0; r < r1; ++r)
            row(nsb, w + size_t(r) * wStride, act, actStride, packed, tb, y + r, yStride);
    }
}

} // namespace

bool hasTileAvx512(GgmlType type, int cols)
{
    switch (type) {
    case GgmlType::Q8_0:
    case GgmlType::Q4_0:
    case GgmlType::Q5_0:
    case GgmlType::Q4_1:
    case GgmlType::Q5_1: return cols % 32 == 0;
    case GgmlType::F16: return cols % 16 == 0;
    case GgmlType::BF16: return cols % 32 == 0;
    case GgmlType::Q4_K:
    case GgmlType::Q5_K:
    case GgmlType::Q6_K: return cols % 256 == 0;
    default: return false;
    }
}

size_t tilePackBytesAvx512(GgmlType type, int B, int cols)
{
    const size_t pairs = size_t(B + 1) / 2;
    switch (type) {
    case GgmlType::Q8_0: return pairs * size_t(cols / 32) * kQ8PairBlock;
    case GgmlType::Q4_0:
    case GgmlType::Q5_0:
    case GgmlType::Q4_1:
    case GgmlType::Q5_1: return size_t(B + 3) / 4 * size_t(cols / 32) * kQ4QuadBlock;
    case GgmlType::F16: return pairs * size_t(cols / 16) * kF16PairStep;
    case GgmlType::BF16: return pairs * size_t(cols / 32) * kBF16PairStep;
    case GgmlType::Q4_K:
    case GgmlType::Q5_K:
    case GgmlType::Q6_K: return tilePackBytesAvx2(type, B, cols);
    default: return 0;
    }
}

void tilePackAvx512(GgmlType type, int cols, const uint8_t *act, size_t actStride, int B, int t0, int t1,
                    uint8_t *packed)
{
    switch (type) {
    case GgmlType::Q8_0: packQ8_0(cols / 32, act, actStride, B, t0, t1, packed); return;
    case GgmlType::Q4_0: packLegacyQuads(cols / 32, act, actStride, B, t0, t1, packed, Q4_0Quads::kYSumFactor); return;
    case GgmlType::Q5_0: packLegacyQuads(cols / 32, act, actStride, B, t0, t1, packed, Q5_0Quads::kYSumFactor); return;
    case GgmlType::Q4_1: packLegacyQuads(cols / 32, act, actStride, B, t0, t1, packed, Q4_1Quads::kYSumFactor); return;
    case GgmlType::Q5_1: packLegacyQuads(cols / 32, act, actStride, B, t0, t1, packed, Q5_1Quads::kYSumFactor); return;
    case GgmlType::F16: packF16(cols / 16, act, actStride, B, t0, t1, packed); return;
    case GgmlType::BF16: packBF16(cols / 32, act, actStride, B, t0, t1, packed); return;
    case GgmlType::Q4_K:
    case GgmlType::Q5_K:
    case GgmlType::Q6_K: tilePackAvx2(type, cols, act, actStride, B, t0, t1, packed); return;
    default: return;
    }
}

void tileGemmAvx512(GgmlType type, int cols, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act,
                    size_t actStride, const uint8_t *packed, int B, float *y, size_t yStride)
{
    switch (type) {
    case GgmlType::Q8_0:
        pairTiles<Q8_0Tile>(cols / 32, w, wStride, r0, r1, packed, size_t(cols / 32) * kQ8PairBlock, B, y, yStride);
        return;
    case GgmlType::Q4_0: legacyQuadTiles<Q4_0Quads>(cols, w, wStride, r0, r1, act, packed, B, y, yStride); return;
    case GgmlType::Q5_0: legacyQuadTiles<Q5_0Quads>(cols, w, wStride, r0, r1, act, packed, B, y, yStride); return;
    case GgmlType::Q4_1: legacyQuadTiles<Q4_1Quads>(cols, w, wStride, r0, r1, act, packed, B, y, yStride); return;
    case GgmlType::Q5_1: legacyQuadTiles<Q5_1Quads>(cols, w, wStride, r0, r1, act, packed, B, y, yStride); return;
    case GgmlType::F16:
        pairTiles<F16Tile>(cols / 16, w, wStride, r0, r1, packed, size_t(cols / 16) * kF16PairStep, B, y, yStride);
        return;
    case GgmlType::BF16:
        pairTiles<BF16Tile>(cols / 32, w, wStride, r0, r1, packed, size_t(cols / 32) * kBF16PairStep, B, y, yStride);
        return;
    case GgmlType::Q4_K:
        kquantTiles(kQ4KRows, cols / 256, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
        return;
    case GgmlType::Q5_K:
        kquantTiles(kQ5KRows, cols / 256, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
        return;
    case GgmlType::Q6_K:
        kquantTiles(kQ6KRows, cols / 256, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
        return;
    default: return;
    }
}

} // namespace modelatlas::engine::cpu::kernels

#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif
MA_SIMD_TARGET_END

#else // not x86: no tiles (the Avx512 path is never selected there).
namespace modelatlas::engine::cpu::kernels {
bool hasTileAvx512(GgmlType, int) { return false; }
size_t tilePackBytesAvx512(GgmlType, int, int) { return 0; }
void tilePackAvx512(GgmlType, int, const uint8_t *, size_t, int, int, int, uint8_t *) {}
void tileGemmAvx512(GgmlType, int, const uint8_t *, size_t, int, int, const uint8_t *, size_t, const uint8_t *, int,
                    float *, size_t)
{
}
} // namespace modelatlas::engine::cpu::kernels
#endif
