// Scalar reference dot kernels: plain loops written from the block layouts.
// Integer sums per block are exact, so the SIMD paths must agree with these up
// to float summation order (tests/engine/cpu_kernels_test.cpp).
#include "cpu/dot_kernels.h"
#include "cpu/reference_order.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/tensor/half.h"
#include "tensor/block_layouts.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace modelatlas::engine::cpu::kernels {

namespace {
inline uint16_t load16(const uint8_t *p)
{
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}
} // namespace

// The float kernels keep the reference's summation orders (reference_order.h):
// the test models are random-weight networks that turn a one-ulp difference
// into percent-level logit changes, so every path must round exactly alike.
namespace {
struct LoadF32 {
    const float *x, *y;
    float a(int i) const { return x[i]; }
    float b(int i) const { return y[i]; }
};
struct LoadF16 {
    const uint8_t *x, *y;
    float a(int i) const { return f16ToF32(load16(x + 2 * i)); }
    float b(int i) const { return f16ToF32(load16(y + 2 * i)); }
};
struct LoadBF16 {
    const uint8_t *x, *y;
    float a(int i) const { return bf16ToF32(load16(x + 2 * i)); }
    float b(int i) const { return bf16ToF32(load16(y + 2 * i)); }
};

// One token: 64 fused partial sums over the full 64-element steps, then the
// remaining elements one by one (F32: into the float sum; F16: products added
// in double).
template <typename Load>
float dotOneToken(int n, Load load, bool doubleTail)
{
    float part[kRefDotStep] = {};
    const int np = n - n % kRefDotStep;
    for (int i = 0; i < np; i += kRefDotStep)
        for (int j = 0; j < kRefDotStep; ++j)
            part[j] = std::fma(load.a(i + j), load.b(i + j), part[j]);
    const float sum = referenceReduce64(part);
    if (!doubleTail) {
        // The reference's compiler turned this tail into an in-order loop whose
        // groups of 8 multiply first and add the rounded products one by one;
        // only the last (tail mod 8) elements are fused multiply-adds.
        float s = sum;
        const int fusedFrom = n - (n - np) % 8;
        for (int i = np; i < fusedFrom; ++i) {
            const float p = load.a(i) * load.b(i);
            s += p;
        }
        for (int i = fusedFrom; i < n; ++i)
            s = std::fma(load.a(i), load.b(i), s);
        return s;
    }
    double s = sum;
    for (int i = np; i < n; ++i)
        s += double(load.a(i) * load.b(i));
    return float(s);
}

// A batch (n a multiple of 16): one fused 16-lane accumulator, reduced once.
template <typename Load>
float dotBatched(int n, Load load)
{
    float part[kRefLanes] = {};
    for (int i = 0; i < n; i += kRefLanes)
        for (int j = 0; j < kRefLanes; ++j)
            part[j] = std::fma(load.a(i + j), load.b(i + j), part[j]);
    return referenceReduce16(part);
}

// The BF16 pair instruction: lane l takes elements 2l+1 then 2l of its 32-element
// step, each product (exact in float) added with one rounding.
template <typename Load>
void bf16PairStep(float *lanes, Load load, int i)
{
    for (int l = 0; l < kRefLanes; ++l) {
        lanes[l] = std::fma(load.a(i + 2 * l + 1), load.b(i + 2 * l + 1), lanes[l]);
        lanes[l] = std::fma(load.a(i + 2 * l), load.b(i + 2 * l), lanes[l]);
    }
}
} // namespace

float dotF32BatchedScalar(int n, const void *w, const void *x)
{
    return dotBatched(n, LoadF32{static_cast<const float *>(w), static_cast<const float *>(x)});
}

float dotF16BatchedScalar(int n, const void *w, const void *x)
{
    return dotBatched(n, LoadF16{static_cast<const uint8_t *>(w), static_cast<const uint8_t *>(x)});
}

float dotBF16BatchedScalar(int n, const void *w, const void *x)
{
    // n a multiple of 32: one accumulator of pair steps.
    const LoadBF16 load{static_cast<const uint8_t *>(w), static_cast<const uint8_t *>(x)};
    float lanes[kRefLanes] = {};
    for (int i = 0; i < n; i += 2 * kRefLanes)
        bf16PairStep(lanes, load, i);
    return referenceReduce16(lanes);
}

float dotF32Scalar(int n, const void *w, const void *x)
{
    return dotOneToken(n, LoadF32{static_cast<const float *>(w), static_cast<const float *>(x)}, false);
}

float dotF16Scalar(int n, const void *w, const void *x)
{
    return dotOneToken(n, LoadF16{static_cast<const uint8_t *>(w), static_cast<const uint8_t *>(x)}, true);
}

float dotBF16Scalar(int n, const void *w, const void *x)
{
    // Two accumulators of pair steps over 64-element steps (elements 0-31 and
    // 32-63), each reduced and added in double, then the remainder in double.
    const LoadBF16 load{static_cast<const uint8_t *>(w), static_cast<const uint8_t *>(x)};
    float c1[kRefLanes] = {}, c2[kRefLanes] = {};
    int i = 0;
    for (; i + 4 * kRefLanes <= n; i += 4 * kRefLanes) {
        bf16PairStep(c1, load, i);
        bf16PairStep(c2, load, i + 2 * kRefLanes);
    }
    double s = double(referenceReduce16(c1));
    s += double(referenceReduce16(c2));
    for (; i < n; ++i)
        s += double(load.a(i) * load.b(i));
    return float(s);
}

namespace {
// An F16 cache row against a vector of F16 values held as floats: the same
// products as dotF16Scalar's with that vector in F16.
struct LoadF16RowF32 {
    const uint8_t *x;
    const float *y;
    float a(int i) const { return f16ToF32(load16(x + 2 * i)); }
    float b(int i) const { return y[i]; }
};
} // namespace

void dotF16RowsSharedScalar(const SharedF16Dots &d)
{
    for (int g = 0; g < d.nx; ++g) {
        for (int r = 0; r < d.count; ++r) {
            const LoadF16RowF32 load{static_cast<const uint8_t *>(d.rows) + size_t(r) * d.stride,
                                     d.x + size_t(g) * d.xStride};
            d.out[size_t(g) * d.outStride + size_t(r)] =
                d.batched ? dotBatched(d.n, load) : dotOneToken(d.n, load, true);
        }
    }
}

namespace {
float reduce8(const float *l)
{
    const float t0 = l[0] + l[4], t1 = l[1] + l[5], t2 = l[2] + l[6], t3 = l[3] + l[7];
    return (t0 + t2) + (t1 + t3);
}
} // namespace

// Q8_0 in the reference's (and the SIMD path's) float order: integer lane k of
// a block sums elements 4k..4k+3; 8 lanes accumulate d * lane fused; the lanes
// reduce as (l + l4), then (0+2)+(1+3).
float dotQ8_0Scalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q8_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    float acc[8] = {};
    for (int i = 0; i < n / blocks::kQK; ++i) {
        const float d = f16ToF32(a[i].d) * f16ToF32(b[i].d);
        for (int k = 0; k < 8; ++k) {
            int s = 0;
            for (int j = 4 * k; j < 4 * k + 4; ++j)
                s += int(a[i].qs[j]) * int(b[i].qs[j]);
            acc[k] = std::fma(d, float(s), acc[k]);
        }
    }
    return reduce8(acc);
}

void dotQ8_0RowsSharedScalar(const SharedQ8_0Rows &d, const void *x, size_t xStride)
{
    const auto *rows = static_cast<const uint8_t *>(d.rows);
    for (int g = 0; g < d.nx; ++g)
        for (int r = 0; r < d.count; ++r)
            d.out[size_t(g) * d.outStride + size_t(r)] =
                dotQ8_0Scalar(d.n, rows + size_t(r) * d.stride, static_cast<const uint8_t *>(x) + size_t(g) * xStride);
}

void mixQ8_0RowsSharedScalar(const SharedQ8_0Rows &d, const float *w, size_t wStride)
{
    for (int g = 0; g < d.nx; ++g) {
        float *y = d.out + size_t(g) * d.outStride;
        std::fill(y, y + d.n, 0.0f);
        for (int r = 0; r < d.count; ++r) {
            const auto *b = reinterpret_cast<const blocks::Q8_0 *>(static_cast<const uint8_t *>(d.rows)
                                                                   + size_t(r) * d.stride);
            const float a = w[size_t(g) * wStride + size_t(r)];
            for (int i = 0; i < d.n; i += blocks::kQK) {
                const blocks::Q8_0 &blk = b[i / blocks::kQK];
                const float ad = a * f16ToF32(blk.d);
                for (int j = 0; j < blocks::kQK; ++j)
                    y[i + j] = std::fma(ad, float(blk.qs[j]), y[i + j]);   // fused, as the SIMD path
            }
        }
    }
}

// Q4_0 as the reference computes it: it repacks Q4_0 matrices (rows a multiple
// of 8, i.e. every real one) into 8-row interleaved blocks whose kernels, for
// one token and for batches, add each block's exact integer sum times
// (weight scale * activation scale) to one fused running sum per row.
float dotQ4_0Scalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q4_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    float acc = 0.0f;
    for (int i = 0; i < n / blocks::kQK; ++i) {
        int s = 0;
        for (int j = 0; j < blocks::kQK; ++j) {
            // element j: low nibbles hold 0..15, high nibbles 16..31
            const int q = j < 16 ? (a[i].qs[j] & 0x0f) - 8 : (a[i].qs[j - 16] >> 4) - 8;
            s += q * int(b[i].qs[j]);
        }
        acc = std::fma(float(s), f16ToF32(a[i].d) * f16ToF32(b[i].d), acc);
    }
    return acc;
}

// Q5_0 (Gemma 3 1B's Q4_K_M files hold it where rows are no whole number of
// 256-value super-blocks) in Q4_0's order: one fused running sum of exact
// block sums times (weight scale * activation scale).
float dotQ5_0Scalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q5_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    float acc = 0.0f;
    for (int i = 0; i < n / blocks::kQK; ++i) {
        int s = 0;
        for (int j = 0; j < blocks::kQK; ++j)
            s += ((blocks::legacyNibble(a[i].qs, j) | blocks::legacyFifthBit(a[i].qh, j)) - 16) * int(b[i].qs[j]);
        acc = std::fma(float(s), f16ToF32(a[i].d) * f16ToF32(b[i].d), acc);
    }
    return acc;
}

namespace {
int unsignedValue(const blocks::Q4_1 &blk, int j)
{
    return blocks::legacyNibble(blk.qs, j);
}
int unsignedValue(const blocks::Q5_1 &blk, int j)
{
    return blocks::legacyNibble(blk.qs, j) | blocks::legacyFifthBit(blk.qh, j);
}

// Q4_1 and Q5_1: x = d * q + m with q unsigned, against y = dy * qy: per
// block the exact sums S = sum(q * qy) and Y = sum(qy), then two fused
// steps, d * dy * S first, then m * dy * Y (the SIMD kernels repeat them).
template <class Block>
float dotWithMinScalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const Block *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    float acc = 0.0f;
    for (int i = 0; i < n / blocks::kQK; ++i) {
        int s = 0, ys = 0;
        for (int j = 0; j < blocks::kQK; ++j) {
            s += unsignedValue(a[i], j) * int(b[i].qs[j]);
            ys += int(b[i].qs[j]);
        }
        const float dy = f16ToF32(b[i].d);
        acc = std::fma(float(s), f16ToF32(a[i].d) * dy, acc);
        acc = std::fma(float(ys), f16ToF32(a[i].m) * dy, acc);
    }
    return acc;
}
} // namespace

float dotQ4_1Scalar(int n, const void *w, const void *x)
{
    return dotWithMinScalar<blocks::Q4_1>(n, w, x);
}

float dotQ5_1Scalar(int n, const void *w, const void *x)
{
    return dotWithMinScalar<blocks::Q5_1>(n, w, x);
}

// Q4_K in the reference's float order (that of its AVX2 kernel, which the
// SIMD path shares): integer lane k of a super-block holds elements 4k..4k+3 of
// every 32-value sub-block times its scale; 8 lanes accumulate d * lane and 4
// lanes -dmin * (mins . sub-block sums) with fused multiply-adds, then fixed
// reduction trees. Integer sums are exact, so only this order matters.
float dotQ4_KScalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q4_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    float acc[8] = {}, accm[4] = {};
    for (int i = 0; i < n / int(kQK_K); ++i) {
        int sc[8], m[8];
        for (int j = 0; j < 8; ++j)
            kquantScaleMin(j, a[i].scales, sc[j], m[j]);
        int lane[8] = {};
        for (int chunk = 0; chunk < 4; ++chunk) {
            const uint8_t *q = a[i].qs + 32 * chunk;
            const int8_t *y = b[i].qs + 64 * chunk;
            for (int l = 0; l < 32; ++l) {
                lane[l / 4] += sc[2 * chunk] * ((q[l] & 0x0f) * int(y[l]));
                lane[l / 4] += sc[2 * chunk + 1] * ((q[l] >> 4) * int(y[l + 32]));
            }
        }
        int prod[4];
        kquantMinLanes(m, b[i].bsums, prod);
        const float d = b[i].d * f16ToF32(a[i].d);
        const float dmin = -b[i].d * f16ToF32(a[i].dmin);
        for (int k = 0; k < 8; ++k)
            acc[k] = std::fma(d, float(lane[k]), acc[k]);
        for (int k = 0; k < 4; ++k)
            accm[k] = std::fma(dmin, float(prod[k]), accm[k]);
    }
    return reduce8(acc) + ((accm[0] + accm[2]) + (accm[1] + accm[3]));
}

// Q5_K in the reference's float order: integer lane k holds elements 4k..4k+3
// of every 32-value sub-block times its scale; 8 lanes accumulate d * lane
// fused, reduced as reduce8; the mins term is a separate fused running sum of
// -dmin * (mins . sub-block sums), added last.
float dotQ5_KScalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q5_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    float acc[8] = {};
    float summs = 0.0f;
    for (int i = 0; i < n / int(kQK_K); ++i) {
        int lane[8] = {}, summ = 0;
        for (int chunk = 0; chunk < 4; ++chunk) {
            const uint8_t *q = a[i].qs + 32 * chunk;
            const int8_t *y = b[i].qs + 64 * chunk;
            int sc1, m1, sc2, m2;
            kquantScaleMin(2 * chunk, a[i].scales, sc1, m1);
            kquantScaleMin(2 * chunk + 1, a[i].scales, sc2, m2);
            for (int l = 0; l < 32; ++l) {
                const int lo = (q[l] & 0x0f) + ((a[i].qh[l] >> (2 * chunk)) & 1) * 16;
                const int hi = (q[l] >> 4) + ((a[i].qh[l] >> (2 * chunk + 1)) & 1) * 16;
                lane[l / 4] += sc1 * lo * int(y[l]) + sc2 * hi * int(y[l + 32]);
            }
            summ += m1 * (b[i].bsums[4 * chunk] + b[i].bsums[4 * chunk + 1])
                  + m2 * (b[i].bsums[4 * chunk + 2] + b[i].bsums[4 * chunk + 3]);
        }
        const float d = b[i].d * f16ToF32(a[i].d), dmin = -b[i].d * f16ToF32(a[i].dmin);
        summs = std::fma(dmin, float(summ), summs);
        for (int k = 0; k < 8; ++k)
            acc[k] = std::fma(d, float(lane[k]), acc[k]);
    }
    return reduce8(acc) + summs;
}

// Q6_K in the reference's float order: integer lane k holds elements 4k..4k+3
// of every 32-value group times the scale of its 16-value half; 8 fused lanes.
float dotQ6_KScalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q6_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    float acc[8] = {};
    for (int i = 0; i < n / int(kQK_K); ++i) {
        int lane[8] = {};
        for (int half = 0; half < 2; ++half) {
            const uint8_t *ql = a[i].ql + 64 * half;
            const uint8_t *qh = a[i].qh + 32 * half;
            const int8_t *sc = a[i].scales + 8 * half;
            const int8_t *y = b[i].qs + 128 * half;
            for (int l = 0; l < 32; ++l) {
                const int is = l / 16;
                const int q1 = int((ql[l] & 0x0f) | (((qh[l] >> 0) & 3) << 4)) - 32;
                const int q2 = int((ql[l + 32] & 0x0f) | (((qh[l] >> 2) & 3) << 4)) - 32;
                const int q3 = int((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                const int q4 = int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                lane[l / 4] += sc[is + 0] * (q1 * y[l]) + sc[is + 2] * (q2 * y[l + 32])
                             + sc[is + 4] * (q3 * y[l + 64]) + sc[is + 6] * (q4 * y[l + 96]);
            }
        }
        const float d = b[i].d * f16ToF32(a[i].d);
        for (int k = 0; k < 8; ++k)
            acc[k] = std::fma(d, float(lane[k]), acc[k]);
    }
    return reduce8(acc);
}

} // namespace modelatlas::engine::cpu::kernels
