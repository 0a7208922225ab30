#pragma once
// The reference implementation's vectorised exp, one lane at a time.
//
// The golden logits come from a runtime whose softmax and SiLU use a polynomial
// exp on every full vector of 16 lanes and the C library's expf on the leftover
// elements: e^x = 2^n * e^r with n = round(x / ln2), r = x - n*ln2 (Cody-Waite,
// ln2 in two parts), e^r ~= 1 + r*c1 + r^2*(c2 + r*c3 + r^2*(c4 + r*c5)) (max
// error about 1.5 ulp), scaled by 2^n exactly; beyond |n| > 192 the result is 0
// or infinity. It disagrees with expf in the last bit often enough that our test
// models, which amplify one-ulp activation differences, need the same function.
// Each step below is one correctly rounded float operation (std::fma rounds
// once, std::ldexp is exact or rounds once into the subnormals like the vector
// scale instruction), so this scalar form gives the vector form's results bit
// for bit.

#include <cmath>

namespace modelatlas::engine::cpu {

inline float expApprox(float x)
{
    // n = round(x / ln2), via the float rounding of x*log2(e) + 1.5 * 2^23.
    constexpr float kShift = 0x1.8p23f;
    const float n = std::fma(x, 0x1.715476p+0f, kShift) - kShift;
    if (std::isnan(n))
        return x + x;
    if (std::fabs(n) > 192.0f)
        return n <= 0.0f ? 0.0f : INFINITY;
    const float r = std::fma(-n, 0x1.7f7d1cp-20f, std::fma(-n, 0x1.62e4p-1f, x));
    const float r2 = r * r;
    const float poly = std::fma(std::fma(std::fma(0x1.0e4020p-7f, r, 0x1.573e2ep-5f), r2,
                                         std::fma(0x1.555e66p-3f, r, 0x1.fffdb6p-2f)),
                                r2, std::fma(0x1.ffffecp-1f, r, 1.0f));
    return std::ldexp(poly, int(n));
}

// GELU's tanh form as a logistic, gelu(g) = g / (1 + e^geluExponent(g)), with
// geluExponent(g) = -2 sqrt(2/pi) (g + 0.044715 g^3). The fma is explicit so
// the AVX2 form (exp_avx2.cpp) repeats every rounding.
inline float geluExponent(float g)
{
    const float cube = (g * g) * g;
    return std::fma(0.044715f, cube, g) * -1.5957691f;
}

} // namespace modelatlas::engine::cpu
