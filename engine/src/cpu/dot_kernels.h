#pragma once
// The per-type dot kernels of each path (internal). Each takes n elements of one
// weight row in its GGUF type and one activation row in the matching ActType.

namespace modelatlas::engine::cpu::kernels {

float dotF32Scalar(int n, const void *w, const void *x);
float dotF16Scalar(int n, const void *w, const void *x);
float dotBF16Scalar(int n, const void *w, const void *x);
float dotQ8_0Scalar(int n, const void *w, const void *x);
float dotQ4_0Scalar(int n, const void *w, const void *x);
float dotQ4_KScalar(int n, const void *w, const void *x);
float dotQ5_KScalar(int n, const void *w, const void *x);
float dotQ6_KScalar(int n, const void *w, const void *x);

// Compiled with AVX2/FMA/F16C enabled for these functions only; call them only
// when cpuFeatures() says so.
float dotF32Avx2(int n, const void *w, const void *x);
float dotF16Avx2(int n, const void *w, const void *x);
float dotBF16Avx2(int n, const void *w, const void *x);
float dotQ8_0Avx2(int n, const void *w, const void *x);
float dotQ4_0Avx2(int n, const void *w, const void *x);
float dotQ4_KAvx2(int n, const void *w, const void *x);
float dotQ5_KAvx2(int n, const void *w, const void *x);
float dotQ6_KAvx2(int n, const void *w, const void *x);

// y[i] += a * f16(x[i]): attention's weighted sum over the F16 value cache.
void axpyF16Scalar(int n, float a, const void *x, float *y);
void axpyF16Avx2(int n, float a, const void *x, float *y);
// F32 -> F16 with round to nearest even (bit-identical to f32ToF16).
void f32ToF16RowF16c(const float *x, void *dst, int n);

// Q4_K/Q5_K six-bit scale and min of sub-block j (0..7) from the 12 packed bytes.
inline void kquantScaleMin(int j, const unsigned char *q, int &scale, int &min)
{
    if (j < 4) {
        scale = q[j] & 63;
        min = q[j + 4] & 63;
    } else {
        scale = (q[j + 4] & 0x0f) | ((q[j - 4] >> 6) << 4);
        min = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
    }
}

} // namespace modelatlas::engine::cpu::kernels
