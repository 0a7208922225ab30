// Host build of the kernels' block decoding (see cuda_block_decode_host.h).
#include "cuda_block_decode_host.h"
#include "cuda_mma_emulation.h"

#include "cuda/block_dot.cuh"
#include "cuda/mma_tile_f16.cuh"
#include "cuda/top_k.cuh"

#include <cmath>
#include <memory>
#include <vector>

namespace modelatlas::engine::test {

namespace {

template <class Rows>
float warpRowDot(const uint8_t *row, const uint8_t *act, int cols)
{
    const int nBlocks = cols / Rows::kElems;
    const int nSlices = nBlocks * Rows::kSlices;
    float lanes[kLanes] = {};
    for (int lane = 0; lane < kLanes; ++lane) {
        for (int s = lane; s < nSlices; s += kLanes) {
            const int b = s / Rows::kSlices;
            Rows::accumulate(lanes[lane], row + size_t(b) * Rows::kBytes, s % Rows::kSlices,
                             act + size_t(b) * Rows::kActBytes);
        }
        if constexpr (Rows::kHasTail) {
            for (int i = nBlocks * Rows::kElems + lane; i < cols; i += kLanes)
                lanes[lane] = std::fma(Rows::element(row, i), reinterpret_cast<const float *>(act)[i], lanes[lane]);
        }
    }
    // warpSum: every lane adds its partner's value at xor distance 16, 8, 4, 2, 1.
    for (int offset = kLanes / 2; offset > 0; offset /= 2) {
        float next[kLanes];
        for (int lane = 0; lane < kLanes; ++lane)
            next[lane] = lanes[lane] + lanes[lane ^ offset];
        for (int lane = 0; lane < kLanes; ++lane)
            lanes[lane] = next[lane];
    }
    return lanes[0];
}

template <class Chunks>
void decodeChunk(const uint8_t *row, int j, float (&values)[32])
{
    cuda::kernels::WeightChunk chunk = {};
    Chunks::decode(row, j, chunk);
    for (int i = 0; i < 32; ++i) {
        const auto q = int8_t(uint8_t(chunk.q[i / 4] >> (8 * (i % 4))));
        values[i] = chunk.scale[i / 16] * float(q) - chunk.min;
    }
}

// A warp's accumulators in the tensor-core kernels: n-tile, lane, element.
using WarpAccumulators = float[cuda::kernels::kMmaNTiles][kLanes][4];

// What the kernels' final stores write for the CTA at (row0, token0).
void storeWarps(const std::vector<WarpAccumulators> &acc, int row0, int token0, int rows, int n, float *y)
{
    using namespace cuda::kernels;
    for (size_t warp = 0; warp < acc.size(); ++warp)
        for (int nt = 0; nt < kMmaNTiles; ++nt)
            for (int lane = 0; lane < kLanes; ++lane)
                for (int i = 0; i < 4; ++i) {
                    const int r = row0 + warpRowBase(int(warp)) + accumulatorRow(lane, i);
                    const int t = token0 + warpTokenBase(int(warp)) + kMmaTileTokens * nt + accumulatorToken(lane, i);
                    if (r < rows && t < n)
                        y[size_t(t) * size_t(rows) + size_t(r)] = acc[warp][nt][lane][i];
                }
}

// mmaMatMulKernel's steps, CTA by CTA and warp by warp.
template <class Chunks>
void mmaMatMul(const uint8_t *w, uint64_t rowStride, const uint8_t *act, uint64_t actRowBytes, int rows, int cols,
               int n, float *y)
{
    using namespace cuda::kernels;
    constexpr int kWarps = kMmaThreads / kLanes;
    const auto tile = std::make_unique<MmaTile>();
    const int nChunks = cols / kChunkValues;
    std::vector<WarpAccumulators> acc(kWarps);
    for (int row0 = 0; row0 < rows; row0 += kMmaRows) {
        for (int token0 = 0; token0 < n; token0 += kMmaTokens) {
            for (auto &warpAcc : acc)
                std::fill_n(&warpAcc[0][0][0], kMmaNTiles * kLanes * 4, 0.0f);
            for (int step = 0; step * kMmaChunks < nChunks; ++step) {
                for (int task = 0; task < kMmaRows * kMmaChunks; ++task)
                    loadWeightChunk<Chunks>(*tile, w + uint64_t(row0) * rowStride, rowStride, rows - row0, nChunks,
                                            step, task);
                for (int task = 0; task < kMmaTokens * kMmaChunks; ++task)
                    loadTokenChunk<Chunks::kQ8K>(*tile, act + uint64_t(token0) * actRowBytes, actRowBytes,
                                                 n - token0, nChunks, step, task);
                for (int warp = 0; warp < kWarps; ++warp) {
                    const int rowBase = warpRowBase(warp), tokenBase = warpTokenBase(warp);
                    for (int chunk = 0; chunk < kMmaChunks; ++chunk) {
                        for (int h = 0; h < 2; ++h) {
                            const int k = kChunkValues * chunk + 16 * h;
                            uint32_t a[kLanes][2];
                            for (int lane = 0; lane < kLanes; ++lane)
                                loadFragmentA(*tile, rowBase, k, lane, a[lane]);
                            for (int nt = 0; nt < kMmaNTiles; ++nt) {
                                const int tokens = tokenBase + kMmaTileTokens * nt;
                                uint32_t b[kLanes];
                                for (int lane = 0; lane < kLanes; ++lane)
                                    b[lane] = loadFragmentB(*tile, tokens, k, lane);
                                int c[kLanes][4];
                                emulateMmaS8(a, b, c);
                                for (int lane = 0; lane < kLanes; ++lane)
                                    accumulateProducts(*tile, rowBase, tokens, chunk, h, lane, c[lane],
                                                       acc[size_t(warp)][nt][lane]);
                            }
                        }
                        if constexpr (Chunks::kHasMin) {
                            for (int nt = 0; nt < kMmaNTiles; ++nt)
                                for (int lane = 0; lane < kLanes; ++lane)
                                    subtractMins(*tile, rowBase, tokenBase + kMmaTileTokens * nt, chunk, lane,
                                                 acc[size_t(warp)][nt][lane]);
                        }
                    }
                }
            }
            storeWarps(acc, row0, token0, rows, n, y);
        }
    }
}

// mmaMatMulF16Kernel's steps, CTA by CTA and warp by warp.
void mmaMatMulF16(const uint8_t *w, uint64_t rowStride, const float *x, int rows, int cols, int n, float *y)
{
    using namespace cuda::kernels;
    constexpr int kWarps = kMmaThreads / kLanes, kGroups = kF16StepValues / kF16Group;
    const auto tile = std::make_unique<MmaTileF16>();
    std::vector<WarpAccumulators> acc(kWarps);
    for (int row0 = 0; row0 < rows; row0 += kMmaRows) {
        for (int token0 = 0; token0 < n; token0 += kMmaTokens) {
            for (auto &warpAcc : acc)
                std::fill_n(&warpAcc[0][0][0], kMmaNTiles * kLanes * 4, 0.0f);
            for (int step = 0; step * kF16StepValues < cols; ++step) {
                for (int task = 0; task < kMmaRows * kGroups; ++task)
                    loadF16WeightGroup(*tile, w + uint64_t(row0) * rowStride, rowStride, rows - row0, cols, step,
                                       task);
                for (int task = 0; task < kMmaTokens * kGroups; ++task)
                    loadF16TokenGroup(*tile, x + uint64_t(token0) * uint64_t(cols), n - token0, cols, step, task);
                for (int warp = 0; warp < kWarps; ++warp) {
                    const int rowBase = warpRowBase(warp), tokenBase = warpTokenBase(warp);
                    for (int k = 0; k < kF16StepValues; k += 16) {
                        uint32_t a[kLanes][4];
                        for (int lane = 0; lane < kLanes; ++lane)
                            loadF16FragmentA(*tile, rowBase, k, lane, a[lane]);
                        for (int nt = 0; nt < kMmaNTiles; ++nt) {
                            for (const auto *half : {tile->xHi, tile->xLo}) {
                                uint32_t b[kLanes][2];
                                for (int lane = 0; lane < kLanes; ++lane)
                                    loadF16FragmentB(half, tokenBase + kMmaTileTokens * nt, k, lane, b[lane]);
                                emulateMmaF16(a, b, acc[size_t(warp)][nt]);
                            }
                        }
                    }
                }
            }
            storeWarps(acc, row0, token0, rows, n, y);
        }
    }
}

} // namespace

bool decodeWeightChunk(GgmlType type, const uint8_t *row, int j, float (&values)[32])
{
    using namespace cuda::kernels;
    switch (type) {
    case GgmlType::Q8_0: decodeChunk<Q8_0Chunks>(row, j, values); return true;
    case GgmlType::Q4_0: decodeChunk<Q4_0Chunks>(row, j, values); return true;
    case GgmlType::Q5_0: decodeChunk<Q5_0Chunks>(row, j, values); return true;
    case GgmlType::Q4_1: decodeChunk<Q4_1Chunks>(row, j, values); return true;
    case GgmlType::Q5_1: decodeChunk<Q5_1Chunks>(row, j, values); return true;
    case GgmlType::Q4_K: decodeChunk<Q4_KChunks>(row, j, values); return true;
    case GgmlType::Q5_K: decodeChunk<Q5_KChunks>(row, j, values); return true;
    case GgmlType::Q6_K: decodeChunk<Q6_KChunks>(row, j, values); return true;
    default: return false;
    }
}

bool emulateMmaMatMul(GgmlType type, const uint8_t *w, uint64_t rowStride, const uint8_t *act, uint64_t actRowBytes,
                      int rows, int cols, int n, float *y)
{
    using namespace cuda::kernels;
    switch (type) {
    case GgmlType::F16:
        if (cols % kF16Group != 0)
            return false;
        mmaMatMulF16(w, rowStride, reinterpret_cast<const float *>(act), rows, cols, n, y);
        return true;
    case GgmlType::Q8_0: mmaMatMul<Q8_0Chunks>(w, rowStride, act, actRowBytes, rows, cols, n, y); return true;
    case GgmlType::Q4_0: mmaMatMul<Q4_0Chunks>(w, rowStride, act, actRowBytes, rows, cols, n, y); return true;
    case GgmlType::Q5_0: mmaMatMul<Q5_0Chunks>(w, rowStride, act, actRowBytes, rows, cols, n, y); return true;
    case GgmlType::Q4_1: mmaMatMul<Q4_1Chunks>(w, rowStride, act, actRowBytes, rows, cols, n, y); return true;
    case GgmlType::Q5_1: mmaMatMul<Q5_1Chunks>(w, rowStride, act, actRowBytes, rows, cols, n, y); return true;
    case GgmlType::Q4_K: mmaMatMul<Q4_KChunks>(w, rowStride, act, actRowBytes, rows, cols, n, y); return true;
    case GgmlType::Q5_K: mmaMatMul<Q5_KChunks>(w, rowStride, act, actRowBytes, rows, cols, n, y); return true;
    case GgmlType::Q6_K: mmaMatMul<Q6_KChunks>(w, rowStride, act, actRowBytes, rows, cols, n, y); return true;
    default: return false;
    }
}

bool emulateWarpRowDot(GgmlType type, const uint8_t *row, const uint8_t *act, int cols, float &out)
{
    using namespace cuda::kernels;
    switch (type) {
    case GgmlType::F32: out = warpRowDot<F32Rows>(row, act, cols); return true;
    case GgmlType::F16: out = warpRowDot<F16Rows>(row, act, cols); return true;
    case GgmlType::BF16: out = warpRowDot<BF16Rows>(row, act, cols); return true;
    case GgmlType::Q8_0: out = warpRowDot<Q8_0Rows>(row, act, cols); return true;
    case GgmlType::Q4_0: out = warpRowDot<Q4_0Rows>(row, act, cols); return true;
    case GgmlType::Q5_0: out = warpRowDot<Q5_0Rows>(row, act, cols); return true;
    case GgmlType::Q4_1: out = warpRowDot<Q4_1Rows>(row, act, cols); return true;
    case GgmlType::Q5_1: out = warpRowDot<Q5_1Rows>(row, act, cols); return true;
    case GgmlType::Q4_K: out = warpRowDot<Q4_KRows>(row, act, cols); return true;
    case GgmlType::Q5_K: out = warpRowDot<Q5_KRows>(row, act, cols); return true;
    case GgmlType::Q6_K: out = warpRowDot<Q6_KRows>(row, act, cols); return true;
    default: return false;
    }
}

uint32_t orderedKeyOf(float f)
{
    return cuda::kernels::orderedKey(f);
}

std::vector<TokenLogit> emulateSelectTopK(std::span<const float> values, int k)
{
    using namespace cuda::kernels;
    uint32_t prefix = 0, mask = 0, remaining = uint32_t(k);
    for (int shift = 32 - kDigitBits; shift >= 0; shift -= kDigitBits) {
        uint32_t counts[kDigitBins] = {};
        for (const float v : values) {
            const uint32_t key = orderedKey(v);
            if ((key & mask) == prefix)
                ++counts[(key >> shift) & uint32_t(kDigitBins - 1)];
        }
        const DigitChoice choice = chooseDigit(counts, remaining);
        prefix |= choice.bin << shift;
        remaining = choice.remaining;
        mask |= uint32_t(kDigitBins - 1) << shift;
    }
    std::vector<TokenLogit> out;
    for (size_t i = 0; i < values.size(); ++i) {
        if (orderedKey(values[i]) > prefix)
            out.push_back({int32_t(i), values[i]});
    }
    for (size_t i = 0; i < values.size() && remaining > 0; ++i) {
        if (orderedKey(values[i]) == prefix) {
            out.push_back({int32_t(i), values[i]});
            --remaining;
        }
    }
    return out;
}

} // namespace modelatlas::engine::test
