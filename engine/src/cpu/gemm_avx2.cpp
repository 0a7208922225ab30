// AVX2 multi-token tiles (see gemm_tiles.h), for CPUs without AVX-512. Q8_0:
// a 2-row x 4-token register tile, each weight block loaded once. K-quants:
// one row's super-block is unpacked once (nibbles or 6-bit values, the 6-bit
// scales and mins) and applied to up to 8 tokens, where the dot kernels unpack
// it, scales in scalar code, for every token. The integer steps per (row,
// token) are the dot kernels' own (maddubs, madd by the sub-block scale), and
// so are the float steps. Compiled for AVX2 only here (target pragma after
// every #include); matmul.cpp calls these only on the AVX2 paths.
#include "cpu/gemm_tiles.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "tensor/block_layouts.h"

#include <cstring>

#include "cpu/simd_target.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

MA_SIMD_TARGET_BEGIN("avx2,fma,f16c")

#include "cpu/lanes_avx2.h"   // after the target pragma: compiled for this file's ISA

namespace modelatlas::engine::cpu::kernels {

namespace {

constexpr int kKTokens = 8;   // tokens per unpacked super-block

// Word w of a 128-bit vector of 16-bit words (duplicated to both halves) in every word.
inline __m256i broadcastWord(__m256i v, int w)
{
    return _mm256_shuffle_epi8(v, _mm256_set1_epi16(short(((2 * w + 1) << 8) | (2 * w))));
}

// Q8_0: R rows x T tokens of dotQ8_0Avx2, each weight block loaded once.
template <int R, int T>
void q8_0Tile(int nb, const uint8_t *w, size_t wStride, const uint8_t *act, size_t actStride, float *y,
              size_t yStride)
{
    __m256 acc[R][T];
    #pragma GCC unroll 4
    for (int r = 0; r < R; ++r)
        #pragma GCC unroll 4
        for (int t = 0; t < T; ++t)
            acc[r][t] = _mm256_setzero_ps();
    const __m256i ones = _mm256_set1_epi16(1);
    for (int i = 0; i < nb; ++i) {
        __m256i x[T];
        float xd[T];
        #pragma GCC unroll 4
        for (int t = 0; t < T; ++t) {
            const auto *blk = reinterpret_cast<const blocks::Q8_0 *>(act + t * actStride) + i;
            x[t] = load256(blk->qs);
            xd[t] = f16(blk->d);
        }
        #pragma GCC unroll 4
        for (int r = 0; r < R; ++r) {
            const auto *blk = reinterpret_cast<const blocks::Q8_0 *>(w + r * wStride) + i;
            const __m256i wq = load256(blk->qs);
            const __m256i aw = _mm256_sign_epi8(wq, wq);   // |w|: maddubs needs an unsigned operand
            const float wd = f16(blk->d);
            #pragma GCC unroll 4
            for (int t = 0; t < T; ++t) {
                const __m256i s = _mm256_madd_epi16(_mm256_maddubs_epi16(aw, _mm256_sign_epi8(x[t], wq)), ones);
                acc[r][t] = _mm256_fmadd_ps(_mm256_set1_ps(wd * xd[t]), _mm256_cvtepi32_ps(s), acc[r][t]);
            }
        }
    }
    #pragma GCC unroll 4
    for (int r = 0; r < R; ++r)
        #pragma GCC unroll 4
        for (int t = 0; t < T; ++t)
            y[size_t(t) * yStride + size_t(r)] = hsum8(acc[r][t]);
}

void q8_0Tiles(int nb, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act, size_t actStride, int B,
               float *y, size_t yStride)
{
    constexpr int kR = 2, kT = 4;
    for (int t = 0; t < B;) {
        const int nt = B - t >= kT ? kT : 1;
        const uint8_t *at = act + size_t(t) * actStride;
        float *yt = y + size_t(t) * yStride;
        for (int r = r0; r < r1;) {
            const int nr = r1 - r >= kR ? kR : 1;
            const uint8_t *wr = w + size_t(r) * wStride;
            if (nt == kT)
                (nr == kR ? q8_0Tile<kR, kT> : q8_0Tile<1, kT>)(nb, wr, wStride, at, actStride, yt + r, yStride);
            else
                (nr == kR ? q8_0Tile<kR, 1> : q8_0Tile<1, 1>)(nb, wr, wStride, at, actStride, yt + r, yStride);
            r += nr;
        }
        t += nt;
    }
}

const BlockQ8K &q8k(const uint8_t *act, size_t actStride, int t, int i)
{
    return reinterpret_cast<const BlockQ8K *>(act + size_t(t) * actStride)[i];
}

// One Q4_K row against tokens [tb, te): dotQ4_KAvx2's operations per token.
void q4_KRow(int nsb, const uint8_t *wrow, const uint8_t *act, size_t actStride, int tb, int te, float *y,
             size_t yStride)
{
    __m256 acc[kKTokens];
    __m128 accm[kKTokens];
    for (int t = 0; t < te - tb; ++t) {
        acc[t] = _mm256_setzero_ps();
        accm[t] = _mm_setzero_ps();
    }
    const __m256i low4 = _mm256_set1_epi8(0x0f);
    for (int i = 0; i < nsb; ++i) {
        const auto *blk = reinterpret_cast<const blocks::Q4_K *>(wrow) + i;
        prefetchWeights(blk, int(sizeof(*blk)));
        // The 8 six-bit scales and mins (kquantScaleMin's layout), four at a time.
        uint32_t u[3];
        std::memcpy(u, blk->scales, 12);
        const uint32_t sc03 = u[0] & 0x3f3f3f3fu, m03 = u[1] & 0x3f3f3f3fu;
        const uint32_t sc47 = (u[2] & 0x0f0f0f0fu) | (((u[0] >> 6) & 0x03030303u) << 4);
        const uint32_t m47 = ((u[2] >> 4) & 0x0f0f0f0fu) | (((u[1] >> 6) & 0x03030303u) << 4);
        const __m256i scm = _mm256_cvtepu8_epi16(_mm_set_epi32(int(m47), int(m03), int(sc47), int(sc03)));
        const __m256i sc = _mm256_permute2x128_si256(scm, scm, 0x00);   // the 8 scales in both halves
        const __m128i mins = _mm256_extracti128_si256(scm, 1);
        __m256i lo[4], hi[4], scLo[4], scHi[4];
        #pragma GCC unroll 4
        for (int c = 0; c < 4; ++c) {
            const __m256i q4 = load256(blk->qs + 32 * c);
            lo[c] = _mm256_and_si256(q4, low4);
            hi[c] = _mm256_and_si256(_mm256_srli_epi16(q4, 4), low4);
            scLo[c] = broadcastWord(sc, 2 * c);
            scHi[c] = broadcastWord(sc, 2 * c + 1);
        }
        const float wd = f16(blk->d), wdmin = f16(blk->dmin);
        for (int t = 0; t < te - tb; ++t) {
            const BlockQ8K &yb = q8k(act, actStride, tb + t, i);
            __m256i sumi = _mm256_setzero_si256();
            #pragma GCC unroll 4
            for (int c = 0; c < 4; ++c) {
                const __m256i p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(lo[c], load256(yb.qs + 64 * c)), scLo[c]);
                const __m256i p1 =
                    _mm256_madd_epi16(_mm256_maddubs_epi16(hi[c], load256(yb.qs + 64 * c + 32)), scHi[c]);
                sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(p0, p1));
            }
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(yb.d * wd), _mm256_cvtepi32_ps(sumi), acc[t]);
            // Sums of adjacent bsums pairs: sub-block j's activation sum, as word j.
            const __m128i bs = _mm_hadd_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(yb.bsums)),
                                              _mm_loadu_si128(reinterpret_cast<const __m128i *>(yb.bsums + 8)));
            accm[t] = _mm_fmadd_ps(_mm_set1_ps(-yb.d * wdmin), _mm_cvtepi32_ps(_mm_madd_epi16(mins, bs)), accm[t]);
        }
    }
    for (int t = 0; t < te - tb; ++t)
        y[size_t(tb + t) * yStride] = hsum8(acc[t]) + hsum4(accm[t]);
}

// One Q6_K row against tokens [tb, te): dotQ6_KAvx2's operations per token.
void q6_KRow(int nsb, const uint8_t *wrow, const uint8_t *act, size_t actStride, int tb, int te, float *y,
             size_t yStride)
{
    __m256 acc[kKTokens];
    for (int t = 0; t < te - tb; ++t)
        acc[t] = _mm256_setzero_ps();
    const __m256i low4 = _mm256_set1_epi8(0x0f), three = _mm256_set1_epi8(3), m32 = _mm256_set1_epi8(32);
    for (int i = 0; i < nsb; ++i) {
        const auto *blk = reinterpret_cast<const blocks::Q6_K *>(wrow) + i;
        prefetchWeights(blk, int(sizeof(*blk)));
        // The 6-bit values of quants 32k..32k+31 and their two 16-value scales.
        __m256i q[8], scale[8];
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
            const int8_t *sc = blk->scales + 8 * half;
            #pragma GCC unroll 4
            for (int k = 0; k < 4; ++k)
                scale[4 * half + k] = _mm256_set_m128i(_mm_set1_epi16(sc[2 * k + 1]), _mm_set1_epi16(sc[2 * k]));
        }
        const float wd = f16(blk->d);
        for (int t = 0; t < te - tb; ++t) {
            const BlockQ8K &yb = q8k(act, actStride, tb + t, i);
            __m256i sumi = _mm256_setzero_si256();
            #pragma GCC unroll 8
            for (int k = 0; k < 8; ++k) {
                const __m256i yk = load256(yb.qs + 32 * k);
                // (q - 32) * y as maddubs(q, y) - maddubs(32, y): maddubs needs an unsigned operand.
                const __m256i p = _mm256_sub_epi16(_mm256_maddubs_epi16(q[k], yk), _mm256_maddubs_epi16(m32, yk));
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(p, scale[k]));
            }
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(yb.d * wd), _mm256_cvtepi32_ps(sumi), acc[t]);
        }
    }
    for (int t = 0; t < te - tb; ++t)
        y[size_t(tb + t) * yStride] = hsum8(acc[t]);
}

} // namespace

bool hasTileAvx2(GgmlType type, int cols)
{
    if (type == GgmlType::Q8_0)
        return cols % 32 == 0;
    return (type == GgmlType::Q4_K || type == GgmlType::Q6_K) && cols % 256 == 0;
}

void tileGemmAvx2(GgmlType type, int cols, const uint8_t *w, size_t wStride, int r0, int r1, const uint8_t *act,
                  size_t actStride, int B, float *y, size_t yStride)
{
    if (type == GgmlType::Q8_0) {
        q8_0Tiles(cols / 32, w, wStride, r0, r1, act, actStride, B, y, yStride);
        return;
    }
    const auto row = type == GgmlType::Q4_K ? q4_KRow : q6_KRow;
    for (int tb = 0; tb < B; tb += kKTokens) {
        const int te = B - tb < kKTokens ? B : tb + kKTokens;
        for (int r = r0; r < r1; ++r)
            row(cols / 256, w + size_t(r) * wStride, act, actStride, tb, te, y + r, yStride);
    }
}

} // namespace modelatlas::engine::cpu::kernels

MA_SIMD_TARGET_END

#else // not x86: no tiles (the AVX2 paths are never selected there).
namespace modelatlas::engine::cpu::kernels {
bool hasTileAvx2(GgmlType, int) { return false; }
void tileGemmAvx2(GgmlType, int, const uint8_t *, size_t, int, int, const uint8_t *, size_t, int, float *, size_t) {}
} // namespace modelatlas::engine::cpu::kernels
#endif
