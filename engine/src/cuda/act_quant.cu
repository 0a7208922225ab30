// Activations to 8-bit blocks on the device, as cpu/matmul.cpp quantises them
// (the reference's quantize_row_q8_0 and quantize_row_q8_K): the same scale,
// the same round-to-nearest-even, the same first-largest value, so the GPU's
// integer dot products see the CPU's integers. One warp per block.
#include "modelatlas/engine/cuda/device_matrix.h"

#include "cuda/cuda_check.h"
#include "cuda/q8_0_block.cuh"
#include "cuda/warp_reduce.cuh"

#include <cuda_fp16.h>

#include <cstdint>

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

constexpr int kWarpsPerCta = 8;
constexpr int kQ8KBlock = 256;
constexpr int kQ8KBlockBytes = 292;   // cpu::BlockQ8K

// Block b of the grid: 32 values, lane j holds value j. Out: f16 d, then 32 int8.
__global__ void __launch_bounds__(kWarpsPerCta *kWarpSize)
    quantizeQ8_0Kernel(const float *__restrict__ x, uint8_t *__restrict__ out, int64_t blocks)
{
    const int64_t b = int64_t(blockIdx.x) * kWarpsPerCta + int64_t(threadIdx.x) / kWarpSize;
    if (b >= blocks)
        return;   // the whole warp leaves together
    const int lane = int(threadIdx.x) % kWarpSize;
    storeQ8_0Block(x[b * 32 + lane], out + b * 34);
}

// Block b: 256 values, lane j holds values j + 32k, k = 0..7. The scale comes
// from the first value of largest magnitude, its sign included.
__global__ void __launch_bounds__(kWarpsPerCta *kWarpSize)
    quantizeQ8_KKernel(const float *__restrict__ x, uint8_t *__restrict__ out, int64_t blocks)
{
    const int64_t b = int64_t(blockIdx.x) * kWarpsPerCta + int64_t(threadIdx.x) / kWarpSize;
    if (b >= blocks)
        return;
    const int lane = int(threadIdx.x) % kWarpSize;
    const float *v = x + b * kQ8KBlock;
    float amax = 0.0f;
    int at = kQ8KBlock;   // index of the first value of largest magnitude; none yet
    float values[8];
#pragma unroll
    for (int k = 0; k < 8; ++k) {
        values[k] = v[lane + 32 * k];
        if (fabsf(values[k]) > amax) {
            amax = fabsf(values[k]);
            at = lane + 32 * k;
        }
    }
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset /= 2) {
        const float otherMax = __shfl_xor_sync(0xffffffffu, amax, offset);
        const int otherAt = __shfl_xor_sync(0xffffffffu, at, offset);
        if (otherMax > amax || (otherMax == amax && otherAt < at)) {
            amax = otherMax;
            at = otherAt;
        }
    }
    uint8_t *blk = out + b * kQ8KBlockBytes;
    auto *qs = reinterpret_cast<int8_t *>(blk + 4);
    auto *sums = reinterpret_cast<int16_t *>(blk + 260);
    if (amax == 0.0f) {
#pragma unroll
        for (int k = 0; k < 8; ++k)
            qs[lane + 32 * k] = 0;
        if (lane < 16)
            sums[lane] = 0;
        if (lane == 0)
            *reinterpret_cast<float *>(blk) = 0.0f;
        return;
    }
    const float iscale = -127.0f / v[at];
#pragma unroll
    for (int k = 0; k < 8; ++k) {
        const int q = min(__float2int_rn(iscale * values[k]), 127);
        qs[lane + 32 * k] = int8_t(q);
        // Group (lane + 32k) / 16 = 2k + lane / 16: a half-warp's sum.
        int sum = q;
#pragma unroll
        for (int offset = 8; offset > 0; offset /= 2)
            sum += __shfl_xor_sync(0xffffffffu, sum, offset);
        if (lane % 16 == 0)
            sums[2 * k + lane / 16] = int16_t(sum);
    }
    if (lane == 0)
        *reinterpret_cast<float *>(blk) = 1.0f / iscale;
}

unsigned ctasFor(int64_t blocks)
{
    return unsigned((blocks + kWarpsPerCta - 1) / kWarpsPerCta);
}

} // namespace
} // namespace kernels

Result<void> quantizeActivations(cpu::ActType type, const float *x, int n, int cols, void *out, cudaStream_t stream)
{
    if (!x || !out || n < 1 || cols < 1)
        return makeError("quantizeActivations: empty input or null device pointer");
    const int block = type == cpu::ActType::Q8_0 ? 32 : type == cpu::ActType::Q8_K ? kernels::kQ8KBlock : 0;
    if (block == 0 || cols % block != 0)
        return makeError("quantizeActivations: rows of ", cols, " values cannot be ",
                         type == cpu::ActType::Q8_K ? "Q8_K" : "this type's", " blocks");
    // Rows are whole blocks, so the (n, cols) input is n * cols / block consecutive blocks.
    const int64_t blocks = int64_t(n) * cols / block;
    auto *bytes = static_cast<uint8_t *>(out);
    if (type == cpu::ActType::Q8_0)
        kernels::quantizeQ8_0Kernel<<<kernels::ctasFor(blocks), kernels::kWarpsPerCta * kernels::kWarpSize, 0, stream>>>(
            x, bytes, blocks);
    else
        kernels::quantizeQ8_KKernel<<<kernels::ctasFor(blocks), kernels::kWarpsPerCta * kernels::kWarpSize, 0, stream>>>(
            x, bytes, blocks);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
