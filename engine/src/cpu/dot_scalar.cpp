// Scalar reference dot kernels: plain loops written from the block layouts.
// Integer sums per block are exact, so the SIMD paths must agree with these up
// to float summation order (tests/engine/cpu_kernels_test.cpp).
#include "cpu/dot_kernels.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/tensor/half.h"
#include "tensor/block_layouts.h"

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

// The float kernels keep the SIMD path's (and the reference's) summation order:
// 32 partial sums (four 8-lane accumulators; element i of each 32-element step
// feeds partial i % 32, a tail of 8-element steps feeds partials 0..7), fused
// multiply-adds, then a fixed reduction tree. The test models are random-weight
// networks that turn a one-ulp difference into percent-level logit changes, so
// both paths must round exactly alike.
namespace {
template <typename Load>
float dotLanes(int n, Load load, bool bf16Tree)
{
    float part[32] = {};
    int i = 0;
    for (; i + 32 <= n; i += 32)
        for (int j = 0; j < 32; ++j)
            part[j] = std::fma(load.a(i + j), load.b(i + j), part[j]);
    if (!bf16Tree) {
        for (; i + 8 <= n; i += 8)
            for (int j = 0; j < 8; ++j)
                part[j] = std::fma(load.a(i + j), load.b(i + j), part[j]);
    }
    float lane[8];
    for (int l = 0; l < 8; ++l)
        lane[l] = (part[l] + part[16 + l]) + (part[8 + l] + part[24 + l]);
    const float t0 = lane[0] + lane[4], t1 = lane[1] + lane[5], t2 = lane[2] + lane[6], t3 = lane[3] + lane[7];
    if (bf16Tree) {
        double sum = double((t0 + t2) + (t1 + t3));
        for (; i < n; ++i)
            sum += double(load.a(i) * load.b(i));
        return float(sum);
    }
    float sum = (t0 + t1) + (t2 + t3);
    for (; i < n; ++i)
        sum += load.a(i) * load.b(i);
    return sum;
}
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
} // namespace

template <typename Load>
float dotBatched(int n, Load load)
{
    float part[8] = {};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; ++j)
            part[j] = std::fma(load.a(i + j), load.b(i + j), part[j]);
    const float t0 = part[0] + part[4], t1 = part[1] + part[5], t2 = part[2] + part[6], t3 = part[3] + part[7];
    float sum = (t0 + t2) + (t1 + t3);
    for (; i < n; ++i)
        sum += load.a(i) * load.b(i);
    return sum;
}

float dotF32BatchedScalar(int n, const void *w, const void *x)
{
    return dotBatched(n, LoadF32{static_cast<const float *>(w), static_cast<const float *>(x)});
}

float dotF16BatchedScalar(int n, const void *w, const void *x)
{
    return dotBatched(n, LoadF16{static_cast<const uint8_t *>(w), static_cast<const uint8_t *>(x)});
}

float dotF32Scalar(int n, const void *w, const void *x)
{
    return dotLanes(n, LoadF32{static_cast<const float *>(w), static_cast<const float *>(x)}, false);
}

float dotF16Scalar(int n, const void *w, const void *x)
{
    return dotLanes(n, LoadF16{static_cast<const uint8_t *>(w), static_cast<const uint8_t *>(x)}, false);
}

float dotBF16Scalar(int n, const void *w, const void *x)
{
    return dotLanes(n, LoadBF16{static_cast<const uint8_t *>(w), static_cast<const uint8_t *>(x)}, true);
}

void axpyF16Scalar(int n, float a, const void *x, float *y)
{
    const auto *p = static_cast<const uint8_t *>(x);
    for (int i = 0; i < n; ++i)
        y[i] = std::fma(a, f16ToF32(load16(p + 2 * i)), y[i]);   // fused, as the SIMD path
}

namespace {
float reduce8(const float *l)
{
    const float t0 = l[0] + l[4], t1 = l[1] + l[5], t2 = l[2] + l[6], t3 = l[3] + l[7];
    return (t0 + t2) + (t1 + t3);
}
} // namespace

// Q8_0 / Q4_0 in the reference's (and the SIMD path's) float order: integer
// lane k of a block sums elements 4k..4k+3; 8 lanes accumulate d * lane fused;
// the lanes reduce as (l + l4), then (0+2)+(1+3).
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

float dotQ4_0Scalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q4_0 *>(w);
    const auto *b = static_cast<const blocks::Q8_0 *>(x);
    float acc[8] = {};
    for (int i = 0; i < n / blocks::kQK; ++i) {
        const float d = f16ToF32(a[i].d) * f16ToF32(b[i].d);
        for (int k = 0; k < 8; ++k) {
            int s = 0;
            for (int j = 4 * k; j < 4 * k + 4; ++j) {
                // element j: low nibbles hold 0..15, high nibbles 16..31
                const int q = j < 16 ? (a[i].qs[j] & 0x0f) - 8 : (a[i].qs[j - 16] >> 4) - 8;
                s += q * int(b[i].qs[j]);
            }
            acc[k] = std::fma(d, float(s), acc[k]);
        }
    }
    return reduce8(acc);
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

float dotQ5_KScalar(int n, const void *w, const void *x)
{
    const auto *a = static_cast<const blocks::Q5_K *>(w);
    const auto *b = static_cast<const BlockQ8K *>(x);
    float sum = 0.0f;
    for (int i = 0; i < n / int(kQK_K); ++i) {
        int sumq = 0, summ = 0;
        for (int chunk = 0; chunk < 4; ++chunk) {
            const uint8_t *q = a[i].qs + 32 * chunk;
            const int8_t *y = b[i].qs + 64 * chunk;
            int sc1, m1, sc2, m2;
            kquantScaleMin(2 * chunk, a[i].scales, sc1, m1);
            kquantScaleMin(2 * chunk + 1, a[i].scales, sc2, m2);
            int s1 = 0, s2 = 0;
            for (int l = 0; l < 32; ++l) {
                const int lo = (q[l] & 0x0f) + ((a[i].qh[l] >> (2 * chunk)) & 1) * 16;
                const int hi = (q[l] >> 4) + ((a[i].qh[l] >> (2 * chunk + 1)) & 1) * 16;
                s1 += lo * int(y[l]);
                s2 += hi * int(y[l + 32]);
            }
            sumq += sc1 * s1 + sc2 * s2;
            summ += m1 * (b[i].bsums[4 * chunk] + b[i].bsums[4 * chunk + 1])
                  + m2 * (b[i].bsums[4 * chunk + 2] + b[i].bsums[4 * chunk + 3]);
        }
        sum += b[i].d * f16ToF32(a[i].d) * float(sumq) - b[i].d * f16ToF32(a[i].dmin) * float(summ);
    }
    return sum;
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
