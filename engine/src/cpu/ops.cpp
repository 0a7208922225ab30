#include "modelatlas/engine/cpu/ops.h"

#include "cpu/exp_approx.h"
#include "cpu/ops_simd.h"
#include "cpu/reference_order.h"

#include <cmath>
#include <cstddef>

namespace modelatlas::engine::cpu {

void rmsNorm(float *out, const float *x, const float *w, int n, float eps)
{
    // Sum of squares in double, as the reference: with dims in the thousands a
    // float sum loses enough bits to move logits by more than 1e-4. Each square
    // is rounded to float first, exactly as the reference does.
    double sum = 0.0;
    for (int i = 0; i < n; ++i)
        sum += double(x[i] * x[i]);
    const float mean = float(sum / n);
    const float scale = 1.0f / std::sqrt(mean + eps);
    for (int i = 0; i < n; ++i)
        out[i] = (x[i] * scale) * w[i];
}

void ropeTable(float *cs, float *sn, int pos, int ropeDim, float freqBase, const float *freqFactors, float freqScale)
{
    // theta_i = pos * base^(-2i/d), built by repeated multiplication in float as
    // the reference does (a pow per pair would differ in the last bits).
    const float thetaScale = std::pow(freqBase, -2.0f / float(ropeDim));
    float theta = float(pos);
    for (int i = 0; i < ropeDim / 2; ++i) {
        const float t = freqScale * (freqFactors ? theta / freqFactors[i] : theta);
        cs[i] = std::cos(t);
        sn[i] = std::sin(t);
        theta *= thetaScale;
    }
}

void applyRope(float *x, int nHeads, int headDim, int ropeDim, const float *cs, const float *sn, RopeStyle style)
{
    const int half = ropeDim / 2;
    for (int h = 0; h < nHeads; ++h) {
        float *v = x + size_t(h) * headDim;
        for (int i = 0; i < half; ++i) {
            const int a = style == RopeStyle::Normal ? 2 * i : i;
            const int b = style == RopeStyle::Normal ? 2 * i + 1 : i + half;
            const float x0 = v[a], x1 = v[b];
            v[a] = std::fma(x0, cs[i], -(x1 * sn[i]));
            v[b] = std::fma(x0, sn[i], x1 * cs[i]);
        }
    }
}

float polynomialExp(float x)
{
    return expApprox(x);
}

void softmax(float *x, int n, KernelPath path)
{
    const bool simd = path != KernelPath::Scalar;
    float max = x[0];
    if (simd) {
        max = kernels::maxAvx2(x, n);
    } else {
        for (int i = 1; i < n; ++i)
            max = x[i] > max ? x[i] : max;
    }
    int i = 0;
    if (simd) {
        i = n - n % 8;
        kernels::expShiftedAvx2(x, i, max);
    }
    for (; i < n; ++i)
        x[i] = expApprox(x[i] - max);
    // The reference's rows are padded with masked (exactly zero) entries to a
    // multiple of 32, so every value went through its vector exp, 16 lanes at a
    // time; each group's lanes are summed in float and the groups in double.
    double sum = 0.0;
    if (simd) {
        sum = kernels::groupSums16Avx2(x, n);
    } else {
        for (int i0 = 0; i0 < n; i0 += kRefLanes) {
            float v[kRefLanes] = {};
            for (int l = 0; l < kRefLanes && i0 + l < n; ++l)
                v[l] = x[i0 + l];
            sum += double(referenceReduce16(v));
        }
    }
    const float inv = float(1.0 / sum);
    if (simd) {
        kernels::scaleAvx2(x, n, inv);
    } else {
        for (int k = 0; k < n; ++k)
            x[k] *= inv;
    }
}

void swiglu(float *hb, const float *up, int width, int rows, KernelPath path)
{
    // silu(g) = g / (1 + e^-g): the reference's vector exp on full groups of 16
    // in each row, the C library's expf on the row's remainder; then times up.
    const int vectorEnd = width - width % kRefLanes;
    for (int t = 0; t < rows; ++t) {
        float *g = hb + size_t(t) * size_t(width);
        const float *u = up + size_t(t) * size_t(width);
        int i = 0;
        if (path != KernelPath::Scalar) {
            kernels::siluAvx2(g, vectorEnd);
            i = vectorEnd;
        }
        for (; i < width; ++i)
            g[i] = g[i] / (1.0f + (i < vectorEnd ? expApprox(0.0f - g[i]) : std::exp(-g[i])));
        for (int k = 0; k < width; ++k)
            g[k] *= u[k];
    }
}

void geglu(float *hb, const float *up, int width, int rows, KernelPath path)
{
    const int vectorEnd = width - width % 8;
    for (int t = 0; t < rows; ++t) {
        float *g = hb + size_t(t) * size_t(width);
        const float *u = up + size_t(t) * size_t(width);
        int i = 0;
        if (path != KernelPath::Scalar) {
            kernels::geluAvx2(g, vectorEnd);
            i = vectorEnd;
        }
        for (; i < width; ++i)
            g[i] = g[i] / (1.0f + expApprox(geluExponent(g[i])));
        for (int k = 0; k < width; ++k)
            g[k] *= u[k];
    }
}

void addInPlace(float *x, const float *y, int n)
{
    for (int i = 0; i < n; ++i)
        x[i] += y[i];
}

} // namespace modelatlas::engine::cpu
