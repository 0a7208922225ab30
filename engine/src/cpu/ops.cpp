#include "modelatlas/engine/cpu/ops.h"

#include <cmath>

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

void ropeTable(float *cs, float *sn, int pos, int ropeDim, float freqBase, const float *freqFactors)
{
    // theta_i = pos * base^(-2i/d), built by repeated multiplication in float as
    // the reference does (a pow per pair would differ in the last bits).
    const float thetaScale = std::pow(freqBase, -2.0f / float(ropeDim));
    float theta = float(pos);
    for (int i = 0; i < ropeDim / 2; ++i) {
        const float t = freqFactors ? theta / freqFactors[i] : theta;
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
            v[a] = x0 * cs[i] - x1 * sn[i];
            v[b] = x0 * sn[i] + x1 * cs[i];
        }
    }
}

void softmax(float *x, int n)
{
    float max = x[0];
    for (int i = 1; i < n; ++i)
        max = x[i] > max ? x[i] : max;
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
        x[i] = std::exp(x[i] - max);
        sum += x[i];
    }
    const float inv = float(1.0 / sum);
    for (int i = 0; i < n; ++i)
        x[i] *= inv;
}

void swiglu(float *hb, const float *up, int n)
{
    for (int i = 0; i < n; ++i) {
        const float g = hb[i];
        hb[i] = g / (1.0f + std::exp(-g)) * up[i];
    }
}

void addInPlace(float *x, const float *y, int n)
{
    for (int i = 0; i < n; ++i)
        x[i] += y[i];
}

} // namespace modelatlas::engine::cpu
