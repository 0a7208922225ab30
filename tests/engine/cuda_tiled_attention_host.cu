// Host run of the tiled prompt attention (see cuda_tiled_attention_host.h).
#include "cuda_tiled_attention_host.h"

#include "cuda_mma_emulation.h"

#include "cuda/tiled_attention_q8.cuh"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <vector>

namespace modelatlas::engine::test {

namespace {

using namespace cuda::kernels;

// What a lane of tiledAttentionKernel keeps in registers.
template <KvCacheType T, int D>
struct LaneState {
    TiledRow rows[2];
    int rowPos[2], rowFirst[2];
    typename TiledCache<T, D>::Query query;
    float o[D / 8][4];
    float runMax[2];
    float runSum[2];
};

template <KvCacheType T, int D>
using Warp = std::array<LaneState<T, D>, kLanes>;

using Scores = float[kTiledKeyTiles][4];

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

// scoreTile: the warp's scores of the tile.
template <KvCacheType T, int D>
void scoreTile(const typename TiledCache<T, D>::Tile &tile, const Warp<T, D> &warp, Scores *s)
{
    if constexpr (T == KvCacheType::Q8_0) {
        for (int b = 0; b < D / kKvQ8Block; ++b) {
            for (int nt = 0; nt < kTiledKeyTiles; ++nt) {
                int c[kLanes][4], c2[kLanes][4];
                for (int h = 0; h < 2; ++h) {
                    uint32_t a[kLanes][2], bits[kLanes];
                    for (int l = 0; l < kLanes; ++l) {
                        std::copy(warp[l].query.a[2 * b + h], warp[l].query.a[2 * b + h] + 2, a[l]);
                        bits[l] = loadS8FragmentB(tile.key, 8 * nt, kKvQ8Block * b + 16 * h, l);
                    }
                    emulateMmaS8(a, bits, h ? c2 : c);
                }
                for (int l = 0; l < kLanes; ++l) {
                    int sum[4];
                    for (int i = 0; i < 4; ++i)
                        sum[i] = c[l][i] + c2[l][i];
                    addBlockScores<D>(s[l][nt], sum, warp[l].query, tile, nt, b, l);
                }
            }
        }
    } else {
        for (int ks = 0; ks < D / 16; ++ks) {
            for (int nt = 0; nt < kTiledKeyTiles; ++nt) {
                uint32_t a[kLanes][4], b[kLanes][2];
                for (int l = 0; l < kLanes; ++l) {
                    std::copy(warp[l].query.a[ks], warp[l].query.a[ks] + 4, a[l]);
                    loadF16FragmentB(tile.key, 8 * nt, 16 * ks, l, b[l]);
                }
                mmaInto(a, b, [&](int l) { return s[l][nt]; });
            }
        }
    }
}

// mixValues: o += the weights of keys 16 j .. +15, scaled by each lane's
// factors, times the values of dimensions dim0 .. dim0 + dims - 1.
template <KvCacheType T, int D>
void mixValues(const typename TiledCache<T, D>::Tile &tile, Warp<T, D> &warp, const Scores *s, int j,
               const float (*factor)[4], int dim0, int dims)
{
    uint32_t hi[kLanes][4], lo[kLanes][4];
    for (int l = 0; l < kLanes; ++l)
        probabilityFragments(s[l], j, factor[l], hi[l], lo[l]);
    for (int nt = dim0 / 8; nt < (dim0 + dims) / 8; ++nt) {
        uint32_t b[kLanes][2];
        for (int l = 0; l < kLanes; ++l)
            loadF16FragmentB(tile.valueT, 8 * nt, 16 * j, l, b[l]);
        mmaInto(hi, b, [&](int l) { return warp[l].o[nt]; });
        mmaInto(lo, b, [&](int l) { return warp[l].o[nt]; });
    }
}

// attendTile: one warp's rows against the tile at p0.
template <KvCacheType T, int D>
void attendTile(const typename TiledCache<T, D>::Tile &tile, Warp<T, D> &warp, int p0, float scale)
{
    auto s = std::make_unique<Scores[]>(kLanes);
    scoreTile<T, D>(tile, warp, s.get());
    float tileMax[2][kLanes];
    for (int l = 0; l < kLanes; ++l) {
        maskScores(s[l], p0, warp[l].rowFirst, warp[l].rowPos, scale, l);
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
    float factor[kLanes][4];
    for (int j = 0; j < kTiledKeySteps; ++j) {
        if constexpr (T == KvCacheType::Q8_0) {
            for (int b = 0; b < D / kKvQ8Block; ++b) {
                for (int l = 0; l < kLanes; ++l)
                    valueBlockFactors<D>(tile, j, b, l, factor[l]);
                mixValues<T, D>(tile, warp, s.get(), j, factor, kKvQ8Block * b, kKvQ8Block);
            }
        } else {
            std::fill_n(&factor[0][0], kLanes * 4, 1.0f);
            mixValues<T, D>(tile, warp, s.get(), j, factor, 0, D);
        }
    }
}

// tiledAttentionKernel for CTA (block, kvHead, split).
template <KvCacheType T, int D>
void runCta(const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0, const float *q, int nTokens,
            int nHeads, int group, int window, int ring, int block, int kvHead, int split, const Partials &partials)
{
    constexpr int kWarps = kTiledThreads / kLanes;
    const float scale = 1.0f / std::sqrt(float(D));
    const int ctaFirst = pos0 + tiledRow(block, 0, kvHead, group, nTokens).token;
    const int ctaLast = pos0 + tiledRow(block, kTiledRows - 1, kvHead, group, nTokens).token;
    const TiledSpan span = tiledSpan(split, ctaFirst, ctaLast, window);
    if (span.first > span.last)
        return;
    std::vector<Warp<T, D>> warps(kWarps);
    int warpLast[kWarps];
    for (int w = 0; w < kWarps; ++w) {
        warpLast[w] = pos0 + tiledRow(block, kTiledWarpRows * w + kTiledWarpRows - 1, kvHead, group, nTokens).token;
        for (int l = 0; l < kLanes; ++l) {
            LaneState<T, D> &lane = warps[size_t(w)][size_t(l)];
            const float *queryRows[2];
            for (int r = 0; r < 2; ++r) {
                lane.rows[r] = tiledRow(block, kTiledWarpRows * w + l / 4 + 8 * r, kvHead, group, nTokens);
                lane.rowPos[r] = pos0 + lane.rows[r].token;
                lane.rowFirst[r] = firstVisible(lane.rowPos[r], window);
                queryRows[r] = q + (uint64_t(lane.rows[r].token) * uint64_t(nHeads) + uint64_t(lane.rows[r].head)) * D;
                lane.runMax[r] = -INFINITY;
                lane.runSum[r] = 0.0f;
            }
            loadTiledQuery<D>(lane.query, queryRows[0], queryRows[1], l);
            std::fill_n(&lane.o[0][0], D / 2, 0.0f);
        }
    }
    const uint64_t headOffset = uint64_t(kvHead) * TiledCache<T, D>::kHeadBytes;
    constexpr int kLoadTasks = T == KvCacheType::Q8_0 ? kTiledKeys * D / kKvQ8Block : kTiledKeys * D / 8;
    const auto tile = std::make_unique<typename TiledCache<T, D>::Tile>();
    for (int p0 = span.first; p0 <= span.last; p0 += kTiledKeys) {
        for (int task = 0; task < kLoadTasks; ++task)
            loadTiledKv<D>(*tile, key + headOffset, value + headOffset, rowBytes, p0, span.visible, span.last, ring,
                           task);
        for (int w = 0; w < kWarps; ++w)
            if (p0 <= warpLast[w])
                attendTile<T, D>(*tile, warps[size_t(w)], p0, scale);
    }
    for (int w = 0; w < kWarps; ++w) {
        float sums[2][kLanes];
        for (int l = 0; l < kLanes; ++l)
            for (int r = 0; r < 2; ++r)
                sums[r][l] = warps[size_t(w)][size_t(l)].runSum[r];
        for (auto &row : sums)
            quadReduce(row, [](float x, float y) { return x + y; });
        for (int l = 0; l < kLanes; ++l) {
            const LaneState<T, D> &lane = warps[size_t(w)][size_t(l)];
            const float quadSum[2] = {sums[0][l], sums[1][l]};
            int64_t slot[2];
            for (int r = 0; r < 2; ++r)
                slot[r] = tiledRowStored(block, kTiledWarpRows * w + l / 4 + 8 * r, group, nTokens)
                              ? partialSlot(partials, nHeads, lane.rows[r].token, lane.rows[r].head, split)
                              : -1;
            storeTiledPartials<D>(lane.o, TiledCache<T, D>::kOutScale, lane.runMax, quadSum, slot, l, partials);
        }
    }
}

template <KvCacheType T, int D>
void tiledAttention(const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0, int nTokens,
                    const float *q, int nHeads, int nKvHeads, int window, int ring, float *out)
{
    const int group = nHeads / nKvHeads;
    const int maxSplits = splitsFor(pos0 + nTokens);
    const size_t slots = size_t(nTokens) * size_t(nHeads) * size_t(maxSplits);
    std::vector<float> outs(slots * D, NAN), maxima(slots, NAN), sums(slots, NAN);
    const Partials partials{outs.data(), maxima.data(), sums.data(), maxSplits};
    const int blocks = (nTokens * group + kTiledRows - 1) / kTiledRows;
    for (int block = 0; block < blocks; ++block)
        for (int kvHead = 0; kvHead < nKvHeads; ++kvHead)
            for (int z = 0; z < launchedSplits(pos0, nTokens, window); ++z)
                runCta<T, D>(key, value, rowBytes, pos0, q, nTokens, nHeads, group, window, ring, block, kvHead,
                             firstSplit(pos0, window) + z, partials);
    // attentionMergeKernel, (head, token) by (head, token).
    for (int t = 0; t < nTokens; ++t) {
        const int seen = firstSplit(pos0 + t, window);
        const int splits = splitsFor(pos0 + t + 1) - seen;
        for (int h = 0; h < nHeads; ++h) {
            const int64_t first = partialSlot(partials, nHeads, t, h, seen);
            const MergeScale m = mergeScale(partials, first, splits);
            for (int d = 0; d < D; ++d)
                out[(size_t(t) * size_t(nHeads) + size_t(h)) * D + size_t(d)] =
                    mergedValue(partials, first, splits, D, m, d);
        }
    }
}

} // namespace

bool emulateTiledAttention(KvCacheType type, const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0,
                           int nTokens, const float *q, int nHeads, int nKvHeads, int headDim, int window, int ring,
                           float *out)
{
    using Run = void (*)(const uint8_t *, const uint8_t *, uint64_t, int, int, const float *, int, int, int, int,
                         float *);
    constexpr KvCacheType F16 = KvCacheType::F16, Q8 = KvCacheType::Q8_0;
    const bool q8 = type == Q8;
    const Run run = headDim == 64    ? (q8 ? tiledAttention<Q8, 64> : tiledAttention<F16, 64>)
                    : headDim == 96  ? (q8 ? tiledAttention<Q8, 96> : tiledAttention<F16, 96>)
                    : headDim == 128 ? (q8 ? tiledAttention<Q8, 128> : tiledAttention<F16, 128>)
                                     : nullptr;
    if (!run)
        return false;
    run(key, value, rowBytes, pos0, nTokens, q, nHeads, nKvHeads, window, ring, out);
    return true;
}

} // namespace modelatlas::engine::test
