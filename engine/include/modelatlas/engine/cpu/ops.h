#pragma once
// Element-wise and per-row operations of the transformer forward pass, in F32.
// They follow the reference implementation's arithmetic where it matters for
// matching its logits (RMS sum in double, RoPE angles by repeated
// multiplication in float, softmax sum in double, the reference's
// polynomial exp in softmax and SiLU).

#include "modelatlas/engine/cpu/cpu_features.h"

#include <cstdint>

namespace modelatlas::engine::cpu {

// out = x / sqrt(mean(x^2) + eps) * w; out may alias x.
void rmsNorm(float *out, const float *x, const float *w, int n, float eps);

enum class RopeStyle {
    Normal,   // rotate adjacent pairs (x[2i], x[2i+1]): llama (its converter permutes q/k to match)
    Neox,     // rotate halves (x[i], x[i + n/2]): qwen2, qwen3, GPT-NeoX
};

// cos/sin tables for one position: cs[i] = cos(theta_i), sn[i] = sin(theta_i),
// theta_i = freqScale * pos * base^(-2i/ropeDim) / freqFactors[i], i in
// [0, ropeDim/2); freqFactors (Llama 3.1+ rope_freqs) may be null, freqScale
// is 1 / the linear scaling factor.
void ropeTable(float *cs, float *sn, int pos, int ropeDim, float freqBase, const float *freqFactors = nullptr,
               float freqScale = 1.0f);
// Rotates the first ropeDim dims of each of nHeads heads of headDim in place.
void applyRope(float *x, int nHeads, int headDim, int ropeDim, const float *cs, const float *sn, RopeStyle style);

// The reference's polynomial exp that softmax and SiLU use (within 2 ulp of
// expf; 0 below about -133, infinity above about 133).
float polynomialExp(float x);

// In-place softmax over n values (max-subtracted, the reference's exp, sum in
// double). Every path gives the same bits; the SIMD ones are faster.
void softmax(float *x, int n, KernelPath path = KernelPath::Scalar);

// hb = silu(hb) * up, the SwiGLU gate, over rows of width values each (same
// bits on every path).
void swiglu(float *hb, const float *up, int width, int rows, KernelPath path = KernelPath::Scalar);

// hb = gelu(hb) * up, Gemma's GeGLU gate, with GELU's tanh form written as
// g / (1 + e^(-2 sqrt(2/pi) (g + 0.044715 g^3))) (same bits on every path).
void geglu(float *hb, const float *up, int width, int rows, KernelPath path = KernelPath::Scalar);

// x += y
void addInPlace(float *x, const float *y, int n);

} // namespace modelatlas::engine::cpu
