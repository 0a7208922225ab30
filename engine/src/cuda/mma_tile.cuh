#pragma once
// The tile of the tensor-core matrix product (mma_matmul.cu). A CTA of four
// warps multiplies 32 weight rows by up to 64 tokens; weights and
// activations pass through shared memory 256 values of each row at a time,
// decoded into int8 chunks (chunk_decode.cuh). Warp w computes rows
// 16 (w % 2) .. +15 against tokens 32 (w / 2) .. +31, as four 16 x 8 products
// per 16 values: mma.sync m16n8k16 with s8 inputs and exact s32 sums, which
// are then scaled into float accumulators.
//
// Fragment layouts (PTX ISA, "Matrix Fragments for mma.m16n8k16 with integer
// type"), for lane l, g = l / 4, t = l % 4:
//   A (16 x 16, row-major): register 0 holds row g, columns 4t .. 4t + 3;
//     register 1 the same columns of row g + 8;
//   B (16 x 8, column-major): one register, rows 4t .. 4t + 3 of column g;
//   C (16 x 8): c[i] is row g + 8 (i / 2), column 2t + i % 2.
// Everything here is host code too: tests run a tile lane by lane against
// that layout (tests/engine/cuda_block_decode_host.cu).

#include "cuda/chunk_decode.cuh"

namespace modelatlas::engine::cuda::kernels {

constexpr int kMmaRows = 32;      // weight rows per CTA
constexpr int kMmaTokens = 64;    // tokens per CTA
constexpr int kMmaThreads = 128;  // four warps
constexpr int kMmaChunks = 8;     // 32-value chunks per step: 256 values
constexpr int kMmaTileTokens = 8; // the n of one mma
constexpr int kMmaNTiles = 4;     // mma per warp per 16 values: 32 tokens
// Bytes per shared row: 16 more than the 256 values shifts each row by four
// banks, so a fragment's eight rows x four columns hit all 32 banks once.
constexpr int kMmaRowBytes = kMmaChunks * kChunkValues + 16;

struct alignas(16) MmaTile {
    int8_t w[kMmaRows][kMmaRowBytes];
    int8_t x[kMmaTokens][kMmaRowBytes];
    float wScale[kMmaRows][2 * kMmaChunks];   // per 16 values
    float wMin[kMmaRows][kMmaChunks];
    float xScale[kMmaTokens][kMmaChunks];
    int xSum[kMmaTokens][kMmaChunks];
};

MA_HOST_DEVICE __forceinline__ void storeChunk(int8_t *dst, const uint32_t (&q)[8])
{
    auto *d = reinterpret_cast<uint4 *>(dst);   // 16-byte aligned: rows and chunks are
    d[0] = make_uint4(q[0], q[1], q[2], q[3]);
    d[1] = make_uint4(q[4], q[5], q[6], q[7]);
}

// Loads task `task` (< kMmaRows * kMmaChunks) of a step: chunk task % 8 of
// tile row task / 8. Rows past `rows` and chunks past `nChunks` are zero.
template <class Chunks>
MA_HOST_DEVICE void loadWeightChunk(MmaTile &tile, const uint8_t *w, uint64_t rowStride, int rows, int nChunks,
                                    int step, int task)
{
    const int r = task / kMmaChunks, c = task % kMmaChunks, j = step * kMmaChunks + c;
    WeightChunk chunk = {};
    if (r < rows && j < nChunks)
        Chunks::decode(w + uint64_t(r) * rowStride, j, chunk);
    storeChunk(&tile.w[r][kChunkValues * c], chunk.q);
    tile.wScale[r][2 * c] = chunk.scale[0];
    tile.wScale[r][2 * c + 1] = chunk.scale[1];
    tile.wMin[r][c] = chunk.min;
}

// The same for a token (task < kMmaTokens * kMmaChunks); tokens past `n` are zero.
template <bool kQ8K>
MA_HOST_DEVICE void loadTokenChunk(MmaTile &tile, const uint8_t *act, uint64_t actRowBytes, int n, int nChunks,
                                   int step, int task)
{
    const int t = task / kMmaChunks, c = task % kMmaChunks, j = step * kMmaChunks + c;
    ActivationChunk chunk = {};
    if (t < n && j < nChunks)
        decodeActivationChunk<kQ8K>(act + uint64_t(t) * actRowBytes, j, chunk);
    storeChunk(&tile.x[t][kChunkValues * c], chunk.q);
    tile.xScale[t][c] = chunk.scale;
    tile.xSum[t][c] = chunk.sum;
}

// Four bytes of a shared tile (4-byte aligned): int8 values or two halves.
template <class T>
MA_HOST_DEVICE __forceinline__ uint32_t loadWord(const T *p)
{
    return *reinterpret_cast<const uint32_t *>(p);
}

// Lane's A fragment of tile rows rowBase .. +15, values k .. k + 15 of the step.
MA_HOST_DEVICE __forceinline__ void loadFragmentA(const MmaTile &tile, int rowBase, int k, int lane,
                                                  uint32_t (&a)[2])
{
    const int g = lane / 4, t = lane % 4;
    a[0] = loadWord(&tile.w[rowBase + g][k + 4 * t]);
    a[1] = loadWord(&tile.w[rowBase + g + 8][k + 4 * t]);
}

// Lane's B fragment of columns base .. +7, values k .. k + 15, from a shared
// array holding a row of int8 values per column.
template <int kRowBytes>
MA_HOST_DEVICE __forceinline__ uint32_t loadS8FragmentB(const int8_t (*x)[kRowBytes], int base, int k, int lane)
{
    return loadWord(&x[base + lane / 4][k + 4 * (lane % 4)]);
}

// Lane's B fragment of tokens tokenBase .. +7, values k .. k + 15.
MA_HOST_DEVICE __forceinline__ uint32_t loadFragmentB(const MmaTile &tile, int tokenBase, int k, int lane)
{
    return loadS8FragmentB(tile.x, tokenBase, k, lane);
}

// Tile row and token of accumulator i of a lane, relative to its 16 x 8 product.
MA_HOST_DEVICE __forceinline__ int accumulatorRow(int lane, int i)
{
    return lane / 4 + 8 * (i / 2);
}
MA_HOST_DEVICE __forceinline__ int accumulatorToken(int lane, int i)
{
    return 2 * (lane % 4) + i % 2;
}

// acc += the exact sums c of values 16 h .. of chunk `chunk`, scaled by the
// weight row's and the token's scales.
MA_HOST_DEVICE __forceinline__ void accumulateProducts(const MmaTile &tile, int rowBase, int tokenBase, int chunk,
                                                       int h, int lane, const int (&c)[4], float (&acc)[4])
{
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const int r = rowBase + accumulatorRow(lane, i), t = tokenBase + accumulatorToken(lane, i);
        acc[i] = fmaf(float(c[i]), tile.wScale[r][2 * chunk + h] * tile.xScale[t][chunk], acc[i]);
    }
}

// acc -= the K-quant chunk's min times the token's values' sum.
MA_HOST_DEVICE __forceinline__ void subtractMins(const MmaTile &tile, int rowBase, int tokenBase, int chunk, int lane,
                                                 float (&acc)[4])
{
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const int r = rowBase + accumulatorRow(lane, i), t = tokenBase + accumulatorToken(lane, i);
        acc[i] = fmaf(-tile.wMin[r][chunk] * tile.xScale[t][chunk], float(tile.xSum[t][chunk]), acc[i]);
    }
}

// Where warp `warp` works in the CTA's tile.
MA_HOST_DEVICE __forceinline__ int warpRowBase(int warp)
{
    return 16 * (warp % 2);
}
MA_HOST_DEVICE __forceinline__ int warpTokenBase(int warp)
{
    return kMmaTileTokens * kMmaNTiles * (warp / 2);
}

} // namespace modelatlas::engine::cuda::kernels
