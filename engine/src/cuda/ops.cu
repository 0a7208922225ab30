// RMSNorm, RoPE, SwiGLU and GeGLU on the device. Each follows the CPU reference's
// arithmetic (cpu/ops.cpp) where it decides the result's last bits, so the
// two backends produce the same tokens; cost is negligible next to matVec.
#include "modelatlas/engine/cuda/cuda_ops.h"

#include "cuda/cuda_check.h"

#include <cmath>
#include <cstdint>

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

constexpr int kNormThreads = 256;
constexpr int kElementThreads = 256;

// One CTA per row. Squares are rounded to float and summed in double like
// the reference: with rows in the thousands a float sum moves the logits.
__global__ void __launch_bounds__(kNormThreads)
    rmsNormKernel(float *out, const float *x, const float *weight, int n, float eps)
{
    const size_t rowOffset = size_t(blockIdx.x) * size_t(n);
    const float *xr = x + rowOffset;
    double sum = 0.0;
    for (int i = int(threadIdx.x); i < n; i += kNormThreads)
        sum += double(xr[i] * xr[i]);
    for (int offset = 16; offset > 0; offset /= 2)
        sum += __shfl_xor_sync(0xffffffffu, sum, offset);
    __shared__ double warpSums[kNormThreads / 32];
    if (threadIdx.x % 32 == 0)
        warpSums[threadIdx.x / 32] = sum;
    __syncthreads();
    double total = 0.0;
    for (int w = 0; w < kNormThreads / 32; ++w)
        total += warpSums[w];
    const float mean = float(total / n);
    const float scale = 1.0f / sqrtf(mean + eps);
    float *outr = out + rowOffset;
    for (int i = int(threadIdx.x); i < n; i += kNormThreads)
        outr[i] = (xr[i] * scale) * weight[i];
}

// One thread per rotated pair. theta_i = pos * thetaScale^i is built by
// repeated multiplication in float, as the reference does: powf per pair
// would differ by i ulps, a visible angle error at long positions.
__global__ void ropeKernel(float *x, int nTokens, int nHeads, int headDim, int ropeDim, int hostPos0,
                           const int *devicePos0, float thetaScale, const float *freqFactors, float freqScale,
                           bool neox)
{
    const int pos0 = devicePos0 ? *devicePos0 : hostPos0;
    const int half = ropeDim / 2;
    const int64_t pairs = int64_t(nTokens) * nHeads * half;
    for (int64_t p = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; p < pairs; p += int64_t(gridDim.x) * blockDim.x) {
        const int i = int(p % half);
        const int64_t head = p / half;   // token * nHeads + head index
        const int token = int(head / nHeads);
        float theta = float(pos0 + token);
        for (int k = 0; k < i; ++k)
            theta *= thetaScale;
        const float t = freqScale * (freqFactors ? theta / freqFactors[i] : theta);
        float sn = 0.0f, cs = 0.0f;
        sincosf(t, &sn, &cs);
        float *v = x + head * headDim;
        const int a = neox ? i : 2 * i;
        const int b = neox ? i + half : 2 * i + 1;
        const float x0 = v[a], x1 = v[b];
        v[a] = x0 * cs - x1 * sn;
        v[b] = x0 * sn + x1 * cs;
    }
}

__global__ void swigluKernel(float *gate, const float *up, int64_t n)
{
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
        const float g = gate[i];
        gate[i] = g / (1.0f + expf(-g)) * up[i];
    }
}

// GELU's tanh form as the reference writes it (cpu/exp_approx.h geluExponent):
// g / (1 + e^(-2 sqrt(2/pi) (g + 0.044715 g^3))).
__global__ void gegluKernel(float *gate, const float *up, int64_t n)
{
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
        const float g = gate[i];
        const float exponent = fmaf(0.044715f, (g * g) * g, g) * -1.5957691f;
        gate[i] = g / (1.0f + expf(exponent)) * up[i];
    }
}

// y repeats every `period` values (a bias added to each row); period == n adds a whole vector.
__global__ void addKernel(float *x, const float *y, int64_t n, int64_t period)
{
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x)
        x[i] += y[i % period];
}

// Grid-stride kernels: enough CTAs to fill any GPU, capped so the count fits.
unsigned elementCtas(int64_t n)
{
    const int64_t ctas = (n + kElementThreads - 1) / kElementThreads;
    return unsigned(ctas < 65536 ? ctas : 65536);
}

} // namespace
} // namespace kernels

Result<void> rmsNorm(float *out, const float *x, const float *weight, int n, int rows, float eps,
                     cudaStream_t stream)
{
    if (!out || !x || !weight || n <= 0 || rows <= 0)
        return makeError("rmsNorm: empty input or null device pointer");
    kernels::rmsNormKernel<<<unsigned(rows), kernels::kNormThreads, 0, stream>>>(out, x, weight, n, eps);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

Result<void> rope(float *x, int nTokens, int nHeads, int headDim, int ropeDim, int pos0, float freqBase,
                  const float *freqFactors, float freqScale, cpu::RopeStyle style, cudaStream_t stream,
                  const int *devicePos0)
{
    if (!x || nTokens <= 0 || nHeads <= 0 || ropeDim <= 0 || ropeDim % 2 != 0 || ropeDim > headDim || pos0 < 0)
        return makeError("rope: invalid shape (", nTokens, " tokens, ", nHeads, " heads of ", headDim,
                         ", rope dim ", ropeDim, ", position ", pos0, ")");
    // The same float pow as the reference's table, computed once on the host.
    const float thetaScale = std::pow(freqBase, -2.0f / float(ropeDim));
    const int64_t pairs = int64_t(nTokens) * nHeads * (ropeDim / 2);
    kernels::ropeKernel<<<kernels::elementCtas(pairs), kernels::kElementThreads, 0, stream>>>(
        x, nTokens, nHeads, headDim, ropeDim, pos0, devicePos0, thetaScale, freqFactors, freqScale,
        style == cpu::RopeStyle::Neox);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

namespace {

// gate = f(gate) * up by one of the gated-activation kernels above.
Result<void> gated(const char *name, void (*kernel)(float *, const float *, int64_t), float *gate, const float *up,
                   int64_t n, cudaStream_t stream)
{
    if (!gate || !up || n <= 0)
        return makeError(name, ": empty input or null device pointer");
    kernel<<<kernels::elementCtas(n), kernels::kElementThreads, 0, stream>>>(gate, up, n);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace

Result<void> swiglu(float *gate, const float *up, int64_t n, cudaStream_t stream)
{
    return gated("swiglu", kernels::swigluKernel, gate, up, n, stream);
}

Result<void> geglu(float *gate, const float *up, int64_t n, cudaStream_t stream)
{
    return gated("geglu", kernels::gegluKernel, gate, up, n, stream);
}

Result<void> addInPlace(float *x, const float *y, int64_t n, cudaStream_t stream)
{
    if (!x || !y || n <= 0)
        return makeError("addInPlace: empty input or null device pointer");
    kernels::addKernel<<<kernels::elementCtas(n), kernels::kElementThreads, 0, stream>>>(x, y, n, n);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

Result<void> addToRows(float *x, const float *v, int width, int rows, cudaStream_t stream)
{
    if (!x || !v || width <= 0 || rows <= 0)
        return makeError("addToRows: empty input or null device pointer");
    const int64_t n = int64_t(width) * rows;
    kernels::addKernel<<<kernels::elementCtas(n), kernels::kElementThreads, 0, stream>>>(x, v, n, width);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
