// Host run of the tiled prompt attention (see cuda_tiled_attention_host.h).
#include "cuda_tiled_attention_host.h"

#include "cuda_mma_emulation.h"

#include "cuda/tiled_attention_tile.cuh"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <vector>

namespace modelatlas::engine::test {

namespace {

using namespace cuda::kernels;

// What a lane of tiledAttentionKernel keeps in registers.
template <int D>
struct LaneState {
    TiledRow rows[2];
    int rowPos[2];
    uint32_t query[D / 16][4];
    float o[D / 8][4];
    float runMax[2];
    float runSum[2];
};

template <int D>
using Warp = std::array<LaneState<D>, kLanes>;

// The quad's reduction in the shuffles' order: partner at xor 1, then xor 2.
template <class Combine>
void quadReduce(float (&v)[kLanes], Combine combine)
{
    for (int offset = 1; offset <= 2; offset *= 2) {
        float next[kLanes];
        for (int l = 0; l < kLanes; ++l)
            next[l] = combine(v[l], v[l ^ offset]);
        std::copy(next, next + kLanes, v);
    }
}

// c (a lane-major accumulator, [lane][4]) += a b over the warp.
template <class Acc>
void mmaInto(const uint32_t (&a)[kLanes][4], const uint32_t (&b)[kLanes][2], Acc accumulatorOf)
{
    float c[kLanes][4];
    for (int l = 0; l < kLanes; ++l)
        std::copy(accumulatorOf(l), accumulatorOf(l) + 4, c[l]);
    emulateMmaF16(a, b, c);
    for (int l = 0; l < kLanes; ++l)
        std::copy(c[l], c[l] + 4, accumulatorOf(l));
}

// attendTile: one warp's rows against the tile at p0.
template <int D>
void attendTile(const TiledAttentionTile<D> &tile, Warp<D> &warp, int p0, float scale)
{
    auto s = std::make_unique<float[][kTiledKeyTiles][4]>(kLanes);
    for (int ks = 0; ks < D / 16; ++ks) {
        for (int nt = 0; nt < kTiledKeyTiles; ++nt) {
            uint32_t a[kLanes][4], b[kLanes][2];
            for (int l = 0; l < kLanes; ++l) {
                std::copy(warp[l].query[ks], warp[l].query[ks] + 4, a[l]);
                loadF16FragmentB(tile.key, 8 * nt, 16 * ks, l, b[l]);
            }
            mmaInto(a, b, [&](int l) { return s[l][nt]; });
        }
    }
    float tileMax[2][kLanes];
    for (int l = 0; l < kLanes; ++l) {
        maskScores(s[l], p0, warp[l].rowPos, scale, l);
        float m[2];
        rowMaxima(s[l], m);
        tileMax[0][l] = m[0];
        tileMax[1][l] = m[1];
    }
    for (auto &row : tileMax)
        quadReduce(row, [](float x, float y) { return std::fmax(x, y); });
    for (int l = 0; l < kLanes; ++l) {
        const float m[2] = {tileMax[0][l], tileMax[1][l]};
        softmaxStep<D>(s[l], m, warp[l].runMax, warp[l].runSum, warp[l].o);
    }
    for (int j = 0; j < kTiledKeySteps; ++j) {
        uint32_t hi[kLanes][4], lo[kLanes][4];
        for (int l = 0; l < kLanes; ++l)
            probabilityFragments(s[l], j, hi[l], lo[l]);
        for (int nt = 0; nt < D / 8; ++nt) {
            uint32_t b[kLanes][2];
            for (int l = 0; l < kLanes; ++l)
                loadF16FragmentB(tile.valueT, 8 * nt, 16 * j, l, b[l]);
            mmaInto(hi, b, [&](int l) { return warp[l].o[nt]; });
            mmaInto(lo, b, [&](int l) { return warp[l].o[nt]; });
        }
    }
}

// tiledAttentionKernel for CTA (block, kvHead, split).
template <int D>
void runCta(const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0, const float *q, int nTokens,
            int nHeads, int group, int block, int kvHead, int split, const Partials &partials)
{
    constexpr int kWarps = kTiledThreads / kLanes;
    const float scale = 1.0f / std::sqrt(float(D));
    const int ctaLast = pos0 + tiledRow(block, kTiledRows - 1, kvHead, group, nTokens).token;
    const int first = split * kSplitPositions;
    if (first > ctaLast)
        return;
    const int last = std::min(first + kSplitPositions - 1, ctaLast);
    std::vector<Warp<D>> warps(kWarps);
    int warpLast[kWarps];
    for (int w = 0; w < kWarps; ++w) {
        warpLast[w] = pos0 + tiledRow(block, kTiledWarpRows * w + kTiledWarpRows - 1, kvHead, group, nTokens).token;
        for (int l = 0; l < kLanes; ++l) {
            LaneState<D> &lane = warps[size_t(w)][size_t(l)];
            const float *queryRows[2];
            for (int r = 0; r < 2; ++r) {
                lane.rows[r] = tiledRow(block, kTiledWarpRows * w + l / 4 + 8 * r, kvHead, group, nTokens);
                lane.rowPos[r] = pos0 + lane.rows[r].token;
                queryRows[r] = q + (uint64_t(lane.rows[r].token) * uint64_t(nHeads) + uint64_t(lane.rows[r].head)) * D;
                lane.runMax[r] = -INFINITY;
                lane.runSum[r] = 0.0f;
            }
            loadQueryFragments<D>(queryRows[0], queryRows[1], l, lane.query);
            std::fill_n(&lane.o[0][0], D / 2, 0.0f);
        }
    }
    const uint64_t headOffset = uint64_t(kvHead) * D * 2;
    const auto tile = std::make_unique<TiledAttentionTile<D>>();
    for (int p0 = first; p0 <= last; p0 += kTiledKeys) {
        for (int task = 0; task < kTiledKeys * D / 8; ++task)
            loadTiledKv<D>(*tile, key + headOffset, value + headOffset, rowBytes, p0, last, task);
        for (int w = 0; w < kWarps; ++w)
            if (p0 <= warpLast[w])
                attendTile<D>(*tile, warps[size_t(w)], p0, scale);
    }
    for (int w = 0; w < kWarps; ++w) {
        float sums[2][kLanes];
        for (int l = 0; l < kLanes; ++l)
            for (int r = 0; r < 2; ++r)
                sums[r][l] = warps[size_t(w)][size_t(l)].runSum[r];
        for (auto &row : sums)
            quadReduce(row, [](float x, float y) { return x + y; });
        for (int l = 0; l < kLanes; ++l) {
            const LaneState<D> &lane = warps[size_t(w)][size_t(l)];
            const float quadSum[2] = {sums[0][l], sums[1][l]};
            int64_t slot[2];
            for (int r = 0; r < 2; ++r)
                slot[r] = tiledRowStored(block, kTiledWarpRows * w + l / 4 + 8 * r, group, nTokens)
                              ? partialSlot(partials, nHeads, lane.rows[r].token, lane.rows[r].head, split)
                              : -1;
            storeTiledPartials<D>(lane.o, lane.runMax, quadSum, slot, l, partials);
        }
    }
}

template <int D>
void tiledAttention(const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0, int nTokens,
                    const float *q, int nHeads, int nKvHeads, float *out)
{
    const int group = nHeads / nKvHeads;
    const int maxSplits = splitsFor(pos0 + nTokens);
    const size_t slots = size_t(nTokens) * size_t(nHeads) * size_t(maxSplits);
    std::vector<float> outs(slots * D, NAN), maxima(slots, NAN), sums(slots, NAN);
    const Partials partials{outs.data(), maxima.data(), sums.data(), maxSplits};
    const int blocks = (nTokens * group + kTiledRows - 1) / kTiledRows;
    for (int block = 0; block < blocks; ++block)
        for (int kvHead = 0; kvHead < nKvHeads; ++kvHead)
            for (int split = 0; split < maxSplits; ++split)
                runCta<D>(key, value, rowBytes, pos0, q, nTokens, nHeads, group, block, kvHead, split, partials);
    // attentionMergeKernel, (head, token) by (head, token).
    for (int t = 0; t < nTokens; ++t) {
        const int splits = splitsFor(pos0 + t + 1);
        for (int h = 0; h < nHeads; ++h) {
            const int64_t first = partialSlot(partials, nHeads, t, h, 0);
            const MergeScale m = mergeScale(partials, first, splits);
            for (int d = 0; d < D; ++d)
                out[(size_t(t) * size_t(nHeads) + size_t(h)) * D + size_t(d)] =
                    mergedValue(partials, first, splits, D, m, d);
        }
    }
}

} // namespace

bool emulateTiledAttention(const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0, int nTokens,
                           const float *q, int nHeads, int nKvHeads, int headDim, float *out)
{
    switch (headDim) {
    case 64: tiledAttention<64>(key, value, rowBytes, pos0, nTokens, q, nHeads, nKvHeads, out); return true;
    case 96: tiledAttention<96>(key, value, rowBytes, pos0, nTokens, q, nHeads, nKvHeads, out); return true;
    case 128: tiledAttention<128>(key, value, rowBytes, pos0, nTokens, q, nHeads, nKvHeads, out); return true;
    default: return false;
    }
}

} // namespace modelatlas::engine::test
