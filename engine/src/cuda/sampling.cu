// Repetition penalty and top-k selection on the device. The selection is a
// radix select in one CTA: four passes of 8-bit digit histograms find the
// k-th largest key, a fifth gathers the keys above it and, in index order,
// as many keys equal to it as complete k: the set the host sampler's sort
// (by logit, ties to the lower id) would keep.
#include "modelatlas/engine/cuda/cuda_sampling.h"

#include "cuda/cuda_check.h"
#include "cuda/top_k.cuh"
#include "cuda/warp_reduce.cuh"

#include <cub/block/block_scan.cuh>

namespace modelatlas::engine::cuda {

namespace kernels {
namespace {

constexpr int kPenaltyThreads = 256;
constexpr int kSelectThreads = 1024;
constexpr uint32_t kNoBin = 0xffffffffu;

__global__ void penaliseKernel(float *out, const int32_t *ids, int nIds, float penalty)
{
    const int i = int(blockIdx.x) * kPenaltyThreads + int(threadIdx.x);
    if (i >= nIds)
        return;
    float &l = out[ids[i]];
    l = l > 0.0f ? l / penalty : l * penalty;
}

// Adds each lane's bin (kNoBin: none) to the histogram, one atomic per
// distinct bin per warp: logits crowd into a few bins of the top digits.
__device__ __forceinline__ void countBin(uint32_t *histogram, uint32_t bin)
{
    const unsigned peers = __match_any_sync(0xffffffffu, bin);
    const int lane = int(threadIdx.x) % kWarpSize;
    if (bin != kNoBin && lane == __ffs(peers) - 1)
        atomicAdd(&histogram[bin], uint32_t(__popc(peers)));
}

__global__ void __launch_bounds__(kSelectThreads) selectTopKKernel(const float *values, int n, int k, TokenLogit *out)
{
    __shared__ uint32_t histogram[kDigitBins];
    __shared__ DigitChoice choice;
    __shared__ int aboveCursor;
    using Scan = cub::BlockScan<int, kSelectThreads>;
    __shared__ typename Scan::TempStorage scanStorage;
    const int tid = int(threadIdx.x);
    uint32_t prefix = 0, mask = 0, remaining = uint32_t(k);
    for (int shift = 32 - kDigitBits; shift >= 0; shift -= kDigitBits) {
        for (int b = tid; b < kDigitBins; b += kSelectThreads)
            histogram[b] = 0;
        __syncthreads();
        // Every lane runs every round, so the warp's match stays full.
        for (int base = 0; base < n; base += kSelectThreads) {
            const int i = base + tid;
            uint32_t bin = kNoBin;
            if (i < n) {
                const uint32_t key = orderedKey(values[i]);
                if ((key & mask) == prefix)
                    bin = (key >> shift) & uint32_t(kDigitBins - 1);
            }
            countBin(histogram, bin);
        }
        __syncthreads();
        if (tid == 0)
            choice = chooseDigit(histogram, remaining);
        __syncthreads();
        prefix |= choice.bin << shift;
        remaining = choice.remaining;
        mask |= uint32_t(kDigitBins - 1) << shift;
        __syncthreads();   // choice and the histogram are rewritten next pass
    }
    // prefix is the k-th largest key: k - remaining keys lie above it, and the
    // `remaining` lowest indices holding it complete the set.
    if (tid == 0)
        aboveCursor = 0;
    __syncthreads();
    for (int i = tid; i < n; i += kSelectThreads) {
        if (orderedKey(values[i]) > prefix)
            out[atomicAdd(&aboveCursor, 1)] = TokenLogit{i, values[i]};
    }
    const int per = (n + kSelectThreads - 1) / kSelectThreads;
    const int begin = min(n, tid * per), end = min(n, begin + per);
    int ties = 0;
    for (int i = begin; i < end; ++i)
        ties += orderedKey(values[i]) == prefix ? 1 : 0;
    int rank = 0;
    Scan(scanStorage).ExclusiveSum(ties, rank);
    TokenLogit *tieOut = out + (k - int(remaining));
    for (int i = begin; i < end && rank < int(remaining); ++i) {
        if (orderedKey(values[i]) == prefix)
            tieOut[rank++] = TokenLogit{i, values[i]};
    }
}

} // namespace
} // namespace kernels

Result<void> penaliseLogits(const float *logits, int vocab, const int32_t *ids, int nIds, float penalty, float *out,
                            cudaStream_t stream)
{
    if (vocab < 1 || nIds < 0 || nIds > vocab)
        return makeError("penaliseLogits: ", nIds, " ids over a vocabulary of ", vocab);
    MA_CUDA_TRY(cudaMemcpyAsync(out, logits, size_t(vocab) * sizeof(float), cudaMemcpyDeviceToDevice, stream));
    if (nIds > 0) {
        const unsigned blocks = unsigned((nIds + kernels::kPenaltyThreads - 1) / kernels::kPenaltyThreads);
        kernels::penaliseKernel<<<blocks, kernels::kPenaltyThreads, 0, stream>>>(out, ids, nIds, penalty);
        MA_CUDA_TRY(cudaGetLastError());
    }
    return {};
}

Result<void> selectTopK(const float *values, int n, int k, TokenLogit *out, cudaStream_t stream)
{
    if (n < 1 || k < 1 || k > n)
        return makeError("selectTopK: ", k, " of ", n, " values");
    kernels::selectTopKKernel<<<1, kernels::kSelectThreads, 0, stream>>>(values, n, k, out);
    MA_CUDA_TRY(cudaGetLastError());
    return {};
}

} // namespace modelatlas::engine::cuda
