// AVX2 multi-token tiles (see gemm_tiles.h), for CPUs without AVX-512 (the
// AVX-512 path packs the K-quants' activations with them).
// Q8_0: a 2-row x 4-token register tile, each weight block loaded once. Q4_0,
// Q5_0, Q4_1, Q5_1: 2 rows x 4 tokens (one token: 8 rows), the eight running
// sums in the lanes of one vector. All
// read the tokens' scales packed as floats once per matmul. F16 and BF16:
// 4-row x 3-token tiles, one pass per half of the batched order's 16 lanes;
// F16 reads its activations as they are, BF16 as floats packed once per
// matmul, each step's odd and even elements apart. K-quants: one row's super-block is unpacked once
// (nibbles or 6-bit values, the 6-bit scales and mins) and applied to up to 8
// tokens, where the dot kernels unpack it, scales in scalar code, for every
// token; the tokens' scales and offset sums are packed per pair once per
// matmul (kquant_pairs.h). The integer sums are exact whatever their method;
// the float steps per (row, token) are the dot kernels' own. Compiled for AVX2
// only here (target pragma after every #include); matmul.cpp calls these only
// on the SIMD paths.
#include "cpu/gemm_tiles.h"
#include "cpu/kquant_pairs.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "tensor/block_layouts.h"

#include <cstring>

#include "cpu/simd_target.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

MA_SIMD_TARGET_BEGIN("avx2,fma,f16c")

#include "cpu/lanes_avx2.h"   // after the target pragma: compiled for this file's ISA
#include "cpu/legacy_decode_rows.h"

namespace modelatlas::engine::cpu::kernels {

namespace {

constexpr int kKTokens = 8;   // tokens per unpacked super-block

// Word lo of v's low lane over that lane, word hi of its high lane over the high lane.
inline __m256i broadcastWords(__m256i v, int lo, int hi)
{
    return _mm256_shuffle_epi8(v, _mm256_set_m128i(_mm_set1_epi16(short(((2 * hi + 1) << 8) | (2 * hi))),
                                                   _mm_set1_epi16(short(((2 * lo + 1) << 8) | (2 * lo)))));
}

// Word w of a 128-bit vector of 16-bit words (duplicated to both halves) in every word.
inline __m256i broadcastWord(__m256i v, int w) { return broadcastWords(v, w, w); }

// ---- Q8_0 and Q4_0 batches read the activations' F16 scales from a buffer
// packed once per matmul, per token quad and block (32 bytes): the 4 tokens'
// scales as floats, then (Q4_0 only) their 8 * sum(y); pad tokens have 0.
constexpr size_t kQuadBlock = 32;

void packQuads(bool ySums, int nb, const uint8_t *act, size_t actStride, int B, int t0, int t1, uint8_t *packed)
{
    const __m256i ones8 = _mm256_set1_epi8(1), ones16 = _mm256_set1_epi16(1);
    // The last range also fills its quad's pad tokens.
    const int end = t1 == B ? (B + 3) / 4 * 4 : t1;
    for (int t = t0; t < end; ++t) {
        for (int i = 0; i < nb; ++i) {
            uint8_t *dst = packed + (size_t(t / 4) * size_t(nb) + size_t(i)) * kQuadBlock + 4 * size_t(t % 4);
            float d = 0.0f;
            int32_t ySum8 = 0;
            if (t < B) {
                const auto &xb = reinterpret_cast<const blocks::Q8_0 *>(act + size_t(t) * actStride)[i];
                d = f16(xb.d);
                if (ySums)
                    ySum8 = 8 * hsumI32(_mm256_madd_epi16(_mm256_maddubs_epi16(ones8, load256(xb.qs)), ones16));
            }
            std::memcpy(dst, &d, 4);
            std::memcpy(dst + 16, &ySum8, 4);
        }
    }
}

// A tile of R <= 2 rows x T <= 4 tokens reading its token quad's packed scales.
using QuadTileFn = void (*)(int, const uint8_t *, size_t, const uint8_t *, size_t, const uint8_t *, float *, size_t);

// Rows [r0, r1) x all B tokens in 2-row x 4-token tiles (smaller at the ends),
// tiles[rows - 1][tokens - 1].
void quadTiles(const QuadTileFn (&tiles)[2][4], int nb, const uint8_t *w, size_t wStride, int r0, int r1,
               const uint8_t *act, size_t actStride, const uint8_t *packed, int B, float *y, size_t yStride)
{
    constexpr int kR = 2, kT = 4;
    for (int t = 0; t < B; t += kT) {
        const int nt = B - t < kT ? B - t : kT;
        const uint8_t *quad = packed + size_t(t / kT) * size_t(nb) * kQuadBlock;
        for (int r = r0; r < r1; r += kR) {
            const int nr = r1 - r < kR ? r1 - r : kR;
            tiles[nr - 1][nt - 1](nb, w + size_t(r) * wStride, wStride, act + size_t(t) * actStride, actStride, quad,
                                  y + size_t(t) * yStride + r, yStride);
        }
    }
}

// Q8_0: R <= 2 rows x T <= 4 tokens of dotQ8_0Avx2, each weight block
// loaded once. The float steps per (row, token) and block are the dot
// kernel's: f16(row scale) * f16(token scale) rounded once, then one fused
// multiply-add of the integer sum's 8 lanes. The token scales come from the
// packed quad (one broadcast), the rows' F16 scales are converted together,
// and a row's four products are one multiply, each token's a lane broadcast.
template <int R, int T>
void q8_0Tile(int nb, const uint8_t *w, size_t wStride, const uint8_t *act, size_t actStride, const uint8_t *quad,
              float *y, size_t yStride)
{
    static_assert(R <= 2 && T <= 4);
    __m256 acc[R][T];
    #pragma GCC unroll 2
    for (int r = 0; r < R; ++r)
        #pragma GCC unroll 4
        for (int t = 0; t < T; ++t)
            acc[r][t] = _mm256_setzero_ps();
    const __m256i ones = _mm256_set1_epi16(1);
    for (int i = 0; i < nb; ++i) {
        const __m256 xd = _mm256_broadcast_ps(reinterpret_cast<const __m128 *>(quad + size_t(i) * kQuadBlock));
        uint32_t scaleBits = 0;
        #pragma GCC unroll 2
        for (int r = 0; r < R; ++r)
            scaleBits |= uint32_t((reinterpret_cast<const blocks::Q8_0 *>(w + r * wStride) + i)->d) << (16 * r);
        const __m128 rowScales = _mm_cvtph_ps(_mm_cvtsi32_si128(int(scaleBits)));
        #pragma GCC unroll 2
        for (int r = 0; r < R; ++r) {
            const __m256i wq = load256((reinterpret_cast<const blocks::Q8_0 *>(w + r * wStride) + i)->qs);
            const __m256i aw = _mm256_sign_epi8(wq, wq);   // |w|: maddubs needs an unsigned operand
            const __m256 d = _mm256_mul_ps(
                _mm256_broadcastss_ps(r == 0 ? rowScales : _mm_movehdup_ps(rowScales)), xd);
            #pragma GCC unroll 4
            for (int t = 0; t < T; ++t) {
                const __m256i x = load256((reinterpret_cast<const blocks::Q8_0 *>(act + t * actStride) + i)->qs);
                const __m256i s = _mm256_madd_epi16(_mm256_maddubs_epi16(aw, _mm256_sign_epi8(x, wq)), ones);
                acc[r][t] = _mm256_fmadd_ps(_mm256_permute_ps(d, 0x55 * t), _mm256_cvtepi32_ps(s), acc[r][t]);
            }
        }
    }
    #pragma GCC unroll 2
    for (int r = 0; r < R; ++r)
        #pragma GCC unroll 4
        for (int t = 0; t < T; ++t)
            y[size_t(t) * yStride + size_t(r)] = hsum8(acc[r][t]);
}

void q8_0Tiles(int nb, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act, size_t actStride,
               const uint8_t *packed, int B, float *y, size_t yStride)
{
    constexpr QuadTileFn kTiles[2][4] = {{q8_0Tile<1, 1>, q8_0Tile<1, 2>, q8_0Tile<1, 3>, q8_0Tile<1, 4>},
                                         {q8_0Tile<2, 1>, q8_0Tile<2, 2>, q8_0Tile<2, 3>, q8_0Tile<2, 4>}};
    quadTiles(kTiles, nb, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
}

// ---- Q4_0, Q5_0, Q4_1 and Q5_1. The dot kernels' float order is one fused
// running sum per (row, token) (two steps per block with a minimum); the
// kernels keep eight of them in the lanes of one vector. Q4_0's block integer
// sum is formed as sum(n * y) - 8 * sum(y) over the unsigned nibbles n (exact,
// like the dot kernel's sum((n - 8) * y)), so the nibbles go straight into
// maddubs; 8 * sum(y) comes from the packed quad. Q5_0's values q - 16 meet y
// with the sign moved onto y (|q - 16| <= 16); Q5_1's too, and 16 * sum(y)
// is added back to make its unsigned sum. The minimum's step takes sum(y).

// Lane k of the result: the sum of p[k]'s 16 int16 lanes. Folded across the
// vectors with 16-bit horizontal adds, a lane holds 16 maddubs products of a
// nibble and an int8, at most 16 * 15 * 128 = 30720 in magnitude: the 16-bit
// sums are exact. The two 128-bit halves are widened and added last.
inline __m256i sumWords(const __m256i *p)
{
    // Per 128-bit half, word k: p[k]'s sum over that half.
    const __m256i h = _mm256_hadd_epi16(
        _mm256_hadd_epi16(_mm256_hadd_epi16(p[0], p[1]), _mm256_hadd_epi16(p[2], p[3])),
        _mm256_hadd_epi16(_mm256_hadd_epi16(p[4], p[5]), _mm256_hadd_epi16(p[6], p[7])));
    return _mm256_add_epi32(_mm256_cvtepi16_epi32(_mm256_castsi256_si128(h)),
                            _mm256_cvtepi16_epi32(_mm256_extracti128_si256(h, 1)));
}

// How a block's values meet an activation vector: products(values(block), y)
// gives maddubs' 16 words; ySum8Times says how many times the packed quad's
// 8 * sum(y) is then added (Q4_0 -1, Q5_1 +2), hasMin whether the block has
// a minimum's step. A 128-bit half's 16 products stay exact in 16 bits: at
// most 16 * 15 * 128 (nibbles) or 16 * 16 * 127 (|q - 16| against
// activations, which never reach -128).
inline __m256i signedProducts(__m256i v, __m256i y)
{
    return _mm256_maddubs_epi16(_mm256_sign_epi8(v, v), _mm256_sign_epi8(y, v));
}
struct Q4_0Operands {
    using Block = blocks::Q4_0;
    static constexpr int ySum8Times = -1;
    static constexpr bool hasMin = false;
    static __m256i values(const Block &b) { return legacyNibbles(b.qs); }
    static __m256i products(__m256i v, __m256i y) { return _mm256_maddubs_epi16(v, y); }
};
struct Q5_0Operands {
    using Block = blocks::Q5_0;
    static constexpr int ySum8Times = 0;
    static constexpr bool hasMin = false;
    static __m256i values(const Block &b) { return q5_0Values(b.qs, b.qh); }
    static __m256i products(__m256i v, __m256i y) { return signedProducts(v, y); }
};
struct Q4_1Operands {
    using Block = blocks::Q4_1;
    static constexpr int ySum8Times = 0;
    static constexpr bool hasMin = true;
    static __m256i values(const Block &b) { return legacyNibbles(b.qs); }
    static __m256i products(__m256i v, __m256i y) { return _mm256_maddubs_epi16(v, y); }
};
struct Q5_1Operands {
    using Block = blocks::Q5_1;
    static constexpr int ySum8Times = 2;
    static constexpr bool hasMin = true;
    static __m256i values(const Block &b) { return q5_0Values(b.qs, b.qh); }
    static __m256i products(__m256i v, __m256i y) { return signedProducts(v, y); }
};

// The lanes' integer block sums, as the dot kernels form them.
template <class Ops>
inline __m256i blockSums(const __m256i *p, __m256i ySum8)
{
    const __m256i s = sumWords(p);
    if constexpr (Ops::ySum8Times == -1)
        return _mm256_sub_epi32(s, ySum8);
    else if constexpr (Ops::ySum8Times == 2)
        return _mm256_add_epi32(s, _mm256_add_epi32(ySum8, ySum8));
    else
        return s;
}

// Batches: R <= 2 rows x T <= 4 tokens, lane 4 * r + t. The token scales and
// sums of a quad are one broadcast from the packed buffer; the rows' F16
// scales are packed in a general register (fewer shuffles than inserts).
template <class Ops, int R, int T>
void legacyTile(int nb, const uint8_t *w, size_t wStride, const uint8_t *act, size_t actStride, const uint8_t *quad,
                float *y, size_t yStride)
{
    static_assert(R <= 2 && T <= 4);
    const __m256i rowOfLane = _mm256_setr_epi32(0, 0, 0, 0, 1, 1, 1, 1);
    __m256 acc = _mm256_setzero_ps();
    for (int i = 0; i < nb; ++i) {
        __m256i x[T];
        #pragma GCC unroll 4
        for (int t = 0; t < T; ++t)
            x[t] = load256((reinterpret_cast<const blocks::Q8_0 *>(act + t * actStride) + i)->qs);
        __m256i p[8];
        uint32_t scaleBits = 0;
        [[maybe_unused]] uint32_t minBits = 0;
        #pragma GCC unroll 8
        for (int k = 0; k < 8; ++k)
            p[k] = _mm256_setzero_si256();
        #pragma GCC unroll 2
        for (int r = 0; r < R; ++r) {
            const auto *blk = reinterpret_cast<const typename Ops::Block *>(w + r * wStride) + i;
            const __m256i v = Ops::values(*blk);
            #pragma GCC unroll 4
            for (int t = 0; t < T; ++t)
                p[4 * r + t] = Ops::products(v, x[t]);
            scaleBits |= uint32_t(blk->d) << (16 * r);
            if constexpr (Ops::hasMin)
                minBits |= uint32_t(blk->m) << (16 * r);
        }
        const uint8_t *e = quad + size_t(i) * kQuadBlock;
        const __m256 xd = _mm256_broadcast_ps(reinterpret_cast<const __m128 *>(e));
        const __m256i ySum8 = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i *>(e + 16)));
        // f16(row scale) * f16(token scale), rounded once: the dot kernel's product.
        const __m128 rowScales = _mm_cvtph_ps(_mm_cvtsi32_si128(int(scaleBits)));
        const __m256 wd = _mm256_permutevar8x32_ps(_mm256_castps128_ps256(rowScales), rowOfLane);
        acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(blockSums<Ops>(p, ySum8)), _mm256_mul_ps(wd, xd), acc);
        if constexpr (Ops::hasMin) {   // then f16(row min) * f16(token scale) times sum(y)
            const __m128 rowMins = _mm_cvtph_ps(_mm_cvtsi32_si128(int(minBits)));
            const __m256 wm = _mm256_permutevar8x32_ps(_mm256_castps128_ps256(rowMins), rowOfLane);
            acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_srai_epi32(ySum8, 3)), _mm256_mul_ps(wm, xd), acc);
        }
    }
    alignas(32) float out[8];
    _mm256_store_ps(out, acc);
    #pragma GCC unroll 2
    for (int r = 0; r < R; ++r)
        #pragma GCC unroll 4
        for (int t = 0; t < T; ++t)
            y[size_t(t) * yStride + size_t(r)] = out[4 * r + t];
}

// Decode (legacy_decode_rows.h): products and word sums as the dot kernels
// form them, against token 0 of the packed quad (its scale, then 8 * sum(y)).
template <class Ops>
struct LegacyDecodeOps {
    using Block = typename Ops::Block;
    static constexpr bool kHasMin = Ops::hasMin;
    static constexpr size_t kPackedBlock = kQuadBlock, kScaleAt = 0, kSumAt = 16;
    static __m256i rowPart(const Block &b, __m256i x) { return Ops::products(Ops::values(b), x); }
    static __m256i integerSums(const __m256i (&p)[8], int32_t ySum8)
    {
        return blockSums<Ops>(p, _mm256_set1_epi32(ySum8));
    }
    static float minSum(int32_t ySum8) { return float(ySum8 / 8); }
};

template <class Ops>
void legacyTiles(int nb, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act, size_t actStride,
                 const uint8_t *packed, int B, float *y, size_t yStride)
{
    if (B == 1) {
        legacyDecodeTiles<LegacyDecodeOps<Ops>>(nb, w, wStride, r0, r1, act, packed, y);
        return;
    }
    constexpr QuadTileFn kBatch[2][4] = {
        {legacyTile<Ops, 1, 1>, legacyTile<Ops, 1, 2>, legacyTile<Ops, 1, 3>, legacyTile<Ops, 1, 4>},
        {legacyTile<Ops, 2, 1>, legacyTile<Ops, 2, 2>, legacyTile<Ops, 2, 3>, legacyTile<Ops, 2, 4>}};
    quadTiles(kBatch, nb, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
}

// F16. The batched order's 16 lanes are two independent 8-lane sums per
// (row, token): lanes 0-7 take the elements i % 16 < 8, lanes 8-15 the rest,
// added lane by lane at the end (dotF16BatchedAvx2's lo + hi). Holding both
// halves of a pair costs two registers, which left room for only 2 x 3 pairs.
// So each half is its own pass: one register per pair gives a 4-row x 3-token
// tile. A pass covers one column block (kF16Block), which stays in L1 for the
// second half; the pairs' partial sums wait in `acc` between blocks, stored
// and reloaded unchanged. The activations are read as they are, F16, and
// widened in the loop like the weights: 7 conversions per 12 FMAs, but all 7
// loads are 16 bytes. Widened to F32 once per matmul, the 3 token loads were
// 32 bytes each and the loop ran 12-14% slower (pp512 75-78 against 86-87
// tok/s), and its 12 KB of F32 per token triple and block left the block at
// 1024 columns where the F16 rows fit 2048.
constexpr int kF16Block = 2048, kF16Rows = 4, kF16Tokens = 3, kF16Pairs = kF16Rows * kF16Tokens;

// F16's pass steps: half 0 takes columns i..i+7 of each 16, half 8 the
// rest; the activations are the matmul's F16 input.
struct F16Half {
    static constexpr int kStride = 16;
    static int first(int half) { return half; }
    template <int R, int T>
    static void step(int i, int, const uint8_t *w, size_t wStride, const uint8_t *x, size_t xStride, __m256 (&sum)[R][T])
    {
        #pragma GCC unroll 4
        for (int r = 0; r < R; ++r) {
            const __m256 wv = loadF16x8(w + size_t(r) * wStride + 2 * size_t(i));
            #pragma GCC unroll 4
            for (int t = 0; t < T; ++t)
                sum[r][t] = _mm256_fmadd_ps(wv, loadF16x8(x + size_t(t) * xStride + 2 * size_t(i)), sum[r][t]);
        }
    }
};

// BF16: the same two passes (dotBF16BatchedAvx2's lo and hi: the elements
// i % 32 < 16 of each 32-element step, and the rest). The activations are
// packed once per matmul as floats, each step's odd and even elements apart
// (exact); each weight load is split likewise, and a lane fuses its pair's
// odd product, then its even one, as the pair instruction does. The packed
// floats take twice the L1 of F16 activations, hence half the column block.
constexpr int kBF16Block = 1024;
constexpr size_t kBF16Step = 128;   // packed bytes per token and 32-element step

inline __m256 bf16Odd(__m256i v) { return _mm256_castsi256_ps(_mm256_and_si256(v, _mm256_set1_epi32(int(0xffff0000u)))); }
inline __m256 bf16Even(__m256i v) { return _mm256_castsi256_ps(_mm256_slli_epi32(v, 16)); }

// Per token and 32-element step: the first 16 elements' odd and even floats, then the last 16's.
void packBF16(int ns, const uint8_t *act, size_t actStride, int t0, int t1, uint8_t *packed)
{
    for (int t = t0; t < t1; ++t)
        for (int s = 0; s < ns; ++s)
            for (int h = 0; h < 2; ++h) {
                const __m256i v = load256(act + size_t(t) * actStride + 64 * size_t(s) + 32 * h);
                auto *dst = reinterpret_cast<float *>(packed + (size_t(t) * ns + s) * kBF16Step + 64 * h);
                _mm256_storeu_ps(dst, bf16Odd(v));
                _mm256_storeu_ps(dst + 8, bf16Even(v));
            }
}

// BF16's pass steps over 32 columns, x the packed activations.
struct BF16Half {
    static constexpr int kStride = 32;
    static int first(int) { return 0; }
    template <int R, int T>
    static void step(int i, int half, const uint8_t *w, size_t wStride, const uint8_t *x, size_t xStride,
                     __m256 (&sum)[R][T])
    {
        const int h = half / 8;
        #pragma GCC unroll 4
        for (int r = 0; r < R; ++r) {
            const __m256i v = load256(w + size_t(r) * wStride + 2 * size_t(i) + 32 * h);
            const __m256 odd = bf16Odd(v), even = bf16Even(v);
            #pragma GCC unroll 4
            for (int t = 0; t < T; ++t) {
                const auto *xt = reinterpret_cast<const float *>(x + size_t(t) * xStride + size_t(i / 32) * kBF16Step + 64 * h);
                sum[r][t] = _mm256_fmadd_ps(even, _mm256_loadu_ps(xt + 8), _mm256_fmadd_ps(odd, _mm256_loadu_ps(xt), sum[r][t]));
            }
        }
    }
};

// One half (`half` 0: lanes 0-7, 8: lanes 8-15) of R rows x T tokens over
// columns [i0, i1); the partial sums come in and go back through `acc`.
template <class Kind, int R, int T>
void halfTile(int half, int i0, int i1, const uint8_t *w, size_t wStride, const uint8_t *x, size_t xStride,
              __m256 *acc)
{
    __m256 sum[R][T];
    #pragma GCC unroll 4
    for (int r = 0; r < R; ++r)
        #pragma GCC unroll 4
        for (int t = 0; t < T; ++t)
            sum[r][t] = acc[r * T + t];
    for (int i = i0 + Kind::first(half); i < i1; i += Kind::kStride)
        Kind::template step<R, T>(i, half, w, wStride, x, xStride, sum);
    #pragma GCC unroll 4
    for (int r = 0; r < R; ++r)
        #pragma GCC unroll 4
        for (int t = 0; t < T; ++t)
            acc[r * T + t] = sum[r][t];
}

using HalfFn = void (*)(int, int, int, const uint8_t *, size_t, const uint8_t *, size_t, __m256 *);
using HalfTable = HalfFn[kF16Rows][kF16Tokens];
template <class Kind>
constexpr HalfTable kHalves = {
    {halfTile<Kind, 1, 1>, halfTile<Kind, 1, 2>, halfTile<Kind, 1, 3>},
    {halfTile<Kind, 2, 1>, halfTile<Kind, 2, 2>, halfTile<Kind, 2, 3>},
    {halfTile<Kind, 3, 1>, halfTile<Kind, 3, 2>, halfTile<Kind, 3, 3>},
    {halfTile<Kind, 4, 1>, halfTile<Kind, 4, 2>, halfTile<Kind, 4, 3>}};

// Rows [r0, r1) (at most kHalfMaxRows) x all tokens, in column blocks of
// `block`, each half pass from `halves`. Token triples are the outer loop:
// the rows' weights stay in L2 while the triples pass over them, and a
// triple's partial sums (two halves per pair) fit in L1.
constexpr int kHalfMaxRows = 64;

void halfPassRowTile(const HalfTable &halves, int block, int cols, const uint8_t *w, size_t wStride, int r0, int r1,
                     const uint8_t *x, size_t xStride, int B, float *y, size_t yStride)
{
    __m256 acc[kHalfMaxRows / kF16Rows][2 * kF16Pairs];
    for (int t = 0; t < B; t += kF16Tokens) {
        const int nt = B - t < kF16Tokens ? B - t : kF16Tokens;
        const uint8_t *xt = x + size_t(t) * xStride;
        for (auto &quad : acc)
            for (__m256 &a : quad)
                a = _mm256_setzero_ps();
        for (int i0 = 0; i0 < cols; i0 += block) {
            const int i1 = cols - i0 < block ? cols : i0 + block;
            for (int r = r0; r < r1; r += kF16Rows) {
                const int nr = r1 - r < kF16Rows ? r1 - r : kF16Rows;
                const HalfFn fn = halves[nr - 1][nt - 1];
                __m256 *quad = acc[(r - r0) / kF16Rows];
                const uint8_t *wr = w + size_t(r) * wStride;
                fn(0, i0, i1, wr, wStride, xt, xStride, quad);
                fn(8, i0, i1, wr, wStride, xt, xStride, quad + nr * nt);
            }
        }
        for (int r = r0; r < r1; r += kF16Rows) {
            const int nr = r1 - r < kF16Rows ? r1 - r : kF16Rows;
            const __m256 *quad = acc[(r - r0) / kF16Rows];
            for (int i = 0; i < nr; ++i)
                for (int j = 0; j < nt; ++j)
                    y[size_t(t + j) * yStride + size_t(r + i)] =
                        hsum8(_mm256_add_ps(quad[i * nt + j], quad[nr * nt + i * nt + j]));
        }
    }
}

void halfPassTiles(const HalfTable &halves, int block, int cols, const uint8_t *w, size_t wStride, int r0, int r1,
                   const uint8_t *x, size_t xStride, int B, float *y, size_t yStride)
{
    for (int r = r0; r < r1; r += kHalfMaxRows)
        halfPassRowTile(halves, block, cols, w, wStride, r, r1 - r < kHalfMaxRows ? r1 : r + kHalfMaxRows, x, xStride,
                        B, y, yStride);
}

const BlockQ8K &q8k(const uint8_t *act, size_t actStride, int t, int i)
{
    return reinterpret_cast<const BlockQ8K *>(act + size_t(t) * actStride)[i];
}

// A Q4_K/Q5_K super-block unpacked once for all tokens: chunk c's 32 low and
// 32 high 4- or 5-bit values, their sub-block scales (in every word) and the
// 8 mins.
struct KBlock {
    __m256i lo[4], hi[4], scLo[4], scHi[4];
    __m128i mins;
};

// The 8 six-bit scales (words, in both halves) and mins.
inline void unpackScales(const uint8_t *scales, __m256i &sc, __m128i &mins)
{
    const __m256i scm = _mm256_cvtepu8_epi16(kquantScalesMins(scales));
    sc = _mm256_permute2x128_si256(scm, scm, 0x00);
    mins = _mm256_extracti128_si256(scm, 1);
}

inline void unpackScalesAndMins(const uint8_t *scales, KBlock &b)
{
    __m256i sc;
    unpackScales(scales, sc, b.mins);
    #pragma GCC unroll 4
    for (int c = 0; c < 4; ++c) {
        b.scLo[c] = broadcastWord(sc, 2 * c);
        b.scHi[c] = broadcastWord(sc, 2 * c + 1);
    }
}

// One token's integer sum against an unpacked block: the dot kernels' 8 lanes.
inline __m256i blockSum(const KBlock &b, const BlockQ8K &yb)
{
    __m256i sumi = _mm256_setzero_si256();
    #pragma GCC unroll 4
    for (int c = 0; c < 4; ++c) {
        const __m256i p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(b.lo[c], load256(yb.qs + 64 * c)), b.scLo[c]);
        const __m256i p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(b.hi[c], load256(yb.qs + 64 * c + 32)), b.scHi[c]);
        sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(p0, p1));
    }
    return sumi;
}

// Tokens [t0, t1)'s halves of the K-quant pairs (kquant_pairs.h): fill(pair,
// token's block, half) per super-block. The range that ends an odd batch
// first zeroes the pad token's half: its lanes are computed with (never read),
// and stale bytes there could be denormal floats, which cost the FMAs a
// microcode assist each (measured: decode 42 -> 35 tok/s).
template <class Pair, class Fill>
void packKquantPairs(int nsb, const uint8_t *act, size_t actStride, int B, int t0, int t1, uint8_t *packed, Fill fill)
{
    if (t1 == B && B % 2 == 1)
        for (int i = 0; i < nsb; ++i)
            kquantPair<Pair>(packed, nsb, B, i) = Pair{};
    for (int t = t0; t < t1; ++t)
        for (int i = 0; i < nsb; ++i)
            fill(kquantPair<Pair>(packed, nsb, t, i), q8k(act, actStride, t, i), t % 2);
}

void packQ4KPairs(int nsb, const uint8_t *act, size_t actStride, int B, int t0, int t1, uint8_t *packed)
{
    packKquantPairs<Q4KPair>(nsb, act, actStride, B, t0, t1, packed, [](Q4KPair &pk, const BlockQ8K &yb, int h) {
        _mm256_storeu_ps(pk.d + 8 * h, _mm256_set1_ps(yb.d));
        _mm_storeu_ps(pk.negD + 4 * h, _mm_set1_ps(-yb.d));
        const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i *>(yb.bsums));
        const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i *>(yb.bsums + 8));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(pk.bsumPairs[h]), _mm_hadd_epi16(lo, hi));
    });
}

void packQ6KPairs(int nsb, const uint8_t *act, size_t actStride, int B, int t0, int t1, uint8_t *packed)
{
    packKquantPairs<Q6KPair>(nsb, act, actStride, B, t0, t1, packed, [](Q6KPair &pk, const BlockQ8K &yb, int h) {
        _mm256_storeu_ps(pk.d + 8 * h, _mm256_set1_ps(yb.d));
        const __m256i m32 = _mm256_set1_epi8(32);
        #pragma GCC unroll 8
        for (int k = 0; k < 8; ++k)
            _mm256_storeu_si256(reinterpret_cast<__m256i *>(pk.m32y[h] + 16 * k),
                                _mm256_maddubs_epi16(m32, load256(yb.qs + 32 * k)));
    });
}

// One Q4_K row against tokens [tb, tb + T) (tb even): dotQ4_KAvx2's
// operations per token, a token pair's mins term in one register.
// Chunk by chunk, so that a chunk's nibbles and scales and (most of) the
// tokens' integer sums stay in the 16 registers, where a whole unpacked
// super-block would not. For more than 2 tokens the chunk loop is not
// unrolled: unrolled, GCC keeps the chunks' products on the stack (pp256 88
// against 91 tok/s); decode (1 token) gains from the unrolling.
template <int T>
void q4_KRow(int nsb, const uint8_t *wrow, const uint8_t *act, size_t actStride, const uint8_t *packed, int tb,
             float *y, size_t yStride)
{
    constexpr int P = (T + 1) / 2;   // token pairs, the last of an odd T with the pad token
    __m256 acc[T], accm[P];
    #pragma GCC unroll 8
    for (int t = 0; t < T; ++t)
        acc[t] = _mm256_setzero_ps();
    #pragma GCC unroll 4
    for (int p = 0; p < P; ++p)
        accm[p] = _mm256_setzero_ps();
    const __m256i low4 = _mm256_set1_epi8(0x0f);
    for (int i = 0; i < nsb; ++i) {
        const auto *blk = reinterpret_cast<const blocks::Q4_K *>(wrow) + i;
        prefetchWeights(blk, int(sizeof(*blk)));
        __m256i sc;
        __m128i mins;
        unpackScales(blk->scales, sc, mins);
        __m256i sumi[T];
        #pragma GCC unroll 8
        for (int t = 0; t < T; ++t)
            sumi[t] = _mm256_setzero_si256();
        const auto chunk = [&](int c) {
            const __m256i q4 = load256(blk->qs + 32 * c);
            const __m256i lo = _mm256_and_si256(q4, low4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q4, 4), low4);
            const __m256i scLo = broadcastWord(sc, 2 * c), scHi = broadcastWord(sc, 2 * c + 1);
            #pragma GCC unroll 8
            for (int t = 0; t < T; ++t) {
                const BlockQ8K &yb = q8k(act, actStride, tb + t, i);
                const __m256i p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(lo, load256(yb.qs + 64 * c)), scLo);
                const __m256i p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(hi, load256(yb.qs + 64 * c + 32)), scHi);
                sumi[t] = _mm256_add_epi32(sumi[t], _mm256_add_epi32(p0, p1));
            }
        };
        if constexpr (T <= 2) {
            chunk(0), chunk(1), chunk(2), chunk(3);
        } else {
            #pragma GCC unroll 1
            for (int c = 0; c < 4; ++c)
                chunk(c);
        }
        const __m256 wd = _mm256_set1_ps(f16(blk->d)), wdmin = _mm256_set1_ps(f16(blk->dmin));
        #pragma GCC unroll 8
        for (int t = 0; t < T; ++t) {
            const Q4KPair &pk = kquantPair<Q4KPair>(packed, nsb, tb + t, i);
            acc[t] = _mm256_fmadd_ps(_mm256_mul_ps(_mm256_loadu_ps(pk.d + 8 * (t % 2)), wd),
                                     _mm256_cvtepi32_ps(sumi[t]), acc[t]);
        }
        // An odd T's last pair has the pad token's zeroed half: lanes computed, never read.
        const __m256i mins2 = _mm256_broadcastsi128_si256(mins);
        #pragma GCC unroll 4
        for (int p = 0; p < P; ++p) {
            const Q4KPair &pk = kquantPair<Q4KPair>(packed, nsb, tb + 2 * p, i);
            const __m256i m = _mm256_madd_epi16(mins2, load256(pk.bsumPairs));
            accm[p] = _mm256_fmadd_ps(_mm256_mul_ps(_mm256_loadu_ps(pk.negD), wdmin), _mm256_cvtepi32_ps(m), accm[p]);
        }
    }
    #pragma GCC unroll 8
    for (int t = 0; t < T; ++t) {
        const __m256 m = accm[t / 2];
        y[size_t(tb + t) * yStride] =
            hsum8(acc[t]) + hsum4(t % 2 ? _mm256_extractf128_ps(m, 1) : _mm256_castps256_ps128(m));
    }
}

// One Q5_K row against tokens [tb, tb + T) (tb even): dotQ5_KAvx2's operations per
// token; its mins term is one integer per super-block (exact, here summed
// from the SIMD lanes) in a fused scalar running sum.
template <int T>
void q5_KRow(int nsb, const uint8_t *wrow, const uint8_t *act, size_t actStride, const uint8_t *packed, int tb,
             float *y, size_t yStride)
{
    __m256 acc[T];
    __m128 summs[T];
    #pragma GCC unroll 8
    for (int t = 0; t < T; ++t) {
        acc[t] = _mm256_setzero_ps();
        summs[t] = _mm_setzero_ps();
    }
    const __m256i low4 = _mm256_set1_epi8(0x0f), sixteen = _mm256_set1_epi8(16);
    for (int i = 0; i < nsb; ++i) {
        const auto *blk = reinterpret_cast<const blocks::Q5_K *>(wrow) + i;
        prefetchWeights(blk, int(sizeof(*blk)));
        KBlock b;
        unpackScalesAndMins(blk->scales, b);
        const __m256i qh = load256(blk->qh);
        #pragma GCC unroll 4
        for (int c = 0; c < 4; ++c) {
            // Bit 2c (2c + 1) of qh is the fifth bit of chunk c's low (high) nibbles.
            const __m256i bitLo = _mm256_set1_epi8(char(1u << (2 * c)));
            const __m256i bitHi = _mm256_set1_epi8(char(1u << (2 * c + 1)));
            const __m256i hLo = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(qh, bitLo), bitLo), sixteen);
            const __m256i hHi = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(qh, bitHi), bitHi), sixteen);
            const __m256i q4 = load256(blk->qs + 32 * c);
            b.lo[c] = _mm256_or_si256(_mm256_and_si256(q4, low4), hLo);
            b.hi[c] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q4, 4), low4), hHi);
        }
        const float wd = f16(blk->d), wdmin = f16(blk->dmin);
        #pragma GCC unroll 8
        for (int t = 0; t < T; ++t) {
            const BlockQ8K &yb = q8k(act, actStride, tb + t, i);
            const int16_t *bsumPairs = kquantPair<Q4KPair>(packed, nsb, tb + t, i).bsumPairs[t % 2];
            __m128i m = _mm_madd_epi16(b.mins, _mm_loadu_si128(reinterpret_cast<const __m128i *>(bsumPairs)));
            m = _mm_add_epi32(m, _mm_unpackhi_epi64(m, m));
            const int summ = _mm_cvtsi128_si32(_mm_add_epi32(m, _mm_shuffle_epi32(m, 1)));
            summs[t] = _mm_fmadd_ss(_mm_set_ss(-yb.d * wdmin), _mm_set_ss(float(summ)), summs[t]);
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(yb.d * wd), _mm256_cvtepi32_ps(blockSum(b, yb)), acc[t]);
        }
    }
    #pragma GCC unroll 8
    for (int t = 0; t < T; ++t)
        y[size_t(tb + t) * yStride] = hsum8(acc[t]) + _mm_cvtss_f32(summs[t]);
}

// One Q6_K row against tokens [tb, tb + T) (tb even): dotQ6_KAvx2's operations
// per token, with maddubs(32, y) packed once per matmul.
template <int T>
void q6_KRow(int nsb, const uint8_t *wrow, const uint8_t *act, size_t actStride, const uint8_t *packed, int tb,
             float *y, size_t yStride)
{
    __m256 acc[T];
    #pragma GCC unroll 8
    for (int t = 0; t < T; ++t)
        acc[t] = _mm256_setzero_ps();
    const __m256i low4 = _mm256_set1_epi8(0x0f), three = _mm256_set1_epi8(3);
    for (int i = 0; i < nsb; ++i) {
        const auto *blk = reinterpret_cast<const blocks::Q6_K *>(wrow) + i;
        prefetchWeights(blk, int(sizeof(*blk)));
        // The 6-bit values of quants 32k..32k+31 and their two 16-value scales.
        __m256i q[8], scale[8];
        const __m256i scales16 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(blk->scales)));
        #pragma GCC unroll 2
        for (int half = 0; half < 2; ++half) {
            const __m256i ql0 = load256(blk->ql + 64 * half), ql1 = load256(blk->ql + 64 * half + 32);
            const __m256i qh = load256(blk->qh + 32 * half);
            __m256i *qq = q + 4 * half;
            qq[0] = _mm256_or_si256(_mm256_and_si256(ql0, low4), _mm256_slli_epi16(_mm256_and_si256(qh, three), 4));
            qq[1] = _mm256_or_si256(_mm256_and_si256(ql1, low4),
                                    _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2), three), 4));
            qq[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql0, 4), low4),
                                    _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 4), three), 4));
            qq[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql1, 4), low4),
                                    _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 6), three), 4));
            // Scales 2k and 2k + 1 of this half, as words, in the low and high lane:
            // one in-lane shuffle each (broadcasting them one by one took 7 operations).
            const __m256i sc = _mm256_permute4x64_epi64(scales16, half ? 0xee : 0x44);
            #pragma GCC unroll 4
            for (int k = 0; k < 4; ++k)
                scale[4 * half + k] = broadcastWords(sc, 2 * k, 2 * k + 1);
        }
        const __m256 wd = _mm256_set1_ps(f16(blk->d));
        #pragma GCC unroll 8
        for (int t = 0; t < T; ++t) {
            const BlockQ8K &yb = q8k(act, actStride, tb + t, i);
            const Q6KPair &pk = kquantPair<Q6KPair>(packed, nsb, tb + t, i);
            __m256i sumi = _mm256_setzero_si256();
            #pragma GCC unroll 8
            for (int k = 0; k < 8; ++k) {
                // (q - 32) * y as maddubs(q, y) - maddubs(32, y): maddubs needs an unsigned operand.
                const __m256i p = _mm256_sub_epi16(_mm256_maddubs_epi16(q[k], load256(yb.qs + 32 * k)),
                                                   load256(pk.m32y[t % 2] + 16 * k));
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(p, scale[k]));
            }
            acc[t] = _mm256_fmadd_ps(_mm256_mul_ps(_mm256_loadu_ps(pk.d + 8 * (t % 2)), wd), _mm256_cvtepi32_ps(sumi),
                                     acc[t]);
        }
    }
    #pragma GCC unroll 8
    for (int t = 0; t < T; ++t)
        y[size_t(tb + t) * yStride] = hsum8(acc[t]);
}

// The token count is a template parameter so that the accumulators live in
// registers (see gemm_avx512.cpp's kquantTiles).
using KRowFn = void (*)(int, const uint8_t *, const uint8_t *, size_t, const uint8_t *, int, float *, size_t);
constexpr KRowFn kQ4KRows[kKTokens] = {q4_KRow<1>, q4_KRow<2>, q4_KRow<3>, q4_KRow<4>,
                                       q4_KRow<5>, q4_KRow<6>, q4_KRow<7>, q4_KRow<8>};
constexpr KRowFn kQ5KRows[kKTokens] = {q5_KRow<1>, q5_KRow<2>, q5_KRow<3>, q5_KRow<4>,
                                       q5_KRow<5>, q5_KRow<6>, q5_KRow<7>, q5_KRow<8>};
constexpr KRowFn kQ6KRows[kKTokens] = {q6_KRow<1>, q6_KRow<2>, q6_KRow<3>, q6_KRow<4>,
                                       q6_KRow<5>, q6_KRow<6>, q6_KRow<7>, q6_KRow<8>};

} // namespace

bool hasTileAvx2(GgmlType type, int cols)
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

size_t tilePackBytesAvx2(GgmlType type, int B, int cols)
{
    switch (type) {
    case GgmlType::Q8_0:
    case GgmlType::Q4_0:
    case GgmlType::Q5_0:
    case GgmlType::Q4_1:
    case GgmlType::Q5_1: return size_t(B + 3) / 4 * size_t(cols / 32) * kQuadBlock;
    case GgmlType::Q4_K:
    case GgmlType::Q5_K: return size_t(B + 1) / 2 * size_t(cols / 256) * sizeof(Q4KPair);
    case GgmlType::Q6_K: return size_t(B + 1) / 2 * size_t(cols / 256) * sizeof(Q6KPair);
    case GgmlType::BF16: return size_t(B) * size_t(cols / 32) * kBF16Step;
    default: return 0;
    }
}

void tilePackAvx2(GgmlType type, int cols, const uint8_t *act, size_t actStride, int B, int t0, int t1,
                  uint8_t *packed)
{
    switch (type) {
    case GgmlType::Q8_0:
    case GgmlType::Q5_0: packQuads(false, cols / 32, act, actStride, B, t0, t1, packed); return;
    case GgmlType::Q4_0:
    case GgmlType::Q4_1:
    case GgmlType::Q5_1: packQuads(true, cols / 32, act, actStride, B, t0, t1, packed); return;
    default: break;
    }
    if (type == GgmlType::Q4_K || type == GgmlType::Q5_K) {
        packQ4KPairs(cols / 256, act, actStride, B, t0, t1, packed);
        return;
    }
    if (type == GgmlType::Q6_K)
        packQ6KPairs(cols / 256, act, actStride, B, t0, t1, packed);
    if (type == GgmlType::BF16)
        packBF16(cols / 32, act, actStride, t0, t1, packed);
}

void tileGemmAvx2(GgmlType type, int cols, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act,
                  size_t actStride, const uint8_t *packed, int B, float *y, size_t yStride)
{
    if (type == GgmlType::Q8_0) {
        q8_0Tiles(cols / 32, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
        return;
    }
    if (type == GgmlType::Q4_0) {
        legacyTiles<Q4_0Operands>(cols / 32, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
        return;
    }
    if (type == GgmlType::Q5_0) {
        legacyTiles<Q5_0Operands>(cols / 32, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
        return;
    }
    if (type == GgmlType::Q4_1) {
        legacyTiles<Q4_1Operands>(cols / 32, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
        return;
    }
    if (type == GgmlType::Q5_1) {
        legacyTiles<Q5_1Operands>(cols / 32, w, wStride, r0, r1, act, actStride, packed, B, y, yStride);
        return;
    }
    if (type == GgmlType::F16) {
        halfPassTiles(kHalves<F16Half>, kF16Block, cols, w, wStride, r0, r1, act, actStride, B, y, yStride);
        return;
    }
    if (type == GgmlType::BF16) {
        halfPassTiles(kHalves<BF16Half>, kBF16Block, cols, w, wStride, r0, r1, packed, size_t(cols / 32) * kBF16Step, B, y,
                      yStride);
        return;
    }
    const KRowFn *rows = type == GgmlType::Q4_K ? kQ4KRows : type == GgmlType::Q5_K ? kQ5KRows : kQ6KRows;
    for (int tb = 0; tb < B; tb += kKTokens) {
        const KRowFn row = rows[(B - tb < kKTokens ? B - tb : kKTokens) - 1];
        for (int r = r0; r < r1; ++r)
            row(cols / 256, w + size_t(r) * wStride, act, actStride, packed, tb, y + r, yStride);
    }
}

} // namespace modelatlas::engine::cpu::kernels

MA_SIMD_TARGET_END

#else // not x86: no tiles (the AVX2 paths are never selected there).
namespace modelatlas::engine::cpu::kernels {
bool hasTileAvx2(GgmlType, int) { return false; }
size_t tilePackBytesAvx2(GgmlType, int, int) { return 0; }
void tilePackAvx2(GgmlType, int, const uint8_t *, size_t, int, int, int, uint8_t *) {}
void tileGemmAvx2(GgmlType, int, const uint8_t *, size_t, int, int, const uint8_t *, size_t, const uint8_t *, int,
                  float *, size_t)
{
}
} // namespace modelatlas::engine::cpu::kernels
#endif
